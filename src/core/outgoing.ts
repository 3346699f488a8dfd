/**
 * What the user sends beyond text, built as Conversations, Dino and Converse.js
 * build it (from the XEPs' examples): the elements a message carries, for
 * MucRoom.send and Conversation.send. Loaded with the message actions.
 */
import { xml } from './xml.js';

const HINTS = 'urn:xmpp:hints';
const FALLBACK = 'urn:xmpp:fallback:0';

/** XEP-0444: the user's whole new set of reactions to a message (empty takes them all back). */
export function reactionsStanza(id: string, emojis: readonly string[]): Element[] {
  return [
    xml('reactions', { xmlns: 'urn:xmpp:reactions:0', id }, ...emojis.map((emoji) => xml('reaction', {}, emoji))),
    xml('store', { xmlns: HINTS }),
  ];
}

/** XEP-0308: this message corrects the one with this id (its first id, even after earlier corrections). */
export function correctionStanza(id: string): Element[] {
  return [xml('replace', { xmlns: 'urn:xmpp:message-correct:0', id })];
}

/** XEP-0424: retracts an own message; the fallback body is for clients that do not know it. */
export function retractionStanza(id: string): Element[] {
  return [
    xml('retract', { xmlns: 'urn:xmpp:message-retract:1', id }),
    xml('fallback', { xmlns: FALLBACK, for: 'urn:xmpp:message-retract:1' }),
    xml('store', { xmlns: HINTS }),
  ];
}

/**
 * XEP-0461: a reply to message `id` by `to` (in a room the occupant's JID), with
 * the quoted text as a XEP-0428 fallback ("> " lines) before the answer; its
 * range counts code points.
 */
export function replyStanza(id: string, to: string, quoted: string, text: string): { body: string; children: Element[] } {
  const quote = `${quoted
    .split('\n')
    .slice(0, 5)
    .map((line) => `> ${line}`)
    .join('\n')}\n`;
  return {
    body: quote + text,
    children: [
      xml('reply', { xmlns: 'urn:xmpp:reply:0', to, id }),
      xml('fallback', { xmlns: FALLBACK, for: 'urn:xmpp:reply:0' }, xml('body', { start: 0, end: Array.from(quote).length })),
    ],
  };
}
