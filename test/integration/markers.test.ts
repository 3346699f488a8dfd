import { expect, fixture, html } from '@open-wc/testing';
import type { XmppChat } from '../../src/components/chat/chat.js';
import { registry } from '../../src/core/registry.js';
import { account, bodies, joined, parts, peerInRoom, roomElement, serverConfig, uniqueRoom, until, xml } from '../harness.js';

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
