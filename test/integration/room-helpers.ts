// Helpers shared by the room-*.test.ts integration tests.
import { fixture, html } from '@open-wc/testing';
import '../../src/define.js';
import type { XmppRoom } from '../../src/components/room/room.js';
import type { Connection } from '../../src/core/connection.js';
import { MucRoom } from '../../src/core/muc/index.js';
import { peer, serverConfig, until } from './server.js';

export const parts = (el: Element, part: string) => [
  ...el.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${part}"]`),
];
export const part = (el: Element, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
export const notices = (el: Element) => parts(el, 'notice').map((n) => n.textContent?.trim() ?? '');
export const bodies = (el: Element) => parts(el, 'message-body').map((b) => b.textContent);
export const $ = <T extends Element = HTMLElement>(el: Element, selector: string) =>
  el.shadowRoot!.querySelector<T & Element>(selector);

/** The occupant row of a nick in the element's list. */
export const occupantRow = (el: Element, nick: string) =>
  parts(el, 'occupant').find((o) => o.querySelector('span:nth-child(2)')?.textContent === nick);

/** Connections opened by a test; logged out after it. */
export const opened: Connection[] = [];
afterEach(() => {
  for (const c of opened.splice(0)) c.logout();
});

/** A logged-in account (alice, bob, carol, dave) or a guest, straight on the core. */
export async function account(name?: 'alice' | 'bob' | 'carol' | 'dave'): Promise<Connection> {
  const { domain, users } = await serverConfig();
  const connection = name ? await peer(`${name}@${domain}`, users[name]) : await peer();
  opened.push(connection);
  return connection;
}

/** Someone in the room, on the core. */
export async function inRoom(
  connection: Connection,
  roomJid: string,
  nick: string,
  password?: string,
): Promise<MucRoom> {
  const room = new MucRoom(connection, roomJid, { nick, history: 0, ...(password ? { password } : {}) });
  room.join();
  await until(() => room.state === 'joined' || room.state === 'error', 10000, `${nick} to join`);
  if (room.state !== 'joined') throw new Error(`${nick} could not join: ${room.error?.condition}`);
  return room;
}

/** The real element on a given connection. */
export async function roomElement(
  connection: Connection,
  roomJid: string,
  nick: string,
  options: { configure?: boolean; history?: number } = {},
): Promise<XmppRoom> {
  return fixture<XmppRoom>(html`<xmpp-room
    lang="en"
    room-jid=${roomJid}
    nick=${nick}
    history=${options.history ?? 50}
    ?configure=${options.configure ?? false}
    .connection=${connection}
  ></xmpp-room>`);
}

/** Waits until the element shows itself as joined. */
export function joined(el: XmppRoom, nick: string): Promise<unknown> {
  return until(() => occupantRow(el, nick)?.textContent?.includes('(you)'), 10000, `${nick} joined`);
}
