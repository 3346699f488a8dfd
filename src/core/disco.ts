import type { Connection } from './connection.js';
import { Emitter } from './emitter.js';
import { bareJid, domainOf } from './jid.js';
import { NS, child, children, xml } from './xml.js';

export interface DiscoIdentity {
  readonly category: string;
  readonly type: string;
  readonly name?: string;
  readonly lang?: string;
}

/** What an entity says about itself (XEP-0030 disco#info). */
export interface DiscoInfo {
  readonly identities: readonly DiscoIdentity[];
  readonly features: readonly string[];
}

/** One entry of a disco#items answer (a room, a service). */
export interface DiscoItem {
  readonly jid: string;
  readonly node?: string;
  readonly name?: string;
}

/** Asks an entity for its identities and features; rejects with an XmppError. */
export async function discoInfo(connection: Connection, jid: string, node?: string): Promise<DiscoInfo> {
  const answer = await connection.sendIq(
    xml('iq', { type: 'get', to: jid || undefined }, xml('query', { xmlns: NS.DISCO_INFO, node })),
  );
  const query = child(answer, 'query', NS.DISCO_INFO);
  return {
    identities: children(query, 'identity').map((el) => {
      const name = el.getAttribute('name');
      return {
        category: el.getAttribute('category') ?? '',
        type: el.getAttribute('type') ?? '',
        ...(name ? { name } : {}),
      };
    }),
    features: children(query, 'feature')
      .map((el) => el.getAttribute('var') ?? '')
      .filter(Boolean),
  };
}

/** Asks an entity for its items (rooms of a MUC service…); rejects with an XmppError. */
export async function discoItems(connection: Connection, jid: string, node?: string): Promise<DiscoItem[]> {
  const answer = await connection.sendIq(
    xml('iq', { type: 'get', to: jid || undefined }, xml('query', { xmlns: NS.DISCO_ITEMS, node })),
  );
  return children(child(answer, 'query', NS.DISCO_ITEMS), 'item')
    .filter((el) => el.getAttribute('jid'))
    .map((el) => {
      const name = el.getAttribute('name');
      const itemNode = el.getAttribute('node');
      return {
        jid: el.getAttribute('jid') ?? '',
        ...(itemNode ? { node: itemNode } : {}),
        ...(name ? { name } : {}),
      };
    });
}

/**
 * What the account's server and the account itself support, asked once per
 * login (disco#info of the domain and of the own bare JID, where PEP and MAM
 * are announced). A feature the server lacks is simply not supported: failures
 * are never shown to the user.
 */
export class Disco {
  private features = new Set<string>();
  private readyPromise: Promise<void> = Promise.resolve();
  private readonly events = new Emitter<{ change: void }>();

  /** The connection's disco cache, shared by everything on it. */
  static for(this: void, connection: Connection): Disco {
    return connection.service('disco', (c) => new Disco(c));
  }

  private constructor(private readonly connection: Connection) {
    connection.on('status', (status) => {
      if (status === 'online') this.refresh();
      else if (status === 'offline' || status === 'failed' || status === 'auth-failed') this.features = new Set();
    });
    if (connection.status === 'online') this.refresh();
  }

  /** True when the server or the account announced this feature. */
  supports(feature: string): boolean {
    return this.features.has(feature);
  }

  /** Resolves once this login's disco answers are in (or have failed). */
  ready(): Promise<void> {
    return this.readyPromise;
  }

  on(type: 'change', listener: () => void): () => void {
    return this.events.on(type, listener);
  }

  private refresh(): void {
    const own = bareJid(this.connection.jid);
    const ask = (jid: string) => discoInfo(this.connection, jid).then((info) => info.features, () => []);
    this.readyPromise = Promise.all([ask(domainOf(own)), ask(own)]).then(([server, account]) => {
      this.features = new Set([...server, ...account]);
      this.events.emit('change', undefined);
    });
  }
}
