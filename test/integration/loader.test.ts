import { expect } from '@open-wc/testing';
import type { Connection } from '../../src/core/connection.js';
import { MucRoom } from '../../src/core/muc/index.js';
import { peer, serverConfig, uniqueRoom, until } from './server.js';

/**
 * dist/xmpp-elements.js, the loader: a page with that one classic script (test/loader/*.html,
 * under a strict CSP) gets its elements defined and loads only the modules it uses from
 * dist/xmpp-elements/. `npm test` builds dist/ first (pretest).
 */
type LoaderWindow = Window & typeof globalThis & { __violations: string[]; Strophe?: unknown; XmppElements?: unknown };

const peers: Connection[] = [];
const frames: HTMLIFrameElement[] = [];
afterEach(() => {
  for (const c of peers.splice(0)) c.logout();
  for (const f of frames.splice(0)) f.remove();
});

async function page(path: string): Promise<LoaderWindow> {
  const frame = document.createElement('iframe');
  frame.src = path;
  frames.push(frame);
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  document.body.append(frame);
  await loaded;
  return frame.contentWindow as LoaderWindow;
}

/** The same-origin files the page fetched, as paths (query strings kept). */
const fetched = (win: Window) =>
  win.performance
    .getEntriesByType('resource')
    .map((entry) => new URL(entry.name))
    .filter((url) => url.origin === win.location.origin && !url.pathname.startsWith('/__'))
    .map((url) => url.pathname + url.search);

