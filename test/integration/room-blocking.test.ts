import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { XmppRoom } from '../../src/components/room/room.js';
import type { Connection } from '../../src/core/connection.js';
import type { MucRoom } from '../../src/core/muc/index.js';
import { register, session } from './accounts.js';
import { bodies, closeAfterTest, deepActive, inRoom, joined, occupantRow, roomElement, timelineBodies, uniqueRoom, until, xml } from '../harness.js';

/*
 * XEP-0191 blocking from a room's occupant menu, on the real server: alice (signed in, the
 * element) blocks bob from his "⋯" by keyboard; the account's block list on the server gets
 * bob's real bare JID where the room shows it to alice (she is its owner), else his occupant
 * JID (room@service/bob); bob's messages leave alice's room (those shown before too) while
 * carol still gets them; Unblock brings them back. Fresh accounts: a block list outlives a test.
 */

const BLOCKING = 'urn:xmpp:blocking';

/** The block list as another session of the account gets it (§3.2). */
async function serverBlocklist(connection: Connection): Promise<string[]> {
  const answer = await connection.sendIq(xml('iq', { type: 'get' }, xml('blocklist', { xmlns: BLOCKING })));
  return Array.from(answer.getElementsByTagName('item'), (i) => i.getAttribute('jid') ?? '');
}


/** An element in a line (its tag, and its part or label or text), for assertions that say where the focus is. */
function named(node: Element | null): string {
  if (!node || node === document.body) return node ? 'body' : 'none';
  return `${node.localName}[${node.getAttribute('part') ?? node.getAttribute('aria-label') ?? node.textContent?.trim() ?? ''}]`;
}

/**
 * By keyboard, as a user: the focus on bob's "⋯", Enter opens his menu (its code loads), Tab to
 * the button with this part, Enter. Answers the "⋯".
 */
async function chooseInMenu(el: XmppRoom, nick: string, part: 'block-button' | 'unblock-button'): Promise<HTMLElement> {
  const menu = await until(() => occupantRow(el, nick)?.querySelector<HTMLDetailsElement>('[part~="occupant-actions"]'), 10000, `${nick}'s menu`);
  const summary = menu.querySelector('summary')!;
  summary.focus();
  await sendKeys({ press: 'Enter' });
  const button = await until(() => menu.open && menu.querySelector<HTMLButtonElement>(`[part~="${part}"]`), 10000, `${part} in the menu`);
  for (let i = 0; deepActive() !== button && i < 6; i += 1) await sendKeys({ press: 'Tab' });
  expect(named(deepActive()), `the focus on ${part}`).to.equal(named(button));
  await sendKeys({ press: 'Enter' });
  return summary;
}

/** A message bob sends as a client does; carol's room has it, then carol answers and alice's element shows that answer: bob's was delivered to alice before, if at all. */
async function bobSays(el: XmppRoom, bob: MucRoom, carol: MucRoom, text: string): Promise<void> {
  bob.send(text);
  await until(() => timelineBodies(carol).includes(text), 10000, `carol gets "${text}"`);
  const after = `carol after ${text}`;
  carol.send(after);
  await until(() => bodies(el).includes(after), 10000, `alice's room shows "${after}"`);
}

interface Scene {
  readonly el: XmppRoom;
  readonly roomJid: string;
  readonly bob: MucRoom;
  readonly carol: MucRoom;
  /** Another session of alice's account. */
  readonly other: Connection;
  /** alice's connection (the element's): the message stanzas that reached it. */
  readonly reached: string[];
  readonly bobJid: string;
}

/** alice's element, bob and carol in a fresh room; the owner is alice (`owner`) or carol. */
async function scene(owner: 'alice' | 'carol'): Promise<Scene> {
  const [alice, bobAccount, carolAccount] = await Promise.all([register('rbalice'), register('rbbob'), register('rbcarol')]);
  const roomJid = await uniqueRoom('blocking');
  const [aliceConnection, bobConnection, carolConnection, other] = await Promise.all(
    [alice, bobAccount, carolAccount, alice].map(async (a) => closeAfterTest(await session(a))),
  );
  const reached: string[] = [];
  aliceConnection.on('message', (stanza) => reached.push(stanza.getElementsByTagName('body')[0]?.textContent ?? ''));
  let carol: MucRoom | undefined;
  if (owner === 'carol') carol = await inRoom(carolConnection, roomJid, 'carol');
  const el = await roomElement(aliceConnection, roomJid, 'alice');
  await joined(el, 'alice');
  carol ??= await inRoom(carolConnection, roomJid, 'carol');
  const bob = await inRoom(bobConnection, roomJid, 'bob');
  await until(() => occupantRow(el, 'bob') && occupantRow(el, 'carol'), 10000, 'bob and carol listed');
  return { el, roomJid, bob, carol, other, reached, bobJid: bobAccount.jid };
}

