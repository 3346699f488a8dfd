import { expect } from '@open-wc/testing';
import { FakeTransport } from '../../test/fakes/fake-transport.js';
import { until } from '../../test/harness.js';
import { ChatService } from './chat.js';
import { Connection } from './connection.js';
import { Disco } from './disco.js';

/*
 * Read markers (XEP-0333) for messages that were not live: delivered from offline storage, or
 * shown from the archive first and delivered from offline storage after (its copy asks to be marked).
 */
const ME = 'me@test';
const BOB = 'bob@test';
const MARKERS = 'urn:xmpp:chat-markers:0';

const answerIq = (t: FakeTransport, iq: Element, payload = '') =>
  t.receive(`<iq xmlns="jabber:client" type="result" id="${iq.getAttribute('id')}" from="${iq.getAttribute('to') ?? ''}">${payload}</iq>`);

async function setup() {
  const transport = new FakeTransport();
  const connection = new Connection(transport, { jid: ME });
  const service = ChatService.for(connection);
  await connection.login(ME, 'pw');
  for (const iq of transport.sent.filter((s) => s.querySelector('query[xmlns="http://jabber.org/protocol/disco#info"]'))) {
    answerIq(transport, iq, '<query xmlns="http://jabber.org/protocol/disco#info"><feature var="urn:xmpp:mam:2"/></query>');
  }
  await Disco.for(connection).ready();
  await Promise.resolve();
  return { transport, service };
}

/** Bob's message as offline storage delivers it: with its time and the server's delay. */
const offline = (id: string, body: string) =>
  `<message xmlns="jabber:client" type="chat" from="${BOB}/phone" to="${ME}/fake" id="${id}"><body>${body}</body><markable xmlns="${MARKERS}"/><origin-id xmlns="urn:xmpp:sid:0" id="${id}"/><delay xmlns="urn:xmpp:delay" from="test" stamp="2024-05-01T10:00:03Z"/></message>`;

const displayed = (t: FakeTransport) =>
  t.sent.flatMap((s) => [...s.querySelectorAll('displayed')].map((d) => d.getAttribute('id')));

describe('read markers for messages that were not live', () => {
  it('marks a message delivered from offline storage', async () => {
    const { transport, service } = await setup();
    transport.receive(offline('off1', 'while you were away'));
    service.conversation(BOB).markSeen();
    expect(displayed(transport)).to.deep.equal(['off1']);
  });

  it('marks a message shown from the archive once its offline copy asks for it, by its id', async () => {
    const { transport, service } = await setup();
    const bob = service.conversation(BOB);
    bob.open(5);
    const iq = await until(() => transport.sent.find((s) => s.querySelector('query[xmlns="urn:xmpp:mam:2"]')), 2000, 'the archive query');
    const qid = iq.querySelector('query')!.getAttribute('queryid')!;
    // Archived without an origin-id in the copy the archive gives: known by its stanza-id.
    transport.receive(
      `<message xmlns="jabber:client" from="${ME}"><result xmlns="urn:xmpp:mam:2" queryid="${qid}" id="A1"><forwarded xmlns="urn:xmpp:forward:0"><delay xmlns="urn:xmpp:delay" stamp="2024-05-01T10:00:03Z"/><message xmlns="jabber:client" type="chat" from="${BOB}/phone" to="${ME}" id="off2"><body>from the archive</body></message></forwarded></result></message>`,
    );
    answerIq(transport, iq, '<fin xmlns="urn:xmpp:mam:2" complete="true"><set xmlns="http://jabber.org/protocol/rsm"><first>A1</first><last>A1</last></set></fin>');
    await until(() => !bob.loadingHistory, 2000, 'the page merged');
    bob.markSeen();
    expect(displayed(transport), 'nothing asked yet').to.deep.equal([]);

    transport.receive(offline('off2', 'from the archive').replace('<delay', '<stanza-id xmlns="urn:xmpp:sid:0" by="me@test" id="A1"/><delay'));
    expect(bob.messages).to.have.length(1);
    bob.markSeen();
    expect(displayed(transport)).to.deep.equal(['off2']);
  });
});
