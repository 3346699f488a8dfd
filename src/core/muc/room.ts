import type { Connection, Status } from '../connection.js';
import type { DataForm } from '../dataform.js';
import { Emitter } from '../emitter.js';
import { type StanzaError, XmppError, parseStanzaError } from '../errors.js';
import { bareJid, localOf, resourceOf } from '../jid.js';
import { extras } from '../extensions.js';
import { type ChatMessage, type PresenceInfo, delayStamp, originId, parseMessage, parsePresence } from '../stanzas.js';
import { NS, child, childText, uniqueId, xml } from '../xml.js';
import { changeNotices, parseOccupant, statusCodes } from './occupants.js';
import { Timeline } from './timeline.js';
import { JOIN_NOTICES, REMOVALS, STATUS, removalOf } from './codes.js';
import { instantRoom } from './instant.js';
import {
  type Affiliation,
  type NoticeKind,
  type Occupant,
  type Removal,
  type Role,
  type RoomEvents,
  type RoomNotice,
  type RoomOptions,
  type RoomState,
  ROLES,
  type TimelineItem,
} from './types.js';


/** Resilience: how long after the room's service said it shuts down (332) a session that stayed up joins again, in ms. */
const SHUTDOWN_REJOIN_MS = 5000;
/** Resilience: how long a rejoin waits for the room's history (its subject) before it goes on, in ms. */
const HISTORY_WAIT = 5000;

/** How many nicks to try (`nick-2`, `nick-3`…) when the one asked for is taken. */
const MAX_NICK_ATTEMPTS = 8;

/**
 * A multi-user chat room (XEP-0045) on a connection: joins as a nick, keeps
 * occupants, subject and timeline, sends groupchat messages and matches the
 * room's reflection of each to the sent one by id.
 */
export class MucRoom {
  readonly jid: string;
  private stateValue: RoomState = 'idle';
  private nickValue: string;
  private requestedNick: string;
  private nickAttempt = 1;
  private subjectValue = '';
  private readonly occupantMap = new Map<string, Occupant>();
  private readonly timelineItems = new Timeline();
  /** Resilience: the connection dropped while we were in the room; we rejoin (asking for the gap) when it is back. */
  private rejoining = false;

  /** Messages can be written now: joined, or rejoining after a drop (they wait as pending). */
  get acceptsMessages(): boolean {
    return this.stateValue === 'joined' || (this.rejoining && (this.stateValue === 'idle' || this.stateValue === 'joining'));
  }
  /** Resilience: when the connection dropped while we were in the room. */
  private droppedAt = '';
  /**
   * Resilience: own messages the room has not reflected yet, in the order typed,
   * with the join they were last sent in (0: not sent yet). After a rejoin, once
   * the gap is filled, each one still unconfirmed is sent again, once, with the
   * same origin-id.
   */
  private readonly unconfirmed = new Map<string, { stanza: Element; join: number }>();
  /** Resilience: own messages the room answered not-acceptable (it no longer had us) and that went again after a rejoin. */
  private readonly refusedOnce = new Set<string>();
  /** Counts joins; a message is sent at most once per join. */
  private joins = 0;
  /** Joined, and after a rejoin the gap filled: messages go out now. */
  private ready = false;
  /** The join whose gap is being filled. */
  private filling = 0;
  /** Resilience: runs out when the room has said nothing for a while (see listen). */
  private quietTimer: ReturnType<typeof setTimeout> | undefined;
  /** Resilience: the newest stanza-id the timeline had when the connection dropped. */
  private gapAfter = '';
  private errorValue: StanzaError | undefined;
  private readonly events = new Emitter<RoomEvents>();
  private readonly unsubscribe: (() => void)[] = [];
  private password: string;
  private removalValue: Removal | undefined;
  private removalReason = '';
  private awaitingConfigValue = false;
  private archiveComplete = false;
  private loadingOlderValue = false;
  private subjectReceived = false;
  /** New nicks announced by a 303, whose presence is not a join. */
  private readonly renaming = new Set<string>();
  /** Data forms the room itself sent us, a moderator's voice requests among them (§8.6): voice.ts reads and answers them. */
  readonly forms: Element[] = [];

