import { NS, child, childText, namespaceOf } from './xml.js';

/** A stanza error (RFC 6120 §8.3) or a connection failure, as a plain object. */
export interface StanzaError {
  /** The defined condition, e.g. `conflict`, `not-authorized`; `undefined-condition` when none was given. */
  readonly condition: string;
  /** The server's human-readable text, or '' when it sent none. */
  readonly text: string;
  /** The legacy numeric code (e.g. 409), when the server sent one. */
  readonly code?: number;
  /** The error type: cancel, continue, modify, auth, wait. */
  readonly type?: string;
}

/** Parses the `<error/>` child of a stanza; returns undefined when the stanza has none. */
export function parseStanzaError(stanza: Element): StanzaError | undefined {
  if (stanza.getAttribute('type') !== 'error') return undefined;
  const error = child(stanza, 'error');
  if (!error) return { condition: 'undefined-condition', text: '' };
  let condition = 'undefined-condition';
  for (const c of Array.from(error.children)) {
    if (namespaceOf(c) === NS.STANZAS && c.localName !== 'text') {
      condition = c.localName;
      break;
    }
  }
  const text = childText(error, 'text', NS.STANZAS) ?? '';
  const codeAttr = Number.parseInt(error.getAttribute('code') ?? '', 10);
  const type = error.getAttribute('type') ?? undefined;
  const result: StanzaError = { condition, text, ...(type ? { type } : {}) };
  return Number.isFinite(codeAttr) ? { ...result, code: codeAttr } : result;
}

/** An Error that carries a StanzaError, for rejected promises. */
export class XmppError extends Error {
  constructor(readonly error: StanzaError) {
    super(error.text ? `${error.condition}: ${error.text}` : error.condition);
    this.name = 'XmppError';
  }
}
