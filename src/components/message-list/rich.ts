/**
 * What few messages need, loaded on demand (message-list.ts): XEP-0393
 * styling, reply quotes (XEP-0461), shared files (XEP-0066), reactions
 * (XEP-0444), spoilers (XEP-0382), the encrypted line (XEP-0384), mentions,
 * and a message's actions: react, reply, edit (XEP-0308), retract (XEP-0424),
 * by pointer, touch and keyboard. Everything from the wire is bound as text.
 */
import { type ReactiveControllerHost, html, nothing } from 'lit';
import { provideExtras } from '../../core/extensions.js';
import * as extrasModule from '../../core/extras.js';
import { bareJid, resourceOf } from '../../core/jid.js';
import { correctionStanza, reactionsStanza, replyStanza, retractionStanza } from '../../core/outgoing.js';
import { findNamed } from '../../core/edits.js';
import type { ChatMessage } from '../../core/stanzas.js';
import { hasStyling, parseStyling } from '../../core/styling.js';
import { type TextSegment, linkSegments } from '../../core/linkify.js';
import { enRich } from '../../i18n/en-rich.js';
import { type MessageKey, addEnglish, translate } from '../../i18n/localize.js';
import { addStyles } from '../base/on-demand.js';
import { isMention } from './mention.js';
import type { RowContext, TimelineOptions } from './message-list.js';
import { richStyles } from './rich.styles.js';
import { renderAttach, takeFiles as takeFilesFor } from '../composer/attach.js';
import { renderStyled } from './styled.js';

addEnglish(enRich);
// What the actions send is read back as a received message is (an edit applies at once): extras.ts comes along.
provideExtras(extrasModule);

type Host = ReactiveControllerHost & HTMLElement;
/** What the composer knows of where its files and drafts go. */
type ComposerLink = Pick<TimelineOptions, 'lang' | 'connection' | 'send'>;

/** What the reader is doing with one element's messages. */
interface RowState {
  /** The message whose actions are shown (pointed at or focused). */
  active?: string;
  /** The message whose reaction picker is open. */
  picker?: string;
  /** The picker shows the fuller set (emoji.ts) too. */
  more?: boolean;
  /** The message asked to be retracted, waiting for the confirmation. */
  confirm?: string;
  /** Spoilers the reader opened. */
  readonly revealed: Set<string>;
  /** The composer answers or corrects this message. */
  draft?: { readonly kind: 'reply' | 'edit'; readonly message: ChatMessage; readonly author: string };
  options?: TimelineOptions;
  items: RowContext['items'];
}

const states = new WeakMap<Host, RowState>();

function stateOf(host: Host): RowState {
  let state = states.get(host);
  if (!state) {
    state = { revealed: new Set(), items: [] };
    states.set(host, state);
  }
  return state;
}

/** The emoji the picker offers, 👍 first (as Conversations and Converse.js do). */
export const QUICK_REACTIONS = ['👍', '❤️', '😂', '😮', '😢', '🙏'] as const;

/** What the element's list shows and how it sends: the composer's drafts and files need it too. */
export function bind(host: Host, items: RowContext['items'], options: TimelineOptions): void {
  const state = stateOf(host);
  state.options = options;
  state.items = items;
  addStyles(host, richStyles);
}

/** One message's extra parts, body and what goes under it. */
export function renderRow(message: ChatMessage, ctx: RowContext) {
  const { host, options } = ctx;
  bind(host, ctx.items, options);
  const state = stateOf(host);
  const t = (key: MessageKey, params?: Readonly<Record<string, string | number>>) => translate(options.lang, key, params);
  const parts = `${isMention(message, options.ownNick, ownBare(options)) ? ' mention' : ''}${message.encrypted ? ' encrypted' : ''}`;
  return { parts, body: renderBody(message, ctx, state, t), after: html`${renderReactions(message, host, state, t)}${renderActions(message, ctx, state, t)}` };
}

type T = (key: MessageKey, params?: Readonly<Record<string, string | number>>) => string;

