import type { StanzaError } from '../core/errors.js';
import { type MessageKey, en } from './en.js';
import { zhCN } from './zh-CN.js';

export type { MessageKey };

const tables: Record<string, Readonly<Record<MessageKey, string>>> = { en, 'zh-cn': zhCN, zh: zhCN };

/** The language for an element: its closest `lang`, else the page's, else the browser's. */
export function languageOf(element: Element): string {
  const lang = element.closest('[lang]')?.getAttribute('lang') || navigator.language || 'en';
  return lang.toLowerCase();
}

function tableFor(lang: string): Readonly<Record<MessageKey, string>> {
  const lower = lang.toLowerCase();
  return tables[lower] ?? tables[lower.split('-')[0] ?? 'en'] ?? en;
}

/** Looks a message up and fills `{name}` placeholders with plain text. */
export function translate(lang: string, key: MessageKey, params: Readonly<Record<string, string | number>> = {}): string {
  const template = tableFor(lang)[key] ?? en[key];
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? '')).trim();
}

/** The user-facing sentence for a stanza error or connection failure. */
export function describeError(lang: string, error: StanzaError): string {
  const key = `error.${error.condition}` as MessageKey;
  const known = key in en ? translate(lang, key, { text: error.text }) : translate(lang, 'error.generic', { condition: error.condition });
  return error.text && !known.includes(error.text) ? `${known} ${translate(lang, 'error.server-text', { text: error.text })}` : known;
}
