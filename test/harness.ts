// The test helpers, one place for each: shadow-root part lookup, a peer in a room,
// a room element, stanza builders and stanza equality. Unit tests (src/**/*.test.ts)
// and integration tests (test/integration/) import from here.
import { expect, fixture, html } from '@open-wc/testing';
import '../src/define.js';
import type { XmppRoom } from '../src/components/room/room.js';
import type { Connection } from '../src/core/connection.js';
import { MucRoom } from '../src/core/muc/index.js';
import { parseXml, serialize } from '../src/core/xml.js';
import { peer, serverConfig, until } from './integration/server.js';

export { peer, serverConfig, uniqueRoom, until, type ServerConfig } from './integration/server.js';
export { delay, groupchat, occupantPresence, presenceError } from './fakes/stanzas.js';
export { xml } from '../src/core/xml.js';

// ---------------------------------------------------------------------------
// Parts: what a page styles, and what a test reads.

/** Every element in the shadow root whose `part` holds this name. */
export function parts<T extends HTMLElement = HTMLElement>(el: Element, name: string): T[] {
  const root = el.shadowRoot;
  if (!root) throw new Error(`<${el.localName}> has no shadow root`);
  return [...root.querySelectorAll<T>(`[part~="${name}"]`)];
}

/** The first element in the shadow root whose `part` holds this name, or null. */
export function part<T extends HTMLElement = HTMLElement>(el: Element, name: string): T | null {
  return parts<T>(el, name)[0] ?? null;
}

/** The first element in the shadow root that matches a selector, or null. */
export function $<T extends Element = HTMLElement>(el: Element, selector: string): T | null {
  const root = el.shadowRoot;
  if (!root) throw new Error(`<${el.localName}> has no shadow root`);
  return root.querySelector<T>(selector);
}

/** The element with the focus, through shadow roots; `body` when the focus was lost. */
export function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** The text of every part="message-body", in order. */
export const bodies = (el: Element): string[] => parts(el, 'message-body').map((b) => b.textContent);

/** The text of every part="notice", trimmed. */
export const notices = (el: Element): string[] => parts(el, 'notice').map((n) => n.textContent.trim());

/** The nicks in a room element's occupant list. */
export const occupantNicks = (el: Element): (string | undefined)[] =>
  parts(el, 'occupant').map((o) => o.querySelector('.nick')?.textContent);

/** The occupant row of a nick in a room element's list. */
export const occupantRow = (el: Element, nick: string): HTMLElement | undefined =>
  parts(el, 'occupant').find((o) => o.querySelector('.nick')?.textContent === nick);

// ---------------------------------------------------------------------------
// People on the real server, straight on the core.

/** Connections opened by a test through these helpers; logged out after it. */
const opened: Connection[] = [];
afterEach(() => {
  for (const c of opened.splice(0)) c.logout();
});

/** Logs a connection out after the current test. */
export function closeAfterTest<T extends Connection>(connection: T): T {
  opened.push(connection);
  return connection;
}

/** A logged-in account (alice, bob, carol, dave) or, without a name, a guest; logged out after the test. */
export async function account(name?: 'alice' | 'bob' | 'carol' | 'dave'): Promise<Connection> {
  const { domain, users } = await serverConfig();
  return closeAfterTest(name ? await peer(`${name}@${domain}`, users[name]) : await peer());
}

/** Someone in the room on this connection, joined. */
export async function inRoom(
  connection: Connection,
  roomJid: string,
  nick: string,
  options: { password?: string; history?: number } = {},
): Promise<MucRoom> {
  const room = new MucRoom(connection, roomJid, {
    nick,
    history: options.history ?? 0,
    ...(options.password ? { password: options.password } : {}),
  });
  room.join();
  await until(() => room.state === 'joined' || room.state === 'error', 10000, `${nick} to join`);
  if (room.state !== 'joined') throw new Error(`${nick} could not join: ${room.error?.condition}`);
  return room;
}

export interface PeerInRoom {
  readonly connection: Connection;
  readonly room: MucRoom;
}

/** A second person: a guest of its own in the room, joined; logged out after the test. */
export async function peerInRoom(roomJid: string, nick: string, options: { password?: string } = {}): Promise<PeerInRoom> {
  const connection = await account();
  return { connection, room: await inRoom(connection, roomJid, nick, options) };
}