/** Block, the messages gone and on the server's list as `blocked`; Unblock, back. */
async function blockAndUnblock(s: Scene, blocked: string): Promise<void> {
  const { el, bob, carol, other } = s;
  await bobSays(el, bob, carol, 'before the block');
  expect(bodies(el)).to.include('before the block');

  const summary = await chooseInMenu(el, 'bob', 'block-button');
  await until(() => occupantRow(el, 'bob')?.querySelector('[part~="blocked"]'), 10000, 'bob marked blocked');
  expect(occupantRow(el, 'bob')!.querySelector('[part~="blocked"]')!.textContent).to.equal('blocked');
  await expect(el).to.be.accessible();
  // The menu closed, the focus back on bob's "⋯" (not on <body>).
  expect(summary.closest('details')!.open).to.equal(false);
  expect(named(deepActive()), 'the focus on the ⋯ after Block').to.equal(named(summary));
  expect(deepActive() === summary).to.equal(true);
  expect(await serverBlocklist(other)).to.deep.equal([blocked]);
  // What bob said before is no longer shown; what he says now does not show either, carol gets it.
  expect(bodies(el)).to.not.include('before the block');
  await bobSays(el, bob, carol, 'while blocked');
  expect(bodies(el)).to.not.include('while blocked');

  const again = await chooseInMenu(el, 'bob', 'unblock-button');
  await until(() => !occupantRow(el, 'bob')?.querySelector('[part~="blocked"]'), 10000, 'bob no longer marked');
  expect(named(deepActive()), 'the focus on the ⋯ after Unblock').to.equal(named(again));
  expect(deepActive() === again).to.equal(true);
  expect(await serverBlocklist(other)).to.deep.equal([]);
  await bobSays(el, bob, carol, 'after the unblock');
  expect(bodies(el)).to.include('after the unblock');
  expect(bodies(el)).to.include('before the block');
}

describe('blocking from the room (XEP-0191, real server)', () => {
  // First: the other tests load room-blocking.ts into this page.
  it('a guest gets no Block in the menu, and the page never fetches the blocking code', async function () {
    this.timeout(30000);
    const roomJid = await uniqueRoom('blocking-guest');
    const el = await roomElement('guest', roomJid, 'guest');
    await joined(el, 'guest');
    const carolAccount = await register('rbcarol');
    await inRoom(closeAfterTest(await session(carolAccount)), roomJid, 'carol');
    const menu = await until(() => occupantRow(el, 'carol')?.querySelector<HTMLDetailsElement>('details'), 10000, "carol's menu");
    menu.querySelector('summary')!.click();
    await until(() => menu.querySelector('[data-action="private"]'), 10000, 'the menu open, with its code');
    expect(menu.querySelector('[part~="block-button"]')).to.equal(null);
    const fetched = performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname);
    expect(fetched.some((path) => path.includes('occupant-menu')), 'the menu code came').to.equal(true);
    expect(fetched.filter((path) => /components\/room\/room-(blocking|signed-in)|i18n\/en-blocking/.test(path))).to.deep.equal([]);
  });

  it("the owner blocks an occupant by his real JID: his messages leave her room (the server still relays them), carol's stay", async function () {
    this.timeout(60000);
    const s = await scene('alice');
    await blockAndUnblock(s, s.bobJid);
    // A bare JID block stops what bob sends from his own JID, not what the room relays from room@service/bob.
    expect(s.reached).to.include('while blocked');
  });

  it('a participant who does not see real JIDs blocks the occupant JID (room@service/nick): the server drops his messages', async function () {
    this.timeout(60000);
    const s = await scene('carol');
    expect(s.el.shadowRoot!.querySelector('[part~="occupant"]') !== null).to.equal(true);
    await blockAndUnblock(s, `${s.roomJid}/bob`);
    expect(s.reached).to.not.include('while blocked');
    expect(s.reached).to.include('after the unblock');
  });

});
