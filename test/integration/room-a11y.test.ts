import { expect } from '@open-wc/testing';
import { emulateMedia, sendKeys, sendMouse, setViewport } from '@web/test-runner-commands';
import type { XmppRoom } from '../../src/components/room/room.js';
import { Connection } from '../../src/core/connection.js';
import { namespaceOf } from '../../src/core/xml.js';
import { FlakyTransport } from './flaky.js';
import {
  $,
  account,
  bodies,
  inRoom,
  joined,
  occupantRow,
  closeAfterTest,
  part,
  peerInRoom,
  roomElement,
  serverConfig,
  uniqueRoom,
  until,
} from '../harness.js';

/*
 * The room by keyboard and on a phone, against the real server, with real clicks and key presses:
 * Escape closes what it opened and the focus goes back to what opened it; the focus never drops
 * to <body> (Cancel, Save, "Private message", "Load older"); opening a panel puts the focus in its
 * first field; below 30rem the occupant list opens from its toggle as a drawer; nothing wider than
 * its box. axe with each menu, panel, form and drawer open.
 */

afterEach(async () => {
  await setViewport({ width: 800, height: 600 });
});

/** A real click in the middle of an element, scrolled into view first (as a user would). */
async function click(el: Element): Promise<void> {
  el.scrollIntoView({ block: 'nearest' });
  const box = el.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
}

/** The element that has the focus inside the room, or null when the focus is outside it (on <body>). */
const focused = (el: XmppRoom): Element | null => el.shadowRoot!.activeElement;

/** What has the focus, said in a line: its tag and its part, data-action, name or text; `body` when outside the room. */
function focusName(el: XmppRoom): string {
  const active = focused(el);
  if (!active) return document.activeElement?.localName ?? 'none';
  const name =
    active.getAttribute('part') ?? active.getAttribute('data-action') ?? active.getAttribute('name') ?? active.textContent?.trim();
  return `${active.localName}[${name ?? ''}]`;
}

/** Waits for the focus to be on `name` (see focusName); says where it is if it does not get there. */
async function focusOn(el: XmppRoom, name: string, what: string): Promise<void> {
  try {
    await until(() => focusName(el) === name, 5000, what);
  } catch {
    throw new Error(`${what}: the focus is on ${focusName(el)}, not ${name}`);
  }
}

/** A computed colour's [r, g, b] (0-255) and alpha. */
function rgba(color: string): { rgb: number[]; alpha: number } {
  const [r = 0, g = 0, b = 0, alpha = 1] = (color.match(/[\d.]+/g) ?? []).map(Number);
  return { rgb: [r, g, b], alpha };
}

