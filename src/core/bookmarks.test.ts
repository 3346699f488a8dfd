import { expect } from '@open-wc/testing';
import { FakeTransport } from '../../test/fakes/fake-transport.js';
import { Bookmarks } from './bookmarks.js';
import { Connection } from './connection.js';
import { XmppError } from './errors.js';

const NODE = 'urn:xmpp:bookmarks:1';
const PUBSUB = 'http://jabber.org/protocol/pubsub';
const EVENT = 'http://jabber.org/protocol/pubsub#event';

async function until(predicate: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !predicate(); i++) await new Promise((r) => setTimeout(r, 0));
}

const fetchOf = (t: FakeTransport) => t.sent.find((s) => s.getElementsByTagName('items').length > 0);

/** Online as me@test; the bookmarks fetch answered with these items (XEP-0402 §5.1, example 6). */
async function online(items = '') {
  const transport = new FakeTransport();
  const connection = new Connection(transport, { jid: 'me@test' });
  const list = Bookmarks.for(connection);
  await connection.login('me@test', 'pw');
  const get = fetchOf(transport);
  transport.receive(
    `<iq xmlns="jabber:client" type="result" id="${get?.getAttribute('id')}"><pubsub xmlns="${PUBSUB}"><items node="${NODE}">${items}</items></pubsub></iq>`,
  );
  await Promise.resolve();
  return { transport, connection, list };
}

const PLAY = `<item id="theplay@conference.shakespeare.lit"><conference xmlns="${NODE}" name="The Play's the Thing" autojoin="true"><nick>JC</nick></conference></item>`;
const ORCHARD = `<item id="orchard@conference.shakespeare.lit"><conference xmlns="${NODE}" name="The Orchard" autojoin="1"><nick>JC</nick><password>r0m30</password><extensions><state xmlns="http://myclient.example/bookmark/state" minimized="true"/></extensions></conference></item>`;

/** A PEP notification as the account's server sends it (§5.2 example 9, §5.4 example 13). */
const event = (inner: string, from = 'me@test') =>
  `<message xmlns="jabber:client" from="${from}" to="me@test/fake" type="headline" id="n1"><event xmlns="${EVENT}">${inner}</event></message>`;

