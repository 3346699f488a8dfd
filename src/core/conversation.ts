import type { Connection } from './connection.js';
import { Disco } from './disco.js';
import { extras } from './extensions.js';
import { Emitter } from './emitter.js';
import type { StanzaError } from './errors.js';
import { bareJid } from './jid.js';
import { type ArchivePage, parseArchived, queryArchive } from './mam.js';
import type { ChatMessage } from './stanzas.js';
import { NS, uniqueId, xml } from './xml.js';

export const CHAT_NS = {
  CARBONS: 'urn:xmpp:carbons:2',
  RECEIPTS: 'urn:xmpp:receipts',
  CHAT_STATES: 'http://jabber.org/protocol/chatstates',
  HINTS: 'urn:xmpp:hints',
  MARKERS: 'urn:xmpp:chat-markers:0',
} as const;

/** XEP-0085 chat states. */
export type ChatState = 'active' | 'composing' | 'paused' | 'inactive' | 'gone';
export const CHAT_STATES: readonly ChatState[] = ['active', 'composing', 'paused', 'inactive', 'gone'];

/** A one-to-one message; `delivered` once the contact's client confirmed it (XEP-0184). */
export type ConversationMessage = ChatMessage;

export interface ConversationMessageEvent {
  readonly conversation: Conversation;
  readonly message: ConversationMessage;
  /** Came from the archive (history), not live. */
  readonly history: boolean;
}

export interface ConversationEvents {
  /** Anything shown changed: messages, receipts, chat state, history state. */
  change: void;
  message: ConversationMessageEvent;
  error: StanzaError;
}

/** Most messages a reconnect catches up with from the archive; older ones in a longer gap stay there. */
const GAP_LIMIT = 500;

/** How long after the last keystroke `paused` is sent (XEP-0085 suggests a few seconds). */
export const PAUSE_AFTER = 5000;

/**
 * One conversation with a contact (a bare JID) on a connection: the messages
 * in order, the contact's chat state, receipts, the resource replies go to,
 * and history from the archive. Get it with `ChatService.for(connection).conversation(jid)`
 * so every element on that contact shares it.
 */
export class Conversation {
  readonly jid: string;
  /** How long after the last keystroke `paused` is sent, in ms. */
  typingPause = PAUSE_AFTER;
  private items: ConversationMessage[] = [];
  private readonly seen = new Set<string>();
  private readonly sentIds = new Set<string>();
  private readonly events = new Emitter<ConversationEvents>();
  private lockedResource = '';
  private contactStateValue: ChatState | undefined;
  private ownState: ChatState = 'active';
  private pauseTimer: ReturnType<typeof setTimeout> | undefined;
  private historySize = 0;
  private opened = false;
  private olderCursor: string | undefined;
  private hasOlderValue = false;
  private loadingValue = false;
  /** The id of the contact's message we last said we have seen. */
  private displayedSent = '';
  /**
   * Resilience: own messages the server has not confirmed yet, in the order
   * typed, with the session they were last sent in (0: not sent yet). Back
   * online, those the archive does not hold are sent again, once, with the same id.
   */
  private readonly unconfirmed = new Map<string, { stanza: Element; session: number }>();
  /** Counts the sessions this conversation has seen come online. */
  private session = 0;
  /** Back online and caught up from the archive: messages go out now. */
  private ready = false;

  constructor(
    private readonly connection: Connection,
    jid: string,
  ) {
    this.jid = bareJid(jid);
  }

  get messages(): readonly ConversationMessage[] {
    return this.items;
  }

  /** The contact's last chat state (composing, paused…), if any. */
  get contactState(): ChatState | undefined {
    return this.contactStateValue;
  }

  /** Where a reply goes: the resource that last wrote (RFC 6121 §5.1), else the bare JID. */
  get replyTo(): string {
    return this.lockedResource ? `${this.jid}/${this.lockedResource}` : this.jid;
  }

