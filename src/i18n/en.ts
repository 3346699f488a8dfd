import type { enAccounts } from './en-accounts.js';
import type { enBlocking } from './en-blocking.js';
import type { enBookmarks } from './en-bookmarks.js';
import type { enEvents } from './en-events.js';
import type { enForms } from './en-forms.js';
import type { enLauncher } from './en-launcher.js';
import type { enNotify } from './en-notify.js';
import type { enRich } from './en-rich.js';

/** English: the message table every user-visible string comes from. */
export const en = {
  'status.connecting': 'Connecting…',
  'status.online': 'Online',
  'status.reconnecting': 'Reconnecting…',
  'status.offline': 'Offline',
  'status.auth-failed': 'Wrong JID or password',
  'status.failed': 'Could not connect',
  'room.occupants': 'Occupants ({count})',
  'room.messages': 'Messages in {room}',
  'room.joining': 'Joining {room}…',
  'room.no-room': 'No room given: set the room-jid attribute.',
  'room.self': '(you)',
  'composer.label': 'Message',
  'composer.placeholder': 'Write a message… (Enter sends, Shift+Enter adds a line)',
  'composer.send': 'Send',
  'messages.new': 'New messages',
  'message.label': '{author}, {time}',
  'message.pending': 'Sending…',
  'message.edited': 'edited',
  'message.retracted': 'This message was retracted.',
  'message.moderated': 'Removed by a moderator. {reason}',
  'notice.joined': '{nick} joined',
  'notice.left': '{nick} left',
  'notice.nick-conflict': 'The nickname {requested} is taken; you are {nick}.',
  'notice.room-created': 'Room created',
  'notice.subject': 'Subject changed to: {subject}',
  'role.moderator': 'Moderators',
  'role.participant': 'Participants',
  'role.visitor': 'Visitors',
  'role.none': 'Others',
  'affiliation.owner': 'owner',
  'affiliation.admin': 'admin',
  'affiliation.member': 'member',
  'affiliation.outcast': 'banned',
  'affiliation.none': '',
  'show.available': 'Available',
  'show.chat': 'Free to chat',
  'show.away': 'Away',
  'show.xa': 'Extended away',
  'show.dnd': 'Do not disturb',
  'show.offline': 'Offline',
  'error.not-authorized': 'Not authorized: a password is needed or it is wrong.',
  'error.remote-server-not-found': 'The server could not be found.',
  'error.remote-server-timeout': 'The server did not answer in time.',
  'error.jid-malformed': 'That is not a valid JID: {text}',
  'error.remote-connection-failed': 'Could not reach the server. Check the address and your network.',
  'error.not-joined': 'You are not in the room yet.',
  'error.auth-failed': 'Wrong JID or password.',
  'error.generic': 'Error: {condition}',
  'error.server-text': 'The server said: {text}',
  'retry': 'Retry',
  // chat
  'chat.action': '* {name} {text}',
  // roster
  // presence
  // room-admin
  'room.configure': 'Configure room',
  'room.leave': 'Leave',
  'room.rejoin': 'Join again',
  'room.change-nick': 'Change nickname',
  'room.change-subject': 'Change subject',
  'room.invite': 'Invite',
  'room.visitor-muted': 'This room is moderated: visitors cannot speak until a moderator gives them voice.',
  'room.load-older': 'Load older messages',
  'room.loading-older': 'Loading…',
  'room.actions': 'Actions for {nick}',
  // resilience
  'error.reconnect-gave-up': 'The connection was lost and could not be restored. Unsent messages are kept: press Retry to try again.',
  'messages.earlier': 'Show {count} earlier messages',
} as const;

/**
 * Every message key. English strings for code that few pages load (forms, the signed-in
 * elements) live beside that code's tables (en-forms.ts, en-accounts.ts) and join the
 * English table when it loads (en-rich.ts: rich messages and their actions; en-events.ts:
 * what moderators do in a room, loaded with the first such notice).
 */
export type MessageKey = keyof typeof en | keyof typeof enForms | keyof typeof enAccounts | keyof typeof enRich | keyof typeof enEvents | keyof typeof enLauncher | keyof typeof enNotify | keyof typeof enBlocking | keyof typeof enBookmarks;
