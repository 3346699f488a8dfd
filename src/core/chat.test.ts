import { expect } from '@open-wc/testing';
import { FakeTransport } from '../../test/fakes/fake-transport.js';
import { until } from '../../test/harness.js';
import { ChatService } from './chat.js';
import { Connection } from './connection.js';
import { Disco } from './disco.js';
import { serialize } from './xml.js';

const ME = 'me@test';
const BOB = 'bob@test';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function chat(from: string, body: string, { id = '', extra = '', to = `${ME}/fake`, type = 'chat' } = {}): string {
  return `<message xmlns="jabber:client" type="${type}" from="${from}" to="${to}"${id ? ` id="${id}"` : ''}>${body ? `<body>${esc(body)}</body>` : ''}${extra}</message>`;
}

function carbon(kind: 'sent' | 'received', inner: string, from = ME): string {
  return `<message xmlns="jabber:client" from="${from}" to="${ME}/fake"><${kind} xmlns="urn:xmpp:carbons:2"><forwarded xmlns="urn:xmpp:forward:0">${inner}</forwarded></${kind}></message>`;
}

const answerIq = (t: FakeTransport, iq: Element, payload = '') =>
  t.receive(`<iq xmlns="jabber:client" type="result" id="${iq.getAttribute('id')}" from="${iq.getAttribute('to') ?? ''}">${payload}</iq>`);

/** Online, with disco answered: the server has carbons, the account MAM (unless told otherwise). */
async function setup(features = ['urn:xmpp:carbons:2', 'urn:xmpp:mam:2']) {
  const transport = new FakeTransport();
  const connection = new Connection(transport, { jid: ME });
  const service = ChatService.for(connection);
  await connection.login(ME, 'pw');
  const queries = transport.sent.filter((s) => s.querySelector('query[xmlns="http://jabber.org/protocol/disco#info"]'));
  for (const iq of queries) {
    answerIq(transport, iq, `<query xmlns="http://jabber.org/protocol/disco#info">${features.map((f) => `<feature var="${f}"/>`).join('')}</query>`);
  }
  await Disco.for(connection).ready();
  await Promise.resolve();
  return { transport, connection, service };
}

const sentMessages = (t: FakeTransport) => t.sent.filter((s) => s.localName === 'message');

