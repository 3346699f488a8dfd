import { type PropertyValues, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { createRef } from 'lit/directives/ref.js';
import type { Connection } from '../../core/connection.js';
import type { DataForm } from '../../core/dataform.js';
import { XmppError } from '../../core/errors.js';
import type { Invitation } from '../../core/invitations.js';
import { domainOf, isValidBareJid, localOf } from '../../core/jid.js';
import { type Affiliation, MucRoom, type Occupant, type Role, type RoomListing, listRooms } from '../../core/muc.js';
import { XmppMessageEvent } from '../../events/message-event.js';
import { XmppOpenChatEvent } from '../../events/open-chat-event.js';
import { XmppPresenceEvent } from '../../events/presence-event.js';
import { type MessageKey, languageOf } from '../../i18n/localize.js';
import { XmppElement } from '../base/xmpp-element.js';
import { renderDataForm } from '../data-form/data-form.js';
import { renderComposer } from '../composer/composer.js';
import { composerStyles } from '../composer/composer.styles.js';
import { StickToBottomController, renderTimeline } from '../message-list/message-list.js';
import { conversationStyles } from '../message-list/conversation.styles.js';
import { messageListStyles } from '../message-list/message-list.styles.js';
import { roomStyles } from './room.styles.js';

const ROLE_ORDER: readonly Role[] = ['moderator', 'participant', 'visitor', 'none'];
const RANK: Readonly<Record<Affiliation, number>> = { outcast: 0, none: 1, member: 2, admin: 3, owner: 4 };

type Panel = '' | 'nick' | 'subject' | 'invite';

/** What our role and affiliation let us do to an occupant (XEP-0045 §8, §9). */
function allowedActions(me: Occupant | undefined, target: Occupant) {
  const none = { kick: false, voice: false, affiliations: [] as Affiliation[] };
  if (!me || target.self) return none;
  const outranks = RANK[target.affiliation] < RANK.admin || (me.affiliation === 'owner' && target.affiliation === 'admin');
  const moderator = me.role === 'moderator' && outranks;
  const affiliations: Affiliation[] =
    target.jid && (me.affiliation === 'owner' || (me.affiliation === 'admin' && RANK[target.affiliation] < RANK.admin))
      ? me.affiliation === 'owner'
        ? ['none', 'member', 'admin', 'owner', 'outcast']
        : ['none', 'member', 'outcast']
      : [];
  return { kick: moderator, voice: moderator && target.role !== 'moderator', affiliations };
}

/**
 * A multi-user chat room (XEP-0045): subject, occupants, history, live messages, composer.
 * @tag xmpp-room
 * @csspart header - The room's header.
 * @csspart title - The room's name.
 * @csspart subject - The room's subject.
 * @csspart occupants - The occupant list.
 * @csspart occupant - One occupant; also its role and affiliation.
 * @csspart messages - The scrolling message list (`role="log"`).
 * @csspart message - One message; also `incoming` or `outgoing`, and `pending`.
 * @csspart message-author - The sender's nick.
 * @csspart message-body - The message text.
 * @csspart message-time - When it was sent.
 * @csspart notice - A line from the system (joined, left, kicked, room created, nick changed…).
 * @csspart occupant-actions - The per-occupant action menu (private message, kick, voice, ban, affiliation).
 * @csspart room-config - The room configuration form (a data form), for owners.
 * @csspart room-config-submit - Its submit button.
 * @csspart room-password - The prompt for a password-protected room.
 * @csspart room-password-submit - Its submit button.
 * @csspart load-older - Pages older history from the room's archive.
 * @csspart room-list - Without `room-jid`: the rooms of the conference service, to pick from.
 * @csspart room-list-item - One room of that list (a button; picking it joins).
 * @csspart invitation - A received room invitation (with `invitation-join`, `invitation-decline`).
 * @csspart composer - The message box.
 * @csspart input - The text area.
 * @csspart send-button - The send button.
 * @cssprop [--xmpp-room-height=28rem] - The room's height.
 * @fires {XmppMessageEvent} xmpp-message - A message arrived or was sent.
 * @fires {XmppPresenceEvent} xmpp-presence - An occupant's presence changed.
 * @fires {XmppOpenChatEvent} xmpp-open-chat - The user chose to send an occupant a private message (`jid` is room@service/nick).
 */
export class XmppRoom extends XmppElement {
  static override styles = [...XmppElement.styles, conversationStyles, messageListStyles, composerStyles, roomStyles];

  /** Bare JID of the room, e.g. `lobby@conference.example.org`. */
  @property({ attribute: 'room-jid', reflect: true }) roomJid = '';

  /** The nickname to join as; a guest without one gets `guest-` and a few letters. */
  @property() nick = '';

  /** The room's password, for protected rooms. */
  @property({ attribute: false }) password = '';

  /** How many past messages to ask the room for on join. */
  @property({ type: Number }) history = 50;

  /** When creating the room, show its configuration form instead of accepting the defaults. */
  @property({ type: Boolean }) configure = false;

  /** The conference service whose rooms are listed when there is no `room-jid` (default `conference.` + the account's domain). */
  @property() service = '';

  @state() private configForm: DataForm | undefined;
  @state() private panel: Panel = '';
  @state() private rooms: readonly RoomListing[] | undefined;
  private roomsFor = '';
  private fetchingConfig = false;

  private room: MucRoom | undefined;
  private roomOffs: (() => void)[] = [];
  private readonly input = createRef<HTMLTextAreaElement>();
  private readonly scroller = new StickToBottomController(
    this,
    () => this.renderRoot.querySelector<HTMLElement>('[part~="messages"]'),
    () => this.room?.timeline.length ?? 0,
  );

  override connectedCallback(): void {
    // A password given as an attribute is taken once and removed from the DOM,
    // before the room is opened with it.
    const password = this.getAttribute('password');
    if (password !== null) {
      this.password = password;
      this.removeAttribute('password');
    }
    super.connectedCallback();
  }

  protected override connectionAttached(connection: Connection): () => void {
    const offBase = super.connectionAttached(connection);
    this.openRoom(connection);
    return () => {
      offBase();
      this.closeRoom();
    };
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const roomChanged = changed.has('roomJid') && changed.get('roomJid') !== undefined;
    const nickChanged = changed.has('nick') && changed.get('nick') !== undefined;
    if ((roomChanged || nickChanged) && this.xmpp) {
      this.closeRoom();
      this.openRoom(this.xmpp);
    }
  }

  private openRoom(connection: Connection): void {
    if (!this.roomJid) return;
    if (!isValidBareJid(this.roomJid) || !localOf(this.roomJid)) {
      this.showError({ condition: 'jid-malformed', text: this.roomJid });
      return;
    }
    const room = new MucRoom(connection, this.roomJid, {
      nick: this.nick.trim() || this.defaultNick(connection),
      ...(this.password ? { password: this.password } : {}),
      history: this.history,
      configure: this.configure,
    });
    this.room = room;
    let lastState = room.state;
    room.on('change', () => {
      if (room.state === 'joined' && lastState !== 'joined') this.errorNotice = undefined;
      if (room.state !== 'joined') this.panel = '';
      lastState = room.state;
      if (room.awaitingConfig && !this.configForm) this.openConfig();
      this.requestUpdate();
    });
    room.on('error', (error) => this.showError(error));
    room.on('message', (message) => this.dispatchEvent(new XmppMessageEvent(message)));
    this.roomOffs.push(connection.on('presence', (stanza) => {
      const from = stanza.getAttribute('from') ?? '';
      if (from.startsWith(`${room.jid}/`)) {
        const occupant = room.occupants.find((o) => `${room.jid}/${o.nick}` === from);
        this.dispatchEvent(
          new XmppPresenceEvent({
            from,
            show: occupant?.show ?? 'offline',
            status: occupant?.status ?? '',
            type: occupant ? 'available' : 'unavailable',
          }),
        );
      }
    }));
    room.join();
  }

  private closeRoom(): void {
    const room = this.room;
    for (const off of this.roomOffs.splice(0)) off();
    if (!room) return;
    room.leave();
    room.dispose();
    this.room = undefined;
    this.configForm = undefined;
    this.panel = '';
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.loadRoomList();
  }

  /** Without a room: lists the conference service's rooms once online. */
  private loadRoomList(): void {
    const connection = this.xmpp;
    if (this.roomJid || !connection || connection.status !== 'online') return;
    const service = this.service.trim() || `conference.${domainOf(connection.jid)}`;
    if (this.roomsFor === service) return;
    this.roomsFor = service;
    this.rooms = undefined;
    listRooms(connection, service).then(
      (rooms) => {
        if (this.roomsFor === service) this.rooms = [...rooms].sort((a, b) => a.name.localeCompare(b.name));
      },
      (error: unknown) => {
        if (this.roomsFor !== service) return;
        this.rooms = [];
        if (error instanceof XmppError) this.showError(error.error);
      },
    );
  }

  private openConfig(): void {
    const room = this.room;
    if (!room || this.fetchingConfig) return;
    this.fetchingConfig = true;
    room.fetchConfig().then(
      (form) => {
        this.fetchingConfig = false;
        if (this.room === room) this.configForm = form;
      },
      () => {
        // Shown through part="error" by the room.
        this.fetchingConfig = false;
      },
    );
  }

  private submitConfig(values: Record<string, string[]>): void {
    const room = this.room;
    const form = this.configForm;
    if (!room || !form) return;
    room.submitConfig(form, values).then(
      () => {
        if (this.configForm === form) this.configForm = undefined;
      },
      () => {
        // The form stays open; the error is shown.
      },
    );
  }

  private cancelConfig(): void {
    if (this.room?.awaitingConfig) this.room.acceptDefaultConfig();
    this.configForm = undefined;
  }

  protected override acceptInvitation(invitation: Invitation): void {
    this.password = invitation.password ?? '';
    if (this.roomJid === invitation.room && this.room?.state !== 'joined' && this.room) {
      this.room.setPassword(this.password);
      this.room.join();
      return;
    }
    this.roomJid = invitation.room;
  }

  private handlePassword(event: SubmitEvent): void {
    event.preventDefault();
    const input = (event.currentTarget as HTMLFormElement).querySelector<HTMLInputElement>('input[type="password"]');
    const password = input?.value ?? '';
    // Read once, never kept in the DOM.
    if (input) input.value = '';
    const room = this.room;
    if (!room || !password) return;
    this.password = password;
    room.setPassword(password);
    room.join();
  }

  /** Reads the named inputs of a panel's form and clears them. */
  private readForm(event: SubmitEvent): Record<string, string> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const values: Record<string, string> = {};
    for (const el of Array.from(form.elements)) {
      if (el instanceof HTMLInputElement && el.name) values[el.name] = el.type === 'checkbox' ? String(el.checked) : el.value;
    }
    return values;
  }

  private handlePanel(event: SubmitEvent): void {
    const values = this.readForm(event);
    const room = this.room;
    if (!room) return;
    if (this.panel === 'nick' && values.nick?.trim()) room.changeNick(values.nick);
    else if (this.panel === 'subject') room.setSubject(values.subject ?? '');
    else if (this.panel === 'invite' && values.jid?.trim()) {
      if (!isValidBareJid(values.jid.trim().split('/')[0] ?? '')) {
        this.showError({ condition: 'jid-malformed', text: values.jid });
        return;
      }
      room.invite(values.jid, values.reason ?? '', values.direct === 'true');
    } else return;
    this.panel = '';
  }

  private togglePanel(panel: Panel): void {
    this.panel = this.panel === panel ? '' : panel;
  }

  private handleLeave(): void {
    this.room?.leave();
  }

  private handleRejoin(): void {
    this.room?.join();
  }

  private async handleLoadOlder(): Promise<void> {
    const room = this.room;
    if (!room) return;
    const unseen = this.scroller.unseen;
    await room.loadOlder();
    await this.updateComplete;
    // Older messages go on top: they are not new ones.
    this.scroller.unseen = unseen;
    this.requestUpdate();
  }

  private occupantAction(event: Event, occupant: Occupant, action: string): void {
    const room = this.room;
    if (!room) return;
    const menu = (event.currentTarget as HTMLElement).closest('details');
    const reason = menu?.querySelector<HTMLInputElement>('input[name="reason"]')?.value.trim() ?? '';
    const done = () => {
      if (menu) menu.open = false;
    };
    const ignore = () => {
      // Shown through part="error" by the room.
    };
    if (action === 'private') {
      done();
      this.dispatchEvent(new XmppOpenChatEvent({ jid: `${room.jid}/${occupant.nick}` }));
    } else if (action === 'kick') {
      room.setRole(occupant.nick, 'none', reason).then(done, ignore);
    } else if (action === 'voice') {
      room.setRole(occupant.nick, occupant.role === 'visitor' ? 'participant' : 'visitor', reason).then(done, ignore);
    } else if (action === 'affiliation' && occupant.jid) {
      const select = menu?.querySelector<HTMLSelectElement>('select[name="affiliation"]');
      room.setAffiliation(occupant.jid, (select?.value ?? 'none') as Affiliation, reason).then(done, ignore);
    } else if (action === 'ban' && occupant.jid) {
      room.setAffiliation(occupant.jid, 'outcast', reason).then(done, ignore);
    }
  }

  private pickRoom(jid: string): void {
    this.roomJid = jid;
  }

  private defaultNick(connection: Connection): string {
    const local = localOf(connection.configuredJid);
    return local || `guest-${Math.random().toString(36).slice(2, 6)}`;
  }

  private handleSend = (text: string): boolean => {
    if (!this.room?.acceptsMessages) {
      this.showError({ condition: 'not-joined', text: '' });
      return false;
    }
    // A visitor in a moderated room: the reason is shown by the composer; keep the text.
    if (this.room.self?.role === 'visitor') return false;
    void this.send(text).catch(() => {
      // Reported through part="error" and xmpp-error.
    });
    return true;
  };

  /** Sends a message to the room; resolves once it is handed to the connection. */
  async send(text: string): Promise<void> {
    const room = this.room;
    if (!room) throw new XmppError({ condition: 'not-joined', text: '' });
    room.send(text);
    this.scroller.scrollToEnd();
  }

  private renderActions(occupant: Occupant) {
    const room = this.room;
    if (!room || occupant.self || room.state !== 'joined') return nothing;
    const allowed = allowedActions(room.self, occupant);
    const admin = allowed.kick || allowed.voice || allowed.affiliations.length > 0;
    return html`<details part="occupant-actions" class="actions-menu">
      <summary aria-label=${this.t('room.actions', { nick: occupant.nick })} title=${this.t('room.actions', { nick: occupant.nick })}>⋯</summary>
      <div class="menu">
        <button type="button" data-action="private" @click=${(e: Event) => this.occupantAction(e, occupant, 'private')}>
          ${this.t('action.private')}
        </button>
        ${admin
          ? html`<label>${this.t('action.reason')} <input name="reason" type="text" autocomplete="off" /></label>`
          : nothing}
        ${allowed.kick
          ? html`<button type="button" data-action="kick" @click=${(e: Event) => this.occupantAction(e, occupant, 'kick')}>
              ${this.t('action.kick')}
            </button>`
          : nothing}
        ${allowed.voice
          ? html`<button type="button" data-action="voice" @click=${(e: Event) => this.occupantAction(e, occupant, 'voice')}>
              ${this.t(occupant.role === 'visitor' ? 'action.voice-grant' : 'action.voice-revoke')}
            </button>`
          : nothing}
        ${allowed.affiliations.includes('outcast')
          ? html`<button type="button" data-action="ban" @click=${(e: Event) => this.occupantAction(e, occupant, 'ban')}>
              ${this.t('action.ban')}
            </button>`
          : nothing}
        ${allowed.affiliations.length > 0
          ? html`<label
                >${this.t('action.affiliation')}
                <select name="affiliation">
                  ${allowed.affiliations.map(
                    (a) => html`<option .value=${a} ?selected=${a === occupant.affiliation}>
                      ${this.t(a === 'none' ? 'action.affiliation-none' : (`affiliation.${a}` as MessageKey))}
                    </option>`,
                  )}
                </select></label
              >
              <button
                type="button"
                data-action="affiliation"
                @click=${(e: Event) => this.occupantAction(e, occupant, 'affiliation')}
              >
                ${this.t('action.set-affiliation')}
              </button>`
          : nothing}
      </div>
    </details>`;
  }

  private renderOccupant(occupant: Occupant, lang: string) {
    const parts = ['occupant', occupant.role, occupant.affiliation !== 'none' ? occupant.affiliation : '']
      .filter(Boolean)
      .join(' ');
    const badge = occupant.affiliation !== 'none' ? this.t(`affiliation.${occupant.affiliation}`) : '';
    return html`<li part=${parts}>
      <span class="show ${occupant.show}" role="img" aria-label=${this.t(`show.${occupant.show}`)}></span>
      <span>${occupant.nick}</span>
      ${occupant.self ? html`<span class="badge">${this.t('room.self')}</span>` : nothing}
      ${badge ? html`<span class="badge" lang=${lang}>${badge}</span>` : nothing}
      ${this.renderActions(occupant)}
    </li>`;
  }

  private renderOccupants() {
    const room = this.room;
    if (!room) return nothing;
    const occupants = room.occupants;
    const lang = languageOf(this);
    return html`<section part="occupants" aria-label=${this.t('room.occupants', { count: occupants.length })}>
      ${ROLE_ORDER.map((role) => {
        const group = occupants.filter((o) => o.role === role);
        if (group.length === 0) return nothing;
        return html`<h3>${this.t(`role.${role}`)}</h3>
          <ul>
            ${group.map((o) => this.renderOccupant(o, lang))}
          </ul>`;
      })}
    </section>`;
  }

  private renderToolbar() {
    const room = this.room;
    if (!room) return nothing;
    if (room.state === 'left' || (room.state === 'error' && !room.needsPassword)) {
      return html`<div class="toolbar">
        <button type="button" data-action="rejoin" @click=${this.handleRejoin}>${this.t('room.rejoin')}</button>
      </div>`;
    }
    if (room.state !== 'joined') return nothing;
    const owner = room.self?.affiliation === 'owner';
    const toggle = (panel: Panel, label: MessageKey) =>
      html`<button type="button" data-action=${panel} aria-expanded=${this.panel === panel ? 'true' : 'false'}
        @click=${() => this.togglePanel(panel)}>${this.t(label)}</button>`;
    return html`<div class="toolbar">
      ${toggle('subject', 'room.change-subject')} ${toggle('nick', 'room.change-nick')} ${toggle('invite', 'room.invite')}
      ${owner && !this.configForm
        ? html`<button type="button" data-action="configure" @click=${this.openConfig}>${this.t('room.configure')}</button>`
        : nothing}
      <button type="button" data-action="leave" @click=${this.handleLeave}>${this.t('room.leave')}</button>
    </div>`;
  }

  private renderPanel() {
    if (!this.panel || this.room?.state !== 'joined') return nothing;
    const field = (name: string, label: MessageKey, value = '') =>
      html`<label>${this.t(label)} <input name=${name} type="text" autocomplete="off" .value=${value} /></label>`;
    const body =
      this.panel === 'nick'
        ? field('nick', 'room.nick', this.room.nick)
        : this.panel === 'subject'
          ? field('subject', 'room.subject-input', this.room.subject)
          : html`${field('jid', 'room.invite-jid')} ${field('reason', 'room.invite-reason')}
              <label class="check"><input name="direct" type="checkbox" /> ${this.t('room.invite-direct')}</label>`;
    const submit: MessageKey = this.panel === 'invite' ? 'room.send-invite' : 'room.save';
    return html`<form class="panel" data-panel=${this.panel} @submit=${this.handlePanel}>
      ${body}
      <button type="submit">${this.t(submit)}</button>
      <button type="button" @click=${() => this.togglePanel('')}>${this.t('room.cancel')}</button>
    </form>`;
  }

  private renderPasswordPrompt() {
    if (!this.room?.needsPassword) return nothing;
    return html`<form part="room-password" class="panel" @submit=${this.handlePassword}>
      <p>${this.t('room.password-prompt')}</p>
      <label
        >${this.t('room.password')} <input name="room-password" type="password" autocomplete="off" required
      /></label>
      <button part="room-password-submit" type="submit">${this.t('room.password-submit')}</button>
    </form>`;
  }

  private renderConfig() {
    const form = this.configForm;
    if (!form || !this.room) return nothing;
    return renderDataForm({
      form,
      part: 'room-config',
      submitPart: 'room-config-submit',
      label: this.t('room.config-title'),
      submitLabel: this.t('room.config-submit'),
      cancelLabel: this.t(this.room.awaitingConfig ? 'room.config-default' : 'room.cancel'),
      onSubmit: (values) => this.submitConfig(values),
      onCancel: () => this.cancelConfig(),
    });
  }

  private renderRoomList() {
    if (this.roomJid || this.status !== 'online' || !this.xmpp) return nothing;
    const service = this.roomsFor;
    const rooms = this.rooms;
    return html`<section class="room-list" aria-label=${this.t('room.list', { service })}>
      <h3>${this.t('room.list', { service })}</h3>
      ${rooms === undefined
        ? html`<p>${this.t('room.list-loading', { service })}</p>`
        : rooms.length === 0
          ? html`<p>${this.t('room.list-empty', { service })}</p>`
          : html`<ul part="room-list">
              ${rooms.map(
                (r) => html`<li>
                  <button part="room-list-item" type="button" data-jid=${r.jid} @click=${() => this.pickRoom(r.jid)}>
                    <span class="room-name">${r.name}</span>
                    ${r.occupants !== undefined
                      ? html`<span class="badge">${this.t('room.list-occupants', { count: r.occupants })}</span>`
                      : nothing}
                  </button>
                </li>`,
              )}
            </ul>`}
    </section>`;
  }

  /** Why the composer is off: a visitor in a moderated room, or removed from the room. */
  private renderMuted() {
    const room = this.room;
    if (room?.state === 'joined' && room.self?.role === 'visitor') {
      return html`<p part="notice" class="muted" id="muted">${this.t('room.visitor-muted')}</p>`;
    }
    const removal = room?.state === 'left' ? room.removal : undefined;
    if (removal) {
      const kinds = {
        banned: 'notice.you-banned',
        kicked: 'notice.you-kicked',
        affiliation: 'notice.you-removed-affiliation',
        'members-only': 'notice.you-removed-members-only',
        shutdown: 'notice.room-shutdown',
      } as const;
      return html`<p part="notice" class="muted removed" role="status">
        ${this.t(kinds[removal.kind], { reason: removal.reason })}
      </p>`;
    }
    return nothing;
  }

  override render() {
    const room = this.room;
    const lang = languageOf(this);
    const title = this.roomJid || this.t('room.no-room');
    const canSpeak = !!room?.acceptsMessages && room.self?.role !== 'visitor';
    return html`<header part="header">
        <h2 part="title">${title}</h2>
        ${this.renderStatus()}
        ${room?.subject ? html`<p part="subject">${room.subject}</p>` : nothing}
        ${this.renderToolbar()}
      </header>
      ${this.renderError()} ${this.renderRetry()} ${this.renderLoginForm()} ${this.renderPasswordPrompt()}
      ${this.renderPanel()} ${this.renderConfig()} ${this.renderRoomList()}
      ${room && room.state === 'joining' ? html`<p part="notice">${this.t('room.joining', { room: room.jid })}</p>` : nothing}
      <div class="body">
        <div class="main">
          ${room?.canLoadOlder
            ? html`<button part="load-older" type="button" ?disabled=${room.loadingOlder} @click=${this.handleLoadOlder}>
                ${this.t(room.loadingOlder ? 'room.loading-older' : 'room.load-older')}
              </button>`
            : nothing}
          ${renderTimeline(room?.timeline ?? [], {
            lang,
            label: this.t('room.messages', { room: this.roomJid }),
            onScroll: this.scroller.handleScroll,
          })}
          ${this.scroller.unseen > 0
            ? html`<button class="new-messages" type="button" @click=${this.scroller.scrollToEnd}>
                ${this.t('messages.new')} (${this.scroller.unseen})
              </button>`
            : nothing}
        </div>
        ${this.renderOccupants()}
      </div>
      ${this.renderMuted()}
      ${renderComposer({
        label: this.t('composer.label'),
        placeholder: this.t('composer.placeholder'),
        sendLabel: this.t('composer.send'),
        disabled: !canSpeak,
        input: this.input,
        onSend: this.handleSend,
      })}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'xmpp-room': XmppRoom;
  }
}
