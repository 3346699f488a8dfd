import { type PropertyValues, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Connection } from '../../core/connection.js';
import { XmppError } from '../../core/errors.js';
import type { Invitation } from '../../core/invitations.js';
import { domainOf, isValidBareJid, localOf, resourceOf } from '../../core/jid.js';
import type { MucRoom } from '../../core/muc/room.js';
import type { Occupant } from '../../core/muc/types.js';
import type { ChatMessage } from '../../core/stanzas.js';
import { RoomController } from '../../controllers/room-controller.js';
import { XmppMessageEvent } from '../../events/message-event.js';
import { XmppOpenChatEvent } from '../../events/open-chat-event.js';
import { XmppPresenceEvent } from '../../events/presence-event.js';
import { onDemand } from '../base/on-demand.js';
import { XmppConversationElement } from '../base/conversation-element.js';
import { renderComposer } from '../composer/composer.js';
import { composerStyles } from '../composer/composer.styles.js';
import { StickToBottomController, keepingPlace, renderTimeline } from '../message-list/message-list.js';
import { conversationStyles } from '../message-list/conversation.styles.js';
import { messageListStyles } from '../message-list/message-list.styles.js';
import { avatarFor, avatarStyles } from '../base/avatar.js';
import { renderOccupants } from './occupants.js';
import { type Panel, renderMuted, renderToolbar } from './panels.js';
import type { ConfigTask } from './room-config.js';
import type { RoomListTask } from './room-list.js';
import { roomStyles } from './room.styles.js';
import type { Translate } from './shared.js';

/** Few rooms are shown without `room-jid` or configured by their owner: that code loads when needed. */
const roomListModule = onDemand(() => import('./room-list.js'));
const configModule = onDemand(() => import('./room-config.js'));
const panelForms = onDemand(() => import('./panel-forms.js'));
/** Voice requests (XEP-0045 §7.13, §8.6): for a visitor, or a moderator the room asked. */
const voiceModule = onDemand(() => import('./voice-request.js'));
/**
 * What only a signed-in user's room has (room-signed-in.ts): the toolbar's Bookmark toggle
 * (XEP-0402), blocking occupants from their menu and leaving out their messages (XEP-0191).
 */
const signedInModule = onDemand(() => import('./room-signed-in.js'));

/** A room JID the element can join: `room@service`. */
const isRoomJid = (jid: string) => isValidBareJid(jid) && !!localOf(jid);

