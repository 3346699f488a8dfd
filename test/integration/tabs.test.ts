import { expect } from '@open-wc/testing';
import type { XmppRoom } from '../../src/components/room/room.js';
import { bodies, parts, peerInRoom, serverConfig, timelineBodies, uniqueRoom, until } from '../harness.js';
import { register } from './accounts.js';

const frames: HTMLIFrameElement[] = [];
afterEach(() => {
  for (const f of frames.splice(0)) f.remove();
});

const count = (list: readonly string[], body: string) => list.filter((b) => b === body).length;

/** A tab of the site with this room element; resolves once it is in the room (after `signIn`, for an account). */
async function openTab(query: URLSearchParams, signIn?: string) {
  const frame = document.createElement('iframe');
  frame.src = `/test/integration/reload-frame.html?${query.toString()}`;
  frames.push(frame);
  document.body.append(frame);
  const room = () => frame.contentDocument?.querySelector<XmppRoom>('xmpp-room') ?? undefined;
  if (signIn !== undefined) {
    const password = await until(() => room()?.shadowRoot?.querySelector<HTMLInputElement>('[part~="login-password"]'), 10000, 'the login form');
    password.value = signIn;
    room()!.shadowRoot!.querySelector<HTMLFormElement>('[part~="login-form"]')!.requestSubmit();
  }
  const el = await until(() => {
    const r = room();
    return r && r.status === 'online' && parts(r, 'occupant').length === 2 && r;
  }, 15000, 'a tab in the room');
  return { frame, el };
}

describe('one session for every tab of the site (real server, BOSH)', () => {
  it('two tabs are one occupant; each shows and sends; the other goes on when one closes; a tab opened later is the same occupant', async function () {
    this.timeout(60000);
    const { boshUrl, guestDomain } = await serverConfig();
    const roomJid = await uniqueRoom('tabs');
    const bob = await peerInRoom(roomJid, 'bob');
    const query = new URLSearchParams({ 'bosh-url': boshUrl, jid: guestDomain, 'room-jid': roomJid, nick: 'visitor' });
    const tab = () => openTab(query);
    const a = await tab();
    const b = await tab();
    const noticesFrom = bob.room.timeline.length;
    expect(bob.room.occupants.map((o) => o.nick).sort(), 'one occupant for both tabs').to.deep.equal(['bob', 'visitor']);

    await a.el.send('from tab a');
    await b.el.send('from tab b');
    bob.room.send('to both tabs');
    for (const el of [a.el, b.el]) {
      await until(() => ['from tab a', 'from tab b', 'to both tabs'].every((m) => bodies(el).includes(m)), 10000, 'every tab to show all three');
    }
    await until(() => timelineBodies(bob.room).includes('from tab b'), 10000, 'bob to get both');
    for (const body of ['from tab a', 'from tab b']) expect(count(timelineBodies(bob.room), body), body).to.equal(1);
    for (const el of [a.el, b.el]) for (const body of ['from tab a', 'from tab b', 'to both tabs']) expect(count(bodies(el), body), body).to.equal(1);

    // The first tab closes: the other goes on with the same session.
    a.frame.remove();
    bob.room.send('after tab a closed');
    await until(() => bodies(b.el).includes('after tab a closed'), 15000, 'the other tab to go on');
    await b.el.send('from tab b, alone');
    await until(() => timelineBodies(bob.room).includes('from tab b, alone'), 10000, 'bob to get it');

    // The last tab closes, and the page is opened again: the same occupant.
    b.frame.remove();
    const c = await tab();
    await c.el.send('from a new tab');
    await until(() => timelineBodies(bob.room).includes('from a new tab'), 10000, 'bob to get it');
    const aboutVisitor = bob.room.timeline.slice(noticesFrom).filter((i) => i.kind === 'notice' && i.notice.params['nick']?.startsWith('visitor'));
    expect(aboutVisitor, 'bob saw no leave or join').to.deep.equal([]);
    expect(bob.room.occupants.map((o) => o.nick).sort()).to.deep.equal(['bob', 'visitor']);
  });

  it('logging out in one tab ends the session in every tab: the peer sees the visitor leave', async function () {
    this.timeout(40000);
    const { boshUrl, guestDomain } = await serverConfig();
    const roomJid = await uniqueRoom('logout');
    const bob = await peerInRoom(roomJid, 'bob');
    const query = new URLSearchParams({ 'bosh-url': boshUrl, jid: guestDomain, 'room-jid': roomJid, nick: 'visitor' });
    const open = async () => (await openTab(query)).el;
    const first = await open();
    const second = await open();
    const leaves: string[] = [];
    bob.connection.on('presence', (p) => {
      if (p.getAttribute('from') === `${roomJid}/visitor` && p.getAttribute('type') === 'unavailable') leaves.push('left');
    });
    // The second tab follows the first: its logout ends the session the first one holds.
    (second as XmppRoom & { logout(): void }).logout();
    await until(() => first.status === 'offline' && second.status === 'offline', 10000, 'both tabs offline');
    await until(() => leaves.length > 0 && !bob.room.occupant('visitor'), 10000, 'the visitor to leave the room');
    expect(leaves).to.deep.equal(['left']);
  });
});

