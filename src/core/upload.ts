/**
 * HTTP File Upload (XEP-0363): find the account's upload service, ask it for
 * a slot, and PUT the file there. The GET URL of the slot is what a message
 * then shares.
 */
import type { Connection } from './connection.js';
import { discoItems } from './disco.js';
import { type StanzaError, XmppError } from './errors.js';
import { parseDataForm } from './dataform.js';
import { domainOf } from './jid.js';
import { NS, child, children, xml } from './xml.js';

/** The XEP-0363 namespace (version 0.3+ of the protocol, `urn:xmpp:http:upload:0`). */
export const NS_HTTP_UPLOAD = 'urn:xmpp:http:upload:0';

/** An upload service of the account's server. */
export interface UploadService {
  /** Its JID, e.g. `upload.example.org`. */
  readonly jid: string;
  /** The largest file it takes, in bytes (its disco#info form's `max-file-size`); undefined when it names none. */
  readonly maxFileSize?: number;
}

/** What the service is told about a file before it is sent. */
export interface UploadFileInfo {
  /** The file name, e.g. `photo.png`. */
  readonly name: string;
  /** Its size in bytes. */
  readonly size: number;
  /** Its media type, e.g. `image/png`; '' for none (the service assumes application/octet-stream). */
  readonly type: string;
}

/** A slot (XEP-0363 §4): where to PUT the file and where it can then be fetched. */
export interface UploadSlot {
  readonly put: {
    readonly url: string;
    /** Headers to send with the PUT: only `Authorization`, `Cookie` and `Expires` are kept (§4.1). */
    readonly headers: Readonly<Record<string, string>>;
  };
  /** Where the file can be fetched (GET) once uploaded: the URL to share. */
  readonly get: string;
}

/**
 * A file that is too large: refused before asking (condition `file-too-large`,
 * when the service's limit is known) or by the service (`not-acceptable`, with
 * its text). `maxFileSize` is the limit in bytes when known, for the UI to say.
 */
export class FileTooLargeError extends XmppError {
  constructor(
    error: StanzaError,
    readonly size: number,
    readonly maxFileSize: number | undefined,
  ) {
    super(error);
    this.name = 'FileTooLargeError';
    if (!error.text && maxFileSize !== undefined) {
      this.message = `${error.condition}: ${size} bytes, the upload service takes at most ${maxFileSize}`;
    }
  }
}

// ---------------------------------------------------------------------------
// Finding the service (XEP-0363 §3)

/** The upload service found on each connection, asked once per login. */
class UploadServiceCache {
  private found: Promise<UploadService | undefined> | undefined;

  static for(this: void, connection: Connection): UploadServiceCache {
    return connection.service('http-upload', (c) => new UploadServiceCache(c));
  }

  private constructor(private readonly connection: Connection) {
    connection.on('status', (status) => {
      if (status === 'offline' || status === 'failed' || status === 'auth-failed') this.found = undefined;
    });
  }

  get(): Promise<UploadService | undefined> {
    if (!this.found) {
      const found = discover(this.connection);
      this.found = found;
      // A failed search (offline, timeout) is asked again next time; "no service" is kept.
      found.catch(() => {
        if (this.found === found) this.found = undefined;
      });
    }
    return this.found;
  }
}

/**
 * The account's upload service: disco#items of its domain, then disco#info of
 * each item, the first that offers `urn:xmpp:http:upload:0`. Undefined when
 * there is none (or this account may not see one: guests, on our test servers).
 * Asked once per login and connection; rejects with an XmppError when the
 * domain cannot be asked (and is asked again next time).
 */
export function findUploadService(connection: Connection): Promise<UploadService | undefined> {
  return UploadServiceCache.for(connection).get();
}

async function discover(connection: Connection): Promise<UploadService | undefined> {
  const items = await discoItems(connection, domainOf(connection.jid));
  const jids = [...new Set(items.filter((item) => !item.node).map((item) => item.jid))];
  // An item that does not answer is simply not the upload service.
  const services = await Promise.all(jids.map((jid) => uploadServiceInfo(connection, jid).catch(() => undefined)));
  return services.find((service) => service !== undefined);
}

/**
 * disco#info of one entity, read as an upload service. `discoInfo()` in
 * disco.ts leaves out the XEP-0128 forms, where the size limit is, so this
 * asks itself.
 */
async function uploadServiceInfo(connection: Connection, jid: string): Promise<UploadService | undefined> {
  const answer = await connection.sendIq(
    xml('iq', { type: 'get', to: jid }, xml('query', { xmlns: NS.DISCO_INFO })),
  );
  const query = child(answer, 'query', NS.DISCO_INFO);
  const features = children(query, 'feature').map((el) => el.getAttribute('var'));
  if (!features.includes(NS_HTTP_UPLOAD)) return undefined;
  // ejabberd sends one form for each protocol version it speaks: take ours.
  const form = children(query, 'x', NS.DATA)
    .map((x) => parseDataForm(x))
    .find((f) => f?.fields.some((field) => field.var === 'FORM_TYPE' && field.values[0] === NS_HTTP_UPLOAD));
  const max = parseSize(form?.fields.find((field) => field.var === 'max-file-size')?.values[0]);
  return max === undefined ? { jid } : { jid, maxFileSize: max };
}

/** A size in bytes as XEP-0363 writes it (a non-negative integer), or undefined. */
function parseSize(text: string | undefined): number | undefined {
  if (text === undefined || !/^\s*\d+\s*$/.test(text)) return undefined;
  const size = Number(text);
  return Number.isSafeInteger(size) ? size : undefined;
}

// ---------------------------------------------------------------------------
// Asking for a slot (XEP-0363 §4)

