import type { Connection, Status } from './connection.js';
import { Emitter } from './emitter.js';
import { type StanzaError, XmppError, parseStanzaError } from './errors.js';
import { bareJid, resourceOf } from './jid.js';
import { type ChatMessage, type Show, delayStamp, originId, parseMessage, parsePresence } from './stanzas.js';
import { NS, child, childText, children, uniqueId, xml } from './xml.js';

export type Role = 'moderator' | 'participant' | 'visitor' | 'none';
export type Affiliation = 'owner' | 'admin' | 'member' | 'outcast' | 'none';

export interface Occupant {
  readonly nick: string;
  /** The real JID, in non-anonymous rooms or for moderators. */
  readonly jid?: string;
  readonly role: Role;
  readonly affiliation: Affiliation;
  readonly show: Show;
  readonly status: string;
  readonly self: boolean;
}

/** A line from the system, not a person; components word it through the message table. */
export interface RoomNotice {
  readonly id: string;
  readonly kind: 'joined' | 'left' | 'nick-conflict' | 'room-created' | 'nick-changed' | 'kicked' | 'banned' | 'subject';
  readonly params: Readonly<Record<string, string>>;
  readonly stamp: string;
}

export type TimelineItem =
  | { readonly kind: 'message'; readonly message: ChatMessage }
  | { readonly kind: 'notice'; readonly notice: RoomNotice };

export type RoomState = 'idle' | 'joining' | 'joined' | 'left' | 'error';

export interface RoomOptions {
  readonly nick: string;
  readonly password?: string;
  /** How many past messages to ask the room for on join. */
  readonly history?: number;
}

export interface RoomEvents {
  /** Anything shown changed: occupants, subject, timeline, state. */
  change: void;
  message: ChatMessage;
  notice: RoomNotice;
  error: StanzaError;
}

const ROLES: readonly Role[] = ['moderator', 'participant', 'visitor', 'none'];
const AFFILIATIONS: readonly Affiliation[] = ['owner', 'admin', 'member', 'outcast', 'none'];
const MAX_NICK_ATTEMPTS = 8;

/** Every MUC error a join can meet, as a room error (XEP-0045 §7.2). */
function roleOf(value: string | null): Role {
  return (ROLES as readonly (string | null)[]).includes(value) ? (value as Role) : 'none';
}

function affiliationOf(value: string | null): Affiliation {
  return (AFFILIATIONS as readonly (string | null)[]).includes(value) ? (value as Affiliation) : 'none';
}

function statusCodes(x: Element | undefined): Set<string> {
  return new Set(children(x, 'status').map((s) => s.getAttribute('code') ?? ''));
}

/**
 * A multi-user chat room (XEP-0045) on a connection: joins as a nick, keeps
 * occupants, subject and timeline, sends groupchat messages and matches the
 * room's reflection of each to the sent one by id.
 */
export class MucRoom {
  readonly jid: string;
  private stateValue: RoomState = 'idle';
  private nickValue: string;
  private requestedNick: string;
  private nickAttempt = 1;
  private subjectValue = '';
  private readonly occupantMap = new Map<string, Occupant>();
  private items: TimelineItem[] = [];
  private readonly seen = new Set<string>();
  private readonly pendingIds = new Set<string>();
  private errorValue: StanzaError | undefined;
  private readonly events = new Emitter<RoomEvents>();
  private readonly unsubscribe: (() => void)[] = [];

  constructor(
    private readonly connection: Connection,
    roomJid: string,
    private readonly options: RoomOptions,
  ) {
    this.jid = bareJid(roomJid);
    this.nickValue = options.nick;
    this.requestedNick = options.nick;
    this.unsubscribe.push(
      connection.on('presence', (stanza) => this.handlePresence(stanza)),
      connection.on('message', (stanza) => this.handleMessage(stanza)),
      connection.on('status', (status) => this.handleStatus(status)),
    );
  }

  get state(): RoomState {
    return this.stateValue;
  }

  get nick(): string {
    return this.nickValue;
  }

  get subject(): string {
    return this.subjectValue;
  }

  get error(): StanzaError | undefined {
    return this.errorValue;
  }

  /** Occupants sorted by role, then nick. */
  get occupants(): readonly Occupant[] {
    const rank = (o: Occupant) => ROLES.indexOf(o.role);
    return [...this.occupantMap.values()].sort((a, b) => rank(a) - rank(b) || a.nick.localeCompare(b.nick));
  }

  get timeline(): readonly TimelineItem[] {
    return this.items;
  }

