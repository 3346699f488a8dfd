import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, sendKeys, sendMouse, setViewport } from '@web/test-runner-commands';
import 'axe-core/axe.min.js';
import type AxeCore from 'axe-core';
import type { XmppChat } from '../../src/components/chat/chat.js';
import type { XmppLauncher } from '../../src/components/launcher/launcher.js';
import type { XmppPresence } from '../../src/components/presence/presence.js';
import type { XmppRoom } from '../../src/components/room/room.js';
import type { XmppRoster } from '../../src/components/roster/roster.js';
import type { Connection } from '../../src/core/connection.js';
import { reactionsStanza, replyStanza } from '../../src/core/outgoing.js';
import { registry } from '../../src/core/registry.js';
import { NS } from '../../src/core/xml.js';
import { befriend, register, session } from './accounts.js';
import {
  $,
  account,
  bodies,
  closeAfterTest,
  inRoom,
  joined,
  occupantRow,
  part,
  parts,
  peerInRoom,
  roomElement,
  serverConfig,
  uniqueRoom,
  until,
  xml,
} from '../harness.js';

/*
 * axe-core with the WCAG 2.2 A and AA rules (and those of 2.0 and 2.1 it keeps) on every element in
 * every state a user can bring it to: each toolbar panel, menu and form open, the message actions and
 * the reaction picker, the login form and its auth-failed error, the launcher closed (with its badge)
 * and open; each state in the light and the dark scheme, on a 1280 px desktop and 375 and 320 px
 * phones, where nothing may be wider than its box.
 * Each state is built once and checked four times; the failures of a whole test are listed at its end
 * (the state, scheme and width, the rule and its targets).
 */

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const DESKTOP = { width: 1280, height: 800 } as const;
const PHONE = { width: 375, height: 720 } as const;
const SMALL_PHONE = { width: 320, height: 640 } as const;
type Size = typeof DESKTOP | typeof PHONE | typeof SMALL_PHONE;
const SCHEMES = ['light', 'dark'] as const;

const axe = (): typeof AxeCore => (window as unknown as { axe: typeof AxeCore }).axe;

/** Two frames: the new viewport or scheme laid out and painted. */
const frames = () => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done())));

/** The violations of every check of a test, one line each, said at its end. */
class Matrix {
  private readonly found: string[] = [];
  private checks = 0;

  /**
   * Runs axe on `el` in this state in both schemes at each size (all three by default, the desktop
   * last: the next state is built on it); at each size, nothing is wider than its box or the screen.
   */
  async check(state: string, el: Element, sizes: readonly Size[] = [SMALL_PHONE, PHONE, DESKTOP]): Promise<void> {
    for (const size of sizes) {
      await setViewport(size);
      await frames();
      // The screen, and the elements that clip what overflows them (the launcher's badge may stick out of its bubble).
      const boxes = [el, ...el.querySelectorAll('*')].filter((e) => e.localName.startsWith('xmpp-') && getComputedStyle(e).overflowX !== 'visible');
      for (const box of [document.documentElement, ...boxes]) {
        if (box.scrollWidth > box.clientWidth + 1) {
          this.found.push(`${state} (${size.width} px): <${box.localName}> overflows sideways: ${box.scrollWidth} > ${box.clientWidth} px`);
        }
      }
      for (const scheme of SCHEMES) {
        await emulateMedia({ colorScheme: scheme });
        await frames();
        const results = await axe().run(el, { runOnly: { type: 'tag', values: TAGS }, resultTypes: ['violations'] });
        this.checks += 1;
        for (const violation of results.violations) {
          // Each target with why (for contrast: the colours and the ratio).
          const targets = violation.nodes.map((node) => `${JSON.stringify(node.target)} (${node.any[0]?.message ?? node.failureSummary ?? ''})`).join(', ');
          this.found.push(`${state} (${scheme}, ${size.width} px): ${violation.id}: ${violation.help}: ${targets}`);
        }
      }
    }
  }

  /** No violation in any check; at least `min` checks ran. */
  expectClean(min: number): void {
    expect(this.found, `axe violations:\n${this.found.join('\n')}\n`).to.deep.equal([]);
    expect(this.checks, 'checks run').to.be.at.least(min);
  }
}