describe('Bookmarks (XEP-0402)', () => {
  it('keeps a push that comes before the answer to its fetch, and applies it over that answer', async () => {
    const transport = new FakeTransport();
    const connection = new Connection(transport, { jid: 'me@test' });
    const list = Bookmarks.for(connection);
    await connection.login('me@test', 'pw');
    const get = fetchOf(transport);
    // Another session bookmarked the play; its push overtakes the answer, which does not have it yet.
    transport.receive(event(`<items node="${NODE}">${PLAY}</items>`));
    expect(list.loaded).to.equal(false);
    transport.receive(
      `<iq xmlns="jabber:client" type="result" id="${get?.getAttribute('id')}"><pubsub xmlns="${PUBSUB}"><items node="${NODE}">${ORCHARD}</items></pubsub></iq>`,
    );
    await until(() => list.loaded);
    expect(list.bookmarks.map((b) => b.jid)).to.deep.equal(['orchard@conference.shakespeare.lit', 'theplay@conference.shakespeare.lit']);
  });

  it('fetches the node at login (§5.1) and reads each conference', async () => {
    const transport = new FakeTransport();
    const connection = new Connection(transport, { jid: 'me@test' });
    const list = Bookmarks.for(connection);
    await connection.login('me@test', 'pw');
    const get = fetchOf(transport);
    expect(get?.getAttribute('type')).to.equal('get');
    expect(get?.getAttribute('to')).to.equal(null);
    expect(get?.getElementsByTagName('items')[0]?.getAttribute('node')).to.equal(NODE);
    expect(list.loaded).to.equal(false);
    transport.receive(
      `<iq xmlns="jabber:client" type="result" id="${get?.getAttribute('id')}"><pubsub xmlns="${PUBSUB}"><items node="${NODE}">${PLAY}${ORCHARD}<item id="not a jid"><conference xmlns="${NODE}"/></item><item id="x@y"><other xmlns="urn:example"/></item></items></pubsub></iq>`,
    );
    await Promise.resolve();
    expect(list.loaded).to.equal(true);
    expect(list.logins).to.equal(1);
    expect(list.bookmarks.map((b) => b.jid)).to.deep.equal(['orchard@conference.shakespeare.lit', 'theplay@conference.shakespeare.lit']);
    const play = list.get('ThePlay@conference.shakespeare.lit');
    expect(play?.name).to.equal("The Play's the Thing");
    expect(play?.autojoin).to.equal(true);
    expect(play?.nick).to.equal('JC');
    expect(play?.password).to.equal(undefined);
    expect(list.get('orchard@conference.shakespeare.lit')?.password).to.equal('r0m30');
    expect(list.get('orchard@conference.shakespeare.lit')?.autojoin).to.equal(true);
  });

  it('an absent node (item-not-found) is an empty list; a server without PEP leaves it unloaded', async () => {
    for (const [condition, loaded] of [['item-not-found', true], ['service-unavailable', false], ['feature-not-implemented', false]] as const) {
      const transport = new FakeTransport();
      const connection = new Connection(transport, { jid: 'me@test' });
      const list = Bookmarks.for(connection);
      await connection.login('me@test', 'pw');
      transport.receive(
        `<iq xmlns="jabber:client" type="error" id="${fetchOf(transport)?.getAttribute('id')}"><error type="cancel"><${condition} xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></iq>`,
      );
      await new Promise((r) => setTimeout(r, 0));
      expect(list.loaded, condition).to.equal(loaded);
      expect(list.bookmarks.length).to.equal(0);
    }
  });

  it("applies its own account's notifications: published, retracted, purged; ignores a stranger's", async () => {
    const { transport, list } = await online(PLAY);
    let changes = 0;
    list.on('change', () => changes++);
    transport.receive(event(`<items node="${NODE}">${ORCHARD}</items>`));
    expect(list.bookmarks.map((b) => b.name)).to.deep.equal(["The Orchard", "The Play's the Thing"]);
    transport.receive(event(`<items node="${NODE}"><retract id="theplay@conference.shakespeare.lit"/></items>`));
    expect(list.bookmarks.map((b) => b.jid)).to.deep.equal(['orchard@conference.shakespeare.lit']);
    // Someone else's PEP, another node of ours: not our bookmarks.
    transport.receive(event(`<items node="${NODE}"><retract id="orchard@conference.shakespeare.lit"/></items>`, 'mallory@evil.example'));
    transport.receive(event(`<items node="urn:xmpp:avatar:metadata"><retract id="orchard@conference.shakespeare.lit"/></items>`));
    expect(list.bookmarks.length).to.equal(1);
    expect(changes).to.equal(2);
    transport.receive(event(`<purge node="${NODE}"/>`));
    expect(list.bookmarks.length).to.equal(0);
  });

  it('set() publishes §5.3 example 8 with its publish-options, keeping the extensions another client put there', async () => {
    const { transport, list } = await online(ORCHARD);
    const done = list.set({ jid: 'orchard@conference.shakespeare.lit', name: 'Orchard', autojoin: false, nick: 'Romeo', password: 'r0m30' });
    const iq = transport.sent.at(-1)!;
    expect(iq.getAttribute('type')).to.equal('set');
    const publish = iq.getElementsByTagName('publish')[0];
    expect(publish?.getAttribute('node')).to.equal(NODE);
    const item = publish?.getElementsByTagName('item')[0];
    expect(item?.getAttribute('id')).to.equal('orchard@conference.shakespeare.lit');
    const conference = item?.firstElementChild;
    expect(conference?.getAttribute('xmlns')).to.equal(NODE);
    expect(conference?.getAttribute('name')).to.equal('Orchard');
    expect(conference?.getAttribute('autojoin')).to.equal('false');
    expect(conference?.getElementsByTagName('nick')[0]?.textContent).to.equal('Romeo');
    expect(conference?.getElementsByTagName('password')[0]?.textContent).to.equal('r0m30');
    expect(conference?.getElementsByTagName('state')[0]?.getAttribute('minimized')).to.equal('true');
    const fields: Record<string, string> = {};
    for (const f of Array.from(iq.getElementsByTagName('publish-options')[0]?.getElementsByTagName('field') ?? [])) {
      fields[f.getAttribute('var') ?? ''] = f.textContent;
    }
    expect(fields).to.deep.equal({
      FORM_TYPE: `${PUBSUB}#publish-options`,
      'pubsub#persist_items': 'true',
      'pubsub#max_items': 'max',
      'pubsub#send_last_published_item': 'never',
      'pubsub#access_model': 'whitelist',
    });
    expect(list.get('orchard@conference.shakespeare.lit')?.name).to.equal('The Orchard');
    transport.receive(`<iq xmlns="jabber:client" type="result" id="${iq.getAttribute('id')}"/>`);
    await done;
    expect(list.get('orchard@conference.shakespeare.lit')?.name).to.equal('Orchard');
  });

  it('where the server refuses publish-options but two (ejabberd 23.01), configures the node (making it if new), then publishes with those two', async () => {
    const { transport, list } = await online();
    const done = list.set({ jid: 'theplay@conference.shakespeare.lit', name: '', autojoin: true, nick: 'JC' });
    const next = async (after: Element) => {
      await until(() => transport.sent.at(-1) !== after);
      return transport.sent.at(-1)!;
    };
    const fields = (el: Element) => Array.from(el.getElementsByTagName('field'), (f) => `${f.getAttribute('var')}=${f.textContent}`);
    const first = transport.sent.at(-1)!;
    transport.receive(
      `<iq xmlns="jabber:client" type="error" id="${first.getAttribute('id')}"><error type="wait"><resource-constraint xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/><text xmlns="urn:ietf:params:xml:ns:xmpp-stanzas">Unknown field 'pubsub#max_items' of type 'http://jabber.org/protocol/pubsub#publish-options'</text></error></iq>`,
    );
    const config = [`FORM_TYPE=${PUBSUB}#node_config`, 'pubsub#persist_items=true', 'pubsub#max_items=max', 'pubsub#send_last_published_item=never', 'pubsub#access_model=whitelist'];
    // XEP-0060 §8.2.4 on the node; no node yet: §8.1.3 makes it with that configuration.
    const configure = await next(first);
    expect(configure.firstElementChild?.getAttribute('xmlns')).to.equal(`${PUBSUB}#owner`);
    expect(configure.getElementsByTagName('configure')[0]?.getAttribute('node')).to.equal(NODE);
    expect(fields(configure)).to.deep.equal(config);
    transport.receive(`<iq xmlns="jabber:client" type="error" id="${configure.getAttribute('id')}"><error type="cancel"><item-not-found xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></iq>`);
    const create = await next(configure);
    expect(create.getElementsByTagName('create')[0]?.getAttribute('node')).to.equal(NODE);
    expect(fields(create)).to.deep.equal(config);
    transport.receive(`<iq xmlns="jabber:client" type="result" id="${create.getAttribute('id')}"/>`);
    const again = await next(create);
    expect(fields(again)).to.deep.equal([`FORM_TYPE=${PUBSUB}#publish-options`, 'pubsub#persist_items=true', 'pubsub#access_model=whitelist']);
    expect(again.getElementsByTagName('conference')[0]?.getAttribute('name')).to.equal(null);
    transport.receive(`<iq xmlns="jabber:client" type="result" id="${again.getAttribute('id')}"/>`);
    await done;
    expect(list.get('theplay@conference.shakespeare.lit')?.autojoin).to.equal(true);
  });

  it('remove() retracts with notify (§5.4 example 12); a refusal keeps the bookmark and rejects', async () => {
    const { transport, list } = await online(PLAY);
    const refused = list.remove('theplay@conference.shakespeare.lit');
    let iq = transport.sent.at(-1)!;
    const retract = iq.getElementsByTagName('retract')[0];
    expect(retract?.getAttribute('node')).to.equal(NODE);
    expect(retract?.getAttribute('notify')).to.equal('true');
    expect(retract?.getElementsByTagName('item')[0]?.getAttribute('id')).to.equal('theplay@conference.shakespeare.lit');
    transport.receive(`<iq xmlns="jabber:client" type="error" id="${iq.getAttribute('id')}"><error type="auth"><forbidden xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></iq>`);
    const error = await refused.catch((e: unknown) => e);
    expect(error instanceof XmppError && error.error.condition).to.equal('forbidden');
    expect(list.bookmarks.length).to.equal(1);
    const done = list.remove('theplay@conference.shakespeare.lit');
    iq = transport.sent.at(-1)!;
    transport.receive(`<iq xmlns="jabber:client" type="result" id="${iq.getAttribute('id')}"/>`);
    await done;
    expect(list.bookmarks.length).to.equal(0);
  });

  it('a new login after logout fetches the list again and counts as a fresh login', async () => {
    const { transport, connection, list } = await online(PLAY);
    connection.logout();
    expect(list.loaded).to.equal(false);
    await connection.login('me@test', 'pw');
    const get = transport.sent.filter((s) => s.getElementsByTagName('items').length > 0).at(-1);
    transport.receive(`<iq xmlns="jabber:client" type="result" id="${get?.getAttribute('id')}"><pubsub xmlns="${PUBSUB}"><items node="${NODE}"/></pubsub></iq>`);
    await Promise.resolve();
    expect(list.logins).to.equal(2);
    expect(list.bookmarks.length).to.equal(0);
  });
});
