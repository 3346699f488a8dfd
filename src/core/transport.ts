import type { SiteOptions } from './connection.js';

/**
 * What the connection needs from the wire. `StropheTransport` is the real
 * one; tests use a fake that records what is sent and replays stanzas.
 */

export type TransportState =
  | 'connecting'
  | 'connected'
  | 'auth-failed'
  | 'failed'
  | 'disconnected';

export interface TransportHandlers {
  /**
   * The transport's state changed; `condition` explains failures. `failed`
   * means the session never came up (or a resumed one turned out stale);
   * `disconnected` means a session that was up has ended. `text` says more
   * of a failure (the HTTP status a host site's URL answered, say).
   */
  state(state: TransportState, condition?: string, text?: string): void;
  /** A stanza arrived (message, presence or iq). */
  stanza(stanza: Element): void;
  /** The session went on over a new link (another tab took it up): what was in flight may be lost. */
  resumed?(): void;
}

export interface Transport {
  /** Opens the stream and authenticates; `password` absent means SASL ANONYMOUS. */
  connect(jid: string, password: string | undefined, handlers: TransportHandlers): void;
  /**
   * Takes up the session this tab kept across a page reload, if any: reports
   * `connected` once the server confirmed it is alive, `failed` when it is
   * gone. Returns false (and reports nothing) when there is none to resume.
   */
  resume?(jid: string, handlers: TransportHandlers): boolean;
  /** Queues a stanza and sends it as soon as the wire allows. */
  send(stanza: Element): void;
  /**
   * Closes the stream (sending unavailable presence). `everywhere`: a user's
   * logout, for every tab that shares the session (see tabs.ts); without it,
   * only this page is done with it.
   */
  disconnect(everywhere?: boolean): void;
  /** Drops a connection that stopped answering, sending nothing (it may be gone): the session is to be taken up anew. */
  abandon?(): void;
  /** The full JID the server bound, once connected. */
  readonly boundJid: string;
}

export interface TransportOptions {
  readonly boshUrl?: string;
  readonly wsUrl?: string;
  /** Keep the session across page reloads of this tab (its ids in sessionStorage; never the password). */
  readonly keepSession?: boolean;
  /** The kept session is the site's, not the tab's (its ids in localStorage): any tab takes it up (see tabs.ts). */
  readonly shareTabs?: boolean;
  /** The host site's connection attributes (ConnectionOptions.site): site.ts connects. */
  readonly site?: SiteOptions;
  /** Turn off the immediate send and re-poll over BOSH (Strophe's 100 ms tick only), for benchmarks. */
  readonly noFastPath?: boolean;
}
