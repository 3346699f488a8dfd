// The element reference (demo/docs/index.html) and VS Code's custom data (dist/vscode.html-custom-data.json),
// both made by scripts/docs.mjs from custom-elements.json (`npm run build`), against docs/API.md and the manifest.
import { expect } from '@open-wc/testing';
import { documented, type Documented } from './api-md.js';
import { until } from './harness.js';

interface Named {
  readonly name: string;
  readonly description?: string;
  readonly type?: { readonly text?: string };
}
interface Declaration {
  readonly tagName?: string;
  readonly description?: string;
  readonly attributes?: readonly Named[];
  readonly events?: readonly Named[];
  readonly cssParts?: readonly Named[];
  readonly cssProperties?: readonly Named[];
  readonly slots?: readonly Named[];
}
interface Manifest {
  readonly modules: readonly { readonly declarations?: readonly Declaration[] }[];
}
interface CustomData {
  readonly version: number;
  readonly tags: readonly {
    readonly name: string;
    readonly description?: { readonly value: string };
    readonly attributes: readonly { readonly name: string; readonly valueSet?: string; readonly values?: readonly { readonly name: string }[] }[];
  }[];
}

const PAGE = '/demo/docs/index.html';

async function text(url: string): Promise<string> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status} (npm run build makes it)`);
  return response.text();
}

async function manifestElements(): Promise<Map<string, Declaration>> {
  const manifest = JSON.parse(await text('/custom-elements.json')) as Manifest;
  return new Map(manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.tagName).map((d) => [d.tagName ?? '', d]));
}

const TABLES = { attribute: 'attributes', event: 'events', part: 'parts', property: 'custom-properties' } as const;

/** The names in the first column of one of an element's tables on the page. */
function listed(page: Document, tag: string, table: string): string[] {
  return [...page.querySelectorAll(`section[data-tag="${tag}"] table[data-kind="${table}"] tbody tr > th`)].map((th) => th.textContent.trim());
}

/** Whether the page (or the manifest) has a documented name on one element. */
function onPage(page: Document, tag: string, item: Documented): boolean {
  if (item.kind === 'element') return page.querySelector(`section[data-tag="${tag}"]`) !== null;
  if (item.kind === 'state') {
    const row = [...page.querySelectorAll(`section[data-tag="${tag}"] table[data-kind="parts"] tbody tr`)].find(
      (tr) => tr.querySelector('th')?.textContent.trim() === item.of,
    );
    return new RegExp(`\\b${item.name}\\b`).test(row?.textContent ?? '');
  }
  return listed(page, tag, TABLES[item.kind]).includes(item.name);
}
function inManifest(d: Declaration | undefined, item: Documented): boolean {
  if (!d) return false;
  const has = (list: readonly Named[] | undefined) => (list ?? []).some((n) => n.name === item.name);
  switch (item.kind) {
    case 'element':
      return true;
    case 'attribute':
      return has(d.attributes);
    case 'event':
      return has(d.events);
    case 'part':
      return has(d.cssParts);
    case 'property':
      return has(d.cssProperties);
    case 'state':
      return new RegExp(`\\b${item.name}\\b`).test((d.cssParts ?? []).find((p) => p.name === item.of)?.description ?? '');
  }
}

describe('the element reference (scripts/docs.mjs) and the editors\' custom data', () => {
  it('lists every element, attribute, event, part and custom property of API.md\'s tables, and all the manifest has', async () => {
    const page = new DOMParser().parseFromString(await text(PAGE), 'text/html');
    const byTag = await manifestElements();
    const items = documented(await text('/__xmpp__/api.md'));
    const missing: string[] = [];
    let checked = 0;
    for (const item of items) {
      for (const tag of item.on) {
        // What the manifest lacks is api-docs.test.ts's business (its NOT_BUILT list); the page shows the manifest.
        if (!inManifest(byTag.get(tag), item)) continue;
        checked += 1;
        if (!onPage(page, tag, item)) missing.push(`${tag} ${item.kind} ${item.name}${item.of ? ` (of ${item.of})` : ''}`);
      }
    }
    expect(missing, 'in API.md and the manifest, not on the page').to.deep.equal([]);
    expect(checked, 'documented names checked').to.be.above(200);

    const notShown: string[] = [];
    for (const [tag, d] of byTag) {
      const want = (table: string, names: readonly Named[] | undefined) => {
        const shown = listed(page, tag, table);
        for (const { name } of names ?? []) if (!shown.includes(name || '(default)')) notShown.push(`${tag} ${table} ${name}`);
      };
      want('attributes', d.attributes);
      want('events', d.events);
      want('parts', d.cssParts);
      want('custom-properties', d.cssProperties);
      want('slots', d.slots);
      // The manifest's text, escaped: what shows is the description itself, not markup made of it.
      const summary = page.querySelector(`section[data-tag="${tag}"] .summary`)?.textContent ?? '';
      expect(summary.replace(/\s+/g, ' '), `${tag}'s description`).to.equal((d.description ?? '').replace(/`/g, '').replace(/\s+/g, ' '));
    }
    expect(notShown, 'in the manifest, not on the page').to.deep.equal([]);
    // Every event's detail is written out (custom-elements-manifest.config.mjs), e.g. the status values.
    const status = [...page.querySelectorAll('section[data-tag="xmpp-room"] table[data-kind="events"] tbody tr')].find(
      (tr) => tr.querySelector('th')?.textContent.trim() === 'xmpp-status',
    );
    expect(status?.querySelector('td')?.textContent).to.equal("{ status: 'connecting' | 'online' | 'reconnecting' | 'offline' | 'auth-failed' | 'failed' }");
  });

  it('the custom data has every element with its attributes, enum values and booleans', async () => {
    const data = JSON.parse(await text('/dist/vscode.html-custom-data.json')) as CustomData;
    const byTag = await manifestElements();
    expect(data.version).to.equal(1.1);
    const apiTags = documented(await text('/__xmpp__/api.md')).filter((i) => i.kind === 'element').map((i) => i.name);
    const tags = data.tags.map((t) => t.name);
    expect(apiTags.filter((t) => !tags.includes(t)), 'API.md elements missing').to.deep.equal([]);
    expect([...tags].sort()).to.deep.equal([...byTag.keys()].sort());
    for (const tag of data.tags) {
      const d = byTag.get(tag.name);
      expect(tag.attributes.map((a) => a.name), `${tag.name}'s attributes`).to.deep.equal((d?.attributes ?? []).map((a) => a.name));
      expect(tag.description?.value, `${tag.name}'s description`).to.contain(d?.description?.slice(0, 30) ?? '?');
    }
    const attribute = (tag: string, name: string) => data.tags.find((t) => t.name === tag)?.attributes.find((a) => a.name === name);
    expect(attribute('xmpp-launcher', 'position')?.values?.map((v) => v.name)).to.deep.equal(['bottom-right', 'bottom-left']);
    expect(attribute('xmpp-launcher', 'open')?.valueSet).to.equal('v');
    const notifications = attribute('xmpp-room', 'notifications');
    if (notifications) expect(notifications.values?.map((v) => v.name)).to.deep.equal(['off', 'mentions', 'all']);
  });

  it('the page is axe-clean (WCAG 2.2 A and AA) with its live examples running, and fits a 320 px screen', async function () {
    this.timeout(60000);
    const frame = document.createElement('iframe');
    frame.title = 'The element reference';
    frame.width = '1280';
    frame.height = '800';
    document.body.append(frame);
    try {
      await new Promise((resolve) => {
        frame.addEventListener('load', resolve, { once: true });
        frame.src = PAGE;
      });
      const doc = frame.contentDocument;
      if (!doc) throw new Error('no document in the frame');
      const room = () => doc.querySelector('section[data-tag="xmpp-room"] xmpp-room');
      await until(() => room()?.getAttribute('status') === 'online', 20000, 'the room example online');
      await until(() => (room()?.shadowRoot?.querySelectorAll('[part~="occupant"]').length ?? 0) > 0, 10000, 'the room example joined');
      expect(doc.querySelector('[data-demo="status"]')?.textContent, 'the status line').to.match(/^they use the server at/);

      const axeScript = doc.createElement('script');
      axeScript.src = '/node_modules/axe-core/axe.min.js';
      await new Promise((resolve, reject) => {
        axeScript.addEventListener('load', resolve, { once: true });
        axeScript.addEventListener('error', reject, { once: true });
        doc.head.append(axeScript);
      });
      interface Axe {
        run(context: Document, options: object): Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }>;
      }
      const axe = (frame.contentWindow as unknown as { axe: Axe }).axe;
      const check = async (width: number) => {
        const { violations } = await axe.run(doc, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
        return violations.map((v) => `${width}px ${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
      };
      expect(await check(1280), 'axe at 1280 px').to.deep.equal([]);

      frame.width = '320';
      await until(() => doc.documentElement.clientWidth === 320, 5000, 'the frame 320 px wide');
      expect(doc.documentElement.scrollWidth, 'no sideways scrolling at 320 px').to.be.at.most(320);
      expect(await check(320), 'axe at 320 px').to.deep.equal([]);
    } finally {
      frame.remove();
    }
  });
});
