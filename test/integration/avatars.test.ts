import { expect, fixture, html } from '@open-wc/testing';
import type { XmppChat } from '../../src/components/chat/chat.js';
import type { XmppRoom } from '../../src/components/room/room.js';
import type { XmppRoster } from '../../src/components/roster/roster.js';
import { Connection } from '../../src/core/connection.js';
import { registry } from '../../src/core/registry.js';
import '../../src/define.js';
import { befriend, register, session } from './accounts.js';
import { account, bodies, joined, part, parts, roomElement, serverConfig, uniqueRoom, until, xml } from '../harness.js';

/*
 * Avatars: a vCard PHOTO (XEP-0153) announced by hash in presence, as Gajim and Converse.js
 * send it in rooms (and servers for XEP-0084 avatars, XEP-0398); a letter avatar otherwise.
 */

/** A 2×1 PNG: its natural size shows the <img> holds these very bytes. */
const PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAYAAAD0In+KAAAAEUlEQVR4nGM4ISf3X07uxH8AECsEBxOnYNoAAAAASUVORK5CYII=';

/** A 3×1 PNG for XEP-0084, told apart from the vCard's 2×1 by its size. */
const PEP_PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAMAAAABCAYAAAAb4BS0AAAADklEQVR4nGOQWyD3H4YBIQoFknrJQJUAAAAASUVORK5CYII=';

/** XEP-0084 §4.1–4.2, as Conversations publishes an avatar: the data, then the metadata, open to all. */
async function publishPepAvatar(connection: Connection, base64: string, width: number, height: number): Promise<void> {
  const id = await sha1(base64);
  const open = xml(
    'publish-options',
    {},
    xml(
      'x',
      { xmlns: 'jabber:x:data', type: 'submit' },
      xml('field', { var: 'FORM_TYPE', type: 'hidden' }, xml('value', {}, 'http://jabber.org/protocol/pubsub#publish-options')),
      xml('field', { var: 'pubsub#access_model' }, xml('value', {}, 'open')),
    ),
  );
  const publish = (node: string, payload: Element) =>
    connection.sendIq(
      xml('iq', { type: 'set' }, xml('pubsub', { xmlns: 'http://jabber.org/protocol/pubsub' }, xml('publish', { node }, xml('item', { id }, payload)), open.cloneNode(true) as Element)),
    );
  await publish('urn:xmpp:avatar:data', xml('data', { xmlns: 'urn:xmpp:avatar:data' }, base64));
  const bytes = atob(base64).length;
  await publish(
    'urn:xmpp:avatar:metadata',
    xml('metadata', { xmlns: 'urn:xmpp:avatar:metadata' }, xml('info', { bytes: String(bytes), id, width: String(width), height: String(height), type: 'image/png' })),
  );
}