  constructor(
    private readonly connection: Connection,
    roomJid: string,
    private readonly options: RoomOptions,
  ) {
    this.jid = bareJid(roomJid);
    this.nickValue = options.nick;
    this.requestedNick = options.nick;
    this.password = options.password ?? '';
    this.unsubscribe.push(
      connection.on('presence', (stanza) => this.handlePresence(stanza)),
      connection.on('message', (stanza) => this.handleMessage(stanza)),
      connection.on('status', (status) => this.handleStatus(status)),
      // Resilience: a new link for the same session (another tab took it up): still in the room, but
      // what was in flight may be lost: fill the gap and send again what is unconfirmed, as after a rejoin.
      connection.on('resumed', () => {
        if (this.stateValue !== 'joined') return;
        this.noteGap();
        this.joins += 1;
        this.ready = false;
        this.historyDone();
      }),
    );
  }

  get state(): RoomState {
    return this.stateValue;
  }

  get nick(): string {
    return this.nickValue;
  }

  get subject(): string {
    return this.subjectValue;
  }

  get error(): StanzaError | undefined {
    return this.errorValue;
  }

  /** Occupants sorted by role, then nick. */
  get occupants(): readonly Occupant[] {
    const rank = (o: Occupant) => ROLES.indexOf(o.role);
    return [...this.occupantMap.values()].sort((a, b) => rank(a) - rank(b) || a.nick.localeCompare(b.nick));
  }

  get timeline(): readonly TimelineItem[] {
    return this.timelineItems.items;
  }

  /** The occupant with this nick, while in the room. */
  occupant(nick: string): Occupant | undefined {
    return this.occupantMap.get(nick);
  }

  /** Our own occupant entry, once joined. */
  get self(): Occupant | undefined {
    return this.occupantMap.get(this.nickValue);
  }

  /** Why the room removed us (kicked, banned…), until we join again. */
  get removal(): { readonly kind: Removal; readonly reason: string } | undefined {
    return this.removalValue ? { kind: this.removalValue, reason: this.removalReason } : undefined;
  }

  /** The join failed for want of a (right) password. */
  get needsPassword(): boolean {
    return this.stateValue === 'error' && this.errorValue?.condition === 'not-authorized';
  }

  /** We created the room with `configure` and it waits for its configuration form. */
  get awaitingConfig(): boolean {
    return this.awaitingConfigValue;
  }

  /** The room's archive may hold older messages than the timeline shows. */
  get canLoadOlder(): boolean {
    return this.stateValue === 'joined' && !this.archiveComplete;
  }

  get loadingOlder(): boolean {
    return this.loadingOlderValue;
  }

  on<K extends keyof RoomEvents>(type: K, listener: (value: RoomEvents[K]) => void): () => void {
    return this.events.on(type, listener);
  }

  /** Joins now if online, else as soon as the connection is. */
  join(): void {
    if (this.connection.status !== 'online') return;
    if (this.stateValue === 'joining' || this.stateValue === 'joined') return;
    this.errorValue = undefined;
    this.removalValue = undefined;
    this.removalReason = '';
    // No nick given (an account whose JID was not known before: the host site's user, one typed in the form): its local part.
    if (!this.nickValue) this.nickValue = this.requestedNick = localOf(this.connection.jid);
    this.setState('joining');
    this.sendJoin();
  }

  /** Leaves with unavailable presence. */
  leave(): void {
    if (this.stateValue === 'joined' || this.stateValue === 'joining') {
      this.connection.send(xml('presence', { to: `${this.jid}/${this.nickValue}`, type: 'unavailable' }));
    }
    this.occupantMap.clear();
    this.unconfirmed.clear();
    this.setState('left');
  }

