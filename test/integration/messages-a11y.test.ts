import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { XmppRoom } from '../../src/components/room/room.js';
import { account, bodies, inRoom, joined, part, parts, peerInRoom, roomElement, uniqueRoom, until } from '../harness.js';

/*
 * What a screen reader hears of the message list: the log is busy while past messages
 * come in (the join's history, older pages), so only live ones are announced; every
 * message is an item of a list, named by its author, time and date.
 */

/** A message row's body text. */
const bodyOf = (row: Element) => row.querySelector('[part~="message-body"]')?.textContent ?? '';

/**
 * Watches the log from now on: for every message row it inserts, whether the log was
 * aria-busy at that moment (replaying the mutation records in their order).
 */
function watchLog(el: XmppRoom) {
  const log = part(el, 'messages')!;
  const records: MutationRecord[] = [];
  const observer = new MutationObserver((found) => records.push(...found));
  observer.observe(log, { attributes: true, attributeFilter: ['aria-busy'], attributeOldValue: true, childList: true, subtree: true });
  return {
    log,
    /** Each inserted message's body and whether the log was busy then. */
    inserted(): [string, boolean][] {
      records.push(...observer.takeRecords());
      const changes = records.filter((r) => r.type === 'attributes');
      // The value before each change is its oldValue; after it, the next one's oldValue (or the value now).
      const after = (change: MutationRecord) => changes[changes.indexOf(change) + 1]?.oldValue ?? log.getAttribute('aria-busy');
      let busy = (changes[0]?.oldValue ?? log.getAttribute('aria-busy')) === 'true';
      const rows: [string, boolean][] = [];
      for (const record of records) {
        if (record.type === 'attributes') busy = after(record) === 'true';
        for (const node of record.addedNodes) {
          if (node instanceof HTMLElement && node.matches('[part~="message"]')) rows.push([bodyOf(node), busy]);
        }
      }
      return rows;
    },
    stop: () => observer.disconnect(),
  };
}

describe('the message list for screen readers', () => {
  it('is busy while the join history and older pages come in, and not for live messages', async () => {
    const roomJid = await uniqueRoom('a11y-busy');
    const ann = await inRoom(await account('alice'), roomJid, 'ann');
    for (let i = 1; i <= 8; i += 1) ann.send(`old ${i}`);
    await until(() => ann.timeline.every((i) => i.kind !== 'message' || !i.message.pending), 10000, 'reflections');

    // A guest element logs in itself: the watch starts long before the room answers.
    const el = await roomElement('guest', roomJid, 'reader', { history: 3 });
    const watch = watchLog(el);
    try {
      await joined(el, 'reader');
      await until(() => bodies(el).length === 3 && watch.log.getAttribute('aria-busy') === 'false', 10000, 'the history, then not busy');
      expect(watch.inserted()).to.deep.equal([
        ['old 6', true],
        ['old 7', true],
        ['old 8', true],
      ]);

      ann.send('live one');
      await until(() => bodies(el).includes('live one'), 5000, 'the live message');
      expect(watch.inserted().at(-1)).to.deep.equal(['live one', false]);

      const button = part<HTMLButtonElement>(el, 'load-older')!;
      button.click();
      await until(() => bodies(el).length === 9 && watch.log.getAttribute('aria-busy') === 'false', 10000, 'the older page, then not busy');
      expect(bodies(el).slice(0, 5)).to.deep.equal(['old 1', 'old 2', 'old 3', 'old 4', 'old 5']);
      expect(watch.inserted().slice(4)).to.deep.equal([
        ['old 1', true],
        ['old 2', true],
        ['old 3', true],
        ['old 4', true],
        ['old 5', true],
      ]);
    } finally {
      watch.stop();
    }
  });

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

  it('gives the message list’s own controls (a message’s actions) at least 24 by 24 CSS pixels', async () => {
    const roomJid = await uniqueRoom('a11y-targets');
    const el = await roomElement('guest', roomJid, 'reader');
    await joined(el, 'reader');
    const ann = await peerInRoom(roomJid, 'ann');
    ann.room.send('look at this');
    await until(() => bodies(el).includes('look at this'), 5000, 'ann’s message');
    const row = () => parts(el, 'message').find((m) => bodyOf(m) === 'look at this');
    part(el, 'messages')!.focus();
    // rich.ts, which draws the actions, loads when the list is first focused: press until it moved the focus.
    for (let i = 0; el.shadowRoot!.activeElement !== row() && i < 20; i += 1) await sendKeys({ press: 'ArrowUp' });
    await until(() => part(el, 'react-button'), 5000, 'the message’s actions');
    const sizes = [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="message-actions"] button')].map((b) => b.getBoundingClientRect());
    expect(sizes.length).to.be.above(0);
    const small = sizes.filter((r) => r.width < 24 || r.height < 24).map((r) => `${r.width}×${r.height}`);
    expect(small.join(', ')).to.equal('');
  });
});

