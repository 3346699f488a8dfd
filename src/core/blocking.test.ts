import { expect } from '@open-wc/testing';
import { FakeTransport } from '../../test/fakes/fake-transport.js';
import { Blocklist } from './blocking.js';
import { Connection } from './connection.js';

const NS = 'urn:xmpp:blocking';

async function online() {
  const transport = new FakeTransport();
  const connection = new Connection(transport, { jid: 'me@test' });
  const list = Blocklist.for(connection);
  await connection.login('me@test', 'pw');
  const get = transport.sent.find((s) => s.getElementsByTagName('blocklist').length > 0);
  // XEP-0191 §3.2, example 2.
  transport.receive(
    `<iq xmlns="jabber:client" type="result" id="${get?.getAttribute('id')}"><blocklist xmlns="${NS}"><item jid="romeo@montague.net"/><item jid="spam.example"/></blocklist></iq>`,
  );
  return { transport, connection, list };
}

const replyTo = (t: FakeTransport, id: string) => t.sent.find((s) => s.localName === 'iq' && s.getAttribute('id') === id);

describe('Blocklist (XEP-0191)', () => {
  it('fetches the list at login; a blocked domain blocks its JIDs', async () => {
    const { list } = await online();
    expect(list.loaded).to.equal(true);
    expect(list.has('romeo@montague.net/orchard')).to.equal(true);
    expect(list.has('bot@spam.example')).to.equal(true);
    expect(list.has('juliet@capulet.com')).to.equal(false);
  });

  it("follows its own server's pushes (§3.3, §3.4: an empty unblock unblocks all) and answers them; ignores a stranger's", async () => {
    const { transport, list } = await online();
    transport.receive(`<iq xmlns="jabber:client" type="set" id="p1" from="mallory@evil.example/x"><unblock xmlns="${NS}"/></iq>`);
    await new Promise((r) => setTimeout(r, 10));
    expect(list.has('romeo@montague.net')).to.equal(true);
    expect(replyTo(transport, 'p1') === undefined).to.equal(true);
    transport.receive(`<iq xmlns="jabber:client" type="set" id="p2" to="me@test/r"><block xmlns="${NS}"><item jid="iago@shakespeare.lit"/></block></iq>`);
    await new Promise((r) => setTimeout(r, 10));
    expect(list.has('iago@shakespeare.lit')).to.equal(true);
    expect(replyTo(transport, 'p2')?.getAttribute('type')).to.equal('result');
    transport.receive(`<iq xmlns="jabber:client" type="set" id="p3" from="me@test"><unblock xmlns="${NS}"/></iq>`);
    await new Promise((r) => setTimeout(r, 10));
    expect(list.blocked.length).to.equal(0);
  });

  it('block() sends §3.4 example 5 and adds the JID once the server agrees', async () => {
    const { transport, list } = await online();
    const done = list.block('iago@shakespeare.lit/pda');
    const set = transport.sent.at(-1);
    expect(set?.getAttribute('type')).to.equal('set');
    expect(set?.firstElementChild?.localName).to.equal('block');
    expect(set?.getElementsByTagName('item')[0]?.getAttribute('jid')).to.equal('iago@shakespeare.lit');
    expect(list.has('iago@shakespeare.lit')).to.equal(false);
    transport.receive(`<iq xmlns="jabber:client" type="result" id="${set?.getAttribute('id')}"/>`);
    await done;
    expect(list.has('iago@shakespeare.lit')).to.equal(true);
  });
});
