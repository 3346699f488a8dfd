import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define.js';
import type { XmppRoom } from '../../src/components/room/room.js';
import { Connection } from '../../src/core/connection.js';
import { StropheTransport } from '../../src/core/strophe-transport.js';
import { closeAfterTest, parts, serverConfig, uniqueRoom, until } from '../harness.js';
import { converse, expectEachOnce, forAbout, ownRow, peerIn } from '../integration/message-flow.js';
import { MucRoom } from '../../src/core/muc/room.js';

/*
 * XMPP_SERVER=ejabberd-cluster only: a node dies (SIGKILL, as a crash) in mid-conversation. The guest's
 * session is on it; the room and the peer are on the other node. The guest must come back through the
 * balancer on the node that lives, rejoin, fill the gap from the room's archive, send what the room
 * did not confirm, and lose or double nothing (message-flow.ts counts both sides).
 */

interface ClusterNode {
  readonly name: string;
  readonly boshUrl: string;
  readonly wsUrl: string;
  readonly running: boolean;
  readonly balancer: string;
}

const nodes = async (): Promise<ClusterNode[]> => (await (await fetch('/__xmpp__/cluster')).json()) as ClusterNode[];

async function cluster(node: string, action: 'kill' | 'start' | 'drain' | 'ready'): Promise<void> {
  const response = await fetch(`/__xmpp__/cluster/${node}/${action}`, { method: 'POST' });
  if (!response.ok) throw new Error(`${action} ${node}: ${response.status} ${await response.text()}`);
}

/** Both nodes up and taking requests again after each test, for the tests that follow. */
afterEach(async function () {
  this.timeout(120000);
  for (const node of await nodes()) {
    if (!node.running) await cluster(node.name, 'start');
    await cluster(node.name, 'ready');
  }
  // The balancer checks each node every second.
  for (const deadline = performance.now() + 30000; !(await nodes()).every((n) => n.balancer === 'UP'); ) {
    if (performance.now() > deadline) throw new Error(`not both nodes UP at the balancer in 30 s: ${JSON.stringify(await nodes())}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
});

/** A guest of its own straight on one node (not through the balancer), online; logged out after the test. */
async function guestOn(node: ClusterNode): Promise<Connection> {
  const { guestDomain } = await serverConfig();
  const options = { boshUrl: node.boshUrl, jid: guestDomain };
  const connection = closeAfterTest(new Connection(new StropheTransport(options), options));
  const online = new Promise<void>((resolve, reject) => {
    connection.on('status', (status) => {
      if (status === 'online') resolve();
      else if (status === 'failed') reject(new Error(`a guest on ${node.name} failed to connect`));
    });
  });
  connection.start();
  await online;
  return connection;
}

describe('the widget on a two-node ejabberd cluster: a node dies', () => {
  for (const transport of ['bosh', 'ws'] as const) {
    it(`${transport}: the node holding the guest's session is killed in mid-conversation; each message seen once`, async function () {
      this.timeout(150000);
      const [doomed, survivor] = await nodes();
      expect([doomed.balancer, survivor.balancer], 'both nodes UP at the balancer').to.deep.equal(['UP', 'UP']);
      // The room lives on the survivor: its creator (the peer) is connected straight to it. Persistent,
      // as a site's room is: its archive outlives its occupants.
      const roomJid = await uniqueRoom(`failover-${transport}`);
      const peer = await peerIn(roomJid, 'peer', await guestOn(survivor));
      await peer.room.submitConfig(await peer.room.fetchConfig(), { 'muc#roomconfig_persistentroom': ['1'] });

      // The guest's session opens on the doomed node (the balancer drains the survivor meanwhile), then
      // the balancer spreads its requests over both again.
      await cluster(survivor.name, 'drain');
      const { boshUrl, wsUrl, guestDomain } = await serverConfig();
      const el =
        transport === 'bosh'
          ? await fixture<XmppRoom>(html`<xmpp-room lang="en" bosh-url=${boshUrl} jid=${guestDomain} room-jid=${roomJid} nick="visitor"></xmpp-room>`)
          : await fixture<XmppRoom>(html`<xmpp-room lang="en" ws-url=${wsUrl} jid=${guestDomain} room-jid=${roomJid} nick="visitor"></xmpp-room>`);
      await until(() => el.status === 'online' && ownRow(el, 'visitor'), 15000, 'the guest to join');
      await cluster(survivor.name, 'ready');
      await until(() => parts(el, 'occupant').length === 2, 10000, 'the guest to see the peer');

      const s = converse(el, peer);
      await forAbout(s, 1500);
      await cluster(doomed.name, 'kill');
      await until(() => s.statuses.includes('reconnecting') && el.status === 'online' && peer.joined(), 45000, 'the guest back online').catch(() => {
        throw new Error(`the guest not back in 45 s: ${el.status}, went ${s.statuses.join(' → ') || 'nowhere'}`);
      });
      await forAbout(s, 1500);
      await expectEachOnce(s);
      expect((await nodes()).map((n) => `${n.name} ${n.running ? 'running' : 'dead'}`)).to.deep.equal([`${doomed.name} dead`, `${survivor.name} running`]);
    });
  }

  it("the node running the room dies: both sides, on the other node, join it again there; each message seen once", async function () {
    this.timeout(150000);
    const [doomed, survivor] = await nodes();
    // The room starts on the node of the session that creates it: a founder straight on the doomed
    // node creates it (persistent) and leaves; it keeps running there.
    const roomJid = await uniqueRoom('failover-room');
    const founder = await guestOn(doomed);
    const founding = new MucRoom(founder, roomJid, { nick: 'founder', history: 0 });
    founding.join();
    await until(() => founding.state === 'joined', 10000, 'the founder to join');
    await founding.submitConfig(await founding.fetchConfig(), { 'muc#roomconfig_persistentroom': ['1'] });
    founding.leave();
    await until(() => founding.state !== 'joined', 10000, 'the founder to leave');

    // Everyone else is on the survivor: the peer straight, the guest through the balancer (the doomed
    // node drained while its session opens).
    const peer = await peerIn(roomJid, 'peer', await guestOn(survivor));
    await cluster(doomed.name, 'drain');
    const { boshUrl, guestDomain } = await serverConfig();
    const el = await fixture<XmppRoom>(html`<xmpp-room lang="en" bosh-url=${boshUrl} jid=${guestDomain} room-jid=${roomJid} nick="visitor"></xmpp-room>`);
    await until(() => el.status === 'online' && ownRow(el, 'visitor'), 15000, 'the guest to join');
    await until(() => parts(el, 'occupant').length === 2, 10000, 'the guest to see the peer');

    const s = converse(el, peer);
    await forAbout(s, 1500);
    // No session dies with it: nobody is told; the room's "not-acceptable" to the next message says it.
    await cluster(doomed.name, 'kill');
    await forAbout(s, 4000);
    await expectEachOnce(s);
    expect(s.statuses.filter((status) => status !== 'online'), 'the guest stayed online').to.deep.equal([]);
  });
});
