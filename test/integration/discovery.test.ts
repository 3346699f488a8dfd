// XEP-0156 discovery: an element with a domain (or host-meta-url) and no bosh-url/ws-url finds its
// endpoints in a host-meta document (JSON or XRD), WebSocket first, BOSH as fallback. The test runner
// serves the documents (scripts/wtr-site.mjs: /__xmpp__/site/host-meta?kind=...) naming the real server.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/define.js';
import type { XmppRoom } from '../../src/components/room/room.js';
import { occupantNicks, part, serverConfig, uniqueRoom, until } from '../harness.js';

const hostMeta = (kind: string) => `/__xmpp__/site/host-meta?kind=${kind}`;

/**
 * Whether the element's session went over BOSH: the service URL of the Strophe connection under its
 * transport (a tab's transport holds it as its wire). Not the page's resource timings: an earlier
 * test's BOSH session may still send its terminate during this one.
 */
const usedBosh = (el: Element): boolean => {
  type Wire = { connection?: { service: string } };
  const transport = (el as unknown as { xmpp?: { transport: Wire & { wire?: Wire } } }).xmpp?.transport;
  const service = (transport?.wire ?? transport)?.connection?.service ?? '';
  if (!service) throw new Error('no session to look at');
  return /^https?:/.test(service);
};

async function guestRoom(url: string, lang = 'en'): Promise<XmppRoom> {
  const { guestDomain } = await serverConfig();
  const el = document.createElement('xmpp-room');
  el.lang = lang;
  el.setAttribute('jid', guestDomain);
  el.setAttribute('host-meta-url', url);
  el.setAttribute('nick', 'finder');
  el.setAttribute('room-jid', await uniqueRoom('discovery'));
  return el;
}

async function mount(el: XmppRoom): Promise<XmppRoom> {
  const holder = await fixture<HTMLDivElement>(html`<div></div>`);
  holder.append(el);
  return el;
}

describe('discovery (XEP-0156): the endpoints from a host-meta', () => {
  for (const [kind, transport] of [
    ['json', 'WebSocket'],
    ['xml', 'WebSocket'],
    ['bosh', 'BOSH'],
    ['dead-ws', 'BOSH'],
  ] as const) {
    it(`host-meta ${kind}: a guest joins over ${transport}`, async () => {
      const el = await mount(await guestRoom(hostMeta(kind)));
      await until(() => el.status === 'online' && occupantNicks(el).includes('finder'), 15000, 'the guest in the room').catch((e) => {
        throw new Error(`${e} ${el.status} ${part(el, 'error')?.textContent} ${JSON.stringify(occupantNicks(el))}`);
      });
      expect(usedBosh(el), 'over BOSH').to.equal(transport === 'BOSH');
      expect(part(el, 'error')).to.equal(null);
    });
  }

  it('an account with host-meta-url: the form, then online through what was found', async () => {
    const { domain, users } = await serverConfig();
    const el = document.createElement('xmpp-room');
    el.setAttribute('jid', `dave@${domain}`);
    el.setAttribute('host-meta-url', hostMeta('json'));
    el.setAttribute('room-jid', await uniqueRoom('discovery-account'));
    await mount(el);
    await until(() => part(el, 'login-form'), 5000, 'the login form');
    part<HTMLInputElement>(el, 'login-password')!.value = users['dave'] ?? '';
    part<HTMLButtonElement>(el, 'login-button')!.click();
    await until(() => el.status === 'online' && occupantNicks(el).includes('dave'), 15000, 'dave in the room');
  });

  for (const [attribute, user] of [
    ['credentials-url', 'carol'],
    ['session-url', 'dave'],
  ] as const) {
    it(`${attribute} with host-meta-url: the site's user online through what was found (credentials over WebSocket, a prebound session over BOSH)`, async () => {
      document.cookie = `xmpp-site-user=${user}; path=/`;
      try {
        const el = document.createElement('xmpp-room');
        el.setAttribute('host-meta-url', hostMeta('json'));
        el.setAttribute(attribute, `/__xmpp__/site/${attribute === 'credentials-url' ? 'credentials' : 'session'}`);
        el.setAttribute('nick', user);
        el.setAttribute('room-jid', await uniqueRoom('discovery-site'));
        await mount(el);
        await until(() => el.status === 'online' && occupantNicks(el).includes(user), 15000, `${user} in the room`);
        expect(usedBosh(el), 'over BOSH').to.equal(attribute === 'session-url');
      } finally {
        document.cookie = 'xmpp-site-user=; path=/; max-age=0';
      }
    });
  }

  for (const [kind, condition, text] of [
    ['empty', 'no-service-found', 'No chat server found for'],
    ['missing', 'no-service-found', 'No chat server found for'],
    ['malformed', 'host-meta-unreadable', 'could not be read'],
  ] as const) {
    it(`host-meta ${kind}: failed with ${condition}, a clear message and xmpp-error, no spinner`, async () => {
      const el = await guestRoom(hostMeta(kind));
      const error = oneEvent<GlobalEventHandlersEventMap['xmpp-error']>(el, 'xmpp-error');
      await mount(el);
      expect((await error).detail.condition).to.equal(condition);
      await until(() => el.status === 'failed' && part(el, 'error')?.textContent?.includes(text), 5000, `the ${condition} message`);
      expect(part(el, 'error')?.textContent).to.contain('host-meta?kind=');
      expect(part(el, 'login-form')).to.equal(null);
    });
  }

  it('domain alone: looks at https://<domain>/.well-known/ and says when nothing is there (in zh-CN too)', async () => {
    const el = document.createElement('xmpp-room');
    el.lang = 'zh-CN';
    el.setAttribute('jid', 'nowhere.invalid');
    el.setAttribute('domain', 'nowhere.invalid');
    el.setAttribute('room-jid', await uniqueRoom('discovery-none'));
    const error = oneEvent<GlobalEventHandlersEventMap['xmpp-error']>(el, 'xmpp-error');
    await mount(el);
    const { detail } = await error;
    expect(detail.condition).to.equal('no-service-found');
    expect(detail.text).to.equal('nowhere.invalid');
    await until(() => part(el, 'error')?.textContent?.includes('找不到 nowhere.invalid 的聊天服务器'), 5000, 'the Chinese message');
    await expect(el).to.be.accessible();
  });
});
