import { expect } from '@open-wc/testing';
import { FakeTransport } from '../../test/fakes/fake-transport.js';
import { expectStanza } from '../../test/harness.js';
import { CAPS_NODE, CAPS_VER } from './caps-ver.js';
import { Connection } from './connection.js';
import { OwnPresence } from './presence.js';
import { childText, serialize } from './xml.js';

describe('OwnPresence (core)', () => {
  it('sends the seed example when set to dnd while online', async () => {
    const transport = new FakeTransport();
    const connection = new Connection(transport, { jid: 'alice@test' });
    const own = OwnPresence.for(connection);
    await connection.login('alice@test', 'pw');
    let changes = 0;
    own.on('change', () => (changes += 1));
    own.set('dnd', 'Do not disturb');
    expectStanza(
      transport.last('presence'),
      `<presence xmlns="jabber:client">
        <status>Do not disturb</status>
        <priority>0</priority>
        <show>dnd</show>
        <c xmlns="http://jabber.org/protocol/caps" hash="sha-1" node="${CAPS_NODE}" ver="${CAPS_VER}"/>
      </presence>`,
      ['id', 'xmlns'],
    );
    expect(changes).to.equal(1);
    own.set('dnd', 'Do not disturb');
    expect(changes).to.equal(1);
  });

  it('is one per connection and is sent again on every login', async () => {
    const transport = new FakeTransport();
    const connection = new Connection(transport, { jid: 'alice@test' });
    OwnPresence.for(connection).set('away', 'lunch');
    expect(transport.sent).to.have.length(0);
    expect(OwnPresence.for(connection)).to.equal(OwnPresence.for(connection));
    await connection.login('alice@test', 'pw');
    expect(childText(transport.last('presence'), 'show')).to.equal('away');
    connection.logout();
    transport.sent.length = 0;
    await connection.login('alice@test', 'pw');
    expect(childText(transport.last('presence'), 'show')).to.equal('away');
    expect(childText(transport.last('presence'), 'status')).to.equal('lunch');
  });

  it('sends plain available without a show, escapes status text, and clamps bad input', async () => {
    const transport = new FakeTransport();
    const connection = new Connection(transport, { jid: 'alice@test' });
    const own = OwnPresence.for(connection);
    await connection.login('alice@test', 'pw');
    own.set('bogus' as 'away', '<b>hi</b> & bye', 999);
    const xml = serialize(transport.last('presence')!);
    expect(xml).to.not.contain('<show>');
    expect(xml).to.contain('&lt;b&gt;hi&lt;/b&gt; &amp; bye');
    expect(own.priority).to.equal(127);
  });
});
