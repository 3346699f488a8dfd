// Loaded on demand (StropheTransport.connect) when an element has credentials-url, session-url, domain or
// host-meta-url: a page with a guest room and its endpoints never loads it.
import { attach as attachSaved, farewell } from './bosh-session.js';
import { bareJid, isValidBareJid, localOf } from './jid.js';
import { SESSION_PREFIX, type StropheTransport, isBoshUrl } from './strophe-transport.js';
import type { TransportHandlers } from './transport.js';

/** A failure of the host site's URL or of discovery: its condition (a key of the message tables) and what it says. */
export class SiteError extends Error {
  constructor(
    readonly condition: string,
    readonly text = '',
  ) {
    super(text ? `${condition}: ${text}` : condition);
    this.name = 'SiteError';
  }
}

const REL_WEBSOCKET = 'urn:xmpp:alt-connections:websocket';
const REL_BOSH = 'urn:xmpp:alt-connections:xbosh';

/**
 * GETs a JSON object from the host site: with the page's cookies (`credentials: 'include'`, so a
 * cross-origin site URL sees them too when its CORS allows credentials), never cached. Refused (not
 * 2xx), unreachable, or not a JSON object: a SiteError.
 */
export async function getJson(url: string): Promise<Record<string, unknown>> {
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'include', cache: 'no-store', headers: { Accept: 'application/json' } });
  } catch {
    throw new SiteError('site-unreachable');
  }
  if (!response.ok) throw new SiteError('site-refused', String(response.status));
  let value: unknown;
  try {
    value = await response.json();
  } catch {
    value = undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new SiteError('site-bad-answer');
  return value as Record<string, unknown>;
}

/** `{ jid, password }` for the site's signed-in user: an account JID and a password, else a SiteError. */
export function readCredentials(answer: Record<string, unknown>): { jid: string; password: string } {
  const { jid, password } = answer;
  if (typeof jid !== 'string' || !isValidBareJid(bareJid(jid)) || !localOf(jid) || typeof password !== 'string' || !password) {
    throw new SiteError('site-bad-answer', 'jid, password');
  }
  return { jid, password };
}

/** `{ jid, sid, rid }` of a prebound BOSH session (rid: the next one the client sends, a number or digits), else a SiteError. */
export function readSession(answer: Record<string, unknown>): { jid: string; sid: string; rid: number } {
  const { jid, sid } = answer;
  const rid = typeof answer.rid === 'string' && /^\d+$/.test(answer.rid) ? Number(answer.rid) : answer.rid;
  if (typeof jid !== 'string' || !isValidBareJid(bareJid(jid)) || !localOf(jid) || typeof sid !== 'string' || !sid || !Number.isSafeInteger(rid) || (rid as number) <= 0) {
    throw new SiteError('site-bad-answer', 'jid, sid, rid');
  }
  return { jid, sid, rid: rid as number };
}

/**
 * The endpoints a host-meta document names (XEP-0156), WebSocket first, BOSH second: JSON (`links`
 * with `rel` and `href`) or XRD XML (`<Link rel href>`), told apart by its first character. Only
 * ws:/wss: for WebSocket and http:/https: for BOSH; relative hrefs resolve against `base`. undefined
 * when the text is neither readable JSON nor XML.
 */
export function parseHostMeta(text: string, base: string): string[] | undefined {
  let links: { rel?: unknown; href?: unknown }[];
  if (text.trimStart().startsWith('{')) {
    try {
      const value = JSON.parse(text) as { links?: unknown };
      links = Array.isArray(value.links) ? (value.links as typeof links).filter((link) => typeof link === 'object' && link !== null) : [];
    } catch {
      return undefined;
    }
  } else {
    const doc = new DOMParser().parseFromString(text, 'application/xml');
    if (doc.getElementsByTagName('parsererror').length > 0 || doc.documentElement.localName !== 'XRD') return undefined;
    links = Array.from(doc.documentElement.children)
      .filter((el) => el.localName === 'Link')
      .map((el) => ({ rel: el.getAttribute('rel'), href: el.getAttribute('href') }));
  }
  const find = (rel: string, schemes: RegExp) => {
    for (const link of links) {
      if (link.rel !== rel || typeof link.href !== 'string') continue;
      try {
        const url = new URL(link.href, base);
        if (schemes.test(url.protocol)) return url.href;
      } catch {
        // Not a URL: the next link.
      }
    }
    return undefined;
  };
  return [find(REL_WEBSOCKET, /^wss?:$/), find(REL_BOSH, /^https?:$/)].filter((url): url is string => !!url);
}

/**
 * XEP-0156: the endpoints of `domain` from `https://<domain>/.well-known/host-meta.json`, then
 * `host-meta` (XML); or from `hostMetaUrl` alone when given. None found: `no-service-found`
 * (nothing answered, or what answered names no endpoint) or `host-meta-unreadable` (an answer
 * that is neither JSON nor XRD), with the domain or URL as text.
 */
