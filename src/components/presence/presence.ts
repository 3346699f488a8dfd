import { html } from 'lit';
import { ServiceController } from '../../controllers/service-controller.js';
import { OWN_SHOWS, type OwnShow, OwnPresence } from '../../core/presence.js';
import { XmppElement } from '../base/xmpp-element.js';
import { presenceStyles } from './presence.styles.js';
import { enAccounts } from '../../i18n/en-accounts.js';
import { addEnglish } from '../../i18n/localize.js';

// The English strings of the signed-in elements come with them.
addEnglish(enAccounts);

/**
 * The user's own presence: show (available, chat, away, xa, dnd) and status
 * text. Every element on the connection shows the same, and it is sent again
 * on every login and reconnect.
 * @tag xmpp-presence
 * @csspart show-select - The show menu.
 * @csspart status-input - The status text; Enter or leaving the field applies it.
 */
export class XmppPresence extends XmppElement {
  static override styles = [...XmppElement.styles, presenceStyles];

  private readonly presence = new ServiceController(this, OwnPresence.for);

  private get own(): OwnPresence | undefined {
    return this.presence.value;
  }

  /** The current show (`available` when no connection yet). */
  get show(): OwnShow {
    return this.own?.show ?? 'available';
  }

  /** The current status text. */
  get statusText(): string {
    return this.own?.status ?? '';
  }

  private handleShow(event: Event): void {
    const value = (event.currentTarget as HTMLSelectElement).value as OwnShow;
    this.own?.set(value);
  }

  private handleStatus(event: Event): void {
    const input = event.currentTarget as HTMLInputElement;
    this.own?.set(this.show, input.value);
    input.value = this.own?.status ?? input.value;
  }

  private handleStatusKey(event: KeyboardEvent): void {
    if (event.key === 'Enter' && !event.isComposing) {
      event.preventDefault();
      this.handleStatus(event);
    }
  }

  /** Sets the own presence for every element on the connection; sent right away when online. */
  setPresence(show: OwnShow, status?: string): void {
    this.own?.set(show, status);
  }

  override render() {
    const disabled = !this.own;
    return html`<div class="head">${this.renderStatus()}</div>
      ${this.renderError()} ${this.renderRetry()} ${this.renderLoginForm()}
      <fieldset>
        <legend>${this.t('presence.label')}</legend>
        <label
          >${this.t('presence.show')}
          <select part="show-select" ?disabled=${disabled} @change=${this.handleShow}>
            ${OWN_SHOWS.map(
              (show) => html`<option value=${show} ?selected=${show === this.show}>${this.t(`show.${show}`)}</option>`,
            )}
          </select></label
        >
        <label
          >${this.t('presence.status')}
          <input
            part="status-input"
            type="text"
            maxlength="1000"
            ?disabled=${disabled}
            placeholder=${this.t('presence.status-placeholder')}
            .value=${this.statusText}
            @change=${this.handleStatus}
            @keydown=${this.handleStatusKey}
        /></label>
      </fieldset>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'xmpp-presence': XmppPresence;
  }
}
