import { type BackoffOptions, backoffDelay } from './backoff.js';
import { Emitter } from './emitter.js';
import { type StanzaError, XmppError, parseStanzaError } from './errors.js';
import { bareJid, domainOf, isValidBareJid, localOf } from './jid.js';
import { extrasFor } from './extensions.js';
import { CAPS_NODE, CAPS_VER } from './caps-ver.js';
import type { Transport, TransportHandlers, TransportState } from './transport.js';
import { NS, namespaceOf, uniqueId, xml } from './xml.js';

/** The connection's status, as `xmpp-status` reports it. */
export type Status = 'connecting' | 'online' | 'reconnecting' | 'offline' | 'auth-failed' | 'failed';

export interface ConnectionOptions {
  /** BOSH endpoint, e.g. `http://127.0.0.1:5280/http-bind`. */
  readonly boshUrl?: string;
  /** WebSocket endpoint, e.g. `ws://127.0.0.1:5280/xmpp-websocket`. */
  readonly wsUrl?: string;
  /** `user@domain`, a bare `domain` for guests (SASL ANONYMOUS), or '' to ask. */
  readonly jid?: string;
  /** How long an iq may go unanswered, in ms. */
  readonly iqTimeout?: number;
  /**
   * How long the connection may be quiet before a XEP-0199 ping asks whether the
   * server is still there, in ms (default 10 s); unanswered within half that, the
   * connection counts as lost and is taken up again: a dead one is noticed in 15 s.
   */
  readonly quietTimeout?: number;
  /** How long to keep trying to get a lost session back before going `failed`, in ms (default 2 minutes). */
  readonly reconnectTimeout?: number;
  /** How reconnect attempts are spaced. */
  readonly backoff?: BackoffOptions;
  /**
   * The host site's connection attributes, as given: `domain` and `host-meta-url` (without
   * endpoints: find them by XEP-0156), `credentials-url` (`{ jid, password }`, fetched at every
   * login) and `session-url` (`{ jid, sid, rid }` of a BOSH session it prebound). core/site.ts.
   */
  readonly site?: SiteOptions;
}

export type SiteOptions = Readonly<Partial<Record<'domain' | 'host-meta-url' | 'credentials-url' | 'session-url', string>>>;

const DEFAULT_RECONNECT_TIMEOUT = 120000;

export interface ConnectionEvents {
  status: Status;
  /** A failure worth telling the user about. */
  error: StanzaError;
  message: Element;
  presence: Element;
  iq: Element;
  /** The session went on over a new link: rooms and chats ask their archives for what may be lost. */
  resumed: void;
}

type IqHandler = (iq: Element) => Element | undefined | Promise<Element | undefined>;

interface PendingIq {
  readonly to: string;
  readonly resolve: (iq: Element) => void;
  readonly reject: (error: XmppError) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

/**
 * One XMPP session: login, status, stanza routing and iq requests. It knows
 * nothing of the DOM; the wire is a `Transport`.
 */
export class Connection {
  readonly options: ConnectionOptions;
  private statusValue: Status = 'offline';
  private readonly events = new Emitter<ConnectionEvents>();
  private readonly pendingIqs = new Map<string, PendingIq>();
  private readonly iqHandlers = new Map<string, IqHandler>();
  private loginJid: string;
  private lastErrorValue: StanzaError | undefined;
  private readonly services = new Map<string, unknown>();
  private presenceProvider: () => Element = () => xml('presence');
  /**
   * The password of the current session, in memory only and only for the life
   * of this page, so that a lost session can log in again. Never stored.
   */
  private secret: string | undefined;
  /** The session has been online since the last login: a loss is worth reconnecting. */
  private wasOnline = false;
  /** Taking up a session kept across a page reload (not yet confirmed). */
  private resuming = false;
  private reconnectAttempt = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private giveUpTimer: ReturnType<typeof setTimeout> | undefined;
  /** Events from an earlier transport session are stale once this moves on. */
  private generation = 0;
  private quietTimer: ReturnType<typeof setTimeout> | undefined;
  /** Stanzas sent while the session was away, sent in order once it is back. */
  private readonly queue: Element[] = [];

