/**
 * A tiny XML toolkit for stanzas: building elements and reading them back.
 * It uses the XML DOM (DOMParser), never the page's HTML document, so what it
 * builds can never be mistaken for markup on the page.
 */

export const NS = {
  CLIENT: 'jabber:client',
  STANZAS: 'urn:ietf:params:xml:ns:xmpp-stanzas',
  MUC: 'http://jabber.org/protocol/muc',
  MUC_USER: 'http://jabber.org/protocol/muc#user',
  MUC_OWNER: 'http://jabber.org/protocol/muc#owner',
  MUC_ADMIN: 'http://jabber.org/protocol/muc#admin',
  DATA: 'jabber:x:data',
  DELAY: 'urn:xmpp:delay',
  STANZA_ID: 'urn:xmpp:sid:0',
  /** XEP-0249 direct invitations. */
  CONFERENCE: 'jabber:x:conference',
  DISCO_INFO: 'http://jabber.org/protocol/disco#info',
  DISCO_ITEMS: 'http://jabber.org/protocol/disco#items',
  PING: 'urn:xmpp:ping',
  ROSTER: 'jabber:iq:roster',
  MAM: 'urn:xmpp:mam:2',
  RSM: 'http://jabber.org/protocol/rsm',
  FORWARD: 'urn:xmpp:forward:0',
} as const;

export type Attrs = Readonly<Record<string, string | number | undefined | null | false>>;
export type Child = Element | string | null | undefined | false;

let doc: XMLDocument | undefined;

function xmlDocument(): XMLDocument {
  doc ??= new DOMParser().parseFromString('<stanzas/>', 'application/xml');
  return doc;
}

/**
 * Builds an element: `xml('message', { to, type: 'chat' }, xml('body', {}, text))`.
 * Attribute values and text are set through the DOM, so they are escaped when
 * serialised; `undefined`, `null` and `false` attributes are left out.
 */
export function xml(name: string, attrs: Attrs = {}, ...children: Child[]): Element {
  const el = xmlDocument().createElement(name);
  for (const [key, value] of Object.entries(attrs)) {
    if (value !== undefined && value !== null && value !== false) el.setAttribute(key, String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    el.append(typeof child === 'string' ? xmlDocument().createTextNode(child) : child);
  }
  return el;
}

/** Parses one XML element from a string; returns undefined when it is not well-formed. */
export function parseXml(source: string): Element | undefined {
  const parsed = new DOMParser().parseFromString(source, 'application/xml');
  const root = parsed.documentElement;
  if (!root || root.getElementsByTagName('parsererror').length > 0 || root.nodeName === 'parsererror') {
    return undefined;
  }
  return root;
}

export function serialize(el: Element): string {
  return new XMLSerializer().serializeToString(el);
}

/** The namespace of an element, whether parsed (namespaceURI) or built (xmlns attribute). */
export function namespaceOf(el: Element): string {
  return el.getAttribute('xmlns') ?? el.namespaceURI ?? '';
}

/** The first direct child with this local name (and namespace, when given). */
export function child(el: Element | undefined, name: string, ns?: string): Element | undefined {
  if (!el) return undefined;
  for (const c of Array.from(el.children)) {
    if (c.localName === name && (ns === undefined || namespaceOf(c) === ns)) return c;
  }
  return undefined;
}

/** Every direct child with this local name (and namespace, when given). */
export function children(el: Element | undefined, name: string, ns?: string): Element[] {
  if (!el) return [];
  return Array.from(el.children).filter(
    (c) => c.localName === name && (ns === undefined || namespaceOf(c) === ns),
  );
}

/** Text of the first direct child with this name, or undefined. */
export function childText(el: Element | undefined, name: string, ns?: string): string | undefined {
  const c = child(el, name, ns);
  return c ? (c.textContent ?? '') : undefined;
}

let counter = 0;
/** A stanza id that is unique for this page. */
export function uniqueId(prefix = 'xe'): string {
  counter += 1;
  const random = Math.random().toString(36).slice(2, 8);
  return `${prefix}-${random}-${counter.toString(36)}`;
}