/** WCAG relative luminance of a computed colour. */
function luminance(color: string): number {
  const [r, g, b] = rgba(color).rgb.map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two computed colours. */
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** The visible button of a form or menu whose text is `text`. */
const buttonIn = (scope: ParentNode, text: string) =>
  [...scope.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent.trim() === text);

/** A guest room element, joined. */
async function guestRoom(name: string, nick = 'visitor') {
  const roomJid = await uniqueRoom(name);
  const el = await roomElement('guest', roomJid, nick);
  await joined(el, nick);
  return { el, roomJid };
}

describe('<xmpp-room> by keyboard and on a phone (real server)', () => {
  it('a toolbar panel takes the focus to its first field; Escape, Cancel and Save close it and give the focus back to its button', async function () {
    this.timeout(30000);
    const { el } = await guestRoom('panels');
    const { domain } = await serverConfig();

    for (const [action, first] of [
      ['subject', 'subject'],
      ['nick', 'nick'],
      ['invite', 'jid'],
    ] as const) {
      const toggle = $<HTMLButtonElement>(el, `[data-action="${action}"]`)!;
      // Escape.
      await click(toggle);
      await focusOn(el, `input[${first}]`, `the focus in the ${action} panel's first field`);
      expect(toggle.getAttribute('aria-expanded')).to.equal('true');
      await expect(el).to.be.accessible();
      await sendKeys({ press: 'Escape' });
      await until(() => !$(el, 'form.panel'), 5000, `the ${action} panel closed by Escape`);
      await focusOn(el, `button[${action}]`, `the focus back on ${action} after Escape`);
      expect(toggle.getAttribute('aria-expanded')).to.equal('false');

      // Cancel, by a real click.
      await sendKeys({ press: 'Enter' });
      await focusOn(el, `input[${first}]`, `the focus in the ${action} panel again`);
      await click(buttonIn($(el, 'form.panel')!, 'Cancel')!);
      await until(() => !$(el, 'form.panel'), 5000, `the ${action} panel closed by Cancel`);
      await focusOn(el, `button[${action}]`, `the focus back on ${action} after Cancel`);
    }

    // Save, by Enter in the field: the subject, the nick, an invitation.
    const saves = [
      ['subject', 'a subject typed'],
      ['nick', 'visitor2'],
      ['invite', `bob@${domain}`],
    ] as const;
    for (const [action, text] of saves) {
      await click($(el, `[data-action="${action}"]`)!);
      await until(() => $(el, 'form.panel') && focused(el)?.localName === 'input', 5000, `the ${action} panel`);
      const input = focused(el) as HTMLInputElement;
      input.select();
      await sendKeys({ type: text });
      await sendKeys({ press: 'Enter' });
      await until(() => !$(el, 'form.panel'), 5000, `the ${action} panel closed by Save`);
      await focusOn(el, `button[${action}]`, `the focus back on ${action} after Save`);
      // The room's answer moves the toolbar (a subject line above it): wait for it before the next click.
      if (action === 'subject') await until(() => part(el, 'subject')?.textContent === text, 5000, 'the subject shown');
      if (action === 'nick') await until(() => occupantRow(el, text), 5000, 'the new nick');
    }
  });

  it('the occupant menu: Escape closes it and the focus is back on its "⋯"; "Private message" leaves the focus on it too; the owner’s menu fits its column', async function () {
    this.timeout(30000);
    const roomJid = await uniqueRoom('menu');
    const el = await roomElement(await account('alice'), roomJid, 'alice');
    await joined(el, 'alice');
    await peerInRoom(roomJid, 'ann');
    const row = await until(() => occupantRow(el, 'ann')?.querySelector('details'), 5000, 'ann in the list');
    const summary = row.querySelector('summary')!;

    await click(summary);
    await until(() => row.open && buttonIn(row, 'Private message'), 5000, 'the menu open, with its code');
    // The owner's menu (reason, affiliation) stays inside the occupant column and the element.
    const menu = row.querySelector<HTMLElement>('.menu')!;
    const column = part(el, 'occupants')!;
    expect(menu.scrollWidth, 'the menu’s content fits it').to.be.at.most(menu.clientWidth);
    expect(column.scrollWidth, 'the column does not scroll sideways').to.be.at.most(column.clientWidth);
    expect(menu.getBoundingClientRect().right).to.be.at.most(el.getBoundingClientRect().right + 0.5);
    await expect(el).to.be.accessible();
    expect(focusName(el)).to.equal('summary[⋯]');
    await sendKeys({ press: 'Escape' });
    expect(row.open, 'closed by Escape').to.equal(false);
    expect(focusName(el), 'the focus on the ⋯').to.equal('summary[⋯]');

    // By keyboard: Enter opens it, Tab reaches "Private message", Enter chooses it.
    await sendKeys({ press: 'Enter' });
    expect(row.open).to.equal(true);
    await sendKeys({ press: 'Tab' });
    expect(focusName(el)).to.equal('button[private]');
    const chat = new Promise<string>((resolve) =>
      el.addEventListener('xmpp-open-chat', (event) => resolve(event.detail.jid), { once: true }),
    );
    await sendKeys({ press: 'Enter' });
    expect(await chat).to.equal(`${roomJid}/ann`);
    expect(row.open).to.equal(false);
    expect(focusName(el), 'the focus back on the ⋯, not on <body>').to.equal('summary[⋯]');
  });

  it('the configuration form: its first field takes the focus, it does not overflow sideways; Escape and Cancel close it and give the focus back to "Configure room"', async function () {
    this.timeout(30000);
    const roomJid = await uniqueRoom('configure');
    const el = await roomElement(await account('alice'), roomJid, 'alice');
    await joined(el, 'alice');

    for (const close of ['Escape', 'Cancel'] as const) {
      // On a phone the second time.
      if (close === 'Cancel') await setViewport({ width: 360, height: 640 });
      const configure = await until(() => $<HTMLButtonElement>(el, '[data-action="configure"]'), 5000, 'configure button');
      await click(configure);
      const form = await until(() => part<HTMLFormElement>(el, 'room-config'), 5000, 'config form');
      await until(() => form.contains(focused(el)), 5000, 'the focus in the form');
      expect(form.scrollWidth, 'no sideways overflow').to.be.at.most(form.clientWidth);
      if (close === 'Escape') {
        await expect(el).to.be.accessible();
        await sendKeys({ press: 'Escape' });
      } else {
        await click(buttonIn(form, 'Cancel')!);
      }
      await until(() => !part(el, 'room-config'), 5000, `the form closed by ${close}`);
      await focusOn(el, 'button[configure]', `the focus back on Configure after ${close}`);
    }
  });

  it('"Load older messages" keeps the focus: on the button while it loads, on the list once the archive is complete', async function () {
    this.timeout(30000);
    const roomJid = await uniqueRoom('older');
    const ann = await inRoom(await account('alice'), roomJid, 'ann');
    for (let i = 1; i <= 30; i += 1) ann.send(`message ${i}`);
    await until(() => ann.timeline.every((i) => i.kind !== 'message' || !i.message.pending), 10000, 'reflections');
    const el = await roomElement(await account(), roomJid, 'reader', { history: 5 });
    await until(() => bodies(el).length === 5, 10000, 'join history');

    // Where the focus is at every frame while the pages load.
    const seen = new Set<string>();
    let sampling = true;
    const sample = () => {
      seen.add(focusName(el));
      if (sampling) requestAnimationFrame(sample);
    };
    const button = part(el, 'load-older')!;
    await click(button);
    requestAnimationFrame(sample);
    await until(() => bodies(el).length === 25 && part(el, 'load-older')?.getAttribute('aria-disabled') === 'false', 10000, 'first page');
    expect(focusName(el)).to.equal('button[load-older]');
    await sendKeys({ press: 'Enter' });
    await until(() => bodies(el).length === 30 && !part(el, 'load-older'), 10000, 'the whole archive, then no button');
    await focusOn(el, 'div[messages]', `the focus on the list`);
    sampling = false;
    expect([...seen].filter((name) => name !== 'button[load-older]' && name !== 'div[messages]'), 'the focus elsewhere while loading').to.deep.equal([]);
  });

  it('below 30rem the occupant list opens from its toggle over the messages; its occupants are reachable; Escape and the toggle close it', async function () {
    this.timeout(30000);
    await setViewport({ width: 360, height: 640 });
    const { el, roomJid } = await guestRoom('drawer');
    await peerInRoom(roomJid, 'ann');
    await until(() => occupantRow(el, 'ann'), 5000, 'ann in the list');
    const toggle = part<HTMLButtonElement>(el, 'occupants-toggle')!;
    const list = part(el, 'occupants')!;
    expect(toggle.getBoundingClientRect().width, 'the toggle shown').to.be.above(0);
    expect(getComputedStyle(list).display, 'the list closed').to.equal('none');
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    expect(toggle.getAttribute('aria-controls')).to.equal(list.id);
    expect(toggle.textContent.trim()).to.equal('Occupants (2)');

    await click(toggle);
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    const box = el.getBoundingClientRect();
    const shown = list.getBoundingClientRect();
    expect(shown.width, 'the list open').to.be.above(0);
    expect(shown.left, 'inside the element').to.be.at.least(box.left);
    expect(shown.right, 'inside the element').to.be.at.most(box.right + 0.5);
    for (const nick of ['visitor', 'ann']) {
      const rect = occupantRow(el, nick)!.getBoundingClientRect();
      expect(rect.height, `${nick} shown`).to.be.above(0);
      expect(rect.bottom, `${nick} inside the element`).to.be.at.most(box.bottom);
    }
    await expect(el).to.be.accessible();
    // The keyboard reaches the occupants' actions: Tab from the toggle goes into the list.
    await sendKeys({ press: 'Tab' });
    expect(list.contains(focused(el)), `the focus in the list (has ${focusName(el)})`).to.equal(true);
    await sendKeys({ press: 'Escape' });
    expect(getComputedStyle(list).display, 'closed by Escape').to.equal('none');
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    expect(focusName(el), 'the focus back on the toggle').to.equal('button[occupants-toggle]');

    // The toggle opens and closes it, by keyboard.
    await sendKeys({ press: 'Enter' });
    expect(getComputedStyle(list).display).to.not.equal('none');
    await sendKeys({ press: 'Enter' });
    expect(getComputedStyle(list).display).to.equal('none');

    // Wide again: the list is beside the messages, no toggle.
    await setViewport({ width: 800, height: 600 });
    await until(() => getComputedStyle(toggle).display === 'none', 2000, 'the toggle hidden');
    expect(getComputedStyle(list).display).to.not.equal('none');
  });

  it('"Load older messages" while the archive query is in flight: aria-busy and "Loading…" in the same box, the focus on it; then its label again', async function () {
    this.timeout(30000);
    const roomJid = await uniqueRoom('busy');
    const ann = await inRoom(await account('alice'), roomJid, 'ann');
    for (let i = 1; i <= 30; i += 1) ann.send(`message ${i}`);
    await until(() => ann.timeline.every((i) => i.kind !== 'message' || !i.message.pending), 10000, 'reflections');
    // The reader's link holds what comes in when told to: the archive's answer stays in flight until released.
    const { boshUrl, guestDomain } = await serverConfig();
    const options = { boshUrl, jid: guestDomain };
    const transport = new FlakyTransport(options);
    const sent: Element[] = [];
    const send = transport.send.bind(transport);
    transport.send = (stanza) => {
      sent.push(stanza);
      send(stanza);
    };
    const el = await roomElement(closeAfterTest(new Connection(transport, options)), roomJid, 'reader', { history: 5 });
    await until(() => bodies(el).length === 5, 10000, 'join history');

    const button = part<HTMLButtonElement>(el, 'load-older')!;
    expect(button.getAttribute('aria-busy')).to.equal('false');
    expect(button.innerText.trim(), 'the label shown').to.equal('Load older messages');
    const box = button.getBoundingClientRect();
    const queries = () =>
      sent.filter((s) => [...s.getElementsByTagName('query')].some((q) => namespaceOf(q) === 'urn:xmpp:mam:2')).length;
    const before = queries();
    transport.held = [];
    await click(button);
    await until(() => queries() > before, 5000, 'the archive query sent');
    await until(() => button.getAttribute('aria-busy') === 'true', 5000, 'the button busy');
    expect(part(el, 'load-older'), 'the same button').to.equal(button);
    expect(button.innerText.trim(), 'the label shown while loading').to.equal('Loading…');
    expect(button.getAttribute('aria-disabled')).to.equal('true');
    expect(getComputedStyle(button).cursor).to.equal('progress');
    const busyBox = button.getBoundingClientRect();
    expect([busyBox.x, busyBox.y, busyBox.width, busyBox.height], 'no layout jump').to.deep.equal([box.x, box.y, box.width, box.height]);
    expect(focusName(el)).to.equal('button[load-older]');
    await expect(el).to.be.accessible();
    // A second press while it loads asks nothing more.
    await sendKeys({ press: 'Enter' });
    expect(queries()).to.equal(before + 1);

    transport.release();
    await until(() => bodies(el).length === 25 && button.getAttribute('aria-busy') === 'false', 10000, 'the first older page');
    expect(button.innerText.trim()).to.equal('Load older messages');
    expect(focusName(el)).to.equal('button[load-older]');
  });

  it('below 30rem the drawer in dark mode: a dark, opaque surface with readable text (axe too), and on the page’s --xmpp-* colours', async function () {
    this.timeout(30000);
    await setViewport({ width: 360, height: 640 });
    await emulateMedia({ colorScheme: 'dark' });
    try {
      const { el, roomJid } = await guestRoom('dark-drawer');
      await peerInRoom(roomJid, 'ann');
      await until(() => occupantRow(el, 'ann'), 5000, 'ann in the list');
      expect(matchMedia('(prefers-color-scheme: dark)').matches).to.equal(true);
      await click(part(el, 'occupants-toggle')!);
      const list = part(el, 'occupants')!;
      expect(getComputedStyle(list).display, 'the drawer open').to.not.equal('none');

      const look = () => {
        const background = getComputedStyle(list).backgroundColor;
        const row = occupantRow(el, 'visitor')!;
        const nick = getComputedStyle(row.querySelector('.nick')!).color;
        const badge = getComputedStyle(row.querySelector('.badge')!).color;
        const heading = getComputedStyle(list.querySelector('h3')!).color;
        return { background, nick, badge, heading };
      };
      const dark = look();
      expect(rgba(dark.background).alpha, `the drawer opaque over the messages (${dark.background})`).to.equal(1);
      expect(luminance(dark.background), `a dark drawer (${dark.background})`).to.be.below(0.05);
      expect(contrast(dark.nick, dark.background), 'nick').to.be.at.least(7);
      expect(contrast(dark.badge, dark.background), '"(you)"').to.be.at.least(4.5);
      expect(contrast(dark.heading, dark.background), 'role heading').to.be.at.least(4.5);
      await expect(el).to.be.accessible();

      // The page's own colours win over the defaults.
      el.style.setProperty('--xmpp-bg', '#102030');
      el.style.setProperty('--xmpp-fg', '#f4f1e8');
      el.style.setProperty('--xmpp-muted', '#b8c4d0');
      const themed = look();
      expect(themed.background).to.equal('rgb(16, 32, 48)');
      expect(themed.nick).to.equal('rgb(244, 241, 232)');
      expect(contrast(themed.badge, themed.background), '"(you)" on the page’s colours').to.be.at.least(4.5);
      await expect(el).to.be.accessible();
    } finally {
      await emulateMedia({ colorScheme: 'light' });
    }
  });

  it('on a phone an open panel leaves the messages room and the composer in the element', async function () {
    this.timeout(30000);
    await setViewport({ width: 360, height: 640 });
    const { el } = await guestRoom('phone');
    await click($(el, '[data-action="invite"]')!);
    await until(() => $(el, 'form.panel'), 5000, 'the invite panel');
    const box = el.getBoundingClientRect();
    const composer = part(el, 'composer')!.getBoundingClientRect();
    expect(composer.bottom, 'the composer inside the element').to.be.at.most(box.bottom + 0.5);
    expect(composer.height).to.be.above(0);
    expect(part(el, 'messages')!.getBoundingClientRect().height, 'the messages keep some room').to.be.at.least(80);
    await expect(el).to.be.accessible();
  });
});
