// Loaded on demand: the first received invitation brings it.
import { html, nothing } from 'lit';
import { type Invitation, type Invitations, inviterName } from '../../core/invitations.js';
import type { MessageKey } from '../../i18n/localize.js';
import { enForms } from '../../i18n/en-forms.js';
import { addEnglish } from '../../i18n/localize.js';

addEnglish(enForms);

export interface InvitationsViewOptions {
  readonly service: Invitations;
  readonly t: (key: MessageKey, params?: Readonly<Record<string, string>>) => string;
  readonly onAccept: (invitation: Invitation) => void;
}

/** Each received room invitation, with Join and Decline. */
export function renderInvitations({ service, t, onAccept }: InvitationsViewOptions) {
  return service.pending.map(
    (invitation) => html`<div part="invitation" role="group" aria-label=${t('invitation.label')}>
      <span
        >${inviterName(invitation)
          ? t('invitation.from', { from: inviterName(invitation), room: invitation.room })
          : t('invitation.text', { room: invitation.room })}</span
      >
      ${invitation.reason ? html`<q>${invitation.reason}</q>` : nothing}
      <button
        part="invitation-join"
        type="button"
        @click=${() => {
          service.dismiss(invitation.id);
          onAccept(invitation);
        }}
      >
        ${t('invitation.join')}
      </button>
      <button part="invitation-decline" type="button" @click=${() => service.decline(invitation.id)}>
        ${t('invitation.decline')}
      </button>
    </div>`,
  );
}
