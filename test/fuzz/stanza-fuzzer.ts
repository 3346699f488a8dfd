/**
 * A seeded generator of malformed stanzas for fuzz tests: random element
 * trees, missing or garbage attributes, wrong namespaces, huge, unicode and
 * control-character text, unknown types. Same seed, same stanzas.
 */
import { NS } from '../../src/core/xml.js';

/** mulberry32: a small, fast, seedable PRNG. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NAMES = [
  'message', 'presence', 'iq', 'body', 'subject', 'thread', 'x', 'item', 'status', 'error', 'text', 'delay',
  'stanza-id', 'origin-id', 'show', 'priority', 'reason', 'actor', 'conflict', 'not-authorized', 'forbidden',
  'item-not-found', 'query', 'result', 'forwarded', 'history', 'password', 'destroy', 'invite', 'ping', 'html',
  'script', 'img', 'a', 'foo', 'x-unknown', 'ns:prefixed',
];
const NAMESPACES = [
  undefined, '', NS.CLIENT, NS.STANZAS, NS.MUC, NS.MUC_USER, NS.MUC_OWNER, NS.DELAY, NS.STANZA_ID, NS.MAM,
  NS.FORWARD, NS.PING, 'http://www.w3.org/1999/xhtml', 'urn:example:garbage', 'javascript:alert(1)',
];
const TYPES = [
  undefined, '', 'chat', 'groupchat', 'normal', 'headline', 'error', 'get', 'set', 'result', 'unavailable',
  'subscribe', 'probe', 'GROUPCHAT', 'bogus', 'error ', 'cancel', 'constructor', '__proto__', 'toString',
];
const ROOM = 'room@muc.test';
const CODES = ['100', '110', '170', '201', '210', '301', '303', '307', '321', '322', '332', '999', '', 'abc', '-1'];
const ATTRS = ['from', 'to', 'type', 'id', 'xmlns', 'code', 'stamp', 'by', 'role', 'affiliation', 'nick', 'jid', 'lang', 'onload', 'style'];

export class StanzaFuzzer {
  private readonly random: () => number;
  /** A document of its own: attributes and names set through the XML DOM. */
  private readonly doc = new DOMParser().parseFromString('<fuzz/>', 'application/xml');

  constructor(seed: number) {
    this.random = seededRandom(seed);
  }

  int(max: number): number {
    return Math.floor(this.random() * max);
  }

  chance(p: number): boolean {
    return this.random() < p;
  }

  pick<T>(values: readonly T[]): T {
    return values[this.int(values.length)];
  }

  /** Text of every kind: empty, markup, unicode, control characters, lone surrogates, very long. */
  text(): string {
    switch (this.int(12)) {
      case 0:
        return '';
      case 1:
        return '<script>alert(1)</script><img src=x onerror=alert(2)>';
      case 2:
        return 'héllo 世界 👩‍👩‍👧 \u202Eevil\u202C \u0301\u200B';
      case 3:
        return Array.from({ length: 1 + this.int(40) }, () => String.fromCharCode(this.int(32))).join('');
      case 4:
        return `\uD800${'x'.repeat(this.int(5))}\uDFFF\uFFFE\uFFFF`;
      case 5:
        // Rarely huge, so thousands of cases stay fast.
        return this.chance(0.05) ? 'A'.repeat(100_000 + this.int(5000)) : 'B'.repeat(this.int(25_000));
      case 6:
        return 'javascript:alert(1) data:text/html,<b>x</b> https://example.org/"><x> xmpp:a@b?join';
      case 7:
        return String(this.random() * 1e21);
      case 8:
        return '   \n\t  ';
      case 9:
        return 'ok';
      case 10:
        return Array.from({ length: this.int(30) }, () => String.fromCodePoint(this.int(0x10ffff + 1))).join('');
      default:
        return '2026-13-45T99:99:99Z';
    }
  }

  jid(): string {
    switch (this.int(14)) {
      case 0:
        return '';
      case 1:
        return ROOM;
      case 2:
        return `${ROOM}/`;
      case 3:
        return `${ROOM}/${this.pick(['ann', 'me', 'bob', '<b>x</b>', '', '/', ' '])}`;
      case 4:
        return `${ROOM}/me`;
      case 5:
        return `ROOM@MUC.TEST/${this.text().slice(0, 50)}`;
      case 6:
        return '@@@///';
      case 7:
        return `${'a'.repeat(3000)}@${'b'.repeat(3000)}/${'c'.repeat(3000)}`;
      case 8:
        return 'other@muc.test/ann';
      case 9:
        return 'anon-1@guest.test/fake';
      case 10:
        return '/only-resource';
      case 11:
        return `${ROOM}/${this.text().slice(0, 200)}`;
      case 12:
        return 'muc.test';
      default:
        return `\u0000@\uFFFF/\uD800`;
    }
  }

  attribute(name: string): string {
    switch (name) {
      case 'from':
      case 'to':
      case 'jid':
      case 'by':
        return this.jid();
      case 'type':
        return this.pick(TYPES) ?? '';
      case 'code':
        return this.pick(CODES);
      case 'stamp':
        return this.pick(['2020-01-01T00:00:00Z', 'yesterday', '', '9999999-99-99', '1970-01-01T00:00:00.000+14:00']);
      case 'role':
        return this.pick(['moderator', 'participant', 'visitor', 'none', 'god', '']);
      case 'affiliation':
        return this.pick(['owner', 'admin', 'member', 'outcast', 'none', 'root', '']);
      case 'xmlns':
        return this.pick(NAMESPACES) ?? '';
      default:
        return this.text().slice(0, 300);
    }
  }

  element(name: string, depth: number): Element {
    const ns = this.pick(NAMESPACES);
    const el = ns && this.chance(0.5)
      ? this.doc.createElementNS(ns, name)
      : this.doc.createElement(name);
    for (const attr of ATTRS) {
      if (this.chance(attr === 'from' || attr === 'type' || attr === 'code' ? 0.6 : 0.15)) {
        el.setAttribute(attr, this.attribute(attr));
      }
    }
    if (name === 'x' && this.chance(0.6)) el.setAttribute('xmlns', NS.MUC_USER);
    const count = depth > 3 ? 0 : this.int(depth === 0 ? 7 : 4);
    for (let i = 0; i < count; i++) {
      if (this.chance(0.3)) el.append(this.doc.createTextNode(this.text()));
      else el.append(this.element(this.pick(NAMES), depth + 1));
    }
    if (this.chance(0.1)) el.append(this.doc.createCDATASection('<b>]]&gt;</b>'));
    if (this.chance(0.05)) el.append(this.doc.createComment('--'));
    return el;
  }

  /** A top-level stanza: mostly message, presence or iq, sometimes something else. */
  stanza(): Element {
    const name = this.chance(0.9) ? this.pick(['message', 'presence', 'iq']) : this.pick(NAMES);
    return this.element(name, 0);
  }
}
