import { type ReactiveController, type ReactiveControllerHost, html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { RoomNotice, TimelineItem } from '../../core/muc.js';
import type { ChatMessage } from '../../core/stanzas.js';
import { type MessageKey, translate } from '../../i18n/localize.js';

export interface TimelineOptions {
  readonly lang: string;
  readonly label: string;
  readonly onScroll: (event: Event) => void;
}

const formats = new Map<string, { time: Intl.DateTimeFormat; dateTime: Intl.DateTimeFormat }>();

function formatStamp(stamp: string, lang: string): string {
  let format = formats.get(lang);
  if (!format) {
    format = {
      time: new Intl.DateTimeFormat(lang, { hour: 'numeric', minute: '2-digit' }),
      dateTime: new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }),
    };
    formats.set(lang, format);
  }
  const date = new Date(stamp);
  if (Number.isNaN(date.getTime())) return '';
  const sameDay = date.toDateString() === new Date().toDateString();
  return (sameDay ? format.time : format.dateTime).format(date);
}

function renderMessage(message: ChatMessage, lang: string) {
  const direction = message.outgoing ? 'outgoing' : 'incoming';
  const author = message.nick ?? message.from;
  // Bodies, nicks and stamps are bound as text: lit escapes them, never parses them as HTML.
  return html`<div part="message ${direction}${message.pending ? ' pending' : ''}" class=${direction}>
    <span part="message-author">${author}</span>
    <time part="message-time" datetime=${message.stamp}>${formatStamp(message.stamp, lang)}</time>
    <span part="message-body">${message.body}</span>
    ${message.pending ? html`<span class="visually-hidden">${translate(lang, 'message.pending')}</span>` : nothing}
  </div>`;
}

function renderNotice(notice: RoomNotice, lang: string) {
  return html`<div part="notice" class="notice">${translate(lang, `notice.${notice.kind}` as MessageKey, notice.params)}</div>`;
}

/** The scrolling message list: `role="log"`, messages and system notices. */
export function renderTimeline(items: readonly TimelineItem[], options: TimelineOptions) {
  return html`<div part="messages" role="log" aria-live="polite" aria-label=${options.label} tabindex="0"
    @scroll=${options.onScroll}>
    ${repeat(
      items,
      (item) => (item.kind === 'message' ? `m:${item.message.id}:${item.message.from}` : `n:${item.notice.id}`),
      (item) => (item.kind === 'message' ? renderMessage(item.message, options.lang) : renderNotice(item.notice, options.lang)),
    )}
  </div>`;
}

/**
 * Keeps the list at its newest message unless the reader has scrolled up,
 * and then counts what arrived meanwhile for a "new messages" marker.
 */
export class StickToBottomController implements ReactiveController {
  /** Messages that arrived while the reader was scrolled up. */
  unseen = 0;
  private pinned = true;
  private lastCount = 0;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly list: () => HTMLElement | null | undefined,
    private readonly count: () => number,
  ) {
    host.addController(this);
  }

  hostUpdate(): void {
    const list = this.list();
    if (list) this.pinned = isAtBottom(list);
  }

  hostUpdated(): void {
    const count = this.count();
    const added = count - this.lastCount;
    this.lastCount = count;
    const list = this.list();
    if (!list || added <= 0) return;
    if (this.pinned) {
      list.scrollTop = list.scrollHeight;
    } else {
      this.unseen += added;
      this.host.requestUpdate();
    }
  }

  /** Call from the list's scroll handler. */
  readonly handleScroll = (): void => {
    const list = this.list();
    if (list && isAtBottom(list) && this.unseen > 0) {
      this.unseen = 0;
      this.host.requestUpdate();
    }
  };

  /** Jumps to the newest message. */
  readonly scrollToEnd = (): void => {
    const list = this.list();
    if (list) list.scrollTop = list.scrollHeight;
    this.unseen = 0;
    this.pinned = true;
    this.host.requestUpdate();
  };
}

function isAtBottom(list: HTMLElement): boolean {
  return list.scrollHeight - list.scrollTop - list.clientHeight < 24;
}
