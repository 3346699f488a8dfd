/**
 * What a message stanza may do to an earlier one: correct it (XEP-0308),
 * retract it (XEP-0424; a moderator's, XEP-0425) or react to it (XEP-0444).
 * They arrive as messages, often with a fallback body for clients that do not
 * understand them; that body is never shown. extras.ts reads them and hands
 * this module on (extensions.ts): rooms and conversations apply them with `applyEdit`.
 */
import { bareJid, resourceOf } from './jid.js';
import type { TimelineItem } from './muc/types.js';
import type { ChatMessage } from './stanzas.js';

/**
 * Room messages: the same occupant (by occupant-id where the room gives both, else the
 * same nick within our session). A message from before we joined (the room's history, the
 * archive) may be a previous holder's of the nick: a live edit by nick alone does not
 * touch it (our own edits do: we know we sent them).
 */
export function sameOccupant(a: ChatMessage, b: ChatMessage): boolean {
  if (a.occupantId && b.occupantId) return a.occupantId === b.occupantId;
  if (a.delayed && !b.delayed && !b.outgoing) return false;
  return a.from === b.from;
}

/** One-to-one messages: the same account. */
export function sameAccount(a: ChatMessage, b: ChatMessage): boolean {
  return bareJid(a.from) === bareJid(b.from);
}

/** What applying an edit came to. */
export type EditResult =
  /** The message it names is not known here. */
  | { readonly kind: 'unknown' }
  /** Someone else's correction or retraction (a spoof), or any edit of a retracted message: ignored. */
  | { readonly kind: 'refused' }
  /** `message` replaces `original`. */
  | { readonly kind: 'applied'; readonly original: ChatMessage; readonly message: ChatMessage };

/** Whether a message is the one an edit names: by its id (origin-id), the room's stanza-id, or an applied correction's id. */
export function isNamed(message: ChatMessage, id: string): boolean {
  return message.id === id || message.stanzaId === id || (message.aliases?.includes(id) ?? false);
}

/**
 * Works out a correction, retraction or reactions (`edit.edit`) of the message
 * it names. Only its sender may correct or retract a message; a moderator's
 * retraction must come from the room itself (`fromRoom`); anyone may react.
 */
export function applyEdit(
  find: (id: string) => ChatMessage | undefined,
  edit: ChatMessage,
  sameSender: (original: ChatMessage, edit: ChatMessage) => boolean,
  fromRoom = false,
): EditResult {
  const what = edit.edit;
  if (!what) return { kind: 'refused' };
  const original = find(what.kind === 'correction' ? what.replaces : what.target);
  if (!original) return { kind: 'unknown' };
  if (original.retracted) return { kind: 'refused' };
  if (what.kind === 'reactions') {
    // Each sender's set replaces their last one: in rooms by occupant, in chats by account; ours is ''.
    const sender = edit.outgoing ? '' : edit.type === 'groupchat' ? (edit.occupantId ?? edit.from) : bareJid(edit.from);
    const { [sender]: _old, ...others } = original.reactions ?? {};
    const reactions = what.emojis.length > 0 ? { ...others, [sender]: what.emojis } : others;
    return { kind: 'applied', original, message: { ...original, reactions } };
  }
  if (what.kind === 'retraction' && what.moderated) {
    if (!fromRoom) return { kind: 'refused' };
    const moderator = resourceOf(what.moderated.by) || what.moderated.by;
    return { kind: 'applied', original, message: { ...original, body: '', retracted: { moderator, reason: what.moderated.reason } } };
  }
  if (!sameSender(original, edit)) return { kind: 'refused' };
  if (what.kind === 'retraction') return { kind: 'applied', original, message: { ...original, body: '', retracted: {} } };
  return {
    kind: 'applied',
    original,
    message: { ...original, body: edit.body, edited: true, aliases: [...(original.aliases ?? []), edit.id] },
  };
}

/** The message an edit names, in these items (the newest first). */
export function findNamed(items: readonly TimelineItem[], id: string): ChatMessage | undefined {
  for (let i = items.length - 1; i >= 0; i -= 1) {
    const item = items[i];
    if (item?.kind === 'message' && isNamed(item.message, id)) return item.message;
  }
  return undefined;
}