afterEach(async () => {
  await emulateMedia({ colorScheme: 'light' });
  await setViewport({ width: 800, height: 600 });
});

/** A real click in the middle of an element, scrolled into view first. */
async function click(el: Element): Promise<void> {
  el.scrollIntoView({ block: 'nearest' });
  const box = el.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
}

/** The message row whose body is `text`. */
const rowOf = (el: Element, text: string) =>
  parts(el, 'message').find((m) => m.querySelector('[part~="message-body"]')?.textContent === text);

/** Moves the focus onto the message row with this text (ArrowUp from the list), which shows its actions. */
async function focusMessage(el: XmppRoom | XmppChat, text: string): Promise<HTMLElement> {
  part(el, 'messages')!.focus();
  for (let i = 0; el.shadowRoot!.activeElement !== rowOf(el, text) && i < 20; i += 1) await sendKeys({ press: 'ArrowUp' });
  return until(() => rowOf(el, text)?.querySelector<HTMLElement>('[part~="react-button"]'), 5000, `the actions of "${text}"`);
}

/** On a phone: the occupant drawer open, then `nick`'s menu in it (the drawer exists only where the element is narrow). */
async function drawerAndMenu(matrix: Matrix, state: string, el: XmppRoom, nick: string): Promise<void> {
  await setViewport(PHONE);
  await frames();
  const toggle = part(el, 'occupants-toggle')!;
  await click(toggle);
  expect(toggle.getAttribute('aria-expanded'), 'the drawer open').to.equal('true');
  await matrix.check(`${state} occupant drawer`, el, [SMALL_PHONE, PHONE]);
  const menu = occupantRow(el, nick)!.querySelector('details')!;
  await click(menu.querySelector('summary')!);
  await until(() => menu.open && menu.querySelector('.menu button'), 5000, `${nick}’s menu in the drawer`);
  await matrix.check(`${state} occupant menu in the drawer`, el, [SMALL_PHONE, PHONE]);
  await sendKeys({ press: 'Escape' });
}

/** Waits until the registry has closed every session (the previous element's), so that a new one signs in anew. */
const noSessions = () => until(() => registry.size === 0, 5000, 'earlier sessions closed');

