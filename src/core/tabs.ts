import type { Note, Relay } from './tab-relay.js';
import { StropheTransport } from './strophe-transport.js';
import type { Transport, TransportHandlers, TransportOptions, TransportState } from './transport.js';

/**
 * One XMPP session for every tab of a site (same origin, same connection). The
 * tab that holds the Web Lock named after the connection leads: its
 * StropheTransport is the session's wire. The others follow: they reach the
 * session through the leader over a BroadcastChannel (tab-relay.ts, loaded
 * when a second tab speaks), and one of them takes the session up when the
 * leader goes: over BOSH its ids, over WebSocket an account's XEP-0198 state
 * and SCRAM keys, in localStorage; a guest over WebSocket (no resumption for a
 * new anonymous login) signs in anew. Alone, a tab is just the wire.
 */
export class TabTransport implements Transport {
  readonly wire: StropheTransport;
  readonly channel: BroadcastChannel;
  /** This tab leads (true) or follows (false), once `role` is settled. */
  lead = true;
  relay: Relay | undefined;
  handlers: TransportHandlers | undefined;
  /** The wire's last state, for a tab that asks. */
  state: [TransportState, string?] | undefined;
  /** Gives the lock up (see Relay.disconnect). */
  unlock = () => {};
  private readonly role: Promise<unknown>;
  private loading: Promise<Relay> | undefined;

  constructor(
    options: TransportOptions,
    readonly key: string,
  ) {
    this.wire = new StropheTransport({ ...options, keepSession: true, shareTabs: true });
    this.channel = new BroadcastChannel(key);
    // Another tab speaks: the relay loads.
    this.channel.onmessage = (event: MessageEvent) => void this.load().then((relay) => relay.hear(event.data as Note));
    this.role = new Promise((known) => {
      navigator.locks
        .request(key, { ifAvailable: true }, (lock) => {
          this.lead = !!lock;
          known(0);
          return lock && new Promise<void>((release) => (this.unlock = release));
        })
        .catch(known);
    });
  }

  get boundJid(): string {
    return this.relay?.boundJid ?? this.wire.boundJid;
  }

  load(): Promise<Relay> {
    return (this.loading ??= import('./tab-relay.js').then(({ Relay }) => (this.relay = new Relay(this))));
  }

  /** The wire's events: to this tab's connection, and to the other tabs through the relay. */
  tee(handlers: TransportHandlers): TransportHandlers {
    return {
      state: (state, condition, text) => {
        this.state = [state, condition];
        handlers.state(state, condition, text);
        this.relay?.state(state, condition);
      },
      stanza: (stanza) => {
        handlers.stanza(stanza);
        this.relay?.stanza(stanza);
      },
    };
  }

  /** Always true: the leader takes up the session kept for the site (or says `failed`); a follower asks the leader. */
  resume(jid: string, handlers: TransportHandlers): boolean {
    this.start(handlers, () => this.wire.resume(jid, this.tee(handlers)) || handlers.state('failed', 'item-not-found'), (relay) => relay.follow(jid));
    return true;
  }

  connect(jid: string, password: string | undefined, handlers: TransportHandlers): void {
    this.start(handlers, () => this.wire.connect(jid, password, this.tee(handlers)), (relay) => relay.connect(jid, password));
  }

  send(stanza: Element): void {
    (this.relay ?? this.wire).send(stanza);
  }

  /** This tab is done with the session, or (`everywhere`) every tab is: see Relay.disconnect once other tabs have spoken. */
  disconnect(everywhere?: boolean): void {
    if (this.relay) {
      this.relay.disconnect(everywhere);
      return;
    }
    this.wire.disconnect();
    this.channel.close();
    this.unlock();
  }

  abandon(): void {
    if (this.lead) this.wire.abandon();
  }

  private start(handlers: TransportHandlers, lead: () => unknown, follow: (relay: Relay) => void): void {
    this.handlers = handlers;
    void this.role.then(() => (this.lead ? lead() : this.load().then(follow)));
  }
}
