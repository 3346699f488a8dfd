/**
 * What a message carries beyond its text, as today's clients (Conversations,
 * Dino, Gajim, Monal, Converse.js) send it: corrections (XEP-0308),
 * retractions (XEP-0424, XEP-0425), reactions (XEP-0444), replies (XEP-0461)
 * with their fallback quotes (XEP-0428), shared files (XEP-0066, as XEP-0363
 * uploads are sent), spoilers (XEP-0382), end-to-end encryption (OMEMO,
 * OpenPGP; XEP-0380), mention references (XEP-0372) and `<unstyled/>`
 * (XEP-0393). Loaded on demand (extensions.ts). Everything read here stays
 * text: the elements bind it, nothing becomes markup.
 */
import type { Attachment, ChatMessage, MessageEdit } from './stanzas.js';
export { applyEdit, findNamed, isNamed, sameAccount, sameOccupant } from './edits.js';
import { child, childText, children } from './xml.js';

const CORRECT = 'urn:xmpp:message-correct:0';
const RETRACT = 'urn:xmpp:message-retract:1';
/** XEP-0424 before 0.4 (Converse.js 10, Conversations 2.x): inside a XEP-0422 `<apply-to>`. */
const RETRACT_0 = 'urn:xmpp:message-retract:0';
const FASTEN = 'urn:xmpp:fasten:0';
const MODERATE = 'urn:xmpp:message-moderate:1';
const MODERATE_0 = 'urn:xmpp:message-moderate:0';
const REACTIONS = 'urn:xmpp:reactions:0';
const REPLY = 'urn:xmpp:reply:0';
const FALLBACK = 'urn:xmpp:fallback:0';
const OOB = 'jabber:x:oob';
const SPOILER = 'urn:xmpp:spoiler:0';
const REFERENCE = 'urn:xmpp:reference:0';
const STYLING = 'urn:xmpp:styling:0';
/** Payloads a client without the keys cannot read: OMEMO (legacy and 2), OpenPGP (XEP-0373, XEP-0027). */
const ENCRYPTED: readonly (readonly [string, string])[] = [
  ['encrypted', 'eu.siacs.conversations.axolotl'],
  ['encrypted', 'urn:xmpp:omemo:2'],
  ['openpgp', 'urn:xmpp:openpgp:0'],
  ['x', 'jabber:x:encrypted'],
];

const MAX_REASON = 1000;
const MAX_REACTIONS = 20;
/** Long enough for any emoji sequence (a family with skin tones is 35 UTF-16 units). */
const MAX_REACTION = 40;
const MAX_HINT = 200;
const MAX_NAME = 200;

/** Adds what the stanza carries beyond text to `message`; undefined when there is nothing to show or apply. */
export function parseExtras(stanza: Element, message: ChatMessage, hasBody: boolean): ChatMessage | undefined {
  const edit = parseEdit(stanza);
  const encrypted = ENCRYPTED.some(([name, ns]) => child(stanza, name, ns)) || !!child(stanza, 'encryption', 'urn:xmpp:eme:0');
  if (encrypted) {
    // Its fallback body is never shown, nor applied as a correction; an OMEMO key exchange
    // or heartbeat (no payload, no body) is nothing to show.
    const payload = hasBody || stanza.getElementsByTagName('payload').length > 0;
    return edit || !payload ? undefined : { ...message, body: '', encrypted: true };
  }
  // A correction without a body would blank the message: it is none.
  if (edit) return edit.kind === 'correction' && !hasBody ? undefined : { ...message, edit };
  if (!hasBody) return undefined;

  const { body, quote } = stripFallbacks(stanza, message.body);
  const reply = child(stanza, 'reply', REPLY);
  const replyId = reply?.getAttribute('id');
  const sent: string[] = [];
  const attachments = parseAttachments(stanza, sent);
  const spoiler = child(stanza, 'spoiler', SPOILER);
  const mentions = children(stanza, 'reference', REFERENCE)
    .filter((el) => el.getAttribute('type') === 'mention')
    .map((el) => el.getAttribute('uri') ?? '')
    .slice(0, 20);
  // A body that is only the file's URL (what Conversations sends) is not shown again as text;
  // a URL refused (javascript:, data:…) is shown as text when there is no other.
  const bodyIsUrl = sent.includes(body.trim()) || attachments.some((a) => a.url === body.trim());
  const refused = attachments.length === 0 && body.trim() === '' ? (childText(child(stanza, 'x', OOB), 'url') ?? '').trim() : '';
  return {
    ...message,
    body: bodyIsUrl ? '' : body || refused.slice(0, 2000),
    ...(reply && replyId ? { reply: { id: replyId, to: reply.getAttribute('to') ?? '', quote } } : {}),
    ...(attachments.length > 0 ? { attachments } : {}),
    ...(spoiler ? { spoiler: (spoiler.textContent ?? '').trim().slice(0, MAX_HINT) } : {}),
    ...(mentions.length > 0 ? { mentions } : {}),
    ...(child(stanza, 'unstyled', STYLING) ? { unstyled: true } : {}),
  };
}