/**
 * A multi-user chat room (XEP-0045): subject, occupants, history, live messages, composer.
 * @tag xmpp-room
 * @attr password - The room's password, for protected rooms: read once, then removed from the DOM.
 * @csspart header - The room's header.
 * @csspart title - The room's name.
 * @csspart subject - The room's subject.
 * @csspart occupants - The occupant list.
 * @csspart occupants-toggle - Where the element is too narrow to show the occupant list beside the messages: opens it over them (`aria-expanded`; Escape closes it).
 * @csspart occupant - One occupant; also its role (`moderator`, `participant`, `visitor`) and affiliation (`owner`, `admin`, `member`, `outcast`).
 * @csspart messages - The scrolling message list (`role="log"`).
 * @csspart message - One message; also `incoming` or `outgoing`, `pending` (not confirmed yet), `edited` (corrected, XEP-0308) or `retracted` (XEP-0424), `mention` (it names the user), `encrypted` (end-to-end, XEP-0384: not readable here).
 * @csspart avatar - A sender's or an occupant's picture (XEP-0398, else their vCard), or their initial on a colour of their own.
 * @csspart message-author - The sender's nick.
 * @csspart message-body - The message text.
 * @csspart message-time - When it was sent.
 * @csspart notice - A line from the system (joined, left, kicked, room created, nick changed…).
 * @csspart voice-request-button - A visitor in a moderated room: "Ask to speak" (XEP-0045 §7.13), then "Request sent" (`aria-disabled`) until their role changes.
 * @csspart voice-request - For a moderator, at the end of the message list: "<nick> asks to speak" (§8.6), with `voice-approve` (Allow: the room gives them voice) and `voice-deny`.
 * @csspart voice-approve - Allows a voice request.
 * @csspart voice-deny - Denies a voice request.
 * @csspart occupant-actions - The per-occupant action menu (private message, kick, voice, ban, affiliation; Block for a signed-in user).
 * @csspart block-button - In an occupant's menu, for a signed-in user whose server keeps a block list (XEP-0191): blocks the occupant's real JID where the room shows it, else its occupant JID (room@service/nick); their messages are left out of the room.
 * @csspart unblock-button - In a blocked occupant's menu: unblocks them, and their messages show again.
 * @csspart blocked - The mark beside a blocked occupant in the list.
 * @csspart room-config - The room configuration form (a data form), for owners.
 * @csspart room-config-submit - Its submit button.
 * @csspart room-password - The prompt for a password-protected room.
 * @csspart room-password-submit - Its submit button.
 * @csspart bookmark-button - For a signed-in user whose server keeps XEP-0402 bookmarks: Bookmark (the room then joins at login, as this nick) or Remove bookmark, in the toolbar.
 * @csspart load-older - Pages older history from the room's archive; `aria-busy="true"` (and "Loading…", in the same box) while a page is on its way.
 * @csspart room-list - Without `room-jid`: the rooms of the conference service, to pick from.
 * @csspart room-list-item - One room of that list (a button; picking it joins).
 * @csspart invitation - A received room invitation (with `invitation-join`, `invitation-decline`).
 * @csspart reactions - Under a message: its reactions (XEP-0444).
 * @csspart reaction - One emoji with its count (a button: pressing it adds or takes back the user's); also `own` where the user is among them.
 * @csspart reply-quote - Above a reply: the author and text of the message it answers (XEP-0461).
 * @csspart attachment - A shared file (XEP-0066, XEP-0363): an image, or a link with the file name.
 * @csspart spoiler-toggle - A spoiler (XEP-0382): shows the hidden message.
 * @csspart message-actions - The actions of the message pointed at or focused (arrow keys move between messages).
 * @csspart react-button - Opens the reaction picker.
 * @csspart reply-button - Answers the message.
 * @csspart edit-button - Corrects an own message (ArrowUp in the empty input does the same for the last one).
 * @csspart retract-button - Retracts an own message, after `retract-confirm`.
 * @csspart retract-confirm - Confirms a retraction.
 * @csspart attach-button - Sends a file (XEP-0363), where the server has an upload service; files can also be dropped or pasted.
 * @csspart upload-progress - The file being sent, with a cancel button; or why it could not be.
 * @csspart reply-preview - Above the input: the message being answered (Escape cancels).
 * @csspart composer - The message box.
 * @csspart input - The text area.
 * @csspart send-button - The send button.
 * @cssprop [--xmpp-room-height=28rem] - The room's height.
 * @fires {XmppMessageEvent} xmpp-message - A message arrived or was sent.
 * @fires {XmppPresenceEvent} xmpp-presence - An occupant's presence changed.
 * @fires {XmppOpenChatEvent} xmpp-open-chat - The user chose to send an occupant a private message (`jid` is room@service/nick).
 */
export class XmppRoom extends XmppConversationElement {
  static override styles = [...XmppConversationElement.styles, conversationStyles, messageListStyles, avatarStyles, composerStyles, roomStyles];

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

  @state() private panel: Panel = '';
  /** The owner opened the configuration form (or the new room waits for it). */
  @state() private configuring = false;

  /** The nick a guest without `nick` gets, made once. */
  private guestNick = '';
  private readonly t$: Translate = (key, params) => this.t(key, params);

  /** The shared room of this connection, joined by the first element that shows it. */
  private readonly rooms = new RoomController(
    this,
    (connection) => this.roomRequest(connection),
    (room) => this.handleRoom(room),
  );

  /** Without `room-jid`: the rooms of the conference service, once online (a @lit/task, made when first needed). */
  private roomList: RoomListTask | undefined;

  /** The configuration form (a @lit/task, made when the owner first opens it). */
  private config: ConfigTask | undefined;

  private readonly scroller = new StickToBottomController(
    this,
    () => this.renderRoot.querySelector<HTMLElement>('[part~="messages"]'),
    () => this.room?.timeline.length ?? 0,
  );