  /**
   * Sends a groupchat message; it shows at once and is confirmed by the room's
   * reflection. `extra` are the elements a reply, correction, retraction or
   * reactions carry (outgoing.ts); an edit of an earlier message applies here at once.
   */
  send(body: string | undefined, extra: readonly Element[] = []): ChatMessage {
    // Resilience: while rejoining, the message shows as pending and waits for the rejoin.
    if (!this.acceptsMessages) {
      const error: StanzaError = { condition: 'not-joined', text: '' };
      this.reportError(error);
      throw new XmppError(error);
    }
    const id = uniqueId('m');
    const from = `${this.jid}/${this.nickValue}`;
    const stanza = xml(
      'message',
      { to: this.jid, type: 'groupchat', id },
      body !== undefined && xml('body', {}, body),
      xml('origin-id', { xmlns: NS.STANZA_ID, id }),
      ...extra,
    );
    const plain: ChatMessage = {
      id,
      from,
      to: this.jid,
      type: 'groupchat',
      body: body ?? '',
      nick: this.nickValue,
      stamp: new Date().toISOString(),
      outgoing: true,
      pending: true,
    };
    // What extras.ts reads in it, as in a received one.
    const message = (extra.length > 0 && extras?.parseExtras(stanza, plain, body !== undefined)) || plain;
    if (message.edit) {
      this.timelineItems.add({ ...message, pending: false }, id);
    } else {
      // XEP-0333: other occupants' clients may say they have seen it.
      stanza.append(xml('markable', { xmlns: 'urn:xmpp:chat-markers:0' }));
      this.timelineItems.addPending(message);
      this.events.emit('message', message);
    }
    this.events.emit('change', undefined);
    this.unconfirmed.set(id, { stanza, join: 0 });
    // Resilience: not in the room right now: it waits for the rejoin (see flush).
    if (this.ready) this.flush();
    return message;
  }

  /** Outside the room (not joined, not joining): the next join uses this nick and password. */
  reconfigure(options: RoomOptions): void {
    if (this.stateValue === 'joined' || this.stateValue === 'joining') return;
    this.nickValue = options.nick;
    this.requestedNick = options.nick;
    this.nickAttempt = 1;
    if (options.password) this.password = options.password;
  }

  /** The password for the next join (a protected room). */
  setPassword(password: string): void {
    this.password = password;
  }

  /** Asks the room for another nick (XEP-0045 §7.6); the room answers with 303 and the new presence. */
  changeNick(nick: string): void {
    const wanted = nick.trim();
    if (!wanted || wanted === this.nickValue) return;
    this.requestedNick = wanted;
    if (this.stateValue !== 'joined') {
      this.nickValue = wanted;
      return;
    }
    this.connection.send(xml('presence', { to: `${this.jid}/${wanted}` }));
  }

  /** Changes the subject (§8.1); a room that does not allow it answers with an error (forbidden). */
  setSubject(subject: string): void {
    this.connection.send(xml('message', { to: this.jid, type: 'groupchat' }, xml('subject', {}, subject)));
  }

  /**
   * Invites someone: through the room (mediated, §7.8.2) or straight to them
   * (XEP-0249 direct invitation, which carries the room's password).
   */
  async invite(jid: string, reason = '', direct = false): Promise<void> {
    const to = jid.trim();
    // Inviting is rare on a guest's page: the stanza builders load when someone does.
    const { directInvitation, mediatedInvitation } = await import('./invite.js');
    this.connection.send(direct ? directInvitation(this.jid, to, reason, this.password) : mediatedInvitation(this.jid, to, reason));
    this.notice('invitation-sent', { jid: to });
  }

  /** Moderators: kick (role `none`), grant voice (`participant`), revoke it (`visitor`), make moderator. */
  async setRole(nick: string, role: Role, reason = ''): Promise<void> {
    // Only moderators do this: the request builders load when one does.
    const { roleRequest } = await import('./admin.js');
    await this.request(roleRequest(this.jid, nick, role, reason));
  }

