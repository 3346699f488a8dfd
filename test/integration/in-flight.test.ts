import { expect, fixture, html } from '@open-wc/testing';
import type { XmppRoom } from '../../src/components/room/room.js';
import type { XmppChat } from '../../src/components/chat/chat.js';
import { ChatService } from '../../src/core/chat.js';
import { Connection } from '../../src/core/connection.js';
import { register, session } from './accounts.js';
import { FlakyTransport } from './flaky.js';
import { bodies, closeAfterTest, parts, peerInRoom, serverConfig, timelineBodies, uniqueRoom, until, xml } from '../harness.js';

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
    // The dropped session was told to end: it left the room, and the visitor has its nick back.
    expect(bob.room.occupants.map((o) => o.nick).sort()).to.deep.equal(['bob', 'visitor']);
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

/** Alice in a real `<xmpp-chat>` with bob on a link that can fail; bob on a plain session. */
async function chatSetUp() {
  const { boshUrl } = await serverConfig();
  const [alice, bob] = await Promise.all([register('flaky'), register('steady')]);
  const options = { boshUrl, jid: alice.jid, backoff: { base: 100 } };
  const transport = new FlakyTransport(options);
  const connection = closeAfterTest(new Connection(transport, options));
  await connection.login(alice.jid, alice.password);
  const bobConnection = closeAfterTest(await session(bob));
  const bobGot: string[] = [];
  bobConnection.on('message', (stanza) => {
    const body = stanza.querySelector('body')?.textContent;
    if (body !== undefined && stanza.getAttribute('type') === 'chat') bobGot.push(body);
  });
  const el = await fixture<XmppChat>(html`<xmpp-chat with=${bob.jid} .connection=${connection}></xmpp-chat>`);
  const say = (body: string) => bobConnection.send(xml('message', { to: alice.jid, type: 'chat' }, xml('body', {}, body)));
  say('before');
  await until(() => bodies(el).includes('before'), 10000, "bob's first message");
  return { el, transport, say, bobGot, conversation: ChatService.for(connection).conversation(bob.jid) };
}

describe('nothing lost in flight in a chat (real server, BOSH)', () => {
  it('sends again, once, what never reached the server; a 60-message gap comes from the archive in order', async function () {
    this.timeout(60000);
    const { el, transport, say, bobGot } = await chatSetUp();
    transport.mute = true;
    await el.send('lost on the way');
    await el.updateComplete;
    expect(parts(el, 'pending')).to.have.length(1);

    let open = () => {};
    transport.gate = new Promise((resolve) => (open = resolve));
    transport.cut();
    const said = Array.from({ length: 60 }, (_, i) => `gap ${i + 1}`);
    for (const body of said) say(body);
    open();
    await until(() => bobGot.includes('lost on the way'), 20000, 'bob to get the message sent again');
    await until(() => parts(el, 'pending').length === 0 && said.every((body) => bodies(el).includes(body)), 20000, 'alice to have the gap');
    await el.send('after');
    await until(() => bobGot.includes('after'), 10000, 'bob to get the next one');

    expect(count(bobGot, 'lost on the way'), 'copies bob got').to.equal(1);
    const shown = bodies(el);
    expect(count(shown, 'lost on the way'), 'copies alice shows').to.equal(1);
    const lost = said.filter((body) => !shown.includes(body));
    const doubled = said.filter((body) => count(shown, body) > 1);
    expect({ lost, doubled }).to.deep.equal({ lost: [], doubled: [] });
    expect(shown.filter((body) => said.includes(body)), 'in the order bob said them').to.deep.equal(said);
  });

  it('does not send again what reached the server when only its confirmation was lost: the archive confirms it', async function () {
    this.timeout(60000);
    const { el, transport, bobGot, conversation } = await chatSetUp();
    transport.deaf = true;
    await el.send('reached the server');
    await until(() => bobGot.includes('reached the server'), 10000, 'bob to get it');
    await el.updateComplete;
    expect(parts(el, 'pending'), 'no confirmation seen yet').to.have.length(1);

    transport.cut();
    await until(() => el.status === 'online' && !conversation.loadingHistory && parts(el, 'pending').length === 0, 20000, 'alice back, the message confirmed');
    await el.send('after');
    await until(() => bobGot.includes('after'), 10000, 'bob to get the next one');
    expect(count(bobGot, 'reached the server'), 'copies bob got').to.equal(1);
    expect(count(bodies(el), 'reached the server'), 'copies alice shows').to.equal(1);
  });
});
