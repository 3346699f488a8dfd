import type { Transport, TransportHandlers } from '../../src/core/transport.js';
import { parseXml, serialize } from '../../src/core/xml.js';

/** A transport that records what is sent and replays stanzas, for unit tests. */
export class FakeTransport implements Transport {
  readonly sent: Element[] = [];
  boundJid = '';
  connects: { jid: string; password: string | undefined }[] = [];
  disconnects = 0;
  private handlers: TransportHandlers | undefined;
  /** What the next connect does: go online, fail auth, or nothing (stay connecting). */
  onConnect: 'online' | 'auth-failed' | 'failed' | 'wait' = 'online';

  connect(jid: string, password: string | undefined, handlers: TransportHandlers): void {
    this.connects.push({ jid, password });
    this.handlers = handlers;
    handlers.state('connecting');
    if (this.onConnect === 'online') this.goOnline(jid.includes('@') ? `${jid}/fake` : `anon-1@${jid}/fake`);
    else if (this.onConnect === 'auth-failed') handlers.state('auth-failed', 'not-authorized');
    else if (this.onConnect === 'failed') handlers.state('failed', 'remote-connection-failed');
  }

  goOnline(boundJid: string): void {
    this.boundJid = boundJid;
    this.handlers?.state('connected');
  }

  drop(condition?: string): void {
    this.handlers?.state(condition ? 'failed' : 'disconnected', condition);
  }

  send(stanza: Element): void {
    this.sent.push(stanza);
  }

  disconnect(): void {
    this.disconnects += 1;
    this.handlers?.state('disconnected');
  }

  /** Delivers a stanza written as XML, as if it came from the server. */
  receive(source: string): void {
    const stanza = parseXml(source);
    if (!stanza) throw new Error(`not well-formed: ${source}`);
    this.handlers?.stanza(stanza);
  }

  /** Delivers an already parsed element. */
  receiveElement(stanza: Element): void {
    this.handlers?.stanza(stanza);
  }

  /** Sent stanzas as XML strings. */
  get sentXml(): string[] {
    return this.sent.map((el) => serialize(el));
  }

  /** The last sent stanza with this name. */
  last(name: string): Element | undefined {
    return [...this.sent].reverse().find((el) => el.localName === name);
  }
}
