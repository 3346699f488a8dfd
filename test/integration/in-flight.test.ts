import { expect, fixture, html } from '@open-wc/testing';
import type { XmppRoom } from '../../src/components/room/room.js';
import { Connection } from '../../src/core/connection.js';
import { StropheTransport } from '../../src/core/strophe-transport.js';
import type { Transport, TransportHandlers, TransportOptions } from '../../src/core/transport.js';
import { bodies, closeAfterTest, parts, peerInRoom, serverConfig, timelineBodies, uniqueRoom, until } from '../harness.js';

/**
 * The real transport with a link that can fail as networks do: `deaf` loses what
 * comes in, `mute` what goes out, and `cut()` ends the link without a word (as a
 * dead connection does, the server keeping its side). A new session waits at `gate`.
 */
class FlakyTransport implements Transport {
  private readonly inner: StropheTransport;
  private handlers: TransportHandlers | undefined;
  deaf = false;
  mute = false;
  gate: Promise<void> = Promise.resolve();

  constructor(options: TransportOptions) {
    this.inner = new StropheTransport(options);
  }

  get boundJid(): string {
    return this.inner.boundJid;
  }

  connect(jid: string, password: string | undefined, handlers: TransportHandlers): void {
    this.handlers = handlers;
    void this.gate.then(() =>
      this.inner.connect(jid, password, {
        state: (state, condition) => handlers.state(state, condition),
        stanza: (stanza) => {
          if (!this.deaf) handlers.stanza(stanza);
        },
      }),
    );
  }

  send(stanza: Element): void {
    if (!this.mute) this.inner.send(stanza);
  }

  disconnect(): void {
    this.inner.disconnect();
  }

  cut(): void {
    this.inner.abandon();
    this.deaf = false;
    this.mute = false;
    this.handlers?.state('disconnected', 'connection-lost');
  }
}

const count = (list: readonly string[], body: string) => list.filter((b) => b === body).length;

async function setUp(prefix: string) {
  const { boshUrl, guestDomain } = await serverConfig();
  const roomJid = await uniqueRoom(prefix);
  const options = { boshUrl, jid: guestDomain, backoff: { base: 100 } };
  const transport = new FlakyTransport(options);
  const connection = closeAfterTest(new Connection(transport, options));
  const el = await fixture<XmppRoom>(html`<xmpp-room room-jid=${roomJid} nick="visitor" .connection=${connection}></xmpp-room>`);
  await until(() => el.status === 'online' && parts(el, 'occupant').length > 0, 10000, 'the visitor to join');
  const bob = await peerInRoom(roomJid, 'bob');
  bob.room.send('before');
  await until(() => bodies(el).includes('before'), 10000, "bob's first message");
  return { el, bob, transport };
}

/** While the visitor is away (its new session held at the gate), bob says `n` numbered things, each reflected to him. */
async function bobSaysWhileAway(transport: FlakyTransport, bob: Awaited<ReturnType<typeof setUp>>['bob'], n: number): Promise<string[]> {
  let open = () => {};
  transport.gate = new Promise((resolve) => (open = resolve));
  transport.cut();
  const said = Array.from({ length: n }, (_, i) => `gap ${i + 1}`);
  for (const body of said) bob.room.send(body);
  await until(() => said.every((body) => timelineBodies(bob.room).includes(body)), 15000, 'the room to have what bob said');
  open();
  return said;
}

describe('nothing lost in flight (real server, BOSH)', () => {
  it('sends again, once and with the same origin-id, what never reached the room; the 40-message gap comes back in order', async function () {
    this.timeout(60000);
    const { el, bob, transport } = await setUp('inflight');
    transport.mute = true;
    await el.send('lost on the way');
    await el.updateComplete;
    expect(parts(el, 'pending')).to.have.length(1);

    const said = await bobSaysWhileAway(transport, bob, 40);
    await until(() => timelineBodies(bob.room).includes('lost on the way'), 20000, 'bob to get the message sent again');
    await until(() => parts(el, 'pending').length === 0 && said.every((body) => bodies(el).includes(body)), 20000, 'the visitor to have the gap');
    // One more round trip: a second copy would have arrived by now.
    await el.send('after');
    await until(() => timelineBodies(bob.room).includes('after'), 10000, 'bob to get the next one');

    expect(count(timelineBodies(bob.room), 'lost on the way'), 'copies bob got').to.equal(1);
    const shown = bodies(el);
    expect(count(shown, 'lost on the way'), 'copies the visitor shows').to.equal(1);
    const lost = said.filter((body) => !shown.includes(body));
    const doubled = said.filter((body) => count(shown, body) > 1);
    expect({ lost, doubled }).to.deep.equal({ lost: [], doubled: [] });
    const gap = shown.filter((body) => said.includes(body));
    expect(gap, 'in the order bob said them').to.deep.equal(said);
    expect(shown.indexOf('before')).to.be.below(shown.indexOf('gap 1'));
  });

  it('does not send again what reached the room when only its reflection was lost: the archive confirms it', async function () {
    this.timeout(60000);
    const { el, bob, transport } = await setUp('deaf');
    transport.deaf = true;
    await el.send('reached the room');
    await until(() => timelineBodies(bob.room).includes('reached the room'), 10000, 'bob to get it');
    await el.updateComplete;
    expect(parts(el, 'pending'), 'no reflection seen yet').to.have.length(1);

    await bobSaysWhileAway(transport, bob, 3);
    await until(() => parts(el, 'pending').length === 0 && bodies(el).includes('gap 3'), 20000, 'the visitor back, the message confirmed');
    await el.send('after');
    await until(() => timelineBodies(bob.room).includes('after'), 10000, 'bob to get the next one');

    expect(count(timelineBodies(bob.room), 'reached the room'), 'copies bob got').to.equal(1);
    expect(count(bodies(el), 'reached the room'), 'copies the visitor shows').to.equal(1);
  });
});
