// The public surface (../shared/API.md): the elements, their events and the events' detail types.
// No side effects: import 'xmpp-elements' (main.js) or 'xmpp-elements/define.js' to register the tags.
// Everything else (the XMPP core, Strophe's adapter) is internal: see internal.ts.
export { XmppElement } from './components/base/xmpp-element.js';
export { XmppRoom } from './components/room/room.js';
export { XmppChat } from './components/chat/chat.js';
export { XmppRoster } from './components/roster/roster.js';
export { XmppPresence } from './components/presence/presence.js';
export { XmppLauncher } from './components/launcher/launcher.js';
export type { Status } from './core/connection.js';
export type { MessageType, Show } from './core/stanzas.js';
export { XmppStatusEvent, type XmppStatusDetail } from './events/status-event.js';
export { XmppMessageEvent, type XmppMessageDetail } from './events/message-event.js';
export { XmppPresenceEvent, type XmppPresenceDetail } from './events/presence-event.js';
export { XmppErrorEvent, type XmppErrorDetail } from './events/error-event.js';
export { XmppOpenChatEvent, type XmppOpenChatDetail } from './events/open-chat-event.js';
export { XmppJoinRoomEvent, type XmppJoinRoomDetail } from './events/join-room-event.js';
export { XmppUnreadEvent, type XmppUnreadDetail } from './events/unread-event.js';
// Strings a page adds or overrides for a language (also XmppElement.registerMessages, for pages
// that have only the script tag): README "Languages".
export { registerMessages, type MessageKey, type MessageTable } from './i18n/localize.js';
