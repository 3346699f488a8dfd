import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { XmppRoom } from '../../src/components/room/room.js';
import type { XmppRoster } from '../../src/components/roster/roster.js';
import type { Connection } from '../../src/core/connection.js';
import '../../src/define.js';
import { register, session } from './accounts.js';
import { $, closeAfterTest, occupantRow, part, parts, roomElement, serverConfig, uniqueRoom, until, xml } from '../harness.js';

/*
 * XEP-0402 PEP Native Bookmarks: Bookmark in a signed-in user's room toolbar publishes to the
 * account's `urn:xmpp:bookmarks:1` node; the roster's Rooms section lists it (another session gets
 * it pushed), opens it in the `rooms-for` container, opens autojoin rooms at login, and Remove
 * retracts it.
 */

const NODE = 'urn:xmpp:bookmarks:1';
const PUBSUB = 'http://jabber.org/protocol/pubsub';

/** The node's items as another session of the account reads them (§5.1): id -> the conference element. */
async function serverBookmarks(connection: Connection): Promise<Map<string, Element | undefined>> {
  try {
    const answer = await connection.sendIq(xml('iq', { type: 'get' }, xml('pubsub', { xmlns: PUBSUB }, xml('items', { node: NODE }))));
    return new Map(Array.from(answer.getElementsByTagName('item'), (i) => [i.getAttribute('id') ?? '', i.getElementsByTagName('conference')[0]]));
  } catch {
    // item-not-found: no node, no bookmarks.
    return new Map();
  }
}

/**
 * Publishes a bookmark as another client does (§5.3, example 8). ejabberd 23.01 takes only two of
 * its publish-options (resource-constraint otherwise), and its new PEP node would keep one item:
 * there the node is made with its configuration first (XEP-0060 §8.1.3), then published to with those two.
 */
async function publish(connection: Connection, room: string, attrs: { name?: string; autojoin: boolean; nick: string }): Promise<void> {
  try {
    await publishWith(connection, room, attrs, true);
  } catch {
    const field = (name: string, value: string) => xml('field', { var: name }, xml('value', {}, value));
    const config = xml(
      'x',
      { xmlns: 'jabber:x:data', type: 'submit' },
      xml('field', { var: 'FORM_TYPE', type: 'hidden' }, xml('value', {}, `${PUBSUB}#node_config`)),
      field('pubsub#persist_items', 'true'),
      field('pubsub#max_items', 'max'),
      field('pubsub#access_model', 'whitelist'),
    );
    await connection
      .sendIq(xml('iq', { type: 'set' }, xml('pubsub', { xmlns: PUBSUB }, xml('create', { node: NODE }), xml('configure', {}, config))))
      .catch(() => undefined);
    await publishWith(connection, room, attrs, false);
  }
}

function publishWith(connection: Connection, room: string, attrs: { name?: string; autojoin: boolean; nick: string }, all: boolean): Promise<Element> {
  const field = (name: string, value: string) => xml('field', { var: name }, xml('value', {}, value));
  return connection.sendIq(
    xml(
      'iq',
      { type: 'set' },
      xml(
        'pubsub',
        { xmlns: PUBSUB },
        xml(
          'publish',
          { node: NODE },
          xml('item', { id: room }, xml('conference', { xmlns: NODE, name: attrs.name, autojoin: String(attrs.autojoin) }, xml('nick', {}, attrs.nick))),
        ),
        xml(
          'publish-options',
          {},
          xml(
            'x',
            { xmlns: 'jabber:x:data', type: 'submit' },
            xml('field', { var: 'FORM_TYPE', type: 'hidden' }, xml('value', {}, `${PUBSUB}#publish-options`)),
            field('pubsub#persist_items', 'true'),
            all && field('pubsub#max_items', 'max'),
            all && field('pubsub#send_last_published_item', 'never'),
            field('pubsub#access_model', 'whitelist'),
          ),
        ),
      ),
    ),
  );
}

const bookmarkRow = (el: Element, text: string) => parts(el, 'bookmark').find((b) => b.querySelector('button.open')?.textContent?.trim() === text);
const roomsIn = (container: Element) => Array.from(container.querySelectorAll<XmppRoom>('xmpp-room'));

