import { expect, fixture, html } from '@open-wc/testing';
import type { XmppRoster } from '../../src/components/roster/roster.js';
import type { Connection } from '../../src/core/connection.js';
import { registry } from '../../src/core/registry.js';
import '../../src/define.js';
import { befriend, register, session } from './accounts.js';
import { closeAfterTest, parts, serverConfig, until, xml } from '../harness.js';

/*
 * XEP-0191 blocking from the roster: Block puts the contact on the account's block list on the
 * server (which then bounces what they send), Unblock takes them off; the list comes from the server.
 */

const BLOCKING = 'urn:xmpp:blocking';

/** The block list as another session of the account gets it (§3.2). */
async function serverBlocklist(connection: Connection): Promise<string[]> {
  const answer = await connection.sendIq(xml('iq', { type: 'get' }, xml('blocklist', { xmlns: BLOCKING })));
  return Array.from(answer.getElementsByTagName('item'), (i) => i.getAttribute('jid') ?? '');
}

/** A chat message as a client sends it (RFC 6121 §5.2), and whether the server bounced it within a while. */
async function sendAndSeeBounce(from: Connection, to: string, body: string): Promise<boolean> {
  let bounced = false;
  const off = from.on('message', (stanza) => {
    if (stanza.getAttribute('type') === 'error' && stanza.getAttribute('id') === id) bounced = true;
  });
  const id = `m-${Math.random().toString(36).slice(2)}`;
  from.send(xml('message', { to, type: 'chat', id }, xml('body', {}, body)));
  // An answer from the server either way: a ping after the message comes back after any bounce.
  await from.ping();
  await until(() => bounced, 1500, 'a bounce').catch(() => undefined);
  off();
  return bounced;
}

const rowOf = (el: Element, jid: string) =>
  parts(el, 'contact').find((c) => c.querySelector('[part~="contact-name"]')?.textContent === jid);

/** A part inside the contact's row. */
const inRow = <T extends HTMLElement = HTMLElement>(el: Element, jid: string, name: string) =>
  rowOf(el, jid)?.querySelector<T>(`[part~="${name}"]`) ?? null;

afterEach(() => {
  registry.only()?.logout();
});

describe('blocking (XEP-0191, real server)', () => {
  it('Block on a contact puts it on the server block list, which bounces its messages; Unblock takes it off', async () => {
    const [me, friend] = await Promise.all([register('blkme'), register('blkfriend')]);
    await befriend(me, friend);
    const { boshUrl } = await serverConfig();
    const el = await fixture<XmppRoster>(html`<xmpp-roster lang="en" bosh-url=${boshUrl} jid=${me.jid}></xmpp-roster>`);
    await el.login(me.jid, me.password);
    const block = await until(() => inRow<HTMLButtonElement>(el, friend.jid, 'block-button'), 10000, 'the Block button');
    expect(block.textContent.trim()).to.equal('Block');
    const other = closeAfterTest(await session(me));
    const them = closeAfterTest(await session(friend));
    expect(await sendAndSeeBounce(them, me.jid, 'before')).to.equal(false);

    block.click();
    const unblock = await until(() => inRow<HTMLButtonElement>(el, friend.jid, 'unblock-button'), 10000, 'Unblock');
    expect(inRow(el, friend.jid, 'blocked')?.textContent).to.equal('blocked');
    expect((await serverBlocklist(other)).join(' ')).to.equal(friend.jid);
    expect(await sendAndSeeBounce(them, me.jid, 'while blocked')).to.equal(true);

    unblock.click();
    await until(() => inRow(el, friend.jid, 'block-button'), 10000, 'Block again');
    expect(inRow(el, friend.jid, 'blocked') === null).to.equal(true);
    expect((await serverBlocklist(other)).join(' ')).to.equal('');
    expect(await sendAndSeeBounce(them, me.jid, 'after')).to.equal(false);
  });

  it("shows the server's block list at login, and follows a block made by another session (a push)", async () => {
    const [me, friend] = await Promise.all([register('blkme2'), register('blkfr2')]);
    await befriend(me, friend);
    const other = closeAfterTest(await session(me));
    await other.sendIq(xml('iq', { type: 'set' }, xml('block', { xmlns: BLOCKING }, xml('item', { jid: friend.jid }))));
    const { boshUrl } = await serverConfig();
    const el = await fixture<XmppRoster>(html`<xmpp-roster lang="en" bosh-url=${boshUrl} jid=${me.jid}></xmpp-roster>`);
    await el.login(me.jid, me.password);
    await until(() => inRow(el, friend.jid, 'unblock-button'), 10000, 'blocked at login');
    // §3.4: the other session unblocks everyone; the server pushes it to this one.
    await other.sendIq(xml('iq', { type: 'set' }, xml('unblock', { xmlns: BLOCKING })));
    await until(() => inRow(el, friend.jid, 'block-button'), 10000, 'the push');
    expect(inRow(el, friend.jid, 'blocked') === null).to.equal(true);
  });
});