  /** The archive holds older messages than those shown. */
  get hasOlder(): boolean {
    return this.hasOlderValue;
  }

  /** A page of history is being fetched. */
  get loadingHistory(): boolean {
    return this.loadingValue;
  }

  on<K extends keyof ConversationEvents>(type: K, listener: (value: ConversationEvents[K]) => void): () => void {
    return this.events.on(type, listener);
  }

  /** Shows the conversation: fetches the last `history` messages from the archive (now or once online). */
  open(history = 50): void {
    this.historySize = Math.max(this.historySize, Math.max(0, Math.floor(history)));
    if (this.opened) return;
    this.opened = true;
    if (this.connection.status === 'online') void this.loadHistory();
  }

  /**
   * Sends a chat message (with a receipt request and `active`); returns it as
   * shown. `extra` are the elements a reply, correction, retraction or reactions
   * carry (outgoing.ts); an edit of an earlier message applies here at once.
   */
  send(body: string | undefined, extra: readonly Element[] = []): ConversationMessage {
    const id = uniqueId('m');
    const to = this.replyTo;
    clearTimeout(this.pauseTimer);
    this.ownState = 'active';
    const stanza = xml(
      'message',
      { to, type: 'chat', id },
      body !== undefined && xml('body', {}, body),
      xml('origin-id', { xmlns: NS.STANZA_ID, id }),
      ...extra,
    );
    const plain: ConversationMessage = {
      id,
      from: this.connection.jid,
      to,
      type: 'chat',
      body: body ?? '',
      stamp: new Date().toISOString(),
      outgoing: true,
    };
    // What extras.ts reads in it, as in a received one.
    const message = (extra.length > 0 && extras?.parseExtras(stanza, plain, body !== undefined)) || plain;
    if (!message.edit) {
      stanza.append(
        xml('request', { xmlns: CHAT_NS.RECEIPTS }),
        xml('markable', { xmlns: CHAT_NS.MARKERS }),
        xml('active', { xmlns: CHAT_NS.CHAT_STATES }),
      );
    }
    this.sentIds.add(id);
    this.unconfirmed.set(id, { stanza, session: 0 });
    // An edit applies at once; either way it is known by its id from now on, so its carbon
    // or archived copy is not shown again.
    if (message.edit) this.receive(message);
    else {
      this.seen.add(`id:${id}:${bareJid(this.connection.jid)}`);
      this.add({ ...message, pending: true });
    }
    this.flush();
    return message;
  }

  /**
   * The session is online (again): catches up from the archive (the last page
   * the first time; after a drop, forward from the newest message it holds,
   * paged until complete), which confirms ours that reached the server, then
   * sends what is still unconfirmed.
   */
  async online(): Promise<void> {
    this.session += 1;
    const session = this.session;
    const after = this.newestStanzaId();
    // The first session has nothing of an earlier one to check: what waits goes at once.
    this.ready = session === 1;
    this.flush();
    try {
      if (session === 1 || !after) await this.loadHistory();
      else await this.catchUp(after);
    } finally {
      if (session === this.session && this.connection.status === 'online') {
        this.ready = true;
        this.flush();
      }
    }
  }

  /** Our session went away: messages wait until it is back (see online). */
  offline(): void {
    this.ready = false;
    this.reset();
  }

  private async catchUp(after: string): Promise<void> {
    const info = Disco.for(this.connection);
    await info.ready();
    if (!info.supports(NS.MAM)) return;
    let cursor = after;
    for (let count = 0; count < GAP_LIMIT; ) {
      let page: ArchivePage;
      try {
        page = await queryArchive(this.connection, { with: this.jid, after: cursor, max: 50 });
      } catch {
        return;
      }
      this.merge(page);
      count += page.messages.length;
      if (page.complete || !page.last || page.last === cursor) return;
      cursor = page.last;
    }
  }

