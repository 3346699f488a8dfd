// The public surface as documented (docs/API.md, a copy of ../shared/API.md) against
// what the code declares (custom-elements.json, from the JSDoc, made by `npm run build`).
import { expect } from '@open-wc/testing';

type Tag = 'xmpp-room' | 'xmpp-chat' | 'xmpp-roster' | 'xmpp-presence' | 'xmpp-launcher';
const EVERY: readonly Tag[] = ['xmpp-room', 'xmpp-chat', 'xmpp-roster', 'xmpp-presence'];
type Kind = 'element' | 'attribute' | 'event' | 'part' | 'state' | 'property';

/**
 * Documented in API.md, not built yet: expected to be missing from the manifest.
 * When one is built and documented in its JSDoc, this test fails until it is taken
 * off this list; when it shows up in the bundle while still listed, too.
 */
const NOT_BUILT: Readonly<Record<Kind, readonly string[]>> = {
  element: [],
  attribute: [
    // Desktop notifications and the unread count in the page title.
    'notifications',
    'title-badge',
  ],
  // The unread counter of a room or chat (the launcher's is built).
  event: ['xmpp-room xmpp-unread', 'xmpp-chat xmpp-unread'],
  part: [
    // Chat: system lines are the room's so far; a one-to-one chat shows none yet ("<tag> <name>": on that element only).
    'xmpp-chat notice',
  ],
  // Second part names: mentions are the room's (a chat is all for the user); read markers (XEP-0333)
  // are the chat's so far. A chat refuses to send while offline, so its messages are never `pending` yet.
  state: ['xmpp-chat mention', 'xmpp-room displayed', 'xmpp-chat pending'],
  property: [],
};

interface Documented {
  readonly kind: Kind;
  readonly name: string;
  readonly on: readonly Tag[];
  /** For a second part name: the part it goes with. */
  readonly of?: string;
}

// ---------------------------------------------------------------------------
// Reading API.md.

const ticks = (text: string) => [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? '');
const withoutParens = (text: string) => text.replace(/\([^)]*\)/g, '');

function section(md: string, title: string): string {
  const start = md.indexOf(`\n## ${title}\n`);
  if (start < 0) throw new Error(`API.md has no section "${title}"`);
  const end = md.indexOf('\n## ', start + 1);
  return md.slice(start, end < 0 ? undefined : end);
}

function tableRows(text: string): string[][] {
  return text
    .split('\n')
    .filter((l) => l.startsWith('|') && !/^\|\s*-/.test(l))
    .slice(1) // the header
    .map((l) => l.slice(1, -1).split('|').map((c) => c.trim()));
}

/** Which elements a parts row is "on". */
const PART_PLACES: readonly (readonly [RegExp, readonly Tag[]])[] = [
  [/<xmpp-launcher>/, ['xmpp-launcher']],
  [/every element|any element|the login form/, EVERY],
  [/in message rows, occupants and contacts/, ['xmpp-room', 'xmpp-chat', 'xmpp-roster']],
  [/read by the contact/, ['xmpp-chat']],
  [/^room and chat|one message|message box|^the composer|message typed while offline|message's actions|^a corrected message|^under a message|^above a reply|^a shared file|^a message hidden/, ['xmpp-room', 'xmpp-chat']],
  [/^room|room configuration form|password-protected room/, ['xmpp-room']],
  [/^chat/, ['xmpp-chat']],
  [/^roster/, ['xmpp-roster']],
  [/^presence/, ['xmpp-presence']],
];

/** Where each documented event is dispatched, as API.md says in words. */
const EVENT_PLACES: Readonly<Record<string, readonly Tag[]>> = {
  'xmpp-status': EVERY,
  'xmpp-error': EVERY,
  'xmpp-message': ['xmpp-room', 'xmpp-chat'],
  // API.md does not say which elements; the roster shows contacts' presence.
  'xmpp-presence': ['xmpp-roster'],
  'xmpp-open-chat': ['xmpp-roster', 'xmpp-room'],
  // "shown by an element that is not a room"
  'xmpp-join-room': ['xmpp-chat', 'xmpp-roster', 'xmpp-presence'],
  'xmpp-unread': ['xmpp-room', 'xmpp-chat', 'xmpp-launcher'],
  'xmpp-show': ['xmpp-launcher'],
  'xmpp-hide': ['xmpp-launcher'],
};

function documented(md: string): Documented[] {
  const out: Documented[] = [];
  const tags = new Set<string>([...EVERY, 'xmpp-launcher']);
  const tagOf = (cell: string): Tag => {
    const tag = /<(xmpp-[a-z-]+)>/.exec(cell)?.[1];
    if (!tag || !tags.has(tag)) throw new Error(`unknown element in API.md: ${cell}`);
    return tag as Tag;
  };

  for (const [name] of tableRows(section(md, 'Connecting: attributes shared by every element'))) {
    for (const attr of ticks(name ?? '')) out.push({ kind: 'attribute', name: attr, on: EVERY });
  }
  const elements = section(md, 'Elements');
  for (const [element, attrs] of tableRows(elements)) {
    const tag = tagOf(element ?? '');
    out.push({ kind: 'element', name: tag, on: [tag] });
    for (const attr of ticks(withoutParens(attrs ?? ''))) out.push({ kind: 'attribute', name: attr, on: [tag] });
  }
  const alsoTake = /Room and chat also take ([\s\S]*)/.exec(elements)?.[1];
  if (!alsoTake) throw new Error('API.md: the "Room and chat also take" sentence moved');
  for (const attr of ticks(withoutParens(alsoTake)).filter((n) => /^[a-z][a-z-]*$/.test(n))) out.push({ kind: 'attribute', name: attr, on: ['xmpp-room', 'xmpp-chat'] });

  for (const [names] of tableRows(section(md, 'Events'))) {
    for (const event of ticks(names ?? '')) {
      const on = EVENT_PLACES[event];
      if (!on) throw new Error(`API.md documents ${event}: say in EVENT_PLACES where it is dispatched`);
      out.push({ kind: 'event', name: event, on });
    }
  }

  const parts = section(md, 'CSS parts');
  for (const [names, where] of tableRows(parts)) {
    const place = PART_PLACES.find(([re]) => re.test(where ?? ''));
    if (!place) throw new Error(`API.md: say in PART_PLACES which elements "${where}" means`);
    const on = place[1];
    // `a` (+ `x` / `y`), `b`: second names in parentheses; `a` + `x`: a second name after a plus.
    let primaries: string[] = [];
    for (const chunk of (names ?? '').split(/(\([^)]*\))/)) {
      if (chunk.startsWith('(')) {
        const of = primaries.at(-1);
        for (const state of ticks(chunk)) out.push({ kind: 'state', name: state, on, ...(of ? { of } : {}) });
        continue;
      }
      const [left, ...right] = chunk.split(' + ');
      primaries = ticks(left ?? '');
      for (const name of primaries) out.push({ kind: 'part', name, on });
      const of = primaries.at(-1);
      for (const state of ticks(right.join(' + '))) out.push({ kind: 'state', name: state, on, ...(of ? { of } : {}) });
    }
  }
  const props = /Custom properties: (.*?);/s.exec(parts)?.[1];
  if (!props) throw new Error('API.md: the custom properties sentence moved');
  for (const prop of ticks(props)) out.push({ kind: 'property', name: prop, on: EVERY });
  return out;
}

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
