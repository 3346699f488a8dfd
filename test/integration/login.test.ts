import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/define.js';
import type { XmppRoom } from '../../src/components/room/room.js';
import { part, serverConfig, uniqueRoom, until } from '../harness.js';

function submit(el: Element, password: string, jid?: string): void {
  if (jid !== undefined) part<HTMLInputElement>(el, 'login-jid')!.value = jid;
  part<HTMLInputElement>(el, 'login-password')!.value = password;
  part<HTMLButtonElement>(el, 'login-button')!.click();
}

describe('the login form, against a real Prosody', () => {
  it('asks only for the password when jid names a user; a wrong one gives auth-failed and the form again', async () => {
    const { boshUrl, users } = await serverConfig();
    const roomJid = await uniqueRoom('login');
    const el = await fixture<XmppRoom>(
      html`<xmpp-room bosh-url=${boshUrl} jid="alice@localhost" room-jid=${roomJid}></xmpp-room>`,
    );
    // The form's code loads on demand: guests' pages never need it.
    await until(() => part(el, 'login-form'), 2000, 'the login form');
    expect(part<HTMLInputElement>(el, 'login-jid')?.type).to.equal('hidden');
    await expect(el).to.be.accessible();

    const failed = oneEvent<GlobalEventHandlersEventMap['xmpp-error']>(el, 'xmpp-error');
    submit(el, 'not-the-password');
    expect((await failed).detail.condition).to.equal('not-authorized');
    await until(() => el.getAttribute('status') === 'auth-failed', 10000, 'auth-failed');
    expect(part(el, 'error')?.textContent).to.contain('Wrong JID or password');
    expect(part(el, 'login-form')).to.not.equal(null);
    expect(part<HTMLInputElement>(el, 'login-password')?.value).to.equal('');

    const password = users['alice'];
    submit(el, password);
    await until(() => el.getAttribute('status') === 'online', 10000, 'online');
    await until(() => part(el, 'occupant'), 10000, 'joined as alice');
    expect(part(el, 'login-form')).to.equal(null);
    expect(part(el, 'error')).to.equal(null);
    expect(part(el, 'occupant')?.textContent).to.contain('alice');
    // The password is nowhere in the page or its storage.
    expect(document.documentElement.outerHTML).to.not.contain(password);
    expect(el.shadowRoot!.innerHTML).to.not.contain(password);
    expect(JSON.stringify({ ...sessionStorage })).to.not.contain(password);
    expect(JSON.stringify({ ...localStorage })).to.not.contain(password);
    expect(document.cookie).to.not.contain(password);
    el.logout();
    await until(() => el.getAttribute('status') === 'offline', 5000, 'offline');
    await until(() => part(el, 'login-form'), 2000, 'the login form again');
  });

  it('asks for JID and password when the element has no jid', async () => {
    const { boshUrl, users } = await serverConfig();
    const el = await fixture<XmppRoom>(html`<xmpp-room bosh-url=${boshUrl} room-jid=${await uniqueRoom('nojid')}></xmpp-room>`);
    await until(() => part(el, 'login-form'), 2000, 'the login form');
    expect(part<HTMLInputElement>(el, 'login-jid')?.type).to.equal('text');
    submit(el, users['bob'], 'bob@localhost');
    await until(() => el.getAttribute('status') === 'online', 10000, 'online');
    el.logout();
  });

  it('says clearly when the server cannot be reached, and offers a retry', async () => {
    const { guestDomain } = await serverConfig();
    // A loopback port where nothing listens.
    const el = await fixture<XmppRoom>(
      html`<xmpp-room bosh-url="http://127.0.0.1:9/http-bind" jid=${guestDomain} room-jid="x@conference.localhost"></xmpp-room>`,
    );
    const failure = await oneEvent<GlobalEventHandlersEventMap['xmpp-error']>(el, 'xmpp-error');
    expect(failure.detail.condition).to.be.a('string');
    await until(() => el.getAttribute('status') === 'failed', 30000, 'failed');
    expect(part(el, 'error')?.textContent).to.contain('Could not reach the server');
    expect(part(el, 'retry-button')).to.not.equal(null);
  });
});
