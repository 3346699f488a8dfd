// Alice's <xmpp-chat> with bob, signed in through its form, with `count` messages from bob
// ("message 1" … "message <count>") in her account's archive and `history` of them shown: for the
// tests of "Load older messages" (chat-a11y, load-older-place).
import { fixture, html } from '@open-wc/testing';
import type { XmppChat } from '../../src/components/chat/chat.js';
import { registry } from '../../src/core/registry.js';
import { type Account, register } from './accounts.js';
import { bodies, closeAfterTest, part, peer, serverConfig, until, xml } from '../harness.js';

export async function archivedChat(prefix: string, count: number, { history = 10, height = '' } = {}): Promise<{ el: XmppChat; alice: Account; bob: Account }> {
  const { boshUrl } = await serverConfig();
  const [alice, bob] = [await register(prefix), await register(prefix)];
  // Delivered to another session of alice's while it is online (not offline storage, which the
  // next login would get all of): her account's archive keeps them.
  const elsewhere = await peer(alice.jid, alice.password);
  let got = 0;
  elsewhere.on('message', (s) => (got += s.querySelector('body') ? 1 : 0));
  const bobPeer = closeAfterTest(await peer(bob.jid, bob.password));
  for (let i = 1; i <= count; i += 1) bobPeer.send(xml('message', { to: alice.jid, type: 'chat', id: `${prefix}-${i}` }, xml('body', {}, `message ${i}`)));
  await until(() => got === count, 10000, 'her other session to get them');
  elsewhere.logout();
  await until(() => registry.size === 0, 5000, 'earlier sessions closed');
  const el = await fixture<XmppChat>(html`<xmpp-chat style=${height ? `height: ${height}` : ''} bosh-url=${boshUrl} jid=${alice.jid} with=${bob.jid} history=${history}></xmpp-chat>`);
  const password = await until(() => part<HTMLInputElement>(el, 'login-password'), 5000, 'login form');
  password.value = alice.password;
  part<HTMLFormElement>(el, 'login-form')!.requestSubmit();
  await until(() => el.status === 'online', 10000, 'alice online');
  // The last page of the archive shows.
  await until(() => bodies(el).length === history && bodies(el).at(-1) === `message ${count}`, 15000, 'the last page of the history');
  return { el, alice, bob };
}
