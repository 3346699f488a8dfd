import { html, nothing } from 'lit';
import { allowedActions, canModerate } from '../../core/muc/admin.js';
import type { MucRoom } from '../../core/muc/room.js';
import { type Affiliation, type Occupant, ROLES } from '../../core/muc/types.js';
import type { MessageKey } from '../../i18n/localize.js';
import type { Translate } from './shared.js';

/** What a user chose in an occupant's menu. */
export type OccupantAction = 'private' | 'kick' | 'voice' | 'ban' | 'affiliation';

export interface OccupantsOptions {
  readonly room: MucRoom;
  readonly t: Translate;
  readonly lang: string;
  readonly onAction: (event: Event, occupant: Occupant, action: OccupantAction) => void;
}

/** The occupant list, grouped by role, each occupant with the actions our role allows. */
export function renderOccupants({ room, t, lang, onAction }: OccupantsOptions) {
  const occupants = room.occupants;
  return html`<section part="occupants" aria-label=${t('room.occupants', { count: occupants.length })}>
    ${ROLES.map((role) => {
      const group = occupants.filter((o) => o.role === role);
      if (group.length === 0) return nothing;
      return html`<h3>${t(`role.${role}`)}</h3>
        <ul>
          ${group.map((o) => renderOccupant(o, { room, t, lang, onAction }))}
        </ul>`;
    })}
  </section>`;
}

function renderOccupant(occupant: Occupant, options: OccupantsOptions) {
  const { t, lang } = options;
  const parts = ['occupant', occupant.role, occupant.affiliation !== 'none' ? occupant.affiliation : '']
    .filter(Boolean)
    .join(' ');
  const badge = occupant.affiliation !== 'none' ? t(`affiliation.${occupant.affiliation}`) : '';
  return html`<li part=${parts}>
    <span class="show ${occupant.show}" role="img" aria-label=${t(`show.${occupant.show}`)}></span>
    <span>${occupant.nick}</span>
    ${occupant.self ? html`<span class="badge">${t('room.self')}</span>` : nothing}
    ${badge ? html`<span class="badge" lang=${lang}>${badge}</span>` : nothing}
    ${renderActions(occupant, options)}
  </li>`;
}

function renderActions(occupant: Occupant, { room, t, onAction }: OccupantsOptions) {
  if (occupant.self || room.state !== 'joined') return nothing;
  const allowed = allowedActions(room.self, occupant);
  const button = (action: OccupantAction, label: MessageKey) =>
    html`<button type="button" data-action=${action} @click=${(e: Event) => onAction(e, occupant, action)}>
      ${t(label)}
    </button>`;
  return html`<details part="occupant-actions" class="actions-menu">
    <summary aria-label=${t('room.actions', { nick: occupant.nick })} title=${t('room.actions', { nick: occupant.nick })}>⋯</summary>
    <div class="menu">
      ${button('private', 'action.private')}
      ${canModerate(allowed)
        ? html`<label>${t('action.reason')} <input name="reason" type="text" autocomplete="off" /></label>`
        : nothing}
      ${allowed.kick ? button('kick', 'action.kick') : nothing}
      ${allowed.voice ? button('voice', occupant.role === 'visitor' ? 'action.voice-grant' : 'action.voice-revoke') : nothing}
      ${allowed.affiliations.includes('outcast') ? button('ban', 'action.ban') : nothing}
      ${allowed.affiliations.length > 0
        ? html`<label
              >${t('action.affiliation')}
              <select name="affiliation">
                ${allowed.affiliations.map(
                  (a: Affiliation) => html`<option .value=${a} ?selected=${a === occupant.affiliation}>
                    ${t(a === 'none' ? 'action.affiliation-none' : (`affiliation.${a}` as MessageKey))}
                  </option>`,
                )}
              </select></label
            >
            ${button('affiliation', 'action.set-affiliation')}`
        : nothing}
    </div>
  </details>`;
}

/** Carries out an occupant action from its menu; the menu closes once the room agreed. */
export function runOccupantAction(room: MucRoom, event: Event, occupant: Occupant, action: OccupantAction): boolean {
  const menu = (event.currentTarget as HTMLElement).closest('details');
  const reason = menu?.querySelector<HTMLInputElement>('input[name="reason"]')?.value.trim() ?? '';
  const done = () => {
    if (menu) menu.open = false;
  };
  const shown = () => {
    // Refusals are shown through part="error" by the room.
  };
  switch (action) {
    case 'private':
      done();
      return true;
    case 'kick':
      room.setRole(occupant.nick, 'none', reason).then(done, shown);
      break;
    case 'voice':
      room.setRole(occupant.nick, occupant.role === 'visitor' ? 'participant' : 'visitor', reason).then(done, shown);
      break;
    case 'ban':
      if (occupant.jid) room.setAffiliation(occupant.jid, 'outcast', reason).then(done, shown);
      break;
    case 'affiliation': {
      const select = menu?.querySelector<HTMLSelectElement>('select[name="affiliation"]');
      if (occupant.jid) room.setAffiliation(occupant.jid, (select?.value ?? 'none') as Affiliation, reason).then(done, shown);
      break;
    }
  }
  return false;
}
