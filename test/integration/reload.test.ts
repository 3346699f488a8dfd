import { expect } from '@open-wc/testing';
import type { XmppRoom } from '../../src/components/room/room.js';
import { bodies, parts, peerInRoom, serverConfig, uniqueRoom, until } from '../harness.js';

const frames: HTMLIFrameElement[] = [];
afterEach(() => {
  for (const f of frames.splice(0)) f.remove();
});

describe('a page reload (real Prosody, BOSH)', () => {
  it('keeps the guest in the room as the same occupant: the peer sees no leave or join', async () => {
    const { boshUrl, guestDomain } = await serverConfig();
    const roomJid = await uniqueRoom('reload');
    const frame = document.createElement('iframe');
    const query = new URLSearchParams({ 'bosh-url': boshUrl, jid: guestDomain, 'room-jid': roomJid, nick: 'visitor' });
    frame.src = `/test/integration/reload-frame.html?${query.toString()}`;
    frames.push(frame);
    document.body.append(frame);
    const roomIn = () => frame.contentDocument?.querySelector<XmppRoom>('xmpp-room') ?? undefined;
    const first = await until(() => {
      const el = roomIn();
      return el && el.status === 'online' && parts(el, 'occupant').length > 0 && el;
    }, 15000, 'the room in the frame');

    const { connection: bob, room } = await peerInRoom(roomJid, 'bob');
    // Every presence of the guest's occupant that bob receives from now on.
    const visitorPresences: string[] = [];
    bob.on('presence', (p) => {
      if (p.getAttribute('from') === `${roomJid}/visitor`) visitorPresences.push(p.getAttribute('type') ?? 'available');
    });
    await first.send('before the reload');
    await until(() => room.timeline.some((i) => i.kind === 'message' && i.message.body === 'before the reload'), 10000, 'bob to get it');

    frame.contentWindow!.location.reload();
    const second = await until(() => {
      const el = roomIn();
      return el && el !== first && el.status === 'online' && parts(el, 'occupant').length > 0 && el;
    }, 15000, 'the room after the reload');
    await second.send('after the reload');
    const after = await until(
      () => room.timeline.find((i) => i.kind === 'message' && i.message.body === 'after the reload'),
      10000,
      'bob to get the message sent after the reload',
    );
    expect(after.kind === 'message' && after.message.nick).to.equal('visitor');
    expect(visitorPresences).to.not.include('unavailable');
    const notices = room.timeline.filter((i) => i.kind === 'notice').map((i) => i.kind === 'notice' && i.notice.kind);
    expect(notices).to.not.include('left');
    expect(notices).to.not.include('joined');
    expect(room.occupants.map((o) => o.nick).sort()).to.deep.equal(['bob', 'visitor']);
    // The reloaded page shows the conversation again (the room's history), once.
    await until(() => bodies(second).includes('after the reload'), 10000, 'own message shown');
    expect(bodies(second).filter((b) => b === 'before the reload')).to.have.length(1);
  });

  it('takes a kept session the server no longer has to one clean fresh login, not a loop', async function () {
    this.timeout(40000);
    const { boshUrl, guestDomain } = await serverConfig();
    const roomJid = await uniqueRoom('stale');
    const query = new URLSearchParams({ 'bosh-url': boshUrl, jid: guestDomain, 'room-jid': roomJid, nick: 'visitor' });
    const open = () => {
      const frame = document.createElement('iframe');
      frame.src = `/test/integration/reload-frame.html?${query.toString()}`;
      frames.push(frame);
      document.body.append(frame);
      return frame;
    };
    const roomOf = (frame: HTMLIFrameElement) => frame.contentDocument?.querySelector<XmppRoom>('xmpp-room') ?? undefined;
    const online = (frame: HTMLIFrameElement) => {
      const el = roomOf(frame);
      return el && el.status === 'online' && parts(el, 'occupant').length > 0 && el;
    };
    const first = open();
    await until(() => online(first), 15000, 'the room in the frame');
    // The page goes away (it keeps its session for the next page of the tab), but the session kept
    // is one the server no longer has.
    first.remove();
    // Kept for the site (localStorage: every tab shares the session, tabs.ts).
    const key = await until(() => Object.keys(localStorage).find((k) => k.startsWith('xmpp-elements.session:')), 5000, 'the kept session');
    const saved = JSON.parse(localStorage.getItem(key)!) as { sid: string };
    localStorage.setItem(key, JSON.stringify({ ...saved, sid: `${saved.sid}gone` }));

    const second = open();
    const el = await until(() => online(second), 30000, 'a fresh session after the stale one');
    const { connection: bob, room } = await peerInRoom(roomJid, 'bob');
    expect(bob.status).to.equal('online');
    await el.send('from the fresh session');
    await until(() => room.timeline.some((i) => i.kind === 'message' && i.message.body === 'from the fresh session'), 10000, 'bob to get it');
    const resources = second.contentWindow!.performance.getEntriesByType('resource');
    expect(resources.some((e) => e.name.includes('bosh-session')), 'the kept session was tried').to.equal(true);
    // A loop of abort and re-poll would have sent hundreds of requests by now.
    const requests = resources.filter((e) => e.name === boshUrl);
    expect(requests.length, 'BOSH requests the page sent').to.be.below(60);
  });
});
