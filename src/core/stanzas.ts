import { type StanzaError, parseStanzaError } from './errors.js';
import { extras } from './extensions.js';
import { bareJid, resourceOf } from './jid.js';
import { NS, child, childText, children } from './xml.js';

export type MessageType = 'chat' | 'groupchat' | 'normal' | 'headline' | 'error';
export type Show = 'available' | 'chat' | 'away' | 'xa' | 'dnd' | 'offline';

/** A message as elements show it. `stamp` is ISO 8601. */
export interface ChatMessage {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly type: MessageType;
  readonly body: string;
  /** The sender's nick in a room. */
  readonly nick?: string;
  readonly stamp: string;
  readonly outgoing: boolean;
  /** Came with a delay stamp (history, offline storage). */
  readonly delayed?: boolean;
  /** The archive's or room's id for it (XEP-0359), used to drop duplicates. */
  readonly stanzaId?: string;
  /** Typed while offline or not yet confirmed by the room. */
  readonly pending?: boolean;
  /** Own one-to-one message the contact's client confirmed (XEP-0184). */
  readonly delivered?: boolean;
  /** Own one-to-one message the contact has seen (XEP-0333 `displayed`). */
  readonly displayed?: boolean;
  /** The sender asks to be told when it is seen (XEP-0333 `markable`). */
  readonly markable?: boolean;
  /** The room's stable id of the sender (XEP-0421), when the room gives one. */
  readonly occupantId?: string;
  /** This stanza corrects or retracts an earlier message (it is not shown itself). */
  readonly edit?: MessageEdit;
  /** The text was corrected by its sender (XEP-0308). */
  readonly edited?: boolean;
  /** The ids of the corrections applied, so a chain that names an earlier correction finds it. */
  readonly aliases?: readonly string[];
  /** Retracted by its sender (XEP-0424) or removed by a moderator (XEP-0425): the body is gone. */
  readonly retracted?: { readonly moderator?: string; readonly reason?: string };
  /** Reactions (XEP-0444), each sender's set; the user's own under ''. */
  readonly reactions?: Readonly<Record<string, readonly string[]>>;
  // What extras.ts reads (loaded when a stanza carries any of it):
  /** It answers a message (XEP-0461): its id, its author's JID, the quoted text of the fallback. */
  readonly reply?: { readonly id: string; readonly to: string; readonly quote: string };
  /** Shared files (XEP-0066 out-of-band URLs, as XEP-0363 uploads are sent): http(s) only. */
  readonly attachments?: readonly Attachment[];
  /** Hidden as a spoiler (XEP-0382) until asked: its hint ('' when none). */
  readonly spoiler?: string;
  /** End-to-end encrypted (OMEMO, OpenPGP; XEP-0380): the body is a fallback, never shown. */
  readonly encrypted?: boolean;
  /** The sender asked for its text to be shown as it is (XEP-0393 `<unstyled/>`). */
  readonly unstyled?: boolean;
  /** XEP-0372 mention references: the URIs it names. */
  readonly mentions?: readonly string[];
}

export interface Attachment {
  readonly url: string;
  /** The file name from the URL (or its description). */
  readonly name: string;
  readonly image: boolean;
  readonly width?: number;
  readonly height?: number;
}

export type MessageEdit =
  | { readonly kind: 'correction'; readonly replaces: string }
  | {
      readonly kind: 'retraction';
      readonly target: string;
      readonly moderated?: { readonly by: string; readonly reason: string };
    }
  /** The sender's whole new set of reactions to a message (XEP-0444); empty removes theirs. */
  | { readonly kind: 'reactions'; readonly target: string; readonly emojis: readonly string[] };

const MESSAGE_TYPES: readonly MessageType[] = ['chat', 'groupchat', 'normal', 'headline', 'error'];
const SHOWS: readonly Show[] = ['chat', 'away', 'xa', 'dnd'];

/** Most a body may hold before it is cut (characters); servers allow more, screens do not. */
export const MAX_BODY = 20000;

export function messageType(stanza: Element): MessageType {
  const type = stanza.getAttribute('type') ?? 'normal';
  return (MESSAGE_TYPES as readonly string[]).includes(type) ? (type as MessageType) : 'normal';
}

