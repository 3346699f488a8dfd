import type { Status } from '../core/connection.js';

/** The shared connection's status changed. */
export class XmppStatusEvent extends Event {
  constructor(readonly detail: { readonly status: Status }) {
    super('xmpp-status', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'xmpp-status': XmppStatusEvent;
  }
}
