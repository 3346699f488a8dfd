import type { Status } from '../core/connection.js';

export interface XmppStatusDetail {
  readonly status: Status;
}

/** The shared connection's status changed. */
export class XmppStatusEvent extends Event {
  constructor(readonly detail: XmppStatusDetail) {
    super('xmpp-status', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'xmpp-status': XmppStatusEvent;
  }
}
