import { expect } from '@open-wc/testing';
import '../../src/define.js';
import { bodies, joined, peerInRoom, roomElement, timelineBodies, uniqueRoom, until } from '../harness.js';

/*
 * XMPP_SERVER=ejabberd-cluster only (web-test-runner.config.mjs): two ejabberd nodes behind HAProxy
 * doing round-robin per request, without stickiness (scripts/ejabberd-cluster.mjs).
 */

interface Served {
  readonly server: string;
  readonly sid?: string;
  readonly created?: boolean;
}

describe('the widget on a two-node ejabberd cluster behind HAProxy', () => {
  it("a guest's BOSH session is served by both nodes, and the room works through them both ways, each message once", async function () {
    this.timeout(60000);
    const roomJid = await uniqueRoom('cluster');
    const bob = await peerInRoom(roomJid, 'bob');
    const el = await roomElement('guest', roomJid, 'visitor');
    await joined(el, 'visitor');
    const before = ((await (await fetch('/__xmpp__/served-by')).json()) as Served[]).length;
    const mine = Array.from({ length: 8 }, (_, i) => `from the visitor ${i}`);
    const his = Array.from({ length: 8 }, (_, i) => `from bob ${i}`);
    for (let i = 0; i < mine.length; i += 1) {
      await el.send(mine[i]);
      bob.room.send(his[i]);
    }
    await until(() => mine.every((m) => timelineBodies(bob.room).includes(m)), 15000, 'bob to get every message');
    await until(() => his.every((m) => bodies(el).includes(m)), 15000, 'the visitor to get every message');
    for (const m of mine) expect(timelineBodies(bob.room).filter((b) => b === m).length, m).to.equal(1);
    for (const m of his) expect(bodies(el).filter((b) => b === m).length, m).to.equal(1);

    // The balancer's log (a request is logged when it is answered: read it until it shows one): a
    // session of that exchange served by both nodes.
    let served: Served[] = [];
    const read = setInterval(() => {
      void fetch('/__xmpp__/served-by')
        .then((r) => r.json())
        .then((all) => (served = (all as Served[]).slice(before)));
    }, 200);
    try {
      const [sid, nodes] = await until(() => {
        const nodesOf = new Map<string, string[]>();
        for (const { sid, server } of served) if (sid) nodesOf.set(sid, [...(nodesOf.get(sid) ?? []), server]);
        return [...nodesOf.entries()].find(([, nodes]) => nodes.length >= 4 && new Set(nodes).size === 2);
      }, 15000, 'a session of the exchange served by both nodes');
      expect([...new Set(nodes)].sort(), `session ${sid}: ${nodes.join(' ')}`).to.deep.equal(['c1', 'c2']);
    } finally {
      clearInterval(read);
    }
  });
});
