import type { Connection } from './connection.js';
import { Emitter } from './emitter.js';
import { XmppError } from './errors.js';
import { bareJid, isValidBareJid, localOf } from './jid.js';
import { NS, child, childText, children, xml } from './xml.js';

/** XEP-0402 PEP Native Bookmarks: the node, and the namespace of its items' payload. */
export const NS_BOOKMARKS = 'urn:xmpp:bookmarks:1';
const NS_PUBSUB = 'http://jabber.org/protocol/pubsub';
const NS_PUBSUB_EVENT = 'http://jabber.org/protocol/pubsub#event';

/** One bookmarked room, as the account's PEP node keeps it. */
export interface Bookmark {
  /** The room's bare JID (the item id). */
  readonly jid: string;
  /** The name the user gave it ('' for none). */
  readonly name: string;
  readonly autojoin: boolean;
  /** The nick to join as ('' for the client's own choice). */
  readonly nick: string;
  readonly password?: string;
  /** `<extensions>` another client put there: kept as it is when this client updates the bookmark (§3.3). */
  readonly extensions?: Element;
}

const MAX_TEXT = 1000;

/** Reads a `<conference xmlns='urn:xmpp:bookmarks:1'>` item payload (§3.2); undefined when it is none, or its id is no room JID. */
export function parseBookmark(item: Element): Bookmark | undefined {
  const jid = (item.getAttribute('id') ?? '').trim();
  const conference = child(item, 'conference', NS_BOOKMARKS);
  if (!conference || !isValidBareJid(jid) || !localOf(jid)) return undefined;
  const password = childText(conference, 'password', NS_BOOKMARKS);
  const extensions = child(conference, 'extensions', NS_BOOKMARKS);
  const autojoin = conference.getAttribute('autojoin');
  return {
    jid,
    name: (conference.getAttribute('name') ?? '').trim().slice(0, MAX_TEXT),
    autojoin: autojoin === 'true' || autojoin === '1',
    nick: (childText(conference, 'nick', NS_BOOKMARKS) ?? '').trim().slice(0, MAX_TEXT),
    ...(password ? { password: password.slice(0, MAX_TEXT) } : {}),
    ...(extensions ? { extensions } : {}),
  };
}

/** The `<item>` that publishes a bookmark (§3.1). */
export function bookmarkItem(bookmark: Bookmark): Element {
  const { jid, name, autojoin, nick, password, extensions } = bookmark;
  return xml(
    'item',
    { id: jid },
    xml(
      'conference',
      { xmlns: NS_BOOKMARKS, name: name || undefined, autojoin: autojoin ? 'true' : 'false' },
      nick ? xml('nick', {}, nick) : undefined,
      password ? xml('password', {}, password) : undefined,
      extensions?.cloneNode(true) as Element | undefined,
    ),
  );
}

/**
 * §5.3: the node must keep every item, for the account alone: as publish-options, or as the node's
 * configuration (XEP-0060 §8.2). `all` false: only the two publish-options every server takes
 * (ejabberd 23.01 refuses any other as resource-constraint).
 */
function nodeForm(type: 'publish-options' | 'node_config', all = true): Element {
  const field = (name: string, value: string, hidden?: string) => xml('field', { var: name, type: hidden }, xml('value', {}, value));
  return xml(
    'x',
    { xmlns: NS.DATA, type: 'submit' },
    field('FORM_TYPE', `${NS_PUBSUB}#${type}`, 'hidden'),
    field('pubsub#persist_items', 'true'),
    all && field('pubsub#max_items', 'max'),
    all && field('pubsub#send_last_published_item', 'never'),
    field('pubsub#access_model', 'whitelist'),
  );
}

/**
 * XEP-0402: the rooms the user bookmarked, kept in the account's PEP node
 * `urn:xmpp:bookmarks:1`. Fetched at every login (§5.1), kept in step by the
 * server's notifications (we announce `urn:xmpp:bookmarks:1+notify`, caps.ts),
 * changed by set() (§5.3) and remove() (§5.4). A server without it: `loaded`
 * stays false, and nothing is shown.
 */
export class Bookmarks {
  private items = new Map<string, Bookmark>();
  private loadedValue = false;
  /** Counts logins whose list has arrived (not a reconnect's): each one opens autojoin rooms again. */
  private loginsValue = 0;
  private readonly events = new Emitter<{ change: void }>();

  /** The bookmarks of this connection's account, shared by every element on it. */
  static for(this: void, connection: Connection): Bookmarks {
    return connection.service('bookmarks', (c) => new Bookmarks(c));
  }

  /** Pushes of our node that came before the list (see fetch). */
  private readonly early: Element[] = [];

  private constructor(private readonly connection: Connection) {
    connection.on('message', (message) => this.handleEvent(message));
    connection.on('status', (status) => {
      if (status === 'online') void this.fetch();
      else if (status !== 'reconnecting') {
        this.loadedValue = false;
        this.early.length = 0;
      }
    });
    if (connection.status === 'online') void this.fetch();
  }

  /** The list has come from the server this login (false where the server lacks XEP-0402). */
  get loaded(): boolean {
    return this.loadedValue;
  }

  /** How many times the list arrived from a login (a login's first list: 1, 2…). */
  get logins(): number {
    return this.loginsValue;
  }

