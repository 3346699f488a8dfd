// The public surface as documented (docs/API.md, a copy of ../shared/API.md) against
// what the code declares (custom-elements.json, from the JSDoc, made by `npm run build`).
import { expect } from '@open-wc/testing';
import { documented, type Documented, type Kind } from './api-md.js';

/**
 * Documented in API.md, not built yet: expected to be missing from the manifest.
 * When one is built and documented in its JSDoc, this test fails until it is taken
 * off this list; when it shows up in the bundle while still listed, too.
 */
const NOT_BUILT: Readonly<Record<Kind, readonly string[]>> = {
  element: [],
  attribute: [],
  event: [],
  part: [
    // Chat: system lines are the room's so far; a one-to-one chat shows none yet ("<tag> <name>": on that element only).
    'xmpp-chat notice',
  ],
  // Second part names: mentions are the room's (a chat is all for the user); read markers (XEP-0333)
  // are the chat's so far. A chat refuses to send while offline, so its messages are never `pending` yet.
  state: ['xmpp-chat mention', 'xmpp-room displayed', 'xmpp-chat pending'],
  property: [],
};

// ---------------------------------------------------------------------------
// Reading custom-elements.json.

interface Named {
  readonly name: string;
  readonly description?: string;
}
interface Declaration {
  readonly tagName?: string;
  readonly attributes?: readonly Named[];
  readonly events?: readonly Named[];
  readonly cssParts?: readonly Named[];
  readonly cssProperties?: readonly Named[];
}
interface Manifest {
  readonly modules: readonly { readonly declarations?: readonly Declaration[] }[];
}

function declarations(manifest: Manifest): Map<string, Declaration> {
  const byTag = new Map<string, Declaration>();
  for (const module of manifest.modules) {
    for (const d of module.declarations ?? []) if (d.tagName) byTag.set(d.tagName, d);
  }
  return byTag;
}

/** Whether the manifest declares a documented name on one element. */
function declares(d: Declaration | undefined, item: Documented): boolean {
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
    case 'state': {
      // A second name is told in the description of its part ("also `incoming` or `outgoing`").
      const of = (d.cssParts ?? []).find((p) => p.name === item.of);
      return new RegExp(`\\b${item.name}\\b`).test(of?.description ?? '');
    }
  }
}

const label = (item: Documented, tag: string) =>
  `${tag} ${item.kind} ${item.name}${item.of ? ` (of part ${item.of})` : ''}`;

async function text(url: string): Promise<string | undefined> {
  const response = await fetch(url);
  return response.ok ? response.text() : undefined;
}

describe('docs/API.md and custom-elements.json', () => {
  it('docs/API.md is the same as ../shared/API.md (where that exists)', async () => {
    const shared = await text('/__xmpp__/api.md?from=shared');
    const copy = await text('/__xmpp__/api.md');
    expect(copy, 'docs/API.md').to.be.a('string');
    // A clone without ../shared beside it has only the copy to go by; CI always has both.
    if (shared !== undefined) expect(copy).to.equal(shared);
  });

  it('the manifest declares every documented, built name of room, chat, roster and presence', async () => {
    const md = await text('/__xmpp__/api.md');
    const manifestText = await text('/custom-elements.json');
    expect(md, 'docs/API.md').to.be.a('string');
    expect(manifestText, 'custom-elements.json (npm run build)').to.be.a('string');
    const byTag = declarations(JSON.parse(manifestText ?? '{}') as Manifest);
    const items = documented(md ?? '');
    const notBuilt = (item: Documented, tag: string) =>
      NOT_BUILT[item.kind].includes(item.name) ||
      NOT_BUILT[item.kind].includes(`${tag} ${item.name}`);

    const missing: string[] = [];
    const builtAfterAll: string[] = [];
    for (const item of items) {
      for (const tag of item.on) {
        const declared = declares(byTag.get(tag), item);
        if (notBuilt(item, tag) || (tag === 'xmpp-launcher' && NOT_BUILT.element.includes(tag))) {
          if (declared && byTag.has(tag)) builtAfterAll.push(label(item, tag));
        } else if (!declared) {
          missing.push(label(item, tag));
        }
      }
    }
    // Every name on the not-built list is still documented (else it is stale).
    const names = new Set(items.map((i) => `${i.kind}:${i.name}`));
    const stale = (Object.entries(NOT_BUILT) as [Kind, readonly string[]][]).flatMap(([kind, list]) =>
      list.filter((n) => !names.has(`${kind}:${n.split(' ').pop() ?? n}`)).map((n) => `${kind} ${n}`),
    );
    expect(stale, 'on NOT_BUILT but not in API.md').to.deep.equal([]);
    expect(builtAfterAll, 'in the manifest but still on NOT_BUILT: take them off the list').to.deep.equal([]);
    expect(missing, 'documented in API.md, missing from custom-elements.json (add the JSDoc)').to.deep.equal([]);
  });

  it('names on the not-built list are not in the bundle yet (built without JSDoc)', async () => {
    const bundle = await text('/dist/xmpp-elements.esm.js');
    expect(bundle, 'dist/xmpp-elements.esm.js (npm test builds it first)').to.be.a('string');
    // Only names with a dash: a word like "domain" is a string in the bundle for other reasons.
    const quoted = (name: string) => name.includes('-') && new RegExp(`["'\`]${name}["'\`]`).test(bundle ?? '');
    const inPart = (name: string) => new RegExp(`part=\\\\?"(?:[^"]*\\s)?${name}(?:\\s[^"]*)?\\\\?"`).test(bundle ?? '');
    const found = [
      ...NOT_BUILT.element.filter(quoted).map((n) => `element ${n}`),
      ...NOT_BUILT.attribute.filter(quoted).map((n) => `attribute ${n}`),
      ...NOT_BUILT.event.filter(quoted).map((n) => `event ${n}`),
      ...NOT_BUILT.part.filter(inPart).map((n) => `part ${n}`),
    ];
    expect(found, 'built: document them in the JSDoc and take them off NOT_BUILT').to.deep.equal([]);
  });
});
