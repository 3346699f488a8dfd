// The host site's own accounts (README: "The host site's own accounts"): credentials-url and session-url
// (prebind) against the real server, through the reference endpoints of scripts/prebind-server.mjs that
// the test runner serves same-origin (scripts/wtr-site.mjs): the site's signed-in user is the
// `xmpp-site-user` cookie, which the element's fetch must carry.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/define.js';
import type { XmppRoom } from '../../src/components/room/room.js';
import { registry } from '../../src/core/registry.js';
import { occupantNicks, part, peerInRoom, serverConfig, uniqueRoom, until } from '../harness.js';

const SITE = '/__xmpp__/site';

interface Count {
  readonly credentials: number;
  readonly session: number;
}
const asked = (): Promise<Count> => fetch(`${SITE}/count`).then((r) => r.json() as Promise<Count>);

function signIn(user: string | undefined): void {
  document.cookie = user ? `xmpp-site-user=${user}; path=/` : 'xmpp-site-user=; path=/; max-age=0';
}

/** Records every status the element went through and whether a login form ever showed. */
function watch(el: XmppRoom) {
  const seen = { statuses: [] as string[], form: false };
  el.addEventListener('xmpp-status', (event) => seen.statuses.push(event.detail.status));
  const observer = new MutationObserver(() => (seen.form ||= !!part(el, 'login-form')));
  observer.observe(el.shadowRoot!, { subtree: true, childList: true });
  return seen;
}

async function roomWith(attrs: { credentials?: string; session?: string; nick?: string }, roomJid: string, lang = 'en'): Promise<XmppRoom> {
  const { boshUrl } = await serverConfig();
  return fixture<XmppRoom>(html`<xmpp-room
    lang=${lang}
    bosh-url=${boshUrl}
    credentials-url=${attrs.credentials ?? ''}
    session-url=${attrs.session ?? ''}
    room-jid=${roomJid}
    nick=${attrs.nick ?? ''}
  ></xmpp-room>`);
}

afterEach(() => signIn(undefined));

