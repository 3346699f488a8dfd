// Loaded on demand, when a reloaded page (or the tab taking over from another) has a session to take up
// (StropheTransport.resume),
// or when a session is dropped without a word and should end on the server too (StropheTransport.kill).
import { Strophe } from 'strophe.js';
import { type SavedSession, type StropheTransport, isBoshUrl } from './strophe-transport.js';
import { bareJid } from './jid.js';
import type { TransportHandlers } from './transport.js';
import { NS, uniqueId, xml } from './xml.js';

/** How long a resumed session may take to answer the ping that proves it is alive. */
const RESUME_CHECK_TIMEOUT = 8000;

function parseSaved(raw: string): SavedSession | undefined {
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value !== 'object' || value === null) return undefined;
    const { service, jid, sid, rid, keys, sm, at } = value as Record<string, unknown>;
    if (typeof service !== 'string' || typeof jid !== 'string') return undefined;
    if (typeof sid === 'string' && typeof rid === 'number') return { service, jid, sid, rid };
    if (typeof keys === 'object' && keys && typeof sm === 'object' && sm && typeof at === 'number') return { service, jid, keys, sm, at };
    return undefined;
  } catch {
    return undefined;
  }
}

/** How long a server keeps a XEP-0198 session that did not say (its `max`), in seconds. */
const SM_MAX_DEFAULT = 300;

/**
 * Takes up the saved session (`raw`, as StropheTransport saved it) on
 * `transport`. BOSH: attaches to its sid and rid, then proves it alive with a
 * ping. WebSocket: signs in with the saved SCRAM keys and resumes the XEP-0198
 * session (Strophe binds a new one where the server no longer has it).
 * Reports `connected` (`resumed` when it is the same session), or `failed`
 * when it is unreadable, for another service, too old, or gone.
 */
export function attach(transport: StropheTransport, raw: string, services: readonly string[], handlers: TransportHandlers): void {
  const saved = parseSaved(raw);
  if (!saved || !services.includes(saved.service)) {
    handlers.state('failed', 'item-not-found');
    return;
  }
  const { keys, sm, at = 0, bound = 0, sid = '', rid = 0 } = saved;
  if (keys && sm) {
    if (isBoshUrl(saved.service) || Date.now() - at > (sm.max || SM_MAX_DEFAULT) * 1000) {
      handlers.state('failed', 'item-not-found');
      return;
    }
    const bare = bareJid(saved.jid);
    transport.bound = bound;
    // Where Strophe's engine looks for the state to resume (its SessionStorageBackend).
    try {
      sessionStorage.setItem(`strophe-sm:${bare.toLowerCase()}`, JSON.stringify(sm));
    } catch {
      // No storage: Strophe binds a new session.
    }
    // Keys the server refuses (ejabberd storing plain passwords salts anew at each login) end like a
    // stale session: the user signs in, and the session is resumed then.
    transport.connect(bare, keys as unknown as string, {
      ...handlers,
      state: (state, condition) => handlers.state(state === 'auth-failed' ? 'failed' : state, condition),
    });
    return;
  }
  const connection = transport.create(saved.service);
  let verified = false;
  let ended = false;
  const fail = (condition: string) => {
    if (ended || transport.connection !== connection) return;
    ended = true;
    transport.kill(connection);
    handlers.state(verified ? 'disconnected' : 'failed', condition);
  };
  transport.watchHttpErrors(connection, fail);
  connection.attach(saved.jid, sid, rid, (status, condition) => {
    if (transport.connection !== connection || ended) return;
    const { Status } = Strophe;
    if (status === Status.ATTACHED) {
      handlers.state('connecting');
      transport.addStanzaHandler(connection, handlers);
      // Attaching takes the ids on trust; a ping proves the session still lives.
      const id = uniqueId('resume');
      const timer = setTimeout(() => fail('item-not-found'), RESUME_CHECK_TIMEOUT);
      connection.addHandler(
        (iq) => {
          clearTimeout(timer);
          if (iq.getAttribute('type') !== 'result') fail('item-not-found');
          else if (transport.connection === connection && !ended) {
            verified = true;
            transport.listenForPageHide();
            handlers.state('connected', 'resumed');
          }
          return false;
        },
        null,
        'iq',
        null,
        id,
      );
      connection.send(xml('iq', { type: 'get', to: Strophe.getDomainFromJid(saved.jid), id }, xml('ping', { xmlns: NS.PING })));
      connection.flush();
    } else if (status === Status.DISCONNECTED || status === Status.CONNFAIL || status === Status.ERROR) {
      fail(condition || 'item-not-found');
    }
  });
}

/**
 * Ends a BOSH session we dropped (its link failed or went silent): a terminate
 * with unavailable presence, sent once and unanswered, so the server need not
 * wait for its inactivity timeout (a minute on Prosody) to take our occupant
 * out of its rooms: the session we start next can have our nick back. A server
 * out of reach just never gets it.
 */
export function farewell(service: string, sid: string, rid: number): void {
  const body = `<body xmlns="http://jabber.org/protocol/httpbind" sid="${sid.replace(/[^\w-]/g, '')}" rid="${rid}" type="terminate"><presence xmlns="jabber:client" type="unavailable"/></body>`;
  fetch(service, { method: 'POST', body, keepalive: true, headers: { 'Content-Type': 'text/xml; charset=utf-8' } }).catch(() => undefined);
}
