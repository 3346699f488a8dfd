import { expect } from '@open-wc/testing';
import { FakeTransport } from '../../test/fakes/fake-transport.js';
import { Connection, type Status } from './connection.js';
import { XmppError } from './errors.js';
import { xml } from './xml.js';

function statuses(connection: Connection): Status[] {
  const seen: Status[] = [];
  connection.on('status', (s) => seen.push(s));
  return seen;
}

describe('Connection', () => {
  it('logs a guest in anonymously on start and sends initial presence', () => {
    const transport = new FakeTransport();
    const connection = new Connection(transport, { jid: 'guest.example.org' });
    const seen = statuses(connection);
    expect(connection.isAnonymous).to.equal(true);
    connection.start();
    expect(transport.connects).to.deep.equal([{ jid: 'guest.example.org', password: undefined }]);
    expect(seen).to.deep.equal(['connecting', 'online']);
    expect(transport.sent[0]?.localName).to.equal('presence');
    expect(transport.sent[0]?.getAttribute('type')).to.equal(null);
  });

  it('waits for login() for a user account', () => {
    const transport = new FakeTransport();
    const connection = new Connection(transport, { jid: 'alice@example.org' });
    connection.start();
    expect(transport.connects).to.have.length(0);
    expect(connection.needsCredentials).to.equal(true);
    expect(connection.status).to.equal('offline');
  });

  it('resolves login() once online', async () => {
    const transport = new FakeTransport();
    const connection = new Connection(transport, {});
    await connection.login('alice@example.org', 'secret');
    expect(connection.status).to.equal('online');
    expect(connection.jid).to.equal('alice@example.org/fake');
    expect(transport.connects[0]).to.deep.equal({ jid: 'alice@example.org', password: 'secret' });
  });

  it('goes auth-failed on a wrong password and reports the error', async () => {
    const transport = new FakeTransport();
    transport.onConnect = 'auth-failed';
    const connection = new Connection(transport, {});
    const errors: string[] = [];
    connection.on('error', (e) => errors.push(e.condition));
    const seen = statuses(connection);
    const error = await connection.login('alice@example.org', 'wrong').catch((e: unknown) => e);
    expect(error).to.be.instanceOf(XmppError);
    expect(seen).to.deep.equal(['connecting', 'auth-failed']);
    expect(errors).to.deep.equal(['not-authorized']);
    expect(connection.needsCredentials).to.equal(true);
  });

  it('goes failed when the server cannot be reached', () => {
    const transport = new FakeTransport();
    transport.onConnect = 'failed';
    const connection = new Connection(transport, { jid: 'guest.example.org' });
    const seen = statuses(connection);
    connection.start();
    expect(seen).to.deep.equal(['connecting', 'failed']);
    expect(connection.lastError?.condition).to.equal('remote-connection-failed');
  });

  it('rejects a malformed JID without touching the wire', async () => {
    const transport = new FakeTransport();
    const connection = new Connection(transport, {});
    const error = await connection.login('not a jid@@', 'x').catch((e: unknown) => e);
    expect((error as XmppError).error.condition).to.equal('jid-malformed');
    expect(transport.connects).to.have.length(0);
  });

  it('goes offline on logout', async () => {
    const transport = new FakeTransport();
    const connection = new Connection(transport, {});
    await connection.login('alice@example.org', 'secret');
    connection.logout();
    expect(connection.status).to.equal('offline');
    expect(transport.disconnects).to.equal(1);
  });

  describe('iq', () => {
    async function online() {
      const transport = new FakeTransport();
      const connection = new Connection(transport, { iqTimeout: 50 });
      await connection.login('alice@example.org', 'secret');
      return { transport, connection };
    }

    it('resolves with the result of the same id', async () => {
      const { transport, connection } = await online();
      const pending = connection.sendIq(xml('iq', { type: 'get', to: 'example.org' }, xml('query', { xmlns: 'urn:x' })));
      const id = transport.last('iq')!.getAttribute('id');
      transport.receive(`<iq xmlns="jabber:client" type="result" id="${id}" from="example.org"/>`);
      expect((await pending).getAttribute('type')).to.equal('result');
    });

    it('rejects with the parsed stanza error', async () => {
      const { transport, connection } = await online();
      const pending = connection.sendIq(xml('iq', { type: 'get', to: 'room@muc.example.org' }));
      const id = transport.last('iq')!.getAttribute('id');
      transport.receive(
        `<iq xmlns="jabber:client" type="error" id="${id}" from="room@muc.example.org"><error type="cancel"><item-not-found xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></iq>`,
      );
      const error = await pending.catch((e: unknown) => e);
      expect((error as XmppError).error.condition).to.equal('item-not-found');
    });

    it('ignores a result with the right id from the wrong sender', async () => {
      const { transport, connection } = await online();
      const pending = connection.sendIq(xml('iq', { type: 'get', to: 'room@muc.example.org' }));
      const id = transport.last('iq')!.getAttribute('id');
      transport.receive(`<iq xmlns="jabber:client" type="result" id="${id}" from="mallory@evil.example"/>`);
      const error = await pending.catch((e: unknown) => e);
      expect((error as XmppError).error.condition).to.equal('remote-server-timeout');
    });

    it('times out', async () => {
      const { connection } = await online();
      const error = await connection.sendIq(xml('iq', { type: 'get', to: 'x.example' })).catch((e: unknown) => e);
      expect((error as XmppError).error.condition).to.equal('remote-server-timeout');
    });

    it('answers pings and refuses unknown requests with service-unavailable', async () => {
      const { transport } = await online();
      transport.receive(`<iq xmlns="jabber:client" type="get" id="p1" from="example.org"><ping xmlns="urn:xmpp:ping"/></iq>`);
      transport.receive(`<iq xmlns="jabber:client" type="set" id="u1" from="example.org"><foo xmlns="urn:unknown"/></iq>`);
      await new Promise((r) => setTimeout(r, 0));
      const replies = transport.sent.filter((el) => el.localName === 'iq');
      const byId = new Map(replies.map((el) => [el.getAttribute('id'), el]));
      expect(byId.get('p1')?.getAttribute('type')).to.equal('result');
      expect(byId.get('u1')?.getAttribute('type')).to.equal('error');
      expect(byId.get('u1')?.querySelector('service-unavailable')).to.not.equal(null);
    });
  });
});
