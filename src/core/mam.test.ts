import { expect } from '@open-wc/testing';
import { FakeTransport } from '../../test/fakes/fake-transport.js';
import { Connection } from './connection.js';
import { parseArchived, queryArchive } from './mam.js';

function archived(queryId: string, from: string, id: string, stamp: string, message: string): string {
  return `<message xmlns="jabber:client" to="me@test/fake"${from ? ` from="${from}"` : ''}><result xmlns="urn:xmpp:mam:2" queryid="${queryId}" id="${id}"><forwarded xmlns="urn:xmpp:forward:0"><delay xmlns="urn:xmpp:delay" stamp="${stamp}"/>${message}</forwarded></result></message>`;
}

async function online() {
  const transport = new FakeTransport();
  const connection = new Connection(transport, { jid: 'me@test' });
  await connection.login('me@test', 'pw');
  return { transport, connection };
}

describe('queryArchive', () => {
  it('asks for the last page with a contact and collects the results of that query only', async () => {
    const { transport, connection } = await online();
    const page = queryArchive(connection, { with: 'bob@test', before: '', max: 2 });
    const iq = transport.last('iq')!;
    const query = iq.querySelector('query')!;
    expect(iq.getAttribute('type')).to.equal('set');
    expect(iq.getAttribute('to')).to.equal(null);
    expect(query.getAttribute('xmlns')).to.equal('urn:xmpp:mam:2');
    const fields = [...query.querySelectorAll('field')].map((f) => [f.getAttribute('var'), f.textContent]);
    expect(fields).to.deep.equal([
      ['FORM_TYPE', 'urn:xmpp:mam:2'],
      ['with', 'bob@test'],
    ]);
    expect(query.querySelector('set max')!.textContent).to.equal('2');
    expect(query.querySelector('set before')!.textContent).to.equal('');
    const qid = query.getAttribute('queryid')!;

    const body = (text: string, id: string) =>
      `<message xmlns="jabber:client" type="chat" from="bob@test/phone" to="me@test" id="${id}"><body>${text}</body></message>`;
    transport.receive(archived(qid, 'me@test', 'a1', '2024-01-02T03:04:05Z', body('one', 'm1')));
    transport.receive(archived('other-query', 'me@test', 'x1', '2024-01-02T03:04:06Z', body('not ours', 'm9')));
    transport.receive(archived(qid, 'mallory@evil', 'x2', '2024-01-02T03:04:06Z', body('spoofed', 'm8')));
    transport.receive(archived(qid, '', 'a2', '2024-01-02T03:04:07Z', body('two', 'm2')));
    transport.receive(
      `<iq xmlns="jabber:client" type="result" id="${iq.getAttribute('id')}"><fin xmlns="urn:xmpp:mam:2"><set xmlns="http://jabber.org/protocol/rsm"><first>a1</first><last>a2</last></set></fin></iq>`,
    );
    const result = await page;
    expect(result.messages.map((m) => m.id)).to.deep.equal(['a1', 'a2']);
    expect(result).to.include({ first: 'a1', last: 'a2', complete: false });
    const message = parseArchived(result.messages[0], { ownJid: 'me@test/fake' })!;
    expect(message).to.include({
      id: 'm1',
      body: 'one',
      stamp: '2024-01-02T03:04:05.000Z',
      stanzaId: 'a1',
      delayed: true,
      outgoing: false,
    });
  });

  it('queries a room archive, pages back with before, and takes results only from that room', async () => {
    const { transport, connection } = await online();
    const page = queryArchive(connection, { archive: 'lobby@muc.test', before: 'a1', max: 10 });
    const iq = transport.last('iq')!;
    expect(iq.getAttribute('to')).to.equal('lobby@muc.test');
    const query = iq.querySelector('query')!;
    expect(query.querySelector('set before')!.textContent).to.equal('a1');
    const qid = query.getAttribute('queryid')!;
    const gc = '<message xmlns="jabber:client" type="groupchat" from="lobby@muc.test/ann"><body>old</body></message>';
    transport.receive(archived(qid, 'lobby@muc.test', 'r0', '2024-01-01T00:00:00Z', gc));
    transport.receive(archived(qid, 'me@test', 'r-own', '2024-01-01T00:00:00Z', gc));
    transport.receive(archived(qid, 'lobby@muc.test/ann', 'r-occ', '2024-01-01T00:00:00Z', gc));
    transport.receive(
      `<iq xmlns="jabber:client" type="result" from="lobby@muc.test" id="${iq.getAttribute('id')}"><fin xmlns="urn:xmpp:mam:2" complete="true"><set xmlns="http://jabber.org/protocol/rsm"><first>r0</first><last>r0</last></set></fin></iq>`,
    );
    const result = await page;
    expect(result.messages.map((m) => m.id)).to.deep.equal(['r0']);
    expect(result.complete).to.equal(true);
    expect(parseArchived(result.messages[0], { ownJid: 'me@test/fake', ownNick: 'me' })).to.include({
      nick: 'ann',
      id: 'r0',
      stanzaId: 'r0',
    });
  });

  it('rejects with the stanza error when the archive refuses', async () => {
    const { transport, connection } = await online();
    const page = queryArchive(connection, { max: 5 });
    const iq = transport.last('iq')!;
    transport.receive(
      `<iq xmlns="jabber:client" type="error" id="${iq.getAttribute('id')}"><error type="cancel"><feature-not-implemented xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></iq>`,
    );
    const error = await page.catch((e: unknown) => e);
    expect((error as { error: { condition: string } }).error.condition).to.equal('feature-not-implemented');
  });
});
