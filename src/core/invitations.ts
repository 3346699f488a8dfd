import type { Connection } from './connection.js';
import { Emitter } from './emitter.js';
import { bareJid, resourceOf } from './jid.js';
import { NS, child } from './xml.js';

/** A room invitation we received: mediated through the room (XEP-0045 §7.8.2) or direct (XEP-0249). */
export interface Invitation {
  readonly id: string;
  /** The room's bare JID. */
  readonly room: string;
  /** Who invited us (a real JID, or '' when the room did not say). */
  readonly from: string;
  readonly reason: string;
  /** The room's password, when the invitation carries one. */
  readonly password?: string;
  readonly kind: 'mediated' | 'direct';
}

const MAX_PENDING = 20;

/**
 * The invitations received on a connection, shared by every element on it:
 * each element shows them, and the one the user answers removes them for all.
 */
export class Invitations {
  private items: Invitation[] = [];
  private readonly events = new Emitter<{ change: void }>();

  /** The connection's received invitations, shared by everything on it. */
  static for(this: void, connection: Connection): Invitations {
    return connection.service('invitations', (c) => new Invitations(c));
  }

  private constructor(private readonly connection: Connection) {
    connection.on('message', (stanza) => this.handleMessage(stanza));
  }

  get pending(): readonly Invitation[] {
    return this.items;
  }

  on(type: 'change', listener: () => void): () => void {
    return this.events.on(type, listener);
  }

  /** Forgets an invitation (joined, or dismissed). */
  dismiss(id: string): void {
    const before = this.items.length;
    this.items = this.items.filter((i) => i.id !== id);
    if (this.items.length !== before) this.events.emit('change', undefined);
  }

  /** Declines: a mediated invitation is answered through the room (§7.8.2); a direct one is just dropped. */
  decline(id: string, reason = ''): void {
    const invitation = this.items.find((i) => i.id === id);
    if (!invitation) return;
    this.dismiss(id);
    if (invitation.kind !== 'mediated') return;
    void import('./invitation-parse.js').then(({ declineStanza }) => this.connection.send(declineStanza(invitation, reason)));
  }

  private handleMessage(stanza: Element): void {
    if (stanza.getAttribute('type') === 'error' || stanza.getAttribute('type') === 'groupchat') return;
    // A cheap look first: the code that reads an invitation loads when one arrives.
    if (!child(child(stanza, 'x', NS.MUC_USER), 'invite') && !child(stanza, 'x', NS.CONFERENCE)) return;
    void import('./invitation-parse.js').then(({ parseInvitation }) => {
      const invitation = parseInvitation(stanza);
      if (invitation) this.add(invitation);
    });
  }

  private add(invitation: Invitation): void {
    // One invitation per room: the newest wins.
    this.items = [...this.items.filter((i) => i.room !== invitation.room), invitation].slice(-MAX_PENDING);
    this.events.emit('change', undefined);
  }
}

/** Who invited, for display: the nick when the room gave its occupant JID (semi-anonymous rooms), else the JID. */
export function inviterName(invitation: Invitation): string {
  // Prosody names the inviter by nick (room/nick); ejabberd by real full JID: show its bare JID.
  return bareJid(invitation.from) === invitation.room ? resourceOf(invitation.from) : bareJid(invitation.from);
}
