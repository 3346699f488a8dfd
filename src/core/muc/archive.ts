// Loaded on demand, when the reader pages back through a room's archive (XEP-0313 on the room).
import type { Connection } from '../connection.js';
import { applyEdit, findNamed, sameOccupant } from '../edits.js';
import { parseArchived, queryArchive } from '../mam.js';
import { type ChatMessage, originId } from '../stanzas.js';
import { keysOf } from './timeline.js';
import type { TimelineItem } from './types.js';

export interface OlderPage {
  readonly older: readonly { readonly message: ChatMessage; readonly originId: string }[];
  /** The archive holds nothing older. */
  readonly complete: boolean;
}

/** The page of the room's archive before `before` (RSM), as messages. */
export async function fetchOlder(connection: Connection, room: string, before: string, max: number, ownNick: string): Promise<OlderPage> {
  const page = await queryArchive(connection, { archive: room, before, max });
  const older = [];
  for (const item of page.messages) {
    const message = parseArchived(item, { ownJid: connection.jid, ownNick });
    if (message?.type !== 'groupchat') continue;
    older.push({ message: { ...message, stanzaId: message.stanzaId ?? item.id }, originId: originId(item.stanza) });
  }
  return { older, complete: page.complete || page.messages.length === 0 };
}

/** Puts older messages before the others, skipping known ones; an edit among them applies to its message. */
export function mergeOlder(older: OlderPage['older']) {
  return (items: readonly TimelineItem[], seen: Set<string>) => {
    const page: TimelineItem[] = [];
    let list = items;
    for (const { message, originId: origin } of older) {
      const keys = keysOf(message, origin);
      if (keys.some((k) => seen.has(k))) continue;
      for (const k of keys) seen.add(k);
      if (!message.edit) {
        page.push({ kind: 'message', message });
        continue;
      }
      // An edit in the archive names a message of the same page (older) or one shown already.
      const result = applyEdit((id) => findNamed([...page, ...list], id), message, sameOccupant, !message.nick);
      if (result.kind === 'applied') {
        const swap = (item: TimelineItem): TimelineItem =>
          item.kind === 'message' && item.message === result.original ? { kind: 'message', message: result.message } : item;
        page.splice(0, page.length, ...page.map(swap));
        list = list.map(swap);
      } else if (result.kind === 'unknown' && message.edit.kind === 'correction') {
        page.push({ kind: 'message', message: { ...message, edited: true } });
      }
    }
    return { items: [...page, ...list], added: page.length };
  };
}
