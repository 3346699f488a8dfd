import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, sendMouse, setViewport } from '@web/test-runner-commands';
import type { XmppLauncher } from '../../src/components/launcher/launcher.js';
import type { XmppRoom } from '../../src/components/room/room.js';
import '../../src/define.js';
import { part, parts, peerInRoom, serverConfig, timelineBodies, uniqueRoom, until } from '../harness.js';

/*
 * <xmpp-launcher>: a bubble in a corner whose panel holds a guest room, against the real server:
 * nothing connects until it is opened; real clicks and key presses; the unread badge; the open
 * state and the session kept across a navigation of the site; axe with the panel open; a phone.
 */

const frames: HTMLIFrameElement[] = [];
afterEach(async () => {
  for (const f of frames.splice(0)) f.remove();
  for (const key of Object.keys(sessionStorage)) if (key.startsWith('xmpp-elements.launcher:')) sessionStorage.removeItem(key);
  await setViewport({ width: 800, height: 600 });
});

/** A real click in the middle of an element. */
async function click(el: Element): Promise<void> {
  const box = el.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
}

/** A launcher holding a guest room, and bob (the room's owner) in the room. */
async function setUp(name: string) {
  const { boshUrl, guestDomain } = await serverConfig();
  const roomJid = await uniqueRoom(name);
  const bob = await peerInRoom(roomJid, 'bob');
  const launcher = await fixture<XmppLauncher>(html`
    <xmpp-launcher id=${name}>
      <xmpp-room bosh-url=${boshUrl} jid=${guestDomain} room-jid=${roomJid} nick="visitor"></xmpp-room>
    </xmpp-launcher>
  `);
  const room = launcher.querySelector<XmppRoom>('xmpp-room')!;
  const bubble = part(launcher, 'launcher-button')!;
  const inRoom = () => until(() => room.status === 'online' && parts(room, 'occupant').length === 2, 15000, 'the visitor in the room');
  return { bob, launcher, room, bubble, inRoom, roomJid };
}

