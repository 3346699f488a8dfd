// Loaded on demand: the forms of the room's toolbar (nickname, subject, invitation) and the
// prompt of a password-protected room; most visitors open none of them.
import { html, nothing } from 'lit';
import type { MucRoom } from '../../core/muc/room.js';
import type { MessageKey } from '../../i18n/localize.js';
import type { Panel } from './panels.js';
import type { Translate } from './shared.js';
import { enForms } from '../../i18n/en-forms.js';
import { addEnglish } from '../../i18n/localize.js';

addEnglish(enForms);

export interface PanelOptions {
  readonly room: MucRoom;
  readonly t: Translate;
  readonly panel: Panel;
  readonly onSubmit: (panel: Panel, values: Readonly<Record<string, string>>) => void;
  readonly onCancel: () => void;
}

/** Reads the named inputs of a form: text as typed, checkboxes as 'true' or 'false'. */
function readForm(form: HTMLFormElement): Record<string, string> {
  const values: Record<string, string> = {};
  for (const el of Array.from(form.elements)) {
    if (el instanceof HTMLInputElement && el.name) values[el.name] = el.type === 'checkbox' ? String(el.checked) : el.value;
  }
  return values;
}

/** The open panel's form. */
export function renderPanel({ room, t, panel, onSubmit, onCancel }: PanelOptions) {
  if (!panel || room.state !== 'joined') return nothing;
  const field = (name: string, label: MessageKey, value = '') =>
    html`<label>${t(label)} <input name=${name} type="text" autocomplete="off" .value=${value} /></label>`;
  const body =
    panel === 'nick'
      ? field('nick', 'room.nick', room.nick)
      : panel === 'subject'
        ? field('subject', 'room.subject-input', room.subject)
        : html`${field('jid', 'room.invite-jid')} ${field('reason', 'room.invite-reason')}
            <label class="check"><input name="direct" type="checkbox" /> ${t('room.invite-direct')}</label>`;
  const submit: MessageKey = panel === 'invite' ? 'room.send-invite' : 'room.save';
  const handleSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    onSubmit(panel, readForm(event.currentTarget as HTMLFormElement));
  };
  return html`<form class="panel" data-panel=${panel} @submit=${handleSubmit}>
    ${body}
    <button type="submit">${t(submit)}</button>
    <button type="button" @click=${onCancel}>${t('room.cancel')}</button>
  </form>`;
}

/** The prompt of a password-protected room; the password is read once and never kept in the DOM. */
export function renderPasswordPrompt(room: MucRoom, t: Translate, onPassword: (password: string) => void) {
  if (!room.needsPassword) return nothing;
  const handleSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    const input = (event.currentTarget as HTMLFormElement).querySelector<HTMLInputElement>('input[type="password"]');
    const password = input?.value ?? '';
    if (input) input.value = '';
    if (password) onPassword(password);
  };
  return html`<form part="room-password" class="panel" @submit=${handleSubmit}>
    <p>${t('room.password-prompt')}</p>
    <label>${t('room.password')} <input name="room-password" type="password" autocomplete="off" required /></label>
    <button part="room-password-submit" type="submit">${t('room.password-submit')}</button>
  </form>`;
}