  constructor(
    private readonly transport: Transport,
    options: ConnectionOptions = {},
  ) {
    this.options = options;
    this.loginJid = options.jid?.trim() ?? '';
    this.handleIq('get', NS.PING, 'ping', (iq) => result(iq));
    // XEP-0115: our disco#info, loaded by the first query (caps.ts).
    this.handleIq('get', NS.DISCO_INFO, 'query', (iq) => import('./caps.js').then((m) => m.discoInfoReply(iq)));
  }

  get status(): Status {
    return this.statusValue;
  }

  /** The full JID bound by the server, once online; else the configured JID. */
  get jid(): string {
    return this.transport.boundJid || this.loginJid;
  }

  /** The configured JID is a bare domain: a guest, logged in with SASL ANONYMOUS. */
  get isAnonymous(): boolean {
    return this.loginJid !== '' && localOf(this.loginJid) === '' && isValidBareJid(this.loginJid);
  }

  /** Signs in with no one asked: a guest, or the host site's account (credentials-url, session-url). */
  get automatic(): boolean {
    const site = this.options.site;
    return this.isAnonymous || !!(site?.['credentials-url'] || site?.['session-url']);
  }

  /** The JID the login form should suggest ('' to ask for one). */
  get configuredJid(): string {
    return this.loginJid;
  }

  /** The session needs a password from the user before it can go online. */
  get needsCredentials(): boolean {
    return !this.automatic && (this.statusValue === 'offline' || this.statusValue === 'auth-failed');
  }

  get lastError(): StanzaError | undefined {
    return this.lastErrorValue;
  }

  on<K extends keyof ConnectionEvents>(type: K, listener: (value: ConnectionEvents[K]) => void): () => void {
    return this.events.on(type, listener);
  }

  /** Stanzas waiting for the session to come back (for tests and diagnostics). */
  get queued(): number {
    return this.queue.length;
  }

  /** After `failed`: the retry button can try again without asking for anything. */
  get canRetry(): boolean {
    return this.statusValue === 'failed' && (this.automatic || this.secret !== undefined);
  }

  /**
   * Connects a guest right away; a user account waits for `login()`. Either
   * first takes up the session this tab kept across a page reload, if any.
   */
  start(): void {
    if (this.loginJid && !this.isAnonymous && !isValidBareJid(bareJid(this.loginJid))) {
      this.fail({ condition: 'jid-malformed', text: this.loginJid });
      return;
    }
    if (this.statusValue !== 'offline' && this.statusValue !== 'failed') return;
    if ((this.loginJid || this.automatic) && this.statusValue === 'offline' && this.resume()) return;
    if (this.automatic) this.open(this.loginJid, undefined);
  }

  /** After `failed`: tries again (a guest anew, a user with the password of this page session). */
  retry(): void {
    if (!this.canRetry) {
      this.start();
      return;
    }
    this.open(this.loginJid, this.secret);
  }

  /** Logs in; resolves once online, rejects on a wrong password or a failed connection. */
  login(jid: string, password: string): Promise<void> {
    const trimmed = jid.trim();
    if (!isValidBareJid(bareJid(trimmed)) || (!localOf(trimmed) && password)) {
      const error: StanzaError = { condition: 'jid-malformed', text: trimmed };
      this.fail(error);
      return Promise.reject(new XmppError(error));
    }
    this.loginJid = trimmed;
    this.secret = password || undefined;
    this.wasOnline = false;
    return new Promise<void>((resolve, reject) => {
      const off = this.on('status', (status) => {
        if (status === 'online') {
          off();
          resolve();
        } else if (status === 'auth-failed' || status === 'failed') {
          off();
          reject(new XmppError(this.lastErrorValue ?? { condition: status, text: '' }));
        }
      });
      this.open(trimmed, password || undefined);
    });
  }

  /**
   * Ends the session for every element that shares it, in every tab (a user's
   * logout); `everywhere` false: only this page is done with it (its last
   * element went), and other tabs keep the session.
   */
  logout(everywhere = true): void {
    this.rejectPendingIqs('remote-server-not-found');
    this.secret = undefined;
    this.wasOnline = false;
    this.resuming = false;
    this.queue.length = 0;
    this.stopReconnecting();
    this.generation += 1;
    if (this.statusValue === 'offline') return;
    this.transport.disconnect(everywhere);
    this.setStatus('offline');
  }