  on<K extends keyof RoomEvents>(type: K, listener: (value: RoomEvents[K]) => void): () => void {
    return this.events.on(type, listener);
  }

  /** Joins now if online, else as soon as the connection is. */
  join(): void {
    if (this.connection.status !== 'online') return;
    if (this.stateValue === 'joining' || this.stateValue === 'joined') return;
    this.errorValue = undefined;
    this.setState('joining');
    this.sendJoin();
  }

  /** Leaves with unavailable presence. */
  leave(): void {
    if (this.stateValue === 'joined' || this.stateValue === 'joining') {
      this.connection.send(xml('presence', { to: `${this.jid}/${this.nickValue}`, type: 'unavailable' }));
    }
    this.occupantMap.clear();
    this.setState('left');
  }

  /** Sends a groupchat message; it shows at once and is confirmed by the room's reflection. */
  send(body: string): ChatMessage {
    if (this.stateValue !== 'joined') {
      const error: StanzaError = { condition: 'not-joined', text: '' };
      this.reportError(error);
      throw new XmppError(error);
    }
    const id = uniqueId('m');
    const message: ChatMessage = {
      id,
      from: `${this.jid}/${this.nickValue}`,
      to: this.jid,
      type: 'groupchat',
      body,
      nick: this.nickValue,
      stamp: new Date().toISOString(),
      outgoing: true,
      pending: true,
    };
    this.pendingIds.add(id);
    this.seen.add(`id:${id}`);
    this.push({ kind: 'message', message });
    this.events.emit('message', message);
    this.connection.send(
      xml(
        'message',
        { to: this.jid, type: 'groupchat', id },
        xml('body', {}, body),
        xml('origin-id', { xmlns: NS.STANZA_ID, id }),
      ),
    );
    return message;
  }

  /** Stops listening to the connection (after leave()). */
  dispose(): void {
    for (const off of this.unsubscribe.splice(0)) off();
    this.events.clear();
  }

  private sendJoin(): void {
    const history = this.options.history ?? 50;
    this.connection.send(
      xml(
        'presence',
        { to: `${this.jid}/${this.nickValue}` },
        xml(
          'x',
          { xmlns: NS.MUC },
          xml('history', { maxstanzas: Math.max(0, Math.floor(history)) }),
          this.options.password ? xml('password', {}, this.options.password) : null,
        ),
      ),
    );
  }

  private handleStatus(status: Status): void {
    if (status === 'online' && this.stateValue === 'idle') {
      this.join();
    } else if (status !== 'online' && (this.stateValue === 'joined' || this.stateValue === 'joining')) {
      // The session is gone; so is our place in the room.
      this.occupantMap.clear();
      this.setState('idle');
    }
  }

  private handlePresence(stanza: Element): void {
    const from = stanza.getAttribute('from') ?? '';
    if (bareJid(from) !== this.jid) return;
    const nick = resourceOf(from);
    const presence = parsePresence(stanza);
    if (presence.type === 'error') {
      this.handleJoinError(presence.error ?? { condition: 'undefined-condition', text: '' });
      return;
    }
    if (!nick) return;
    const x = child(stanza, 'x', NS.MUC_USER);
    const codes = statusCodes(x);
    const item = child(x, 'item');
    const self = codes.has('110') || (nick === this.nickValue && this.stateValue === 'joining');

    if (presence.type === 'unavailable') {
      this.handleUnavailable(nick, self, codes, item);
      return;
    }
    if (presence.type !== 'available') return;

    const jid = item?.getAttribute('jid') ?? undefined;
    const occupant: Occupant = {
      nick,
      ...(jid ? { jid } : {}),
      role: roleOf(item?.getAttribute('role') ?? null),
      affiliation: affiliationOf(item?.getAttribute('affiliation') ?? null),
      show: presence.show,
      status: presence.status,
      self,
    };
    const known = this.occupantMap.has(nick);
    this.occupantMap.set(nick, occupant);

    if (self) {
      if (codes.has('210') && nick !== this.nickValue) this.notice('nick-changed', { nick });
      this.nickValue = nick;
      if (this.stateValue !== 'joined') {
        if (codes.has('201')) {
          this.notice('room-created', { room: this.jid });
          this.createInstantRoom();
        }
        if (nick !== this.requestedNick && this.nickAttempt > 1) {
          this.notice('nick-conflict', { requested: this.requestedNick, nick });
        }
        this.setState('joined');
      }
    } else if (!known && this.stateValue === 'joined') {
      this.notice('joined', { nick });
    }
    this.events.emit('change', undefined);
  }

