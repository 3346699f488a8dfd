import { expect } from '@open-wc/testing';
import { bodies, joined, parts, peerInRoom, roomElement, uniqueRoom, until } from '../harness.js';

/* What a screen reader hears of the message list: every message is an item of a list, named by its author, date and time. */

/** A message row's body text. */
const bodyOf = (row: Element) => row.querySelector('[part~="message-body"]')?.textContent ?? '';

describe('the message list for screen readers', () => {
  it('lists messages, each named by its author, date and time; in Chinese through the message tables', async () => {
    const roomJid = await uniqueRoom('a11y-names');
    const el = await roomElement('guest', roomJid, 'reader');
    await joined(el, 'reader');
    const ann = await peerInRoom(roomJid, 'ann');
    ann.room.send('hello there');
    await until(() => bodies(el).includes('hello there'), 5000, 'ann’s message');

    const row = parts(el, 'message').find((m) => bodyOf(m) === 'hello there')!;
    const stamp = new Date(row.querySelector('time')!.getAttribute('datetime')!);
    const at = (lang: string) => new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(stamp);
    const name = `ann, ${at('en')}`;
    expect(row.getAttribute('role')).to.equal('listitem');
    expect(row.parentElement?.getAttribute('role')).to.equal('list');
    expect(row.parentElement?.closest('[part~="messages"]')?.getAttribute('role')).to.equal('log');
    expect(row.getAttribute('aria-label')).to.equal(name);
    await expect(el).to.be.accessible();

    el.setAttribute('lang', 'zh-CN');
    await until(() => row.getAttribute('aria-label') === `ann，${at('zh-CN')}`, 5000, 'the Chinese name');
  });
});
