import type { PresenceInfo } from '../stanzas.js';
import { children } from '../xml.js';
import { type NoticeKind, type Occupant, affiliationOf, roleOf } from './types.js';

/** The status codes of a room presence's `<x xmlns="…muc#user">`. */
export function statusCodes(x: Element | undefined): Set<string> {
  return new Set(children(x, 'status').map((s) => s.getAttribute('code') ?? ''));
}

/** An occupant from its presence and the room's `<item>` (role, affiliation, real JID where the room tells). */
export function parseOccupant(nick: string, item: Element | undefined, presence: PresenceInfo, self: boolean): Occupant {
  const jid = item?.getAttribute('jid') ?? undefined;
  return {
    nick,
    ...(jid ? { jid } : {}),
    role: roleOf(item?.getAttribute('role') ?? null),
    affiliation: affiliationOf(item?.getAttribute('affiliation') ?? null),
    show: presence.show,
    status: presence.status,
    self,
    ...(presence.photo ? { photo: presence.photo } : {}),
  };
}

/** What to say when someone's role or affiliation changed while we were in the room. */
export function changeNotices(previous: Occupant, current: Occupant): NoticeKind[] {
  const kinds: NoticeKind[] = [];
  if (previous.role !== current.role) {
    if (current.role === 'moderator') kinds.push('moderator-granted');
    else if (previous.role === 'moderator') kinds.push('moderator-revoked');
    else if (current.role === 'visitor') kinds.push('voice-revoked');
    else if (previous.role === 'visitor' && current.role === 'participant') kinds.push('voice-granted');
  }
  if (previous.affiliation !== current.affiliation) kinds.push(`affiliation-${current.affiliation}`);
  return kinds;
}
