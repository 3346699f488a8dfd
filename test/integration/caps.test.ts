import { expect } from '@open-wc/testing';
import { FEATURES, capsVer } from '../../src/core/caps.js';
import { CAPS_NODE, CAPS_VER } from '../../src/core/caps-ver.js';
import type { Connection } from '../../src/core/connection.js';
import { registry } from '../../src/core/registry.js';
import '../../src/define.js';
import { befriend, register, session } from './accounts.js';
import { closeAfterTest, joined, peerInRoom, roomElement, uniqueRoom, until, xml } from '../harness.js';

/*
 * XEP-0115 entity capabilities: our presence (a guest's in a room, an account's to its
 * contacts) carries <c/> with the ver of our disco#info; a peer asks disco#info on
 * node#ver, as Gajim and Conversations do on a ver they have not seen, and checks the hash.
 */

const CAPS = 'http://jabber.org/protocol/caps';
const DISCO_INFO = 'http://jabber.org/protocol/disco#info';

/** Records the <c/> of every presence the peer receives, by sender. */
function capsSeen(connection: Connection): Map<string, Element> {
  const seen = new Map<string, Element>();
  connection.on('presence', (stanza) => {
    const c = Array.from(stanza.children).find((el) => el.localName === 'c' && el.namespaceURI === CAPS);
    if (c) seen.set(stanza.getAttribute('from') ?? '', c);
  });
  return seen;
}

/** XEP-0115 §6.2: disco#info to the entity on node#ver; its identities and features. */
async function askCaps(connection: Connection, to: string, node: string) {
  const answer = await connection.sendIq(xml('iq', { type: 'get', to }, xml('query', { xmlns: DISCO_INFO, node })));
  const query = answer.getElementsByTagName('query')[0];
  return {
    node: query?.getAttribute('node'),
    identities: Array.from(answer.getElementsByTagName('identity'), (i) => ({
      category: i.getAttribute('category') ?? '',
      type: i.getAttribute('type') ?? '',
      name: i.getAttribute('name') ?? '',
    })),
    features: Array.from(answer.getElementsByTagName('feature'), (f) => f.getAttribute('var') ?? ''),
  };
}

afterEach(() => {
  registry.only()?.logout();
});

describe('entity capabilities (XEP-0115, real server)', () => {
  it("a guest's room presence carries caps; a peer's disco#info on node#ver through the room gets our features, hashing to the ver", async () => {
    const roomJid = await uniqueRoom('caps');
    const ann = await peerInRoom(roomJid, 'ann');
    const seen = capsSeen(ann.connection);
    const el = await roomElement('guest', roomJid, 'guest');
    await joined(el, 'guest');
    const c = await until(() => seen.get(`${roomJid}/guest`), 10000, "the guest's caps");
    expect(c.getAttribute('hash')).to.equal('sha-1');
    expect(c.getAttribute('node')).to.equal(CAPS_NODE);
    expect(c.getAttribute('ver')).to.equal(CAPS_VER);
    const node = `${CAPS_NODE}#${c.getAttribute('ver')}`;
    const info = await askCaps(ann.connection, `${roomJid}/guest`, node);
    expect(info.node).to.equal(node);
    expect(info.features.join(' ')).to.equal(FEATURES.join(' '));
    expect(await capsVer(info.identities, info.features)).to.equal(c.getAttribute('ver'));
  });

  it("an account's presence to its contacts carries caps; the contact's disco#info to the full JID on node#ver gets the same features", async () => {
    const [a, b] = await Promise.all([register('capsa'), register('capsb')]);
    await befriend(a, b);
    const bob = closeAfterTest(await session(b));
    const seen = capsSeen(bob);
    const alice = closeAfterTest(await session(a));
    const c = await until(() => seen.get(alice.jid), 10000, "alice's caps");
    expect(c.getAttribute('node')).to.equal(CAPS_NODE);
    const node = `${CAPS_NODE}#${c.getAttribute('ver')}`;
    const info = await askCaps(bob, alice.jid, node);
    expect(info.features.join(' ')).to.equal(FEATURES.join(' '));
    expect(info.identities.map((i) => `${i.category}/${i.type}`).join(' ')).to.equal('client/web');
    expect(await capsVer(info.identities, info.features)).to.equal(c.getAttribute('ver'));
  });
});
