import type { Connection } from './connection.js';
import { child, childText, xml } from './xml.js';

/*
 * XEP-0054 vcard-temp, for names: what a contact calls itself (FN, else
 * NICKNAME), shown by the roster for a contact the user gave no name. Asked
 * once per JID per connection, on demand (the roster loads this module when it
 * has such a contact); the picture is avatars.ts's (XEP-0153).
 */

const NS_VCARD = 'vcard-temp';
/** Longest name shown (characters). */
const MAX_NAME = 100;

/** By connection: the name each JID's vCard gave ('' for none, or still asking). */
const names = new WeakMap<Connection, Map<string, string>>();

/** The vCard name of a bare JID if known; else undefined, asking once (while online), and `done` runs when it comes. */
export function vcardName(connection: Connection, jid: string, done: () => void): string | undefined {
  let map = names.get(connection);
  if (!map) names.set(connection, (map = new Map<string, string>()));
  const known = map.get(jid);
  if (known !== undefined) return known || undefined;
  if (connection.status !== 'online') return undefined;
  map.set(jid, '');
  connection.sendIq(xml('iq', { type: 'get', to: jid }, xml('vCard', { xmlns: NS_VCARD }))).then(
    (answer) => {
      const card = child(answer, 'vCard', NS_VCARD);
      const name = [childText(card, 'FN', NS_VCARD), childText(card, 'NICKNAME', NS_VCARD)]
        .map((text) => (text ?? '').replace(/\s+/g, ' ').trim())
        .find(Boolean);
      if (!name) return;
      map.set(jid, name.slice(0, MAX_NAME));
      done();
    },
    () => undefined,
  );
  return undefined;
}