async function sha1(base64: string): Promise<string> {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-1', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** XEP-0054 §3.2: the account publishes its vCard with a PHOTO. */
async function publishVcard(connection: Connection, base64: string | undefined): Promise<void> {
  const photo = base64 ? [xml('PHOTO', {}, xml('TYPE', {}, 'image/png'), xml('BINVAL', {}, base64))] : [];
  await connection.sendIq(xml('iq', { type: 'set' }, xml('vCard', { xmlns: 'vcard-temp' }, xml('FN', {}, 'Bob'), ...photo)));
}

/** XEP-0045 §7.2 join presence carrying XEP-0153's hash, then a message. */
function joinWithPhoto(connection: Connection, roomJid: string, nick: string, hash: string | undefined): void {
  connection.send(
    xml(
      'presence',
      { to: `${roomJid}/${nick}` },
      xml('x', { xmlns: 'http://jabber.org/protocol/muc' }, xml('history', { maxstanzas: '0' })),
      xml('x', { xmlns: 'vcard-temp:x:update' }, ...(hash === undefined ? [] : [xml('photo', {}, hash)])),
    ),
  );
}

const avatarOf = (row: Element | undefined) => row?.querySelector('[part~="avatar"]') ?? null;
const rowOf = (el: HTMLElement, body: string) =>
  parts(el, 'message').find((m) => m.querySelector('[part="message-body"]')?.textContent === body);

afterEach(() => {
  registry.only()?.logout();
});

describe('avatars (real server)', () => {
  it('room: an occupant whose presence names a vCard photo shows it; others a letter avatar; a wrong hash stays a letter', async () => {
    const roomJid = await uniqueRoom('avatars');
    const bob = await account('bob');
    await publishVcard(bob, PNG_BASE64);
    const carol = await account('carol');
    await publishVcard(carol, PNG_BASE64);
    const el: XmppRoom = await roomElement('guest', roomJid, 'guest');
    await joined(el, 'guest');

    joinWithPhoto(bob, roomJid, 'bob', await sha1(PNG_BASE64));
    joinWithPhoto(carol, roomJid, 'carol', 'a'.repeat(40));
    await until(() => parts(el, 'occupant').length === 3, 10000, 'bob and carol in the room');
    bob.send(xml('message', { to: roomJid, type: 'groupchat' }, xml('body', {}, 'hello from bob')));
    carol.send(xml('message', { to: roomJid, type: 'groupchat' }, xml('body', {}, 'hello from carol')));
    await until(() => bodies(el).includes('hello from carol') && bodies(el).includes('hello from bob'), 10000, 'both messages');

    const picture = await until(() => avatarOf(rowOf(el, 'hello from bob'))?.matches('img') && avatarOf(rowOf(el, 'hello from bob')), 10000, 'bob’s picture');
    const img = picture as HTMLImageElement;
    await until(() => img.complete && img.naturalWidth > 0, 5000, 'the picture decoded');
    expect([img.naturalWidth, img.naturalHeight]).to.deep.equal([2, 1]);
    expect(img.src).to.match(/^blob:/);
    expect(img.getAttribute('alt')).to.equal('');
    // The occupant list shows the same picture.
    const listed = parts(el, 'occupant').find((o) => o.textContent.includes('bob'));
    await until(() => listed?.querySelector('img[part~="avatar"]')?.getAttribute('src') === img.src, 5000, 'bob’s picture in the list');

    // Carol announced a hash her photo does not have: not shown.
    const letter = avatarOf(rowOf(el, 'hello from carol'))!;
    expect(letter.matches('span')).to.equal(true);
    expect(letter.textContent?.trim()).to.equal('C');
    expect(letter.getAttribute('aria-hidden')).to.equal('true');
    // The guest's own message: a letter too.
    await el.send('mine');
    await until(() => rowOf(el, 'mine'), 5000, 'own message');
    expect(avatarOf(rowOf(el, 'mine'))?.textContent?.trim()).to.equal('G');
    await expect(el).to.be.accessible();
  });

  it('chat: bob’s messages show the picture of his vCard (the XEP-0153 fallback where he has no XEP-0084 avatar)', async () => {
    const { boshUrl, domain, users } = await serverConfig();
    const bob = await account('bob');
    await publishVcard(bob, PNG_BASE64);
    const el = await fixture<XmppChat>(html`<xmpp-chat bosh-url=${boshUrl} jid=${`alice@${domain}`} with=${`bob@${domain}`}></xmpp-chat>`);
    const password = await until(() => part<HTMLInputElement>(el, 'login-password'), 5000, 'login form');
    password.value = users['alice'];
    part<HTMLFormElement>(el, 'login-form')!.requestSubmit();
    await until(() => el.status === 'online', 10000, 'alice online');
    const text = `picture ${Date.now()}`;
    bob.send(xml('message', { to: `alice@${domain}`, type: 'chat' }, xml('body', {}, text)));
    await until(() => rowOf(el, text), 10000, 'bob’s message');
    const img = (await until(() => avatarOf(rowOf(el, text))?.matches('img') && avatarOf(rowOf(el, text)), 10000, 'bob’s picture')) as HTMLImageElement;
    await until(() => img.complete && img.naturalWidth > 0, 5000, 'the picture decoded');
    expect([img.naturalWidth, img.naturalHeight]).to.deep.equal([2, 1]);
    await expect(el).to.be.accessible();
  });

  it('roster: a contact whose presence names a vCard photo shows it; one without, a letter', async () => {
    const { boshUrl } = await serverConfig();
    const [me, buddy, quiet] = await Promise.all([register('me'), register('buddy'), register('quiet')]);
    await befriend(me, buddy);
    await befriend(me, quiet);
    const buddyPeer = await session(buddy);
    const quietPeer = await session(quiet);
    await publishVcard(buddyPeer, PNG_BASE64);
    // XEP-0153 §3.2: available presence with the photo's hash, to everyone subscribed.
    buddyPeer.send(xml('presence', {}, xml('x', { xmlns: 'vcard-temp:x:update' }, xml('photo', {}, await sha1(PNG_BASE64)))));
    quietPeer.send(xml('presence'));

    const el = await fixture<XmppRoster>(html`<xmpp-roster lang="en" bosh-url=${boshUrl} jid=${me.jid}></xmpp-roster>`);
    await el.login(me.jid, me.password);
    const row = (jid: string) => parts(el, 'contact').find((c) => c.textContent.includes(jid.split('@')[0]));
    const img = (await until(() => row(buddy.jid)?.querySelector('img[part~="avatar"]'), 10000, 'buddy’s picture')) as HTMLImageElement;
    await until(() => img.complete && img.naturalWidth > 0, 5000, 'the picture decoded');
    expect([img.naturalWidth, img.naturalHeight]).to.deep.equal([2, 1]);
    await until(() => row(quiet.jid)?.getAttribute('part') === 'contact available', 10000, 'quiet available');
    expect(row(quiet.jid)?.querySelector('[part~="avatar"]')?.textContent?.trim()).to.equal('Q');
    await expect(el).to.be.accessible();
    buddyPeer.logout();
    quietPeer.logout();
  });

  it('chat: a contact’s XEP-0084 avatar is fetched from PEP (metadata, then that item’s data), the vCard not asked', async () => {
    const { boshUrl } = await serverConfig();
    const [me, friend] = await Promise.all([register('me'), register('pep')]);
    await befriend(me, friend);
    const friendPeer = await session(friend);
    await publishPepAvatar(friendPeer, PEP_PNG_BASE64, 3, 1);

    // What the page asks: recorded at the connection, as the server receives it.
    const asked: string[] = [];
    // Put back as it was after the test; called with the connection as `this`.
    // eslint-disable-next-line @typescript-eslint/unbound-method
    const sendIq = Connection.prototype.sendIq;
    Connection.prototype.sendIq = function (this: Connection, iq: Element, timeout?: number) {
      if (iq.getAttribute('to') === friend.jid) asked.push(iq.querySelector('items')?.getAttribute('node') ?? iq.firstElementChild?.namespaceURI ?? '');
      return sendIq.call(this, iq, timeout);
    };
    try {
      const el = await fixture<XmppChat>(html`<xmpp-chat bosh-url=${boshUrl} jid=${me.jid} with=${friend.jid}></xmpp-chat>`);
      const password = await until(() => part<HTMLInputElement>(el, 'login-password'), 5000, 'login form');
      password.value = me.password;
      part<HTMLFormElement>(el, 'login-form')!.requestSubmit();
      await until(() => el.status === 'online', 10000, 'online');
      friendPeer.send(xml('message', { to: me.jid, type: 'chat' }, xml('body', {}, 'from my phone')));
      await until(() => rowOf(el, 'from my phone'), 10000, 'the message');
      const img = (await until(() => rowOf(el, 'from my phone')?.querySelector('img[part~="avatar"]'), 10000, 'the picture')) as HTMLImageElement;
      await until(() => img.complete && img.naturalWidth > 0, 5000, 'the picture decoded');
      expect([img.naturalWidth, img.naturalHeight]).to.deep.equal([3, 1]);
    } finally {
      Connection.prototype.sendIq = sendIq;
    }
    expect(asked).to.deep.equal(['urn:xmpp:avatar:metadata', 'urn:xmpp:avatar:data']);
    friendPeer.logout();
  });
});
