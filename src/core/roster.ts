import type { Connection } from './connection.js';
import { Emitter } from './emitter.js';
import { type StanzaError, XmppError } from './errors.js';
import { bareJid, isValidBareJid, resourceOf } from './jid.js';
import { type PresenceInfo, type Show, parsePresence } from './stanzas.js';
import { NS, child, children, xml } from './xml.js';

export type Subscription = 'none' | 'to' | 'from' | 'both';

/** One contact of the user's roster (RFC 6121 §2.1.2). */
export interface RosterItem {
  /** Bare JID. */
  readonly jid: string;
  /** The name the user gave the contact, or ''. */
  readonly name: string;
  readonly groups: readonly string[];
  readonly subscription: Subscription;
  /** We asked to see the contact's presence and wait for the answer. */
  readonly ask: boolean;
}

/** A contact's presence: the best of its online resources, or offline. */
export interface ContactPresence {
  readonly show: Show;
  readonly status: string;
  /** The resource the show comes from ('' when offline). */
  readonly resource: string;
  /** The avatar's SHA-1 a resource announced (XEP-0153 / XEP-0398), if any. */
  readonly photo?: string;
}

export interface RosterEvents {
  /** Items, presences, requests or unread counts changed. */
  change: void;
  /** A contact's presence changed: the stanza as parsed, and the contact's best presence now. */
  presence: { readonly info: PresenceInfo; readonly contact: ContactPresence };
  error: StanzaError;
}

const SUBSCRIPTIONS: readonly Subscription[] = ['none', 'to', 'from', 'both'];
/** Lower is more available: used to pick a resource and to sort contacts. */
const SHOW_RANK: Readonly<Record<Show, number>> = { chat: 0, available: 1, away: 2, dnd: 3, xa: 4, offline: 5 };
const OFFLINE: ContactPresence = { show: 'offline', status: '', resource: '' };
/** How many JIDs (presence, unread) are tracked at most, so a flood of strangers cannot grow memory without end. */
const MAX_TRACKED = 2000;

/** Parses one roster `<item/>`; undefined when its JID is missing or invalid. */
export function parseRosterItem(item: Element): RosterItem | undefined {
  const jid = bareJid((item.getAttribute('jid') ?? '').trim());
  if (!isValidBareJid(jid)) return undefined;
  const sub = item.getAttribute('subscription') ?? 'none';
  const groups = [
    ...new Set(children(item, 'group').map((g) => (g.textContent ?? '').trim().slice(0, 200)).filter(Boolean)),
  ];
  return {
    jid,
    name: (item.getAttribute('name') ?? '').slice(0, 200),
    groups,
    subscription: (SUBSCRIPTIONS as readonly string[]).includes(sub) ? (sub as Subscription) : 'none',
    ask: item.getAttribute('ask') === 'subscribe',
  };
}

/** How available a show is: lower is more available. */
export function showRank(show: Show): number {
  return SHOW_RANK[show];
}

/**
 * The user's contact list (RFC 6121 §2), one per connection: fetched on every
 * login, kept current by roster pushes, with each contact's live presence,
 * pending subscription requests and unread message counts.
 */
export class Roster {
  private readonly events = new Emitter<RosterEvents>();
  private readonly itemMap = new Map<string, RosterItem>();
  /** bare JID → resource → presence. */
  private readonly resources = new Map<string, Map<string, PresenceInfo>>();
  private readonly requestSet = new Set<string>();
  private readonly unreadMap = new Map<string, number>();
  private loadedValue = false;
  private owner = '';

  /** The roster of this connection, shared by every element on it. */
  static for(this: void, connection: Connection): Roster {
    return connection.service('roster', (c) => new Roster(c));
  }

  constructor(private readonly connection: Connection) {
    connection.on('status', (status) => this.handleStatus(status));
    connection.on('presence', (stanza) => this.handlePresence(stanza));
    connection.on('message', (stanza) => this.handleMessage(stanza));
    connection.handleIq('set', NS.ROSTER, 'query', (iq) => this.handlePush(iq));
    if (connection.status === 'online') this.handleStatus('online');
  }

