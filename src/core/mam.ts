import type { Connection } from './connection.js';
import { bareJid } from './jid.js';
import { type ChatMessage, delayStamp, originId, parseMessage } from './stanzas.js';
import { NS, child, childText, uniqueId, xml } from './xml.js';

export interface ArchiveQuery {
  /** The archive to ask: a room's bare JID, or omitted for the own account's. */
  readonly archive?: string;
  /** Only messages with this JID (a contact), for the own archive. */
  readonly with?: string;
  /** Only messages since this time (ISO 8601). */
  readonly start?: string;
  /** RSM before: an archive id to page back from, or '' for the last page. */
  readonly before?: string;
  /** RSM after: an archive id to page forward from. */
  readonly after?: string;
  /** Most messages in the page. */
  readonly max: number;
  /** How long to wait for the page, in ms. */
  readonly timeout?: number;
}

/** One archived message: the forwarded stanza, its archive id and its delay stamp. */
export interface ArchivedMessage {
  /** The archive's id for it (the `<result id>`, same as its XEP-0359 stanza-id). */
  readonly id: string;
  /** When the archive received it (ISO 8601), if it said. */
  readonly stamp: string | undefined;
  /** The original message stanza. */
  readonly stanza: Element;
}

export interface ArchivePage {
  /** Oldest first, as the archive returned them. */
  readonly messages: readonly ArchivedMessage[];
  /** RSM first and last ids of the page; page back with `before: first`. */
  readonly first?: string;
  readonly last?: string;
  /** The archive said there is nothing more in this direction. */
  readonly complete: boolean;
}

/**
 * Queries a message archive (XEP-0313, urn:xmpp:mam:2) with RSM paging.
 * Results arrive as `<message>` stanzas before the iq result; only those with
 * our query id and from the queried archive are taken (others are spoofs).
 */
export async function queryArchive(connection: Connection, query: ArchiveQuery): Promise<ArchivePage> {
  const queryId = uniqueId('mam');
  const archive = query.archive ? bareJid(query.archive) : '';
  const ownBare = bareJid(connection.jid);
  const messages: ArchivedMessage[] = [];
  const off = connection.on('message', (stanza) => {
    const result = child(stanza, 'result', NS.MAM);
    if (!result || result.getAttribute('queryid') !== queryId) return;
    const from = stanza.getAttribute('from') ?? '';
    const fromArchive = archive ? bareJid(from) === archive && !from.includes('/') : from === '' || from === ownBare;
    if (!fromArchive) return;
    const forwarded = child(result, 'forwarded', NS.FORWARD);
    const original = child(forwarded, 'message');
    const id = result.getAttribute('id') ?? '';
    if (!forwarded || !original || !id) return;
    messages.push({ id, stamp: delayStamp(forwarded), stanza: original });
  });
  const fields: [string, string][] = [['FORM_TYPE', NS.MAM]];
  if (query.with) fields.push(['with', query.with]);
  if (query.start) fields.push(['start', query.start]);
  const rsm = xml(
    'set',
    { xmlns: NS.RSM },
    xml('max', {}, String(Math.max(0, Math.floor(query.max)))),
    query.before !== undefined ? xml('before', {}, query.before) : null,
    query.after !== undefined ? xml('after', {}, query.after) : null,
  );
  const iq = xml(
    'iq',
    { type: 'set', to: archive || undefined },
    xml(
      'query',
      { xmlns: NS.MAM, queryid: queryId },
      xml(
        'x',
        { xmlns: NS.DATA, type: 'submit' },
        ...fields.map(([name, value]) =>
          xml('field', { var: name, type: name === 'FORM_TYPE' ? 'hidden' : undefined }, xml('value', {}, value)),
        ),
      ),
      rsm,
    ),
  );
  try {
    const answer = await connection.sendIq(iq, query.timeout);
    const fin = child(answer, 'fin', NS.MAM);
    const set = child(fin, 'set', NS.RSM);
    const first = childText(set, 'first');
    const last = childText(set, 'last');
    return {
      messages,
      ...(first ? { first } : {}),
      ...(last ? { last } : {}),
      complete: fin?.getAttribute('complete') === 'true' || messages.length === 0,
    };
  } finally {
    off();
  }
}

/**
 * An archived message as a ChatMessage: the archive's delay stamp (the time it
 * was sent) and its archive id as `stanzaId`. Undefined when it has no body.
 */
export function parseArchived(
  item: ArchivedMessage,
  options: { ownJid: string; ownNick?: string },
): ChatMessage | undefined {
  const message = parseMessage(item.stanza, options);
  if (!message) return undefined;
  const stamp = item.stamp ?? delayStamp(item.stanza) ?? message.stamp;
  return { ...message, id: originId(item.stanza) || item.id, stamp, delayed: true, stanzaId: item.id };
}
