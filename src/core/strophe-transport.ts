import { Strophe } from 'strophe.js';
import type { Transport, TransportHandlers, TransportOptions } from './transport.js';

// Strophe logs every request at debug level; keep warnings and errors only.
Strophe.setLogLevel(Strophe.LogLevel.WARN);

export type StropheConnection = InstanceType<typeof Strophe.Connection>;

/**
 * The parts of Strophe.js that the bundles load on demand (rollup.config.mjs,
 * `stropheFromSource`): a guest room over BOSH needs none of them. The
 * package's own module (npm users) has them all and no `loadParts`.
 */
type StrophePart = 'websocket' | 'sasl' | 'stream-management';
type LoadParts = (parts: readonly StrophePart[]) => Promise<void> | undefined;
const loadParts: unknown = Reflect.get(Strophe, 'loadParts');

/** What Strophe must hold before it connects: a promise while parts load, undefined when it holds them. */
function partsReady(services: readonly string[], jid: string, password: string | undefined): Promise<void> | undefined {
  if (typeof loadParts !== 'function') return undefined;
  const parts: StrophePart[] = [];
  if (services.some((url) => !isBoshUrl(url))) parts.push('websocket');
  // A JID with a node logs in with a password (SCRAM, PLAIN); a bare domain is SASL ANONYMOUS.
  if (password !== undefined || jid.includes('@')) parts.push('sasl');
  // An account over WebSocket uses XEP-0198 (see create).
  if (parts.includes('websocket') && parts.includes('sasl')) parts.push('stream-management');
  return parts.length ? (loadParts as LoadParts)(parts) : undefined;
}
type Bosh = InstanceType<typeof Strophe.Bosh>;

/**
 * What a tab keeps (sessionStorage, or localStorage for the site's tabs) to
 * take its session up again after a reload, or for the tab that takes it over:
 * a BOSH session's ids; an account's XEP-0198 state over WebSocket and the
 * SCRAM keys to sign in again before resuming it (never the password). Saved
 * as the page goes, taken (and removed) by the next page.
 */
export interface SavedSession {
  readonly service: string;
  readonly jid: string;
  readonly sid?: string;
  readonly rid?: number;
  readonly keys?: object;
  readonly sm?: { readonly max?: number | null };
  readonly at?: number;
  /** When the XEP-0198 session was last bound or resumed (Date.now()), see `bound`. */
  readonly bound?: number;
}

/** @internal (also site.ts) */
export const SESSION_PREFIX = 'xmpp-elements.session:';
/** How long a request with stanzas waits behind an empty poll just sent, in ms (see keepPollsAhead). */
const POLL_GAP = 25;
/** How many times in a row a request the server answers "no such session" is sent again (see sendAgainWhenUnknown). */
const UNKNOWN_RETRIES = 3;

export function isBoshUrl(url: string): boolean {
  return !/^wss?:/i.test(url);
}

function sessionStore(shared?: boolean): Storage | undefined {
  try {
    return shared ? localStorage : sessionStorage;
  } catch {
    return undefined;
  }
}

/**
 * The only module that imports Strophe.js: adapts its connection to `Transport`.
 *
 * Beyond plain Strophe it: tries WebSocket first and falls back to BOSH; over
 * BOSH sends each stanza and re-polls right after every response instead of
 * on Strophe's 100 ms idle tick; reports a lost server at once instead of
 * after Strophe's minutes of retries; and, with `keepSession`, keeps the BOSH
 * session across a reload of the page (sid and rid in sessionStorage).
 */
export class StropheTransport implements Transport {
  /** @internal (also bosh-session.ts) */
  connection: StropheConnection | undefined;
  /** @internal (also site.ts) */
  sessionKey = '';
  /** Counts starts and stops: a start that waited for Strophe's parts goes on only if it is still the latest. */
  /** @internal (also site.ts) */
  generation = 0;
  /** @internal The endpoints site.ts found by discovery (XEP-0156). */
  found: readonly string[] | undefined;
  /**
   * @internal When this account's WebSocket session was last bound or resumed (also bosh-session.ts).
   * An ejabberd cluster keeps the newest of a resource's sessions by an id of the wall-clock second
   * and a counter of the node that made it: a session resumed on the other node within the second it
   * was made in may get the lower id, and is closed at once as "Replaced by new connection". So a
   * resumption starts a second after this at the soonest (README "Running at scale").
   */
  bound = 0;
  private readonly handlePageHide = () => this.saveSession();