/** The PUT headers a service may ask for (§4.1); any other is dropped. */
const ALLOWED_HEADERS: Readonly<Record<string, string>> = {
  authorization: 'Authorization',
  cookie: 'Cookie',
  expires: 'Expires',
};

const invalidSlot = (text: string) => new XmppError({ condition: 'invalid-slot', text });

/** A slot URL, checked to be http: or https: (never javascript:, data:, file:…). */
function slotUrl(el: Element | undefined, which: 'put' | 'get'): string {
  const raw = el?.getAttribute('url');
  if (!raw) throw invalidSlot(`the upload service gave no ${which} URL`);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalidSlot(`the upload service gave a ${which} URL that is not one: ${raw}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw invalidSlot(`the upload service gave a ${url.protocol} ${which} URL; only https: and http: are used`);
  }
  return url.href;
}

/**
 * Asks the service for a slot for this file. When the service's limit is
 * known, a larger file is refused first, without asking (a FileTooLargeError,
 * condition `file-too-large`). Rejects with an XmppError: the service's
 * (`not-acceptable` for a file too large, then a FileTooLargeError, or of a
 * type it does not take; `forbidden` for an account it does not serve;
 * `resource-constraint` for a quota), or `invalid-slot` when the slot's URLs
 * are missing or neither https: nor http:.
 */
export async function requestSlot(
  connection: Connection,
  service: UploadService,
  file: UploadFileInfo,
): Promise<UploadSlot> {
  const { maxFileSize } = service;
  if (!Number.isSafeInteger(file.size) || file.size < 0) {
    throw new XmppError({ condition: 'bad-request', text: `not a file size: ${file.size}` });
  }
  if (maxFileSize !== undefined && file.size > maxFileSize) {
    throw new FileTooLargeError({ condition: 'file-too-large', text: '' }, file.size, maxFileSize);
  }
  let answer: Element;
  try {
    answer = await connection.sendIq(
      xml(
        'iq',
        { type: 'get', to: service.jid },
        xml('request', {
          xmlns: NS_HTTP_UPLOAD,
          filename: file.name,
          size: file.size,
          'content-type': file.type || undefined,
        }),
      ),
    );
  } catch (error) {
    // The service's <file-too-large><max-file-size> does not reach us (sendIq keeps the
    // stanza error only): a not-acceptable for a file above the known limit is that.
    if (
      error instanceof XmppError &&
      error.error.condition === 'not-acceptable' &&
      maxFileSize !== undefined &&
      file.size > maxFileSize
    ) {
      throw new FileTooLargeError(error.error, file.size, maxFileSize);
    }
    throw error;
  }
  const slot = child(answer, 'slot', NS_HTTP_UPLOAD);
  if (!slot) throw invalidSlot('the upload service answered without a slot');
  const put = child(slot, 'put');
  const headers: Record<string, string> = {};
  for (const header of children(put, 'header')) {
    // §4.1: newlines stripped from names and values; only three names allowed.
    const name = ALLOWED_HEADERS[(header.getAttribute('name') ?? '').replace(/[\r\n]/g, '').trim().toLowerCase()];
    if (name) headers[name] = (header.textContent ?? '').replace(/[\r\n]/g, '');
  }
  return { put: { url: slotUrl(put, 'put'), headers }, get: slotUrl(child(slot, 'get'), 'get') };
}

// ---------------------------------------------------------------------------
// Sending the file

/**
 * PUTs the file to a slot's URL with XMLHttpRequest (fetch reports no upload
 * progress). `onProgress(loaded, total)` follows the upload and ends with
 * `loaded === total`. Resolves on a 2xx answer; rejects with an XmppError:
 * `upload-failed` (code: the HTTP status; none for a network or CORS failure)
 * or `aborted` when `signal` aborts it. A `Cookie` header is not sent
 * (browsers refuse to set it; their own cookies for the URL are not sent either).
 */
export function uploadFile(
  putUrl: string,
  headers: Readonly<Record<string, string>>,
  file: Blob,
  onProgress?: (loaded: number, total: number) => void,
  signal?: AbortSignal,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const aborted = () => new XmppError({ condition: 'aborted', text: '' });
    if (signal?.aborted) {
      reject(aborted());
      return;
    }
    const xhr = new XMLHttpRequest();
    const total = file.size;
    let reported = -1;
    const report = (loaded: number) => {
      if (loaded === reported) return;
      reported = loaded;
      onProgress?.(loaded, total);
    };
    const onAbort = () => xhr.abort();
    const done = () => signal?.removeEventListener('abort', onAbort);

    xhr.upload.addEventListener('progress', (event) => report(Math.min(event.loaded, total)));
    xhr.addEventListener('load', () => {
      done();
      if (xhr.status >= 200 && xhr.status < 300) {
        report(total);
        resolve();
      } else {
        const text = `HTTP ${xhr.status}${xhr.statusText ? ` ${xhr.statusText}` : ''}`;
        reject(new XmppError({ condition: 'upload-failed', text, code: xhr.status }));
      }
    });
    xhr.addEventListener('error', () => {
      done();
      reject(new XmppError({ condition: 'upload-failed', text: 'network error (or the upload service refused this page)' }));
    });
    xhr.addEventListener('timeout', () => {
      done();
      reject(new XmppError({ condition: 'upload-failed', text: 'timed out' }));
    });
    xhr.addEventListener('abort', () => {
      done();
      reject(aborted());
    });
    try {
      xhr.open('PUT', putUrl);
      for (const [name, value] of Object.entries(headers)) {
        if (name.toLowerCase() !== 'cookie') xhr.setRequestHeader(name, value);
      }
      xhr.send(file);
    } catch (error) {
      // A URL or a header value the browser refuses.
      reject(new XmppError({ condition: 'upload-failed', text: error instanceof Error ? error.message : String(error) }));
      return;
    }
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
