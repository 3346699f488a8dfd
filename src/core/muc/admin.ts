import { bareJid } from '../jid.js';
import { NS, xml } from '../xml.js';
import type { Affiliation, Occupant, Role } from './types.js';

/** Affiliations by rank: who outranks whom (XEP-0045 §5.2). */
const RANK: Readonly<Record<Affiliation, number>> = { outcast: 0, none: 1, member: 2, admin: 3, owner: 4 };

/** What our role and affiliation let us do to an occupant. */
export interface OccupantActions {
  /** Kick (set role `none`). */
  readonly kick: boolean;
  /** Grant or revoke voice. */
  readonly voice: boolean;
  /** The affiliations we may give them (needs their real JID); `outcast` is a ban. */
  readonly affiliations: readonly Affiliation[];
}

const NO_ACTIONS: OccupantActions = { kick: false, voice: false, affiliations: [] };

/**
 * What `me` may do to `target` (XEP-0045 §8, §9): moderators kick and change
 * voice of those who do not outrank them; admins and owners change
 * affiliations below their own (owners: any), which needs the real JID.
 */
export function allowedActions(me: Occupant | undefined, target: Occupant): OccupantActions {
  if (!me || target.self) return NO_ACTIONS;
  const outranks = RANK[target.affiliation] < RANK.admin || (me.affiliation === 'owner' && target.affiliation === 'admin');
  const moderator = me.role === 'moderator' && outranks;
  const affiliations: Affiliation[] = !target.jid
    ? []
    : me.affiliation === 'owner'
      ? ['none', 'member', 'admin', 'owner', 'outcast']
      : me.affiliation === 'admin' && RANK[target.affiliation] < RANK.admin
        ? ['none', 'member', 'outcast']
        : [];
  return { kick: moderator, voice: moderator && target.role !== 'moderator', affiliations };
}

/** True when any action beyond a private message is open to us. */
export function canModerate(actions: OccupantActions): boolean {
  return actions.kick || actions.voice || actions.affiliations.length > 0;
}

const reasonOf = (reason: string) => (reason ? xml('reason', {}, reason) : null);

/** The admin iq that sets an occupant's role (§8.2–8.6), by nick. */
export function roleRequest(room: string, nick: string, role: Role, reason = ''): Element {
  return adminRequest(room, xml('item', { nick, role }, reasonOf(reason)));
}

/** The admin iq that sets a user's affiliation (§9, §10), by real bare JID. */
export function affiliationRequest(room: string, jid: string, affiliation: Affiliation, reason = ''): Element {
  return adminRequest(room, xml('item', { jid: bareJid(jid), affiliation }, reasonOf(reason)));
}

function adminRequest(room: string, item: Element): Element {
  return xml('iq', { to: room, type: 'set' }, xml('query', { xmlns: NS.MUC_ADMIN }, item));
}
