import { expect } from '@open-wc/testing';
import { MucRoom } from '../../src/core/muc/index.js';
import { peer, serverConfig, uniqueRoom, until } from './server.js';

/**
 * The one-file bundle: a page with one classic <script src="dist/xmpp-elements.bundle.js"> and an
 * <xmpp-room>. `npm test` builds the bundle first (pretest). (The loader, dist/xmpp-elements.js,
 * is loader.test.ts.)
 */
describe('dist/xmpp-elements.bundle.js on a page of its own', () => {
  it('defines the elements, joins as a guest and chats, fetching no other file and without touching window.Strophe', async () => {
    const { boshUrl, guestDomain } = await serverConfig();
    const roomJid = await uniqueRoom('bundle');
    const frame = document.createElement('iframe');
    frame.src = '/test/bundle/bundle.html';
    const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    document.body.append(frame);
    await loaded;
    const win = frame.contentWindow as Window & typeof globalThis & { Strophe?: unknown };
    expect(['xmpp-room', 'xmpp-chat', 'xmpp-roster', 'xmpp-presence'].map((t) => !!win.customElements.get(t))).to.deep.equal(
      [true, true, true, true],
    );
    expect(win.Strophe).to.equal(undefined);

    const ann = await peer();
    const room = new MucRoom(ann, roomJid, { nick: 'ann', history: 0 });
    room.join();
    await until(() => room.state === 'joined', 10000, 'ann joined');

    const el = win.document.createElement('xmpp-room');
    el.setAttribute('bosh-url', boshUrl);
    el.setAttribute('jid', guestDomain);
    el.setAttribute('room-jid', roomJid);
    el.setAttribute('nick', 'bundled');
    win.document.body.append(el);
    await until(() => room.occupants.some((o) => o.nick === 'bundled'), 10000, 'the bundled element to join');

    room.send('hello from ann');
    const bodies = () => [...el.shadowRoot!.querySelectorAll('[part~="message-body"]')].map((b) => b.textContent);
    await until(() => bodies().includes('hello from ann'), 10000, 'the message on screen');
    // Everything is inside: no module, chunk or language table was fetched.
    const scripts = win.performance
      .getEntriesByType('resource')
      .map((entry) => new URL(entry.name).pathname)
      // (the test server's own /__web-dev-server__ script aside)
      .filter((path) => /\.(m?js|css)$/.test(path) && !path.startsWith('/__'));
    expect(scripts, JSON.stringify(scripts)).to.deep.equal(['/dist/xmpp-elements.bundle.js']);
    ann.logout();
    frame.remove();
  });
});
