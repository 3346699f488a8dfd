// Loaded on demand by the roster once online: its Rooms section (XEP-0402 bookmarks), opening a
// bookmarked room in the page's `rooms-for` container (or asking the page with xmpp-join-room), and
// the autojoin rooms at login.
import { type ReactiveControllerHost, html, nothing } from 'lit';
import { ConnectionController } from '../../controllers/connection-controller.js';
import { ServiceController } from '../../controllers/service-controller.js';
import { type Bookmark, Bookmarks } from '../../core/bookmarks.js';
import type { Connection } from '../../core/connection.js';
import { type StanzaError, XmppError } from '../../core/errors.js';
import { XmppJoinRoomEvent } from '../../events/join-room-event.js';
import { enBookmarks } from '../../i18n/en-bookmarks.js';
import { addEnglish } from '../../i18n/localize.js';
import type { Translate } from '../room/shared.js';

addEnglish(enBookmarks);

/**
 * The roster as this view uses it: its `rooms-for` and `autojoin` attributes, and its own
 * translation and error notice (protected on XmppElement; passed as the element itself, not as
 * arguments, to keep the roster's own code small).
 */
export interface BookmarksHost extends ReactiveControllerHost, HTMLElement {
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly updateComplete: Promise<boolean>;
}
interface RosterInternals {
  t: Translate;
  showError(error: StanzaError): void;
}

/** The attributes that name a connection: a room made here shares the roster's. */
const CONNECTION_ATTRIBUTES = ['bosh-url', 'ws-url', 'jid', 'domain', 'host-meta-url', 'credentials-url', 'session-url'];

/** A room element as this view sets it up (it may not be defined yet: the loader brings its code). */
type RoomElement = HTMLElement & { roomJid?: string; nick?: string; password?: string; connection?: Connection };

interface HostState {
  list?: ServiceController<Bookmarks>;
  /** The login whose autojoin rooms were opened. */
  autojoined: number;
  /** The host's connection at its last render. */
  connection: Connection;
}

const states = new WeakMap<BookmarksHost, HostState>();

/** Opens a bookmarked room: in the `rooms-for` container (one element a room), else xmpp-join-room for the page. */
function open(host: BookmarksHost, connection: Connection, bookmark: Bookmark): void {
  const root = host.getRootNode() as Document | ShadowRoot;
  const id = host.getAttribute('rooms-for');
  const place = id ? root.getElementById?.(id) : undefined;
  if (!place) {
    const { jid: room, password } = bookmark;
    host.dispatchEvent(new XmppJoinRoomEvent({ room, from: '', reason: '', ...(password ? { password } : {}) }));
    return;
  }
  const same = (el: RoomElement) => (el.roomJid ?? el.getAttribute('room-jid') ?? '').toLowerCase() === bookmark.jid.toLowerCase();
  let room = Array.from(place.querySelectorAll<RoomElement>('xmpp-room')).find(same);
  if (!room) {
    room = document.createElement('xmpp-room');
    let named = false;
    for (const name of CONNECTION_ATTRIBUTES) {
      const value = host.getAttribute(name);
      if (value !== null) {
        room.setAttribute(name, value);
        named = true;
      }
    }
    // The page's only connection, or the launcher's: given as it is.
    if (!named) room.connection = connection;
    const lang = host.getAttribute('lang');
    if (lang) room.setAttribute('lang', lang);
    room.setAttribute('room-jid', bookmark.jid);
    if (bookmark.nick) room.setAttribute('nick', bookmark.nick);
    // Never an attribute: a password stays out of the DOM.
    if (bookmark.password) room.password = bookmark.password;
    place.append(room);
  }
  room.hidden = false;
  room.scrollIntoView?.({ block: 'nearest' });
}

function autojoin(host: BookmarksHost, state: HostState, list: Bookmarks): void {
  if (!host.hasAttribute('autojoin') || !list.loaded || state.autojoined === list.logins) return;
  state.autojoined = list.logins;
  for (const bookmark of list.bookmarks) if (bookmark.autojoin) open(host, state.connection, bookmark);
}

/**
 * The roster's Rooms section (part="bookmarks"): each bookmark a button that opens the room, and
 * its Remove; nothing until the server sent the list (never, without XEP-0402), nor while empty.
 */
export function renderBookmarks(host: BookmarksHost) {
  const connection = ConnectionController.of(host).connection;
  if (!connection) return nothing;
  const internals = host as unknown as RosterInternals;
  const t: Translate = (key, params) => internals.t(key, params);
  let state = states.get(host);
  if (!state) {
    const created: HostState = { autojoined: 0, connection };
    states.set(host, (state = created));
    // Its callback runs at once with the current connection's list, and with each later one.
    created.list = new ServiceController(host, Bookmarks.for, (list) => {
      const check = () => autojoin(host, created, list);
      check();
      return list.on('change', check);
    });
  }
  state.connection = connection;
  const list = state.list?.value;
  if (connection.status !== 'online' || !list?.loaded || list.bookmarks.length === 0) return nothing;
  const remove = async (bookmark: Bookmark, index: number) => {
    try {
      await list.remove(bookmark.jid);
    } catch (error) {
      if (error instanceof XmppError) internals.showError(error.error);
      return;
    }
    // Its row is gone: the focus goes to the next Remove (else the last, else the roster's first control).
    await host.updateComplete;
    const left = host.renderRoot.querySelectorAll<HTMLElement>('[part~="bookmark-remove"]');
    (left[Math.min(index, left.length - 1)] ?? host.renderRoot.querySelector<HTMLElement>('button, input'))?.focus();
  };
  return html`<section part="bookmarks" aria-label=${t('bookmarks.title')}>
    <h3>${t('bookmarks.title')}</h3>
    <ul>
      ${list.bookmarks.map((bookmark, index) => {
        const name = bookmark.name || bookmark.jid;
        return html`<li part="bookmark">
          <button class="open" type="button" @click=${() => open(host, connection, bookmark)}>
            ${name}
          </button>
          <button part="bookmark-remove" type="button" class="secondary" aria-label=${t('bookmarks.remove-label', { room: name })}
            @click=${() => void remove(bookmark, index)}>${t('bookmarks.remove')}</button>
        </li>`;
      })}
    </ul>
  </section>`;
}
