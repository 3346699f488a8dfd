// Loaded on demand, when a second tab shares the session (tabs.ts): both sides of the relay.
import { bareJid } from './jid.js';
import type { TabTransport } from './tabs.js';
import type { TransportHandlers, TransportState } from './transport.js';
import { NS, parseXml, serialize, xml } from './xml.js';

/** What tabs say to each other on the channel. */
export type Note =
  /** A follower asks the leader for the session's state. */
  | { readonly t: 'hello' }
  /** The leader: the session's state (its full JID once bound). */
  | { readonly t: 'state'; readonly state?: TransportState; readonly condition?: string; readonly jid: string }
  /** The leader: a stanza from the server. */
  | { readonly t: 'in'; readonly xml: string }
  /** A follower: a stanza for the server (the leader sends it; the others see what a tab sent). */
  | { readonly t: 'send'; readonly xml: string }
  /** The leader: a stanza it sent (the others see what a tab sent). */
  | { readonly t: 'sent'; readonly xml: string }
  /** A follower signs in (the leader's wire is down). */
  | { readonly t: 'connect'; readonly jid: string; readonly password?: string }
  /** A new leader took the session up: what was in flight may be lost. */
  | { readonly t: 'resumed' }
  /** The user logged out in one tab: the session ends for all. */
  | { readonly t: 'logout' };

/**
 * The relay between this tab and the others. Leading, it answers followers and
 * passes them the wire's states and stanzas. Following, it hands its stanzas
 * to the leader (not its answers to the server's requests: the leader answers
 * those), reports the leader's states and stanzas as its own, and waits for
 * the lock, to take the session up when the leader goes.
 */
export class Relay {
  private leaderJid = '';
  private heard: TransportState | undefined;
  /** Following: stops waiting for the lock (this tab is done). */
  private readonly quit = new AbortController();
  private waiting = false;

  constructor(private readonly tab: TabTransport) {}

  get boundJid(): string {
    return this.tab.lead ? this.tab.wire.boundJid : this.leaderJid;
  }

  /** Leading: the wire's state, for the followers. */
  state(state: TransportState, condition?: string): void {
    this.post({ t: 'state', state, condition, jid: this.tab.wire.boundJid });
  }

  /** Leading: a stanza from the server, for the followers. */
  stanza(stanza: Element): void {
    this.post({ t: 'in', xml: serialize(stanza) });
  }

  /** Following: asks the leader where the session is. */
  follow(jid: string): void {
    this.post({ t: 'hello' });
    this.waitToLead(jid);
  }

  /** Following: signs in through the leader, whose wire is down (it ignores this while up). */
  connect(jid: string, password: string | undefined): void {
    this.post({ t: 'connect', jid, ...(password === undefined ? {} : { password }) });
    this.post({ t: 'hello' });
    this.waitToLead(jid);
  }

  send(stanza: Element): void {
    if (this.tab.lead) {
      this.tab.wire.send(stanza);
      if (isChat(stanza)) this.post({ t: 'sent', xml: serialize(stanza) });
      return;
    }
    const type = stanza.getAttribute('type');
    if (stanza.localName === 'iq' && (type === 'result' || type === 'error')) return;
    this.post({ t: 'send', xml: serialize(stanza) });
  }

  /**
   * This tab no longer needs the session. Leading with other tabs waiting, it
   * hands the session over (its ids kept, the lock given up); leading alone, it
   * ends the session. Following, it just goes. `everywhere` (a user's logout):
   * every tab is told, and the leader ends the session.
   */
  disconnect(everywhere?: boolean): void {
    if (everywhere) this.post({ t: 'logout' });
    this.tab.channel.close();
    this.quit.abort();
    if (!this.tab.lead) return;
    if (everywhere) {
      this.end();
      return;
    }
    void navigator.locks.query().then(({ pending }) => {
      if (pending?.some((lock) => lock.name === this.tab.key)) this.tab.wire.release();
      else this.tab.wire.disconnect();
      this.tab.unlock();
    });
  }

