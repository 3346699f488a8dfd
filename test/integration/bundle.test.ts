import { expect } from '@open-wc/testing';
import { MucRoom } from '../../src/core/muc/index.js';
import { peer, serverConfig, uniqueRoom, until } from './server.js';

/**
 * The headline use: a page with one classic <script src="dist/xmpp-elements.js"> and an
 * <xmpp-room>. `npm test` builds the bundle first (pretest).
 */
describe('dist/xmpp-elements.js on a page of its own', () => {
  it('defines the elements, joins as a guest and chats, without touching window.Strophe', async () => {
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
    ann.logout();
    frame.remove();
  });
});
