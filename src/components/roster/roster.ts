import { type PropertyValues, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { XmppError } from '../../core/errors.js';
import { bareJid, isValidBareJid, localOf } from '../../core/jid.js';
import { Blocklist } from '../../core/blocking.js';
import { Roster, type RosterItem, showRank } from '../../core/roster.js';
import { ServiceController } from '../../controllers/service-controller.js';
import { XmppOpenChatEvent } from '../../events/open-chat-event.js';
import { XmppPresenceEvent } from '../../events/presence-event.js';
import { avatarFor, avatarStyles, renderAvatar } from '../base/avatar.js';
import { onDemand } from '../base/on-demand.js';
import { XmppElement } from '../base/xmpp-element.js';
import { rosterStyles } from './roster.styles.js';
import { enAccounts } from '../../i18n/en-accounts.js';
import { addEnglish } from '../../i18n/localize.js';

// The English strings of the signed-in elements come with them.
addEnglish(enAccounts);

/** Contacts' vCard names (core/vcard.ts): loaded the first time a contact has no roster name. */
const vcardModule = onDemand(() => import('../../core/vcard.js'));
/** The Rooms section (XEP-0402 bookmarks), with the autojoin at login. */
const bookmarksView = onDemand(() => import('./roster-bookmarks.js'));

/** What `for` may point at: an element with a `with` property, such as `<xmpp-chat>`. */
type ChatTarget = HTMLElement & { with?: string };

/**
 * The contact list with live presence: subscription requests to accept or
 * deny, unread counts, adding, renaming and removing contacts; the rooms the user bookmarked.
 * @tag xmpp-roster
 * @attr rooms-for - Id of the element where bookmarked rooms (XEP-0402) open, each as an `<xmpp-room>` child (one a room); without it, an `xmpp-join-room` event (`{ room, from: '', reason: '' }`, with the bookmark's `password`) asks the page. Read when a room opens.
 * @attr {boolean} autojoin - At login, open the bookmarks marked autojoin (into `rooms-for`, else by `xmpp-join-room`).
 * @csspart contact - One contact; also its show: `available`, `chat`, `away`, `xa`, `dnd`, `offline`.
 * @csspart avatar - The contact's picture (XEP-0084, else their vCard, once their presence names one), or their initial on a colour of their own.
 * @csspart contact-name - The contact's name (the button that opens the chat).
 * @csspart presence - The contact's show and status text.
 * @csspart unread - The unread message count of a contact.
 * @csspart group - A roster group's heading.
 * @csspart requests - The pending subscription requests.
 * @csspart request - One subscription request.
 * @csspart accept-button - Accepts a subscription request.
 * @csspart deny-button - Denies a subscription request.
 * @csspart add-form - The form that adds a contact.
 * @csspart add-jid - Its JID field.
 * @csspart add-name - Its name field.
 * @csspart add-button - Its submit button.
 * @csspart rename-button - Starts renaming a contact.
 * @csspart rename-input - The new name field.
 * @csspart remove-button - Removes a contact (asks once more first).
 * @csspart remove-confirm - Confirms the removal.
 * @csspart block-button - Blocks a contact (XEP-0191: the server then drops what they send and hides your presence from them).
 * @csspart unblock-button - Unblocks a blocked contact.
 * @csspart blocked - The mark beside a blocked contact's presence.
 * @csspart bookmarks - The Rooms section: the rooms the user bookmarked (XEP-0402), where the server keeps them.
 * @csspart bookmark - One bookmarked room; its button (the room's name, else its JID) opens it.
 * @csspart bookmark-remove - Removes the bookmark.
 * @fires {XmppOpenChatEvent} xmpp-open-chat - A contact was chosen.
 * @fires {XmppPresenceEvent} xmpp-presence - A contact's presence changed.
 */
export class XmppRoster extends XmppElement {
  static override styles = [...XmppElement.styles, avatarStyles, rosterStyles];

  /** Id of the element (an `<xmpp-chat>`) whose `with` is set when a contact is chosen. */
  @property({ attribute: 'for' }) for = '';

  @state() private renaming = '';
  @state() private confirmingRemove = '';

  /** XEP-0191: the account's block list (the server drops what blocked contacts send). */
  private readonly blocklist = new ServiceController(this, Blocklist.for);

  private readonly rosterService = new ServiceController(this, Roster.for, (roster) => {
    // Before the render the change asks for: what the `for` chat shows never shows as unread.
    const offRead = roster.on('change', () => this.markShownRead());
    const offError = roster.on('error', (error) => this.showError(error));
    const offPresence = roster.on('presence', ({ info, contact }) => {
      if (!roster.item(info.from)) return;
      this.dispatchEvent(
        new XmppPresenceEvent({ from: info.from, show: contact.show, status: contact.status, type: info.type }),
      );
    });
    return () => {
      offRead();
      offError();
      offPresence();
    };
  });

  private get roster(): Roster | undefined {
    return this.rosterService.value;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // The `for` chat may have been pointed at another contact meanwhile.
    this.markShownRead();
  }

  /** The element named by `for`, in the roster's own root (document or shadow root). */
  private target(): ChatTarget | undefined {
    if (!this.for) return undefined;
    const root = this.getRootNode() as Document | ShadowRoot;
    return (root.getElementById?.(this.for)) ?? undefined;
  }

  /** While the `for` chat shows a contact, its messages count as read. */
  private markShownRead(): void {
    const shown = this.target()?.with;
    if (typeof shown !== 'string' || !shown) return;
    const jid = bareJid(shown);
    if (this.roster && this.roster.unread(jid) > 0) this.roster.markRead(jid);
  }

  private handleOpen(jid: string): void {
    this.roster?.markRead(jid);
    const target = this.target();
    if (target) target.with = jid;
    this.dispatchEvent(new XmppOpenChatEvent({ jid }));
  }

  private async run(action: () => Promise<void>): Promise<void> {
    try {
      this.errorNotice = undefined;
      await action();
    } catch (error) {
      if (error instanceof XmppError) this.showError(error.error);
    }
  }

  private handleAdd(event: SubmitEvent): void {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const jidInput = form.querySelector<HTMLInputElement>('[name="jid"]')!;
    const nameInput = form.querySelector<HTMLInputElement>('[name="name"]')!;
    const jid = jidInput.value.trim();
    if (!isValidBareJid(jid) || !localOf(jid)) {
      this.showError({ condition: 'jid-malformed', text: jid });
      jidInput.focus();
      return;
    }
    const roster = this.roster;
    if (!roster) return;
    void this.run(async () => {
      await roster.add(jid, nameInput.value);
      form.reset();
    });
  }

  private handleRename(event: SubmitEvent, jid: string): void {
    event.preventDefault();
    const input = (event.currentTarget as HTMLFormElement).querySelector<HTMLInputElement>('[name="name"]')!;
    const roster = this.roster;
    if (!roster) return;
    void this.run(async () => {
      await roster.rename(jid, input.value);
      this.renaming = '';
    });
  }

  private handleRenameKey(event: KeyboardEvent): void {
    if (event.key === 'Escape') this.renaming = '';
  }

  private handleRemove(jid: string): void {
    const roster = this.roster;
    if (!roster) return;
    this.confirmingRemove = '';
    void this.run(() => roster.remove(jid));
  }

  private displayName(item: RosterItem): string {
    // No name of the user's: the contact's own, from its vCard (XEP-0054), once fetched.
    return item.name || (this.xmpp && vcardModule(this)?.vcardName(this.xmpp, item.jid, () => this.requestUpdate())) || item.jid;
  }

  private sortedGroups(items: readonly RosterItem[]): [string, RosterItem[]][] {
    const roster = this.roster!;
    const groups = new Map<string, RosterItem[]>();
    for (const item of items) {
      for (const group of item.groups.length > 0 ? item.groups : ['']) {
        const list = groups.get(group) ?? [];
        list.push(item);
        groups.set(group, list);
      }
    }
    const byAvailability = (a: RosterItem, b: RosterItem) =>
      showRank(roster.presence(a.jid).show) - showRank(roster.presence(b.jid).show) ||
      this.displayName(a).localeCompare(this.displayName(b));
    return [...groups.entries()]
      .map(([name, list]): [string, RosterItem[]] => [name, list.sort(byAvailability)])
      .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)));
  }

  private renderRequests() {
    const requests = this.roster?.requests ?? [];
    if (requests.length === 0) return nothing;
    return html`<section part="requests" aria-label=${this.t('roster.requests')}>
      <h3>${this.t('roster.requests')}</h3>
      <ul>
        ${requests.map(
          (jid) => html`<li part="request">
            <span class="request-text">${this.t('roster.request', { jid })}</span>
            <span class="actions" role="group" aria-label=${jid}>
              <button part="accept-button" type="button" @click=${() => this.roster?.accept(jid)}>
                ${this.t('roster.accept')}
              </button>
              <button part="deny-button" class="secondary" type="button" @click=${() => this.roster?.deny(jid)}>
                ${this.t('roster.deny')}
              </button>
            </span>
          </li>`,
        )}
      </ul>
    </section>`;
  }

  private renderActions(item: RosterItem) {
    const name = this.displayName(item);
    if (this.renaming === item.jid) {
      return html`<form class="rename" @submit=${(e: SubmitEvent) => this.handleRename(e, item.jid)}>
        <label
          ><span class="visually-hidden">${this.t('roster.rename-label', { jid: item.jid })}</span>
          <input
            part="rename-input"
            name="name"
            type="text"
            maxlength="200"
            .value=${item.name}
            @keydown=${this.handleRenameKey}
        /></label>
        <button type="submit">${this.t('roster.save')}</button>
        <button type="button" class="secondary" @click=${() => (this.renaming = '')}>${this.t('roster.cancel')}</button>
      </form>`;
    }
    if (this.confirmingRemove === item.jid) {
      return html`<span class="actions" role="group" aria-label=${this.t('roster.actions', { name })}>
        <span role="alert">${this.t('roster.remove-confirm', { name })}</span>
        <button part="remove-confirm" type="button" @click=${() => this.handleRemove(item.jid)}>
          ${this.t('roster.remove-yes')}
        </button>
        <button type="button" class="secondary" @click=${() => (this.confirmingRemove = '')}>
          ${this.t('roster.cancel')}
        </button>
      </span>`;
    }
    const blocklist = this.blocklist.value;
    const blocked = !!blocklist?.has(item.jid);
    return html`<span class="actions" role="group" aria-label=${this.t('roster.actions', { name })}>
      ${blocklist?.loaded
        ? html`<button
            part=${blocked ? 'unblock-button' : 'block-button'}
            type="button"
            class="secondary"
            @click=${() => void this.run(() => (blocked ? blocklist.unblock(item.jid) : blocklist.block(item.jid)))}
          >
            ${this.t(blocked ? 'roster.unblock' : 'roster.block')}
          </button>`
        : nothing}
      <button part="rename-button" type="button" class="secondary" @click=${() => void this.startRename(item.jid)}>
        ${this.t('roster.rename')}
      </button>
      <button part="remove-button" type="button" class="secondary" @click=${() => (this.confirmingRemove = item.jid)}>
        ${this.t('roster.remove')}
      </button>
    </span>`;
  }

  private async startRename(jid: string): Promise<void> {
    this.confirmingRemove = '';
    this.renaming = jid;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>('[part~="rename-input"]')?.focus();
  }

  private renderContact(item: RosterItem) {
    const roster = this.roster!;
    const presence = roster.presence(item.jid);
    const unread = roster.unread(item.jid);
    const showText = this.t(`show.${presence.show}`);
    return html`<li part="contact ${presence.show}">
      <button class="open" type="button" @click=${() => this.handleOpen(item.jid)}>
        <span class="dot ${presence.show}" aria-hidden="true"></span>
        ${renderAvatar(this.displayName(item), presence.photo ? avatarFor(this, this.xmpp, item.jid, presence.photo) : undefined)}<span part="contact-name">${this.displayName(item)}</span>
        ${unread > 0
          ? html`<span part="unread"
              ><span aria-hidden="true">${unread}</span
              ><span class="visually-hidden">${this.t('roster.unread', { count: unread })}</span></span
            >`
          : nothing}
      </button>
      <span part="presence"
        >${showText}${presence.status ? html` — <span class="status-text">${presence.status}</span>` : nothing}${item.ask
          ? html` (${this.t('roster.awaiting')})`
          : nothing}${this.blocklist.value?.has(item.jid) ? html` (<span part="blocked">${this.t('roster.blocked')}</span>)` : nothing}</span
      >
      ${this.renderActions(item)}
    </li>`;
  }

  private renderContacts() {
    const roster = this.roster;
    if (!roster || this.status !== 'online') return nothing;
    if (!roster.loaded && roster.items.length === 0) return html`<p class="muted">${this.t('roster.loading')}</p>`;
    const items = roster.items;
    if (items.length === 0) return html`<p class="muted">${this.t('roster.empty')}</p>`;
    return this.sortedGroups(items).map(
      ([group, list]) => html`<section class="group" aria-label=${group || this.t('roster.ungrouped')}>
        <h3 part="group">${group || this.t('roster.ungrouped')}</h3>
        <ul>
          ${list.map((item) => this.renderContact(item))}
        </ul>
      </section>`,
    );
  }

  private renderAddForm() {
    if (this.status !== 'online') return nothing;
    return html`<form part="add-form" @submit=${this.handleAdd} aria-label=${this.t('roster.add')} novalidate>
      <label
        >${this.t('roster.add-jid')}
        <input part="add-jid" name="jid" type="text" inputmode="email" autocomplete="off" required
      /></label>
      <label
        >${this.t('roster.add-name')}
        <input part="add-name" name="name" type="text" maxlength="200" autocomplete="off"
      /></label>
      <button part="add-button" type="submit">${this.t('roster.add-submit')}</button>
    </form>`;
  }

  override render() {
    return html`<div class="head">${this.renderStatus()}</div>
      ${this.renderError()} ${this.renderRetry()} ${this.renderLoginForm()}
      <nav aria-label=${this.t('roster.label')}>${this.renderRequests()} ${this.renderContacts()}
        ${bookmarksView(this)?.renderBookmarks(this)}</nav>
      ${this.renderAddForm()}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'xmpp-roster': XmppRoster;
  }
}
