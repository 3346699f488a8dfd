/**
 * What a message stanza may do to an earlier one: correct it (XEP-0308) or
 * retract it (XEP-0424; a moderator's, XEP-0425). Both arrive as messages
 * with a fallback body for clients that do not understand them; that body is
 * never shown. Rooms and conversations apply them with `applyEdit`.
 */
import { bareJid, resourceOf } from './jid.js';
import type { ChatMessage, MessageEdit } from './stanzas.js';
import { child, childText } from './xml.js';

export const EDIT_NS = {
  CORRECT: 'urn:xmpp:message-correct:0',
  RETRACT: 'urn:xmpp:message-retract:1',
  /** XEP-0424 before 0.4 (Converse.js 10, Conversations 2.x): inside a XEP-0422 `<apply-to>`. */
  RETRACT_0: 'urn:xmpp:message-retract:0',
  FASTEN: 'urn:xmpp:fasten:0',
  MODERATE: 'urn:xmpp:message-moderate:1',
  MODERATE_0: 'urn:xmpp:message-moderate:0',
  OCCUPANT_ID: 'urn:xmpp:occupant-id:0',
} as const;

const MAX_REASON = 1000;

/** The correction or retraction a message stanza carries, if any. */
export function parseEdit(stanza: Element): MessageEdit | undefined {
  const replace = child(stanza, 'replace', EDIT_NS.CORRECT)?.getAttribute('id');
  if (replace) return { kind: 'correction', replaces: replace };

  const retract = child(stanza, 'retract', EDIT_NS.RETRACT);
  const retractId = retract?.getAttribute('id');
  if (retract && retractId) {
    const moderated = child(retract, 'moderated', EDIT_NS.MODERATE);
    return {
      kind: 'retraction',
      target: retractId,
      ...(moderated
        ? { moderated: { by: moderated.getAttribute('by') ?? '', reason: (childText(retract, 'reason') ?? '').slice(0, MAX_REASON) } }
        : {}),
    };
  }

  // The older form: <apply-to id><retract/></apply-to>, or a moderator's <apply-to><moderated><retract/>.
  const applyTo = child(stanza, 'apply-to', EDIT_NS.FASTEN);
  const target = applyTo?.getAttribute('id');
  if (!applyTo || !target) return undefined;
  if (child(applyTo, 'retract', EDIT_NS.RETRACT_0)) return { kind: 'retraction', target };
  const moderated = child(applyTo, 'moderated', EDIT_NS.MODERATE_0);
  if (moderated && child(moderated, 'retract', EDIT_NS.RETRACT_0)) {
    return {
      kind: 'retraction',
      target,
      moderated: { by: moderated.getAttribute('by') ?? '', reason: (childText(moderated, 'reason') ?? '').slice(0, MAX_REASON) },
    };
  }
  return undefined;
}

/** The room's XEP-0421 occupant id of a groupchat message's sender, when the room gives one. */
export function occupantIdOf(stanza: Element): string | undefined {
  return child(stanza, 'occupant-id', EDIT_NS.OCCUPANT_ID)?.getAttribute('id') ?? undefined;
}

/** Room messages: the same occupant (by occupant-id where the room gives both, else the same nick). */
export function sameOccupant(a: ChatMessage, b: ChatMessage): boolean {
  if (a.occupantId && b.occupantId) return a.occupantId === b.occupantId;
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
  /** Someone else's edit (a spoof), or one of a retracted message: ignored. */
  | { readonly kind: 'refused' }
  /** `message` replaces `original`. */
  | { readonly kind: 'applied'; readonly original: ChatMessage; readonly message: ChatMessage };

/** Whether a message is the one an edit names: by its id (origin-id), the room's stanza-id, or an applied correction's id. */
export function isNamed(message: ChatMessage, id: string): boolean {
  return message.id === id || message.stanzaId === id || (message.aliases?.includes(id) ?? false);
}

/**
 * Works out a correction or retraction (`edit.edit`) of the message it names.
 * Only its sender may edit a message; a moderator's retraction must come from
 * the room itself (`fromRoom`).
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
