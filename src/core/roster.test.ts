import { expect } from '@open-wc/testing';
import { FakeTransport } from '../../test/fakes/fake-transport.js';
import { Connection } from './connection.js';
import { Roster } from './roster.js';
import { serialize } from './xml.js';

const ROSTER_RESULT = (id: string) =>
  `<iq xmlns="jabber:client" type="result" id="${id}"><query xmlns="jabber:iq:roster">
    <item jid="bob@test" name="Bob" subscription="both"><group>Friends</group></item>
    <item jid="carol@test" subscription="to" ask="subscribe"/>
    <item jid="not a jid" subscription="both"/>
    <item subscription="both"/>
  </query></iq>`;

async function online() {
  const transport = new FakeTransport();
  const connection = new Connection(transport, { jid: 'alice@test' });
  const roster = Roster.for(connection);
  await connection.login('alice@test', 'pw');
  const get = transport.last('iq')!;
  transport.receive(ROSTER_RESULT(get.getAttribute('id')!));
  await new Promise((r) => setTimeout(r, 0));
  return { transport, connection, roster };
}

/** Answers the last iq set with an empty result. */
async function answerLast(transport: FakeTransport): Promise<Element> {
  const iq = transport.last('iq')!;
  transport.receive(`<iq xmlns="jabber:client" type="result" id="${iq.getAttribute('id')}"/>`);
  return iq;
}

