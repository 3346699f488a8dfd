import { type ReactiveControllerHost, html } from 'lit';
import type { Connection } from '../../core/connection.js';
import { richModule } from '../message-list/message-list.js';

export interface ComposerOptions {
  readonly label: string;
  readonly placeholder: string;
  readonly sendLabel: string;
  readonly disabled: boolean;
  /** Returns false when the text could not be taken (it then stays in the box). */
  readonly onSend: (text: string) => boolean;
  /** The element it is drawn in, and its language: replies and corrections (rich.ts) are drafted here. */
  readonly host: ReactiveControllerHost & HTMLElement;
  readonly lang: string;
  /**
   * Where files go (its server's upload service) and how a message with elements is
   * sent: the same as the message list's, passed here too, as the composer is drawn
   * before the list tells rich.ts its options.
   */
  readonly connection?: Connection;
  readonly send?: (body: string | undefined, extra: readonly Element[]) => void;
}

/**
 * The message box: Enter sends, Shift+Enter adds a line, IME composition is
 * respected; ArrowUp in the empty box corrects the last own message, Escape
 * leaves a reply or correction (rich.ts, woken when the box is focused).
 */
export function renderComposer(options: ComposerOptions) {
  const { host } = options;
  const rich = richModule.loaded();
  const submit = (textarea: HTMLTextAreaElement | null | undefined) => {
    if (!textarea) return;
    const text = textarea.value;
    if (!text.trim()) return;
    if (rich?.submitDraft(host, text) ?? options.onSend(text)) textarea.value = '';
  };
  const onKeydown = (event: KeyboardEvent) => {
    if (rich?.composerKey(event, host)) {
      event.preventDefault();
    } else if (event.key === 'Enter' && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
      event.preventDefault();
      submit(event.currentTarget as HTMLTextAreaElement);
    }
  };
  const onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    const textarea = (event.currentTarget as HTMLFormElement).querySelector('textarea');
    submit(textarea);
    // Sent with the button: the next message is typed where the last one was.
    textarea?.focus();
  };
  // A file dragged over the box before rich.ts came wakes it, for the drop that follows.
  const files = (event: Event) => (rich ? rich.takeFiles(event, host, options) : void richModule(host));
  return html`<form part="composer" @submit=${onSubmit} @focusin=${() => richModule(host)} @dragover=${files} @drop=${files}>
    ${rich?.renderComposerExtras(host, options)}
    <textarea
      part="input"
      rows="2"
      .enterKeyHint=${'send'}
      aria-label=${options.label}
      placeholder=${options.placeholder}
      @keydown=${onKeydown}
      @paste=${files}
    ></textarea>
    <button part="send-button" type="submit" ?disabled=${options.disabled}>${options.sendLabel}</button>
  </form>`;
}