describe('axe (WCAG 2.2 A and AA) in every state, light and dark, 1280, 375 and 320 px (real server)', () => {
  it('<xmpp-room> as its owner: idle with messages, each toolbar panel, the configuration form, an occupant menu, the message actions and picker, the drawer', async function () {
    this.timeout(90000);
    const matrix = new Matrix();
    const roomJid = await uniqueRoom('a11y-owner');
    const el = await roomElement(await account('alice'), roomJid, 'alice');
    await joined(el, 'alice');
    const ann = await peerInRoom(roomJid, 'ann');
    await until(() => occupantRow(el, 'ann'), 5000, 'ann in the list');

    // A subject, messages both ways, a mention, a reply and a reaction.
    await click($(el, '[data-action="subject"]')!);
    await until(() => el.shadowRoot!.activeElement?.getAttribute('name') === 'subject', 5000, 'the subject field');
    await sendKeys({ type: 'Accessibility everywhere' });
    await sendKeys({ press: 'Enter' });
    await until(() => part(el, 'subject')?.textContent === 'Accessibility everywhere', 5000, 'the subject shown');
    await el.send('hello from alice');
    ann.room.send('hello alice, see https://example.org/a11y');
    await until(() => ann.room.timeline.some((i) => i.kind === 'message' && i.message.body === 'hello from alice' && i.message.stanzaId), 5000, 'alice’s message at ann');
    const own = ann.room.timeline.flatMap((i) => (i.kind === 'message' && i.message.body === 'hello from alice' ? [i.message] : []))[0];
    ann.room.send(undefined, reactionsStanza(own.stanzaId!, ['👍']));
    const reply = replyStanza(own.stanzaId!, `${roomJid}/alice`, own.body, 'a reply from ann');
    ann.room.send(reply.body, reply.children);
    await until(() => bodies(el).includes('a reply from ann') && part(el, 'reaction'), 5000, 'the reply and the reaction');
    await matrix.check('room idle', el);

    for (const panel of ['subject', 'nick', 'invite'] as const) {
      await click($(el, `[data-action="${panel}"]`)!);
      await until(() => $(el, `form[data-panel="${panel}"]`) && el.shadowRoot!.activeElement?.localName === 'input', 5000, `the ${panel} panel`);
      await matrix.check(`room ${panel} panel`, el);
    }
    await sendKeys({ press: 'Escape' });
    await until(() => !$(el, 'form.panel'), 5000, 'the panel closed');

    await click($(el, '[data-action="configure"]')!);
    const form = await until(() => part<HTMLFormElement>(el, 'room-config'), 10000, 'the configuration form');
    await until(() => form.contains(el.shadowRoot!.activeElement), 10000, 'the form’s fields');
    await matrix.check('room configuration form', el);
    await sendKeys({ press: 'Escape' });
    await until(() => !part(el, 'room-config'), 5000, 'the form closed');

    const menu = occupantRow(el, 'ann')!.querySelector('details')!;
    await click(menu.querySelector('summary')!);
    await until(() => menu.open && menu.querySelector('.menu button'), 5000, 'ann’s menu with its actions');
    // Wide only: on a phone the list is in its drawer (below).
    await matrix.check('room occupant menu (owner)', el, [DESKTOP]);
    await sendKeys({ press: 'Escape' });
    await until(() => !menu.open, 5000, 'the menu closed');

    await click(await focusMessage(el, 'hello from alice'));
    await until(() => el.shadowRoot!.querySelector('.picker button'), 5000, 'the reaction picker');
    await matrix.check('room message actions, picker open', el);
    await sendKeys({ press: 'Escape' });

    await drawerAndMenu(matrix, 'room (owner)', el, 'ann');
    ann.room.leave();
    matrix.expectClean(46);
  });

  it('<xmpp-room> as a guest: the room list, the password prompt of a protected room, a guest’s occupant menu', async function () {
    this.timeout(60000);
    const matrix = new Matrix();
    const { boshUrl, guestDomain, mucDomain } = await serverConfig();

    // A protected room, made by its owner.
    const roomJid = await uniqueRoom('a11y-secret');
    const owner = await inRoom(await account(), roomJid, 'owner');
    await owner.submitConfig(await owner.fetchConfig(), {
      'muc#roomconfig_passwordprotectedroom': ['1'],
      'muc#roomconfig_roomsecret': ['s3cret'],
    });
    const el = await fixture<XmppRoom>(
      html`<xmpp-room lang="en" bosh-url=${boshUrl} jid=${guestDomain} room-jid=${roomJid} nick="guest"></xmpp-room>`,
    );
    await until(() => part(el, 'room-password') && part(el, 'error'), 10000, 'the password prompt and the error');
    await matrix.check('room password prompt', el);

    // Joined with it: a visitor's menu on another occupant.
    const input = part(el, 'room-password')!.querySelector('input')!;
    input.focus();
    await sendKeys({ type: 's3cret' });
    await sendKeys({ press: 'Enter' });
    await joined(el, 'guest');
    const menu = await until(() => occupantRow(el, 'owner')?.querySelector('details'), 5000, 'the owner in the list');
    await click(menu.querySelector('summary')!);
    await until(() => menu.open && menu.querySelector('.menu button'), 5000, 'the menu with its actions');
    await matrix.check('room occupant menu (guest)', el, [DESKTOP]);
    await sendKeys({ press: 'Escape' });
    await until(() => !menu.open, 5000, 'the menu closed');
    await drawerAndMenu(matrix, 'room (guest)', el, 'owner');

    // Without room-jid: the rooms of the service.
    const guest = await account();
    const list = await fixture<XmppRoom>(html`<xmpp-room lang="en" service=${mucDomain} nick="picker" .connection=${guest}></xmpp-room>`);
    await until(() => parts(list, 'room-list-item').length > 0, 10000, 'the room list');
    await matrix.check('room list', list);
    matrix.expectClean(22);
  });

  it('<xmpp-chat>: idle with messages and typing, the message actions, picker and retraction, without `with` (and a bad JID)', async function () {
    this.timeout(60000);
    const matrix = new Matrix();
    const { boshUrl } = await serverConfig();
    const [me, friend] = await Promise.all([register('a11y-me'), register('a11y-friend')]);
    await noSessions();
    const friendPeer = closeAfterTest(await session(friend));
    const el = await fixture<XmppChat>(html`<xmpp-chat lang="en" bosh-url=${boshUrl} jid=${me.jid} with=${friend.jid}></xmpp-chat>`);
    await el.login(me.jid, me.password);
    await until(() => el.status === 'online', 10000, 'online');
    for (const text of ['hello from a friend', 'a second line']) {
      friendPeer.send(xml('message', { to: me.jid, type: 'chat', id: `m-${Math.random()}` }, xml('body', {}, text)));
    }
    await el.send('hello back');
    friendPeer.send(xml('message', { to: me.jid, type: 'chat' }, xml('composing', { xmlns: 'http://jabber.org/protocol/chatstates' })));
    await until(() => bodies(el).length === 3 && part(el, 'typing'), 10000, 'the messages and the typing line');
    await matrix.check('chat idle', el);

    await click(await focusMessage(el, 'hello back'));
    await until(() => el.shadowRoot!.querySelector('.picker button'), 5000, 'the reaction picker');
    await matrix.check('chat message actions, picker open', el);
    await sendKeys({ press: 'Escape' });
    await until(() => !el.shadowRoot!.querySelector('.picker'), 5000, 'the picker closed');
    await click(rowOf(el, 'hello back')!.querySelector('[part~="retract-button"]')!);
    await until(() => part(el, 'retract-confirm'), 5000, 'the retraction’s confirmation');
    await matrix.check('chat confirming a retraction', el);
    await sendKeys({ press: 'Escape' });

    // Another element on the same session, without `with`.
    const ask = await fixture<XmppChat>(html`<xmpp-chat lang="en" bosh-url=${boshUrl} jid=${me.jid}></xmpp-chat>`);
    const field = await until(() => part<HTMLInputElement>(ask, 'with-input'), 5000, 'the JID field');
    await matrix.check('chat asking for the JID', ask);
    field.focus();
    await sendKeys({ type: 'not@@a jid' });
    await sendKeys({ press: 'Enter' });
    await until(() => part(ask, 'error'), 5000, 'the error');
    await matrix.check('chat with a bad JID', ask);
    el.logout();
    matrix.expectClean(30);
  });

  it('<xmpp-roster> and <xmpp-presence>: contacts, a subscription request, an invitation, rename and remove, the add form with an error; presence idle and with a status being typed', async function () {
    this.timeout(60000);
    const matrix = new Matrix();
    const { boshUrl, domain } = await serverConfig();
    const [me, buddy, stranger] = await Promise.all([register('a11y-me'), register('a11y-buddy'), register('a11y-stranger')]);
    await befriend(me, buddy);
    await noSessions();
    const buddyPeer = closeAfterTest(await session(buddy));
    buddyPeer.send(xml('presence', {}, xml('show', {}, 'away'), xml('status', {}, 'back soon')));
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="en">
      <xmpp-presence bosh-url=${boshUrl} jid=${me.jid}></xmpp-presence>
      <xmpp-roster bosh-url=${boshUrl} jid=${me.jid}></xmpp-roster>
    </div>`);
    const presence = wrapper.querySelector<XmppPresence>('xmpp-presence')!;
    const roster = wrapper.querySelector<XmppRoster>('xmpp-roster')!;
    await roster.login(me.jid, me.password);
    await until(() => parts(roster, 'contact').length === 1 && part(roster, 'presence')?.textContent?.includes('back soon'), 10000, 'buddy, away');
    const strangerPeer: Connection = closeAfterTest(await session(stranger));
    strangerPeer.send(xml('presence', { to: me.jid, type: 'subscribe' }));
    buddyPeer.send(xml('message', { to: me.jid }, xml('x', { xmlns: NS.CONFERENCE, jid: `party@conference.${domain}`, reason: 'come along' })));
    await until(() => part(roster, 'request') && part(roster, 'invitation') && part(presence, 'invitation'), 10000, 'the request and the invitation');
    await matrix.check('roster and presence: contacts, request, invitation', wrapper);

    await click(part(roster, 'rename-button')!);
    await until(() => roster.shadowRoot!.activeElement === part(roster, 'rename-input'), 5000, 'the rename field');
    await matrix.check('roster renaming', roster);
    await sendKeys({ press: 'Escape' });
    await until(() => part(roster, 'remove-button'), 5000, 'the actions again');
    await click(part(roster, 'remove-button')!);
    await until(() => part(roster, 'remove-confirm'), 5000, 'the confirmation');
    await matrix.check('roster confirming a removal', roster);

    part(roster, 'add-jid')!.focus();
    await sendKeys({ type: 'no@@jid' });
    await sendKeys({ press: 'Enter' });
    await until(() => part(roster, 'error'), 5000, 'the add form’s error');
    await matrix.check('roster add form with an error', roster);

    part(presence, 'status-input')!.focus();
    await sendKeys({ type: 'In a meeting' });
    await matrix.check('presence typing a status', presence);
    roster.logout();
    matrix.expectClean(30);
  });

  it('the login form in every element, then its auth-failed error', async function () {
    this.timeout(60000);
    const matrix = new Matrix();
    const { boshUrl } = await serverConfig();
    const me = await register('a11y-login');
    await noSessions();
    const roomJid = await uniqueRoom('a11y-login');
    // Elements on one connection share one form: each on an account of its own shows its own (the
    // others' accounts need not exist: only the room signs in). The last presence is on the room's.
    const other = (n: number) => me.jid.replace('@', `-${n}@`);
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="en">
      <xmpp-room bosh-url=${boshUrl} jid=${me.jid} room-jid=${roomJid}></xmpp-room>
      <xmpp-chat bosh-url=${boshUrl} jid=${other(2)} with="friend@localhost"></xmpp-chat>
      <xmpp-roster bosh-url=${boshUrl} jid=${other(3)}></xmpp-roster>
      <xmpp-presence bosh-url=${boshUrl} jid=${other(4)}></xmpp-presence>
      <xmpp-room id="nojid" bosh-url=${boshUrl} room-jid=${roomJid}></xmpp-room>
      <xmpp-presence id="shared" bosh-url=${boshUrl} jid=${me.jid}></xmpp-presence>
    </div>`);
    const elements = [...wrapper.children];
    const shared = elements[5];
    await until(() => elements.slice(0, 5).every((e) => part(e, 'login-form')), 5000, 'the login forms');
    expect(part(shared, 'login-form'), "no second form on the room's connection").to.equal(null);
    await matrix.check('login forms', wrapper);

    const room = elements[0];
    part(room, 'login-password')!.focus();
    await sendKeys({ type: 'not-the-password' });
    await sendKeys({ press: 'Enter' });
    await until(() => room.getAttribute('status') === 'auth-failed' && part(room, 'error') && part(room, 'login-form'), 10000, 'auth-failed');
    // The same failure on the other element of that connection: shown, not announced twice, no form.
    await until(() => shared.getAttribute('status') === 'auth-failed' && part(shared, 'error'), 5000, 'the error on the shared presence');
    expect([part(room, 'error')!.getAttribute('role'), part(shared, 'error')!.getAttribute('role')]).to.deep.equal(['alert', 'none']);
    expect(part(shared, 'login-form')).to.equal(null);
    await matrix.check('login forms, auth failed', wrapper);
    matrix.expectClean(12);
  });

  it('<xmpp-launcher>: closed with an unread badge, and open', async function () {
    this.timeout(60000);
    const matrix = new Matrix();
    const { boshUrl, guestDomain } = await serverConfig();
    const roomJid = await uniqueRoom('a11y-launcher');
    const bob = await peerInRoom(roomJid, 'bob');
    const launcher = await fixture<XmppLauncher>(html`
      <xmpp-launcher id="a11y" lang="en">
        <xmpp-room bosh-url=${boshUrl} jid=${guestDomain} room-jid=${roomJid} nick="visitor"></xmpp-room>
      </xmpp-launcher>
    `);
    await matrix.check('launcher closed', launcher);
    await click(part(launcher, 'launcher-button')!);
    const room = launcher.querySelector<XmppRoom>('xmpp-room')!;
    await joined(room, 'visitor');
    await matrix.check('launcher open', launcher);
    await sendKeys({ press: 'Escape' });
    await until(() => !launcher.open, 5000, 'closed');
    bob.room.send('while closed');
    await until(() => part(launcher, 'badge'), 10000, 'the badge');
    await matrix.check('launcher closed with a badge', launcher);
    matrix.expectClean(18);
    for (const key of Object.keys(sessionStorage)) if (key.startsWith('xmpp-elements.launcher:')) sessionStorage.removeItem(key);
  });
});