function renderBody(message: ChatMessage, ctx: RowContext, state: RowState, t: T) {
  if (message.encrypted) return html`<span part="message-body" class="encrypted">${t('message.encrypted')}</span>`;
  const hidden = message.spoiler !== undefined && !state.revealed.has(message.id);
  const toggle = () => {
    if (state.revealed.has(message.id)) state.revealed.delete(message.id);
    else state.revealed.add(message.id);
    ctx.host.requestUpdate();
  };
  return html`${message.reply ? renderQuote(message, ctx, t) : nothing}${message.spoiler !== undefined
      ? html`<button type="button" part="spoiler-toggle" class="spoiler-toggle" aria-expanded=${hidden ? 'false' : 'true'} @click=${toggle}>
          ${message.spoiler ? t('message.spoiler-hint', { hint: message.spoiler }) : t('message.spoiler')}
        </button>`
      : nothing}${hidden
      ? nothing
      : html`${message.body === '' ? nothing : html`<span part="message-body">${styledBody(message)}</span>`}${(message.attachments ?? []).map(
          (file) =>
            file.image
              ? html`<a part="attachment" class="attachment image" href=${file.url} target="_blank" rel="noopener noreferrer"
                  ><img src=${file.url} alt=${file.name} loading="lazy" decoding="async" width=${file.width ?? 320} height=${file.height ?? 240}
                /></a>`
              : html`<a part="attachment" class="attachment" href=${file.url} target="_blank" rel="noopener noreferrer" download=${file.name}
                  >${t('message.file', { name: file.name })}</a
                >`,
        )}`}`;
}

const styledCache = new WeakMap<ChatMessage, unknown>();

/**
 * Text with links only for http, https and xmpp URIs (linkify.ts). Each segment is a
 * text binding; an href is bound only after linkify.ts checked its scheme, so
 * `javascript:` or `data:` never become links.
 */
function renderLinked(segments: readonly TextSegment[]) {
  if (segments.length === 1 && !segments[0].href) return segments[0].text;
  return segments.map((s) =>
    s.href ? html`<a href=${s.href} target="_blank" rel="noopener noreferrer">${s.text}</a>` : s.text,
  );
}

/** The body with its XEP-0393 styling (unless the sender asked for none) and its links. */
function styledBody(message: ChatMessage): unknown {
  let rendered = styledCache.get(message);
  if (rendered === undefined) {
    const linked = (text: string) => renderLinked(linkSegments(text));
    rendered = message.unstyled || !hasStyling(message.body) ? linked(message.body) : renderStyled(parseStyling(message.body), linked);
    styledCache.set(message, rendered);
  }
  return rendered;
}

/** The user's own bare JID, from the element's connection ('' before there is one). */
function ownBare(options: TimelineOptions): string {
  return bareJid(options.connection?.jid ?? '');
}

/** What a quote of a message shows (and a reply's fallback quotes): never a spoiler's hidden text. */
function quotable(message: ChatMessage, t: T): string {
  if (message.retracted) return t('message.retracted');
  if (message.spoiler !== undefined) return message.spoiler ? t('reply.spoiler-hint', { hint: message.spoiler }) : t('reply.spoiler');
  return message.body;
}

/** Above a reply: who wrote the message it answers and its text (the fallback's when it is not loaded). */
function renderQuote(message: ChatMessage, ctx: RowContext, t: T) {
  const reply = message.reply!;
  const original = findNamed(ctx.items, reply.id);
  const authorOf = ctx.options.authorOf ?? ((m: ChatMessage) => m.nick ?? m.from);
  const room = message.type === 'groupchat';
  // Not loaded: a chat reply to the user's own message names them as their own messages are named.
  const own = !room && bareJid(reply.to) === ownBare(ctx.options);
  const author = original
    ? authorOf(original)
    : authorOf({ ...message, from: reply.to, nick: room ? resourceOf(reply.to) : undefined, outgoing: own });
  const text = original ? quotable(original, t) : reply.quote;
  return html`<blockquote part="reply-quote" class="reply-quote">
    <span class="quote-author">${author}</span> <span class="quote-text">${text.slice(0, 300)}</span>
  </blockquote>`;
}

/** Each emoji once, with how many sent it and whether the user is among them. */
export function tally(message: ChatMessage): { emoji: string; count: number; own: boolean }[] {
  const counts = new Map<string, { emoji: string; count: number; own: boolean }>();
  for (const [sender, emojis] of Object.entries(message.reactions ?? {})) {
    for (const emoji of emojis) {
      const entry = counts.get(emoji) ?? { emoji, count: 0, own: false };
      entry.count += 1;
      if (sender === '') entry.own = true;
      counts.set(emoji, entry);
    }
  }
  return [...counts.values()];
}

