import type { Connection } from '../connection.js';
import { findDataForm } from '../dataform.js';
import { bareJid } from '../jid.js';
import { NS, child, children, xml } from '../xml.js';

/** A room of a MUC service, as a room list shows it. */
export interface RoomListing {
  readonly jid: string;
  readonly name: string;
  /** From muc#roominfo_occupants, when the room says. */
  readonly occupants?: number;
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
