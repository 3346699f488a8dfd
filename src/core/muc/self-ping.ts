// Loaded on demand, when a joined room has been quiet for a while (MucRoom, XEP-0410).
import type { Connection } from '../connection.js';
import { XmppError } from '../errors.js';
import { NS, xml } from '../xml.js';

/** Errors that still mean we are in the room (XEP-0410 §3.2): the ping reached a client of ours, which cannot answer it. */
const STILL_JOINED = ['service-unavailable', 'feature-not-implemented', 'item-not-found'];

/**
 * Pings our own occupant JID (XEP-0410): true when the room still has us,
 * false when it does not (any other error, `not-acceptable` above all), and
 * undefined when nothing could be learnt (no answer, or the session went).
 */
export async function stillJoined(connection: Connection, occupantJid: string): Promise<boolean | undefined> {
  try {
    await connection.sendIq(xml('iq', { type: 'get', to: occupantJid }, xml('ping', { xmlns: NS.PING })), 30000);
    return true;
  } catch (error) {
    if (!(error instanceof XmppError) || connection.status !== 'online') return undefined;
    const { condition } = error.error;
    if (condition === 'remote-server-timeout') return undefined;
    return STILL_JOINED.includes(condition);
  }
}
