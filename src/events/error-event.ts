import type { StanzaError } from '../core/errors.js';

/** A stanza error (RFC 6120 §8.3) or a connection failure. */
export class XmppErrorEvent extends Event {
  readonly detail: { readonly condition: string; readonly text: string; readonly code?: number };

  constructor({ condition, text, code }: StanzaError) {
    super('xmpp-error', { bubbles: true, composed: true });
    this.detail = code === undefined ? { condition, text } : { condition, text, code };
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'xmpp-error': XmppErrorEvent;
  }
}
