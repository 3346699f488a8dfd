import type { Connection } from '../connection.js';
import { bareJid } from '../jid.js';
import { MucRoom } from './room.js';
import type { RoomOptions } from './types.js';

interface Entry {
  readonly room: MucRoom;
  refs: number;
}

/**
 * The rooms a connection is in, one `MucRoom` per room JID, shared by the
 * elements that show it and counted like the connection: the first acquire
 * joins (with its options), the last release leaves.
 */
export class MucRooms {
  private readonly entries = new Map<string, Entry>();

  private constructor(private readonly connection: Connection) {}

  /** The rooms of this connection. */
  static for(this: void, connection: Connection): MucRooms {
    return connection.service('muc-rooms', (c) => new MucRooms(c));
  }

  /** Takes a reference to the room, creating and joining it for the first one. */
  acquire(jid: string, options: RoomOptions): MucRoom {
    const key = bareJid(jid).toLowerCase();
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { room: new MucRoom(this.connection, jid, options), refs: 0 };
      this.entries.set(key, entry);
    }
    entry.refs += 1;
    // A room not joined yet (waiting for a password, say) takes the newest element's nick and password.
    if (entry.refs > 1) entry.room.reconfigure(options);
    entry.room.join();
    return entry.room;
  }

  /** Gives a reference back; the last one leaves the room. */
  release(room: MucRoom): void {
    const key = room.jid.toLowerCase();
    const entry = this.entries.get(key);
    if (entry?.room !== room) return;
    entry.refs -= 1;
    if (entry.refs > 0) return;
    this.entries.delete(key);
    room.leave();
    room.dispose();
  }

  /** How many elements hold the room (for tests and diagnostics). */
  refCount(jid: string): number {
    return this.entries.get(bareJid(jid).toLowerCase())?.refs ?? 0;
  }
}