describe('bookmarks (XEP-0402, real server)', () => {
  it('Bookmark in the room toolbar reaches the server and another session; opening it joins in rooms-for; Remove retracts it', async () => {
    const me = await register('bkme');
    const roomJid = await uniqueRoom('bk');
    const [a, b, c] = await Promise.all([session(me), session(me), session(me)]).then((s) => s.map(closeAfterTest));
    const page = await fixture<HTMLElement>(html`<div lang="en">
      <xmpp-roster rooms-for="bk-rooms" .connection=${b}></xmpp-roster>
      <div id="bk-rooms"></div>
    </div>`);
    const roster = page.querySelector<XmppRoster>('xmpp-roster')!;
    const container = page.querySelector<HTMLElement>('#bk-rooms')!;
    const room = await roomElement(a, roomJid, 'bkname');
    await until(() => occupantRow(room, 'bkname')?.textContent?.includes('(you)'), 10000, 'joined');

    const toggle = await until(() => part<HTMLButtonElement>(room, 'bookmark-button'), 10000, 'the Bookmark button');
    expect(toggle.textContent.trim()).to.equal('Bookmark');
    toggle.click();
    await until(() => part(room, 'bookmark-button')?.textContent?.trim() === 'Remove bookmark', 10000, 'Remove bookmark');
    // The same button, relabelled: the focus stays on it.
    expect(part(room, 'bookmark-button')).to.equal(toggle);
    await expect(room).to.be.accessible();

    // The server's node holds it; the roster of another session got it pushed.
    const stored = (await serverBookmarks(c)).get(roomJid);
    expect(stored?.getAttribute('autojoin')).to.equal('true');
    expect(stored?.getElementsByTagName('nick')[0]?.textContent).to.equal('bkname');
    const row = await until(() => bookmarkRow(roster, roomJid), 10000, 'the pushed bookmark in the roster');
    await expect(roster).to.be.accessible();

    // The first session leaves; the roster's session opens the room from its bookmark.
    $<HTMLButtonElement>(room, '[data-action="leave"]')!.click();
    await until(() => !part(room, 'bookmark-button'), 10000, 'left');
    // Its unavailable presence is with the server (a stream's stanzas are handled in order).
    await a.ping();
    row.querySelector<HTMLButtonElement>('button.open')!.click();
    const opened = await until(() => roomsIn(container)[0], 5000, 'a room in rooms-for');
    expect(opened.getAttribute('room-jid')).to.equal(roomJid);
    await until(() => occupantRow(opened, 'bkname')?.textContent?.includes('(you)'), 10000, 'joined from the bookmark');
    // Opening it again shows the same element.
    row.querySelector<HTMLButtonElement>('button.open')!.click();
    expect(roomsIn(container).length).to.equal(1);
    await until(() => part(opened, 'bookmark-button')?.textContent?.trim() === 'Remove bookmark', 10000, 'its toggle');

    // Remove in the roster: retracted on the server, and the open room's toggle follows.
    const remove = part<HTMLButtonElement>(roster, 'bookmark-remove')!;
    expect(remove.getAttribute('aria-label')).to.equal(`Remove the bookmark of ${roomJid}`);
    remove.click();
    await until(() => !bookmarkRow(roster, roomJid), 10000, 'the bookmark gone from the roster');
    await until(() => part(opened, 'bookmark-button')?.textContent?.trim() === 'Bookmark', 10000, 'Bookmark again');
    expect((await serverBookmarks(c)).has(roomJid)).to.equal(false);
    expect(part(roster, 'bookmarks')).to.equal(null);
  });

  it('with autojoin, the bookmarks marked autojoin open into rooms-for at login; a guest room has no Bookmark', async () => {
    const me = await register('bkauto');
    const [auto, other] = [await uniqueRoom('bkauto'), await uniqueRoom('bkother')];
    const c = closeAfterTest(await session(me));
    await publish(c, auto, { name: 'Auto room', autojoin: true, nick: 'autonick' });
    await publish(c, other, { autojoin: false, nick: 'othernick' });
    const { boshUrl } = await serverConfig();
    const page = await fixture<HTMLElement>(html`<div>
      <xmpp-roster lang="en" bosh-url=${boshUrl} jid=${me.jid} rooms-for="bk-auto-rooms" autojoin></xmpp-roster>
      <div id="bk-auto-rooms"></div>
    </div>`);
    const roster = page.querySelector<XmppRoster>('xmpp-roster')!;
    const container = page.querySelector<HTMLElement>('#bk-auto-rooms')!;
    await roster.login(me.jid, me.password);
    try {
      const opened = await until(() => roomsIn(container)[0], 10000, 'the autojoin room');
      expect(opened.getAttribute('room-jid')).to.equal(auto);
      await until(() => occupantRow(opened, 'autonick')?.textContent?.includes('(you)'), 10000, 'joined at login');
      expect(roomsIn(container).length).to.equal(1);
      // Both listed, by name, else JID; the one not autojoined opens on a click.
      await until(() => bookmarkRow(roster, 'Auto room') && bookmarkRow(roster, other), 10000, 'both bookmarks');
      bookmarkRow(roster, other)!.querySelector<HTMLButtonElement>('button.open')!.click();
      const second = await until(() => roomsIn(container).find((r) => r.getAttribute('room-jid') === other), 5000, 'the second room');
      await until(() => occupantRow(second, 'othernick')?.textContent?.includes('(you)'), 10000, 'joined the second');

      const guest = await roomElement('guest', auto, 'bkguest');
      await until(() => occupantRow(guest, 'bkguest')?.textContent?.includes('(you)'), 10000, 'the guest joined');
      await until(() => part(opened, 'bookmark-button'), 10000, "the account's toggle");
      expect(part(guest, 'bookmark-button')).to.equal(null);
    } finally {
      roster.logout();
    }
  });

  it('without rooms-for, opening a bookmark asks the page with xmpp-join-room', async () => {
    const me = await register('bkevt');
    const roomJid = await uniqueRoom('bkevt');
    const c = closeAfterTest(await session(me));
    await publish(c, roomJid, { name: 'Event room', autojoin: false, nick: 'evnick' });
    const b = closeAfterTest(await session(me));
    const roster = await fixture<XmppRoster>(html`<xmpp-roster lang="zh-CN" .connection=${b}></xmpp-roster>`);
    const row = await until(() => bookmarkRow(roster, 'Event room'), 10000, 'the bookmark');
    // The zh-CN table loads on demand.
    await until(() => part(roster, 'bookmarks')?.querySelector('h3')?.textContent === '聊天室', 5000, 'the heading in Chinese');
    const event = oneEvent(roster, 'xmpp-join-room');
    row.querySelector<HTMLButtonElement>('button.open')!.click();
    expect((await event).detail).to.deep.equal({ room: roomJid, from: '', reason: '' });
  });
});