  /** @internal (also site.ts) */
  constructor(readonly options: TransportOptions) {}

  get boundJid(): string {
    return this.connection?.jid ?? '';
  }

  /**
   * `site`: the host site gives the login (credentials-url, session-url) or the endpoints are to be
   * found (domain, host-meta-url): site.ts loads and does it, then connects with `site` false.
   */
  connect(jid: string, password: string | undefined, handlers: TransportHandlers, site = true): void {
    this.drop();
    const generation = this.generation;
    if (site && this.options.site) {
      import('./site.js').then(
        ({ siteLogin }) => siteLogin(this, jid, password, handlers, generation),
        () => handlers.state('failed', 'remote-connection-failed'),
      );
      return;
    }
    const services = this.found ?? [this.options.wsUrl, this.options.boshUrl].filter((url): url is string => !!url);
    if (services.length === 0) {
      handlers.state('failed', 'no-service-url');
      return;
    }
    this.sessionKey = SESSION_PREFIX + JSON.stringify([services, jid]);
    const ready = partsReady(services, jid, password);
    if (!ready) {
      this.open(services, jid, password, handlers);
      return;
    }
    ready.then(
      () => {
        if (generation === this.generation) this.open(services, jid, password, handlers);
      },
      () => {
        if (generation === this.generation) handlers.state('failed', 'remote-connection-failed');
      },
    );
  }

  resume(jid: string, handlers: TransportHandlers): boolean {
    if (!this.options.keepSession) return false;
    const store = sessionStore(this.options.shareTabs);
    const services = [this.options.wsUrl, this.options.boshUrl].filter((url): url is string => !!url);
    const key = SESSION_PREFIX + JSON.stringify([services, jid]);
    const raw = store?.getItem(key);
    // Taken once: a second tab state or a later start must not reuse the same ids.
    store?.removeItem(key);
    if (!raw) return false;
    this.drop();
    this.sessionKey = key;
    const generation = this.generation;
    // Only a reload has a session to take up: the code that does it loads then.
    // A host site's login first asks the site whose user this is (site.ts).
    (this.options.site ? import('./site.js') : import('./bosh-session.js')).then(
      ({ attach }) => generation === this.generation && attach(this, raw, services, handlers),
      () => handlers.state('failed', 'item-not-found'),
    );
    return true;
  }

  send(stanza: Element): void {
    const connection = this.connection;
    if (!connection) return;
    // Without it, a stanza inside a BOSH <body/> would inherit the httpbind namespace,
    // and so would its children: servers then miss the <body/> of a message.
    if (!stanza.getAttribute('xmlns')) stanza.setAttribute('xmlns', 'jabber:client');
    connection.send(stanza);
    // Strophe waits for its 100 ms idle tick; a chat message should not.
    if (!this.options.noFastPath) connection.flush();
  }

  abandon(): void {
    this.drop();
  }

  disconnect(): void {
    this.generation++;
    const connection = this.connection;
    this.forgetSession();
    connection?.disconnect('closed');
  }

  private open(services: readonly string[], jid: string, password: string | undefined, handlers: TransportHandlers): void {
    const [service, ...fallbacks] = services;
    if (!service) return;
    const wait = this.bound + 1000 - Date.now();
    if (wait > 0 && !isBoshUrl(service)) {
      const generation = this.generation;
      setTimeout(() => generation === this.generation && this.open(services, jid, password, handlers), wait);
      return;
    }
    const connection = this.create(service, jid.includes('@'));
    let failure: string | undefined;
    let connected = false;
    let ended = false;
    // Before the session exists, a failure moves on to the next endpoint (WebSocket, then BOSH).
    const failBeforeOnline = (condition: string) => {
      if (ended || this.connection !== connection) return;
      ended = true;
      this.kill(connection);
      if (fallbacks.length > 0) this.open(fallbacks, jid, password, handlers);
      else handlers.state('failed', condition);
    };
    const lost = (condition: string) => {
      if (ended || this.connection !== connection) return;
      ended = true;
      this.kill(connection);
      handlers.state('disconnected', condition);
    };
    this.watchHttpErrors(connection, (condition) => (connected ? lost(condition) : failBeforeOnline(condition)));
    const { Status } = Strophe;
    connection.connect(jid, password ?? '', (status, condition) => {
      if (this.connection !== connection || ended) return;
      switch (status) {
        case Status.CONNECTING:
        case Status.AUTHENTICATING:
          handlers.state('connecting');
          break;
        case Status.CONNECTED:
          connected = true;
          this.addStanzaHandler(connection, handlers);
          this.listenForPageHide();
          this.bound = Date.now();
          // XEP-0198: the server kept the session (and its rooms) while we were away.
          handlers.state('connected', connection.hasResumed() ? 'resumed' : undefined);
          break;
        case Status.AUTHFAIL:
          ended = true;
          handlers.state('auth-failed', condition ?? 'not-authorized');
          break;
        case Status.CONNFAIL:
        case Status.ERROR:
        case Status.CONNTIMEOUT:
          failure = condition || 'connection-failed';
          break;
        case Status.DISCONNECTED:
          if (connected) lost(failure || condition || 'connection-lost');
          else failBeforeOnline(failure || condition || 'remote-connection-failed');
          break;
        default:
          break;
      }
    });
  }