  private get room(): MucRoom | undefined {
    return this.rooms.value;
  }

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

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // Tasks made here run in this same update (controllers' hostUpdate follows willUpdate).
    const list = !this.roomJid && !this.roomList && this.status === 'online' ? roomListModule(this) : undefined;
    if (list) {
      this.roomList = list.roomListTask(
        this,
        () => [this.xmpp, this.roomJid ? '' : this.listService(), this.status === 'online'] as const,
        (error) => this.showError(error),
      );
    }
    const config = this.configuring && !this.config ? configModule(this) : undefined;
    if (config) {
      this.config = config.configTask(this, () => this.room, this.closeConfig);
      void this.config.run();
    }
    if (changed.has('roomJid')) {
      if (this.roomJid && !isRoomJid(this.roomJid)) this.showError({ condition: 'jid-malformed', text: this.roomJid });
      this.rooms.refresh();
    }
    if (changed.has('nick') && changed.get('nick') !== undefined && this.nick.trim()) this.room?.changeNick(this.nick);
  }

  private roomRequest(connection: Connection) {
    if (!isRoomJid(this.roomJid)) return undefined;
    // An account's JID may be known only once online (the form, the host site's): the room takes its local part then.
    this.guestNick ||= localOf(connection.configuredJid) || (connection.isAnonymous ? `guest-${Math.random().toString(36).slice(2, 6)}` : '');
    return {
      jid: this.roomJid,
      options: {
        nick: this.nick.trim() || this.guestNick,
        ...(this.password ? { password: this.password } : {}),
        history: this.history,
        configure: this.configure,
      },
    };
  }

  /** Turns the shared room's events into this element's events and state. */
  private handleRoom(room: MucRoom): () => void {
    let lastState = room.state;
    const offs = [
      room.on('change', () => {
        if (room.state === 'joined' && lastState !== 'joined') this.errorNotice = undefined;
        if (room.state !== 'joined') this.panel = '';
        lastState = room.state;
        if (room.awaitingConfig && !this.configuring) this.openConfig();
      }),
      room.on('error', (error) => this.showError(error)),
      room.on('message', (message) => {
        this.dispatchEvent(new XmppMessageEvent(message));
        // The join's history is delayed: not news.
        if (!message.outgoing && !message.delayed) this.incoming(message, room.nick);
      }),
      room.on('occupant', ({ nick, occupant }) =>
        this.dispatchEvent(
          new XmppPresenceEvent({
            from: `${room.jid}/${nick}`,
            show: occupant?.show ?? 'offline',
            status: occupant?.status ?? '',
            type: occupant ? 'available' : 'unavailable',
          }),
        ),
      ),
    ];
    if (room.awaitingConfig) this.openConfig();
    return () => {
      for (const off of offs) off();
      this.panel = '';
      this.configuring = false;
    };
  }

  private listService(): string {
    const connection = this.xmpp;
    return this.service.trim() || (connection?.jid ? `conference.${domainOf(connection.jid)}` : '');
  }

  private readonly closeConfig = (): void => {
    this.configuring = false;
  };

  private readonly openConfig = (): void => {
    if (this.configuring) return;
    this.configuring = true;
    // Fetched anew each time the form opens.
    if (this.config) void this.config.run();
  };

  protected override acceptInvitation(invitation: Invitation): void {
    this.password = invitation.password ?? '';
    const room = this.room;
    if (room && this.roomJid === invitation.room && room.state !== 'joined') {
      room.setPassword(this.password);
      room.join();
      return;
    }
    this.roomJid = invitation.room;
  }

  private readonly handleLoadOlder = async (): Promise<void> => {
    const room = this.room;
    if (!room) return;
    const unseen = this.scroller.unseen;
    // The reader's place stays: the older page goes in above what was on screen.
    await keepingPlace(this.renderRoot.querySelector('[part~="messages"]'), async () => {
      await room.loadOlder();
      await this.updateComplete;
    });
    // Older messages go on top: they are not new ones.
    this.scroller.unseen = unseen;
    this.requestUpdate();
    // The button goes with the archive's last page: the focus stays in the room, on the list.
    if (!this.shadowRoot?.activeElement) this.renderRoot.querySelector<HTMLElement>('[part~="messages"]')?.focus();
  };

  private readonly handlePrivate = (occupant: Occupant): void => {
    const room = this.room;
    if (room) this.dispatchEvent(new XmppOpenChatEvent({ jid: `${room.jid}/${occupant.nick}` }));
  };

  private readonly handleSend = (text: string): boolean => {
    if (!this.room?.acceptsMessages) {
      this.showError({ condition: 'not-joined', text: '' });
      return false;
    }
    // A visitor in a moderated room: the reason is shown by the composer; keep the text.
    if (this.room.self?.role === 'visitor') return false;
    this.send(text).catch(() => {
      // Reported through part="error" and xmpp-error.
    });
    return true;
  };

  /** A reply, correction, retraction or reactions from the message actions (rich.ts). */
  /** An occupant's picture (XEP-0398 or its vCard), once its presence names one; avatars.ts loads then. */
  private readonly avatarOf = (nick: string): string | undefined => {
    const room = this.room;
    const photo = room?.occupant(nick)?.photo;
    return photo ? avatarFor(this, this.xmpp, `${room.jid}/${nick}`, photo) : undefined;
  };

  private readonly messageAvatar = (message: ChatMessage) => this.avatarOf(resourceOf(message.from));

  private readonly sendExtra = (body: string | undefined, extra: readonly Element[]): void => {
    try {
      this.room?.send(body, extra);
    } catch {
      // Reported through part="error" and xmpp-error.
    }
  };

  /** Sends a message to the room; resolves once it is handed to the connection. */
  async send(text: string): Promise<void> {
    const room = this.room;
    if (!room) throw new XmppError({ condition: 'not-joined', text: '' });
    room.send(text);
    this.scroller.scrollToEnd();
  }

  private renderConfig() {
    if (!this.configuring || !this.config) return nothing;
    return configModule(this)?.renderConfig(this.config, { t: this.t$, onClose: this.closeConfig });
  }

  private renderForms(room: MucRoom) {
    const forms = panelForms(this);
    if (!forms) return nothing;
    const t = this.t$;
    return html`${forms.renderPasswordPrompt(room, t, (password) => (this.password = password))}
    ${forms.renderPanel({ room, t, panel: this.panel, onClose: () => (this.panel = ''), onError: (error) => this.showError(error) })}`;
  }

  private renderList() {
    if (this.roomJid || this.status !== 'online' || !this.xmpp || !this.roomList) return nothing;
    return roomListModule(this)?.renderRoomList(this.listService(), this.roomList, this.t$, (jid) => {
      this.roomJid = jid;
    });
  }

  override render() {
    const room = this.room;
    const t = this.t$;
    const lang = this.localize.lang;
    const canSpeak = !!room?.acceptsMessages && room.self?.role !== 'visitor';
    // Once in a room: a guest's page never fetches it.
    const own = room && !this.xmpp?.isAnonymous ? signedInModule(this)?.signedIn(this, room) : undefined;
    // Only a visitor, or a moderator a request reached, loads it.
    const voice = room?.forms.length || room?.self?.role === 'visitor' ? voiceModule(this) : undefined;
    return html`<header part="header">
        <h2 part="title">${this.roomJid || t('room.no-room')}</h2>
        ${this.renderStatus()} ${this.renderBell()}
        ${room?.subject ? html`<p part="subject">${room.subject}</p>` : nothing}
        ${room
          ? renderToolbar({
              room,
              t,
              panel: this.panel,
              configuring: this.configuring,
              onToggle: (panel) => (this.panel = panel),
              onConfigure: this.openConfig,
              onLeave: () => room.leave(),
              onRejoin: () => room.join(),
              extra: own?.toolbar,
            })
          : nothing}
      </header>
      ${this.renderError()} ${this.renderRetry()} ${this.renderLoginForm()}
      ${room && (this.panel || room.needsPassword) ? this.renderForms(room) : nothing}
      ${this.renderConfig()} ${this.renderList()}
      ${room?.state === 'joining' ? html`<p part="notice">${t('room.joining', { room: room.jid })}</p>` : nothing}
      <div class="body">
        <div class="main">
          ${room?.canLoadOlder
            ? html`<button part="load-older" type="button" aria-disabled=${room.loadingOlder} aria-busy=${room.loadingOlder}
                @click=${this.handleLoadOlder}><span>${t('room.load-older')}</span><span>${t('room.loading-older')}</span></button>`
            : nothing}
          ${renderTimeline((own ?? room)?.timeline ?? [], {
            lang,
            label: t('room.messages', { room: this.roomJid }),
            onScroll: this.scroller.handleScroll,
            ownNick: room?.nick,
            avatarOf: this.messageAvatar,
            send: canSpeak ? this.sendExtra : undefined,
            connection: this.xmpp,
            after: voice?.renderRequests(room, t, this, this.xmpp),
          })}
          ${this.scroller.unseen > 0
            ? html`<button class="new-messages" type="button" @click=${this.scroller.scrollToEnd}>
                ${t('messages.new')} (${this.scroller.unseen})
              </button>`
            : nothing}
        </div>
        ${room ? renderOccupants({ host: this, room, t, lang, onPrivate: this.handlePrivate, avatarOf: this.avatarOf, ...own }) : nothing}
      </div>
      ${renderMuted(room, t)}${voice?.renderAsk(room, t, this, this.xmpp)}
      ${renderComposer({
        label: t('composer.label'),
        placeholder: t('composer.placeholder'),
        sendLabel: t('composer.send'),
        disabled: !canSpeak,
        onSend: this.handleSend,
        host: this,
        lang,
        connection: this.xmpp,
        send: canSpeak ? this.sendExtra : undefined,
      })}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'xmpp-room': XmppRoom;
  }
}
