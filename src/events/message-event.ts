import type { MessageType } from '../core/stanzas.js';

export interface XmppMessageDetail {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly type: MessageType;
  readonly body: string;
  readonly nick?: string;
  /** ISO 8601. */
  readonly stamp: string;
  readonly outgoing: boolean;
}

/** A message arrived or was sent. */
export class XmppMessageEvent extends Event {
  readonly detail: XmppMessageDetail;

  constructor(message: XmppMessageDetail) {
    super('xmpp-message', { bubbles: true, composed: true });
    const { id, from, to, type, body, nick, stamp, outgoing } = message;
    this.detail = { id, from, to, type, body, ...(nick !== undefined ? { nick } : {}), stamp, outgoing };
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'xmpp-message': XmppMessageEvent;
  }
}
