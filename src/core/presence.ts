import type { Connection } from './connection.js';
import { Emitter } from './emitter.js';
import { xml } from './xml.js';

/** What the user can be: the RFC 6121 §4.7.2.1 show values, plus plain available. */
export type OwnShow = 'available' | 'chat' | 'away' | 'xa' | 'dnd';

export const OWN_SHOWS: readonly OwnShow[] = ['available', 'chat', 'away', 'xa', 'dnd'];

/** Longest status text sent (characters). */
const MAX_STATUS = 1000;

/**
 * The user's own presence, one per connection: every element on it shows the
 * same, and it is sent again on every login and reconnect.
 */
export class OwnPresence {
  private showValue: OwnShow = 'available';
  private statusValue = '';
  private priorityValue = 0;
  private readonly events = new Emitter<{ change: void }>();

  /** The own presence of this connection, shared by every element on it. */
  static for(this: void, connection: Connection): OwnPresence {
    return connection.service('own-presence', (c) => new OwnPresence(c));
  }

  constructor(private readonly connection: Connection) {
    connection.setPresenceProvider(() => this.stanza());
  }

  get show(): OwnShow {
    return this.showValue;
  }

  get status(): string {
    return this.statusValue;
  }

  get priority(): number {
    return this.priorityValue;
  }

  on(type: 'change', listener: () => void): () => void {
    return this.events.on(type, listener);
  }

  /** Changes the presence; sends it now when online, and on every login after. */
  set(show: OwnShow, status = this.statusValue, priority = this.priorityValue): void {
    const next: OwnShow = OWN_SHOWS.includes(show) ? show : 'available';
    const text = status.trim().slice(0, MAX_STATUS);
    const prio = Number.isFinite(priority) ? Math.max(-128, Math.min(127, Math.round(priority))) : 0;
    if (next === this.showValue && text === this.statusValue && prio === this.priorityValue) return;
    this.showValue = next;
    this.statusValue = text;
    this.priorityValue = prio;
    if (this.connection.status === 'online') this.connection.send(this.stanza());
    this.events.emit('change', undefined);
  }

  /** The presence stanza for the current values. */
  stanza(): Element {
    return xml(
      'presence',
      {},
      this.statusValue ? xml('status', {}, this.statusValue) : null,
      xml('priority', {}, String(this.priorityValue)),
      this.showValue !== 'available' ? xml('show', {}, this.showValue) : null,
    );
  }
}