describe('credentials-url and session-url: the host site signs its user in', () => {
  it('credentials-url: alice is online with no form, her password nowhere in the page; after a server restart it is fetched again', async function () {
    this.timeout(90000);
    const { users } = await serverConfig();
    signIn('alice');
    const roomJid = await uniqueRoom('site-creds');
    const before = await asked();
    const el = await roomWith({ credentials: `${SITE}/credentials` }, roomJid);
    const seen = watch(el);
    await until(() => el.status === 'online' && occupantNicks(el).includes('alice'), 15000, 'alice in the room');
    expect((await asked()).credentials - before.credentials).to.equal(1);
    expect(registry.only()?.jid.startsWith('alice@')).to.equal(true);
    const bob = await peerInRoom(roomJid, 'bob');
    await until(() => bob.room.occupants.some((o) => o.nick === 'alice'), 10000, 'bob to see alice');

    const password = users['alice'] ?? '-';
    expect(document.documentElement.outerHTML).to.not.contain(password);
    expect(el.shadowRoot!.innerHTML).to.not.contain(password);
    expect(JSON.stringify({ ...sessionStorage })).to.not.contain(password);
    expect(JSON.stringify({ ...localStorage })).to.not.contain(password);
    expect(document.cookie).to.not.contain(password);

    expect((await fetch('/__xmpp__/restart', { method: 'POST' })).ok).to.equal(true);
    await until(() => seen.statuses.includes('reconnecting'), 15000, 'reconnecting');
    await until(() => el.status === 'online' && occupantNicks(el).includes('alice'), 40000, 'alice back in the room');
    expect((await asked()).credentials - before.credentials, 'fetched again for the new login').to.be.greaterThan(1);
    await until(() => bob.connection.status === 'online' && bob.room.occupants.some((o) => o.nick === 'alice'), 30000, 'bob to see alice again');
    expect(seen.form, 'a login form showed').to.equal(false);
    expect(part(el, 'error')).to.equal(null);
  });

  it('session-url: attaches to the session the site prebound (no login of its own); after a server restart it takes a new one', async function () {
    this.timeout(90000);
    signIn('bob');
    const roomJid = await uniqueRoom('site-prebind');
    const before = await asked();
    const el = await roomWith({ session: `${SITE}/session` }, roomJid);
    const seen = watch(el);
    await until(() => el.status === 'online' && occupantNicks(el).includes('bob'), 15000, 'bob in the room');
    expect((await asked()).session - before.session).to.equal(1);
    // The reference server binds a `web-…` resource: the element's session is the one it prebound.
    const first = registry.only()?.jid ?? '';
    expect(first, first).to.match(/^bob@[^/]+\/web-/);
    const carol = await peerInRoom(roomJid, 'carol');
    await until(() => carol.room.occupants.some((o) => o.nick === 'bob'), 10000, 'carol to see bob');

    expect((await fetch('/__xmpp__/restart', { method: 'POST' })).ok).to.equal(true);
    await until(() => seen.statuses.includes('reconnecting'), 15000, 'reconnecting');
    await until(() => el.status === 'online' && occupantNicks(el).includes('bob'), 40000, 'bob back in the room');
    expect((await asked()).session - before.session, 'a new session fetched').to.be.greaterThan(1);
    const second = registry.only()?.jid ?? '';
    expect(second).to.match(/^bob@[^/]+\/web-/);
    expect(second).to.not.equal(first);
    await until(() => carol.connection.status === 'online' && carol.room.occupants.some((o) => o.nick === 'bob'), 30000, 'carol to see bob again');
    expect(seen.form, 'a login form showed').to.equal(false);
  });

  const refusals = [
    { what: 'HTTP 403 (no signed-in site user)', url: '', condition: 'site-refused', text: 'HTTP 403' },
    { what: 'not JSON', url: '?answer=bad-json', condition: 'site-bad-answer', text: 'expected JSON' },
    { what: 'missing fields', url: '?answer=fields', condition: 'site-bad-answer', text: 'expected JSON' },
    { what: 'a network error', url: 'unreachable', condition: 'site-unreachable', text: 'could not be reached' },
  ];
  for (const kind of ['credentials', 'session'] as const) {
    for (const refusal of refusals) {
      it(`${kind}-url refused, ${refusal.what}: failed, a clear message, xmpp-error, a retry button, no form`, async () => {
        const url = refusal.url === 'unreachable' ? `http://127.0.0.1:9/${kind}` : `${SITE}/${kind}${refusal.url}`;
        // Signed in where the refusal is not the site's 403.
        signIn(refusal.condition === 'site-refused' ? undefined : 'alice');
        const { boshUrl } = await serverConfig();
        const el = document.createElement('xmpp-room');
        el.setAttribute('bosh-url', boshUrl);
        el.setAttribute(`${kind}-url`, url);
        el.setAttribute('room-jid', await uniqueRoom('site-refused'));
        const error = oneEvent<GlobalEventHandlersEventMap['xmpp-error']>(el, 'xmpp-error');
        const fixtureEl = await fixture<XmppRoom>(html`<div></div>`);
        fixtureEl.append(el);
        expect((await error).detail.condition).to.equal(refusal.condition);
        await until(() => el.status === 'failed' && part(el, 'error')?.textContent?.includes(refusal.text), 5000, `the ${refusal.condition} message`);
        expect(part(el, 'login-form')).to.equal(null);
        expect(part(el, 'retry-button')).to.not.equal(null);
      });
    }
  }

  it('credentials-url giving a password the XMPP server refuses: failed, the site named as the cause, xmpp-error, a retry button, no form', async () => {
    signIn('alice');
    const { boshUrl, domain } = await serverConfig();
    const el = document.createElement('xmpp-room');
    el.setAttribute('bosh-url', boshUrl);
    el.setAttribute('credentials-url', `${SITE}/credentials?answer=stale-password`);
    el.setAttribute('room-jid', await uniqueRoom('site-stale'));
    const error = oneEvent<GlobalEventHandlersEventMap['xmpp-error']>(el, 'xmpp-error');
    const holder = await fixture<HTMLDivElement>(html`<div></div>`);
    holder.append(el);
    expect((await error).detail.condition).to.equal('site-credentials-refused');
    await until(() => el.status === 'failed' && part(el, 'error')?.textContent?.includes('refused the login the site gave'), 10000, 'the message');
    expect(part(el, 'error')?.textContent).to.contain(`alice@${domain}`);
    expect(part(el, 'login-form')).to.equal(null);
    expect(part(el, 'retry-button')).to.not.equal(null);
  });

  it('a refusal in Chinese where the page is zh-CN', async () => {
    signIn(undefined);
    const el = await roomWith({ credentials: `${SITE}/credentials` }, await uniqueRoom('site-zh'), 'zh-CN');
    await until(() => el.status === 'failed' && part(el, 'error')?.textContent?.includes('网站没有为你登录聊天'), 5000, 'the Chinese message');
    expect(part(el, 'error')?.textContent).to.contain('HTTP 403');
    await expect(el).to.be.accessible();
  });

  it("on <xmpp-launcher>: the room inside connects with the launcher's credentials-url once it is opened", async () => {
    signIn('dave');
    const { boshUrl } = await serverConfig();
    const before = await asked();
    const holder = await fixture<HTMLDivElement>(html`<div></div>`);
    const launcher = document.createElement('xmpp-launcher');
    launcher.id = `site-launcher-${Date.now()}`;
    launcher.setAttribute('bosh-url', boshUrl);
    // A URL of its own: a connection of its own (the next test's elements must not find this one in the registry).
    launcher.setAttribute('credentials-url', `${SITE}/credentials?for=launcher`);
    const el = document.createElement('xmpp-room');
    el.setAttribute('room-jid', await uniqueRoom('site-launcher'));
    launcher.append(el);
    holder.append(launcher);
    await launcher.updateComplete;
    expect((await asked()).credentials, 'nothing fetched while closed').to.equal(before.credentials);
    launcher.show();
    await until(() => el.status === 'online' && occupantNicks(el).includes('dave'), 15000, 'dave in the room');
    expect((await asked()).credentials - before.credentials).to.equal(1);
  });

  it('retry after the site user signed in: online', async () => {
    signIn(undefined);
    const el = await roomWith({ credentials: `${SITE}/credentials`, nick: 'carol' }, await uniqueRoom('site-retry'));
    const retry = await until(() => part<HTMLButtonElement>(el, 'retry-button'), 5000, 'the retry button');
    signIn('carol');
    retry.click();
    await until(() => el.status === 'online' && occupantNicks(el).includes('carol'), 15000, 'carol in the room');
    expect(part(el, 'error')).to.equal(null);
  });
});
