import { type PropertyValues, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import {
  ChatService,
  type Conversation,
  type ConversationMessage,
  type ConversationMessageEvent,
} from '../../core/chat.js';
import { ServiceController } from '../../controllers/service-controller.js';
import { XmppError } from '../../core/errors.js';
import { bareJid, isValidBareJid } from '../../core/jid.js';
import { Roster } from '../../core/roster.js';
import type { PresenceInfo } from '../../core/stanzas.js';
import { XmppMessageEvent } from '../../events/message-event.js';
import { XmppPresenceEvent } from '../../events/presence-event.js';
import { XmppConversationElement } from '../base/conversation-element.js';
import { renderComposer } from '../composer/composer.js';
import { composerStyles } from '../composer/composer.styles.js';
import { StickToBottomController, keepingPlace, renderTimeline } from '../message-list/message-list.js';
import { messagesTimeline } from '../message-list/messages-timeline.js';
import { conversationStyles } from '../message-list/conversation.styles.js';
import { messageListStyles } from '../message-list/message-list.styles.js';
import { avatarFor, avatarStyles } from '../base/avatar.js';
import { chatStyles } from './chat.styles.js';
import { enAccounts } from '../../i18n/en-accounts.js';
import { addEnglish } from '../../i18n/localize.js';

// The English strings of the signed-in elements come with them.
addEnglish(enAccounts);

/**
 * A one-to-one conversation (`type="chat"`): history from the archive, live
 * messages from any of the contact's resources and from our other sessions
 * (carbons), typing notifications, delivery receipts, composer.
 * @tag xmpp-chat
 * @csspart header - The conversation's header.
 * @csspart title - The contact's name.
 * @csspart with-input - The contact's JID field, when no `with` is given.
 * @csspart messages - The scrolling message list (`role="log"`).
 * @csspart load-older - Pages older history from the archive; `aria-busy="true"` (and "Loading…", in the same box) while a page is on its way.
 * @csspart message - One message; also `incoming` or `outgoing`, `edited` (corrected, XEP-0308) or `retracted` (XEP-0424), `encrypted` (end-to-end, XEP-0384: not readable here).
 * @csspart avatar - The contact's or the user's picture (XEP-0084, else the vCard), or their initial on a colour of their own.
 * @csspart message-author - Who wrote it.
 * @csspart message-body - The message text.
 * @csspart message-time - When it was sent.
 * @csspart receipt - The delivered mark on an own message (XEP-0184); also `displayed` once the contact has read it (XEP-0333).
 * @csspart typing - The contact's chat state ("typing…").
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
 * @cssprop [--xmpp-chat-height=28rem] - The conversation's height.
 * @fires {XmppMessageEvent} xmpp-message - A message shown here, or a chat message from another contact.
 * @fires {XmppPresenceEvent} xmpp-presence - The contact's presence changed.
 */
export class XmppChat extends XmppConversationElement {
  static override styles = [...XmppConversationElement.styles, conversationStyles, messageListStyles, avatarStyles, composerStyles, chatStyles];

  /** Bare JID of the contact, e.g. `bob@example.org`; without it the element asks. */
  @property({ reflect: true }) with = '';

  /** How many past messages to fetch from the archive. */
  @property({ type: Number }) history = 50;

  private readonly chats = new ServiceController(this, ChatService.for, (service) => {
    const offMessage = service.on('message', (event) => this.handleServiceMessage(event));
    const offPresence = service.on('presence', (presence) => this.handlePresence(presence));
    return () => {
      offMessage();
      offPresence();
    };
  });
  /** Contacts' names, for the title and authors. */
  private readonly roster = new ServiceController(this, Roster.for);
  /** The conversation shown, and what undoes its subscriptions. */
  private bound: { readonly conversation: Conversation; readonly off: () => void } | undefined;
  private readonly scroller = new StickToBottomController(
    this,
    () => this.list,
    () => this.conversation?.messages.length ?? 0,
  );

  private get conversation(): Conversation | undefined {
    return this.bound?.conversation;
  }

  private get list(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>('[part~="messages"]');
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.bindConversation(undefined);
  }

  /** The user sees the contact's newest message (UnreadController): it is displayed (XEP-0333). */
  protected override seen(): void {
    this.conversation?.markSeen();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // Read markers: whether the user sees the contact's newest message, from the start.
    this.watchSeen();
    const service = this.chats.value;
    const jid = this.with.trim();
    if (!service || !jid || !isValidBareJid(jid)) {
      this.bindConversation(undefined);
      if (jid && service && (changed.has('with') || changed.has('connection'))) {
        this.showError({ condition: 'jid-malformed', text: jid });
      }
      return;
    }
    // The service's conversation for the contact (after a new connection, another one): bound once.
    this.bindConversation(service.conversation(jid));
  }

  /** Shows this conversation (shared by every element on the contact), or none. */
  private bindConversation(conversation: Conversation | undefined): void {
    if (this.bound?.conversation === conversation) return;
    this.bound?.off();
    this.bound = undefined;
    if (!conversation) return;
    const offs = [
      conversation.on('change', () => this.requestUpdate()),
      conversation.on('error', (error) => this.showError(error)),
    ];
    this.bound = { conversation, off: () => offs.forEach((off) => off()) };
    conversation.open(this.history);
  }

  /** One xmpp-message per message: every one shown here, and live incoming ones of other contacts. */
  private handleServiceMessage({ conversation, message, history }: ConversationMessageEvent): void {
    if (conversation === this.conversation || (!history && !message.outgoing)) {
      this.dispatchEvent(new XmppMessageEvent(message));
    }
    if (conversation === this.conversation && !history && !message.outgoing) this.incoming(message);
  }

  private handlePresence(presence: PresenceInfo): void {
    if (!this.conversation || bareJid(presence.from) !== this.conversation.jid) return;
    this.requestUpdate();
    const { from, show, status, type } = presence;
    this.dispatchEvent(new XmppPresenceEvent({ from, show, status, type }));
  }

  private handleWith = (event: SubmitEvent): void => {
    event.preventDefault();
    const field = (event.currentTarget as HTMLFormElement).querySelector<HTMLInputElement>('[name="with"]');
    const value = field?.value.trim() ?? '';
    if (!isValidBareJid(value)) {
      this.showError({ condition: 'jid-malformed', text: value });
      return;
    }
    this.errorNotice = undefined;
    this.with = bareJid(value);
  };

  private handleInput = (event: Event): void => {
    const target = event.target as HTMLTextAreaElement | null;
    if (target?.localName === 'textarea') this.conversation?.typing(target.value.trim() !== '');
  };

  private handleSend = (text: string): boolean => {
    if (!this.conversation || this.status !== 'online') {
      this.showError({ condition: this.conversation ? 'chat-offline' : 'chat-no-contact', text: '' });
      return false;
    }
    void this.send(text).catch(() => {
      // Reported through part="error" and xmpp-error.
    });
    return true;
  };

  /** A reply, correction, retraction or reactions from the message actions (rich.ts). */
  private readonly sendExtra = (body: string | undefined, extra: readonly Element[]): void => {
    this.conversation?.send(body, extra);
  };

  private handleLoadOlder = async (): Promise<void> => {
    // The reader's place stays: the older page goes in above what was on screen.
    await keepingPlace(this.renderRoot.querySelector('[part~="messages"]'), async () => {
      await this.conversation?.loadOlder();
      await this.updateComplete;
    });
    // The button goes with the archive's last page: the focus stays in the chat, on the list.
    if (!this.shadowRoot?.activeElement) this.renderRoot.querySelector<HTMLElement>('[part~="messages"]')?.focus();
  };

  /** Sends a message to the contact; resolves once it is handed to the connection. */
  async send(text: string): Promise<void> {
    const conversation = this.conversation;
    if (!conversation) throw new XmppError({ condition: 'chat-no-contact', text: '' });
    if (this.status !== 'online') throw new XmppError({ condition: 'chat-offline', text: '' });
    conversation.send(text);
    this.scroller.scrollToEnd();
  }

  /** The contact as people know them: their roster name, else the JID. */
  private get contactName(): string {
    const jid = this.conversation?.jid ?? this.with;
    const named = jid ? this.roster.value?.item(jid)?.name : undefined;
    return named || jid;
  }

  private readonly authorOf = (message: ConversationMessage): string =>
    message.outgoing ? this.t('chat.you') : this.contactName;

  /** The contact's picture, or the user's own: XEP-0084, else their vCard (avatars.ts). */
  private readonly avatarOf = (message: ConversationMessage): string | undefined => {
    const jid = message.outgoing ? bareJid(this.xmpp?.jid ?? '') : (this.conversation?.jid ?? '');
    // The hash their presence names, when the roster has it: a new picture is fetched when it changes.
    const photo = message.outgoing || !jid ? undefined : this.roster.value?.presence(jid).photo;
    return avatarFor(this, this.xmpp, jid, photo);
  };

  /** Delivered (XEP-0184) and read (XEP-0333) marks on own messages. */
  private readonly receiptOf = (message: ConversationMessage) =>
    message.displayed
      ? html`<span part="receipt displayed" role="img" aria-label=${this.t('chat.displayed')}>✓✓</span>`
      : message.delivered
        ? html`<span part="receipt" role="img" aria-label=${this.t('chat.delivered')}>✓</span>`
        : nothing;

  private renderWithForm() {
    return html`<form class="with-form" @submit=${this.handleWith} aria-label=${this.t('chat.new')}>
      <label
        >${this.t('chat.with-label')}
        <input
          part="with-input"
          name="with"
          type="text"
          inputmode="email"
          autocomplete="off"
          required
          placeholder=${this.t('chat.with-placeholder')}
      /></label>
      <button type="submit">${this.t('chat.with-submit')}</button>
    </form>`;
  }

  private renderTyping() {
    const state = this.conversation?.contactState;
    const text = state === 'composing' ? this.t('chat.typing') : state === 'paused' ? this.t('chat.paused') : '';
    return html`<div class="typing-line" role="status">
      ${text ? html`<span part="typing">${text}</span>` : nothing}
    </div>`;
  }

  override render() {
    const conversation = this.conversation;
    const lang = this.localize.lang;
    const presence = conversation ? this.chats.value?.presenceOf(conversation.jid) : undefined;
    return html`<header part="header">
        <h2 part="title">${conversation ? this.contactName : this.t('chat.new')}</h2>
        ${this.renderBell()}
        ${presence
          ? html`<span class="presence">${this.t('chat.presence', { show: this.t(`show.${presence.show}`) })}</span>`
          : nothing}
        ${this.renderStatus()}
      </header>
      ${this.renderError()} ${this.renderRetry()} ${this.renderLoginForm()}
      ${this.with || this.needsLogin ? nothing : this.renderWithForm()}
      <div class="main">
        ${conversation?.hasOlder
          ? html`<button part="load-older" type="button" aria-disabled=${conversation.loadingHistory} aria-busy=${conversation.loadingHistory}
              @click=${this.handleLoadOlder}><span>${this.t('chat.load-older')}</span><span>${this.t('room.loading-older')}</span></button>`
          : nothing}
        ${renderTimeline(messagesTimeline(conversation?.messages ?? []), {
          lang,
          label: this.t('chat.messages', { contact: this.contactName }),
          onScroll: this.scroller.handleScroll,
          authorOf: this.authorOf,
          avatarOf: this.avatarOf,
          receiptOf: this.receiptOf,
          busy: !!conversation?.loadingHistory,
          send: conversation && this.status === 'online' ? this.sendExtra : undefined,
          connection: this.xmpp,
        })}
        ${this.scroller.unseen > 0
          ? html`<button class="new-messages" type="button" @click=${this.scroller.scrollToEnd}>
              ${this.t('messages.new')} (${this.scroller.unseen})
            </button>`
          : nothing}
      </div>
      ${this.renderTyping()}
      <div class="composer" @input=${this.handleInput}>
        ${renderComposer({
          label: this.t('composer.label'),
          placeholder: this.t('composer.placeholder'),
          sendLabel: this.t('composer.send'),
          disabled: !conversation || this.status !== 'online',
          onSend: this.handleSend,
          host: this,
          lang,
          connection: this.xmpp,
          send: conversation && this.status === 'online' ? this.sendExtra : undefined,
        })}
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'xmpp-chat': XmppChat;
  }
}
