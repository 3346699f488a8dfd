import { html, nothing } from 'lit';
import type { RoomListing } from '../../core/muc/rooms.js';
import type { Translate } from './shared.js';

/** The rooms of a conference service, to pick one from (a room element without `room-jid`). */
export function renderRoomList(
  service: string,
  rooms: readonly RoomListing[] | undefined,
  t: Translate,
  onPick: (jid: string) => void,
) {
  return html`<section class="room-list" aria-label=${t('room.list', { service })}>
    <h3>${t('room.list', { service })}</h3>
    ${rooms === undefined
      ? html`<p>${t('room.list-loading', { service })}</p>`
      : rooms.length === 0
        ? html`<p>${t('room.list-empty', { service })}</p>`
        : html`<ul part="room-list">
            ${rooms.map(
              (r) => html`<li>
                <button part="room-list-item" type="button" data-jid=${r.jid} @click=${() => onPick(r.jid)}>
                  <span class="room-name">${r.name}</span>
                  ${r.occupants !== undefined
                    ? html`<span class="badge">${t('room.list-occupants', { count: r.occupants })}</span>`
                    : nothing}
                </button>
              </li>`,
            )}
          </ul>`}
  </section>`;
}