  /** The bookmarks, by name (else JID). */
  get bookmarks(): readonly Bookmark[] {
    return [...this.items.values()].sort((a, b) => (a.name || a.jid).localeCompare(b.name || b.jid));
  }

  get(room: string): Bookmark | undefined {
    return this.items.get(bareJid(room).toLowerCase());
  }

  on(type: 'change', listener: () => void): () => void {
    return this.events.on(type, listener);
  }

  /** Adds or updates a bookmark (§5.3): keeps another client's extensions; rejects with an XmppError. */
  async set(bookmark: Bookmark): Promise<void> {
    const jid = bareJid(bookmark.jid.trim());
    if (!isValidBareJid(jid) || !localOf(jid)) throw new XmppError({ condition: 'jid-malformed', text: bookmark.jid });
    const extensions = bookmark.extensions ?? this.get(jid)?.extensions;
    const next: Bookmark = { ...bookmark, jid, ...(extensions ? { extensions } : {}) };
    const publish = (all: boolean) =>
      this.pubsub(NS_PUBSUB, xml('publish', { node: NS_BOOKMARKS }, bookmarkItem(next)), xml('publish-options', {}, nodeForm('publish-options', all)));
    try {
      await publish(true);
    } catch (error) {
      if (!isCondition(error, 'resource-constraint')) throw error;
      // A server that takes only some publish-options (ejabberd 23.01, whose new PEP node would keep
      // one item): the node's configuration gets the rest first, the node made with it if new (§8.1.3).
      const configure = xml('configure', { node: NS_BOOKMARKS }, nodeForm('node_config'));
      await this.pubsub(`${NS_PUBSUB}#owner`, configure).catch((failure: unknown) => {
        if (!isCondition(failure, 'item-not-found')) throw failure;
        return this.pubsub(NS_PUBSUB, xml('create', { node: NS_BOOKMARKS }), xml('configure', {}, nodeForm('node_config')));
      });
      await publish(false);
    }
    this.put(next);
  }

  /** Removes a bookmark (§5.4, retracted with a notification to the account's other sessions). */
  async remove(room: string): Promise<void> {
    const id = this.get(room)?.jid ?? bareJid(room.trim());
    await this.pubsub(NS_PUBSUB, xml('retract', { node: NS_BOOKMARKS, notify: 'true' }, xml('item', { id })));
    if (this.items.delete(id.toLowerCase())) this.events.emit('change', undefined);
  }

  private pubsub(xmlns: string, ...payload: Element[]): Promise<Element> {
    return this.connection.sendIq(xml('iq', { type: 'set' }, xml('pubsub', { xmlns }, ...payload)));
  }

  private async fetch(): Promise<void> {
    let list: Bookmark[] = [];
    try {
      const answer = await this.connection.sendIq(
        xml('iq', { type: 'get' }, xml('pubsub', { xmlns: NS_PUBSUB }, xml('items', { node: NS_BOOKMARKS }))),
      );
      list = parseItems(child(child(answer, 'pubsub', NS_PUBSUB), 'items'));
    } catch (error) {
      // No node yet (nothing bookmarked): an empty list. Anything else: a server without PEP bookmarks.
      if (!isCondition(error, 'item-not-found')) return;
    }
    this.items = new Map(list.map((b) => [b.jid.toLowerCase(), b]));
    // A session taken up again after a loss (reconnecting) is the same login.
    if (!this.loadedValue) this.loginsValue++;
    this.loadedValue = true;
    // Pushes that came while the list was on its way: applied over it (the same item again is no change).
    for (const early of this.early.splice(0)) this.apply(early);
    this.events.emit('change', undefined);
  }

  /** A PEP notification from the own account (§5.2, §5.4): items published, retracted, or the node purged or deleted. */
  private handleEvent(message: Element): void {
    const event = child(message, 'event', NS_PUBSUB_EVENT);
    if (!event) return;
    const from = message.getAttribute('from');
    if (from && bareJid(from).toLowerCase() !== bareJid(this.connection.jid).toLowerCase()) return;
    const node = (child(event, 'items') ?? child(event, 'purge') ?? child(event, 'delete'))?.getAttribute('node');
    if (node !== NS_BOOKMARKS) return;
    // Before the list is in (its answer may come after a push): kept for then.
    if (!this.loadedValue) this.early.push(event);
    else this.apply(event);
  }

  private apply(event: Element): void {
    const items = child(event, 'items');
    if (!items) this.items.clear();
    for (const bookmark of parseItems(items)) this.items.set(bookmark.jid.toLowerCase(), bookmark);
    for (const retract of children(items, 'retract')) this.items.delete((retract.getAttribute('id') ?? '').toLowerCase());
    this.events.emit('change', undefined);
  }

  private put(bookmark: Bookmark): void {
    this.items.set(bookmark.jid.toLowerCase(), bookmark);
    this.events.emit('change', undefined);
  }
}

function parseItems(items: Element | undefined): Bookmark[] {
  return children(items, 'item')
    .map(parseBookmark)
    .filter((b): b is Bookmark => !!b);
}

const isCondition = (error: unknown, condition: string) => error instanceof XmppError && error.error.condition === condition;
