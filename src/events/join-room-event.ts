export interface XmppJoinRoomDetail {
  /** The room's bare JID. */
  readonly room: string;
  /** Who invited, when known. */
  readonly from: string;
  readonly reason: string;
  /** The room's password, when the invitation carried one. */
  readonly password?: string;
}

/** The user chose to join a room from an invitation shown on an element that is not that room's. */
export class XmppJoinRoomEvent extends Event {
  constructor(readonly detail: XmppJoinRoomDetail) {
    super('xmpp-join-room', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'xmpp-join-room': XmppJoinRoomEvent;
  }
}