  private handleUnavailable(nick: string, self: boolean, codes: Set<string>, item: Element | undefined): void {
    const reason = childText(item, 'reason') ?? '';
    if (codes.has('303')) {
      // A nick change: the new nick's presence follows.
      const newNick = item?.getAttribute('nick') ?? '';
      this.occupantMap.delete(nick);
      if (self && newNick) this.nickValue = newNick;
      this.events.emit('change', undefined);
      return;
    }
    this.occupantMap.delete(nick);
    if (self) {
      if (codes.has('301')) this.notice('banned', { nick, reason });
      else if (codes.has('307')) this.notice('kicked', { nick, reason });
      this.occupantMap.clear();
      this.setState('left');
      return;
    }
    if (this.stateValue === 'joined') {
      if (codes.has('307')) this.notice('kicked', { nick, reason });
      else if (codes.has('301')) this.notice('banned', { nick, reason });
      else this.notice('left', { nick });
    }
    this.events.emit('change', undefined);
  }

  private handleJoinError(error: StanzaError): void {
    if (this.stateValue === 'joining' && error.condition === 'conflict' && this.nickAttempt < MAX_NICK_ATTEMPTS) {
      this.nickAttempt += 1;
      this.nickValue = `${this.requestedNick}-${this.nickAttempt}`;
      this.sendJoin();
      return;
    }
    if (this.stateValue === 'joining') this.setState('error');
    this.reportError(error);
  }

  private handleMessage(stanza: Element): void {
    const from = stanza.getAttribute('from') ?? '';
    if (bareJid(from) !== this.jid) return;
    const type = stanza.getAttribute('type');
    if (type === 'error') {
      const id = stanza.getAttribute('id') ?? '';
      this.markFailed(id);
      this.reportError(parseStanzaError(stanza) ?? { condition: 'undefined-condition', text: '' });
      return;
    }
    if (type !== 'groupchat') return;
    const subject = child(stanza, 'subject');
    if (subject && !child(stanza, 'body')) {
      this.subjectValue = (subject.textContent ?? '').slice(0, 2000);
      this.events.emit('change', undefined);
      return;
    }
    const id = originId(stanza);
    if (id && this.pendingIds.has(id) && resourceOf(from) === this.nickValue) {
      this.confirm(id, stanza);
      return;
    }
    const message = parseMessage(stanza, { ownJid: this.connection.jid, ownNick: this.nickValue });
    if (!message || !resourceOf(from)) return;
    const keys = [message.stanzaId && `sid:${message.stanzaId}`, id && `id:${id}:${from}`].filter(Boolean) as string[];
    if (keys.some((k) => this.seen.has(k))) return;
    for (const k of keys) this.seen.add(k);
    this.push({ kind: 'message', message });
    this.events.emit('message', message);
  }

  /** The room reflected our message: it is sent; keep it once. */
  private confirm(id: string, stanza: Element): void {
    this.pendingIds.delete(id);
    const stamp = delayStamp(stanza);
    this.items = this.items.map((item) =>
      item.kind === 'message' && item.message.id === id
        ? { kind: 'message', message: { ...item.message, pending: false, ...(stamp ? { stamp } : {}) } }
        : item,
    );
    this.events.emit('change', undefined);
  }

  private markFailed(id: string): void {
    if (!this.pendingIds.delete(id)) return;
    this.items = this.items.filter((item) => !(item.kind === 'message' && item.message.id === id));
    this.events.emit('change', undefined);
  }

  private createInstantRoom(): void {
    // XEP-0045 §10.1.2: accept the default configuration so the room unlocks.
    this.connection
      .sendIq(
        xml(
          'iq',
          { to: this.jid, type: 'set' },
          xml('query', { xmlns: NS.MUC_OWNER }, xml('x', { xmlns: NS.DATA, type: 'submit' })),
        ),
      )
      .catch((error: unknown) => {
        if (error instanceof XmppError) this.reportError(error.error);
      });
  }

  private notice(kind: RoomNotice['kind'], params: Record<string, string>): void {
    const notice: RoomNotice = { id: uniqueId('n'), kind, params, stamp: new Date().toISOString() };
    this.push({ kind: 'notice', notice });
    this.events.emit('notice', notice);
  }

  private push(item: TimelineItem): void {
    this.items = [...this.items, item];
    this.events.emit('change', undefined);
  }

  private reportError(error: StanzaError): void {
    this.errorValue = error;
    this.events.emit('error', error);
    this.events.emit('change', undefined);
  }

  private setState(state: RoomState): void {
    if (state === this.stateValue) return;
    this.stateValue = state;
    this.events.emit('change', undefined);
  }
}