function renderReactions(message: ChatMessage, host: Host, state: RowState, t: T) {
  const all = tally(message);
  if (all.length === 0 || message.retracted) return nothing;
  const canReact = !!state.options?.send;
  return html`<div part="reactions" class="reactions" role="group" aria-label=${t('reactions.label')}>
    ${all.map(
      ({ emoji, count, own }) =>
        html`<button type="button" part="reaction${own ? ' own' : ''}" class="reaction" aria-pressed=${own ? 'true' : 'false'}
          ?disabled=${!canReact} aria-label=${t('reactions.one', { emoji, count })} @click=${() => toggleReaction(message, emoji, host)}>
          <span aria-hidden="true">${emoji} ${count}</span>
        </button>`,
    )}
  </div>`;
}

/** Adds or takes back the user's reaction, sending their whole new set (XEP-0444). */
function toggleReaction(message: ChatMessage, emoji: string, host: Host): void {
  const state = stateOf(host);
  const send = state.options?.send;
  if (!send) return;
  const own = message.reactions?.[''] ?? [];
  const next = own.includes(emoji) ? own.filter((e) => e !== emoji) : [...own, emoji];
  send(undefined, reactionsStanza(targetId(message), next));
  state.picker = undefined;
  state.more = false;
  host.requestUpdate();
}

/** The id others' clients know a message by: in rooms the room's stanza-id (XEP-0359), else its own id. */
function targetId(message: ChatMessage): string {
  return message.type === 'groupchat' ? (message.stanzaId ?? message.id) : message.id;
}

function renderActions(message: ChatMessage, ctx: RowContext, state: RowState, t: T) {
  const { host, options } = ctx;
  if (state.active !== message.id || !options.send || message.retracted || message.pending) return nothing;
  const own = message.outgoing && !message.encrypted;
  const focusAfter = (selector: string) => void host.updateComplete.then(() => host.shadowRoot?.querySelector<HTMLElement>(selector)?.focus());
  if (state.confirm === message.id) {
    const cancel = () => {
      state.confirm = undefined;
      host.requestUpdate();
      focusAfter(`[data-id="${CSS.escape(message.id)}"] [part~="retract-button"]`);
    };
    const retract = () => {
      state.confirm = undefined;
      options.send?.(t('message.retract-fallback'), retractionStanza(targetId(message)));
      host.requestUpdate();
      // The row is a tombstone now, with no actions: focus stays on it.
      focusAfter(`[data-id="${CSS.escape(message.id)}"]`);
    };
    return html`<div part="message-actions" class="message-actions confirm" role="group" aria-label=${t('actions.label')} data-escape="confirm">
      <span>${t('message.retract-question')}</span>
      <button type="button" part="retract-confirm" @click=${retract}>${t('message.retract')}</button>
      <button type="button" class="secondary" @click=${cancel}>${t('actions.cancel')}</button>
    </div>`;
  }
  const pickerOpen = state.picker === message.id;
  const togglePicker = () => {
    state.picker = pickerOpen ? undefined : message.id;
    state.more = false;
    host.requestUpdate();
    if (!pickerOpen) focusAfter('.picker button');
  };
  const draft = (kind: 'reply' | 'edit') => () => {
    state.draft = { kind, message, author: ctx.author };
    host.requestUpdate();
    const input = host.shadowRoot?.querySelector<HTMLTextAreaElement>('[part~="input"]');
    if (input && kind === 'edit') input.value = message.body;
    input?.focus();
  };
  const ask = () => {
    state.confirm = message.id;
    host.requestUpdate();
    focusAfter('[part~="retract-confirm"]');
  };
  return html`<div part="message-actions" class="message-actions" role="toolbar" aria-label=${t('actions.label')}>
    <button type="button" part="react-button" aria-haspopup="true" aria-expanded=${pickerOpen ? 'true' : 'false'}
      aria-label=${t('actions.react')} title=${t('actions.react')} @click=${togglePicker}>☺</button>
    <button type="button" part="reply-button" aria-label=${t('actions.reply')} title=${t('actions.reply')} @click=${draft('reply')}>↩</button>
    ${own
      ? html`<button type="button" part="edit-button" aria-label=${t('actions.edit')} title=${t('actions.edit')} @click=${draft('edit')}>✎</button>
          <button type="button" part="retract-button" aria-label=${t('actions.retract')} title=${t('actions.retract')} @click=${ask}>🗑</button>`
      : nothing}
    ${pickerOpen
      ? html`<div class="picker" role="group" aria-label=${t('actions.react')} data-escape="picker">
          ${pickerButtons(message, QUICK_REACTIONS, host, focusAfter)}
          ${state.more && moreEmoji
            ? html`<div class="more-emoji">${pickerButtons(message, moreEmoji, host, focusAfter)}</div>`
            : html`<button type="button" class="secondary more" aria-label=${t('actions.more-emoji')} title=${t('actions.more-emoji')}
                @click=${() => {
                  state.more = true;
                  // It stays (and keeps the focus) until the fuller set is there; then focus goes to its first.
                  void loadMore().then(() => {
                    host.requestUpdate();
                    focusAfter('.more-emoji button');
                  });
                }}>＋</button>`}
        </div>`
      : nothing}
  </div>`;
}