  /** The roster has been received since the last login. */
  get loaded(): boolean {
    return this.loadedValue;
  }

  get items(): readonly RosterItem[] {
    return [...this.itemMap.values()];
  }

  item(jid: string): RosterItem | undefined {
    return this.itemMap.get(bareJid(jid));
  }

  /** The contact's best presence: highest priority, then most available show. */
  presence(jid: string): ContactPresence {
    const all = this.resources.get(bareJid(jid));
    let best: PresenceInfo | undefined;
    for (const info of all?.values() ?? []) {
      if (
        !best ||
        info.priority > best.priority ||
        (info.priority === best.priority && SHOW_RANK[info.show] < SHOW_RANK[best.show])
      ) {
        best = info;
      }
    }
    if (!best) return OFFLINE;
    const photo = best.photo || [...(all?.values() ?? [])].find((info) => info.photo)?.photo;
    return { show: best.show, status: best.status, resource: resourceOf(best.from), ...(photo ? { photo } : {}) };
  }

  /** Bare JIDs that asked to see the user's presence and wait for an answer. */
  get requests(): readonly string[] {
    return [...this.requestSet];
  }

  /** How many chat messages from this contact have not been read. */
  unread(jid: string): number {
    return this.unreadMap.get(bareJid(jid)) ?? 0;
  }

  on<K extends keyof RosterEvents>(type: K, listener: (value: RosterEvents[K]) => void): () => void {
    return this.events.on(type, listener);
  }

  /** Fetches the roster again (done on every login). */
  async fetch(): Promise<void> {
    const reply = await this.connection.sendIq(xml('iq', { type: 'get' }, xml('query', { xmlns: NS.ROSTER })));
    this.itemMap.clear();
    for (const el of children(child(reply, 'query', NS.ROSTER), 'item')) {
      const item = parseRosterItem(el);
      if (item) this.itemMap.set(item.jid, item);
    }
    this.loadedValue = true;
    this.changed();
  }

  /** Adds a contact (or updates its name) and asks to see its presence. */
  async add(jid: string, name = ''): Promise<void> {
    const bare = this.checkJid(jid);
    await this.setItem(bare, name.trim(), this.item(bare)?.groups ?? []);
    this.connection.send(xml('presence', { to: bare, type: 'subscribe' }));
  }

  /** Gives a contact a new name, keeping its groups. */
  async rename(jid: string, name: string): Promise<void> {
    const bare = this.checkJid(jid);
    await this.setItem(bare, name.trim(), this.item(bare)?.groups ?? []);
  }

  /** Removes a contact (and with it both subscriptions). */
  async remove(jid: string): Promise<void> {
    const bare = this.checkJid(jid);
    await this.connection.sendIq(
      xml('iq', { type: 'set' }, xml('query', { xmlns: NS.ROSTER }, xml('item', { jid: bare, subscription: 'remove' }))),
    );
  }

  /** Lets the contact see the user's presence, and asks for theirs back unless already there. */
  accept(jid: string): void {
    const bare = bareJid(jid);
    this.connection.send(xml('presence', { to: bare, type: 'subscribed' }));
    const item = this.item(bare);
    if (!item || ((item.subscription === 'none' || item.subscription === 'from') && !item.ask)) {
      this.connection.send(xml('presence', { to: bare, type: 'subscribe' }));
    }
    this.requestSet.delete(bare);
    this.changed();
  }

  /** Refuses a subscription request. */
  deny(jid: string): void {
    const bare = bareJid(jid);
    this.connection.send(xml('presence', { to: bare, type: 'unsubscribed' }));
    this.requestSet.delete(bare);
    this.changed();
  }

  /** The conversation with this contact has been seen. */
  markRead(jid: string): void {
    if (this.unreadMap.delete(bareJid(jid))) this.changed();
  }

  private checkJid(jid: string): string {
    const bare = bareJid(jid.trim());
    if (!isValidBareJid(bare) || jid.trim().includes('/')) {
      throw new XmppError({ condition: 'jid-malformed', text: jid.trim() });
    }
    return bare;
  }

