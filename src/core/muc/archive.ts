// Loaded on demand, when the reader pages back through a room's archive (XEP-0313 on the room).
import type { Connection } from '../connection.js';
import { applyEdit, findNamed, sameOccupant } from '../edits.js';
import { type ArchivePage, parseArchived, queryArchive } from '../mam.js';
import { type ChatMessage, originId } from '../stanzas.js';
import { type Timeline, keysOf } from './timeline.js';
import type { TimelineItem } from './types.js';

export interface OlderPage {
  readonly older: readonly { readonly message: ChatMessage; readonly originId: string }[];
  /** The archive holds nothing older. */
  readonly complete: boolean;
}

/** The page of the room's archive before `before` (RSM), as messages. */
export async function fetchOlder(connection: Connection, room: string, before: string, max: number, ownNick: string): Promise<OlderPage> {
  const page = await queryArchive(connection, { archive: room, before, max });
  return { older: groupchats(connection, page, ownNick), complete: page.complete || page.messages.length === 0 };
}

/** Most messages a gap is filled with; older ones in a longer gap stay in the archive. */
const GAP_LIMIT = 500;

/**
 * Resilience: what the room said while we were away, from its archive: after
 * the newest stanza-id we had (else since `since`, a little before we dropped),
 * paged forward until the archive says it is complete.
 */
export async function fetchGap(connection: Connection, room: string, after: string, since: string, ownNick: string): Promise<OlderPage['older']> {
  const gap = [];
  let cursor = after;
  const start = !after && since ? new Date(Date.parse(since) - 5000).toISOString() : undefined;
  for (;;) {
    const page = await queryArchive(connection, { archive: room, max: 50, ...(cursor ? { after: cursor } : { start }) });
    gap.push(...groupchats(connection, page, ownNick));
    if (page.complete || !page.last || page.last === cursor || gap.length >= GAP_LIMIT) return gap;
    cursor = page.last;
  }
}

function groupchats(connection: Connection, page: ArchivePage, ownNick: string): OlderPage['older'] {
  const messages = [];
  for (const item of page.messages) {
    const message = parseArchived(item, { ownJid: connection.jid, ownNick });
    if (message?.type !== 'groupchat') continue;
    messages.push({ message: { ...message, stanzaId: message.stanzaId ?? item.id }, originId: originId(item.stanza) });
  }
  return messages;
}

type Merge = (items: readonly TimelineItem[], seen: Set<string>) => { readonly items: readonly TimelineItem[]; readonly added: number };

/**
 * Resilience: fills a rejoined room's gap from its archive (see fetchGap). Own
 * messages in it reached the room: they are confirmed and leave `unconfirmed`,
 * so they are not sent again. `current` says whether the rejoin is still the latest.
 */
export async function fillGap(
  connection: Connection,
  room: string,
  after: string,
  since: string,
  ownNick: string,
  timeline: Timeline,
  unconfirmed: Map<string, unknown>,
  current: () => boolean,
): Promise<void> {
  const gap = await fetchGap(connection, room, after, since, ownNick);
  if (!current()) return;
  for (const { message, originId: origin } of gap) {
    if (origin && unconfirmed.delete(origin) && timeline.isPending(origin)) {
      timeline.confirm(origin, message.from, message.stanzaId, message.stamp);
    }
  }
  timeline.merge(mergeGap(gap));
}

/** Puts older messages before the others, skipping known ones; an edit among them applies to its message. */
export function mergeOlder(older: OlderPage['older']): Merge {
  return (items, seen) => {
    const page: TimelineItem[] = [];
    let list = items;
    for (const { message, originId: origin } of older) {
      const shown = unseen(message, origin, seen);
      if (!shown) continue;
      if (!shown.edit) {
        page.push({ kind: 'message', message: shown });
        continue;
      }
      // An edit in the archive names a message of the same page (older) or one shown already.
      const result = edit([...page, ...list], shown);
      if (result.swap) {
        page.splice(0, page.length, ...page.map(result.swap));
        list = list.map(result.swap);
      } else if (result.alone) {
        page.push(result.alone);
      }
    }
    return { items: [...page, ...list], added: page.length };
  };
}

/**
 * Resilience: a gap's messages in the archive's order, where the first of them
 * the timeline shows already stood (those that came with the rejoin's history
 * move there too; at the end when none came). Own messages still pending and
 * notices stay where they are; an edit among them applies to its message.
 */
export function mergeGap(gap: OlderPage['older']): Merge {
  return (items, seen) => {
    const ids = new Set(gap.map(({ message }) => message.stanzaId));
    const inGap = (item: TimelineItem) => item.kind === 'message' && !!item.message.stanzaId && ids.has(item.message.stanzaId);
    const shown = new Map(items.filter(inGap).map((item) => [item.kind === 'message' ? item.message.stanzaId : '', item]));
    let at = items.findIndex(inGap);
    if (at < 0) at = items.length;
    let run: TimelineItem[] = [];
    let rest = items.filter((item) => !inGap(item));
    let added = 0;
    for (const { message, originId: origin } of gap) {
      const known = shown.get(message.stanzaId ?? '');
      if (known) {
        run.push(known);
        continue;
      }
      const fresh = unseen(message, origin, seen);
      if (!fresh) continue;
      if (!fresh.edit) {
        run.push({ kind: 'message', message: fresh });
        added += 1;
        continue;
      }
      const result = edit([...rest, ...run], fresh);
      if (result.swap) {
        run = run.map(result.swap);
        rest = rest.map(result.swap);
      } else if (result.alone) {
        run.push(result.alone);
        added += 1;
      }
    }
    const before = items.slice(0, at).filter((item) => !inGap(item)).length;
    return { items: [...rest.slice(0, before), ...run, ...rest.slice(before)], added };
  };
}

/** The message, unless a key it is known by has been seen (then undefined); its keys are seen from now on. */
function unseen(message: ChatMessage, origin: string, seen: Set<string>): ChatMessage | undefined {
  const keys = keysOf(message, origin);
  if (keys.some((k) => seen.has(k))) return undefined;
  for (const k of keys) seen.add(k);
  return message;
}

/** An archived edit: how to swap in the message it applies to, or a correction of a message not shown, alone. */
function edit(items: readonly TimelineItem[], message: ChatMessage): { swap?: (item: TimelineItem) => TimelineItem; alone?: TimelineItem } {
  const result = applyEdit((id) => findNamed(items, id), message, sameOccupant, !message.nick);
  if (result.kind === 'applied') {
    return { swap: (item) => (item.kind === 'message' && item.message === result.original ? { kind: 'message', message: result.message } : item) };
  }
  if (result.kind === 'unknown' && message.edit?.kind === 'correction') return { alone: { kind: 'message', message: { ...message, edited: true } } };
  return {};
}