  /** @internal (also bosh-session.ts) */
  create(service: string, account = false): StropheConnection {
    // XEP-0198 for accounts over WebSocket: after a drop, or a reload of this tab and a login, the
    // session is taken up again (what the server had not acknowledged is sent again; Strophe keeps
    // its state in sessionStorage). Not for guests: a new anonymous login may not resume the old
    // session, and a hibernating one would hold their nick.
    const connection = new Strophe.Connection(service, { enableStreamManagement: account && !isBoshUrl(service) });
    this.connection = connection;
    if (isBoshUrl(service)) {
      this.keepPollsAhead(connection, connection._proto as Bosh);
      this.sendAgainWhenUnknown(connection._proto as Bosh);
      if (!this.options.noFastPath) this.makeFast(connection);
    }
    return connection;
  }

  /**
   * Strophe's BOSH sends queued stanzas and opens the next long poll only on
   * its 100 ms idle tick. Run that tick right after every response instead:
   * the next poll is open at once and whatever waited for a free request goes
   * out now. Strophe itself still keeps within the server's request limit.
   */
  private makeFast(connection: StropheConnection): void {
    const proto = connection._proto as Bosh;
    const original = proto._onRequestStateChange.bind(proto);
    proto._onRequestStateChange = (func, req) => {
      original(func, req);
      // After the handlers' own awaits: what they send in answer rides this request, not one right behind an empty poll.
      if (req.xhr.readyState === 4) {
        setTimeout(() => {
          if (this.connection === connection && connection.connected && !connection.disconnecting) connection._onIdle();
        }, 0);
      }
    };
  }

  /**
   * A request with stanzas waits POLL_GAP ms behind an empty poll that just
   * went out with no other request open. Sent at once, it can reach the server
   * first on its own HTTP connection, and ejabberd (23.01) then holds the poll
   * and keeps the later rid behind it: the session stalls until the poll's
   * `wait` (a minute) ends. Whoever opened the poll (the fast path, Strophe's
   * idle tick), stanzas sent in that gap go out when it ends.
   */
  private keepPollsAhead(connection: StropheConnection, proto: Bosh): void {
    const idle = proto._onIdle.bind(proto);
    let pollAt = -Infinity;
    let timer: ReturnType<typeof setTimeout> | undefined;
    proto._onIdle = () => {
      if (connection.authenticated && !connection.disconnecting && !connection.paused) {
        const open = proto._requests.length;
        const queued = connection._data.length;
        const since = performance.now() - pollAt;
        if (open === 0 && queued === 0) {
          pollAt = performance.now();
        } else if (open === 1 && queued > 0 && since < POLL_GAP) {
          timer ??= setTimeout(() => {
            timer = undefined;
            if (this.connection === connection && connection.connected) connection.flush();
          }, POLL_GAP - since);
          return;
        }
      }
      idle();
    };
  }