describe('one session for every tab of the site (real server, WebSocket)', () => {
  it("an account's tabs are one session, signed in once; when the holder closes, the other resumes it (XEP-0198): same full JID, no leave or join", async function () {
    this.timeout(60000);
    const { wsUrl } = await serverConfig();
    const alice = await register('wstabs');
    const roomJid = await uniqueRoom('wstabs');
    const bob = await peerInRoom(roomJid, 'bob');
    const query = new URLSearchParams({ 'ws-url': wsUrl, jid: alice.jid, 'room-jid': roomJid, nick: 'alice' });
    const a = await openTab(query, alice.password);
    // The second tab is online with no login form: it speaks through the first.
    const b = await openTab(query);
    expect(b.el.shadowRoot!.querySelector('[part~="login-form"]'), 'no login form in the second tab').to.equal(null);
    const noticesFrom = bob.room.timeline.length;
    const jidBefore = bob.room.occupant('alice')?.jid;
    expect(jidBefore, "alice's real JID, as bob (the room's owner) sees it").to.be.a('string');
    expect(bob.room.occupants.map((o) => o.nick).sort(), 'one occupant for both tabs').to.deep.equal(['alice', 'bob']);

    await a.el.send('from tab a');
    await b.el.send('from tab b');
    bob.room.send('to both tabs');
    for (const el of [a.el, b.el]) {
      await until(() => ['from tab a', 'from tab b', 'to both tabs'].every((m) => bodies(el).includes(m)), 10000, 'every tab to show all three');
    }

    // The tab holding the session closes: the other takes it up.
    a.frame.remove();
    bob.room.send('after tab a closed');
    await until(() => bodies(b.el).includes('after tab a closed'), 15000, 'the other tab to go on');
    await b.el.send('from tab b, alone');
    await until(() => timelineBodies(bob.room).includes('from tab b, alone'), 15000, 'bob to get it');
    for (const body of ['from tab a', 'from tab b', 'from tab b, alone']) expect(count(timelineBodies(bob.room), body), body).to.equal(1);
    expect(count(bodies(b.el), 'after tab a closed'), 'shown once').to.equal(1);
    const aboutAlice = bob.room.timeline.slice(noticesFrom).filter((i) => i.kind === 'notice' && i.notice.params['nick'] === 'alice');
    expect(aboutAlice, 'bob saw no leave or join').to.deep.equal([]);
    expect(bob.room.occupant('alice')?.jid, 'the same session: the same full JID').to.equal(jidBefore);
  });

  it("a guest's tabs are one occupant; when the holder closes, the other signs in anew and stays in the room", async function () {
    this.timeout(60000);
    const { wsUrl, guestDomain } = await serverConfig();
    const roomJid = await uniqueRoom('wsguest');
    const bob = await peerInRoom(roomJid, 'bob');
    const query = new URLSearchParams({ 'ws-url': wsUrl, jid: guestDomain, 'room-jid': roomJid, nick: 'visitor' });
    const a = await openTab(query);
    const b = await openTab(query);
    expect(bob.room.occupants.map((o) => o.nick).sort(), 'one occupant for both tabs').to.deep.equal(['bob', 'visitor']);
    await b.el.send('from tab b');
    await until(() => bodies(a.el).includes('from tab b') && timelineBodies(bob.room).includes('from tab b'), 10000, 'tab a and bob to get it');

    a.frame.remove();
    // A new anonymous login cannot resume the old one: the tab joins again, as the same nick.
    await until(() => b.el.status === 'online' && bob.room.occupant('visitor') !== undefined && bob.room.occupants.length === 2, 15000, 'the visitor back');
    await until(() => b.el.status === 'online' && parts(b.el, 'occupant').length === 2, 15000, 'tab b in the room again');
    bob.room.send('after tab a closed');
    await until(() => bodies(b.el).includes('after tab a closed'), 15000, 'the other tab to go on');
    await b.el.send('from tab b, alone');
    await until(() => timelineBodies(bob.room).includes('from tab b, alone'), 15000, 'bob to get it');
    expect(bob.room.occupants.map((o) => o.nick).sort()).to.deep.equal(['bob', 'visitor']);
    expect(count(bodies(b.el), 'after tab a closed'), 'shown once').to.equal(1);
  });
});
