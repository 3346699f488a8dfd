import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { XmppPresence } from '../../src/components/presence/presence.js';
import type { Connection } from '../../src/core/connection.js';
import { parsePresence } from '../../src/core/stanzas.js';
import { befriend, register, session } from './accounts.js';
import { part, serverConfig, until } from '../harness.js';

const sessions: Connection[] = [];
afterEach(() => {
  for (const c of sessions.splice(0)) c.logout();
});

describe('<xmpp-presence> on a real Prosody', () => {
  it('sends the chosen show and status to a contact, shows the same in a second element, and sends it again after logout/login', async () => {
    const { boshUrl } = await serverConfig();
    const [me, buddy] = await Promise.all([register('me'), register('buddy')]);
    await befriend(me, buddy);
    const buddyPeer = await session(buddy);
    sessions.push(buddyPeer);
    const got: ReturnType<typeof parsePresence>[] = [];
    buddyPeer.on('presence', (s) => {
      const info = parsePresence(s);
      if (info.from.startsWith(`${me.jid}/`)) got.push(info);
    });

    const wrapper = await fixture<HTMLDivElement>(html`<div lang="en">
      <xmpp-presence bosh-url=${boshUrl} jid=${me.jid}></xmpp-presence>
      <xmpp-presence bosh-url=${boshUrl} jid=${me.jid}></xmpp-presence>
      <xmpp-roster bosh-url=${boshUrl} jid=${me.jid} login-form></xmpp-roster>
    </div>`);
    const [one, two] = [...wrapper.querySelectorAll<XmppPresence>('xmpp-presence')] as [XmppPresence, XmppPresence];
    const rosterEl = wrapper.querySelector('xmpp-roster')!;
    await one.login(me.jid, me.password);
    await until(() => got.some((p) => p.type === 'available'), 10000, 'initial presence');
    await one.updateComplete;
    await expect(one).to.be.accessible();

    const select = part<HTMLSelectElement>(one, 'show-select')!;
    select.value = 'dnd';
    select.dispatchEvent(new Event('change'));
    part<HTMLInputElement>(one, 'status-input')!.focus();
    await sendKeys({ type: 'In a meeting' });
    await sendKeys({ press: 'Enter' });
    await until(() => got.some((p) => p.show === 'dnd' && p.status === 'In a meeting'), 5000, 'dnd with status');

    await two.updateComplete;
    expect(part<HTMLSelectElement>(two, 'show-select')!.value).to.equal('dnd');
    expect(part<HTMLInputElement>(two, 'status-input')!.value).to.equal('In a meeting');

    // Logging out from one element takes every element on the connection offline.
    two.logout();
    await until(
      () => [one, two, rosterEl].every((e) => e.getAttribute('status') === 'offline'),
      5000,
      'all offline',
    );
    // ejabberd may take a few seconds to end the BOSH session and tell the contact.
    await until(() => got.at(-1)?.type === 'unavailable', 15000, 'unavailable');
    // One login form for the three elements on the connection, where the page put `login-form`
    // (loaded on demand and drawn on the element's next update), and one status announcement.
    await until(() => part(rosterEl, 'login-form'), 5000, 'the login form on the roster');
    expect([one, two].map((e) => !!part(e, 'login-form')), 'no form on the presence elements').to.deep.equal([false, false]);
    expect([one, two, rosterEl].map((e) => part(e, 'status')!.getAttribute('role'))).to.deep.equal(['none', 'none', 'status']);

    // The next login sends the same presence.
    got.length = 0;
    await one.login(me.jid, me.password);
    await until(() => got.some((p) => p.type === 'available'), 10000, 'presence after login');
    const first = got.find((p) => p.type === 'available')!;
    expect(first).to.include({ show: 'dnd', status: 'In a meeting' });
    await until(() => rosterEl.getAttribute('status') === 'online', 5000, 'roster online too');
    one.logout();
  });
});
