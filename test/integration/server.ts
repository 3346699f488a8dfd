import { Connection } from '../../src/core/connection.js';
import { StropheTransport } from '../../src/core/strophe-transport.js';

export interface ServerConfig {
  /** Which server the run started (XMPP_SERVER): where servers differ, tests can say which one they saw. */
  readonly kind: 'prosody' | 'ejabberd';
  readonly boshUrl: string;
  readonly wsUrl: string;
  readonly domain: string;
  readonly guestDomain: string;
  readonly mucDomain: string;
  /** The XEP-0363 HTTP File Upload service, e.g. `upload.localhost` (for accounts of `domain`, not guests). */
  readonly uploadDomain: string;
  /** The largest file it takes, in bytes (1 MiB on both test servers). */
  readonly uploadMaxSize: number;
  readonly users: Readonly<Record<string, string>>;
  /**
   * `boshUrl` through the fault proxy (scripts/fault-proxy.mjs), a TCP proxy on loopback in front of the
   * server's HTTP port: `POST /__xmpp__/fault` with `{"kind":"blackhole"}`, `{"kind":"latency","ms":300}`,
   * `{"kind":"drop"}`, `{"kind":"reset"}` or `{"kind":"pass"}` breaks or heals every link through it.
   * '' for an external server whose URL names no loopback port.
   */
  readonly proxyBoshUrl: string;
  /** `wsUrl` through the same fault proxy ('' where there is none). */
  readonly proxyWsUrl: string;
}

let cached: Promise<ServerConfig> | undefined;

/** The local server (Prosody, or ejabberd with XMPP_SERVER=ejabberd) that web-test-runner.config.mjs started. */
export function serverConfig(): Promise<ServerConfig> {
  cached ??= fetch('/__xmpp__/config.json').then((r) => r.json() as Promise<ServerConfig>);
  return cached;
}

/** A room name no other test uses. */
export async function uniqueRoom(prefix = 'room'): Promise<string> {
  const { mucDomain } = await serverConfig();
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}@${mucDomain}`;
}

/** A second person: a connection of its own, straight on the core, online. */
export async function peer(jid?: string, password?: string): Promise<Connection> {
  const config = await serverConfig();
  const options = { boshUrl: config.boshUrl, jid: jid ?? config.guestDomain };
  const connection = new Connection(new StropheTransport(options), options);
  if (password) {
    await connection.login(options.jid, password);
  } else {
    await new Promise<void>((resolve, reject) => {
      const off = connection.on('status', (status) => {
        if (status === 'online') {
          off();
          resolve();
        } else if (status === 'failed') {
          off();
          reject(new Error('peer failed to connect'));
        }
      });
      connection.start();
    });
  }
  return connection;
}

/** Resolves with the predicate's value once it holds, checking it every 20 ms; rejects after `timeout` ms. */
export async function until<T>(predicate: () => T | undefined | null | false, timeout = 10000, what = 'condition'): Promise<T> {
  const start = performance.now();
  for (;;) {
    const value = predicate();
    if (value) return value;
    if (performance.now() - start > timeout) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
