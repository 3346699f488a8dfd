import { expect } from '@open-wc/testing';
import type { XmppRoom } from '../../src/components/room/room.js';
import { bodies, parts, peerInRoom, serverConfig, timelineBodies, uniqueRoom, until } from '../harness.js';

const frames: HTMLIFrameElement[] = [];
afterEach(() => {
  for (const f of frames.splice(0)) f.remove();
});

const count = (list: readonly string[], body: string) => list.filter((b) => b === body).length;

describe('one session for every tab of the site (real server, BOSH)', () => {
  it('two tabs are one occupant; each shows and sends; the other goes on when one closes; a tab opened later is the same occupant', async function () {
    this.timeout(60000);
    const { boshUrl, guestDomain } = await serverConfig();
    const roomJid = await uniqueRoom('tabs');
    const bob = await peerInRoom(roomJid, 'bob');
    const query = new URLSearchParams({ 'bosh-url': boshUrl, jid: guestDomain, 'room-jid': roomJid, nick: 'visitor' });
    const tab = async () => {
      const frame = document.createElement('iframe');
      frame.src = `/test/integration/reload-frame.html?${query.toString()}`;
      frames.push(frame);
      document.body.append(frame);
      const el = await until(() => {
        const room = frame.contentDocument?.querySelector<XmppRoom>('xmpp-room');
        return room && room.status === 'online' && parts(room, 'occupant').length === 2 && room;
      }, 15000, 'a tab in the room');
      return { frame, el };
    };
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
    const open = async () => {
      const frame = document.createElement('iframe');
      frame.src = `/test/integration/reload-frame.html?${query.toString()}`;
      frames.push(frame);
      document.body.append(frame);
      return until(() => {
        const room = frame.contentDocument?.querySelector<XmppRoom>('xmpp-room');
        return room && room.status === 'online' && parts(room, 'occupant').length === 2 && room;
      }, 15000, 'a tab in the room');
    };
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
