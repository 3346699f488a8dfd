// Loaded on demand: the forms of the room's toolbar (nickname, subject, invitation) and the
// prompt of a password-protected room; most visitors open none of them.
import { html, nothing } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { ref } from 'lit/directives/ref.js';
import type { StanzaError } from '../../core/errors.js';
import { isValidBareJid } from '../../core/jid.js';
import type { MucRoom } from '../../core/muc/room.js';
import type { MessageKey } from '../../i18n/localize.js';
import type { Panel } from './panels.js';
import { formStyles } from './forms.styles.js';
import { type Translate, focusAfterClose, whenShown } from './shared.js';
import { enForms } from '../../i18n/en-forms.js';
import { addEnglish } from '../../i18n/localize.js';

addEnglish(enForms);

/** The panel's styles come with it; a panel that opens gives the focus to its first field. */
const panelShown = whenShown([formStyles], true);
const promptShown = whenShown([formStyles], false);

export interface PanelOptions {
  readonly room: MucRoom;
  readonly t: Translate;
  readonly panel: Panel;
  /** Closes the panel (Cancel, Escape, or once saved). */
  readonly onClose: () => void;
  /** A value the room cannot take (a malformed JID): the panel stays open. */
  readonly onError: (error: StanzaError) => void;
}

/** Does what a panel was saved for; false when a value is refused, and the panel stays open. */
function save(room: MucRoom, panel: Panel, values: Readonly<Record<string, string>>, onError: PanelOptions['onError']): boolean {
  if (panel === 'nick' && values.nick?.trim()) room.changeNick(values.nick);
  else if (panel === 'subject') room.setSubject(values.subject ?? '');
  else if (panel === 'invite' && values.jid?.trim()) {
    if (!isValidBareJid(values.jid.trim().split('/')[0] ?? '')) {
      onError({ condition: 'jid-malformed', text: values.jid });
      return false;
    }
    void room.invite(values.jid, values.reason ?? '', values.direct === 'true');
  } else return false;
  return true;
}

/** Reads the named inputs of a form: text as typed, checkboxes as 'true' or 'false'. */
function readForm(form: HTMLFormElement): Record<string, string> {
  const values: Record<string, string> = {};
  for (const el of Array.from(form.elements)) {
    if (el instanceof HTMLInputElement && el.name) values[el.name] = el.type === 'checkbox' ? String(el.checked) : el.value;
  }
  return values;
}

/**
 * The open panel's form; opening it gives the focus to its first field. Cancel, Save and Escape
 * close it and give the focus back to the toolbar button that opened it.
 */
export function renderPanel({ room, t, panel, onClose, onError }: PanelOptions) {
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
  const toggle = `[data-action="${panel}"]`;
  const handleSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    // A refused value keeps the form open, and the focus in it.
    if (!save(room, panel, readForm(form), onError)) return;
    onClose();
    focusAfterClose(form, toggle);
  };
  const cancel = (event: Event) => {
    const form = (event.currentTarget as Element).closest('form');
    onClose();
    if (form) focusAfterClose(form, toggle);
  };
  const handleKey = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    event.preventDefault();
    cancel(event);
  };
  // Keyed: another panel is a new form, whose first field takes the focus.
  return keyed(
    panel,
    html`<form class="panel" data-panel=${panel} @submit=${handleSubmit} @keydown=${handleKey} ${ref(panelShown)}>
      ${body}
      <button type="submit">${t(submit)}</button>
      <button type="button" @click=${cancel}>${t('room.cancel')}</button>
    </form>`,
  );
}

/**
 * The prompt of a password-protected room; the password is read once and never kept in the DOM.
 * The room joins with it; `onPassword` hears it (the element keeps it for a later rejoin).
 */
export function renderPasswordPrompt(room: MucRoom, t: Translate, onPassword: (password: string) => void) {
  if (!room.needsPassword) return nothing;
  const handleSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    const input = (event.currentTarget as HTMLFormElement).querySelector<HTMLInputElement>('input[type="password"]');
    const password = input?.value ?? '';
    if (input) input.value = '';
    if (!password) return;
    onPassword(password);
    room.setPassword(password);
    room.join();
  };
  return html`<form part="room-password" class="panel" @submit=${handleSubmit} ${ref(promptShown)}>
    <p>${t('room.password-prompt')}</p>
    <label>${t('room.password')} <input name="room-password" type="password" autocomplete="off" required /></label>
    <button part="room-password-submit" type="submit">${t('room.password-submit')}</button>
  </form>`;
}
