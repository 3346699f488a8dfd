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
  /** The transport's state changed; `condition` explains failures. */
  state(state: TransportState, condition?: string): void;
  /** A stanza arrived (message, presence or iq). */
  stanza(stanza: Element): void;
}

export interface Transport {
  /** Opens the stream and authenticates; `password` absent means SASL ANONYMOUS. */
  connect(jid: string, password: string | undefined, handlers: TransportHandlers): void;
  /** Queues a stanza and sends it as soon as the wire allows. */
  send(stanza: Element): void;
  /** Closes the stream (sending unavailable presence). */
  disconnect(): void;
  /** The full JID the server bound, once connected. */
  readonly boundJid: string;
}

export interface TransportOptions {
  readonly boshUrl?: string;
  readonly wsUrl?: string;
}