/** The fuller set of the picker (emoji.ts), loaded the first time "More emoji" is pressed. */
let moreEmoji: readonly string[] | undefined;
const loadMore = () => import('./emoji.js').then((m) => (moreEmoji = m.MORE_EMOJI));

function pickerButtons(message: ChatMessage, emojis: readonly string[], host: Host, focusAfter: (selector: string) => void) {
  return emojis.map(
    (emoji) =>
      html`<button type="button" class="secondary" aria-pressed=${message.reactions?.['']?.includes(emoji) ? 'true' : 'false'}
        @click=${() => {
          toggleReaction(message, emoji, host);
          focusAfter(`[data-id="${CSS.escape(message.id)}"] [part~="react-button"]`);
        }}>${emoji}</button>`,
  );
}

/** The message rows of a list, in order. */
function rows(list: Element): HTMLElement[] {
  return Array.from(list.querySelectorAll<HTMLElement>('[data-id]'));
}

/**
 * Pointer, focus and keys in the list (message-list.ts hands them on): the
 * message pointed at or focused shows its actions; ArrowUp and ArrowDown (Home,
 * End) move between messages, ArrowLeft and ArrowRight between a message's
 * actions; Escape closes the picker or the confirmation, then leaves the message.
 */
export function handleListEvent(event: Event, host: Host): void {
  const state = stateOf(host);
  if (event.type === 'dragover' || event.type === 'drop') {
    takeFiles(event, host);
    return;
  }
  const target = event.target as HTMLElement;
  const row = target.closest<HTMLElement>('[data-id]');
  if (event.type === 'pointerover' || event.type === 'focusin') {
    const id = row?.dataset['id'];
    if (id && id !== state.active && (event.type === 'focusin' || (!state.picker && !state.confirm))) {
      state.active = id;
      if (state.picker !== id) state.picker = undefined;
      if (state.confirm !== id) state.confirm = undefined;
      host.requestUpdate();
    }
    return;
  }
  if (!(event instanceof KeyboardEvent)) return;
  const list = event.currentTarget as HTMLElement;
  const all = rows(list);
  const index = row ? all.indexOf(row) : all.length;
  let next: HTMLElement | undefined;
  switch (event.key) {
    case 'ArrowUp':
      next = all[Math.max(0, index - 1)];
      break;
    case 'ArrowDown':
      next = row ? all[Math.min(all.length - 1, index + 1)] : undefined;
      break;
    case 'Home':
      next = row || target === list ? all[0] : undefined;
      break;
    case 'End':
      next = row || target === list ? all[all.length - 1] : undefined;
      break;
    case 'ArrowLeft':
    case 'ArrowRight': {
      const group = target.closest('.message-actions, .reactions');
      if (!group || target.localName !== 'button') return;
      const buttons = Array.from(group.querySelectorAll<HTMLElement>('button'));
      const at = buttons.indexOf(target);
      buttons[(at + (event.key === 'ArrowLeft' ? -1 : 1) + buttons.length) % buttons.length]?.focus();
      event.preventDefault();
      return;
    }
    case 'Escape': {
      const open = target.closest<HTMLElement>('[data-escape]')?.dataset['escape'];
      if (open === 'picker' || (state.picker && row?.dataset['id'] === state.picker)) {
        state.picker = undefined;
        host.requestUpdate();
        void host.updateComplete.then(() => row?.querySelector<HTMLElement>('[part~="react-button"]')?.focus());
      } else if (open === 'confirm') {
        state.confirm = undefined;
        host.requestUpdate();
        void host.updateComplete.then(() => row?.querySelector<HTMLElement>('[part~="retract-button"]')?.focus());
      } else if (row) {
        (target === row ? list : row).focus();
      } else {
        return;
      }
      event.preventDefault();
      event.stopPropagation();
      return;
    }
    default:
      return;
  }
  if (!next || (target.localName === 'button' && (event.key === 'Home' || event.key === 'End'))) return;
  event.preventDefault();
  next.focus();
}