  private async setItem(jid: string, name: string, groups: readonly string[]): Promise<void> {
    await this.connection.sendIq(
      xml(
        'iq',
        { type: 'set' },
        xml(
          'query',
          { xmlns: NS.ROSTER },
          xml('item', { jid, name: name || undefined }, ...groups.map((g) => xml('group', {}, g))),
        ),
      ),
    );
  }

  private changed(): void {
    this.events.emit('change', undefined);
  }

  private handleStatus(status: string): void {
    if (status === 'online') {
      const owner = bareJid(this.connection.jid);
      if (owner !== this.owner) {
        // Another account: nothing of the previous one may show.
        this.owner = owner;
        this.itemMap.clear();
        this.requestSet.clear();
        this.unreadMap.clear();
      }
      this.loadedValue = false;
      this.fetch().catch((error: unknown) => {
        if (error instanceof XmppError) this.events.emit('error', error.error);
      });
    } else if (status === 'offline' || status === 'failed' || status === 'auth-failed') {
      // Presence is per session: every contact is offline until the next one.
      if (this.resources.size > 0) {
        this.resources.clear();
        this.changed();
      }
    }
  }

  /** A roster push (RFC 6121 §2.1.6): only from our own account. */
  private handlePush(iq: Element): Element | undefined {
    const from = iq.getAttribute('from') ?? '';
    if (from !== '' && bareJid(from) !== bareJid(this.connection.jid)) return undefined;
    for (const el of children(child(iq, 'query', NS.ROSTER), 'item')) {
      const item = parseRosterItem(el);
      if (!item) continue;
      if (el.getAttribute('subscription') === 'remove') {
        this.itemMap.delete(item.jid);
        this.resources.delete(item.jid);
        this.unreadMap.delete(item.jid);
      } else {
        this.itemMap.set(item.jid, item);
        if (item.subscription === 'both' || item.subscription === 'from') this.requestSet.delete(item.jid);
      }
    }
    this.changed();
    return xml('iq', { type: 'result', id: iq.getAttribute('id'), to: from || undefined });
  }

  private handlePresence(stanza: Element): void {
    // Room occupants are the room's business, not the roster's.
    if (child(stanza, 'x', NS.MUC_USER) || child(stanza, 'x', NS.MUC)) return;
    const info = parsePresence(stanza);
    const jid = bareJid(info.from);
    if (!info.from || jid === bareJid(this.connection.jid)) return;
    switch (info.type) {
      case 'subscribe':
        if (!isValidBareJid(jid) || this.requestSet.has(jid) || this.requestSet.size >= MAX_TRACKED) return;
        this.requestSet.add(jid);
        this.changed();
        return;
      case 'unsubscribe':
        if (this.requestSet.delete(jid)) this.changed();
        return;
      case 'available':
      case 'unavailable': {
        const resource = resourceOf(info.from);
        let map = this.resources.get(jid);
        if (info.type === 'available') {
          if (!map) {
            if (this.resources.size >= MAX_TRACKED && !this.itemMap.has(jid)) return;
            map = new Map();
            this.resources.set(jid, map);
          }
          if (map.size >= 100 && !map.has(resource)) return;
          map.set(resource, info);
        } else if (map) {
          // Unavailable from the bare JID means every resource went away.
          if (resource === '') map.clear();
          else map.delete(resource);
          if (map.size === 0) this.resources.delete(jid);
        }
        this.events.emit('presence', { info, contact: this.presence(jid) });
        this.changed();
        return;
      }
      default:
        return;
    }
  }

  private handleMessage(stanza: Element): void {
    if (stanza.getAttribute('type') !== 'chat' || child(stanza, 'body') === undefined) return;
    if (child(stanza, 'x', NS.MUC_USER)) return;
    const jid = bareJid(stanza.getAttribute('from') ?? '');
    if (!jid || jid === bareJid(this.connection.jid) || !isValidBareJid(jid)) return;
    if (this.unreadMap.size >= MAX_TRACKED && !this.unreadMap.has(jid)) return;
    this.unreadMap.set(jid, (this.unreadMap.get(jid) ?? 0) + 1);
    this.changed();
  }
}
