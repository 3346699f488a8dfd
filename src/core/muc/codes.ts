import type { NoticeKind, Removal } from './types.js';

/**
 * XEP-0045 status codes (§15.6), in one table for core and components alike.
 * The room sends them in `<x xmlns="…muc#user"><status code="…"/></x>`.
 */
export const STATUS = {
  /** Non-anonymous room: everyone sees real JIDs. */
  NON_ANONYMOUS: '100',
  /** This presence is our own. */
  SELF: '110',
  /** The room is being logged. */
  LOGGING: '170',
  /** The room was created by this join. */
  CREATED: '201',
  /** The room changed the nick we asked for. */
  NICK_ASSIGNED: '210',
  /** A nick change: the new nick is in the item. */
  NICK_CHANGE: '303',
} as const;

/** The codes of a removal, and the notice for someone else's and for our own. */
export const REMOVALS: Readonly<Record<Removal, { readonly code: string; readonly other: NoticeKind; readonly self: NoticeKind }>> = {
  banned: { code: '301', other: 'banned', self: 'you-banned' },
  kicked: { code: '307', other: 'kicked', self: 'you-kicked' },
  affiliation: { code: '321', other: 'removed-affiliation', self: 'you-removed-affiliation' },
  'members-only': { code: '322', other: 'removed-members-only', self: 'you-removed-members-only' },
  shutdown: { code: '332', other: 'room-shutdown', self: 'room-shutdown' },
};

/** Codes on our own join presence that are worth a line in the timeline. */
export const JOIN_NOTICES: readonly (readonly [string, NoticeKind])[] = [
  [STATUS.NON_ANONYMOUS, 'non-anonymous'],
  [STATUS.LOGGING, 'logging'],
];

/** The removal an unavailable presence's codes announce, if any. */
export function removalOf(codes: ReadonlySet<string>): Removal | undefined {
  return (Object.keys(REMOVALS) as Removal[]).find((removal) => codes.has(REMOVALS[removal].code));
}