const parts = (el: Element, part: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${part}"]`)];

/** Points the page's <xmpp-room> at a fresh room as a guest, has a peer say hello, waits for it on screen. */
async function chatInRoom(win: LoaderWindow, el: Element, nick: string): Promise<void> {
  const { boshUrl, guestDomain } = await serverConfig();
  const roomJid = await uniqueRoom('loader');
  const connection = await peer();
  peers.push(connection);
  const ann = new MucRoom(connection, roomJid, { nick: 'ann', history: 0 });
  ann.join();
  await until(() => ann.state === 'joined', 10000, 'ann to join');

  el.setAttribute('nick', nick);
  el.setAttribute('room-jid', roomJid);
  el.setAttribute('jid', guestDomain);
  el.setAttribute('bosh-url', boshUrl);
  await until(() => ann.occupants.some((o) => o.nick === nick), 15000, `${nick} to join`);
  // Not naming the guest: a mention of the user's nick is drawn by rich.ts, which this page need not load.
  const hello = `hello from ann ${Date.now().toString(36)}`;
  ann.send(hello);
  await until(() => parts(el, 'message-body').some((b) => b.textContent === hello), 10000, 'the message on screen');
  expect(win.__violations).to.deep.equal([]);
}

describe('dist/xmpp-elements.js, the loader', () => {
  it('upgrades a room already in the page, joins as a guest and loads only the room module and its chunks', async () => {
    const win = await page('/test/loader/loader-en.html');
    const el = win.document.querySelector('xmpp-room')!;
    await until(() => win.customElements.get('xmpp-room'), 10000, '<xmpp-room> to be defined');
    expect(el).to.be.instanceOf(win.customElements.get('xmpp-room')!);
    await chatInRoom(win, el, 'loaded');

    const files = fetched(win);
    expect(files).to.include('/dist/xmpp-elements.js');
    expect(files).to.include('/dist/xmpp-elements/room.js');
    for (const unused of ['/chat.js', '/roster.js', '/presence.js', '/zh-CN-', '/strophe-part-', '/data-form-']) {
      expect(files.filter((f) => f.includes(unused)), `no ${unused} on an English guest-room page`).to.deep.equal([]);
    }
    // Exactly the loader, the room's entry and core: nothing loaded on demand (an occupant's menu,
    // the login form, the forms) comes with a guest reading and writing in a room with others.
    const modules = files.filter((f) => f.startsWith('/dist/') && f.endsWith('.js'));
    expect(modules.filter((f) => !/^\/dist\/xmpp-elements(\.js|\/room\.js|\/chunks\/core-[\w-]+\.js)$/.test(f))).to.deep.equal([]);
    expect(files.filter((f) => f.endsWith('.js') && !f.startsWith('/dist/') && f !== '/test/csp/violations.js')).to.deep.equal([]);
    expect(['xmpp-chat', 'xmpp-roster', 'xmpp-presence'].map((t) => !!win.customElements.get(t))).to.deep.equal([false, false, false]);
    expect(win.Strophe).to.equal(undefined);
    expect(win.XmppElements).to.equal(undefined);
  });

  it('loads the module of an element added later, and the elements inside it see theirs', async () => {
    const win = await page('/test/loader/loader-en.html');
    await until(() => win.customElements.get('xmpp-room'), 10000, '<xmpp-room> to be defined');
    const wrapper = win.document.createElement('div');
    wrapper.innerHTML = '<section><xmpp-presence></xmpp-presence></section>';
    win.document.body.append(wrapper);
    await until(() => win.customElements.get('xmpp-presence'), 10000, '<xmpp-presence> to be defined');
    expect(fetched(win)).to.include('/dist/xmpp-elements/presence.js');
    expect(fetched(win).some((f) => f.endsWith('/chat.js') || f.endsWith('/roster.js'))).to.equal(false);
    expect(win.__violations).to.deep.equal([]);
  });

  it("loads Strophe's WebSocket, password and stream management parts when a user signs in over WebSocket, not before", async () => {
    const { wsUrl, domain, users } = await serverConfig();
    const win = await page('/test/loader/loader-en.html');
    const el = win.document.createElement('xmpp-presence') as HTMLElement & { login(jid: string, password: string): Promise<void>; status: string };
    el.setAttribute('ws-url', wsUrl);
    el.setAttribute('jid', `dave@${domain}`);
    win.document.body.append(el);
    await until(() => win.customElements.get('xmpp-presence'), 10000, '<xmpp-presence> to be defined');
    expect(fetched(win).filter((f) => f.includes('/strophe-part-'))).to.deep.equal([]);
    await el.login(`dave@${domain}`, users.dave);
    await until(() => el.status === 'online', 15000, 'dave online over WebSocket');
    // Named by the part: the content hash after it may start with or hold a dash too.
    const parts = fetched(win)
      .filter((f) => f.includes('/strophe-part-'))
      .map((f) => /\/(strophe-part-(?:sasl|websocket|stream-management))-/.exec(f)?.[1] ?? f);
    // XEP-0198 comes with an account over WebSocket.
    expect(parts.sort()).to.deep.equal(['strophe-part-sasl', 'strophe-part-stream-management', 'strophe-part-websocket']);
    el.remove();
  });

  it('gives a page in Simplified Chinese the Chinese strings, with the zh-CN table it fetched', async () => {
    const win = await page('/test/loader/loader-zh.html');
    const el = win.document.querySelector('xmpp-room')!;
    await until(() => win.customElements.get('xmpp-room'), 10000, '<xmpp-room> to be defined');
    await chatInRoom(win, el, 'zhongwen');
    await until(() => parts(el, 'send-button')[0]?.textContent?.trim() === '发送', 5000, 'the Chinese send button');
    expect(parts(el, 'input')[0]?.getAttribute('aria-label')).to.equal('消息');
    expect(fetched(win).filter((f) => /\/zh-CN-[\w-]+\.js$/.test(f))).to.have.length(1);
  });

  it('does no harm as a second (and third) copy on the page: one set of modules, one room that works', async () => {
    const win = await page('/test/loader/loader-two.html');
    const el = win.document.querySelector('xmpp-room')!;
    await until(() => win.customElements.get('xmpp-room'), 10000, '<xmpp-room> to be defined');
    await chatInRoom(win, el, 'twice');
    const files = fetched(win);
    expect(files.filter((f) => f.startsWith('/dist/xmpp-elements.js'))).to.have.length.greaterThan(1);
    expect(files.filter((f) => f === '/dist/xmpp-elements/room.js')).to.have.length(1);
    expect(win.document.querySelectorAll('xmpp-room')).to.have.length(1);
    // The first copy owns the page (its guard holds the folder it loads from); the others stood down.
    const guard = (win as unknown as Record<symbol, unknown>)[Symbol.for('xmpp-elements.loader')];
    expect(guard).to.equal(new URL('/dist/xmpp-elements/', win.location.href).href);
  });
});
