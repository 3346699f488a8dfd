import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { XmppRoster } from '../../src/components/roster/roster.js';
import type { Connection } from '../../src/core/connection.js';
import { registry } from '../../src/core/registry.js';
import { Roster } from '../../src/core/roster.js';
import { parsePresence } from '../../src/core/stanzas.js';
import { xml } from '../../src/core/xml.js';
import { type Account, befriend, register, session } from './accounts.js';
import { part, parts, serverConfig, until } from '../harness.js';

/** The contact row whose name is this text. */
const contact = (el: Element, name: string) =>
  parts(el, 'contact').find((c) => c.querySelector('[part~="contact-name"]')?.textContent === name);

const sessions: Connection[] = [];
afterEach(() => {
  for (const c of sessions.splice(0)) c.logout();
});

/** A core session that has fetched its roster (an "interested resource", RFC 6121 §2.1.6). */
async function open(account: Account): Promise<Connection> {
  const connection = await session(account);
  sessions.push(connection);
  const own = Roster.for(connection);
  await until(() => own.loaded, 10000, 'the session roster');
  return connection;
}

/** Presence stanzas a connection receives. */
function presences(connection: Connection) {
  const got: Element[] = [];
  connection.on('presence', (s) => got.push(s));
  return got;
}

async function roster(account: Account, attrs: { for?: string } = {}): Promise<XmppRoster> {
  const { boshUrl } = await serverConfig();
  const el = await fixture<XmppRoster>(
    html`<xmpp-roster lang="en" bosh-url=${boshUrl} jid=${account.jid} for=${attrs.for ?? ''}></xmpp-roster>`,
  );
  await el.login(account.jid, account.password);
  return el;
}