  /**
   * Sends a stanza as it is (adding an id when it has none). While a session
   * that was online is away (reconnecting, or failed until a retry), the
   * stanza waits in a queue and goes out, in order, once it is back.
   */
  send(stanza: Element): void {
    if (!stanza.getAttribute('id')) stanza.setAttribute('id', uniqueId());
    withCaps(stanza);
    if (this.statusValue !== 'online' && this.wasOnline) {
      this.queue.push(stanza);
      return;
    }
    this.transport.send(stanza);
  }

  /** Sends an iq get/set; resolves with the result, rejects with an XmppError. */
  sendIq(iq: Element, timeout = this.options.iqTimeout ?? 20000): Promise<Element> {
    const id = iq.getAttribute('id') || uniqueId('iq');
    iq.setAttribute('id', id);
    return new Promise<Element>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pendingIqs.delete(id);
        reject(new XmppError({ condition: 'remote-server-timeout', text: '' }));
      }, timeout);
      this.pendingIqs.set(id, { to: iq.getAttribute('to') ?? '', resolve, reject, timer });
      this.transport.send(iq);
    });
  }

  /**
   * Pings our server (XEP-0199): true once it answers (an error answer is an
   * answer too), false when it does not (no answer in time, or the session went).
   * It handles a stream's stanzas in order: an answer says it has what was sent before.
   */
  ping(timeout?: number): Promise<boolean> {
    return this.sendIq(xml('iq', { type: 'get', to: domainOf(this.jid) }, xml('ping', { xmlns: NS.PING })), timeout).then(
      () => true,
      (error: unknown) => this.statusValue === 'online' && (error as XmppError).error.condition !== 'remote-server-timeout',
    );
  }

  /** Answers incoming iq get/set requests with this child name and namespace. */
  handleIq(type: 'get' | 'set', ns: string, name: string, handler: IqHandler): () => void {
    const key = `${type} ${ns} ${name}`;
    this.iqHandlers.set(key, handler);
    return () => {
      if (this.iqHandlers.get(key) === handler) this.iqHandlers.delete(key);
    };
  }

  /**
   * A per-connection service (roster, own presence, disco cache…), created on
   * first use and then shared by every element on this connection. Keys are
   * names (`'roster'`), so a second copy of the widget on the page finds the
   * same service. Reach each through its class: `Roster.for(connection)`.
   */
  service<T>(key: string, create: (connection: Connection) => T): T {
    if (!this.services.has(key)) this.services.set(key, create(this));
    return this.services.get(key) as T;
  }

  /** Sets what is sent as presence each time the session comes online (initial presence, reconnects). */
  setPresenceProvider(provider: () => Element): void {
    this.presenceProvider = provider;
  }

  /** Reports a problem to every element on this connection. */
  reportError(error: StanzaError): void {
    this.lastErrorValue = error;
    this.events.emit('error', error);
  }

  private open(jid: string, password: string | undefined): void {
    this.lastErrorValue = undefined;
    this.resuming = false;
    clearTimeout(this.reconnectTimer);
    if (this.statusValue !== 'reconnecting') this.setStatus('connecting');
    this.transport.connect(jid, password, this.transportHandlers());
  }

  /** Takes up the session kept across a page reload; false when there is none. */
  private resume(): boolean {
    if (!this.transport.resume) return false;
    this.resuming = true;
    if (!this.transport.resume(this.loginJid, this.transportHandlers())) {
      this.resuming = false;
      return false;
    }
    // (A stale session may already have been reported, synchronously.)
    if (this.resuming && this.statusValue === 'offline') this.setStatus('connecting');
    return true;
  }

  private transportHandlers(): TransportHandlers {
    this.generation += 1;
    const generation = this.generation;
    return {
      state: (state, condition, text) => {
        if (generation === this.generation) this.handleTransportState(state, condition, text);
      },
      stanza: (stanza) => {
        if (generation === this.generation) this.handleStanza(stanza);
      },
      resumed: () => {
        if (generation === this.generation) this.events.emit('resumed', undefined);
      },
    };
  }

  private handleTransportState(state: TransportState, condition?: string, text = ''): void {
    switch (state) {
      case 'connecting':
        if (this.statusValue !== 'reconnecting') this.setStatus('connecting');
        break;
      case 'connected':
        this.resuming = false;
        this.wasOnline = true;
        this.stopReconnecting();
        // Initial presence (RFC 6121 §4.2), then everything that waits for online
        // (rooms rejoin here), then what was sent while the session was away.
        this.transport.send(this.initialPresence());
        this.setStatus('online');
        this.flushQueue();
        break;
      case 'auth-failed':
        this.stopReconnecting();
        this.reportError({ condition: condition || 'not-authorized', text: '' });
        this.setStatus('auth-failed');
        break;
      case 'failed':
        if (this.resuming) {
          // The kept session is gone: a fresh login, cleanly (a user without a password is asked for one).
          this.resuming = false;
          if (this.automatic) this.open(this.loginJid, undefined);
          else this.setStatus('offline');
        } else if (this.statusValue === 'reconnecting') {
          this.scheduleReconnect(condition);
        } else {
          this.fail({ condition: condition || 'remote-connection-failed', text });
        }
        break;
      case 'disconnected':
        this.rejectPendingIqs('remote-server-not-found');
        // The user logged out in another tab.
        if (condition === 'logged-out') this.logout(false);
        else if (this.wasOnline && (this.automatic || this.secret !== undefined)) {
          this.scheduleReconnect(condition);
        } else if (this.statusValue !== 'auth-failed' && this.statusValue !== 'failed') {
          this.setStatus('offline');
        }
        break;
    }
  }

  /** The session was lost: try again with capped exponential backoff until the give-up time. */
  private scheduleReconnect(condition?: string): void {
    const limit = this.options.reconnectTimeout ?? DEFAULT_RECONNECT_TIMEOUT;
    if (this.giveUpTimer === undefined) {
      this.reconnectAttempt = 0;
      this.giveUpTimer = setTimeout(() => this.giveUp(condition), limit);
    }
    this.setStatus('reconnecting');
    clearTimeout(this.reconnectTimer);
    const delay = backoffDelay(this.reconnectAttempt, this.options.backoff);
    this.reconnectAttempt += 1;
    this.reconnectTimer = setTimeout(() => this.open(this.loginJid, this.secret), delay);
  }

  /** Out of time: `failed`, with a message that says so; queued stanzas wait for a retry. */
  private giveUp(condition?: string): void {
    this.stopReconnecting();
    this.generation += 1;
    this.transport.disconnect();
    this.fail({ condition: 'reconnect-gave-up', text: condition && condition !== 'connection-lost' ? condition : '' });
  }

  private stopReconnecting(): void {
    clearTimeout(this.reconnectTimer);
    clearTimeout(this.giveUpTimer);
    this.reconnectTimer = undefined;
    this.giveUpTimer = undefined;
    this.reconnectAttempt = 0;
  }

  private flushQueue(): void {
    for (const stanza of this.queue.splice(0)) {
      if (this.statusValue !== 'online') {
        this.queue.push(stanza);
        continue;
      }
      this.transport.send(stanza);
    }
  }

  private initialPresence(): Element {
    const presence = this.presenceProvider();
    if (!presence.getAttribute('id')) presence.setAttribute('id', uniqueId());
    return withCaps(presence);
  }

  private fail(error: StanzaError): void {
    this.rejectPendingIqs(error.condition);
    this.reportError(error);
    this.setStatus('failed');
  }

  private setStatus(status: Status): void {
    if (status === this.statusValue) return;
    this.statusValue = status;
    this.listen();
    this.events.emit('status', status);
  }

  /** Stanzas held, in order, while extras.ts loads (extensions.ts). */
  private inbox: Element[] | undefined;

  /**
   * While online, a quiet connection is asked whether it still lives (XEP-0199):
   * sockets can stay open with nothing flowing (a laptop that changed networks).
   */
  private listen(): void {
    clearTimeout(this.quietTimer);
    if (this.statusValue !== 'online') return;
    const quiet = this.options.quietTimeout ?? 10000;
    this.quietTimer = setTimeout(() => {
      const generation = this.generation;
      void this.ping(quiet / 2).then((answered) => {
        if (answered || generation !== this.generation || this.statusValue !== 'online') return;
        this.generation += 1;
        this.transport.abandon?.();
        this.handleTransportState('disconnected', 'connection-timeout');
      });
    }, quiet);
  }

  private handleStanza(stanza: Element): void {
    this.listen();
    if (this.inbox) {
      this.inbox.push(stanza);
      return;
    }
    const wait = stanza.localName === 'message' ? extrasFor(stanza) : undefined;
    if (!wait) {
      this.dispatch(stanza);
      return;
    }
    const inbox: Element[] = (this.inbox = []);
    // Loaded or not (then the message shows as text), it goes on, and then what was held, in order.
    const release = () => {
      this.inbox = undefined;
      this.dispatch(stanza);
      for (const held of inbox) this.handleStanza(held);
    };
    wait.then(release, release);
  }

  private dispatch(stanza: Element): void {
    switch (stanza.localName) {
      case 'iq':
        this.handleIqStanza(stanza);
        break;
      case 'message':
        this.events.emit('message', stanza);
        break;
      case 'presence':
        this.events.emit('presence', stanza);
        break;
      default:
        break;
    }
  }

  private handleIqStanza(iq: Element): void {
    const type = iq.getAttribute('type');
    const id = iq.getAttribute('id') ?? '';
    if (type === 'result' || type === 'error') {
      const pending = this.pendingIqs.get(id);
      if (!pending || !this.isFromExpected(iq.getAttribute('from') ?? '', pending.to)) return;
      this.pendingIqs.delete(id);
      clearTimeout(pending.timer);
      if (type === 'result') pending.resolve(iq);
      else pending.reject(new XmppError(parseStanzaError(iq) ?? { condition: 'undefined-condition', text: '' }));
      return;
    }
    if (type !== 'get' && type !== 'set') return;
    this.events.emit('iq', iq);
    const payload = iq.firstElementChild;
    const handler = payload
      ? this.iqHandlers.get(`${type} ${namespaceOf(payload)} ${payload.localName}`)
      : undefined;
    if (!handler) {
      this.transport.send(errorReply(iq, 'cancel', 'service-unavailable'));
      return;
    }
    Promise.resolve()
      .then(() => handler(iq))
      .then(
        (reply) => reply && this.transport.send(reply),
        () => this.transport.send(errorReply(iq, 'wait', 'internal-server-error')),
      );
  }

  /** An answer must come from whom we asked (RFC 6120 §10.1.3); our own account may answer with no from. */
  private isFromExpected(from: string, to: string): boolean {
    const own = bareJid(this.jid);
    const isOwn = (jid: string) => jid === '' || jid === own || jid === domainOf(this.jid) || jid === this.jid;
    if (isOwn(to)) return isOwn(from) || bareJid(from) === own;
    return from === to || bareJid(from) === bareJid(to);
  }

  private rejectPendingIqs(condition: string): void {
    for (const [id, pending] of this.pendingIqs) {
      clearTimeout(pending.timer);
      pending.reject(new XmppError({ condition, text: '' }));
      this.pendingIqs.delete(id);
    }
  }
}

/** XEP-0115: an available presence says what we are (§4). */
function withCaps(stanza: Element): Element {
  if (stanza.localName === 'presence' && !stanza.getAttribute('type') && !stanza.getElementsByTagName('c').length)
    stanza.append(xml('c', { xmlns: 'http://jabber.org/protocol/caps', hash: 'sha-1', node: CAPS_NODE, ver: CAPS_VER }));
  return stanza;
}

/** An empty result for an iq. */
export function result(iq: Element): Element {
  return xml('iq', { type: 'result', id: iq.getAttribute('id'), to: iq.getAttribute('from') });
}

function errorReply(iq: Element, type: string, condition: string): Element {
  return xml(
    'iq',
    { type: 'error', id: iq.getAttribute('id'), to: iq.getAttribute('from') },
    xml('error', { type }, xml(condition, { xmlns: NS.STANZAS })),
  );
}

