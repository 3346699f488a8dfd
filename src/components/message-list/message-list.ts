import { type ReactiveController, type ReactiveControllerHost, html, nothing } from 'lit';
import { type ChildPart, Directive, directive } from 'lit/directive.js';
import { repeat } from 'lit/directives/repeat.js';
import type { RoomNotice, TimelineItem } from '../../core/muc/types.js';
import type { Connection } from '../../core/connection.js';
import type { ChatMessage } from '../../core/stanzas.js';
import { type MessageKey, translate } from '../../i18n/localize.js';
import { renderAvatar } from '../base/avatar.js';
import { onDemand } from '../base/on-demand.js';

/**
 * What few messages need (styling, replies, files, reactions, spoilers, mentions,
 * a message's actions) is drawn by rich.ts, loaded the first time a message needs
 * it or the reader points at or focuses the list.
 */
export const richModule = onDemand(() => import('./rich.js'));
/**
 * A body that may hold XEP-0393 styling (styling.ts's hasStyling; that module is in rich.ts's
 * chunk) or a link (linkify.ts, also there: a scheme's colon or a domain's dot before more text).
 */
const RICH_TEXT = /(?:^|[\s\p{Z}])[*_~`]|^>|[.:]\S/mu;

export interface TimelineOptions {
  readonly lang: string;
  readonly label: string;
  readonly onScroll: (event: Event) => void;
  /** Who wrote a message, as shown (default: its nick, else its JID). */
  readonly authorOf?: (message: ChatMessage) => string;
  /** History is loading: the log says it is busy (aria-busy), so screen readers wait. */
  readonly busy?: boolean;
  /** What an own message says of its delivery (a chat's receipts and read markers), if anything. */
  readonly receiptOf?: (message: ChatMessage) => unknown;
  /** The URL of the picture of who wrote a message, when there is one (else a letter avatar). */
  readonly avatarOf?: (message: ChatMessage) => string | undefined;
  /** The user's nick in a room: messages that name it are mentions. */
  readonly ownNick?: string;
  /**
   * Sends a message built by rich.ts (a reply, correction, retraction or reactions:
   * a body, if any, and the elements it carries); absent where the user cannot write.
   */
  readonly send?: (body: string | undefined, extra: readonly Element[]) => void;
  /** The element's connection: files go to its server's upload service (XEP-0363). */
  readonly connection?: Connection;
  /**
   * How many of the newest items to keep in the DOM (default 200); older ones
   * come back, that many at a time, with a "show earlier messages" button.
   */
  readonly window?: number;
  /** Rows after the newest message (a room's voice requests, for its moderators). */
  readonly after?: unknown;
}

/** Items kept in the DOM by default: enough for any screen, cheap to lay out. */
export const DEFAULT_WINDOW = 200;

const formats = new Map<string, readonly Intl.DateTimeFormat[]>();

/** A message's time as its row shows it (the time of day for today's, else the date and time), and its date and time. */
function formatStamp(stamp: string, lang: string): string[] {
  const date = new Date(stamp);
  if (Number.isNaN(date.getTime())) return ['', ''];
  let format = formats.get(lang);
  if (!format) {
    format = [{ hour: 'numeric', minute: '2-digit' } as const, { dateStyle: 'medium', timeStyle: 'short' } as const].map((o) => new Intl.DateTimeFormat(lang, o));
    formats.set(lang, format);
  }
  const [time = '', dateTime = ''] = format.map((f) => f.format(date));
  return [date.toDateString() === new Date().toDateString() ? time : dateTime, dateTime];
}

/** XEP-0245: a body that starts with "/me " is an action. */
const ACTION = /^\/me /;

const defaultAuthor = (message: ChatMessage) => message.nick ?? message.from;

/** What rich.ts gets to draw a message with. */
export interface RowContext {
  readonly options: TimelineOptions;
  readonly items: readonly TimelineItem[];
  readonly author: string;
  readonly host: ReactiveControllerHost & HTMLElement;
}

function needsRich(message: ChatMessage, nick = ''): boolean {
  return (
    // extras.ts read something beyond text, or reactions came
    Object.keys(message).some((key) => RICH_KEYS.has(key)) ||
    RICH_TEXT.test(message.body) ||
    (nick !== '' && message.body.toLowerCase().includes(nick.toLowerCase()))
  );
}
const RICH_KEYS = new Set(['reply', 'attachments', 'spoiler', 'encrypted', 'mentions', 'reactions']);

function renderMessage(message: ChatMessage, options: TimelineOptions, items: readonly TimelineItem[], host: (ReactiveControllerHost & HTMLElement) | undefined) {
  const { lang } = options;
  const direction = message.outgoing ? 'outgoing' : 'incoming';
  const author = (options.authorOf ?? defaultAuthor)(message);
  const action = ACTION.test(message.body);
  const retracted = message.retracted;
  const rich = host && (richModule.loaded() ?? (needsRich(message, options.ownNick) ? richModule(host) : undefined));
  const row = rich && !retracted && !action ? rich.renderRow(message, { options, items, author, host }) : undefined;
  const state = retracted ? ' retracted' : `${message.edited ? ' edited' : ''}${message.pending ? ' pending' : ''}${row?.parts ?? ''}`;
  const [shown, time] = formatStamp(message.stamp, lang);
  // Bodies, nicks and stamps are bound as text: lit escapes them, never parses them as HTML.
  return html`<div part="message ${direction}${state}" class=${direction} data-id=${message.id} tabindex="-1" role="listitem"
    aria-label=${translate(lang, 'message.label', { author, time })}>
    ${renderAvatar(author, options.avatarOf?.(message))}<span part="message-author">${author}</span>
    <time part="message-time" datetime=${message.stamp}>${shown}</time>
    ${retracted
      ? html`<span part="message-body" class="tombstone"
          >${retracted.moderator !== undefined
            ? translate(lang, 'message.moderated', { reason: retracted.reason ?? '' })
            : translate(lang, 'message.retracted')}</span
        >`
      : (row?.body ??
        html`<span part="message-body" class=${action ? 'action' : ''}
          >${action ? translate(lang, 'chat.action', { name: author, text: message.body.slice(4) }) : message.body}</span
        >`)}
    ${message.edited && !retracted ? html`<span class="edited-mark">${translate(lang, 'message.edited')}</span>` : nothing}
    ${message.pending ? html`<span class="visually-hidden">${translate(lang, 'message.pending')}</span>` : nothing}
    ${message.outgoing && options.receiptOf ? options.receiptOf(message) : nothing}${row?.after ?? nothing}
  </div>`;
}

function renderNotice(notice: RoomNotice, lang: string) {
  return html`<div part="notice" class="notice" role="listitem">${translate(lang, `notice.${notice.kind}` as MessageKey, notice.params)}</div>`;
}

/** The scrolling message list: `role="log"`, messages and system notices. */
export function renderTimeline(items: readonly TimelineItem[], options: TimelineOptions) {
  return html`<div part="messages" role="log" aria-live="polite" aria-label=${options.label} tabindex="0"
    @scroll=${options.onScroll} @pointerover=${wakeRich} @focusin=${wakeRich}
    @keydown=${wakeRich} @dragover=${wakeRich} @drop=${wakeRich}>${timelineWindow(items, options)}</div>`;
}

/** The reader points at, focuses, types in or drops a file on the list: rich.ts is near. */
function wakeRich(this: ReactiveControllerHost & HTMLElement, event: Event) {
  richModule(this)?.handleListEvent(event, this);
}

const itemKey = (item: TimelineItem) =>
  item.kind === 'message' ? `m:${item.message.id}:${item.message.from}` : `n:${item.notice.id}`;

/**
 * Renders the newest `window` items of a timeline and a button that brings
 * back older ones. It keeps how many the reader asked for, so a history of
 * 10,000 messages costs the DOM of a few hundred.
 */
class TimelineWindow extends Directive {
  private extra = 0;
  private items: readonly TimelineItem[] = [];
  private options: TimelineOptions | undefined;
  /** The element that renders the list: asked to render again when the reader wants earlier messages. */
  private host: (ReactiveControllerHost & HTMLElement) | undefined;

  render(items: readonly TimelineItem[], options: TimelineOptions) {
    this.items = items;
    this.options = options;
    return this.renderWindow();
  }

  override update(part: ChildPart, [items, options]: [readonly TimelineItem[], TimelineOptions]) {
    // A reader scrolled up keeps what is on screen: the window grows instead of sliding.
    this.host = part.options?.host as (ReactiveControllerHost & HTMLElement) | undefined;
    const list = part.parentNode as HTMLElement | null;
    const added = items.length - this.items.length;
    if (list?.isConnected && added > 0 && this.items.length > 0 && !isAtBottom(list)) this.extra += added;
    // Screen readers announce live messages only: the log is busy while told (a chat's history loads) and while
    // past messages go in (a room's history comes delayed, older pages above the newest), until a render a while after.
    const last = items[items.length - 1];
    const past = added > 0 && (last === this.items[this.items.length - 1] || (last as { message?: ChatMessage } | undefined)?.message?.delayed);
    if (list) list.ariaBusy = options.busy || past ? 'true' : 'false';
    if (past) setTimeout(() => this.host?.requestUpdate(), 100);
    return this.render(items, options);
  }

  private readonly handleShowEarlier = (event: Event): void => {
    const list = (event.currentTarget as HTMLElement).closest<HTMLElement>('[part~="messages"]');
    const fromBottom = list ? list.scrollHeight - list.scrollTop : 0;
    this.extra += this.size();
    const host = this.host;
    if (!host) return;
    host.requestUpdate();
    // Keep the reader's place: what was on screen stays there.
    void host.updateComplete.then(() => {
      if (list) list.scrollTop = list.scrollHeight - fromBottom;
    });
  };

  private size(): number {
    return Math.max(1, Math.floor(this.options?.window ?? DEFAULT_WINDOW));
  }

  private renderWindow() {
    const options = this.options!;
    if (this.host) richModule.loaded()?.bind(this.host, this.items, options);
    const start = Math.max(0, this.items.length - this.size() - this.extra);
    const shown = start > 0 ? this.items.slice(start) : this.items;
    return html`${start > 0
        ? html`<button type="button" class="show-earlier" @click=${this.handleShowEarlier}>
            ${translate(options.lang, 'messages.earlier', { count: Math.min(start, this.size()) })}
          </button>`
        : nothing}<div role="list">${repeat(shown, itemKey, (item) =>
        item.kind === 'message' ? renderMessage(item.message, options, this.items, this.host) : renderNotice(item.notice, options.lang),
      )}${options.after}</div>`;
  }
}

const timelineWindow = directive(TimelineWindow);

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

/** Runs `change` (older messages going in above) and scrolls so that the row first in the list stays where it was in it. */
export async function keepingPlace(list: HTMLElement | null, change: () => Promise<unknown>): Promise<void> {
  const row = list?.querySelector('[role="list"] > *');
  const place = () => (row ? row.getBoundingClientRect().top - list!.getBoundingClientRect().top : 0);
  const before = place();
  await change();
  if (list && row?.isConnected) list.scrollTop += place() - before;
}

function isAtBottom(list: HTMLElement): boolean {
  return list.scrollHeight - list.scrollTop - list.clientHeight < 24;
}