/** The correction, retraction or reactions a message stanza carries, if any. */
export function parseEdit(stanza: Element): MessageEdit | undefined {
  const replace = child(stanza, 'replace', CORRECT)?.getAttribute('id');
  if (replace) return { kind: 'correction', replaces: replace };

  const reactions = child(stanza, 'reactions', REACTIONS);
  const reactionsTo = reactions?.getAttribute('id');
  if (reactions && reactionsTo) {
    const emojis = children(reactions, 'reaction')
      .map((el) => (el.textContent ?? '').trim())
      .filter((emoji) => emoji !== '' && emoji.length <= MAX_REACTION);
    return { kind: 'reactions', target: reactionsTo, emojis: [...new Set(emojis)].slice(0, MAX_REACTIONS) };
  }

  const retract = child(stanza, 'retract', RETRACT);
  const retractId = retract?.getAttribute('id');
  if (retract && retractId) {
    const moderated = child(retract, 'moderated', MODERATE);
    return {
      kind: 'retraction',
      target: retractId,
      ...(moderated ? { moderated: moderation(moderated, retract) } : {}),
    };
  }

  // The older form: <apply-to id><retract/></apply-to>, or a moderator's <apply-to><moderated><retract/>.
  const applyTo = child(stanza, 'apply-to', FASTEN);
  const target = applyTo?.getAttribute('id');
  if (!applyTo || !target) return undefined;
  if (child(applyTo, 'retract', RETRACT_0)) return { kind: 'retraction', target };
  const moderated = child(applyTo, 'moderated', MODERATE_0);
  if (moderated && child(moderated, 'retract', RETRACT_0)) {
    return { kind: 'retraction', target, moderated: moderation(moderated, moderated) };
  }
  return undefined;
}

function moderation(moderated: Element, reasonIn: Element) {
  return { by: moderated.getAttribute('by') ?? '', reason: (childText(reasonIn, 'reason') ?? '').slice(0, MAX_REASON) };
}

/**
 * Takes the XEP-0428 fallback text for a reply out of the body (its ranges
 * count code points, not UTF-16 units) and gives it back as the quote, without
 * its "> " marks, for when the message it answers is not loaded.
 */
function stripFallbacks(stanza: Element, body: string): { body: string; quote: string } {
  const points = Array.from(body);
  const cut = new Array<boolean>(points.length).fill(false);
  let quote = '';
  for (const fallback of children(stanza, 'fallback', FALLBACK)) {
    if (fallback.getAttribute('for') !== REPLY) continue;
    const ranges = children(fallback, 'body');
    for (const range of ranges.length > 0 ? ranges : [undefined]) {
      const start = range ? Number(range.getAttribute('start')) : 0;
      const end = range ? Number(range.getAttribute('end')) : points.length;
      if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > points.length || start >= end) continue;
      quote += points.slice(start, end).join('');
      cut.fill(true, start, end);
    }
  }
  if (!cut.includes(true)) return { body, quote: '' };
  return {
    body: points.filter((_, i) => !cut[i]).join(''),
    quote: quote
      .split('\n')
      .map((line) => line.replace(/^> ?/, ''))
      .join('\n')
      .trim(),
  };
}

const IMAGE = /\.(png|jpe?g|gif|webp|avif|bmp)$/i;

/**
 * XEP-0066 out-of-band URLs; only http and https: anything else stays text in the body.
 * `sent` gets each taken URL as the sender wrote it (before it was normalised).
 */
function parseAttachments(stanza: Element, sent: string[]): Attachment[] {
  const found: Attachment[] = [];
  for (const x of children(stanza, 'x', OOB)) {
    if (found.length === 10) break;
    const url = (childText(x, 'url') ?? '').trim();
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      continue;
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') continue;
    let name = parsed.pathname.split('/').pop() ?? '';
    try {
      name = decodeURIComponent(name);
    } catch {
      // a broken escape: the name as it is
    }
    sent.push(url);
    found.push({ url: parsed.href === url ? url : parsed.href, name: (name || parsed.host).slice(0, MAX_NAME), image: IMAGE.test(parsed.pathname) });
  }
  return found;
}
