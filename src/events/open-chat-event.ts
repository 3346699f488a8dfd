/** `<xmpp-roster>`: a contact was chosen. */
export class XmppOpenChatEvent extends Event {
  constructor(readonly detail: { readonly jid: string }) {
    super('xmpp-open-chat', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'xmpp-open-chat': XmppOpenChatEvent;
  }
}