  /** Admins and owners: member, admin, owner, none, or outcast (ban), by real bare JID. */
  async setAffiliation(jid: string, affiliation: Affiliation, reason = ''): Promise<void> {
    const { affiliationRequest } = await import('./admin.js');
    await this.request(affiliationRequest(this.jid, jid, affiliation, reason));
  }

  /** Owners: the room's configuration form (§10.2). */
  async fetchConfig(): Promise<DataForm> {
    // Only owners configure rooms: the form code loads when one does.
    const { configForm, configRequest } = await import('./config.js');
    const form = configForm(await this.request(configRequest(this.jid)));
    if (!form) {
      const error: StanzaError = { condition: 'feature-not-implemented', text: '' };
      this.reportError(error);
      throw new XmppError(error);
    }
    return form;
  }

  /** Owners: submits the configuration form with these values; a locked new room opens. */
  async submitConfig(form: DataForm, values: Readonly<Record<string, readonly string[]>>): Promise<void> {
    const { configSubmit } = await import('./config.js');
    await this.request(configSubmit(this.jid, form, values));
    this.awaitingConfigValue = false;
    this.notice('configured', {});
  }

  /** Accepts the default configuration of a room we just created (an instant room, §10.1.2). */
  acceptDefaultConfig(): void {
    this.awaitingConfigValue = false;
    this.createInstantRoom();
  }

  /**
   * Pages back through the room's archive (XEP-0313 on the room, RSM before
   * the oldest message shown); adds what the timeline lacks at its top and
   * resolves with how many were added.
   */
  async loadOlder(max = 20): Promise<number> {
    if (this.loadingOlderValue || !this.canLoadOlder) return 0;
    this.loadingOlderValue = true;
    this.events.emit('change', undefined);
    try {
      // Paging back is rare on a guest's page: the archive code loads when first asked for.
      const { fetchOlder, mergeOlder } = await import('./archive.js');
      const page = await fetchOlder(this.connection, this.jid, this.timelineItems.oldestStanzaId, max, this.nickValue);
      if (page.complete) this.archiveComplete = true;
      return this.timelineItems.merge(mergeOlder(page.older));
    } catch (error) {
      this.archiveComplete = true;
      if (error instanceof XmppError) this.reportError(error.error);
      return 0;
    } finally {
      this.loadingOlderValue = false;
      this.events.emit('change', undefined);
    }
  }

  /** Stops listening to the connection (after leave()). */
  dispose(): void {
    clearTimeout(this.quietTimer);
    for (const off of this.unsubscribe.splice(0)) off();
    this.events.clear();
  }

  private sendJoin(): void {
    const history = this.options.history ?? 50;
    this.connection.send(
      xml(
        'presence',
        { to: `${this.jid}/${this.nickValue}` },
        xml(
          'x',
          { xmlns: NS.MUC },
          // Resilience: a rejoin asks only for what was said since the last message we have (deduped on arrival).
          xml('history', this.rejoinSince() ?? { maxstanzas: Math.max(0, Math.floor(history)) }),
          this.password ? xml('password', {}, this.password) : null,
        ),
      ),
    );
  }

  private handleStatus(status: Status): void {
    if (status === 'online' && this.stateValue === 'idle') {
      this.join();
    } else if (status !== 'online' && (this.stateValue === 'joined' || this.stateValue === 'joining')) {
      // The session is gone; so is our place in the room.
      if (this.stateValue === 'joined') this.noteGap();
      this.occupantMap.clear();
      this.setState('idle');
    }
  }

  private handlePresence(stanza: Element): void {
    const from = stanza.getAttribute('from') ?? '';
    if (bareJid(from) !== this.jid) return;
    this.listen();
    const nick = resourceOf(from);
    const presence = parsePresence(stanza);
    if (presence.type === 'error') {
      this.handleJoinError(presence.error ?? { condition: 'undefined-condition', text: '' });
      return;
    }
    if (!nick) return;
    this.applyPresence(stanza, nick, presence);
    this.events.emit('occupant', { nick, occupant: this.occupantMap.get(nick) });
  }