/** The bodies of the messages in a core room's timeline. */
export const timelineBodies = (room: MucRoom): string[] =>
  room.timeline.flatMap((i) => (i.kind === 'message' ? [i.message.body] : []));

// ---------------------------------------------------------------------------
// Elements.

export interface RoomElementOptions {
  readonly configure?: boolean;
  readonly history?: number;
}

/**
 * The real `<xmpp-room>` in a fixture, on a given connection (`.connection`) or,
 * with `'guest'`, on the connection attributes of a guest of the test server
 * (`bosh-url` + `jid`), shared through the registry like a page's.
 */
export async function roomElement(
  on: Connection | 'guest',
  roomJid: string,
  nick: string,
  options: RoomElementOptions = {},
): Promise<XmppRoom> {
  const history = options.history ?? 50;
  const configure = options.configure ?? false;
  if (on === 'guest') {
    const { boshUrl, guestDomain } = await serverConfig();
    return fixture<XmppRoom>(html`<xmpp-room
      lang="en"
      bosh-url=${boshUrl}
      jid=${guestDomain}
      room-jid=${roomJid}
      nick=${nick}
      history=${history}
      ?configure=${configure}
    ></xmpp-room>`);
  }
  return fixture<XmppRoom>(html`<xmpp-room
    lang="en"
    room-jid=${roomJid}
    nick=${nick}
    history=${history}
    ?configure=${configure}
    .connection=${on}
  ></xmpp-room>`);
}

/** Waits until a room element lists its own nick as "(you)": joined. */
export function joined(el: XmppRoom, nick: string): Promise<unknown> {
  return until(() => occupantRow(el, nick)?.textContent?.includes('(you)'), 10000, `${nick} joined`);
}

// ---------------------------------------------------------------------------
// Stanza equality.

interface Canonical {
  readonly name: string;
  readonly attrs: readonly (readonly [string, string])[];
  readonly children: readonly (Canonical | string)[];
}

function canonical(el: Element, ignore: ReadonlySet<string>): Canonical {
  const attrs = [...el.attributes]
    .filter((a) => !ignore.has(a.name))
    .map((a) => [a.name, a.value] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const children: (Canonical | string)[] = [];
  for (const node of el.childNodes) {
    if (node.nodeType === Node.ELEMENT_NODE) children.push(canonical(node as Element, ignore));
    else if (node.nodeType === Node.TEXT_NODE || node.nodeType === Node.CDATA_SECTION_NODE) {
      // Whitespace between elements is layout, not content.
      const text = node.textContent ?? '';
      if (text.trim()) children.push(text);
    }
  }
  return { name: el.nodeName, attrs, children };
}

function toElement(stanza: Element | string): Element {
  if (typeof stanza !== 'string') return stanza;
  const el = parseXml(stanza);
  if (!el) throw new Error(`not well-formed XML: ${stanza}`);
  return el;
}

function render(node: Canonical | string): string {
  if (typeof node === 'string') return node;
  const attrs = node.attrs.map(([k, v]) => ` ${k}="${v}"`).join('');
  return node.children.length
    ? `<${node.name}${attrs}>${node.children.map(render).join('')}</${node.name}>`
    : `<${node.name}${attrs}/>`;
}

/** The stanza in one line, attributes sorted, whitespace between elements dropped. */
export function canonicalStanza(stanza: Element | string, ignore: readonly string[] = []): string {
  return render(canonical(toElement(stanza), new Set(ignore)));
}

/**
 * Asserts that two stanzas are the same XML: same names, attributes (in any
 * order; `xmlns` counts as written) and children in the same order, ignoring
 * whitespace-only text between elements. `ignore` names attributes to skip
 * anywhere (e.g. `id`, which the code under test makes up).
 */
export function expectStanza(actual: Element | string | undefined, expected: string, ignore: readonly string[] = []): void {
  if (actual === undefined) throw new Error(`expected a stanza like ${expected}, got none`);
  const got = canonicalStanza(actual, ignore);
  const want = canonicalStanza(expected, ignore);
  expect(got, typeof actual === 'string' ? actual : serialize(actual)).to.equal(want);
}
