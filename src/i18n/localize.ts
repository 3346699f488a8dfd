/**
 * The message tables and the lookup every element uses.
 *
 * English is static: it is the fallback, so `translate()` always answers at
 * once. Every other built-in table is loaded by dynamic import the first time
 * its language is asked for (a page in English never fetches zh-CN); until it
 * has arrived `translate()` answers in English, and listeners registered with
 * `onMessagesChange()` (LocalizeController does) hear when it has. Pages add
 * or override strings with `registerMessages()`.
 */
import type { StanzaError } from '../core/errors.js';
import { type MessageKey, en } from './en.js';

export type { MessageKey };

/** A language's strings: any subset of the English keys. */
export type MessageTable = Readonly<Partial<Record<MessageKey, string>>>;

/** Built-in tables other than English, by lower-case language tag, loaded on demand. */
const BUILT_IN: Readonly<Record<string, () => Promise<MessageTable>>> = {
  'zh-cn': () => import('./zh-CN.js').then((module) => module.zhCN),
};
/** Primary subtags that stand for one of the tables above (`zh-TW` falls back to `zh-CN`'s table via `zh`). */
const ALIASES: Readonly<Record<string, string>> = { zh: 'zh-cn' };

const builtIn = new Map<string, MessageTable>([['en', en]]);
const pending = new Map<string, Promise<void>>();
/** What pages registered: it wins over the built-in table of the same language. */
const custom = new Map<string, MessageTable>();
const listeners = new Set<() => void>();

function changed(): void {
  for (const listener of [...listeners]) listener();
}

/** `zh-Hans-CN` -> ['zh-hans-cn', 'zh-hans', 'zh']: the tags to look in, most specific first. */
function candidates(lang: string): string[] {
  const parts = lang.toLowerCase().split('-').filter(Boolean);
  const tags: string[] = [];
  for (let n = parts.length; n > 0; n--) tags.push(parts.slice(0, n).join('-'));
  return tags;
}

/** The built-in table that serves a tag, if any. */
function builtInTag(tag: string): string | undefined {
  if (tag === 'en' || tag in BUILT_IN) return tag;
  return ALIASES[tag];
}

/**
 * Starts loading the built-in tables `lang` needs. Resolves once they are
 * there (at once when there is nothing to load); never rejects: a table that
 * fails to load leaves English in place.
 */
export function loadMessages(lang: string): Promise<void> {
  const waits: Promise<void>[] = [];
  for (const tag of candidates(lang)) {
    const table = builtInTag(tag);
    if (!table || builtIn.has(table)) continue;
    let wait = pending.get(table);
    if (!wait) {
      const load = BUILT_IN[table];
      if (!load) continue;
      wait = load().then(
        (messages) => {
          builtIn.set(table, messages);
          changed();
        },
        (error: unknown) => {
          console.warn(`xmpp-elements: the ${table} messages did not load; showing English.`, error);
        },
      );
      pending.set(table, wait);
    }
    waits.push(wait);
  }
  return Promise.all(waits).then(() => undefined);
}

/** True when every table `lang` may use has arrived (or failed): its strings are final. */
export function messagesReady(lang: string): boolean {
  return candidates(lang).every((tag) => {
    const table = builtInTag(tag);
    return !table || builtIn.has(table) || !BUILT_IN[table];
  });
}

/**
 * Adds or overrides strings for a language, e.g.
 * `registerMessages('de', { 'composer.send': 'Senden' })` or
 * `registerMessages('en', { 'room.occupants': 'People ({count})' })`.
 * Later calls for the same language merge over earlier ones; what a page
 * registers wins over the built-in table. Elements re-render with it.
 */
export function registerMessages(lang: string, messages: MessageTable): void {
  const tag = lang.toLowerCase();
  custom.set(tag, { ...custom.get(tag), ...messages });
  changed();
}

/**
 * Adds built-in English strings that come with code loaded on demand (a form's,
 * the signed-in elements'): they join the English table, the fallback of every
 * language. Called by those modules when they load.
 */
export function addEnglish(messages: MessageTable): void {
  builtIn.set('en', { ...builtIn.get('en'), ...messages });
  changed();
}

/** Calls `listener` whenever a table arrives or a page registers strings; returns the unsubscribe. */
export function onMessagesChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The language for an element: its closest `lang` (across shadow roots), else the browser's. */
export function languageOf(element: Element): string {
  let node: Element | null = element;
  while (node) {
    const lang = node.closest('[lang]')?.getAttribute('lang');
    if (lang) return lang.toLowerCase();
    const root = node.getRootNode();
    node = root instanceof ShadowRoot ? root.host : null;
  }
  return (typeof navigator === 'undefined' ? '' : navigator.language || 'en').toLowerCase();
}

function lookup(lang: string, key: MessageKey): string {
  for (const tag of candidates(lang)) {
    const own = custom.get(tag)?.[key];
    if (own !== undefined) return own;
    const table = builtInTag(tag);
    const found = table ? builtIn.get(table)?.[key] : undefined;
    if (found !== undefined) return found;
  }
  return custom.get('en')?.[key] ?? builtIn.get('en')?.[key] ?? rare(key);
}

let rareLoad: Promise<void> | undefined;

/** A notice or error not in English yet: its table (en-events.ts) loads now, and the text shows once it has. */
function rare(key: MessageKey): string {
  if (!/^(notice|error)\./.test(key)) return key;
  rareLoad ??= import('./en-events.js').then(
    ({ enEvents }) => addEnglish(enEvents),
    (error: unknown) => console.warn('xmpp-elements: the room event messages did not load.', error),
  );
  return '';
}

/**
 * Looks a message up and fills `{name}` placeholders with plain text.
 * Synchronous: a table still loading (it starts loading here) answers in English.
 */
export function translate(lang: string, key: MessageKey, params: Readonly<Record<string, string | number>> = {}): string {
  if (!messagesReady(lang)) void loadMessages(lang);
  return lookup(lang, key)
    .replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''))
    .trim();
}

/** The user-facing sentence for a stanza error or connection failure. */
export function describeError(lang: string, error: StanzaError): string {
  // Unknown (or rare, until its English has loaded): the generic sentence.
  const known = translate(lang, `error.${error.condition}` as MessageKey, { text: error.text }) || translate(lang, 'error.generic', { condition: error.condition });
  return error.text && !known.includes(error.text) ? `${known} ${translate(lang, 'error.server-text', { text: error.text })}` : known;
}

// The page's language is known before any element renders: start its table now.
if (typeof document !== 'undefined') {
  const pageLang = document.documentElement?.getAttribute('lang') || (typeof navigator === 'undefined' ? '' : navigator.language);
  if (pageLang) void loadMessages(pageLang);
}