  hear(note: Note): void {
    const { tab } = this;
    const handlers = tab.handlers;
    if (tab.lead) {
      if (note.t === 'logout') {
        this.end();
        handlers?.state('disconnected', 'logged-out');
      } else if (note.t === 'hello') this.post({ t: 'state', state: tab.state?.[0], condition: tab.state?.[1], jid: tab.wire.boundJid });
      else if (note.t === 'send') {
        const stanza = parseXml(note.xml);
        if (stanza) tab.wire.send(stanza);
        this.echo(note.xml);
      } else if (note.t === 'connect' && handlers && tab.state?.[0] !== 'connected' && tab.state?.[0] !== 'connecting') {
        tab.wire.connect(note.jid, note.password, tab.tee(handlers));
      }
      return;
    }
    if (note.t === 'state') {
      this.leaderJid = note.jid;
      if (note.state && note.state !== this.heard) {
        this.heard = note.state;
        handlers?.state(note.state, note.condition);
      }
    } else if (note.t === 'in') {
      const stanza = parseXml(note.xml);
      if (stanza) handlers?.stanza(stanza);
    } else if (note.t === 'send' || note.t === 'sent') {
      this.echo(note.xml);
    } else if (note.t === 'resumed') {
      handlers?.resumed?.();
    } else if (note.t === 'logout') {
      handlers?.state('disconnected', 'logged-out');
    }
  }

  /** Another tab sent a chat message: shown here as sent by us from elsewhere (a XEP-0280 sent carbon). */
  private echo(source: string): void {
    const stanza = parseXml(source);
    const own = this.boundJid;
    if (!stanza || !isChat(stanza) || !own) return;
    stanza.setAttribute('from', own);
    this.tab.handlers?.stanza(
      xml('message', { from: bareJid(own), to: own }, xml('sent', { xmlns: 'urn:xmpp:carbons:2' }, xml('forwarded', { xmlns: NS.FORWARD }, stanza))),
    );
  }

  /** Following: the next tab to get the lock takes the session up, quietly for its own connection. */
  private waitToLead(jid: string): void {
    if (this.waiting) return;
    this.waiting = true;
    void navigator.locks.request(this.tab.key, { signal: this.quit.signal }, () => {
      const { tab } = this;
      tab.lead = true;
      const handlers = tab.handlers;
      if (handlers) {
        const wire = tab.tee(handlers);
        // Online through the old leader already: a take-over that resumes the session changes nothing
        // here or in the other tabs (no rejoin), but asks the archive for what was in flight. A new
        // session (the server no longer had the old one) is a new start for every tab: rooms join again.
        // One that fails is a drop, and the connections log in anew.
        const quiet: TransportHandlers = {
          state: (state, condition) => {
            if (state === 'connected' && condition === 'resumed') {
              tab.state = ['connected', condition];
              handlers.resumed?.();
              this.post({ t: 'resumed' });
            } else if (state === 'connected') {
              wire.state('connecting');
              wire.state('connected');
            } else if (state === 'failed' || state === 'disconnected') {
              wire.state('disconnected', condition);
            }
          },
          stanza: (stanza) => wire.stanza(stanza),
        };
        // A tab that never heard the old leader online (it opened as that one went: a reload) is
        // starting, not taking over: it takes the session up as a first tab would.
        if (this.heard !== 'connected') {
          if (!tab.wire.resume(jid, wire)) wire.state('failed', 'item-not-found');
        } else if (!tab.wire.resume(jid, quiet)) wire.state('disconnected', 'connection-lost');
      }
      return new Promise<void>((release) => (tab.unlock = release));
    }).catch(() => undefined);
  }

  /** Leading: ends the session for good (a logout): it is not handed over. */
  private end(): void {
    this.tab.lead = false;
    this.tab.wire.disconnect();
    this.tab.unlock();
  }

  private post(note: Note): void {
    try {
      this.tab.channel.postMessage(note);
    } catch {
      // The channel is closed: this tab is going.
    }
  }
}

/** A chat message with a body: what the other tabs show as sent. */
function isChat(stanza: Element): boolean {
  return stanza.localName === 'message' && stanza.getAttribute('type') === 'chat' && stanza.getElementsByTagName('body').length > 0;
}