/** The XEP-0203 delay stamp, when valid. */
export function delayStamp(stanza: Element): string | undefined {
  const stamp = child(stanza, 'delay', NS.DELAY)?.getAttribute('stamp');
  if (!stamp) return undefined;
  const time = Date.parse(stamp);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/** The stanza-id a given entity (a room, or our account) assigned, per XEP-0359. */
export function stanzaIdBy(stanza: Element, by: string): string | undefined {
  const match = children(stanza, 'stanza-id', NS.STANZA_ID).find(
    (el) => bareJid(el.getAttribute('by') ?? '') === bareJid(by),
  );
  return match?.getAttribute('id') ?? undefined;
}

/** The id our client gave the message (origin-id, else the stanza id). */
export function originId(stanza: Element): string {
  return child(stanza, 'origin-id', NS.STANZA_ID)?.getAttribute('id') ?? stanza.getAttribute('id') ?? '';
}

/**
 * Turns a message stanza into a ChatMessage; undefined when it has nothing to
 * show or apply. `ownJid` decides `outgoing`; `nick` is set for groupchat.
 * What a message carries beyond text (corrections, reactions, replies, files…)
 * is read by extras.ts, which the connection loads before it hands on a stanza
 * that has any (extensions.ts).
 */
export function parseMessage(stanza: Element, options: { ownJid: string; ownNick?: string }): ChatMessage | undefined {
  const rawBody = childText(stanza, 'body');
  if (rawBody === undefined && !extras) return undefined;
  const type = messageType(stanza);
  const from = stanza.getAttribute('from') ?? '';
  const to = stanza.getAttribute('to') ?? '';
  const nick = type === 'groupchat' ? resourceOf(from) : undefined;
  const stamp = delayStamp(stanza);
  const outgoing =
    type === 'groupchat'
      ? nick !== undefined && nick !== '' && nick === options.ownNick
      : from !== '' && bareJid(from) === bareJid(options.ownJid);
  const stanzaId = stanzaIdBy(stanza, type === 'groupchat' ? from : options.ownJid);
  const text = rawBody ?? '';
  const body = text.length > MAX_BODY ? `${text.slice(0, MAX_BODY)}…` : text;
  // XEP-0421: the room's stable id of the sender.
  const occupantId = type === 'groupchat' ? child(stanza, 'occupant-id', 'urn:xmpp:occupant-id:0')?.getAttribute('id') : undefined;
  const message: ChatMessage = {
    id: originId(stanza) || stanzaId || `${from}#${Date.now()}`,
    from,
    to,
    type,
    body,
    ...(nick !== undefined ? { nick } : {}),
    stamp: stamp ?? new Date().toISOString(),
    outgoing,
    ...(stamp ? { delayed: true } : {}),
    ...(stanzaId ? { stanzaId } : {}),
    ...(occupantId ? { occupantId } : {}),
  };
  return extras ? extras.parseExtras(stanza, message, rawBody !== undefined) : message;
}

export interface PresenceInfo {
  readonly from: string;
  readonly type: 'available' | 'unavailable' | 'subscribe' | 'subscribed' | 'unsubscribe' | 'unsubscribed' | 'error' | 'probe';
  readonly show: Show;
  readonly status: string;
  readonly priority: number;
  readonly error?: StanzaError;
  /**
   * The SHA-1 of the sender's avatar from XEP-0153's `vcard-temp:x:update` (servers
   * put XEP-0084 avatars there too, XEP-0398): '' for none, absent when not told.
   */
  readonly photo?: string;
}

const PRESENCE_TYPES = ['unavailable', 'subscribe', 'subscribed', 'unsubscribe', 'unsubscribed', 'error', 'probe'];

/** Parses a presence stanza (RFC 6121 §4.7) into plain values, with defaults for what is missing. */
export function parsePresence(stanza: Element): PresenceInfo {
  const rawType = stanza.getAttribute('type');
  const type = rawType && PRESENCE_TYPES.includes(rawType) ? (rawType as PresenceInfo['type']) : 'available';
  const showText = childText(stanza, 'show')?.trim() ?? '';
  const show: Show =
    type === 'unavailable' ? 'offline' : (SHOWS as readonly string[]).includes(showText) ? (showText as Show) : 'available';
  const priority = Number.parseInt(childText(stanza, 'priority') ?? '0', 10);
  const error = parseStanzaError(stanza);
  const photo = childText(child(stanza, 'x', 'vcard-temp:x:update'), 'photo')?.trim().toLowerCase();
  return {
    from: stanza.getAttribute('from') ?? '',
    type,
    show,
    status: (childText(stanza, 'status') ?? '').slice(0, 1000),
    priority: Number.isFinite(priority) ? Math.max(-128, Math.min(127, priority)) : 0,
    ...(error ? { error } : {}),
    ...(photo === undefined || !/^[0-9a-f]{0,40}$/.test(photo) ? {} : { photo }),
  };
}
