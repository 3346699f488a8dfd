import { type Connection, result } from './connection.js';
import { Emitter } from './emitter.js';
import { bareJid } from './jid.js';
import { child, children, xml } from './xml.js';

export const NS_BLOCKING = 'urn:xmpp:blocking';

/**
 * XEP-0191 blocking: the account's block list, kept by its server (which then
 * drops what the blocked send, and hides our presence from them). Fetched at
 * every login (which makes this session an interested resource, §3.3), kept in
 * step by the server's pushes, changed by block() and unblock().
 */
export class Blocklist {
  private jids = new Set<string>();
  private loadedValue = false;
  private readonly events = new Emitter<{ change: void }>();

  /** The block list of this connection, shared by every element on it. */
  static for(this: void, connection: Connection): Blocklist {
    return connection.service('blocking', (c) => new Blocklist(c));
  }

  private constructor(private readonly connection: Connection) {
    connection.handleIq('set', NS_BLOCKING, 'block', (iq) => this.handlePush(iq, true));
    connection.handleIq('set', NS_BLOCKING, 'unblock', (iq) => this.handlePush(iq, false));
    connection.on('status', (status) => {
      if (status === 'online') void this.fetch();
    });
    if (connection.status === 'online') void this.fetch();
  }

  /** The list has come from the server this session. */
  get loaded(): boolean {
    return this.loadedValue;
  }

  /** The blocked JIDs (bare JIDs or domains, as the server keeps them). */
  get blocked(): readonly string[] {
    return [...this.jids];
  }

  /** True when this JID (or its bare JID, or its domain) is blocked. */
  has(jid: string): boolean {
    const bare = bareJid(jid);
    return this.jids.has(jid) || this.jids.has(bare) || this.jids.has(bare.slice(bare.indexOf('@') + 1));
  }

  on(type: 'change', listener: () => void): () => void {
    return this.events.on(type, listener);
  }

  /**
   * Blocks a JID (§3.4): its bare JID, or with `exact` the JID as given (a room occupant's
   * room@service/nick, whose messages the server then drops); rejects with an XmppError (e.g.
   * bad-request for an invalid JID).
   */
  async block(jid: string, exact = false): Promise<void> {
    await this.change('block', exact ? jid.trim() : bareJid(jid.trim()));
  }

  /** Unblocks a JID (§3.5): its bare JID, or with `exact` the JID as given. */
  async unblock(jid: string, exact = false): Promise<void> {
    await this.change('unblock', exact ? jid.trim() : bareJid(jid.trim()));
  }

  private async change(action: 'block' | 'unblock', jid: string): Promise<void> {
    await this.connection.sendIq(xml('iq', { type: 'set' }, xml(action, { xmlns: NS_BLOCKING }, xml('item', { jid }))));
    this.apply(action === 'block', [jid]);
  }

  private async fetch(): Promise<void> {
    try {
      const answer = await this.connection.sendIq(xml('iq', { type: 'get' }, xml('blocklist', { xmlns: NS_BLOCKING })));
      this.jids = new Set(items(child(answer, 'blocklist', NS_BLOCKING)));
      this.loadedValue = true;
      this.events.emit('change', undefined);
    } catch {
      // A server without XEP-0191: nothing is blocked, and nothing can be.
    }
  }

  /** §3.3 and §3.5: a push from our own server; an unblock with no items unblocks everyone. */
  private handlePush(iq: Element, block: boolean): Element | undefined {
    const from = iq.getAttribute('from') ?? '';
    if (from && from !== bareJid(this.connection.jid)) return undefined;
    const jids = items(iq.firstElementChild ?? undefined);
    if (!block && jids.length === 0) this.jids.clear();
    this.apply(block, jids);
    return result(iq);
  }

  private apply(block: boolean, jids: readonly string[]): void {
    for (const jid of jids) {
      if (block) this.jids.add(jid);
      else this.jids.delete(jid);
    }
    this.events.emit('change', undefined);
  }
}

function items(el: Element | undefined): string[] {
  return children(el, 'item')
    .map((item) => item.getAttribute('jid') ?? '')
    .filter(Boolean);
}
