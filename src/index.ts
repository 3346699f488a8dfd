// Classes and types, with no side effects: import './define.js' (or 'xmpp-elements') to register the tags.
export { XmppElement } from './components/base/xmpp-element.js';
export { XmppRoom } from './components/room/room.js';
export { Connection } from './core/connection.js';
export type { ConnectionOptions, Status } from './core/connection.js';
export { Registry, registry, connectionKey } from './core/registry.js';
export { MucRoom } from './core/muc.js';
export type { Occupant, Role, Affiliation, RoomNotice, TimelineItem, RoomState } from './core/muc.js';
export type { ChatMessage, PresenceInfo, Show, MessageType } from './core/stanzas.js';
export type { StanzaError } from './core/errors.js';
export { XmppError, parseStanzaError } from './core/errors.js';
export type { Transport, TransportHandlers, TransportOptions, TransportState } from './core/transport.js';
export { StropheTransport } from './core/strophe-transport.js';
export { XmppStatusEvent } from './events/status-event.js';
export { XmppMessageEvent } from './events/message-event.js';
export { XmppPresenceEvent } from './events/presence-event.js';
export { XmppErrorEvent } from './events/error-event.js';
export { XmppOpenChatEvent } from './events/open-chat-event.js';
