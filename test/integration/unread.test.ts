import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import type { XmppChat } from '../../src/components/chat/chat.js';
import type { XmppRoom } from '../../src/components/room/room.js';
import { registry } from '../../src/core/registry.js';
// The modules the elements load on demand, here from the start: a dev server compiles them slowly the first time.
import '../../src/controllers/unread-controller.js';
import '../../src/components/base/notify.js';
import { account, bodies, joined, part, peerInRoom, serverConfig, uniqueRoom, until, xml } from '../harness.js';

/*
 * Unread counts (`unread`, `xmpp-unread`), the title badge and desktop notifications of
 * <xmpp-room> and <xmpp-chat>, against the real server: a peer sends real messages; the
 * page is hidden by faking document.visibilityState (and a visibilitychange); Notification
 * is a recording fake, whose permission may only be asked on a real click or key press.
 */

const PAGE_TITLE = 'Unread test page';

/** The page hidden (another tab in front) or visible again, as the browser says it. */
function setHidden(hidden: boolean): void {
  if (hidden) {
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    Object.defineProperty(document, 'hidden', { value: true, configurable: true });
  } else {
    // The document's own properties go: the real getters answer again.
    delete (document as { visibilityState?: unknown }).visibilityState;
    delete (document as { hidden?: unknown }).hidden;
  }
  document.dispatchEvent(new Event('visibilitychange'));
}

/** What a page would have shown: each notification, and whether the permission was asked during a user gesture. */
class FakeNotification {
  static permission: NotificationPermission = 'default';
  static asked: boolean[] = [];
  static shown: FakeNotification[] = [];
  static requestPermission(): Promise<NotificationPermission> {
    FakeNotification.asked.push(navigator.userActivation.isActive);
    FakeNotification.permission = 'granted';
    return Promise.resolve('granted');
  }
  onclick: (() => void) | null = null;
  closed = false;
  constructor(
    readonly title: string,
    readonly options: NotificationOptions = {},
  ) {
    FakeNotification.shown.push(this);
  }
  close(): void {
    this.closed = true;
  }
}

const realNotification = Object.getOwnPropertyDescriptor(window, 'Notification');

beforeEach(() => {
  document.title = PAGE_TITLE;
  FakeNotification.permission = 'default';
  FakeNotification.asked = [];
  FakeNotification.shown = [];
  Object.defineProperty(window, 'Notification', { value: FakeNotification, configurable: true, writable: true });
  window.focus();
});

afterEach(() => {
  setHidden(false);
  if (realNotification) Object.defineProperty(window, 'Notification', realNotification);
  registry.only()?.logout();
});

const frames = async (n: number) => {
  for (let i = 0; i < n; i += 1) await new Promise((done) => requestAnimationFrame(done));
};

/** A real click in the middle of an element. */
async function click(el: Element): Promise<void> {
  const box = el.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
}

async function guestRoom(roomJid: string, attributes: { notifications?: string; titleBadge?: boolean } = {}) {
  const { boshUrl, guestDomain } = await serverConfig();
  const el = await fixture<XmppRoom>(html`<xmpp-room
    lang="en"
    style="--xmpp-room-height: 16rem"
    bosh-url=${boshUrl}
    jid=${guestDomain}
    room-jid=${roomJid}
    nick="visitor"
    notifications=${attributes.notifications ?? 'off'}
    ?title-badge=${attributes.titleBadge ?? false}
  ></xmpp-room>`);
  const counts: number[] = [];
  el.addEventListener('xmpp-unread', (event) => counts.push(event.detail.count));
  await joined(el, 'visitor');
  return { el, counts };
}

