// Loaded on demand: guests never sign in with a password, so a guest's page does without this.
import { html } from 'lit';
import type { MessageKey } from '../../i18n/localize.js';
import { enForms } from '../../i18n/en-forms.js';
import { addEnglish } from '../../i18n/localize.js';

addEnglish(enForms);

export interface LoginFormOptions {
  /** The JID the element was given (`jid`), when it names an account. */
  readonly configuredJid: string;
  /** Ask for the JID too (no account given, or a guest domain). */
  readonly askJid: boolean;
  readonly connecting: boolean;
  readonly t: (key: MessageKey) => string;
  /** Called with what was entered; the password lives only in this call, never in the DOM or storage. */
  readonly onLogin: (jid: string, password: string) => void;
}

/** The sign-in form: JID (unless given) and password. */
export function renderLoginForm({ configuredJid, askJid, connecting, t, onLogin }: LoginFormOptions) {
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const jidInput = form.querySelector<HTMLInputElement>('[name="jid"]');
    const passwordInput = form.querySelector<HTMLInputElement>('[name="password"]');
    const jid = jidInput?.value.trim() || configuredJid;
    const password = passwordInput?.value ?? '';
    if (passwordInput) passwordInput.value = '';
    onLogin(jid, password);
  };
  return html`<form part="login-form" @submit=${submit} aria-label=${t('login.title')}>
    ${askJid
      ? html`<label
          >${t('login.jid')}
          <input
            part="login-jid"
            name="jid"
            type="text"
            autocomplete="username"
            inputmode="email"
            required
            placeholder=${t('login.jid-placeholder')}
        /></label>`
      : html`<input part="login-jid" name="jid" type="hidden" .value=${configuredJid} />`}
    <label
      >${t('login.password')}
      <input part="login-password" name="password" type="password" autocomplete="current-password" required
    /></label>
    <button part="login-button" type="submit" ?disabled=${connecting}>
      ${connecting ? t('login.signing-in') : t('login.submit')}
    </button>
  </form>`;
}
