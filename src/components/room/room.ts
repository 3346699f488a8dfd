import { type PropertyValues, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { createRef } from 'lit/directives/ref.js';
import type { Connection } from '../../core/connection.js';
import { XmppError } from '../../core/errors.js';
import { isValidBareJid, localOf } from '../../core/jid.js';
import { MucRoom, type Occupant, type Role } from '../../core/muc.js';
import { XmppMessageEvent } from '../../events/message-event.js';
import { XmppPresenceEvent } from '../../events/presence-event.js';
import { languageOf } from '../../i18n/localize.js';
import { XmppElement } from '../base/xmpp-element.js';
import { renderComposer } from '../composer/composer.js';
import { composerStyles } from '../composer/composer.styles.js';
import { StickToBottomController, renderTimeline } from '../message-list/message-list.js';
import { messageListStyles } from '../message-list/message-list.styles.js';
import { roomStyles } from './room.styles.js';

const ROLE_ORDER: readonly Role[] = ['moderator', 'participant', 'visitor', 'none'];

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
 * @csspart notice - A line from the system (joined, left, room created, nick changed).
 * @csspart composer - The message box.
 * @csspart input - The text area.
 * @csspart send-button - The send button.
 * @cssprop [--xmpp-room-height=28rem] - The room's height.
 * @fires {XmppMessageEvent} xmpp-message - A message arrived or was sent.
 * @fires {XmppPresenceEvent} xmpp-presence - An occupant's presence changed.
 */
export class XmppRoom extends XmppElement {
  static override styles = [...XmppElement.styles, messageListStyles, composerStyles, roomStyles];

  /** Bare JID of the room, e.g. `lobby@conference.example.org`. */
  @property({ attribute: 'room-jid', reflect: true }) roomJid = '';

  /** The nickname to join as; a guest without one gets `guest-` and a few letters. */
  @property() nick = '';

  /** The room's password, for protected rooms. */
  @property({ attribute: false }) password = '';

  /** How many past messages to ask the room for on join. */
  @property({ type: Number }) history = 50;

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
    });
    this.room = room;
    room.on('change', () => this.requestUpdate());
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
  }

  private defaultNick(connection: Connection): string {
    const local = localOf(connection.configuredJid);
    return local || `guest-${Math.random().toString(36).slice(2, 6)}`;
  }

  private handleSend = (text: string): boolean => {
    if (this.room?.state !== 'joined') {
      this.showError({ condition: 'not-joined', text: '' });
      return false;
    }
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

  override render() {
    const room = this.room;
    const lang = languageOf(this);
    const title = this.roomJid || this.t('room.no-room');
    return html`<header part="header">
        <h2 part="title">${title}</h2>
        ${this.renderStatus()}
        ${room?.subject ? html`<p part="subject">${room.subject}</p>` : nothing}
      </header>
      ${this.renderError()} ${this.renderRetry()} ${this.renderLoginForm()}
      ${room && room.state === 'joining' ? html`<p part="notice">${this.t('room.joining', { room: room.jid })}</p>` : nothing}
      <div class="body">
        <div class="main">
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
      ${renderComposer({
        label: this.t('composer.label'),
        placeholder: this.t('composer.placeholder'),
        sendLabel: this.t('composer.send'),
        disabled: room?.state !== 'joined',
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