describe('unread counts, title badge and notifications (real server)', () => {
  it('room: counts live messages from others while the page is hidden (not the join’s history, not its own), puts (n) before the title, gives it back when read', async function () {
    this.timeout(30000);
    const roomJid = await uniqueRoom('unread');
    const ann = await peerInRoom(roomJid, 'ann');
    ann.room.send('said before the visitor came');
    await until(() => ann.room.timeline.length > 1, 5000, 'ann’s message in the room');
    const { el, counts } = await guestRoom(roomJid, { titleBadge: true });
    await until(() => bodies(el).includes('said before the visitor came'), 10000, 'the history shown');
    // Visible, at the newest message: what comes is seen at once.
    ann.room.send('while you look');
    await until(() => bodies(el).includes('while you look'), 10000, 'the live message shown');
    await el.updateComplete;
    // The list's IntersectionObserver reports with the next frames.
    await frames(3);
    expect(el.unread, 'history and a message seen are not unread').to.equal(0);
    expect(counts).to.deep.equal([]);
    expect(document.title).to.equal(PAGE_TITLE);

    setHidden(true);
    ann.room.send('first while away');
    await until(() => el.unread === 1, 10000, 'one unread');
    ann.room.send('second while away');
    await el.send('my own');
    await until(() => el.unread === 2, 10000, 'two unread');
    await until(() => bodies(el).includes('my own'), 5000, 'the own message shown');
    expect(el.unread, 'not its own').to.equal(2);
    expect(counts).to.deep.equal([1, 2]);
    // The badge's module loads with the element's first render (a dev server may be slow the first time).
    await until(() => document.title === `(2) ${PAGE_TITLE}`, 5000, 'the badge in the title');

    // The page changes its title meanwhile: the prefix stays in front of the new one, once.
    document.title = 'Page renamed';
    await until(() => document.title === '(2) Page renamed', 2000, 'the prefix on the new title');

    // Back on the page: read; the page's title comes back exactly.
    setHidden(false);
    await until(() => el.unread === 0, 5000, 'read once visible');
    expect(counts).to.deep.equal([1, 2, 0]);
    expect(document.title).to.equal('Page renamed');
  });

  it('room: one prefix with the total of two elements; a room scrolled up counts until the reader is back at the newest', async function () {
    this.timeout(40000);
    const first = await uniqueRoom('unreadone');
    const second = await uniqueRoom('unreadtwo');
    const ann = await peerInRoom(first, 'ann');
    const bea = await peerInRoom(second, 'bea');
    const one = await guestRoom(first, { titleBadge: true });
    const two = await guestRoom(second, { titleBadge: true });
    setHidden(true);
    ann.room.send('one for the first');
    bea.room.send('one for the second');
    bea.room.send('two for the second');
    await until(() => one.el.unread === 1 && two.el.unread === 2, 10000, 'the counts');
    expect(document.title).to.equal(`(3) ${PAGE_TITLE}`);
    setHidden(false);
    await until(() => one.el.unread === 0 && two.el.unread === 0, 5000, 'both read');
    expect(document.title).to.equal(PAGE_TITLE);

    // Scrolled away from the newest message, on a visible page: unread until scrolled back.
    for (let i = 0; i < 10; i += 1) ann.room.send(`line ${i}`);
    await until(() => bodies(one.el).includes('line 9'), 10000, 'the lines');
    const list = part(one.el, 'messages')!;
    expect(list.scrollHeight, 'the list scrolls').to.be.above(list.clientHeight + 50);
    list.scrollTop = 0;
    await until(() => list.scrollTop === 0, 2000, 'scrolled up');
    ann.room.send('while scrolled up');
    await until(() => one.el.unread === 1, 10000, 'unread while scrolled up');
    expect(document.title).to.equal(`(1) ${PAGE_TITLE}`);
    list.scrollTop = list.scrollHeight;
    await until(() => one.el.unread === 0, 5000, 'read at the newest');
    expect(document.title).to.equal(PAGE_TITLE);
    expect(one.counts).to.deep.equal([1, 0, 1, 0]);
  });

  it('room notifications="mentions": no permission asked on load; a real click on the bell asks; a mention while hidden shows a text notification, clicking it focuses the composer', async function () {
    this.timeout(30000);
    const roomJid = await uniqueRoom('notify');
    const ann = await peerInRoom(roomJid, 'ann');
    const { el } = await guestRoom(roomJid, { notifications: 'mentions' });
    const bell = await until(() => part(el, 'notifications-button'), 5000, 'the bell');
    expect(bell.getAttribute('aria-label')).to.equal('Turn on desktop notifications');
    await expect(el).to.be.accessible();
    expect(FakeNotification.asked, 'nothing asked on load').to.deep.equal([]);
    await click(bell);
    await until(() => FakeNotification.asked.length === 1, 5000, 'the permission asked');
    expect(FakeNotification.asked, 'asked during the click').to.deep.equal([true]);
    await until(() => !part(el, 'notifications-button'), 5000, 'the bell gone once granted');

    // Visible: none. Hidden: a mention, not the other messages.
    ann.room.send('visitor: seen here');
    await until(() => bodies(el).includes('visitor: seen here'), 10000, 'the message shown');
    setHidden(true);
    ann.room.send('not about you');
    ann.room.send('hey visitor, <b>look</b> & see');
    await until(() => bodies(el).includes('hey visitor, <b>look</b> & see'), 10000, 'the mention shown');
    await until(() => FakeNotification.shown.length === 1, 5000, 'one notification');
    const [shown] = FakeNotification.shown;
    expect(shown.title).to.equal(roomJid);
    expect(shown.options.body, 'text, not HTML').to.equal('ann: hey visitor, <b>look</b> & see');
    expect(shown.options.tag).to.equal(`xmpp-elements:${roomJid}`);

    // Clicking it: back in the conversation, in the composer.
    (document.activeElement as HTMLElement | null)?.blur();
    shown.onclick?.();
    expect(shown.closed).to.equal(true);
    expect(document.activeElement?.localName).to.equal('xmpp-room');
    expect(el.shadowRoot!.activeElement?.getAttribute('part')).to.equal('input');
  });

  it('chat: the contact’s messages while hidden are unread and notified (notifications="all"), the permission asked on a key press; read on return', async function () {
    this.timeout(30000);
    const { boshUrl, domain, users } = await serverConfig();
    const alice = `alice@${domain}`;
    const bob = await account('bob');
    await until(() => registry.size === 0, 5000, 'earlier sessions closed');
    const el = await fixture<XmppChat>(
      html`<xmpp-chat lang="en" bosh-url=${boshUrl} jid=${alice} with=${`bob@${domain}`} history="0" notifications="all" title-badge></xmpp-chat>`,
    );
    const counts: number[] = [];
    el.addEventListener('xmpp-unread', (event) => counts.push(event.detail.count));
    await el.login(alice, users['alice']);
    await until(() => el.status === 'online', 10000, 'alice online');
    const aliceFull = registry.only()!.jid;
    const bell = await until(() => part(el, 'notifications-button'), 5000, 'the bell');
    expect(FakeNotification.asked, 'nothing asked on load').to.deep.equal([]);
    bell.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => FakeNotification.asked.length === 1, 5000, 'the permission asked');
    expect(FakeNotification.asked, 'asked during the key press').to.deep.equal([true]);

    setHidden(true);
    bob.send(xml('message', { to: aliceFull, type: 'chat', id: 'n1' }, xml('body', {}, 'are you there?')));
    await until(() => el.unread === 1, 10000, 'one unread');
    expect(document.title).to.equal(`(1) ${PAGE_TITLE}`);
    await until(() => FakeNotification.shown.length === 1, 5000, 'a notification');
    const [shown] = FakeNotification.shown;
    expect(shown.title).to.equal(`bob@${domain}`);
    expect(shown.options.body).to.equal('are you there?');
    expect(shown.options.tag).to.equal(`xmpp-elements:bob@${domain}`);
    setHidden(false);
    await until(() => el.unread === 0, 5000, 'read once visible');
    expect(counts).to.deep.equal([1, 0]);
    expect(document.title).to.equal(PAGE_TITLE);
    // Visible: no notification.
    bob.send(xml('message', { to: aliceFull, type: 'chat', id: 'n2' }, xml('body', {}, 'good')));
    await until(() => bodies(el).includes('good'), 10000, 'the message shown');
    expect(FakeNotification.shown).to.have.length(1);
  });
});