describe('Roster (core)', () => {
  it('fetches the roster on login and parses items, skipping invalid ones', async () => {
    const { transport, roster } = await online();
    const get = transport.sent.find((s) => s.localName === 'iq')!;
    expect(serialize(get)).to.contain('type="get"').and.contain('jabber:iq:roster');
    expect(roster.loaded).to.equal(true);
    expect(roster.items).to.deep.equal([
      { jid: 'bob@test', name: 'Bob', groups: ['Friends'], subscription: 'both', ask: false },
      { jid: 'carol@test', name: '', groups: [], subscription: 'to', ask: true },
    ]);
  });

  it('fetches again after every new login', async () => {
    const { transport, connection } = await online();
    const before = transport.sent.filter((s) => s.localName === 'iq').length;
    connection.logout();
    await connection.login('alice@test', 'pw');
    expect(transport.sent.filter((s) => s.localName === 'iq').length).to.equal(before + 1);
  });

  it('applies roster pushes from our own account and answers them; ignores pushes from others', async () => {
    const { transport, roster } = await online();
    transport.receive(`<iq xmlns="jabber:client" type="set" id="p1" from="mallory@test"><query xmlns="jabber:iq:roster">
      <item jid="evil@test" subscription="both"/></query></iq>`);
    await new Promise((r) => setTimeout(r, 0));
    expect(roster.item('evil@test')).to.equal(undefined);
    expect(transport.sentXml.some((x) => x.includes('id="p1"') && x.includes('type="result"'))).to.equal(false);

    transport.receive(`<iq xmlns="jabber:client" type="set" id="p2"><query xmlns="jabber:iq:roster">
      <item jid="dave@test" name="Dave" subscription="none"/></query></iq>`);
    transport.receive(`<iq xmlns="jabber:client" type="set" id="p3" from="alice@test"><query xmlns="jabber:iq:roster">
      <item jid="bob@test" subscription="remove"/></query></iq>`);
    await new Promise((r) => setTimeout(r, 0));
    expect(roster.item('dave@test')?.name).to.equal('Dave');
    expect(roster.item('bob@test')).to.equal(undefined);
    expect(transport.sentXml.filter((x) => /id="p[23]"/.test(x) && x.includes('type="result"')).length).to.equal(2);
  });

  it('tracks presence per resource: best by priority, then by show; offline when all leave', async () => {
    const { transport, roster } = await online();
    const events: string[] = [];
    roster.on('presence', ({ contact }) => events.push(contact.show));
    transport.receive(`<presence xmlns="jabber:client" from="bob@test/phone"><show>away</show><priority>5</priority><status>on the bus</status></presence>`);
    transport.receive(`<presence xmlns="jabber:client" from="bob@test/desk"><show>dnd</show><priority>1</priority></presence>`);
    expect(roster.presence('bob@test')).to.deep.equal({ show: 'away', status: 'on the bus', resource: 'phone' });
    transport.receive(`<presence xmlns="jabber:client" from="bob@test/laptop"><show>chat</show><priority>5</priority></presence>`);
    expect(roster.presence('bob@test').show).to.equal('chat');
    transport.receive(`<presence xmlns="jabber:client" type="unavailable" from="bob@test/laptop"/>`);
    transport.receive(`<presence xmlns="jabber:client" type="unavailable" from="bob@test/phone"/>`);
    expect(roster.presence('bob@test').show).to.equal('dnd');
    transport.receive(`<presence xmlns="jabber:client" type="unavailable" from="bob@test/desk"/>`);
    expect(roster.presence('bob@test')).to.deep.equal({ show: 'offline', status: '', resource: '' });
    expect(events).to.deep.equal(['away', 'away', 'chat', 'away', 'dnd', 'offline']);
  });

  it('ignores room occupant presence and malformed presence without throwing', async () => {
    const { transport, roster } = await online();
    transport.receive(`<presence xmlns="jabber:client" from="bob@test/x"><x xmlns="http://jabber.org/protocol/muc#user"/></presence>`);
    transport.receive(`<presence xmlns="jabber:client"/>`);
    transport.receive(`<presence xmlns="jabber:client" from="bob@test/y"><priority>lots</priority><show>&lt;b&gt;</show></presence>`);
    expect(roster.presence('bob@test').show).to.equal('available');
  });

  it('everyone is offline after logout', async () => {
    const { transport, connection, roster } = await online();
    transport.receive(`<presence xmlns="jabber:client" from="bob@test/phone"/>`);
    connection.logout();
    expect(roster.presence('bob@test').show).to.equal('offline');
  });

  it('lists subscription requests; accept sends subscribed and subscribe back; deny sends unsubscribed', async () => {
    const { transport, roster } = await online();
    transport.receive(`<presence xmlns="jabber:client" type="subscribe" from="eve@test"/>`);
    transport.receive(`<presence xmlns="jabber:client" type="subscribe" from="eve@test"/>`);
    transport.receive(`<presence xmlns="jabber:client" type="subscribe" from="frank@test/res"/>`);
    expect(roster.requests).to.deep.equal(['eve@test', 'frank@test']);
    roster.accept('eve@test');
    const sent = transport.sentXml.slice(-2);
    expect(sent[0]).to.match(/to="eve@test"/).and.match(/type="subscribed"/);
    expect(sent[1]).to.match(/to="eve@test"/).and.match(/type="subscribe"/);
    roster.deny('frank@test');
    expect(transport.sentXml.at(-1)).to.match(/to="frank@test"/).and.match(/type="unsubscribed"/);
    expect(roster.requests).to.deep.equal([]);
  });

  it('does not subscribe back to a contact whose presence we already see', async () => {
    const { transport, roster } = await online();
    transport.receive(`<presence xmlns="jabber:client" type="subscribe" from="bob@test"/>`);
    const before = transport.sent.length;
    roster.accept('bob@test');
    expect(transport.sentXml.slice(before)).to.have.length(1);
  });

  it('adds (roster set, then subscribe), renames keeping groups, and removes', async () => {
    const { transport, roster } = await online();
    const adding = roster.add(' eve@test ', 'Eve');
    const addIq = await answerLast(transport);
    await adding;
    expect(serialize(addIq)).to.contain('type="set"').and.contain('<item jid="eve@test" name="Eve"');
    expect(transport.sentXml.at(-1)).to.match(/type="subscribe"/).and.match(/to="eve@test"/);

    const renaming = roster.rename('bob@test', 'Bobby');
    const renameIq = await answerLast(transport);
    await renaming;
    expect(serialize(renameIq)).to.contain('name="Bobby"').and.contain('<group>Friends</group>');

    const removing = roster.remove('bob@test');
    const removeIq = await answerLast(transport);
    await removing;
    expect(serialize(removeIq)).to.contain('subscription="remove"');
  });

  it('rejects an invalid JID without sending anything, and reports server errors', async () => {
    const { transport, roster } = await online();
    const before = transport.sent.length;
    let error: unknown;
    await roster.add('not a jid').catch((e: unknown) => (error = e));
    expect((error as { error: { condition: string } }).error.condition).to.equal('jid-malformed');
    expect(transport.sent.length).to.equal(before);
    const removing = roster.remove('bob@test');
    const iq = transport.last('iq')!;
    transport.receive(`<iq xmlns="jabber:client" type="error" id="${iq.getAttribute('id')}"><error type="cancel"><not-allowed xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></iq>`);
    let removeError: unknown;
    await removing.catch((e: unknown) => (removeError = e));
    expect((removeError as { error: { condition: string } }).error.condition).to.equal('not-allowed');
  });

  it('counts unread chat messages with a body per contact, and clears them', async () => {
    const { transport, roster } = await online();
    transport.receive(`<message xmlns="jabber:client" type="chat" from="bob@test/phone"><body>one</body></message>`);
    transport.receive(`<message xmlns="jabber:client" type="chat" from="bob@test/desk"><body>two</body></message>`);
    transport.receive(`<message xmlns="jabber:client" type="chat" from="bob@test/desk"><composing xmlns="http://jabber.org/protocol/chatstates"/></message>`);
    transport.receive(`<message xmlns="jabber:client" type="groupchat" from="room@muc.test/bob"><body>room</body></message>`);
    transport.receive(`<message xmlns="jabber:client" type="chat" from="alice@test/other"><body>mine</body></message>`);
    expect(roster.unread('bob@test')).to.equal(2);
    expect(roster.unread('alice@test')).to.equal(0);
    roster.markRead('bob@test/any');
    expect(roster.unread('bob@test')).to.equal(0);
  });
});
