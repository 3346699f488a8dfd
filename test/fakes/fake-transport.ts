import type { Transport, TransportHandlers } from '../../src/core/transport.js';
import { parseXml, serialize } from '../../src/core/xml.js';

/** A transport that records what is sent and replays stanzas, for unit tests. */
export class FakeTransport implements Transport {
  readonly sent: Element[] = [];
  boundJid = '';
  connects: { jid: string; password: string | undefined }[] = [];
  resumes: string[] = [];
  disconnects = 0;
  private handlers: TransportHandlers | undefined;
  /** What the next connect does: go online, fail auth, or nothing (stay connecting). */
  onConnect: 'online' | 'auth-failed' | 'failed' | 'wait' = 'online';
  /** A session kept across a reload: none, one the server confirms, or one it has forgotten. */
  onResume: 'none' | 'online' | 'stale' = 'none';

  connect(jid: string, password: string | undefined, handlers: TransportHandlers): void {
    this.connects.push({ jid, password });
    this.handlers = handlers;
    handlers.state('connecting');
    if (this.onConnect === 'online') this.goOnline(jid.includes('@') ? `${jid}/fake` : `anon-1@${jid}/fake`);
    else if (this.onConnect === 'auth-failed') handlers.state('auth-failed', 'not-authorized');
    else if (this.onConnect === 'failed') handlers.state('failed', 'remote-connection-failed');
  }

  resume(jid: string, handlers: TransportHandlers): boolean {
    if (this.onResume === 'none') return false;
    this.resumes.push(jid);
    this.handlers = handlers;
    handlers.state('connecting');
    if (this.onResume === 'online') this.goOnline(jid.includes('@') ? `${jid}/kept` : `anon-kept@${jid}/kept`);
    else handlers.state('failed', 'item-not-found');
    this.onResume = 'none';
    return true;
  }

  goOnline(boundJid: string): void {
    this.boundJid = boundJid;
    this.handlers?.state('connected');
  }

  /** The session ends from the server's side (a restart, a lost network); with a condition before it was up. */
  drop(condition?: string): void {
    this.handlers?.state(condition ? 'failed' : 'disconnected', condition);
  }

  /** A session that was up is lost. */
  lose(condition = 'connection-lost'): void {
    this.handlers?.state('disconnected', condition);
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
