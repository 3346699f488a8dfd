// The demo's own theme (demo/theme.css) on the elements it styles, light and dark (issue 11: the
// "Online" pill measured 3.85:1 and offline contacts 3.42:1): axe's colour contrast finds nothing,
// with the status "Online" and a roster of offline and online contacts. Fake transport: the theme
// is what is tested, not the server.
import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import 'axe-core/axe.min.js';
import type AxeCore from 'axe-core';
import { FakeTransport } from './fakes/fake-transport.js';
import { parts, until } from './harness.js';
import { Connection } from '../src/core/connection.js';
import '../src/define.js';

const THEME = '/demo/theme.css';
const axe = (): typeof AxeCore => (window as unknown as { axe: typeof AxeCore }).axe;

async function themed() {
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = THEME;
  const loaded = new Promise((resolve, reject) => {
    link.onload = resolve;
    link.onerror = reject;
  });
  document.head.append(link);
  await loaded;
  return link;
}

describe('the demo theme (demo/theme.css)', () => {
  let link: HTMLLinkElement | undefined;
  afterEach(async () => {
    link?.remove();
    await emulateMedia({ colorScheme: 'light' });
  });

  it('passes colour contrast on the presence pill online and the roster with offline contacts, light and dark', async function () {
    this.timeout(20000);
    link = await themed();
    const transport = new FakeTransport();
    const connection = new Connection(transport, { jid: 'alice@test' });
    const page = await fixture<HTMLDivElement>(html`<div style="background: var(--page); color: var(--ink); padding: 1rem">
      <xmpp-presence .connection=${connection}></xmpp-presence>
      <xmpp-roster .connection=${connection}></xmpp-roster>
    </div>`);
    await connection.login('alice@test', 'pw');
    const get = transport.sent.find((s) => s.localName === 'iq' && s.firstElementChild?.getAttribute('xmlns') === 'jabber:iq:roster')!;
    transport.receive(`<iq xmlns="jabber:client" type="result" id="${get.getAttribute('id')}"><query xmlns="jabber:iq:roster">
      <item jid="bob@test" name="Bob" subscription="both"/>
      <item jid="dave@test" name="Dave" subscription="both"/>
    </query></iq>`);
    transport.receive(`<presence xmlns="jabber:client" from="bob@test/a"><status>around</status></presence>`);
    const roster = page.querySelector('xmpp-roster')!;
    const presence = page.querySelector('xmpp-presence')!;
    await until(() => parts(roster, 'contact').map((c) => c.getAttribute('part')).join() === 'contact available,contact offline', 3000, 'bob online, dave offline');
    await until(() => presence.getAttribute('status') === 'online', 3000, 'online');
    const found: string[] = [];
    for (const colorScheme of ['light', 'dark'] as const) {
      await emulateMedia({ colorScheme });
      const results = await axe().run(page, { runOnly: ['color-contrast'] });
      for (const v of results.violations) for (const node of v.nodes) found.push(`${colorScheme}: ${node.target.join(' ')}: ${node.failureSummary ?? ''}`);
    }
    expect(found).to.deep.equal([]);
  });

  it('the demo page gives the roster (its group headings are h3) an h2 above it, not the page\'s h1 alone', async () => {
    const doc = new DOMParser().parseFromString(await (await fetch('/demo/index.html')).text(), 'text/html');
    const roster = doc.querySelector('xmpp-roster')!;
    // What a reader of the roster's tab hears before it: the page's headings outside the tab panels, and its own panel's.
    const panel = roster.closest('[role="tabpanel"]');
    const headings = [...doc.querySelectorAll('h1, h2, h3, h4')].filter(
      (h) => (!h.closest('[role="tabpanel"]') || h.closest('[role="tabpanel"]') === panel) && h.compareDocumentPosition(roster) & Node.DOCUMENT_POSITION_FOLLOWING,
    );
    expect(headings.at(-1)?.localName, 'the last heading before the roster').to.equal('h2');
  });
});
