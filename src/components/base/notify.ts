/**
 * Desktop notifications and the title badge of rooms and chats, loaded only
 * for an element with `notifications` (not `off`) or `title-badge`.
 */
import { css, html, nothing } from 'lit';
import { bareJid } from '../../core/jid.js';
import { enNotify } from '../../i18n/en-notify.js';
import { addEnglish } from '../../i18n/localize.js';
import { isMention } from '../message-list/mention.js';
import { addStyles } from './on-demand.js';

addEnglish(enNotify);

/** What this module needs of a room or chat. */
export interface NotifyHost extends HTMLElement {
  readonly unread: number;
  readonly titleBadge: boolean;
  readonly notifications: 'off' | 'mentions' | 'all';
  readonly renderRoot: HTMLElement | DocumentFragment;
  requestUpdate(): void;
}

/** A message as the elements fire it, with a room message's XEP-0372 references. */
export interface NotifyMessage {
  readonly from: string;
  readonly type: string;
  readonly body: string;
  readonly nick?: string;
  readonly mentions?: readonly string[];
}

// ---- The title badge: `(n) ` with the total of every element that has `title-badge`.

const counts = new Map<NotifyHost, number>();
/** The page's own title (without the prefix), and the one this module last set. */
let base = '';
let shown: string | undefined;
let watcher: MutationObserver | undefined;

/** Takes the element's count into the title (0 or not connected: none of it). */
export function badge(host: NotifyHost): void {
  const count = host.isConnected && host.titleBadge ? host.unread : 0;
  if (count > 0) counts.set(host, count);
  else counts.delete(host);
  applyTitle();
}

function applyTitle(): void {
  let total = 0;
  for (const count of counts.values()) total += count;
  // The page set a title of its own meanwhile (or this is the first): that is the one to prefix or give back.
  if (document.title !== shown) base = document.title;
  if (total > 0) {
    shown = `(${total}) ${base}`;
    if (document.title !== shown) document.title = shown;
    // A page that changes its title while there are unread messages keeps the prefix.
    watcher ??= new MutationObserver(applyTitle);
    watcher.observe(document.head, { subtree: true, childList: true, characterData: true });
  } else if (shown !== undefined) {
    shown = undefined;
    watcher?.disconnect();
    if (document.title !== base) document.title = base;
  }
}

// ---- Desktop notifications, while the page is hidden.

const bellStyles = css`
  [part~='notifications-button'] {
    min-width: 24px;
    min-height: 24px;
  }
`;

function permission(): NotificationPermission | undefined {
  return typeof Notification === 'undefined' ? undefined : Notification.permission;
}

/** A bell in the header while the permission is neither given nor refused: asking needs the user's gesture. */
export function renderBell(host: NotifyHost, label: string) {
  if (permission() !== 'default') return nothing;
  addStyles(host, [bellStyles]);
  const ask = () => {
    void Notification.requestPermission().then(() => host.requestUpdate());
  };
  return html`<button part="notifications-button" type="button" aria-label=${label} title=${label} @click=${ask}>
    <span aria-hidden="true">🔔</span>
  </button>`;
}

/**
 * Shows a message from someone else, if the page is hidden and the element asks for it:
 * a chat's every message; a room's mentions of the user (`mentions`) or every one (`all`).
 * The title is the conversation's (its part="title"); one notification per conversation (`tag`).
 */
export function notify(host: NotifyHost, message: NotifyMessage, ownNick?: string): void {
  const mode = host.notifications;
  if (mode !== 'all' && mode !== 'mentions') return;
  if (document.visibilityState !== 'hidden' || permission() !== 'granted') return;
  const room = message.type === 'groupchat';
  if (room && mode === 'mentions' && !isMention(message, ownNick, '')) return;
  const title = host.renderRoot.querySelector('[part~="title"]')?.textContent?.trim() || bareJid(message.from);
  const text = message.body.slice(0, 300);
  try {
    const shown = new Notification(title, {
      body: room && message.nick ? `${message.nick}: ${text}` : text,
      tag: `xmpp-elements:${bareJid(message.from)}`,
    });
    shown.onclick = () => {
      focus();
      host.renderRoot.querySelector<HTMLElement>('[part~="input"]')?.focus();
      shown.close();
    };
  } catch {
    // Where only a service worker may show notifications (Chrome on Android): none.
  }
}