  /**
   * A cluster behind a balancer without stickiness: a request may reach a node
   * that does not know the session yet (ejabberd tells the other nodes of a new
   * BOSH session asynchronously) and is answered `item-not-found` although the
   * session lives. Send that request (same rid) again, 100, 200 and 300 ms later,
   * before taking the answer as the end; a session that is really gone ends
   * 600 ms later than it would.
   */
  private sendAgainWhenUnknown(proto: Bosh): void {
    const handle = proto._onRequestStateChange.bind(proto);
    let tries = 0;
    proto._onRequestStateChange = (func, req) => {
      const answer = req.xhr.readyState === 4 && !req.abort && req.xhr.status === 200 ? req.xhr.responseXML?.documentElement : undefined;
      const unknown = answer?.getAttribute('type') === 'terminate' && answer.getAttribute('condition') === 'item-not-found';
      const i = proto._requests.indexOf(req);
      if (unknown && i >= 0 && tries < UNKNOWN_RETRIES) {
        tries += 1;
        req.xhr.onreadystatechange = () => undefined;
        setTimeout(() => {
          if (proto._requests[i] !== req) return;
          // As sent once (no backoff): Strophe waits sends³ seconds before a request sent more than once.
          proto._requests[i] = new Strophe.Request(req.xmlData, req.origFunc, req.rid, req.sends - 1);
          proto._processRequest(i);
        }, 100 * tries);
        return;
      }
      if (answer && !unknown) tries = 0;
      handle(func, req);
    };
  }

  /** An unreachable server: Strophe would retry for minutes (1 s, 8 s, 27 s, …); say so at once. */
  /** @internal (also bosh-session.ts) */
  watchHttpErrors(connection: StropheConnection, report: (condition: string) => void): void {
    connection.addProtocolErrorHandler('HTTP', 0, () => report('remote-connection-failed'));
  }

  /** @internal (also bosh-session.ts) */
  addStanzaHandler(connection: StropheConnection, handlers: TransportHandlers): void {
    // One handler for every stanza: the connection routes them itself.
    connection.addHandler(
      (stanza) => {
        handlers.stanza(stanza);
        return true;
      },
      null,
      null,
      null,
    );
  }

  /**
   * Stops a connection (its server is gone, or we moved on); a BOSH session
   * the server may still hold is asked to end, so that it leaves our rooms now.
   * @internal (also bosh-session.ts)
   */
  kill(connection: StropheConnection, end = true): void {
    if (this.connection === connection) this.connection = undefined;
    const proto = connection._proto;
    // The server may still hold the session (and our place in rooms): tell it to end.
    if (end && connection.authenticated && !connection.disconnecting && proto instanceof Strophe.Bosh && proto.sid) {
      const { service } = connection;
      const sid = String(proto.sid);
      const { rid } = proto;
      void import('./bosh-session.js').then(({ farewell }) => farewell(service, sid, rid));
    }
    connection._proto._abortAllRequests();
    const socket = (connection._proto as { socket?: WebSocket | null }).socket;
    if (socket && socket.readyState <= 1) socket.close();
    connection.reset();
  }

  /** Forgets the current connection before starting another. */
  private drop(): void {
    this.generation++;
    const connection = this.connection;
    if (connection) this.kill(connection);
  }

  /** @internal (also bosh-session.ts) */
  listenForPageHide(): void {
    if (!this.options.keepSession || typeof addEventListener !== 'function') return;
    removeEventListener('pagehide', this.handlePageHide);
    addEventListener('pagehide', this.handlePageHide);
  }

  /**
   * Hands the BOSH session over (tabs.ts): its ids saved for the tab that takes
   * it up next, this connection stopped without a word to the server.
   * @internal
   */
  release(): void {
    this.saveSession();
    const connection = this.connection;
    this.generation++;
    this.connection = undefined;
    this.forgetSession(false);
    if (connection) this.kill(connection, false);
  }

  /** On the way out of the page: the ids the next page of this tab needs to take the session up. */
  private saveSession(): void {
    const connection = this.connection;
    const store = sessionStore(this.options.shareTabs);
    if (!connection || !store || !this.sessionKey || !connection.authenticated || connection.disconnecting) return;
    const { _proto: proto, service, jid, scram_keys: keys } = connection;
    const sm = (connection as { sm?: { state: { resumeSupported: boolean; max: number | null } } }).sm;
    const saved: SavedSession | undefined =
      proto instanceof Strophe.Bosh
        ? proto.sid ? { service, jid, sid: String(proto.sid), rid: proto.rid } : undefined
        : keys && sm?.state.resumeSupported ? { service, jid, keys, sm: sm.state, at: Date.now(), bound: this.bound } : undefined;
    if (saved) store.setItem(this.sessionKey, JSON.stringify(saved));
  }

  private forgetSession(ids = true): void {
    if (typeof removeEventListener === 'function') removeEventListener('pagehide', this.handlePageHide);
    if (ids && this.sessionKey) sessionStore(this.options.shareTabs)?.removeItem(this.sessionKey);
  }
}