  private applyPresence(stanza: Element, nick: string, presence: PresenceInfo): void {
    const x = child(stanza, 'x', NS.MUC_USER);
    const codes = statusCodes(x);
    const item = child(x, 'item');
    const self = codes.has(STATUS.SELF) || (nick === this.nickValue && this.stateValue === 'joining');

    if (presence.type === 'unavailable') {
      this.handleUnavailable(nick, self, codes, item);
      return;
    }
    if (presence.type !== 'available') return;

    const occupant = parseOccupant(nick, item, presence, self);
    const previous = this.occupantMap.get(nick);
    const known = previous !== undefined;
    this.occupantMap.set(nick, occupant);
    if (previous && this.stateValue === 'joined') {
      const params = { nick, reason: childText(item, 'reason') ?? '' };
      for (const kind of changeNotices(previous, occupant)) this.notice(kind, params);
    }

    if (self) {
      if (codes.has(STATUS.NICK_ASSIGNED) && nick !== this.nickValue) this.notice('nick-changed', { nick });
      this.nickValue = nick;
      if (this.stateValue !== 'joined') {
        if (codes.has(STATUS.CREATED)) {
          this.notice('room-created', { room: this.jid });
          if (this.options.configure) this.awaitingConfigValue = true;
          else this.createInstantRoom();
        }
        for (const [code, kind] of JOIN_NOTICES) if (codes.has(code)) this.notice(kind, {});
        if (nick !== this.requestedNick && this.nickAttempt > 1) {
          this.notice('nick-conflict', { requested: this.requestedNick, nick });
        }
        this.setState('joined');
      }
    } else if (!known && this.stateValue === 'joined' && !this.renaming.delete(nick)) {
      this.notice('joined', { nick });
    }
    this.events.emit('change', undefined);
  }

  private handleUnavailable(nick: string, self: boolean, codes: Set<string>, item: Element | undefined): void {
    const reason = childText(item, 'reason') ?? '';
    if (codes.has(STATUS.NICK_CHANGE)) {
      // A nick change: the new nick's presence follows.
      const newNick = item?.getAttribute('nick') ?? '';
      this.occupantMap.delete(nick);
      if (self && newNick) {
        this.nickValue = newNick;
        this.requestedNick = newNick;
      }
      if (newNick && this.stateValue === 'joined') {
        this.notice('renamed', { nick, newNick });
        if (!self) this.renaming.add(newNick);
      }
      this.events.emit('change', undefined);
      return;
    }
    this.occupantMap.delete(nick);
    const removal = removalOf(codes);
    if (self) {
      if (removal) {
        this.removalValue = removal;
        this.removalReason = reason;
        this.notice(REMOVALS[removal].self, { nick, reason });
      }
      this.occupantMap.clear();
      if (removal === 'shutdown') {
        // The service goes down (a restart, a cluster's node): join again once it is back, as after a
        // drop (the gap filled): when the session comes back, or in a while if it stayed.
        if (this.stateValue === 'joined') this.noteGap();
        this.setState('idle');
        setTimeout(() => this.handleStatus(this.connection.status), SHUTDOWN_REJOIN_MS);
        return;
      }
      this.setState('left');
      return;
    }
    if (this.stateValue === 'joined') {
      this.notice(removal ? REMOVALS[removal].other : 'left', { nick, reason });
    }
    this.events.emit('change', undefined);
  }

  private handleJoinError(error: StanzaError): void {
    if (this.stateValue === 'joining' && error.condition === 'conflict' && this.nickAttempt < MAX_NICK_ATTEMPTS) {
      this.nickAttempt += 1;
      this.nickValue = `${this.requestedNick}-${this.nickAttempt}`;
      this.sendJoin();
      return;
    }
    if (this.stateValue === 'joining') this.setState('error');
    this.reportError(error);
  }

