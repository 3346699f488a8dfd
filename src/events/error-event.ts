import type { StanzaError } from '../core/errors.js';

export interface XmppErrorDetail {
  /** The RFC 6120 §8.3 condition (`forbidden`, `conflict`…) or a connection failure (`auth-failed`…). */
  readonly condition: string;
  /** The server's text, when it gave one. */
  readonly text: string;
  /** The legacy error code, when the stanza had one. */
  readonly code?: number;
}

/** A stanza error (RFC 6120 §8.3) or a connection failure. */
export class XmppErrorEvent extends Event {
  readonly detail: XmppErrorDetail;

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
