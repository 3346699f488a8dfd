// Loaded on demand by a signed-in user's room, never a guest's: what only such a room has, in one
// chunk and behind one call in room.ts (whose code is on every guest's page).
import type { ReactiveControllerHost } from 'lit';
import type { MucRoom } from '../../core/muc/room.js';
import { bookmarkButton } from './bookmark-button.js';
import { type RoomBlocking, roomBlocking } from './room-blocking.js';

export interface SignedInRoom extends RoomBlocking {
  /** The toolbar's Bookmark toggle (XEP-0402), once the account's bookmarks came. */
  readonly toolbar: unknown;
}

/**
 * The room's signed-in parts as of this render: its Bookmark toggle, and blocking (XEP-0191). The
 * room spreads it into the occupant list's options (blockedMark, blockButton): no other keys.
 */
export function signedIn(host: ReactiveControllerHost & HTMLElement & { readonly password: string }, room: MucRoom | undefined): SignedInRoom {
  return { ...roomBlocking(host, room), toolbar: room && bookmarkButton(host, room) };
}