  private handleMessage(stanza: Element): void {
    const from = stanza.getAttribute('from') ?? '';
    if (bareJid(from) !== this.jid) return;
    this.listen();
    const type = stanza.getAttribute('type');
    if (type === 'error') {
      const id = stanza.getAttribute('id') ?? '';
      const error = parseStanzaError(stanza) ?? { condition: 'undefined-condition', text: '' };
      // Resilience: the room no longer has us (XEP-0045 §7.4: a non-occupant's message is not
      // acceptable), as when the cluster node that ran it died: join again, then it goes again.
      // Once per message: a room that refuses it again after the rejoin means it.
      if (error.condition === 'not-acceptable' && this.unconfirmed.has(id) && !this.refusedOnce.has(id)) {
        this.refusedOnce.add(id);
        if (this.stateValue === 'joined') {
          this.handleStatus('offline');
          this.join();
        }
        return;
      }
      this.markFailed(id);
      this.reportError(error);
      return;
    }
    if (type !== 'groupchat') {
      // Someone declined our mediated invitation (§7.8.2).
      const decline = child(child(stanza, 'x', NS.MUC_USER), 'decline');
      if (decline && !resourceOf(from)) {
        this.notice('invitation-declined', {
          jid: decline.getAttribute('from') ?? '',
          reason: (childText(decline, 'reason') ?? '').slice(0, 1000),
        });
      }
      // A form from the room: a visitor asks us, a moderator, for voice (§8.6; voice.ts keeps the last few).
      const form = child(stanza, 'x', NS.DATA);
      if (form && !resourceOf(from)) {
        this.forms.push(form);
        this.events.emit('change', undefined);
      }
      return;
    }
    const subject = child(stanza, 'subject');
    if (subject && !child(stanza, 'body')) {
      // The subject ends the join's history (XEP-0045 §7.2.15).
      this.historyDone();
      const text = (subject.textContent ?? '').slice(0, 2000);
      // The first subject ends the join; later ones are changes worth a line.
      if (this.subjectReceived && text !== this.subjectValue) {
        this.notice('subject', { subject: text, nick: resourceOf(from) });
      }
      this.subjectReceived = true;
      this.subjectValue = text;
      this.events.emit('change', undefined);
      return;
    }
    const id = originId(stanza);
    const message = parseMessage(stanza, { ownJid: this.connection.jid, ownNick: this.nickValue });
    // The room reflected our message: it is sent. The same message may come back in the history of
    // a rejoin, from the nick of the session before (our ids are ours alone): known by its ids then.
    if (id && resourceOf(from) && this.unconfirmed.delete(id) && !this.timelineItems.isPending(id)) return;
    if (id && this.timelineItems.isPending(id) && resourceOf(from)) {
      this.timelineItems.confirm(id, from, message?.stanzaId, delayStamp(stanza));
      this.events.emit('change', undefined);
      return;
    }
    if (!message) return;
    // From the room itself only a moderator's retraction (XEP-0425) is a message for the timeline.
    const fromRoom = !resourceOf(from);
    if (fromRoom && !(message.edit?.kind === 'retraction' && message.edit.moderated)) return;
    if (!this.timelineItems.add(message, id, fromRoom)) return;
    if (message.edit) {
      this.events.emit('change', undefined);
      return;
    }
    this.events.emit('change', undefined);
    this.events.emit('message', message);
  }

  /** Resilience: `<history since/>` for a rejoin: the newest stamp of a message the room confirmed. */
  private rejoinSince(): { since: string } | undefined {
    if (!this.rejoining) return undefined;
    // With no message yet, everything since the drop.
    const since = this.timelineItems.newestStamp(this.droppedAt);
    // Live messages carry our clock, not the server's: reach back a little; duplicates are dropped by id.
    const time = Date.parse(since);
    return Number.isNaN(time) ? undefined : { since: new Date(time - 5000).toISOString() };
  }

  private markFailed(id: string): void {
    this.unconfirmed.delete(id);
    if (this.timelineItems.fail(id)) this.events.emit('change', undefined);
  }

