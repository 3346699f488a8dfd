import { result } from './connection.js';
import type { DiscoIdentity } from './disco.js';
import { CAPS_NODE, CAPS_VER } from './caps-ver.js';
import { NS, xml } from './xml.js';

/*
 * XEP-0115 entity capabilities, the part few sessions need: our disco#info
 * (XEP-0030 §3.1), what its `ver` is made of (XEP-0115 §5.1), and the answer to
 * a disco#info query, loaded by the first query. Every presence carries the
 * ver (caps-ver.ts, a constant: the guest page does not hash); the unit test
 * checks that the constant is still the hash of what is listed here.
 */

/** Who we are: a web client. */
export const IDENTITIES: readonly DiscoIdentity[] = [{ category: 'client', type: 'web', name: 'xmpp-elements' }];

/** What we understand in stanzas sent to us. */
export const FEATURES: readonly string[] = [
  'http://jabber.org/protocol/caps',
  'http://jabber.org/protocol/chatstates',
  NS.DISCO_INFO,
  NS.MUC,
  NS.CONFERENCE,
  'jabber:x:oob',
  'urn:xmpp:bookmarks:1+notify',
  'urn:xmpp:chat-markers:0',
  'urn:xmpp:message-correct:0',
  'urn:xmpp:message-retract:1',
  NS.PING,
  'urn:xmpp:reactions:0',
  'urn:xmpp:receipts',
  'urn:xmpp:reply:0',
  'urn:xmpp:spoiler:0',
  'urn:xmpp:styling:0',
];

/** The XEP-0115 §5.1 verification string of identities and features (no extended forms), hashed with SHA-1, base64. */
export async function capsVer(identities: readonly DiscoIdentity[], features: readonly string[]): Promise<string> {
  const byOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const ids = identities.map((i) => `${i.category}/${i.type}/${i.lang ?? ''}/${i.name ?? ''}<`).sort(byOrder);
  const text = ids.join('') + [...features].sort(byOrder).map((f) => `${f}<`).join('');
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-1', new TextEncoder().encode(text)));
  return btoa(String.fromCharCode(...digest));
}

/**
 * The answer to a disco#info get (XEP-0030 §3.1, XEP-0115 §6.2): ours for no
 * node or for `node#ver`, echoing the node; item-not-found for any other node.
 */
export function discoInfoReply(iq: Element): Element {
  const node = iq.firstElementChild?.getAttribute('node') ?? undefined;
  const reply = result(iq);
  if (node !== undefined && node !== `${CAPS_NODE}#${CAPS_VER}`) {
    reply.setAttribute('type', 'error');
    reply.append(
      xml('error', { type: 'cancel' }, xml('item-not-found', { xmlns: NS.STANZAS })),
    );
    return reply;
  }
  reply.append(
    xml(
      'query',
      { xmlns: NS.DISCO_INFO, node },
      ...IDENTITIES.map((i) => xml('identity', { category: i.category, type: i.type, name: i.name })),
      ...FEATURES.map((f) => xml('feature', { var: f })),
    ),
  );
  return reply;
}