describe('<xmpp-roster> on a real Prosody', () => {
  it('adds a contact through its form, shows its live presence (dnd, available, offline) and the roster on the next login', async () => {
    const { boshUrl } = await serverConfig();
    const [me, buddy] = await Promise.all([register('me'), register('buddy')]);
    const buddyPeer = await open(buddy);
    // The buddy approves whoever asks.
    buddyPeer.on('presence', (s) => {
      const info = parsePresence(s);
      if (info.type === 'subscribe') buddyPeer.send(xml('presence', { to: info.from, type: 'subscribed' }));
    });

    const el = await fixture<XmppRoster>(html`<xmpp-roster lang="en" bosh-url=${boshUrl} jid=${me.jid}></xmpp-roster>`);
    // The login form's code loads on demand.
    (await until(() => part<HTMLInputElement>(el, 'login-password'), 2000, 'the login form')).value = me.password;
    part(el, 'login-button')!.click();
    await until(() => el.shadowRoot!.textContent.includes('No contacts yet'), 10000, 'empty roster');
    await expect(el).to.be.accessible();

    part<HTMLInputElement>(el, 'add-jid')!.value = buddy.jid;
    part<HTMLInputElement>(el, 'add-name')!.value = 'Buddy';
    part(el, 'add-button')!.click();
    await until(() => contact(el, 'Buddy'), 10000, 'the new contact');
    await until(() => contact(el, 'Buddy')?.getAttribute('part') === 'contact available', 10000, 'buddy available');

    // The seed's presence.
    const changed = oneEvent(el, 'xmpp-presence');
    buddyPeer.send(
      xml('presence', {}, xml('status', {}, 'Do not disturb'), xml('priority', {}, '0'), xml('show', {}, 'dnd')),
    );
    expect((await changed).detail).to.include({ show: 'dnd', status: 'Do not disturb', type: 'available' });
    await until(() => contact(el, 'Buddy')?.getAttribute('part')?.includes('dnd'), 5000, 'dnd');
    const row = contact(el, 'Buddy')!;
    expect(row.querySelector('[part~="presence"]')!.textContent).to.contain('Do not disturb');
    await expect(el).to.be.accessible();

    buddyPeer.send(xml('presence'));
    await until(() => contact(el, 'Buddy')?.getAttribute('part') === 'contact available', 5000, 'available');
    buddyPeer.logout();
    await until(() => contact(el, 'Buddy')?.getAttribute('part') === 'contact offline', 5000, 'offline');

    // A new session on a new element fetches the roster from the server.
    el.logout();
    el.remove();
    await until(() => registry.size === 0, 5000, 'the connection closed');
    const again = await roster(me);
    expect(again.status).to.equal('online');
    await until(() => contact(again, 'Buddy'), 10000, 'the roster after login');
  });

  it('shows subscription requests: accept sends subscribed (and subscribe back), deny sends unsubscribed', async () => {
    const [me, friend, stranger] = await Promise.all([register('me'), register('friend'), register('stranger')]);
    const el = await roster(me);
    const friendPeer = await open(friend);
    const strangerPeer = await open(stranger);
    const friendGot = presences(friendPeer);
    const strangerGot = presences(strangerPeer);

    friendPeer.send(xml('presence', { to: me.jid, type: 'subscribe' }));
    strangerPeer.send(xml('presence', { to: me.jid, type: 'subscribe' }));
    await until(() => parts(el, 'request').length === 2, 10000, 'two requests');
    await expect(el).to.be.accessible();

    const friendRequest = parts(el, 'request').find((r) => r.textContent.includes(friend.jid))!;
    friendRequest.querySelector<HTMLButtonElement>('[part~="accept-button"]')!.click();
    await until(() => friendGot.some((s) => s.getAttribute('type') === 'subscribed'), 5000, 'subscribed');
    await until(() => friendGot.some((s) => s.getAttribute('type') === 'subscribe'), 5000, 'subscribe back');
    await until(() => contact(el, friend.jid), 5000, 'the friend in the roster');

    const strangerRequest = parts(el, 'request').find((r) => r.textContent.includes(stranger.jid))!;
    strangerRequest.querySelector<HTMLButtonElement>('[part~="deny-button"]')!.click();
    await until(() => strangerGot.some((s) => s.getAttribute('type') === 'unsubscribed'), 5000, 'unsubscribed');
    await until(() => parts(el, 'request').length === 0, 5000, 'no requests left');
    expect(contact(el, stranger.jid)).to.equal(undefined);
  });

  it('renames a contact inline and removes it after confirming, on the server', async () => {
    const [me, buddy] = await Promise.all([register('me'), register('buddy')]);
    await befriend(me, buddy);
    const el = await roster(me);
    // A second session of the same account watches the server's roster.
    const other = await open(me);
    const otherRoster = Roster.for(other);
    await until(() => otherRoster.loaded, 10000, 'second session roster');
    expect(otherRoster.item(buddy.jid)?.subscription).to.equal('both');

    await until(() => contact(el, buddy.jid), 10000, 'the contact');
    contact(el, buddy.jid)!.querySelector<HTMLButtonElement>('[part~="rename-button"]')!.click();
    await el.updateComplete;
    const input = part<HTMLInputElement>(el, 'rename-input')!;
    input.value = 'My <b>Buddy</b>';
    input.form!.requestSubmit();
    await until(() => otherRoster.item(buddy.jid)?.name === 'My <b>Buddy</b>', 5000, 'rename pushed');
    await until(() => contact(el, 'My <b>Buddy</b>'), 5000, 'new name shown');
    expect(el.shadowRoot!.querySelector('b')).to.equal(null);

    // The rename field closes once the server has answered (ejabberd pushes the new name before it answers).
    const removeButton = await until(
      () => contact(el, 'My <b>Buddy</b>')?.querySelector<HTMLButtonElement>('[part~="remove-button"]'),
      5000,
      'rename field closed',
    );
    removeButton.click();
    await el.updateComplete;
    expect(otherRoster.item(buddy.jid)).to.not.equal(undefined);
    part(el, 'remove-confirm')!.click();
    await until(() => otherRoster.item(buddy.jid) === undefined, 5000, 'removal pushed');
    await until(() => contact(el, 'My <b>Buddy</b>') === undefined, 5000, 'gone from the list');

    // A fresh roster get agrees.
    const third = await open(me);
    const fresh = Roster.for(third);
    await until(() => fresh.loaded, 10000, 'fresh roster');
    expect(fresh.items.map((i) => i.jid)).to.not.include(buddy.jid);
  });

  it('counts unread messages; choosing the contact clears them and opens it in the <xmpp-chat> named by for', async () => {
    const { boshUrl } = await serverConfig();
    const [me, buddy] = await Promise.all([register('me'), register('buddy')]);
    await befriend(me, buddy);
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="en">
      <xmpp-roster bosh-url=${boshUrl} jid=${me.jid} for="talk"></xmpp-roster>
      <xmpp-chat id="talk" bosh-url=${boshUrl} jid=${me.jid}></xmpp-chat>
    </div>`);
    const el = wrapper.querySelector('xmpp-roster')!;
    const chat = wrapper.querySelector('xmpp-chat')!;
    await el.login(me.jid, me.password);
    await until(() => contact(el, buddy.jid), 10000, 'the contact');
    const buddyPeer = await open(buddy);
    buddyPeer.send(xml('message', { to: me.jid, type: 'chat' }, xml('body', {}, 'one')));
    buddyPeer.send(xml('message', { to: me.jid, type: 'chat' }, xml('body', {}, 'two')));
    await until(() => contact(el, buddy.jid)?.querySelector('[part~="unread"]')?.textContent?.includes('2 unread'), 5000, 'unread 2');
    await expect(el).to.be.accessible();

    const opened = oneEvent<GlobalEventHandlersEventMap['xmpp-open-chat']>(el, 'xmpp-open-chat');
    contact(el, buddy.jid)!.querySelector<HTMLButtonElement>('button')!.click();
    expect((await opened).detail.jid).to.equal(buddy.jid);
    expect(chat.with).to.equal(buddy.jid);
    await el.updateComplete;
    expect(contact(el, buddy.jid)!.querySelector('[part~="unread"]')).to.equal(null);

    // While the chat shows the buddy, new messages from them are read.
    buddyPeer.send(xml('message', { to: me.jid, type: 'chat' }, xml('body', {}, 'three')));
    await until(() => chat.shadowRoot!.textContent.includes('three'), 10000, 'the chat shows the message');
    await el.updateComplete;
    expect(contact(el, buddy.jid)!.querySelector('[part~="unread"]')).to.equal(null);

    // The chat names the contact as the roster does.
    const shared = registry.acquire({ boshUrl, jid: me.jid });
    await Roster.for(shared).rename(buddy.jid, 'Buddy Holly');
    registry.release(shared);
    await until(() => chat.shadowRoot!.querySelector('[part~="title"]')?.textContent?.trim() === 'Buddy Holly', 5000, 'roster name in the chat');
  });

  it("names a contact the user gave no name by its vCard's FN (XEP-0054)", async () => {
    const [me, friend] = await Promise.all([register('vcme'), register('vcfriend')]);
    await befriend(me, friend);
    const them = await open(friend);
    // XEP-0054 §3.2: the friend publishes its vCard, as Gajim and Psi do.
    await them.sendIq(xml('iq', { type: 'set' }, xml('vCard', { xmlns: 'vcard-temp' }, xml('FN', {}, 'Frida Friend'), xml('NICKNAME', {}, 'frida'))));
    const el = await roster(me);
    await until(() => contact(el, 'Frida Friend'), 10000, "the friend's vCard name");
    expect(contact(el, friend.jid) === undefined).to.equal(true);
  });
});
