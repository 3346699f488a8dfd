/**
 * English: notices of what moderators and the room do (roles, affiliations,
 * removals, renames, a shutdown, a declined invitation, what the room says of
 * itself on join), and errors few users meet. Most guests never see one: the
 * table loads with the first (see `translate`).
 */
export const enEvents = {
  // Errors few users meet (their English loads with the first, as the notices'):
  'error.conflict': 'That name is already in use.',
  'error.forbidden': 'Forbidden: you are not allowed here (banned?).',
  'error.item-not-found': 'Not found: the room does not exist and cannot be created.',
  'error.not-acceptable': 'Not acceptable (406): the server refused this request.',
  'error.not-allowed': 'Not allowed: this room cannot be created or joined.',
  'error.registration-required': 'Members only: you must be a member to join.',
  'error.service-unavailable': 'Service unavailable: the server or room is not available (full?).',
  'error.no-service-url': 'No server address: set the bosh-url or ws-url attribute.',
  // The host site's login URL (credentials-url, session-url) and discovery (XEP-0156), core/site.ts:
  'error.site-refused': 'The site did not sign you in to chat (its answer: HTTP {text}). Sign in to the site, then press Retry.',
  'error.site-unreachable': 'The site could not be reached to sign you in to chat. Check the network, then press Retry.',
  'error.site-credentials-refused': 'The chat server refused the login the site gave for {text}. Sign in to the site again, then press Retry.',
  'error.site-bad-answer': 'The site answered something other than a chat login (expected JSON with {text}).',
  'error.no-service-found': 'No chat server found for {text}: its host-meta (XEP-0156) names no WebSocket or BOSH endpoint.',
  'error.host-meta-unreadable': 'The host-meta of {text} could not be read (neither JSON nor XRD).',
  'error.undefined-condition': 'The server reported an error.',
  'error.feature-not-implemented': 'The server does not support this.',
  'notice.nick-changed': 'The room changed your nickname to {nick}.',
  'notice.kicked': '{nick} was kicked. {reason}',
  'notice.banned': '{nick} was banned. {reason}',
  'notice.renamed': '{nick} is now known as {newNick}',
  'notice.non-anonymous': 'This room is not anonymous: everyone can see your real JID.',
  'notice.logging': 'This room is logged: what is said here is archived.',
  'notice.removed-affiliation': '{nick} was removed: their affiliation changed. {reason}',
  'notice.removed-members-only': '{nick} was removed: the room is now members-only.',
  'notice.you-kicked': 'You were kicked from the room. {reason}',
  'notice.you-banned': 'You were banned from the room. {reason}',
  'notice.you-removed-affiliation': 'You were removed from the room: your affiliation changed. {reason}',
  'notice.you-removed-members-only': 'You were removed from the room: it is now members-only.',
  'notice.room-shutdown': 'The room service is shutting down. {reason}',
  'notice.voice-granted': '{nick} may speak now. {reason}',
  'notice.voice-revoked': '{nick} may no longer speak. {reason}',
  'notice.moderator-granted': '{nick} is now a moderator. {reason}',
  'notice.moderator-revoked': '{nick} is no longer a moderator. {reason}',
  'notice.affiliation-owner': '{nick} is now an owner. {reason}',
  'notice.affiliation-admin': '{nick} is now an admin. {reason}',
  'notice.affiliation-member': '{nick} is now a member. {reason}',
  'notice.affiliation-none': '{nick} no longer has an affiliation. {reason}',
  'notice.affiliation-outcast': '{nick} is now banned. {reason}',
  'notice.invitation-declined': '{jid} declined the invitation. {reason}',
} as const;
