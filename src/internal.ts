// Internal: what our own entries, the demo and the tests use beyond the public surface.
// `xmpp-elements/internal.js` carries no promise of stability between versions.
export { Connection, type ConnectionOptions } from './core/connection.js';
export { Registry, registry, connectionKey, REGISTRY_KEY } from './core/registry.js';
export { Roster, parseRosterItem, type RosterItem, type ContactPresence, type Subscription } from './core/roster.js';
export { OwnPresence, OWN_SHOWS, type OwnShow } from './core/presence.js';
export { ChatService, Conversation, type ChatState, type ConversationMessage } from './core/chat.js';
export { Disco, discoInfo, discoItems, type DiscoInfo, type DiscoItem, type DiscoIdentity } from './core/disco.js';
export { queryArchive, parseArchived, type ArchiveQuery, type ArchivePage, type ArchivedMessage } from './core/mam.js';
export * from './core/muc/index.js';
export { parseDataForm, submitForm, type DataForm, type FormField, type FieldType, type FormOption } from './core/dataform.js';
export { Invitations, type Invitation } from './core/invitations.js';
export type { ChatMessage, PresenceInfo } from './core/stanzas.js';
export { XmppError, parseStanzaError, type StanzaError } from './core/errors.js';
export type { Transport, TransportHandlers, TransportOptions, TransportState } from './core/transport.js';
export { StropheTransport } from './core/strophe-transport.js';
export { ConnectionController } from './controllers/connection-controller.js';
export { ServiceController } from './controllers/service-controller.js';
export { connectionContext } from './controllers/connection-context.js';