export async function discover(domain: string, hostMetaUrl?: string): Promise<string[]> {
  const where = hostMetaUrl || domain;
  const urls = hostMetaUrl ? [hostMetaUrl] : [`https://${domain}/.well-known/host-meta.json`, `https://${domain}/.well-known/host-meta`];
  let unreadable = false;
  for (const url of urls) {
    let text: string;
    let base: string;
    try {
      const response = await fetch(url, { cache: 'no-store' });
      if (!response.ok) continue;
      // Where it came from, absolute (after redirects): relative hrefs resolve against it.
      base = response.url;
      text = await response.text();
    } catch {
      continue;
    }
    const found = parseHostMeta(text, base);
    if (!found) unreadable = true;
    else if (found.length > 0) return found;
  }
  throw new SiteError(unreadable ? 'host-meta-unreadable' : 'no-service-found', where);
}

/**
 * Does what StropheTransport.connect handed over: finds the endpoints where none are given, then
 * logs in with what the host site gives (credentials-url: `{ jid, password }`, fetched anew for
 * every login, the password kept only in this call; session-url: attaches to the BOSH session it
 * prebound, a new one each time), or with `jid` and `password` as given (discovery alone).
 * A failure is the transport's `failed` with the condition and text of the SiteError.
 */
export async function siteLogin(
  transport: StropheTransport,
  jid: string,
  password: string | undefined,
  handlers: TransportHandlers,
  generation: number,
): Promise<void> {
  const { wsUrl, boshUrl, site = {} } = transport.options;
  const { domain, 'host-meta-url': hostMetaUrl, 'credentials-url': credentialsUrl, 'session-url': sessionUrl } = site;
  if (generation !== transport.generation) return;
  const configured = jid;
  try {
    let services = [wsUrl, boshUrl].filter((url): url is string => !!url);
    if (services.length === 0 && (domain || hostMetaUrl)) services = await discover(domain ?? '', hostMetaUrl);
    if (sessionUrl) {
      // Prebind is BOSH (XEP-0206): a WebSocket endpoint cannot take the session up.
      const service = services.find(isBoshUrl);
      if (!service) throw new SiteError('no-service-url');
      const session = readSession(await getJson(sessionUrl));
      if (generation !== transport.generation) return;
      attachSaved(transport, JSON.stringify({ service, ...session }), [service], handlers);
    } else {
      if (credentialsUrl) ({ jid, password } = readCredentials(await getJson(credentialsUrl)));
      if (generation !== transport.generation) return;
      transport.found = services;
      // The password came from the site, not from the user: a refusal is the site's to fix, never a form.
      const refused: TransportHandlers['state'] = (state, condition, text) =>
        state === 'auth-failed' ? handlers.state('failed', 'site-credentials-refused', jid) : handlers.state(state, condition, text);
      transport.connect(jid, password, credentialsUrl ? { ...handlers, state: refused } : handlers, false);
    }
    // Kept across a reload where resume() looks: by the element's endpoints and configured JID (see attach).
    transport.sessionKey = SESSION_PREFIX + JSON.stringify([[wsUrl, boshUrl].filter(Boolean), configured]);
  } catch (error) {
    if (generation !== transport.generation) return;
    const { condition, text } = error instanceof SiteError ? error : new SiteError('remote-connection-failed');
    handlers.state('failed', condition, text);
  }
}

/**
 * Takes up the session a reload (or the tab that held it) kept, for StropheTransport.resume, once the
 * site said whose it is: its user now (credentials-url, session-url: fetched anew) must be the one
 * the kept session belongs to, else (another user signed in to the site since) the kept session is
 * dropped and the connection logs in anew (`failed` while resuming does that). A session the site
 * prebound for this check is ended at once (bosh-session.ts farewell). The rest is bosh-session.ts's.
 */
export async function attach(transport: StropheTransport, raw: string, services: readonly string[], handlers: TransportHandlers): Promise<void> {
  const generation = transport.generation;
  const { site = {} } = transport.options;
  const credentialsUrl = site['credentials-url'];
  const sessionUrl = site['session-url'];
  let saved: { jid?: unknown; service?: unknown };
  let user = '';
  try {
    saved = JSON.parse(raw) as typeof saved;
    if (sessionUrl) {
      const session = readSession(await getJson(sessionUrl));
      const service = services.find(isBoshUrl);
      if (service) farewell(service, session.sid, session.rid);
      user = session.jid;
    } else if (credentialsUrl) {
      user = readCredentials(await getJson(credentialsUrl)).jid;
    }
  } catch {
    saved = {};
  }
  if (generation !== transport.generation) return;
  const same = typeof saved.jid === 'string' && (!user || bareJid(user) === bareJid(saved.jid));
  // Discovery found the endpoint it kept: not among the element's (it has none).
  const where = services.length > 0 || typeof saved.service !== 'string' ? services : [saved.service];
  if (same) attachSaved(transport, raw, where, handlers);
  else handlers.state('failed', 'item-not-found');
}
