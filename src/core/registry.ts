import { Connection, type ConnectionOptions } from './connection.js';
import { Emitter } from './emitter.js';
import { StropheTransport } from './strophe-transport.js';
import { TabTransport } from './tabs.js';

interface Entry {
  readonly connection: Connection;
  refs: number;
  closeTimer?: ReturnType<typeof setTimeout>;
}

export type ConnectionFactory = (options: ConnectionOptions) => Connection;

// Elements keep their session across a reload of the page (see StropheTransport); every tab of the
// site shares one session (see TabTransport).
const defaultFactory: ConnectionFactory = (options) =>
  new Connection(
    // Where the browser can (Web Locks, BroadcastChannel).
    self.BroadcastChannel && navigator.locks
      ? new TabTransport(options, `xmpp-elements:${connectionKey(options)}`)
      : new StropheTransport({ ...options, keepSession: true }),
    options,
  );

/** The host site's connection attributes (ConnectionOptions.site), read as attributes only. */
const SITE = ['domain', 'host-meta-url', 'credentials-url', 'session-url'] as const;

/** An element's connection attributes as options, or undefined when it has none. */
export function optionsOf(element: { readonly boshUrl: string; readonly wsUrl: string; readonly jid: string; getAttribute?(name: string): string | null }): ConnectionOptions | undefined {
  const { boshUrl, wsUrl, jid } = element;
  let site: Record<string, string> | undefined;
  for (const name of SITE) {
    const value = element.getAttribute?.(name);
    if (value) (site ??= {})[name] = value;
  }
  return boshUrl || wsUrl || jid || site ? { boshUrl, wsUrl, jid, site } : undefined;
}

/** The key that makes elements share a connection: its endpoints, JID and site attributes. */
export function connectionKey(options: ConnectionOptions): string {
  return JSON.stringify([options.boshUrl ?? '', options.wsUrl ?? '', (options.jid ?? '').trim().toLowerCase(), options.site]);
}

/**
 * Connections shared by key, reference counted: elements acquire and release;
 * the last release closes the connection. Closing waits one task, so an
 * element moved in the DOM (disconnected, then connected) keeps its session.
 */
export class Registry {
  private readonly entries = new Map<string, Entry>();
  private readonly events = new Emitter<{ change: void }>();

  constructor(private readonly factory: ConnectionFactory = defaultFactory) {}

  /** Takes a reference to the connection for these options, creating it when needed. */
  acquire(options: ConnectionOptions): Connection {
    const key = connectionKey(options);
    let entry = this.entries.get(key);
    const created = !entry;
    entry ??= { connection: this.factory(options), refs: 0 };
    this.entries.set(key, entry);
    clearTimeout(entry.closeTimer);
    entry.refs += 1;
    // Told only once the reference is counted: listeners look for live connections (see only()).
    if (created) this.events.emit('change', undefined);
    return entry.connection;
  }

  /** Takes one more reference to a connection this registry holds. */
  retain(connection: Connection): Connection {
    return this.acquire(connection.options);
  }

  /** Gives a reference back; the last one closes the connection. */
  release(connection: Connection): void {
    const key = connectionKey(connection.options);
    const entry = this.entries.get(key);
    if (!entry || entry.connection !== connection) return;
    entry.refs -= 1;
    if (entry.refs > 0) return;
    clearTimeout(entry.closeTimer);
    entry.closeTimer = setTimeout(() => {
      if (entry.refs > 0) return;
      this.entries.delete(key);
      entry.connection.logout(false);
      this.events.emit('change', undefined);
    }, 0);
  }

  /** The page's connection when exactly one exists. */
  only(): Connection | undefined {
    const live = [...this.entries.values()].filter((e) => e.refs > 0);
    return live.length === 1 ? live[0]?.connection : undefined;
  }

  /** How many references a connection has (for tests and diagnostics). */
  refCount(connection: Connection): number {
    const entry = this.entries.get(connectionKey(connection.options));
    return entry?.connection === connection ? entry.refs : 0;
  }

  get size(): number {
    return this.entries.size;
  }

  onChange(listener: () => void): () => void {
    return this.events.on('change', listener);
  }
}

/**
 * The page-wide key of the registry: two copies of xmpp-elements on one page
 * (a script tag and an npm build, say) find the same registry under it, so one
 * account still opens one connection. The version in the key keeps copies
 * whose registries could not talk to each other apart.
 */
export const REGISTRY_KEY = Symbol.for('xmpp-elements.registry.v1');

function pageRegistry(): Registry {
  const page = globalThis as typeof globalThis & { [REGISTRY_KEY]?: Registry };
  page[REGISTRY_KEY] ??= new Registry();
  return page[REGISTRY_KEY];
}

/** The page-wide registry that elements use. */
export const registry = pageRegistry();
