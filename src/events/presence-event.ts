import type { PresenceInfo } from '../core/stanzas.js';

export interface XmppPresenceDetail {
  readonly from: string;
  readonly show: PresenceInfo['show'];
  readonly status: string;
  readonly type: PresenceInfo['type'];
}

/** A presence arrived (a contact's, or an occupant's). */
export class XmppPresenceEvent extends Event {
  readonly detail: XmppPresenceDetail;

  constructor({ from, show, status, type }: XmppPresenceDetail) {
    super('xmpp-presence', { bubbles: true, composed: true });
    this.detail = { from, show, status, type };
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'xmpp-presence': XmppPresenceEvent;
  }
}
