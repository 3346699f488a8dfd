import { expect } from '@open-wc/testing';
import { FakeTransport } from '../../test/fakes/fake-transport.js';
import { until } from '../../test/integration/server.js';
import { Connection } from './connection.js';
import { vcardName } from './vcard.js';

const vcardGets = (t: FakeTransport) => t.sent.filter((s) => s.localName === 'iq' && s.getElementsByTagName('vCard').length > 0);

describe('vCard names (XEP-0054)', () => {
  it('asks once, gives FN (else NICKNAME) and tells when it comes; nothing for an empty or failing vCard', async () => {
    const transport = new FakeTransport();
    const connection = new Connection(transport, { jid: 'me@test' });
    await connection.login('me@test', 'pw');
    let done = 0;
    const tell = () => (done += 1);
    expect(vcardName(connection, 'bob@test', tell)).to.equal(undefined);
    expect(vcardName(connection, 'bob@test', tell)).to.equal(undefined);
    expect(vcardName(connection, 'cat@test', tell)).to.equal(undefined);
    expect(vcardName(connection, 'dan@test', tell)).to.equal(undefined);
    const [bob, cat, dan] = vcardGets(transport);
    expect(vcardGets(transport).length).to.equal(3);
    expect(bob.getAttribute('to')).to.equal('bob@test');
    expect(bob.getAttribute('type')).to.equal('get');
    const reply = (iq: Element, inner: string, type = 'result') =>
      transport.receive(`<iq xmlns="jabber:client" type="${type}" id="${iq.getAttribute('id')}" from="${iq.getAttribute('to')}">${inner}</iq>`);
    // XEP-0054 §3.1's example, shortened.
    reply(bob, '<vCard xmlns="vcard-temp"><FN>Peter  Saint-Andre</FN><NICKNAME>stpeter</NICKNAME></vCard>');
    reply(cat, '<vCard xmlns="vcard-temp"><NICKNAME>cat</NICKNAME></vCard>');
    reply(dan, '<error type="cancel"><item-not-found xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error>', 'error');
    await until(() => done === 2, 2000, 'two names');
    expect(vcardName(connection, 'bob@test', tell)).to.equal('Peter Saint-Andre');
    expect(vcardName(connection, 'cat@test', tell)).to.equal('cat');
    expect(vcardName(connection, 'dan@test', tell)).to.equal(undefined);
    expect(vcardGets(transport).length).to.equal(3);
  });

  it('asks nothing while offline', () => {
    const transport = new FakeTransport();
    const connection = new Connection(transport, { jid: 'me@test' });
    expect(vcardName(connection, 'bob@test', () => undefined)).to.equal(undefined);
    expect(vcardGets(transport).length).to.equal(0);
  });
});
