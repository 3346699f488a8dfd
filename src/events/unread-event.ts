export interface XmppUnreadDetail {
  /** Messages from others not seen yet. */
  readonly count: number;
}

/** The number of unread messages of a room, chat or launcher changed. */
export class XmppUnreadEvent extends Event {
  constructor(readonly detail: XmppUnreadDetail) {
    super('xmpp-unread', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'xmpp-unread': XmppUnreadEvent;
  }
}
