export interface XmppOpenChatDetail {
  /** A contact's bare JID, or `room@service/nick` for a private message to an occupant. */
  readonly jid: string;
}

/** `<xmpp-roster>`: a contact was chosen; a room: "private message" to an occupant. */
export class XmppOpenChatEvent extends Event {
  constructor(readonly detail: XmppOpenChatDetail) {
    super('xmpp-open-chat', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'xmpp-open-chat': XmppOpenChatEvent;
  }
}