  private newestStanzaId(): string {
    for (let i = this.items.length - 1; i >= 0; i -= 1) if (this.items[i].stanzaId) return this.items[i].stanzaId ?? '';
    return '';
  }

  /**
   * Sends each unconfirmed message not yet sent in this session, in order
   * (while online and caught up), then pings our server: its answer says it has
   * them. No answer (the session went), and they wait for the archive's word
   * when it is back.
   */
  private flush(): void {
    if (!this.ready || this.connection.status !== 'online') return;
    const sent: string[] = [];
    for (const [id, entry] of this.unconfirmed) {
      if (entry.session === this.session) continue;
      entry.session = this.session;
      this.connection.send(entry.stanza);
      sent.push(id);
    }
    if (sent.length === 0) return;
    void this.connection.ping().then((answered) => {
      if (answered && sent.map((id) => this.confirm(id)).includes(true)) this.events.emit('change', undefined);
    });
  }

  /** One of ours reached the server: true when it was waiting. */
  private confirm(id: string): boolean {
    if (!this.unconfirmed.delete(id)) return false;
    this.items = this.items.map((m) => (m.outgoing && m.id === id && m.pending ? { ...m, pending: false } : m));
    return true;
  }

  /**
   * Tells the contact we are typing: `composing` once per run of typing,
   * `paused` after PAUSE_AFTER ms without a keystroke, `active` when the box
   * is emptied. Call on every input with whether the box holds text.
   */
  typing(hasText: boolean): void {
    clearTimeout(this.pauseTimer);
    if (!hasText) {
      if (this.ownState === 'composing' || this.ownState === 'paused') this.sendState('active');
      return;
    }
    if (this.ownState !== 'composing') this.sendState('composing');
    this.pauseTimer = setTimeout(() => this.sendState('paused'), this.typingPause);
  }

  /** Fetches the page before the oldest shown message. */
  async loadOlder(max = this.historySize || 50): Promise<void> {
    if (!this.olderCursor || this.loadingValue) return;
    await this.fetch(this.olderCursor, max, true);
  }

  /** Fetches the last page of the archive with this contact (deduplicated against what is shown). */
  async loadHistory(): Promise<void> {
    if (this.historySize === 0 || this.loadingValue || this.connection.status !== 'online') return;
    const info = Disco.for(this.connection);
    this.setLoading(true);
    await info.ready();
    if (!info.supports(NS.MAM)) {
      this.setLoading(false);
      return;
    }
    await this.fetch('', this.historySize, this.olderCursor === undefined, true);
  }

  private async fetch(before: string, max: number, moveCursor: boolean, alreadyLoading = false): Promise<void> {
    if (!alreadyLoading) this.setLoading(true);
    let page: ArchivePage | undefined;
    try {
      page = await queryArchive(this.connection, { with: this.jid, before, max });
    } catch {
      // No archive, or it failed: the conversation simply starts empty.
    }
    if (page) {
      if (moveCursor) {
        this.olderCursor = page.first;
        this.hasOlderValue = !page.complete && page.first !== undefined;
      }
      this.merge(page, before !== '');
    }
    this.setLoading(false);
  }

  private setLoading(loading: boolean): void {
    this.loadingValue = loading;
    this.events.emit('change', undefined);
  }