  /** An iq to the room; a refusal is shown as the room's error and rejects. */
  private async request(iq: Element): Promise<Element> {
    try {
      return await this.connection.sendIq(iq);
    } catch (error) {
      if (error instanceof XmppError) this.reportError(error.error);
      throw error;
    }
  }

  private createInstantRoom(): void {
    // XEP-0045 §10.1.2: accept the default configuration so the room unlocks.
    this.connection
      .sendIq(instantRoom(this.jid))
      .catch((error: unknown) => {
        if (error instanceof XmppError) this.reportError(error.error);
      });
  }

  private notice(kind: NoticeKind, params: Record<string, string>): void {
    const notice: RoomNotice = { id: uniqueId('n'), kind, params, stamp: new Date().toISOString() };
    this.timelineItems.notice({ kind: 'notice', notice });
    this.events.emit('change', undefined);
    this.events.emit('notice', notice);
  }

  private reportError(error: StanzaError): void {
    this.errorValue = error;
    this.events.emit('error', error);
    this.events.emit('change', undefined);
  }

  private setState(state: RoomState): void {
    if (state === this.stateValue) return;
    this.stateValue = state;
    this.ready = false;
    this.listen();
    if (state === 'joined') {
      this.joins += 1;
      // Resilience: a rejoin first fills the gap (see historyDone); a first join is ready at once.
      if (!this.rejoining) this.markReady();
      else setTimeout(this.historyDone.bind(this, this.joins), HISTORY_WAIT);
    }
    this.events.emit('change', undefined);
  }

  /**
   * Resilience: after a rejoin, once the room's history is in (its subject came,
   * or HISTORY_WAIT passed): fill the rest of the gap from the room's archive,
   * which confirms what it holds of ours, then send what is still unconfirmed.
   */
  private historyDone(join = this.joins): void {
    if (join !== this.joins || this.ready || this.filling === join || this.stateValue !== 'joined') return;
    this.filling = join;
    // Rare, and only after a drop: the archive code loads then.
    import('./archive.js')
      .then(({ fillGap }) => fillGap(this.connection, this.jid, this.gapAfter, this.droppedAt, this.nickValue, this.timelineItems, this.unconfirmed, () => join === this.joins))
      // No archive (or it failed): what the history gave is what there is.
      .catch(() => undefined)
      .finally(() => {
        if (join === this.joins && this.stateValue === 'joined') this.markReady();
      });
  }

  /**
   * Resilience: while joined, a room quiet for `selfPingAfter` is asked whether
   * it still has us (XEP-0410); one that does not is joined again, as after a
   * drop: the gap is filled and what is unconfirmed goes again.
   */
  private listen(): void {
    clearTimeout(this.quietTimer);
    if (this.stateValue !== 'joined') return;
    this.quietTimer = setTimeout(() => {
      const join = this.joins;
      void import('./self-ping.js')
        .then(({ stillJoined }) => stillJoined(this.connection, `${this.jid}/${this.nickValue}`))
        .then((joined) => {
          if (join !== this.joins || this.stateValue !== 'joined') return;
          if (joined !== false) {
            this.listen();
            return;
          }
          this.handleStatus('offline');
          this.join();
        });
    }, this.options.selfPingAfter ?? 300000);
  }

  /** Resilience: from here on the timeline may miss messages: where the gap starts (once, for a run of drops). */
  private noteGap(): void {
    if (!this.rejoining) {
      this.droppedAt = new Date().toISOString();
      this.gapAfter = this.timelineItems.newestStanzaId;
    }
    this.rejoining = true;
  }

  /** Messages go out from now on: first each unconfirmed one not yet sent in this join, in order. */
  private markReady(): void {
    this.ready = true;
    this.rejoining = false;
    this.flush();
    this.events.emit('change', undefined);
  }

  private flush(): void {
    for (const entry of this.unconfirmed.values()) {
      if (entry.join === this.joins) continue;
      entry.join = this.joins;
      this.connection.send(entry.stanza);
    }
  }
}
