import type { StanzaError } from '../errors.js';
import type { ChatMessage, Show } from '../stanzas.js';

export type Role = 'moderator' | 'participant' | 'visitor' | 'none';
export type Affiliation = 'owner' | 'admin' | 'member' | 'outcast' | 'none';

/** Roles in the order an occupant list shows them. */
export const ROLES: readonly Role[] = ['moderator', 'participant', 'visitor', 'none'];
export const AFFILIATIONS: readonly Affiliation[] = ['owner', 'admin', 'member', 'outcast', 'none'];

export interface Occupant {
  readonly nick: string;
  /** The real JID, in non-anonymous rooms or for moderators. */
  readonly jid?: string;
  readonly role: Role;
  readonly affiliation: Affiliation;
  readonly show: Show;
  readonly status: string;
  readonly self: boolean;
  /** Its avatar's SHA-1 (XEP-0398 / XEP-0153), when its presence says; see avatars.ts. */
  readonly photo?: string;
}

/** What a room notice can say; components word each as `notice.<kind>` in the message table. */
export type NoticeKind =
  | 'joined'
  | 'left'
  | 'nick-conflict'
  | 'room-created'
  | 'nick-changed'
  | 'kicked'
  | 'banned'
  | 'subject'
  | 'renamed'
  | 'non-anonymous'
  | 'logging'
  | 'configured'
  | 'removed-affiliation'
  | 'removed-members-only'
  | 'you-kicked'
  | 'you-banned'
  | 'you-removed-affiliation'
  | 'you-removed-members-only'
  | 'room-shutdown'
  | 'voice-granted'
  | 'voice-revoked'
  | 'moderator-granted'
  | 'moderator-revoked'
  | 'affiliation-owner'
  | 'affiliation-admin'
  | 'affiliation-member'
  | 'affiliation-none'
  | 'affiliation-outcast'
  | 'invitation-sent'
  | 'invitation-declined';

/** A line from the system, not a person. */
export interface RoomNotice {
  readonly id: string;
  readonly kind: NoticeKind;
  readonly params: Readonly<Record<string, string>>;
  readonly stamp: string;
}

export type TimelineItem =
  | { readonly kind: 'message'; readonly message: ChatMessage }
  | { readonly kind: 'notice'; readonly notice: RoomNotice };

export type RoomState = 'idle' | 'joining' | 'joined' | 'left' | 'error';

export interface RoomOptions {
  readonly nick: string;
  readonly password?: string;
  /** How many past messages to ask the room for on join. */
  readonly history?: number;
  /** On creating the room, wait for the owner to submit the configuration form instead of accepting the defaults. */
  readonly configure?: boolean;
  /**
   * After how long without a word from the room we ask it whether we are still
   * in (XEP-0410 self-ping), in ms; default 5 minutes. A room that forgot us
   * (it restarted, or lost our leave and join) is joined again.
   */
  readonly selfPingAfter?: number;
}

/** Why we are no longer in the room, when the room removed us. */
export type Removal = 'kicked' | 'banned' | 'affiliation' | 'members-only' | 'shutdown';

export interface RoomEvents {
  /** Anything shown changed: occupants, subject, timeline, state. */
  change: void;
  message: ChatMessage;
  notice: RoomNotice;
  error: StanzaError;
  /** An occupant's presence changed (joined, left, show or status). */
  occupant: { readonly nick: string; readonly occupant: Occupant | undefined };
}

export function roleOf(value: string | null): Role {
  return (ROLES as readonly (string | null)[]).includes(value) ? (value as Role) : 'none';
}

export function affiliationOf(value: string | null): Affiliation {
  return (AFFILIATIONS as readonly (string | null)[]).includes(value) ? (value as Affiliation) : 'none';
}
