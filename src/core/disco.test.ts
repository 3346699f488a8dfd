import { expect } from '@open-wc/testing';
import { FakeTransport } from '../../test/fakes/fake-transport.js';
import { Connection } from './connection.js';
import { Disco, discoInfo, discoItems } from './disco.js';
import { serialize } from './xml.js';

const infoQueries = (t: FakeTransport) =>
  t.sent.filter((s) => s.localName === 'iq' && s.querySelector('query')?.getAttribute('xmlns') === 'http://jabber.org/protocol/disco#info');

function answer(t: FakeTransport, iq: Element, payload: string, type = 'result') {
  t.receive(
    `<iq xmlns="jabber:client" type="${type}" id="${iq.getAttribute('id')}" from="${iq.getAttribute('to')}">${payload}</iq>`,
  );
}

describe('disco', () => {
  it('asks the server and the own account at login and caches their features', async () => {
    const transport = new FakeTransport();
    const connection = new Connection(transport, { jid: 'me@test' });
    const info = Disco.for(connection);
    expect(Disco.for(connection)).to.equal(info);
    await connection.login('me@test', 'pw');
    const [server, account] = infoQueries(transport);
    expect(server.getAttribute('to')).to.equal('test');
    expect(account.getAttribute('to')).to.equal('me@test');
    answer(transport, server, '<query xmlns="http://jabber.org/protocol/disco#info"><identity category="server" type="im"/><feature var="urn:xmpp:carbons:2"/></query>');
    answer(transport, account, '<query xmlns="http://jabber.org/protocol/disco#info"><feature var="urn:xmpp:mam:2"/></query>');
    await info.ready();
    expect(info.supports('urn:xmpp:carbons:2')).to.equal(true);
    expect(info.supports('urn:xmpp:mam:2')).to.equal(true);
    expect(info.supports('urn:xmpp:ping')).to.equal(false);
  });

  it('treats a server that refuses disco as supporting nothing, without an error for the user', async () => {
    const transport = new FakeTransport();
    const connection = new Connection(transport, { jid: 'me@test' });
    const errors: unknown[] = [];
    connection.on('error', (e) => errors.push(e));
    const info = Disco.for(connection);
    await connection.login('me@test', 'pw');
    for (const iq of infoQueries(transport)) {
      answer(transport, iq, '<error type="cancel"><service-unavailable xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error>', 'error');
    }
    await info.ready();
    expect(info.supports('urn:xmpp:mam:2')).to.equal(false);
    expect(errors).to.deep.equal([]);
  });

  it('discoInfo and discoItems return plain objects', async () => {
    const transport = new FakeTransport();
    const connection = new Connection(transport, { jid: 'me@test' });
    await connection.login('me@test', 'pw');
    const items = discoItems(connection, 'conference.test');
    const iq = transport.last('iq')!;
    expect(serialize(iq)).to.contain('http://jabber.org/protocol/disco#items');
    answer(
      transport,
      iq,
      '<query xmlns="http://jabber.org/protocol/disco#items"><item jid="a@conference.test" name="Room &lt;A&gt;"/><item name="no jid"/><item jid="b@conference.test"/></query>',
    );
    expect(await items).to.deep.equal([{ jid: 'a@conference.test', name: 'Room <A>' }, { jid: 'b@conference.test' }]);

    const info = discoInfo(connection, 'a@conference.test');
    answer(
      transport,
      transport.last('iq')!,
      '<query xmlns="http://jabber.org/protocol/disco#info"><identity category="conference" type="text" name="A"/><feature var="muc_public"/><feature/></query>',
    );
    expect(await info).to.deep.equal({
      identities: [{ category: 'conference', type: 'text', name: 'A' }],
      features: ['muc_public'],
    });
  });
});
