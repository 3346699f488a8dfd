// Reading docs/API.md (a copy of ../shared/API.md): the documented names and the elements they are on.
// Used by api-docs.test.ts (against custom-elements.json) and docs-page.test.ts (against the element reference).

export type Tag = 'xmpp-room' | 'xmpp-chat' | 'xmpp-roster' | 'xmpp-presence' | 'xmpp-launcher';
export const EVERY: readonly Tag[] = ['xmpp-room', 'xmpp-chat', 'xmpp-roster', 'xmpp-presence'];
export type Kind = 'element' | 'attribute' | 'event' | 'part' | 'state' | 'property';

export interface Documented {
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

export function documented(md: string): Documented[] {
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

