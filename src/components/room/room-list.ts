// Loaded on demand: only a room element without `room-jid` lists the service's rooms.
import { Task } from '@lit/task';
import { type ReactiveControllerHost, html, nothing } from 'lit';
import { ref } from 'lit/directives/ref.js';
import type { Connection } from '../../core/connection.js';
import { type StanzaError, XmppError } from '../../core/errors.js';
import { type RoomListing, listRooms } from '../../core/muc/rooms.js';
import { roomListStyles } from './room-list.styles.js';
import { type Translate, whenShown } from './shared.js';
import { enForms } from '../../i18n/en-forms.js';
import { addEnglish } from '../../i18n/localize.js';

addEnglish(enForms);

/** The list brings its styles to the room. */
const listShown = whenShown(roomListStyles, false);

export type RoomListArgs = readonly [connection: Connection | undefined, service: string, online: boolean];

/** The rooms of the service, sorted by name, fetched again when the connection, service or status changes. */
export function roomListTask(host: ReactiveControllerHost, args: () => RoomListArgs, onError: (error: StanzaError) => void) {
  return new Task(host, {
    args,
    task: async ([connection, service, online]): Promise<readonly RoomListing[] | undefined> => {
      if (!connection || !service || !online) return undefined;
      try {
        return [...(await listRooms(connection, service))].sort((a, b) => a.name.localeCompare(b.name));
      } catch (error) {
        if (error instanceof XmppError) onError(error.error);
        return [];
      }
    },
  });
}

export type RoomListTask = ReturnType<typeof roomListTask>;

/** The rooms of a conference service, to pick one from. */
export function renderRoomList(service: string, task: RoomListTask, t: Translate, onPick: (jid: string) => void) {
  const list = (rooms: readonly RoomListing[] | undefined) =>
    rooms === undefined
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
          </ul>`;
  return html`<section class="room-list" aria-label=${t('room.list', { service })} ${ref(listShown)}>
    <h3>${t('room.list', { service })}</h3>
    ${task.render({ initial: () => list(undefined), pending: () => list(undefined), complete: list, error: () => list([]) })}
  </section>`;
}
