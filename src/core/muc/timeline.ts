import { extras } from '../extensions.js';
import type { ChatMessage } from '../stanzas.js';
import type { TimelineItem } from './types.js';

/**
 * A room's timeline: messages and notices in order, each message once. A
 * message is known by the room's stanza-id (XEP-0359) and by its origin-id
 * with its sender, so live copies, join history, rejoin history and the
 * archive never show it twice. Own messages stay `pending` until the room
 * reflects them.
 */
export class Timeline {
  private list: readonly TimelineItem[] = [];
  private readonly seen = new Set<string>();
  private readonly pending = new Set<string>();

  get items(): readonly TimelineItem[] {
    return this.list;
  }

  /** Adds a notice at the end. */
  notice(item: Extract<TimelineItem, { kind: 'notice' }>): void {
    this.list = [...this.list, item];
  }

  /**
   * Adds a message at the end unless it is known, or applies the correction or
   * retraction it carries (`fromRoom`: sent by the room itself, as a moderator's
   * retraction is); true when the timeline changed.
   */
  add(message: ChatMessage, originId = '', fromRoom = false): boolean {
    const keys = keysOf(message, originId);
    if (keys.some((k) => this.seen.has(k))) return false;
    for (const k of keys) this.seen.add(k);
    const shown = this.applyEdit(message, fromRoom, this.list);
    if (shown === 'applied') return true;
    if (!shown) return false;
    this.list = [...this.list, { kind: 'message', message: shown }];
    return true;
  }


  /**
   * An edit is applied to the message it names in `items` (then 'applied'); an
   * unknown or refused retraction or reaction is dropped (undefined: its fallback
   * body is never shown); a correction of a message not loaded shows as a
   * message of its own. Anything else is returned to be shown.
   */
  private applyEdit(message: ChatMessage, fromRoom: boolean, items: readonly TimelineItem[]): ChatMessage | 'applied' | undefined {
    // An edit comes only from extras.ts, which is loaded then.
    if (!message.edit || !extras) return message;
    const { applyEdit, findNamed, sameOccupant } = extras;
    const result = applyEdit((id) => findNamed(items, id), message, sameOccupant, fromRoom);
    if (result.kind === 'applied') {
      this.list = this.list.map((item) =>
        item.kind === 'message' && item.message === result.original ? { kind: 'message', message: result.message } : item,
      );
      return 'applied';
    }
    if (result.kind === 'refused' || message.edit.kind !== 'correction') return undefined;
    return { ...message, edited: true };
  }

  /** Adds an own message, pending until `confirm()`. */
  addPending(message: ChatMessage): void {
    this.pending.add(message.id);
    this.list = [...this.list, { kind: 'message', message }];
  }

  /** True for the id of an own message that the room has not reflected yet. */
  isPending(id: string): boolean {
    return this.pending.has(id);
  }

  /** The room reflected an own message: no longer pending; known by its ids from now on. */
  confirm(id: string, from: string, stanzaId: string | undefined, stamp: string | undefined): void {
    this.pending.delete(id);
    this.seen.add(`id:${id}:${from}`);
    if (stanzaId) this.seen.add(`sid:${stanzaId}`);
    this.list = this.list.map((item) =>
      item.kind === 'message' && item.message.id === id
        ? { kind: 'message', message: { ...item.message, pending: false, ...(stamp ? { stamp } : {}), ...(stanzaId ? { stanzaId } : {}) } }
        : item,
    );
  }

  /** The room refused an own message: it goes; true when there was one. */
  fail(id: string): boolean {
    if (!this.pending.delete(id)) return false;
    this.list = this.list.filter((item) => !(item.kind === 'message' && item.message.id === id));
    return true;
  }

  /**
   * Messages from the archive, older ones or a gap: `merge` (archive.ts, loaded when the reader
   * pages back or after a rejoin) gets the items and the keys already known and answers the
   * new items; returns how many were added.
   */
  merge(merge: (items: readonly TimelineItem[], seen: Set<string>) => { readonly items: readonly TimelineItem[]; readonly added: number }): number {
    const { items, added } = merge(this.list, this.seen);
    this.list = items;
    return added;
  }

  /** The room's id of the oldest message that has one: where the archive pages back from. */
  get oldestStanzaId(): string {
    for (const item of this.list) if (item.kind === 'message' && item.message.stanzaId) return item.message.stanzaId;
    return '';
  }

  /** The room's id of the newest message that has one: where a gap starts. */
  get newestStanzaId(): string {
    for (let i = this.list.length - 1; i >= 0; i -= 1) {
      const item = this.list[i];
      if (item.kind === 'message' && item.message.stanzaId) return item.message.stanzaId;
    }
    return '';
  }

  /** The newest stamp of a confirmed message later than `since`, else `since`. */
  newestStamp(since: string): string {
    let newest = since;
    for (const item of this.list) {
      if (item.kind === 'message' && !item.message.pending && item.message.stamp > newest) newest = item.message.stamp;
    }
    return newest;
  }
}

/** The keys a message is known by: the room's stanza-id, and its origin-id with its sender. */
export function keysOf(message: ChatMessage, originId: string): string[] {
  return [message.stanzaId && `sid:${message.stanzaId}`, originId && `id:${originId}:${message.from}`].filter(
    (key): key is string => !!key,
  );
}
