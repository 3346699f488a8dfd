import type { Connection } from '../connection.js';
import { findDataForm } from '../dataform.js';
import { bareJid } from '../jid.js';
import { NS, child, children, xml } from '../xml.js';
import { MucRoom } from './room.js';
import type { RoomOptions } from './types.js';

/** A room of a MUC service, as a room list shows it. */
export interface RoomListing {
  readonly jid: string;
  readonly name: string;
  /** From muc#roominfo_occupants, when the room says. */
  readonly occupants?: number;
}

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

/**
 * The rooms of a MUC service (disco#items), each with its name and occupant
 * count from its disco#info (muc#roominfo_occupants), when it says.
 */
export async function listRooms(connection: Connection, service: string, limit = 50): Promise<RoomListing[]> {
  const answer = await connection.sendIq(
    xml('iq', { type: 'get', to: service }, xml('query', { xmlns: NS.DISCO_ITEMS })),
  );
  const items = children(child(answer, 'query', NS.DISCO_ITEMS), 'item')
    .map((el) => ({ jid: bareJid(el.getAttribute('jid') ?? ''), name: (el.getAttribute('name') ?? '').slice(0, 200) }))
    .filter((item) => item.jid.includes('@'))
    .slice(0, limit);
  return Promise.all(
    items.map(async (item): Promise<RoomListing> => {
      try {
        const info = await connection.sendIq(
          xml('iq', { type: 'get', to: item.jid }, xml('query', { xmlns: NS.DISCO_INFO })),
        );
        const query = child(info, 'query', NS.DISCO_INFO);
        const form = findDataForm(query);
        const count = Number.parseInt(form?.fields.find((f) => f.var === 'muc#roominfo_occupants')?.values[0] ?? '', 10);
        const identityName = child(query, 'identity')?.getAttribute('name') ?? '';
        return {
          jid: item.jid,
          name: (identityName || item.name || item.jid).slice(0, 200),
          ...(Number.isFinite(count) && count >= 0 ? { occupants: count } : {}),
        };
      } catch {
        return { jid: item.jid, name: item.name || item.jid };
      }
    }),
  );
}
