import { expect } from '@open-wc/testing';
import { FakeTransport } from '../../test/fakes/fake-transport.js';
import { FEATURES, IDENTITIES, capsVer } from './caps.js';
import { CAPS_NODE, CAPS_VER } from './caps-ver.js';
import { Connection } from './connection.js';

const CAPS = 'http://jabber.org/protocol/caps';

describe('entity capabilities (XEP-0115)', () => {
  it("computes XEP-0115 §5.2's worked example: Exodus 0.9.1", async () => {
    const ver = await capsVer(
      [{ category: 'client', type: 'pc', name: 'Exodus 0.9.1' }],
      [
        'http://jabber.org/protocol/disco#info',
        'http://jabber.org/protocol/disco#items',
        'http://jabber.org/protocol/muc',
        'http://jabber.org/protocol/caps',
      ],
    );
    expect(ver).to.equal('QgayPKawpkPSDYmwT/WM94uAlu0=');
  });

  it('sorts identities by category, type and lang (XEP-0115 §5.1 step 2)', async () => {
    const a = await capsVer([{ category: 'client', type: 'pc', lang: 'en', name: 'A' }, { category: 'client', type: 'pc', lang: 'el', name: 'B' }], ['x']);
    const b = await capsVer([{ category: 'client', type: 'pc', lang: 'el', name: 'B' }, { category: 'client', type: 'pc', lang: 'en', name: 'A' }], ['x']);
    expect(a).to.equal(b);
  });

  it('the ver every presence carries is the hash of the disco#info we answer', async () => {
    expect(await capsVer(IDENTITIES, FEATURES)).to.equal(CAPS_VER);
  });

  it('adds caps to every available presence, initial, directed and to a room, not to unavailable ones', async () => {
    const transport = new FakeTransport();
    const connection = new Connection(transport, { jid: 'me@test' });
    await connection.login('me@test', 'pw');
    connection.send(new DOMParser().parseFromString('<presence to="room@muc.test/me"/>', 'application/xml').documentElement);
    connection.send(new DOMParser().parseFromString('<presence to="room@muc.test/me" type="unavailable"/>', 'application/xml').documentElement);
    const presences = transport.sent.filter((s) => s.localName === 'presence');
    const caps = presences.map((p) => p.getElementsByTagName('c')[0]);
    expect(presences.length).to.equal(3);
    for (const c of caps.slice(0, 2)) {
      expect(c?.getAttribute('xmlns')).to.equal(CAPS);
      expect(c?.getAttribute('hash')).to.equal('sha-1');
      expect(c?.getAttribute('node')).to.equal(CAPS_NODE);
      expect(c?.getAttribute('ver')).to.equal(CAPS_VER);
    }
    expect(caps[2] === undefined).to.equal(true);
  });

  it('answers disco#info on no node and on node#ver with the same features; item-not-found on another node', async () => {
    const transport = new FakeTransport();
    const connection = new Connection(transport, { jid: 'me@test' });
    await connection.login('me@test', 'pw');
    const ask = async (id: string, node?: string) => {
      const before = transport.sent.length;
      transport.receive(
        `<iq xmlns="jabber:client" type="get" id="${id}" from="peer@test/x"><query xmlns="http://jabber.org/protocol/disco#info"${node ? ` node="${node}"` : ''}/></iq>`,
      );
      const reply = await new Promise<Element>((resolve) => {
        const check = () => {
          const found = transport.sent.slice(before).find((s) => s.getAttribute('id') === id);
          if (found) resolve(found);
          else setTimeout(check, 5);
        };
        check();
      });
      return reply;
    };
    const features = (iq: Element) => Array.from(iq.getElementsByTagName('feature'), (f) => f.getAttribute('var'));
    const plain = await ask('a');
    const byVer = await ask('b', `${CAPS_NODE}#${CAPS_VER}`);
    const other = await ask('c', `${CAPS_NODE}#other`);
    expect(plain.getAttribute('type')).to.equal('result');
    expect(plain.getAttribute('to')).to.equal('peer@test/x');
    expect(features(plain).join(' ')).to.equal(FEATURES.join(' '));
    expect(byVer.getAttribute('type')).to.equal('result');
    expect(byVer.querySelector('query')?.getAttribute('node')).to.equal(`${CAPS_NODE}#${CAPS_VER}`);
    expect(features(byVer).join(' ')).to.equal(FEATURES.join(' '));
    const identity = byVer.querySelector('identity');
    expect(`${identity?.getAttribute('category')}/${identity?.getAttribute('type')}`).to.equal('client/web');
    expect(other.getAttribute('type')).to.equal('error');
    expect(other.getElementsByTagName('item-not-found').length).to.equal(1);
  });
});