  /**
   * Merges an archive page into the timeline: by time, no duplicates. The page
   * comes in archive order, which is not always time order (a server may archive
   * a message from offline storage when it delivers it): its messages are sorted
   * by their stamps first, equal stamps keeping the archive's order. A page of `older` messages
   * goes before shown ones of the same stamp (servers stamp to the second: a burst shares one).
   */
  private merge(page: ArchivePage, older = false): void {
    const own = this.connection.jid;
    const parsed = page.messages
      .map((item) => parseArchived(item, { ownJid: own }))
      .filter((m): m is ChatMessage => m !== undefined && (m.type === 'chat' || m.type === 'normal'))
      .sort((a, b) => (a.stamp < b.stamp ? -1 : a.stamp > b.stamp ? 1 : 0));
    let cursor = 0;
    for (let i = 0; i < parsed.length; i += 1) {
      let message = parsed[i];
      // Ours in the archive reached the server.
      if (message.outgoing) this.confirm(message.id);
      const keys = keysOf(message);
      const existing = this.items.findIndex((m) => keysOf(m).some((k) => keys.includes(k)));
      if (existing >= 0 || keys.some((k) => this.seen.has(k))) {
        if (existing >= 0) cursor = Math.max(cursor, existing + 1);
        for (const k of keys) this.seen.add(k);
        continue;
      }
      if (message.edit) {
        for (const k of keys) this.seen.add(k);
        // Its message is older: on this page (merged already) or an earlier one.
        const edited = this.applyEdit(message);
        if (edited !== 'show') continue;
        message = { ...message, edited: true };
      }
      // Before any later page message already shown, and before anything newer.
      const laterDuplicate = this.items.findIndex(
        (m, index) => index >= cursor && parsed.slice(i + 1).some((p) => keysOf(p).some((k) => keysOf(m).includes(k))),
      );
      const upper = laterDuplicate >= 0 ? laterDuplicate : this.items.length;
      let position = cursor;
      while (position < upper && (this.items[position].stamp < message.stamp || (!older && this.items[position].stamp === message.stamp))) position += 1;
      for (const k of keys) this.seen.add(k);
      this.items = [...this.items.slice(0, position), message, ...this.items.slice(position)];
      cursor = position + 1;
      this.events.emit('message', { conversation: this, message, history: true });
    }
    this.events.emit('change', undefined);
  }

  /** A message for this conversation arrived (live, carbon or offline storage). Returns false for a duplicate. */
  receive(message: ChatMessage): boolean {
    const keys = keysOf(message);
    if (keys.some((k) => this.seen.has(k))) {
      // Shown from the archive first, then delivered from offline storage: it asks to be marked.
      for (const k of keys) this.seen.add(k);
      if (message.markable) this.markable(message);
      return false;
    }
    for (const k of keys) this.seen.add(k);
    if (!message.outgoing && !message.delayed) this.contactStateValue = undefined;
    if (message.edit) {
      const edited = this.applyEdit(message);
      if (edited !== 'show') return edited === 'applied';
      this.add({ ...message, edited: true });
      return true;
    }
    this.add(message);
    return true;
  }

  /**
   * Applies a correction or retraction from the contact (or from us, through
   * carbons) to the message it names: 'applied', 'dropped' (someone else's, or
   * a retraction of a message not loaded: its fallback body is never shown), or
   * 'show' (a correction of a message not loaded shows as a message of its own).
   */
  private applyEdit(message: ChatMessage): 'applied' | 'dropped' | 'show' {
    // An edit comes only from extras.ts, which is loaded then.
    if (!extras) return 'dropped';
    const { applyEdit, isNamed, sameAccount } = extras;
    const find = (id: string) => [...this.items].reverse().find((m) => isNamed(m, id));
    const result = applyEdit(find, message, sameAccount);
    if (result.kind === 'applied') {
      this.items = this.items.map((m) => (m === result.original ? result.message : m));
      this.events.emit('change', undefined);
      return 'applied';
    }
    return result.kind === 'unknown' && message.edit?.kind === 'correction' ? 'show' : 'dropped';
  }

  /** The contact wrote from this resource: replies go there until it goes away. */
  lock(resource: string): void {
    this.lockedResource = resource;
  }

  /** The contact's resource went unavailable (or our session ended): replies go to the bare JID again. */
  unlock(resource?: string): void {
    if (resource !== undefined && resource !== this.lockedResource) return;
    this.lockedResource = '';
    if (this.contactStateValue) {
      this.contactStateValue = undefined;
      this.events.emit('change', undefined);
    }
  }

