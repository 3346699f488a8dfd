import type { Connection } from './connection.js';
import { bareJid } from './jid.js';
import { child, childText, children, xml } from './xml.js';

/*
 * Avatars, loaded on demand (the first time a presence names one): an occupant's or a
 * contact's picture as a blob: URL, cached by its SHA-1 for the page's life.
 * - XEP-0084 (PEP `urn:xmpp:avatar:metadata` and `:data`) for an account's bare JID;
 * - the XEP-0153 vCard (`vcard-temp` PHOTO) as its fallback, and for a room's occupant,
 *   asked of its occupant JID (the room passes it on to the occupant's account).
 * Only PNG, JPEG, GIF and WebP are shown, at most MAX_BYTES, and only if their bytes
 * hash to what was announced where the page can hash (a secure context).
 */

const NS_VCARD = 'vcard-temp';
const NS_PUBSUB = 'http://jabber.org/protocol/pubsub';
const NODE_METADATA = 'urn:xmpp:avatar:metadata';
const NODE_DATA = 'urn:xmpp:avatar:data';
const TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];
const MAX_BYTES = 512 * 1024;

/** By hash: the picture's URL, or undefined when none could be had. Shared by all connections (a hash names the bytes). */
const byHash = new Map<string, Promise<string | undefined>>();
interface Known {
  readonly hash: string;
  url?: string;
}

/** By JID, per connection: the hash last known for it, and the URL once fetched. */
const known = new WeakMap<Connection, Map<string, Known>>();

function table(connection: Connection): Map<string, Known> {
  let map = known.get(connection);
  if (!map) known.set(connection, (map = new Map<string, Known>()));
  return map;
}

/**
 * The avatar URL of `jid` (a bare JID, or a room occupant's full JID) with this hash,
 * if it is here; else undefined, starting the fetch, and `done` runs once it is.
 * Without a hash (a contact whose presence said nothing), XEP-0084 is asked once.
 */
export function avatarUrl(connection: Connection, jid: string, hash: string | undefined, done: () => void): string | undefined {
  const map = table(connection);
  const entry = map.get(jid);
  if (entry && (hash === undefined || entry.hash === hash)) return entry.url;
  if (hash === '') return undefined;
  const current: Known = { hash: hash ?? '' };
  map.set(jid, current);
  void fetchAvatar(connection, jid, hash).then((url) => {
    if (map.get(jid) !== current || !url) return;
    current.url = url;
    done();
  });
  return undefined;
}

async function fetchAvatar(connection: Connection, jid: string, hash: string | undefined): Promise<string | undefined> {
  if (hash) {
    const cached = byHash.get(hash);
    if (cached) return cached;
  }
  const occupant = jid.includes('/');
  const loading = (async () => {
    const picture = (!occupant && (await fromPep(connection, jid, hash))) || (await fromVcard(connection, jid));
    if (!picture || (hash && !(await matches(picture.bytes, hash)))) return undefined;
    return URL.createObjectURL(new Blob([picture.bytes], { type: picture.type }));
  })().catch(() => undefined);
  if (hash) byHash.set(hash, loading);
  return loading;
}

interface Picture {
  readonly type: string;
  readonly bytes: Uint8Array<ArrayBuffer>;
}

/** XEP-0084 §4.3 and §4.4: the metadata's PNG (or first) info, then that item of the data node. */
async function fromPep(connection: Connection, jid: string, hash: string | undefined): Promise<Picture | undefined> {
  const items = (node: string, id?: string) =>
    connection.sendIq(
      xml('iq', { type: 'get', to: bareJid(jid) }, xml('pubsub', { xmlns: NS_PUBSUB }, xml('items', { node }, ...(id ? [xml('item', { id })] : [])))),
    );
  try {
    const metadata = child(child(child(await items(NODE_METADATA), 'pubsub', NS_PUBSUB), 'items'), 'item');
    const infos = children(child(metadata, 'metadata', NODE_METADATA), 'info').filter((info) => !info.getAttribute('url'));
    const info = infos.find((i) => i.getAttribute('id') === hash) ?? infos.find((i) => i.getAttribute('type') === 'image/png') ?? infos[0];
    const id = info?.getAttribute('id');
    if (!id) return undefined;
    const data = child(child(child(await items(NODE_DATA, id), 'pubsub', NS_PUBSUB), 'items'), 'item');
    return picture(info.getAttribute('type') ?? '', childText(data, 'data', NODE_DATA));
  } catch {
    return undefined;
  }
}

/** XEP-0054 / XEP-0153: the vCard's PHOTO (TYPE and BINVAL). */
async function fromVcard(connection: Connection, jid: string): Promise<Picture | undefined> {
  try {
    const result = await connection.sendIq(xml('iq', { type: 'get', to: jid }, xml('vCard', { xmlns: NS_VCARD })));
    const photo = child(child(result, 'vCard', NS_VCARD), 'PHOTO', NS_VCARD);
    return picture(childText(photo, 'TYPE', NS_VCARD) ?? '', childText(photo, 'BINVAL', NS_VCARD));
  } catch {
    return undefined;
  }
}

function picture(type: string, base64: string | undefined): Picture | undefined {
  const clean = type.trim().toLowerCase();
  if (!TYPES.includes(clean) || !base64) return undefined;
  const text = base64.replace(/\s+/g, '');
  if (text.length > (MAX_BYTES * 4) / 3 + 4) return undefined;
  try {
    const binary = atob(text);
    return { type: clean, bytes: Uint8Array.from(binary, (c) => c.charCodeAt(0)) };
  } catch {
    return undefined;
  }
}

/** The bytes hash to the announced SHA-1 (taken on trust where the page has no SubtleCrypto). */
async function matches(bytes: Uint8Array<ArrayBuffer>, hash: string): Promise<boolean> {
  const subtle = globalThis.crypto?.subtle as SubtleCrypto | undefined;
  if (!subtle) return true;
  const digest = new Uint8Array(await subtle.digest('SHA-1', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('') === hash;
}
