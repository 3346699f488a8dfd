// `import { XmppRoom } from 'xmpp-elements/react'`: a React component for each element, made with
// @lit/react's createComponent: the element's properties as typed props, each event as an `onXmpp…`
// prop (`onXmppStatus` for xmpp-status). Importing this registers the five elements. React (17, 18
// or 19) is an optional peer dependency: only this entry needs it.
import React from 'react';
import { createComponent, type EventName } from '@lit/react';
import { XmppChat as ChatElement } from './chat.js';
import { XmppLauncher as LauncherElement } from './launcher.js';
import { XmppPresence as PresenceElement } from './presence.js';
import { XmppRoom as RoomElement } from './room.js';
import { XmppRoster as RosterElement } from './roster.js';
import type { XmppErrorEvent } from './events/error-event.js';
import type { XmppJoinRoomEvent } from './events/join-room-event.js';
import type { XmppMessageEvent } from './events/message-event.js';
import type { XmppOpenChatEvent } from './events/open-chat-event.js';
import type { XmppPresenceEvent } from './events/presence-event.js';
import type { XmppStatusEvent } from './events/status-event.js';
import type { XmppUnreadEvent } from './events/unread-event.js';

/** The event props of every component: its own events and, as they bubble, its connection's. */
const events = {
  onXmppStatus: 'xmpp-status' as EventName<XmppStatusEvent>,
  onXmppMessage: 'xmpp-message' as EventName<XmppMessageEvent>,
  onXmppPresence: 'xmpp-presence' as EventName<XmppPresenceEvent>,
  onXmppError: 'xmpp-error' as EventName<XmppErrorEvent>,
  onXmppOpenChat: 'xmpp-open-chat' as EventName<XmppOpenChatEvent>,
  onXmppJoinRoom: 'xmpp-join-room' as EventName<XmppJoinRoomEvent>,
  onXmppUnread: 'xmpp-unread' as EventName<XmppUnreadEvent>,
};

/** The launcher's too: its panel opening and closing. */
const launcherEvents = {
  ...events,
  onXmppShow: 'xmpp-show' as EventName<Event>,
  onXmppHide: 'xmpp-hide' as EventName<Event>,
};

/** `<xmpp-room>`: `roomJid`, `nick`, `history`, the connection props (`boshUrl`, `wsUrl`, `jid`). */
export const XmppRoom = createComponent({ react: React, tagName: 'xmpp-room', elementClass: RoomElement, events, displayName: 'XmppRoom' });

/** `<xmpp-chat>`: `with`, `history`, the connection props. */
export const XmppChat = createComponent({ react: React, tagName: 'xmpp-chat', elementClass: ChatElement, events, displayName: 'XmppChat' });

/** `<xmpp-roster>`: `for`, the connection props. */
export const XmppRoster = createComponent({ react: React, tagName: 'xmpp-roster', elementClass: RosterElement, events, displayName: 'XmppRoster' });

/** `<xmpp-presence>`: the connection props. */
export const XmppPresence = createComponent({ react: React, tagName: 'xmpp-presence', elementClass: PresenceElement, events, displayName: 'XmppPresence' });

/** `<xmpp-launcher>`: `open`, `position`, `label`, the connection props; `onXmppShow`, `onXmppHide`. */
export const XmppLauncher = createComponent({
  react: React,
  tagName: 'xmpp-launcher',
  elementClass: LauncherElement,
  events: launcherEvents,
  displayName: 'XmppLauncher',
});
