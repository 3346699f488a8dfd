import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { XmppRoom } from '../../src/components/room/room.js';
import { Connection } from '../../src/core/connection.js';
import { StropheTransport } from '../../src/core/strophe-transport.js';
import {
  bodies,
  closeAfterTest,
  part,
  parts,
  peerInRoom,
  serverConfig,
  timelineBodies,
  uniqueRoom,
  until,
} from '../harness.js';

const count = (list: readonly string[], body: string) => list.filter((b) => b === body).length;

function restartServer(): Promise<Response> {
  return fetch('/__xmpp__/restart', { method: 'POST' });
}

/**
 * Bob in the room, made by him and persistent: ejabberd destroys a temporary room as it stops and
 * clears its archive, so the gap of those who come back late (a cluster restarts node by node)
 * could not be filled from it. Prosody keeps it either way.
 */
const bobMakes = async (roomJid: string) => {
  const bob = await peerInRoom(roomJid, 'bob');
  await bob.room.submitConfig(await bob.room.fetchConfig(), { 'muc#roomconfig_persistentroom': ['1'] });
  return bob;
};

const bobIn = (roomJid: string) => peerInRoom(roomJid, 'bob');

describe('reconnecting after the server restarts (real Prosody, BOSH)', () => {
  it('loses and duplicates nothing on either side; what is typed while away is pending, then sent once', async () => {
    const { boshUrl, guestDomain } = await serverConfig();
    const roomJid = await uniqueRoom('restart');
    const bob = await bobMakes(roomJid);
    const el = await fixture<XmppRoom>(
      html`<xmpp-room bosh-url=${boshUrl} jid=${guestDomain} room-jid=${roomJid} nick="visitor"></xmpp-room>`,
    );
    await until(() => el.status === 'online' && parts(el, 'occupant').length > 1, 10000, 'the visitor to join');

    await el.send('before: visitor');
    bob.room.send('before: bob');
    await until(() => count(bodies(el), 'before: bob') === 1 && count(timelineBodies(bob.room), 'before: visitor') === 1, 10000, 'before');

    const restarted = restartServer();
    await until(() => el.status === 'reconnecting', 10000, 'reconnecting');
    expect(part(el, 'status')?.textContent).to.not.equal('');
    await el.send('during: visitor 1');
    // The second one typed into the composer, as a person would.
    await el.updateComplete;
    const input = part<HTMLTextAreaElement>(el, 'input')!;
    input.focus();
    await sendKeys({ type: 'during: visitor 2' });
    await sendKeys({ press: 'Enter' });
    expect(input.value).to.equal('');
    await el.updateComplete;
    const pending = parts(el, 'pending').map((m) => m.querySelector('[part="message-body"]')?.textContent);
    expect(pending).to.deep.equal(['during: visitor 1', 'during: visitor 2']);
    expect((await restarted).ok).to.equal(true);

    await until(() => el.status === 'online' && parts(el, 'pending').length === 0, 20000, 'back online, queue sent');
    await until(() => bob.connection.status === 'online' && bob.room.state === 'joined', 20000, 'bob back').catch((e: unknown) => { throw new Error(`${String(e)}: ${bob.connection.status} ${bob.room.state}`); });
    bob.room.send('after: bob');
    await el.send('after: visitor');

    const all = ['before: visitor', 'before: bob', 'during: visitor 1', 'during: visitor 2', 'after: bob', 'after: visitor'];
    await until(() => all.every((b) => bodies(el).includes(b)), 15000, 'the visitor to have every message');
    await until(() => all.every((b) => timelineBodies(bob.room).includes(b)), 15000, 'bob to have every message').catch((e: unknown) => {
      throw new Error(`${String(e)}; bob has ${JSON.stringify(timelineBodies(bob.room))}`);
    });
    for (const body of all) {
      expect(count(bodies(el), body), `visitor: ${body}`).to.equal(1);
      expect(count(timelineBodies(bob.room), body), `bob: ${body}`).to.equal(1);
    }
    // In the order they were typed.
    const mine = bodies(el).filter((b) => b.includes('visitor'));
    expect(mine).to.deep.equal(['before: visitor', 'during: visitor 1', 'during: visitor 2', 'after: visitor']);
    expect(part(el, 'retry-button')).to.equal(null);
  });

  it('gives up after the reconnect time with failed, a message and the retry button, which brings it back', async function () {
    this.timeout(60000);
    const { boshUrl, guestDomain } = await serverConfig();
    const roomJid = await uniqueRoom('giveup');
    const options = { boshUrl, jid: guestDomain, reconnectTimeout: 300, backoff: { base: 60000 } };
    const connection = new Connection(new StropheTransport(options), options);
    closeAfterTest(connection);
    const bob = await bobMakes(roomJid);
    const el = await fixture<XmppRoom>(
      html`<xmpp-room room-jid=${roomJid} nick="visitor" .connection=${connection}></xmpp-room>`,
    );
    await until(() => el.status === 'online' && parts(el, 'occupant').length > 1, 10000, 'the visitor to join');

    await restartServer();
    await until(() => el.status === 'failed', 10000, 'failed');
    await el.send('typed after giving up');
    await el.updateComplete;
    const retry = await until(() => part<HTMLButtonElement>(el, 'retry-button'), 5000, 'retry button');
    expect(part(el, 'error')?.textContent).to.contain('could not be restored');
    expect(parts(el, 'pending')).to.have.length(1);

    // Bob's own reconnect backs off while the server is down (a cluster restarts node by node):
    // he is back in the room before the visitor retries, so the message has someone to reach.
    await until(() => bob.connection.status === 'online' && bob.room.state === 'joined', 30000, 'bob back in the room');
    retry.click();
    await until(() => el.status === 'online' && parts(el, 'pending').length === 0, 15000, 'online again');
    await until(() => timelineBodies(bob.room).includes('typed after giving up'), 15000, 'bob to get it');
    expect(count(timelineBodies(bob.room), 'typed after giving up')).to.equal(1);
    expect(part(el, 'retry-button')).to.equal(null);
  });
});

describe('a server gone silent (sockets open, nothing flowing)', () => {
  it('is noticed within 15 s (XEP-0199 ping unanswered), and the room is back, sending, once the server answers again', async function () {
    this.timeout(60000);
    const { boshUrl, guestDomain } = await serverConfig();
    const roomJid = await uniqueRoom('silent');
    const el = await fixture<XmppRoom>(
      html`<xmpp-room bosh-url=${boshUrl} jid=${guestDomain} room-jid=${roomJid} nick="listener"></xmpp-room>`,
    );
    await until(() => el.status === 'online' && parts(el, 'occupant').length > 0, 10000, 'the listener to join');

    expect((await fetch('/__xmpp__/pause', { method: 'POST' })).ok).to.equal(true);
    const pausedAt = performance.now();
    try {
      await until(() => el.status !== 'online', 16000, 'the silence noticed');
      expect(performance.now() - pausedAt).to.be.below(16000);
      expect(el.status).to.equal('reconnecting');
      expect(part(el, 'status')?.textContent).to.not.equal('');
    } finally {
      await fetch('/__xmpp__/resume', { method: 'POST' });
    }

    await until(() => el.status === 'online' && parts(el, 'occupant').length > 0, 25000, 'back online and in the room');
    const bob = await bobIn(roomJid);
    await el.send('after the silence');
    await until(() => timelineBodies(bob.room).includes('after the silence'), 10000, 'bob to get it');
    expect(count(timelineBodies(bob.room), 'after the silence')).to.equal(1);
  });
});
