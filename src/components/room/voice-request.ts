// Loaded on demand: voice requests in a moderated room (XEP-0045 §7.13, §8.6). A visitor's "Ask to
// speak" beside the reason the composer is off; a moderator's "<nick> asks to speak" rows at the end
// of the message list, with Allow and Deny. Only visitors, and moderators a request reached, load it.
import { type ReactiveControllerHost, css, html, nothing } from 'lit';
import { ref } from 'lit/directives/ref.js';
import { repeat } from 'lit/directives/repeat.js';
import type { Connection } from '../../core/connection.js';
import type { MucRoom } from '../../core/muc/room.js';
import { type VoiceRequest, answerVoice, askVoice, voiceRequests } from '../../core/muc/voice.js';
import { enForms } from '../../i18n/en-forms.js';
import { addEnglish } from '../../i18n/localize.js';
import { addStyles } from '../base/on-demand.js';
import { type Translate, focusAfterClose } from './shared.js';

addEnglish(enForms);

type Host = ReactiveControllerHost & HTMLElement;

const voiceStyles = css`
  [part~='voice-request'] {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em 0.5em;
    align-items: center;
    justify-content: center;
    align-self: center;
    font-size: 0.85em;
    overflow-wrap: anywhere;
  }
  [part~='voice-request'] button,
  [part~='voice-request-button'] {
    font: inherit;
    min-height: 24px;
    padding: 0.15em 0.6em;
    border: 1px solid var(--_line);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: inherit;
    cursor: pointer;
  }
  [part~='voice-request-button'] {
    align-self: start;
    margin: 0.25em var(--_gap);
    font-size: 0.85em;
  }
  [part~='voice-request-button'][aria-disabled='true'] {
    border-style: dashed;
    cursor: default;
  }
`;

/** Rooms where we asked for voice and our role has not changed since. */
const asked = new WeakSet<MucRoom>();

/**
 * The visitor's "Ask to speak": sends the request of §7.13, then says "Request sent" (aria-disabled,
 * so it keeps the focus) until our role changes. Given voice, the button goes and the focus it had
 * goes to the message input.
 */
export function renderAsk(room: MucRoom | undefined, t: Translate, host: Host, connection: Connection | undefined) {
  if (room?.self?.role !== 'visitor' || !connection) return nothing;
  addStyles(host, [voiceStyles]);
  const waiting = asked.has(room);
  const ask = (event: Event) => {
    if (asked.has(room)) return;
    const button = event.currentTarget as HTMLElement;
    askVoice(connection, room);
    asked.add(room);
    // Until we are no longer a visitor in the room: given voice, or out of it (left, removed, the link lost).
    const off = room.on('change', () => {
      if (room.self?.role === 'visitor') return;
      off();
      asked.delete(room);
      if ((button.getRootNode() as ShadowRoot).activeElement === button) focusAfterClose(button, '[part~="input"]');
    });
    host.requestUpdate();
  };
  return html`<button part="voice-request-button" type="button" aria-disabled=${waiting} @click=${ask}>
    ${t(waiting ? 'voice.sent' : 'voice.ask')}
  </button>`;
}

/** A new row at the end of the list comes into view if the reader was at the newest message. */
const shown = new WeakSet<Element>();
const showRow = (row?: Element) => {
  if (!row || shown.has(row)) return;
  shown.add(row);
  queueMicrotask(() => {
    const list = row.closest<HTMLElement>('[part~="messages"]');
    if (list && list.scrollHeight - list.scrollTop - list.clientHeight <= (row as HTMLElement).offsetHeight + 40) {
      list.scrollTop = list.scrollHeight;
    }
  });
};

/**
 * The moderator's rows: "<nick> asks to speak", Allow (the room then gives voice) and Deny. A row
 * goes once answered, or once its visitor has voice or left; the focus its button had goes to the
 * next request's Allow, else to the message input.
 */
export function renderRequests(room: MucRoom | undefined, t: Translate, host: Host, connection: Connection | undefined) {
  // A row with the focus in it that this render takes away (answered, or its visitor has voice now).
  const focused = host.shadowRoot?.activeElement?.closest('[part~="voice-request"]');
  if (focused) focusAfterClose(focused, '[part~="voice-approve"], [part~="input"]');
  const requests = room && connection ? voiceRequests(room) : [];
  if (!room || !connection || requests.length === 0) return nothing;
  addStyles(host, [voiceStyles]);
  const answer = (request: VoiceRequest, allow: boolean) => {
    answerVoice(connection, room, request, allow);
    host.requestUpdate();
  };
  // The nick is bound as text: lit escapes it.
  return repeat(
    requests,
    (request) => request.form,
    (request) => html`<div part="voice-request" role="listitem" ${ref(showRow)}>
      <span>${t('voice.asks', { nick: request.nick })}</span>
      <button part="voice-approve" type="button" @click=${() => answer(request, true)}>${t('voice.allow')}</button>
      <button part="voice-deny" type="button" @click=${() => answer(request, false)}>${t('voice.deny')}</button>
    </div>`,
  );
}