/** Before the composer's input: the upload under way, the message being answered or corrected, the attach button. */
export function renderComposerExtras(host: Host, composer: ComposerLink) {
  return html`${renderDraft(host, composer.lang)}${renderAttach(host, composer.lang, composer.connection, composer.send)}`;
}

/** A file pasted into the composer or dropped on the element goes to the upload service. */
export function takeFiles(event: Event, host: Host, composer?: ComposerLink): void {
  const options = composer ?? stateOf(host).options;
  takeFilesFor(event, host, options?.lang ?? 'en', options?.connection, options?.send);
}

/** The message being answered or corrected, with a way out. */
function renderDraft(host: Host, lang: string) {
  const draft = stateOf(host).draft;
  if (!draft) return nothing;
  const t = (key: MessageKey, params?: Readonly<Record<string, string | number>>) => translate(lang, key, params);
  // A correction has no part of its own: it is styled as .draft.editing.
  return draft.kind === 'reply'
    ? html`<div part="reply-preview" class="draft">${draftBody(host, draft, t)}</div>`
    : html`<div class="draft editing">${draftBody(host, draft, t)}</div>`;
}

function draftBody(host: Host, draft: NonNullable<RowState['draft']>, t: T) {
  return html`
    <span>${draft.kind === 'reply'
        ? t('composer.replying', { name: draft.author, text: quotable(draft.message, t).slice(0, 120) })
        : t('composer.editing')}</span>
    <button type="button" class="secondary" aria-label=${t('composer.cancel-draft')} title=${t('composer.cancel-draft')}
      @click=${() => cancelDraft(host)}>✕</button>`;
}

function cancelDraft(host: Host): void {
  const state = stateOf(host);
  const input = host.shadowRoot?.querySelector<HTMLTextAreaElement>('[part~="input"]');
  if (state.draft?.kind === 'edit' && input) input.value = '';
  state.draft = undefined;
  host.requestUpdate();
  input?.focus();
}

/**
 * Keys in the composer: ArrowUp in an empty input corrects the user's last
 * message; Escape leaves a reply or a correction. True when it handled the key.
 */
export function composerKey(event: KeyboardEvent, host: Host): boolean {
  const state = stateOf(host);
  const input = event.currentTarget as HTMLTextAreaElement;
  if (event.key === 'Escape' && state.draft) {
    cancelDraft(host);
    return true;
  }
  if (event.key !== 'ArrowUp' || input.value !== '' || !state.options?.send) return false;
  for (let i = state.items.length - 1; i >= 0; i -= 1) {
    const item = state.items[i];
    if (item?.kind !== 'message') continue;
    const message = item.message;
    if (!message.outgoing || message.retracted || message.encrypted || message.pending || message.body === '') continue;
    state.draft = { kind: 'edit', message, author: '' };
    input.value = message.body;
    host.requestUpdate();
    return true;
  }
  return false;
}

/**
 * The composer sends: a reply (with its fallback quote) or a correction while
 * one is drafted. Undefined when there is none (the element sends as usual).
 */
export function submitDraft(host: Host, text: string): boolean | undefined {
  const state = stateOf(host);
  const { draft, options } = state;
  if (!draft || !options?.send) return undefined;
  state.draft = undefined;
  host.requestUpdate();
  const { message } = draft;
  if (draft.kind === 'edit') {
    if (text !== message.body) options.send(text, correctionStanza(message.id));
    return true;
  }
  // The fallback quotes what the reader saw: a spoiler's hint, not its text.
  const t: T = (key, params) => translate(options.lang, key, params);
  const reply = replyStanza(targetId(message), message.type === 'groupchat' ? message.from : bareJid(message.from), quotable(message, t), text);
  options.send(reply.body, reply.children);
  return true;
}
