import { StropheTransport } from '../../src/core/strophe-transport.js';
import type { Transport, TransportHandlers, TransportOptions } from '../../src/core/transport.js';

/**
 * The real transport with a link that can fail as networks do: `deaf` loses what
 * comes in, `mute` what goes out, and `cut()` ends the link without a word (as a dead connection
 * does, the server keeping its side). A new session waits at `gate`.
 */
export class FlakyTransport implements Transport {
  private readonly inner: StropheTransport;
  private handlers: TransportHandlers | undefined;
  deaf = false;
  mute = false;
  /** Incoming stanzas this says yes to are lost. */
  lose: (stanza: Element) => boolean = () => false;
  gate: Promise<void> = Promise.resolve();
  /** While an array, what comes in waits in it, in order, until release(): a reply held in flight. */
  held: Element[] | undefined;

  constructor(options: TransportOptions) {
    this.inner = new StropheTransport(options);
  }

  get boundJid(): string {
    return this.inner.boundJid;
  }

  connect(jid: string, password: string | undefined, handlers: TransportHandlers): void {
    this.handlers = handlers;
    void this.gate.then(() =>
      this.inner.connect(jid, password, {
        state: (state, condition) => handlers.state(state, condition),
        stanza: (stanza) => {
          if (this.held) this.held.push(stanza);
          else if (!this.deaf && !this.lose(stanza)) handlers.stanza(stanza);
        },
      }),
    );
  }

  send(stanza: Element): void {
    if (!this.mute) this.inner.send(stanza);
  }

  /** Hands on what was held, in order, and stops holding. */
  release(): void {
    const held = this.held ?? [];
    this.held = undefined;
    for (const stanza of held) if (!this.deaf && !this.lose(stanza)) this.handlers?.stanza(stanza);
  }

  disconnect(): void {
    this.inner.disconnect();
  }

  cut(): void {
    this.inner.abandon();
    this.deaf = false;
    this.mute = false;
    this.handlers?.state('disconnected', 'connection-lost');
  }
}