  setContactState(state: ChatState): void {
    if (state === this.contactStateValue) return;
    this.contactStateValue = state;
    this.events.emit('change', undefined);
  }

  /** The contact's client confirmed our message (XEP-0184). */
  markDelivered(id: string): void {
    if (!this.sentIds.has(id) && !this.items.some((m) => m.outgoing && m.id === id)) return;
    this.items = this.items.map((m) => (m.outgoing && m.id === id ? { ...m, delivered: true } : m));
    this.events.emit('change', undefined);
  }

  /**
   * The contact has seen our message `id` (XEP-0333 `displayed`), and so every
   * one of ours before it.
   */
  markDisplayed(id: string): void {
    const index = this.items.findIndex((m) => m.outgoing && m.id === id);
    if (index < 0) return;
    this.items = this.items.map((m, i) => (m.outgoing && i <= index && !m.displayed ? { ...m, displayed: true } : m));
    this.events.emit('change', undefined);
  }

  /**
   * The user has seen the conversation (it is on screen and the page has the
   * focus): tells the contact's client, for the newest of their messages that
   * asked (XEP-0333 `displayed` implies the earlier ones). Sent once a message.
   */
  markSeen(): void {
    if (this.connection.status !== 'online') return;
    // Delivered from offline storage (delayed) counts too: the user sees it now.
    const newest = [...this.items].reverse().find((m) => !m.outgoing);
    if (!newest?.markable || newest.id === this.displayedSent) return;
    this.displayedSent = newest.id;
    this.connection.send(
      xml(
        'message',
        { to: this.replyTo, type: 'chat', id: uniqueId('d') },
        xml('displayed', { xmlns: CHAT_NS.MARKERS, id: newest.id }),
        xml('store', { xmlns: CHAT_NS.HINTS }),
      ),
    );
  }

  /**
   * The contact's message shown from the archive came again from offline storage, asking
   * for a marker (XEP-0333): it is marked by the id it came with.
   */
  private markable(copy: ChatMessage): void {
    const keys = keysOf(copy);
    const index = this.items.findIndex((m) => !m.outgoing && !m.markable && keysOf(m).some((k) => keys.includes(k)));
    if (index < 0) return;
    this.items = this.items.map((m, i) => (i === index ? { ...m, id: copy.id, markable: true } : m));
    this.events.emit('change', undefined);
  }

  /** An error came back for one of our messages. */
  fail(id: string, error: StanzaError): void {
    if (!this.sentIds.has(id)) return;
    this.events.emit('error', error);
  }

  /** Our session ended: nothing can be locked or typed any more. */
  reset(): void {
    clearTimeout(this.pauseTimer);
    this.ownState = 'active';
    this.unlock();
  }

  private add(message: ConversationMessage): void {
    if (message.delayed) {
      let position = this.items.length;
      while (position > 0 && this.items[position - 1].stamp > message.stamp) position -= 1;
      this.items = [...this.items.slice(0, position), message, ...this.items.slice(position)];
    } else {
      this.items = [...this.items, message];
    }
    this.events.emit('message', { conversation: this, message, history: false });
    this.events.emit('change', undefined);
  }

  private sendState(state: ChatState): void {
    this.ownState = state;
    if (this.connection.status !== 'online') return;
    this.connection.send(
      xml(
        'message',
        { to: this.replyTo, type: 'chat' },
        xml(state, { xmlns: CHAT_NS.CHAT_STATES }),
        xml('no-store', { xmlns: CHAT_NS.HINTS }),
      ),
    );
  }
}

/** Keys that identify a message across live delivery, carbons, offline storage and the archive. */
function keysOf(message: ChatMessage): string[] {
  const keys = [`id:${message.id}:${bareJid(message.from)}`];
  if (message.stanzaId) keys.push(`sid:${message.stanzaId}`);
  return keys;
}
