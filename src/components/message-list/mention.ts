import { bareJid } from '../../core/jid.js';

/** What a mention test needs of a room message. */
export interface MentionCandidate {
  readonly from: string;
  readonly body: string;
  readonly type?: string;
  readonly outgoing?: boolean;
  readonly mentions?: readonly string[];
}

/**
 * A room message names the user: by a XEP-0372 reference (to their occupant JID or
 * their own bare JID), or their nick as a word. (The message list's `mention` part and
 * the room's notifications; a module of its own, loaded with either.)
 */
export function isMention(message: MentionCandidate, nick: string | undefined, own: string): boolean {
  if (message.outgoing || !nick || message.type !== 'groupchat') return false;
  const uris = [`xmpp:${bareJid(message.from)}/${nick}`, ...(own ? [`xmpp:${own}`] : [])];
  if (message.mentions?.some((m) => uris.includes(m) || uris.includes(safeDecode(m)))) return true;
  const escaped = nick.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\p{L}\\p{N}_])${escaped}(?![\\p{L}\\p{N}_])`, 'iu').test(message.body);
}

function safeDecode(uri: string): string {
  try {
    return decodeURIComponent(uri);
  } catch {
    return uri;
  }
}
