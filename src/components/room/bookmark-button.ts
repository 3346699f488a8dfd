// Loaded on demand by a signed-in user's room, never a guest's: the toolbar's XEP-0402 Bookmark /
// Remove bookmark toggle.
import { type ReactiveControllerHost, html } from 'lit';
import { ServiceController } from '../../controllers/service-controller.js';
import { Bookmarks } from '../../core/bookmarks.js';
import { type StanzaError, XmppError } from '../../core/errors.js';
import type { MucRoom } from '../../core/muc/room.js';
import { enBookmarks } from '../../i18n/en-bookmarks.js';
import { addEnglish } from '../../i18n/localize.js';
import type { Translate } from './shared.js';

addEnglish(enBookmarks);

const lists = new WeakMap<ReactiveControllerHost, ServiceController<Bookmarks>>();

/**
 * The toggle for the room's bookmark (part="bookmark-button"), or undefined until the account's
 * bookmarks came from its server (one without XEP-0402 never sends them: no button). A new
 * bookmark joins at login (autojoin), as the nick the user has in the room, with its password.
 */
export function bookmarkButton(host: ReactiveControllerHost & { readonly password: string }, room: MucRoom) {
  // The room's own translation and error notice (protected on XmppElement; reached here, not
  // passed, to keep the room's own code small: it is on every guest's page).
  const internals = host as unknown as { t: Translate; showError(error: StanzaError): void };
  const t: Translate = (key, params) => internals.t(key, params);
  let controller = lists.get(host);
  if (!controller) lists.set(host, (controller = new ServiceController(host, Bookmarks.for)));
  const list = controller.value;
  if (!list?.loaded) return undefined;
  const bookmarked = !!list.get(room.jid);
  const toggle = async () => {
    try {
      if (bookmarked) await list.remove(room.jid);
      else await list.set({ jid: room.jid, name: '', autojoin: true, nick: room.nick, ...(host.password ? { password: host.password } : {}) });
    } catch (error) {
      if (error instanceof XmppError) internals.showError(error.error);
    }
  };
  return html`<button type="button" part="bookmark-button" data-action="bookmark"
    @click=${toggle}>${t(bookmarked ? 'room.unbookmark' : 'room.bookmark')}</button>`;
}
