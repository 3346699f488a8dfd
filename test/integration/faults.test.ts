// Messages lost and doubled on a bad link. A guest <xmpp-room> reaches the server through the
// fault proxy (scripts/fault-proxy.mjs, POST /__xmpp__/fault) while a peer, on a direct
// connection, shares the room; both send numbered messages at a steady pace (message-flow.ts)
// while the link slows down, goes silent, is reset, or the server restarts. Then every message
// must be seen exactly once on the other side, and each of the guest's own once in its view, sent.
import { expect, fixture, html } from '@open-wc/testing';
import type { XmppRoom } from '../../src/components/room/room.js';
import { parts, serverConfig, uniqueRoom, until } from '../harness.js';
import { type Peer, type Scene, converse, expectEachOnce, forAbout, numbers, ownRow, peerIn } from './message-flow.js';

type Transport = 'bosh' | 'ws';
type Fault = { kind: 'pass' | 'blackhole' | 'drop' | 'reset' } | { kind: 'latency'; ms: number };

async function setFault(fault: Fault): Promise<void> {
  const response = await fetch('/__xmpp__/fault', { method: 'POST', body: JSON.stringify(fault) });
  if (!response.ok) throw new Error(`fault ${JSON.stringify(fault)}: ${response.status} ${await response.text()}`);
}
afterEach(() => setFault({ kind: 'pass' }));

// ---------------------------------------------------------------------------
// The two sides.

/** The guest `<xmpp-room>` on the proxy's URL for this transport. */
async function guestRoom(transport: Transport, roomJid: string, nick: string): Promise<XmppRoom> {
  const { proxyBoshUrl, proxyWsUrl, guestDomain } = await serverConfig();
  const url = transport === 'bosh' ? proxyBoshUrl : proxyWsUrl;
  expect(url, 'the fault proxy’s URL (none for an external server on no loopback port)').to.not.equal('');
  const el =
    transport === 'bosh'
      ? await fixture<XmppRoom>(html`<xmpp-room lang="en" bosh-url=${url} jid=${guestDomain} room-jid=${roomJid} nick=${nick}></xmpp-room>`)
      : await fixture<XmppRoom>(html`<xmpp-room lang="en" ws-url=${url} jid=${guestDomain} room-jid=${roomJid} nick=${nick}></xmpp-room>`);
  await until(() => el.status === 'online' && ownRow(el, nick), 10000, `${nick} to join`);
  return el;
}

/**
 * The guest and the peer in a new room. `persistent`: the peer creates it and makes it persistent
 * first, as a site's room that outlives a server restart is: a temporary room is destroyed when the
 * server stops, and ejabberd then clears its archive (mod_mam's clear_archive_on_room_destroy), so
 * what it had not delivered before stopping is gone for every client.
 */
async function scene(transport: Transport, prefix: string, { persistent = false } = {}): Promise<Scene> {
  const roomJid = await uniqueRoom(prefix);
  let peer: Peer | undefined;
  if (persistent) {
    peer = await peerIn(roomJid, 'peer');
    await peer.room.submitConfig(await peer.room.fetchConfig(), { 'muc#roomconfig_persistentroom': ['1'] });
  }
  const el = await guestRoom(transport, roomJid, 'visitor');
  peer ??= await peerIn(roomJid, 'peer');
  await until(() => parts(el, 'occupant').length === 2, 10000, 'the guest to see the peer');
  return converse(el, peer);
}

// ---------------------------------------------------------------------------

describe('messages on a bad link (fault proxy): each seen once on the other side', () => {
  it('the fault endpoint takes a fault as JSON and refuses a bad one', async () => {
    const ok = await fetch('/__xmpp__/fault', { method: 'POST', body: '{"kind":"latency","ms":10}' });
    expect([ok.status, await ok.text()]).to.deep.equal([200, 'ok']);
    for (const body of ['nonsense', '{"kind":"flood"}', '{"kind":"latency"}', '{"kind":"latency","ms":-1}']) {
      expect((await fetch('/__xmpp__/fault', { method: 'POST', body })).status, body).to.equal(400);
    }
  });

  for (const transport of ['bosh', 'ws'] as const) {
    it(`${transport}: latency 400 ms, a 5 s blackhole, pass; latency, a reset, pass`, async function () {
      this.timeout(100000);
      const s = await scene(transport, `faults-${transport}`);
      await forAbout(s, 1500);
      await setFault({ kind: 'latency', ms: 400 });
      await forAbout(s, 2000);
      await setFault({ kind: 'blackhole' });
      const before = s.guest.sent;
      await forAbout(s, 5000);
      // The proxy held them: none of what the guest said in the blackhole has reached the peer yet.
      const through = numbers(s.guest.sent).filter((n) => n > before && s.peer.received.has(`guest ${n}`));
      expect(through, 'guest messages through the blackhole').to.deep.equal([]);
      await setFault({ kind: 'pass' });
      await forAbout(s, 2000);
      await setFault({ kind: 'latency', ms: 400 });
      await forAbout(s, 1500);
      await setFault({ kind: 'reset' });
      await forAbout(s, 3000);
      await expectEachOnce(s);
    });
  }

  for (const transport of ['bosh', 'ws'] as const) {
    it(`${transport}: the server restarts with messages in flight`, async function () {
      this.timeout(100000);
      const s = await scene(transport, `restart-${transport}`, { persistent: true });
      await forAbout(s, 1500);
      // The senders go on while it is down: its answer comes once the server is up again.
      expect((await fetch('/__xmpp__/restart', { method: 'POST' })).ok, 'POST /__xmpp__/restart').to.equal(true);
      await until(() => s.el.status === 'online' && s.peer.joined(), 30000, 'both back online and in the room').catch(() => {
        throw new Error(`not both back in 30 s: the guest is ${s.el.status}, the peer ${s.peer.connection.status}, ${s.peer.joined() ? 'in' : 'not in'} the room`);
      });
      await forAbout(s, 1500);
      await expectEachOnce(s);
    });
  }
});
