// What the framework typings (types/react.ts, preact.ts, solid.ts, vue.ts, svelte.ts) share: each
// element's HTML attributes and the events it fires. Types only; nothing here registers an element.
import type { XmppErrorEvent } from '../events/error-event.js';
import type { XmppJoinRoomEvent } from '../events/join-room-event.js';
import type { XmppMessageEvent } from '../events/message-event.js';
import type { XmppOpenChatEvent } from '../events/open-chat-event.js';
import type { XmppPresenceEvent } from '../events/presence-event.js';
import type { XmppStatusEvent } from '../events/status-event.js';
import type { XmppUnreadEvent } from '../events/unread-event.js';

/** Every public event by name (../shared/API.md, Events). */
export interface XmppEventMap {
  'xmpp-status': XmppStatusEvent;
  'xmpp-message': XmppMessageEvent;
  'xmpp-presence': XmppPresenceEvent;
  'xmpp-error': XmppErrorEvent;
  'xmpp-open-chat': XmppOpenChatEvent;
  'xmpp-join-room': XmppJoinRoomEvent;
  'xmpp-unread': XmppUnreadEvent;
  'xmpp-show': Event;
  'xmpp-hide': Event;
}

/** The events every element but the launcher may fire (its own or, bubbling, its connection's). */
export type XmppElementEvents = Omit<XmppEventMap, 'xmpp-show' | 'xmpp-hide'>;

/** The connection attributes every element takes. */
export interface XmppConnectionAttributes {
  'bosh-url'?: string;
  'ws-url'?: string;
  jid?: string;
  domain?: string;
  'credentials-url'?: string;
  'session-url'?: string;
}

/** What room and chat share: desktop notifications and the title badge. */
export interface XmppConversationAttributes extends XmppConnectionAttributes {
  /** How many past messages to fetch (default 50). */
  history?: number | string;
  notifications?: 'off' | 'mentions' | 'all';
  'title-badge'?: boolean;
}

export interface XmppRoomAttributes extends XmppConversationAttributes {
  'room-jid'?: string;
  nick?: string;
  password?: string;
}

export interface XmppChatAttributes extends XmppConversationAttributes {
  with?: string;
}

export interface XmppRosterAttributes extends XmppConnectionAttributes {
  /** The id of an `<xmpp-chat>` to open contacts in. */
  for?: string;
}

export type XmppPresenceAttributes = XmppConnectionAttributes;

export interface XmppLauncherAttributes extends XmppConnectionAttributes {
  open?: boolean;
  position?: 'bottom-right' | 'bottom-left';
  label?: string;
}

/** Tag -> [element attributes, events it may fire]. */
export interface XmppElementTags {
  'xmpp-room': XmppRoomAttributes;
  'xmpp-chat': XmppChatAttributes;
  'xmpp-roster': XmppRosterAttributes;
  'xmpp-presence': XmppPresenceAttributes;
  'xmpp-launcher': XmppLauncherAttributes;
}

/** `on` + the event name as written (`onxmpp-status`): the listener props of React 19 and Preact. */
export type LowercaseEventProps<Events> = {
  [K in keyof Events & string as `on${K}`]?: (event: Events[K]) => void;
};
