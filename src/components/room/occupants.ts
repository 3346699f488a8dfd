import { type ReactiveControllerHost, html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { MucRoom } from '../../core/muc/room.js';
import { type Occupant, ROLES } from '../../core/muc/types.js';
import { onDemand } from '../base/on-demand.js';
import type { Translate } from './shared.js';
import { renderAvatar } from '../base/avatar.js';

/** What an occupant's menu offers (a private message; moderation by role) loads when a menu first opens. */
const occupantMenu = onDemand(() => import('./occupant-menu.js'));

export interface OccupantsOptions {
  /** The element that shows the list: it renders again when the menu's code arrives. */
  readonly host: ReactiveControllerHost & HTMLElement;
  readonly room: MucRoom;
  readonly t: Translate;
  readonly lang: string;
  /** "Private message" was chosen in an occupant's menu. */
  readonly onPrivate: (occupant: Occupant) => void;
  /** The occupant's picture, when there is one (else a letter avatar). */
  readonly avatarOf?: (nick: string) => string | undefined;
  /** XEP-0191, a signed-in user's room only (room-blocking.ts): the mark beside a blocked occupant. */
  readonly blockedMark?: (occupant: Occupant) => unknown;
  /** The same: Block or Unblock in the occupant's menu. */
  readonly blockButton?: (occupant: Occupant) => unknown;
}

/**
 * Escape in an open occupant menu or the list's drawer closes it and gives the focus back to what
 * opened it: the element's first child, a summary or the toggle, whose click closes it.
 */
function closeOnEscape(event: KeyboardEvent) {
  const opener = (event.currentTarget as Element).firstElementChild as HTMLElement;
  if (event.key === 'Escape' && !event.defaultPrevented && opener.matches('[open]>*,[aria-expanded=true]')) {
    event.preventDefault();
    opener.click();
    opener.focus();
  }
}

/** The toggle's aria-expanded is the drawer's state: the styles show the list after it. */
const toggleList = ({ currentTarget }: Event) => {
  const toggle = currentTarget as HTMLElement;
  toggle.ariaExpanded = `${toggle.ariaExpanded === 'false'}`;
};

/**
 * The occupant list, grouped by role, each occupant with the actions our role allows. Where the
 * element is too narrow for it beside the messages, a toggle opens it over them.
 */
export function renderOccupants(options: OccupantsOptions) {
  const { room, t } = options;
  const occupants = room.occupants;
  const label = t('room.occupants', { count: occupants.length });
  return html`<div class="occupants" @keydown=${closeOnEscape}>
    <button part="occupants-toggle" type="button" aria-controls="occupants" aria-expanded="false" @click=${toggleList}>
      ${label}
    </button>
    <section part="occupants" id="occupants" aria-label=${label}>
      ${ROLES.map((role) => {
        const group = occupants.filter((o) => o.role === role);
        if (group.length === 0) return nothing;
        // Keyed by nick: a row, its menu and the focus in it stay with their occupant when another leaves.
        return html`<h3>${t(`role.${role}`)}</h3>
          <ul>
            ${repeat(group, (o) => o.nick, (o) => renderOccupant(o, options))}
          </ul>`;
      })}
    </section>
  </div>`;
}

function renderOccupant(occupant: Occupant, options: OccupantsOptions) {
  const { t, lang } = options;
  const { affiliation } = occupant;
  const badge = affiliation !== 'none' ? t(`affiliation.${affiliation}`) : '';
  return html`<li part="occupant ${occupant.role}${badge ? ` ${affiliation}` : ''}">
    <span class="show ${occupant.show}" role="img" aria-label=${t(`show.${occupant.show}`)}></span>
    ${renderAvatar(occupant.nick, options.avatarOf?.(occupant.nick))}<span class="nick">${occupant.nick}</span>
    ${occupant.self ? html`<span class="badge">${t('room.self')}</span>` : nothing}
    ${badge ? html`<span class="badge" lang=${lang}>${badge}</span>` : nothing}${options.blockedMark?.(occupant)}
    ${renderActions(occupant, options)}
  </li>`;
}

function renderActions(occupant: Occupant, options: OccupantsOptions) {
  const { host, room, t } = options;
  if (occupant.self || room.state !== 'joined') return nothing;
  // Only a click loads the menu's code: a page where nobody opens a menu never fetches it.
  const menu = occupantMenu.loaded();
  const label = t('room.actions', { nick: occupant.nick });
  // A click on the summary (pointer, Enter or Space) opens it and brings its code the first time.
  return html`<details part="occupant-actions" class="actions-menu" @keydown=${closeOnEscape}>
    <summary aria-label=${label} title=${label} @click=${() => occupantMenu(host)}>⋯</summary>
    <div class="menu">${menu ? menu.renderMenu(occupant, options) : nothing}</div>
  </details>`;
}