describe('<xmpp-launcher> (real server)', () => {
  it('connects nothing until opened; a click opens it, the room joins and the focus is in the panel; Escape closes it and the focus is back on the bubble', async function () {
    this.timeout(30000);
    const { bob, launcher, room, bubble, inRoom } = await setUp('launcher');
    // Negative check: give a room that would connect time to join.
    await new Promise((done) => setTimeout(done, 1500));
    expect(room.status, 'not connected while closed').to.equal('offline');
    expect(bob.room.occupants.map((o) => o.nick), 'the server saw no visitor').to.deep.equal(['bob']);
    expect(part(launcher, 'panel')!.hidden).to.equal(true);
    expect(bubble.getAttribute('aria-expanded')).to.equal('false');

    const shown = new Promise((done) => launcher.addEventListener('xmpp-show', done, { once: true }));
    await click(bubble);
    await shown;
    expect(launcher.open).to.equal(true);
    expect(launcher.hasAttribute('open'), 'reflected').to.equal(true);
    expect(bubble.getAttribute('aria-expanded')).to.equal('true');
    expect(launcher.shadowRoot!.activeElement?.getAttribute('part'), 'the focus in the panel').to.equal('panel');
    await inRoom();
    await until(() => bob.room.occupant('visitor') !== undefined, 10000, 'bob to see the visitor');

    const hidden = new Promise((done) => launcher.addEventListener('xmpp-hide', done, { once: true }));
    await sendKeys({ press: 'Escape' });
    await hidden;
    expect(launcher.open).to.equal(false);
    expect(part(launcher, 'panel')!.hidden).to.equal(true);
    expect(launcher.shadowRoot!.activeElement?.getAttribute('part'), 'the focus back on the bubble').to.equal('launcher-button');
    // Closed, it stays connected.
    expect(room.status).to.equal('online');

    // By keyboard: Enter on the bubble opens it; Tab reaches the close button; Enter there closes it.
    await sendKeys({ press: 'Enter' });
    await until(() => launcher.open, 5000, 'opened by Enter');
    await sendKeys({ press: 'Tab' });
    expect(launcher.shadowRoot!.activeElement?.getAttribute('part')).to.equal('close-button');
    await sendKeys({ press: 'Enter' });
    await until(() => !launcher.open, 5000, 'closed by its close button');
    expect(launcher.shadowRoot!.activeElement?.getAttribute('part'), 'the focus back on the bubble').to.equal('launcher-button');
  });

  it('counts messages from others while closed in a badge (and xmpp-unread); opening clears it', async function () {
    this.timeout(30000);
    const { bob, launcher, bubble, inRoom } = await setUp('unread');
    launcher.show();
    await inRoom();
    launcher.hide();
    await launcher.updateComplete;
    const counts: number[] = [];
    launcher.addEventListener('xmpp-unread', (event) => counts.push(event.detail.count));
    bob.room.send('first while closed');
    bob.room.send('second while closed');
    await until(() => part(launcher, 'badge')?.textContent?.trim() === '2', 10000, 'the badge to say 2');
    expect(launcher.unread).to.equal(2);
    // Two messages that come in one response may be counted at once: one event with 2.
    expect(counts.at(-1), 'the last count').to.equal(2);
    expect(counts.every((n, i) => i === 0 || n > counts[i - 1]), `counts go up: ${counts.join(', ')}`).to.equal(true);
    const before = counts.length;
    expect(bubble.getAttribute('aria-label')).to.equal('Chat, 2 unread');
    await click(bubble);
    await until(() => launcher.unread === 0 && !part(launcher, 'badge'), 5000, 'the badge gone');
    expect(counts.slice(before)).to.deep.equal([0]);
    expect(bubble.getAttribute('aria-label')).to.equal('Chat');
  });

  it('keeps its open state and the session across a navigation of the site: the same occupant, no leave or join', async function () {
    this.timeout(40000);
    const { boshUrl, guestDomain } = await serverConfig();
    const roomJid = await uniqueRoom('launchnav');
    const bob = await peerInRoom(roomJid, 'bob');
    const frame = document.createElement('iframe');
    frames.push(frame);
    const query = new URLSearchParams({ 'bosh-url': boshUrl, jid: guestDomain, 'room-jid': roomJid, nick: 'visitor' });
    frame.src = `/test/integration/launcher-frame.html?${query.toString()}`;
    frame.style.width = '600px';
    frame.style.height = '700px';
    document.body.append(frame);
    const launcherIn = () => frame.contentDocument?.querySelector<XmppLauncher>('xmpp-launcher') ?? undefined;
    const first = await until(() => launcherIn()?.shadowRoot && launcherIn(), 10000, 'the launcher');
    part(first, 'launcher-button')!.click();
    const room = () => frame.contentDocument?.querySelector<XmppRoom>('xmpp-room') ?? undefined;
    await until(() => room()?.status === 'online' && bob.room.occupant('visitor'), 15000, 'the visitor in the room');
    const noticesFrom = bob.room.timeline.length;

    // Another page of the site (the same one here, with another query).
    frame.contentWindow!.location.search = `${query.toString()}&page=2`;
    const second = await until(() => launcherIn() !== first && launcherIn()?.shadowRoot && launcherIn(), 10000, 'the next page');
    await until(() => room()?.status === 'online' && parts(room()!, 'occupant').length === 2, 15000, 'the room on the next page');
    expect(second.open, 'still open').to.equal(true);
    bob.room.send('on the next page');
    await until(() => room()!.shadowRoot!.textContent.includes('on the next page'), 10000, 'the message on the next page');
    await room()!.send('from the next page');
    await until(() => timelineBodies(bob.room).includes('from the next page'), 10000, 'bob to get it');
    const aboutVisitor = bob.room.timeline.slice(noticesFrom).filter((i) => i.kind === 'notice' && i.notice.params['nick']?.startsWith('visitor'));
    expect(aboutVisitor, 'bob saw no leave or join').to.deep.equal([]);
  });

  it('is axe-clean closed and open, in Chinese too, and fills the screen of a 320 px phone', async function () {
    this.timeout(30000);
    const { launcher, bubble, inRoom } = await setUp('launchaxe');
    await expect(launcher).to.be.accessible();
    launcher.show();
    await inRoom();
    await expect(launcher).to.be.accessible();
    document.documentElement.lang = 'zh-CN';
    try {
      await until(() => bubble.getAttribute('aria-label') === '聊天', 5000, 'the Chinese label');
      expect(part(launcher, 'close-button')!.getAttribute('aria-label')).to.equal('关闭聊天');
    } finally {
      document.documentElement.lang = 'en';
    }
    await setViewport({ width: 320, height: 640 });
    await until(() => {
      const { width, height } = part(launcher, 'panel')!.getBoundingClientRect();
      return width === 320 && Math.round(height) === 640;
    }, 5000, 'the panel as large as the screen');
    const box = part(launcher, 'panel')!.getBoundingClientRect();
    expect([box.left, box.top, Math.round(box.height)]).to.deep.equal([0, 0, 640]);
    const composer = part(launcher.querySelector('xmpp-room')!, 'input');
    if (composer) {
      const input = composer.getBoundingClientRect();
      expect(input.bottom, 'the composer on screen').to.be.at.most(640);
      expect(input.right).to.be.at.most(320);
    }
  });
});