describe('chat core', () => {
  it('enables carbons when the server announces them', async () => {
    const { transport, service } = await setup();
    const enable = transport.sent.find((s) => s.querySelector('enable[xmlns="urn:xmpp:carbons:2"]'))!;
    expect(enable.getAttribute('type')).to.equal('set');
    answerIq(transport, enable);
    await until(() => service.carbons, 2000, 'carbons on');
  });

  it('does not ask for carbons or history from a server without them', async () => {
    const { transport, connection, service } = await setup([]);
    service.conversation(BOB).open(10);
    // Nothing to wait for: let the conversation's disco check run, then look at what went out.
    await Disco.for(connection).ready();
    await Promise.resolve();
    expect(transport.sent.some((s) => s.querySelector('enable, query[xmlns="urn:xmpp:mam:2"]'))).to.equal(false);
  });

  it('keeps one conversation per contact, takes chat from any resource and normal with a body, not others', async () => {
    const { transport, service } = await setup();
    const bob = service.conversation('Bob@Test');
    expect(service.conversation(`${BOB}/x`)).to.equal(bob);
    transport.receive(chat(`${BOB}/phone`, 'one'));
    transport.receive(chat(`${BOB}/laptop`, 'two', { type: 'normal' }));
    transport.receive(chat(`${BOB}/laptop`, '', { type: 'normal' }));
    transport.receive(chat('carol@test/x', 'for carol'));
    transport.receive(chat(`${BOB}/x`, 'room message', { type: 'groupchat' }));
    expect(bob.messages.map((m) => m.body)).to.deep.equal(['one', 'two']);
    expect(bob.messages.every((m) => !m.outgoing)).to.equal(true);
    expect(service.conversation('carol@test').messages.map((m) => m.body)).to.deep.equal(['for carol']);
  });

  it('replies to the resource that last wrote, and to the bare JID once it went away', async () => {
    const { transport, service } = await setup();
    const bob = service.conversation(BOB);
    bob.send('first');
    expect(sentMessages(transport).at(-1)!.getAttribute('to')).to.equal(BOB);
    transport.receive(chat(`${BOB}/phone`, 'hi'));
    bob.send('second');
    expect(sentMessages(transport).at(-1)!.getAttribute('to')).to.equal(`${BOB}/phone`);
    transport.receive(`<presence xmlns="jabber:client" from="${BOB}/laptop" type="unavailable"/>`);
    bob.send('third');
    expect(sentMessages(transport).at(-1)!.getAttribute('to')).to.equal(`${BOB}/phone`);
    transport.receive(`<presence xmlns="jabber:client" from="${BOB}/phone" type="unavailable"/>`);
    bob.send('fourth');
    expect(sentMessages(transport).at(-1)!.getAttribute('to')).to.equal(BOB);
  });

  it('sends a chat message with origin-id, a receipt request and active; marks it delivered on the receipt', async () => {
    const { transport, service } = await setup();
    const bob = service.conversation(BOB);
    const message = bob.send('hello <b>');
    const stanza = sentMessages(transport).at(-1)!;
    const xml = serialize(stanza);
    expect(stanza.getAttribute('type')).to.equal('chat');
    expect(stanza.getAttribute('id')).to.equal(message.id);
    expect(xml).to.contain('<body>hello &lt;b&gt;</body>');
    expect(xml).to.contain('<request xmlns="urn:xmpp:receipts"/>');
    expect(xml).to.contain('<active xmlns="http://jabber.org/protocol/chatstates"/>');
    expect(xml).to.contain(`<origin-id xmlns="urn:xmpp:sid:0" id="${message.id}"/>`);
    expect(bob.messages[0]).to.include({ body: 'hello <b>', outgoing: true });
    expect(bob.messages[0].delivered).to.equal(undefined);
    // A receipt from someone else for that id is not a delivery.
    transport.receive(chat('mallory@test/x', '', { extra: `<received xmlns="urn:xmpp:receipts" id="${message.id}"/>` }));
    expect(bob.messages[0].delivered).to.equal(undefined);
    transport.receive(chat(`${BOB}/phone`, '', { extra: `<received xmlns="urn:xmpp:receipts" id="${message.id}"/>` }));
    expect(bob.messages[0].delivered).to.equal(true);
  });

  it('answers a receipt request, but not for groupchat or carbons', async () => {
    const { transport } = await setup();
    const request = '<request xmlns="urn:xmpp:receipts"/>';
    transport.receive(chat(`${BOB}/phone`, 'please confirm', { id: 'q1', extra: request }));
    const answer = sentMessages(transport).at(-1)!;
    expect(answer.getAttribute('to')).to.equal(`${BOB}/phone`);
    expect(answer.querySelector('received')!.getAttribute('id')).to.equal('q1');
    expect(answer.querySelector('received')!.getAttribute('xmlns')).to.equal('urn:xmpp:receipts');
    const count = sentMessages(transport).length;
    transport.receive(chat(`${BOB}/phone`, 'in a room', { id: 'q2', extra: request, type: 'groupchat' }));
    transport.receive(carbon('received', chat(`${BOB}/phone`, 'to my phone', { id: 'q3', extra: request, to: `${ME}/phone` })));
    transport.receive(carbon('sent', chat(`${ME}/phone`, 'from my phone', { id: 'q4', extra: request, to: BOB })));
    expect(sentMessages(transport).length).to.equal(count);
  });

  it('puts carbons on the right side of the right conversation and ignores forged ones', async () => {
    const { transport, service } = await setup();
    const bob = service.conversation(BOB);
    transport.receive(carbon('sent', chat(`${ME}/phone`, 'sent from my phone', { to: `${BOB}/laptop`, id: 's1' })));
    transport.receive(carbon('received', chat(`${BOB}/laptop`, 'bob to my phone', { to: `${ME}/phone`, id: 'r1' })));
    transport.receive(carbon('sent', chat(`${ME}/phone`, 'forged', { to: BOB, id: 'f1' }), 'mallory@evil'));
    transport.receive(carbon('received', chat(`${BOB}/laptop`, 'forged by bob', { to: ME, id: 'f2' }), `${BOB}/laptop`));
    expect(bob.messages.map((m) => [m.body, m.outgoing])).to.deep.equal([
      ['sent from my phone', true],
      ['bob to my phone', false],
    ]);
  });

  it('shows the contact composing and paused, and clears it with their message', async () => {
    const { transport, service } = await setup();
    const bob = service.conversation(BOB);
    transport.receive(chat(`${BOB}/phone`, '', { extra: '<composing xmlns="http://jabber.org/protocol/chatstates"/>' }));
    expect(bob.contactState).to.equal('composing');
    transport.receive(chat(`${BOB}/phone`, '', { extra: '<paused xmlns="http://jabber.org/protocol/chatstates"/>' }));
    expect(bob.contactState).to.equal('paused');
    transport.receive(chat(`${BOB}/phone`, 'done', { extra: '<active xmlns="http://jabber.org/protocol/chatstates"/>' }));
    expect(bob.contactState).to.equal('active');
    transport.receive(chat(`${BOB}/phone`, '', { extra: '<composing xmlns="http://jabber.org/protocol/chatstates"/>' }));
    transport.receive(`<presence xmlns="jabber:client" from="${BOB}/phone" type="unavailable"/>`);
    expect(bob.contactState).to.equal(undefined);
  });

  it('sends composing once while typing, paused when idle, active when the box is emptied', async () => {
    const { transport, service } = await setup();
    const bob = service.conversation(BOB);
    bob.typingPause = 30;
    const states = () =>
      sentMessages(transport)
        .map((m) => m.querySelector('[xmlns="http://jabber.org/protocol/chatstates"]')?.localName)
        .filter(Boolean);
    bob.typing(true);
    bob.typing(true);
    bob.typing(true);
    expect(states()).to.deep.equal(['composing']);
    expect(serialize(sentMessages(transport).at(-1)!)).to.contain('<no-store xmlns="urn:xmpp:hints"/>');
    await until(() => states().length === 2, 2000, 'paused after the typing pause');
    expect(states()).to.deep.equal(['composing', 'paused']);
    bob.typing(true);
    bob.typing(false);
    expect(states()).to.deep.equal(['composing', 'paused', 'composing', 'active']);
    bob.typing(true);
    bob.send('hi');
    // Sending cancels the pause: wait longer than it, then nothing more went out.
    const sentAt = sentMessages(transport).length;
    await new Promise((r) => setTimeout(r, bob.typingPause * 2));
    expect(sentMessages(transport).length).to.equal(sentAt);
    expect(states()).to.deep.equal(['composing', 'paused', 'composing', 'active', 'composing', 'active']);
  });

  it('loads the last page of history in order, merged with an offline message without duplicates, and pages back', async () => {
    const { transport, service } = await setup();
    // An offline message, delivered at login with its original time.
    transport.receive(
      chat(`${BOB}/phone`, 'while you were away', {
        id: 'off1',
        extra: '<delay xmlns="urn:xmpp:delay" from="test" stamp="2024-05-01T10:00:03Z"/>',
      }),
    );
    const bob = service.conversation(BOB);
    expect(bob.messages[0]).to.include({ body: 'while you were away', stamp: '2024-05-01T10:00:03.000Z' });
    const events: string[] = [];
    service.on('message', (e) => events.push(`${e.message.body}${e.history ? ' (history)' : ''}`));
    bob.open(3);
    const iq = await until(() => transport.sent.filter((s) => s.querySelector('query[xmlns="urn:xmpp:mam:2"]')).at(-1), 2000, 'the archive query');
    const query = iq.querySelector('query')!;
    expect(query.querySelector('field[var="with"] value')!.textContent).to.equal(BOB);
    expect(query.querySelector('set max')!.textContent).to.equal('3');
    expect(query.querySelector('set before')!.textContent).to.equal('');
    const qid = query.getAttribute('queryid')!;
    const result = (id: string, stamp: string, inner: string) =>
      `<message xmlns="jabber:client" from="${ME}"><result xmlns="urn:xmpp:mam:2" queryid="${qid}" id="${id}"><forwarded xmlns="urn:xmpp:forward:0"><delay xmlns="urn:xmpp:delay" stamp="${stamp}"/>${inner}</forwarded></result></message>`;
    transport.receive(result('A1', '2024-05-01T10:00:01Z', chat(`${ME}/old`, 'my question', { to: BOB, id: 'mine1' })));
    transport.receive(result('A2', '2024-05-01T10:00:02Z', chat(`${BOB}/phone`, 'his answer', { id: 'his1', extra: '<request xmlns="urn:xmpp:receipts"/>' })));
    transport.receive(result('A3', '2024-05-01T10:00:03Z', chat(`${BOB}/phone`, 'while you were away', { id: 'off1' })));
    const sentBefore = sentMessages(transport).length;
    answerIq(transport, iq, '<fin xmlns="urn:xmpp:mam:2"><set xmlns="http://jabber.org/protocol/rsm"><first>A1</first><last>A3</last></set></fin>');
    await until(() => !bob.loadingHistory, 2000, 'the page merged');
    expect(bob.messages.map((m) => [m.body, m.outgoing])).to.deep.equal([
      ['my question', true],
      ['his answer', false],
      ['while you were away', false],
    ]);
    expect(events).to.deep.equal(['my question (history)', 'his answer (history)']);
    expect(sentMessages(transport).length, 'no receipts for archived messages').to.equal(sentBefore);
    expect(bob.hasOlder).to.equal(true);

    // A live message that the archive already gave is not shown twice.
    transport.receive(chat(`${BOB}/phone`, 'his answer', { id: 'his1' }));
    expect(bob.messages).to.have.length(3);

    const older = bob.loadOlder();
    const iq2 = transport.sent.filter((s) => s.querySelector('query[xmlns="urn:xmpp:mam:2"]')).at(-1)!;
    expect(iq2).to.not.equal(iq);
    expect(iq2.querySelector('set before')!.textContent).to.equal('A1');
    const qid2 = iq2.querySelector('query')!.getAttribute('queryid')!;
    transport.receive(
      `<message xmlns="jabber:client" from="${ME}"><result xmlns="urn:xmpp:mam:2" queryid="${qid2}" id="A0"><forwarded xmlns="urn:xmpp:forward:0"><delay xmlns="urn:xmpp:delay" stamp="2024-05-01T09:00:00Z"/>${chat(`${BOB}/phone`, 'long ago', { id: 'his0' })}</forwarded></result></message>`,
    );
    answerIq(transport, iq2, '<fin xmlns="urn:xmpp:mam:2" complete="true"><set xmlns="http://jabber.org/protocol/rsm"><first>A0</first><last>A0</last></set></fin>');
    await older;
    expect(bob.messages.map((m) => m.body)).to.deep.equal(['long ago', 'my question', 'his answer', 'while you were away']);
    expect(bob.hasOlder).to.equal(false);
  });

  it('shows an archive page in time order when the archive order differs (a message archived when offline storage delivered it)', async () => {
    const { transport, service } = await setup();
    const bob = service.conversation(BOB);
    bob.open(3);
    const iq = await until(() => transport.sent.filter((s) => s.querySelector('query[xmlns="urn:xmpp:mam:2"]')).at(-1), 2000, 'the archive query');
    const qid = iq.querySelector('query')!.getAttribute('queryid')!;
    const result = (id: string, stamp: string, inner: string) =>
      `<message xmlns="jabber:client" from="${ME}"><result xmlns="urn:xmpp:mam:2" queryid="${qid}" id="${id}"><forwarded xmlns="urn:xmpp:forward:0"><delay xmlns="urn:xmpp:delay" stamp="${stamp}"/>${inner}</forwarded></result></message>`;
    transport.receive(result('B1', '2024-05-01T10:00:02Z', chat(`${ME}/old`, 'second', { to: BOB, id: 'm2' })));
    transport.receive(result('B2', '2024-05-01T10:00:03Z', chat(`${BOB}/phone`, 'third', { id: 'h3' })));
    transport.receive(result('B3', '2024-05-01T10:00:01Z', chat(`${BOB}/phone`, 'first', { id: 'h1' })));
    transport.receive(result('B4', '2024-05-01T10:00:03Z', chat(`${ME}/old`, 'fourth, same second', { to: BOB, id: 'm4' })));
    answerIq(transport, iq, '<fin xmlns="urn:xmpp:mam:2" complete="true"><set xmlns="http://jabber.org/protocol/rsm"><first>B1</first><last>B4</last></set></fin>');
    await until(() => !bob.loadingHistory, 2000, 'the page merged');
    expect(bob.messages.map((m) => m.body)).to.deep.equal(['first', 'second', 'third', 'fourth, same second']);
  });

  it('reports an error bounced for a message we sent, not for other ids', async () => {
    const { transport, service } = await setup();
    const bob = service.conversation(BOB);
    const errors: string[] = [];
    bob.on('error', (e) => errors.push(e.condition));
    const message = bob.send('anyone?');
    const bounce = (id: string) =>
      `<message xmlns="jabber:client" type="error" from="${BOB}" id="${id}"><error type="cancel"><service-unavailable xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></message>`;
    transport.receive(bounce('unknown'));
    transport.receive(bounce(message.id));
    expect(errors).to.deep.equal(['service-unavailable']);
  });

  it('survives malformed stanzas', async () => {
    const { transport, service } = await setup();
    transport.receive('<message xmlns="jabber:client" type="chat"><body>no from</body></message>');
    transport.receive(`<message xmlns="jabber:client" from="${ME}"><sent xmlns="urn:xmpp:carbons:2"/></message>`);
    transport.receive(`<message xmlns="jabber:client" from="${ME}"><received xmlns="urn:xmpp:carbons:2"><forwarded xmlns="urn:xmpp:forward:0"/></received></message>`);
    transport.receive(chat(`${BOB}/x`, '', { extra: '<received xmlns="urn:xmpp:receipts"/>' }));
    transport.receive('<presence xmlns="jabber:client"/>');
    expect(service.conversation(BOB).messages).to.deep.equal([]);
  });
});
