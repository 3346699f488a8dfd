import { html } from 'lit';

export interface ComposerOptions {
  readonly label: string;
  readonly placeholder: string;
  readonly sendLabel: string;
  readonly disabled: boolean;
  /** Returns false when the text could not be taken (it then stays in the box). */
  readonly onSend: (text: string) => boolean;
}

/** The message box: Enter sends, Shift+Enter adds a line, IME composition is respected. */
export function renderComposer(options: ComposerOptions) {
  const submit = (textarea: HTMLTextAreaElement | null | undefined) => {
    if (!textarea) return;
    const text = textarea.value;
    if (!text.trim()) return;
    if (options.onSend(text)) textarea.value = '';
  };
  const onKeydown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
      event.preventDefault();
      submit(event.currentTarget as HTMLTextAreaElement);
    }
  };
  const onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    submit((event.currentTarget as HTMLFormElement).querySelector('textarea'));
  };
  return html`<form part="composer" @submit=${onSubmit}>
    <textarea
      part="input"
      rows="2"
      aria-label=${options.label}
      placeholder=${options.placeholder}
      @keydown=${onKeydown}
    ></textarea>
    <button part="send-button" type="submit" ?disabled=${options.disabled}>${options.sendLabel}</button>
  </form>`;
}
