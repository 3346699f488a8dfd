/**
 * "Load older messages" keeps the reader's place (issue 11): the message at the top of the list
 * when it is pressed stays where it was on screen once the older page is in, in a room and in a
 * chat. Real servers, real archive; the list is short enough to scroll.
 */
import { expect } from '@open-wc/testing';
import type { XmppRoom } from '../../src/components/room/room.js';
import { registry } from '../../src/core/registry.js';
import { archivedChat } from './archived-chat.js';
import { account, bodies, inRoom, part, parts, roomElement, uniqueRoom, until } from '../harness.js';

/** Where the row of `text` is, in px from the top of the visible part of its list. */
function placeOf(el: Element, text: string): number {
  const list = part(el, 'messages')!;
  const row = parts(el, 'message').find((m) => m.querySelector('[part~="message-body"]')?.textContent === text)!;
  return Math.round(row.getBoundingClientRect().top - list.getBoundingClientRect().top);
}

describe('"Load older messages" keeps the reader\'s place (real server)', () => {
  it('room: the message at the top stays at the top, the older page above it', async function () {
    this.timeout(30000);
    const roomJid = await uniqueRoom('place');
    const ann = await inRoom(await account('alice'), roomJid, 'ann');
    for (let i = 1; i <= 30; i += 1) ann.send(`message ${i}`);
    await until(() => ann.timeline.every((i) => i.kind !== 'message' || !i.message.pending), 10000, 'reflections');
    const el: XmppRoom = await roomElement(await account(), roomJid, 'reader', { history: 10 });
    el.style.height = '420px';
    el.style.display = 'flex';
    await until(() => bodies(el).length === 10, 10000, 'join history');
    const list = part(el, 'messages')!;
    await until(() => list.scrollHeight > list.clientHeight + 50, 5000, 'a list that scrolls');
    // The reader scrolls up to the oldest message shown and asks for more.
    list.scrollTop = 0;
    const top = bodies(el)[0];
    const before = placeOf(el, top);
    part<HTMLButtonElement>(el, 'load-older')!.click();
    await until(() => bodies(el).length > 10 && el.shadowRoot!.querySelector('[part~="load-older"][aria-busy="true"]') === null, 10000, 'the older page');
    await el.updateComplete;
    await new Promise(requestAnimationFrame);
    expect(bodies(el).indexOf(top), 'the older page above it').to.be.greaterThan(0);
    expect(placeOf(el, top), `"${top}" where it was`).to.be.within(before - 2, before + 2);
  });

  it('chat: the message at the top stays at the top, the older page above it', async function () {
    this.timeout(30000);
    const { el } = await archivedChat('placechat', 30, { height: '420px' });
    const list = part(el, 'messages')!;
    await until(() => list.scrollHeight > list.clientHeight + 50, 5000, 'a list that scrolls');
    list.scrollTop = 0;
    const top = bodies(el)[0];
    const before = placeOf(el, top);
    part<HTMLButtonElement>(el, 'load-older')!.click();
    await until(() => bodies(el).length === 20 && part(el, 'load-older')?.getAttribute('aria-busy') === 'false', 10000, 'the older page');
    await new Promise(requestAnimationFrame);
    expect(bodies(el).indexOf(top), 'the older page above it').to.equal(10);
    expect(placeOf(el, top), `"${top}" where it was`).to.be.within(before - 2, before + 2);
    registry.only()?.logout();
  });
});
