/**
 * Sending files (XEP-0363), with rich.ts: the composer's `attach-button`
 * (shown when the account's server has an upload service), a file dropped on
 * the element or an image pasted into the input, `upload-progress` with a
 * cancel button, then a message with the file's URL as body and as a XEP-0066
 * out-of-band URL, as Conversations and Converse.js send it.
 */
import { type ReactiveControllerHost, html, nothing } from 'lit';
import type { Connection } from '../../core/connection.js';
import { type StanzaError, XmppError } from '../../core/errors.js';
import { FileTooLargeError, type UploadService, findUploadService, requestSlot, uploadFile } from '../../core/upload.js';
import { xml } from '../../core/xml.js';
import { XmppErrorEvent } from '../../events/error-event.js';
import { type MessageKey, describeError, translate } from '../../i18n/localize.js';

type Host = ReactiveControllerHost & HTMLElement;
type Send = (body: string | undefined, extra: readonly Element[]) => void;

interface Upload {
  readonly name: string;
  loaded: number;
  readonly total: number;
  readonly abort: AbortController;
}

interface AttachState {
  /** The upload service: undefined until asked, null when the server has none. */
  service?: UploadService | null;
  asked?: Connection;
  upload?: Upload;
  /** What went wrong with the last file, shown until the next one. */
  error?: string;
  /** The user cancelled the last file: `error` says so, as a status rather than an alert. */
  cancelled?: boolean;
  /** Files waiting for the one being sent. */
  readonly queue: File[];
}

const states = new WeakMap<Host, AttachState>();

function stateOf(host: Host): AttachState {
  let state = states.get(host);
  if (!state) {
    state = { queue: [] };
    states.set(host, state);
  }
  return state;
}

/** What the connection's server offers: asked once per connection (upload.ts caches the answer). */
function serviceOf(host: Host, connection: Connection | undefined): UploadService | null | undefined {
  const state = stateOf(host);
  if (!connection) return undefined;
  if (state.asked !== connection) {
    state.asked = connection;
    state.service = undefined;
    findUploadService(connection).then(
      (service) => {
        state.service = service ?? null;
        host.requestUpdate();
      },
      () => {
        // Not known now: asked again on the next connection.
        state.asked = undefined;
      },
    );
  }
  return state.service;
}

const sizeFormats = new Map<string, Intl.NumberFormat>();

/** A size as people read it: "1 MB", "350 kB". */
export function formatSize(bytes: number, lang: string): string {
  let format = sizeFormats.get(lang);
  if (!format) {
    format = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 });
    sizeFormats.set(lang, format);
  }
  if (bytes >= 1_000_000) return `${format.format(bytes / 1_000_000)} MB`;
  return `${format.format(Math.max(1, Math.round(bytes / 1000)))} kB`;
}

/** The composer's row above the input: the upload under way, or what went wrong; and the attach button. */
export function renderAttach(host: Host, lang: string, connection: Connection | undefined, send: Send | undefined) {
  const state = stateOf(host);
  const service = send ? serviceOf(host, connection) : undefined;
  const t = (key: MessageKey, params?: Readonly<Record<string, string | number>>) => translate(lang, key, params);
  const { upload, error } = state;
  const choose = (event: Event) => {
    const input = (event.currentTarget as HTMLElement).parentElement?.querySelector<HTMLInputElement>('input[type="file"]');
    input?.click();
  };
  const chosen = (event: Event) => {
    const input = event.currentTarget as HTMLInputElement;
    const files = Array.from(input.files ?? []);
    input.value = '';
    sendFiles(host, files, lang, connection, send);
  };
  return html`${upload
      ? html`<div part="upload-progress" class="upload" role="status">
          <span>${t('upload.sending', { name: upload.name })}</span>
          <progress max=${upload.total} .value=${upload.loaded} aria-label=${t('upload.progress', { name: upload.name })}></progress>
          <button type="button" class="secondary" @click=${() => upload.abort.abort()}>${t('upload.cancel')}</button>
        </div>`
      : error
        ? html`<div part="upload-progress" class=${state.cancelled ? 'upload' : 'upload failed'} role=${state.cancelled ? 'status' : 'alert'}>
            <span>${error}</span>
            <button type="button" class="secondary" aria-label=${t('upload.dismiss')} title=${t('upload.dismiss')}
              @click=${() => {
                state.error = undefined;
                host.requestUpdate();
              }}>✕</button>
          </div>`
        : nothing}${service
      ? html`<button type="button" part="attach-button" class="secondary" aria-label=${t('upload.attach')} title=${t('upload.attach')}
            ?disabled=${!!upload} @click=${choose}>📎</button
          ><input type="file" multiple hidden tabindex="-1" @change=${chosen} />`
      : nothing}`;
}

/** A paste or a drop on the element: its files are sent (true when it took the event). */
export function takeFiles(event: Event, host: Host, lang: string, connection: Connection | undefined, send: Send | undefined): boolean {
  const state = stateOf(host);
  if (!send || !state.service) return false;
  if (event instanceof ClipboardEvent) {
    const files = Array.from(event.clipboardData?.files ?? []);
    if (files.length === 0) return false;
    event.preventDefault();
    sendFiles(host, files, lang, connection, send);
    return true;
  }
  if (!(event instanceof DragEvent) || !event.dataTransfer?.types.includes('Files')) return false;
  event.preventDefault();
  if (event.type === 'drop') sendFiles(host, Array.from(event.dataTransfer.files), lang, connection, send);
  else event.dataTransfer.dropEffect = 'copy';
  return true;
}

function sendFiles(host: Host, files: readonly File[], lang: string, connection: Connection | undefined, send: Send | undefined): void {
  const state = stateOf(host);
  state.queue.push(...files);
  if (!state.upload) void next(host, lang, connection, send);
}

/** Sends the queued files one after another. */
async function next(host: Host, lang: string, connection: Connection | undefined, send: Send | undefined): Promise<void> {
  const state = stateOf(host);
  const file = state.queue.shift();
  const service = state.service;
  if (!file || !connection || !send || !service) return;
  const upload: Upload = { name: file.name, loaded: 0, total: file.size, abort: new AbortController() };
  state.upload = upload;
  state.error = undefined;
  state.cancelled = false;
  host.requestUpdate();
  try {
    const slot = await requestSlot(connection, service, { name: file.name, size: file.size, type: file.type });
    await uploadFile(
      slot.put.url,
      slot.put.headers,
      file,
      (loaded) => {
        upload.loaded = loaded;
        host.requestUpdate();
      },
      upload.abort.signal,
    );
    send(slot.get, [xml('x', { xmlns: 'jabber:x:oob' }, xml('url', {}, slot.get))]);
  } catch (caught) {
    const error: StanzaError = caught instanceof XmppError ? caught.error : { condition: 'upload-failed', text: String(caught) };
    state.cancelled = error.condition === 'aborted';
    if (state.cancelled) {
      state.error = translate(lang, 'upload.cancelled', { name: file.name });
    } else {
      state.queue.length = 0;
      state.error =
        caught instanceof FileTooLargeError && caught.maxFileSize !== undefined
          ? translate(lang, 'upload.too-large', { name: file.name, max: formatSize(caught.maxFileSize, lang) })
          : translate(lang, 'upload.failed', { name: file.name, reason: describeError(lang, error) });
      host.dispatchEvent(new XmppErrorEvent(error));
    }
  }
  state.upload = undefined;
  host.requestUpdate();
  await next(host, lang, connection, send);
}
