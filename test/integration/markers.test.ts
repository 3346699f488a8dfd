import { expect, fixture, html } from '@open-wc/testing';
import type { XmppChat } from '../../src/components/chat/chat.js';
import { registry } from '../../src/core/registry.js';
import { account, bodies, joined, parts, peerInRoom, roomElement, serverConfig, uniqueRoom, until, xml } from '../harness.js';
import { register } from './accounts.js';

/*
 * Chat markers (XEP-0333), as Conversations and Dino send them: a message asks with
 * <markable/>, the reader's client answers <displayed id="…"/> (type chat, with a store hint)
 * for the newest message it has shown, which marks the earlier ones too.
 */
const MARKERS = 'urn:xmpp:chat-markers:0';

const token = () => Math.random().toString(36).slice(2, 8);

describe('read markers (XEP-0333) in <xmpp-chat>, on a real server', () => {
  afterEach(() => registry.only()?.logout());

  it('sends markable messages, shows the contact’s displayed marker, and marks what the user has seen', async () => {
    const { boshUrl, domain, users } = await serverConfig();
    const alice = `alice@${domain}`;
    const bob = await account('bob');
    const bobGot: Element[] = [];
    bob.on('message', (s) => bobGot.push(s));
    await until(() => registry.size === 0, 5000, 'earlier sessions closed');
    const el = await fixture<XmppChat>(html`<xmpp-chat lang="en" bosh-url=${boshUrl} jid=${alice} with=${`bob@${domain}`} history="0"></xmpp-chat>`);
    await el.login(alice, users['alice']);
    await until(() => el.status === 'online', 10000, 'alice online');
    const t = token();

    // Alice's messages ask to be marked.
    await el.send(`first ${t}`);
    await el.send(`second ${t}`);
    const second = await until(() => bobGot.find((s) => s.querySelector('body')?.textContent === `second ${t}`), 5000, 'bob to get it');
    const first = bobGot.find((s) => s.querySelector('body')?.textContent === `first ${t}`)!;
    expect(second.querySelector('markable')?.getAttribute('xmlns')).to.equal(MARKERS);

    // Bob's client shows the second: both of alice's are read. Like Conversations, it answers
    // the resource that wrote (another alice session may still be closing on the server).
    const aliceFull = second.getAttribute('from')!;
    bob.send(xml('message', { to: aliceFull, type: 'chat', id: `d-${t}` }, xml('displayed', { xmlns: MARKERS, id: second.getAttribute('id')! }), xml('store', { xmlns: 'urn:xmpp:hints' })));
    await until(() => parts(el, 'receipt').filter((r) => r.getAttribute('part') === 'receipt displayed').length === 2, 5000, 'read marks');
    expect(parts(el, 'receipt').map((r) => r.getAttribute('aria-label'))).to.deep.equal(['Read', 'Read']);
    expect(first.querySelector('markable')).to.not.equal(null);

    // Bob writes a markable message; alice's page is visible and focused, so she has seen it.
    window.focus();
    const id = `bob-${t}`;
    bob.send(xml('message', { to: aliceFull, type: 'chat', id }, xml('body', {}, `seen? ${t}`), xml('markable', { xmlns: MARKERS })));
    await until(() => bodies(el).includes(`seen? ${t}`), 5000, 'bob’s message on screen');
    const marker = await until(() => bobGot.find((s) => s.querySelector(`displayed[id="${id}"]`)), 5000, 'alice’s displayed marker');
    expect(marker.querySelector('displayed')!.getAttribute('xmlns')).to.equal(MARKERS);
    expect(marker.getAttribute('type')).to.equal('chat');
    // Once per message.
    bob.send(xml('message', { to: aliceFull, type: 'chat', id: `plain-${t}` }, xml('body', {}, `no marker asked ${t}`)));
    await until(() => bodies(el).includes(`no marker asked ${t}`), 5000, 'the next message');
    expect(bobGot.filter((s) => s.querySelector('displayed'))).to.have.length(1);
  });

  it('marks nothing while the element is not shown (display:none) or its list is scrolled up; marks once the user can see it', async () => {
    const { boshUrl, domain, users } = await serverConfig();
    const alice = `alice@${domain}`;
    const bob = await account('bob');
    const bobGot: Element[] = [];
    bob.on('message', (s) => bobGot.push(s));
    await until(() => registry.size === 0, 5000, 'earlier sessions closed');
    const el = await fixture<XmppChat>(
      html`<xmpp-chat lang="en" style="display: none; --xmpp-chat-height: 10rem" bosh-url=${boshUrl} jid=${alice} with=${`bob@${domain}`} history="0"></xmpp-chat>`,
    );
    await el.login(alice, users['alice']);
    await until(() => el.status === 'online', 10000, 'alice online');
    const aliceFull = registry.only()!.jid;
    const t = token();
    const markedIds = () => bobGot.flatMap((s) => [...s.getElementsByTagNameNS(MARKERS, 'displayed')].map((d) => d.getAttribute('id')));
    const markable = (id: string, text: string) =>
      bob.send(xml('message', { to: aliceFull, type: 'chat', id }, xml('body', {}, text), xml('markable', { xmlns: MARKERS })));
    window.focus();

    // Hidden: the message is in the (unrendered) list, the page has the focus; nothing is marked.
    markable(`hidden-${t}`, `while hidden ${t}`);
    await until(() => bodies(el).includes(`while hidden ${t}`), 5000, 'the message in the hidden list');
    // Alice's next stanza reaches bob after any marker sent before it.
    await el.send(`probe ${t}`);
    await until(() => bobGot.some((s) => s.querySelector('body')?.textContent === `probe ${t}`), 5000, 'the probe at bob');
    expect(markedIds()).to.deep.equal([]);
    // Shown: now it is seen.
    el.style.display = '';
    await until(() => markedIds().includes(`hidden-${t}`), 5000, 'the marker once shown');

    // Scrolled up, away from the newest message: what arrives is not seen until the reader scrolls down.
    for (let i = 0; i < 12; i += 1) markable(`fill-${i}-${t}`, `line ${i} ${t}`);
    await until(() => markedIds().includes(`fill-11-${t}`), 5000, 'the last line seen at the bottom');
    const list = parts(el, 'messages')[0];
    expect(list.scrollHeight, 'the list scrolls').to.be.above(list.clientHeight + 100);
    list.scrollTop = 0;
    await until(() => list.scrollTop === 0, 2000, 'scrolled up');
    markable(`up-${t}`, `while scrolled up ${t}`);
    await until(() => bodies(el).includes(`while scrolled up ${t}`), 5000, 'the message in the list');
    const probe = `probe-2-${t}`;
    registry.only()!.send(xml('message', { to: `bob@${domain}`, type: 'chat', id: probe }, xml('body', {}, probe)));
    await until(() => bobGot.some((s) => s.getAttribute('id') === probe), 5000, 'the second probe at bob');
    expect(markedIds()).to.not.include(`up-${t}`);
    list.scrollTop = list.scrollHeight;
    await until(() => markedIds().includes(`up-${t}`), 5000, 'the marker once scrolled down');
    expect(markedIds().filter((id) => id === `up-${t}`)).to.have.length(1);
  });

  it('marks a message delivered from offline storage once the user sees it', async () => {
    const { boshUrl, domain } = await serverConfig();
    // A new account has no session anywhere: what bob sends waits in offline storage.
    const reader = await register('markers');
    const bob = await account('bob');
    const bobGot: Element[] = [];
    bob.on('message', (s) => bobGot.push(s));
    const id = `offline-${token()}`;
    bob.send(
      xml(
        'message',
        { to: reader.jid, type: 'chat', id },
        xml('body', {}, `while you were away ${id}`),
        xml('markable', { xmlns: MARKERS }),
        xml('origin-id', { xmlns: 'urn:xmpp:sid:0', id }),
      ),
    );
    // Bob's next stanza to the reader's server is handled after the first: a ping back says it was stored.
    await bob.ping();
    await until(() => registry.size === 0, 5000, 'earlier sessions closed');
    const el = await fixture<XmppChat>(html`<xmpp-chat lang="en" bosh-url=${boshUrl} jid=${reader.jid} with=${`bob@${domain}`}></xmpp-chat>`);
    window.focus();
    await el.login(reader.jid, reader.password);
    await until(() => bodies(el).includes(`while you were away ${id}`), 10000, 'the offline message shown');
    const marker = await until(() => bobGot.find((s) => s.getElementsByTagNameNS(MARKERS, 'displayed')[0]?.getAttribute('id') === id), 5000, 'the marker at bob');
    expect(marker.getAttribute('type')).to.equal('chat');
  });

  it('room: own messages are markable too', async () => {
    const roomJid = await uniqueRoom('markable');
    const el = await roomElement('guest', roomJid, 'writer');
    await joined(el, 'writer');
    const ann = await peerInRoom(roomJid, 'ann');
    const got: Element[] = [];
    ann.connection.on('message', (s) => got.push(s));
    await el.send('mark me');
    const message = await until(() => got.find((s) => s.querySelector('body')?.textContent === 'mark me'), 5000, 'ann to get it');
    expect(message.querySelector('markable')?.getAttribute('xmlns')).to.equal(MARKERS);
  });
});
