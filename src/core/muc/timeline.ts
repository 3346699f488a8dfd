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
  private list: TimelineItem[] = [];
  private readonly seen = new Set<string>();
  private readonly pending = new Set<string>();

  get items(): readonly TimelineItem[] {
    return this.list;
  }

  /** Adds a notice at the end. */
  notice(item: Extract<TimelineItem, { kind: 'notice' }>): void {
    this.list = [...this.list, item];
  }

  /** Adds a message at the end unless it is known; true when added. */
  add(message: ChatMessage, originId = ''): boolean {
    const keys = keysOf(message, originId);
    if (keys.some((k) => this.seen.has(k))) return false;
    for (const k of keys) this.seen.add(k);
    this.list = [...this.list, { kind: 'message', message }];
    return true;
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
        ? { kind: 'message', message: { ...item.message, pending: false, ...(stamp ? { stamp } : {}) } }
        : item,
    );
  }

  /** The room refused an own message: it goes; true when there was one. */
  fail(id: string): boolean {
    if (!this.pending.delete(id)) return false;
    this.list = this.list.filter((item) => !(item.kind === 'message' && item.message.id === id));
    return true;
  }

  /** Puts older messages (from the archive) before the others, skipping known ones; returns how many. */
  prepend(older: readonly { readonly message: ChatMessage; readonly originId: string }[]): number {
    const added: TimelineItem[] = [];
    for (const { message, originId } of older) {
      const keys = keysOf(message, originId);
      if (keys.some((k) => this.seen.has(k))) continue;
      for (const k of keys) this.seen.add(k);
      added.push({ kind: 'message', message });
    }
    this.list = [...added, ...this.list];
    return added.length;
  }

  /** The room's id of the oldest message that has one: where the archive pages back from. */
  get oldestStanzaId(): string {
    for (const item of this.list) if (item.kind === 'message' && item.message.stanzaId) return item.message.stanzaId;
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

function keysOf(message: ChatMessage, originId: string): string[] {
  return [message.stanzaId && `sid:${message.stanzaId}`, originId && `id:${originId}:${message.from}`].filter(
    (key): key is string => !!key,
  );
}
