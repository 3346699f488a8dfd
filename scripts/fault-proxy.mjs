/**
 * A TCP proxy on loopback that can break the link on demand, for tests of how
 * the elements live through a bad network. No dependencies beyond Node.
 *
 *   import { startFaultProxy } from './scripts/fault-proxy.mjs';
 *   const proxy = await startFaultProxy({ targetPort: 5280 });
 *   // point the client at 127.0.0.1:<proxy.port> instead of 5280
 *   proxy.setFault({ kind: 'blackhole' });      // the link goes silently dead
 *   proxy.setFault({ kind: 'pass' });           // what was held arrives, in order
 *   await proxy.stop();
 *
 * Every connection is two pipes (client → server, server → client). A pipe
 * keeps what arrives in a queue of chunks, each with its arrival time, and
 * delivers from its head as the current fault allows; the end of a stream
 * (FIN) waits in the queue like a chunk, so it never overtakes data. One fault
 * holds for every pipe, current and new. There is no backpressure: test
 * traffic is small, and a held queue lives in memory until it goes out.
 */
import net from 'node:net';

const TARGET_HOST = '127.0.0.1';

/** The faults setFault() takes, by kind. */
export const FAULT_KINDS = Object.freeze(['pass', 'blackhole', 'drop', 'reset', 'latency']);

/**
 * Checks a fault as a test sends it; returns it, or throws an Error that says what is wrong.
 *
 * @param {unknown} fault
 * @returns {{ kind: 'pass' | 'blackhole' | 'drop' | 'reset' } | { kind: 'latency', ms: number }}
 */
export function parseFault(fault) {
  const kind = fault && typeof fault === 'object' ? fault.kind : undefined;
  if (!FAULT_KINDS.includes(kind)) throw new Error(`fault kind must be one of ${FAULT_KINDS.join(', ')}`);
  if (kind !== 'latency') return { kind };
  const { ms } = fault;
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) throw new Error('latency needs ms, a number ≥ 0');
  return { kind, ms };
}

/**
 * Start a fault-injecting TCP proxy: it listens on an ephemeral port of `host`
 * and forwards every connection to 127.0.0.1:targetPort.
 *
 * Faults, for all current and new connections and both directions:
 * - `{ kind: 'pass' }` forwards at once (the default); what a blackhole or a
 *   latency holds goes out first, in order.
 * - `{ kind: 'blackhole' }` takes bytes and holds them until the next pass;
 *   sockets stay open: a link that died silently.
 * - `{ kind: 'drop' }` takes bytes and throws them away (what was held too);
 *   sockets stay open.
 * - `{ kind: 'reset' }` destroys every current connection with a TCP RST on
 *   both sides, then passes again for new ones.
 * - `{ kind: 'latency', ms }` forwards each chunk `ms` after it arrived, in order.
 *
 * @param {{ host?: string, targetPort: number }} options
 * @returns {Promise<{ port: number, setFault: (fault: object) => void, stop: () => Promise<void> }>}
 */
export async function startFaultProxy({ host = '127.0.0.1', targetPort }) {
  if (!Number.isInteger(targetPort) || targetPort <= 0) throw new Error(`fault-proxy: bad targetPort ${targetPort}`);
  let fault = { kind: 'pass' };
  /** Every live connection: its two sockets and two pipes. */
  const links = new Set();

  /** One direction of a connection: from `source` to `sink`. */
  const pipe = (source, sink) => {
    const held = []; // { chunk, at } or { end: true, at }
    let timer;
    const pump = () => {
      clearTimeout(timer);
      timer = undefined;
      while (held.length > 0 && !sink.destroyed) {
        const head = held[0];
        if (fault.kind === 'blackhole') return;
        if (fault.kind === 'drop' && !head.end) {
          held.shift();
          continue;
        }
        if (fault.kind === 'drop') return; // an end waits for the link to come back
        if (fault.kind === 'latency') {
          const wait = head.at + fault.ms - Date.now();
          if (wait > 0) {
            timer = setTimeout(pump, wait);
            return;
          }
        }
        held.shift();
        if (head.end) sink.end();
        else sink.write(head.chunk);
      }
    };
    source.on('data', (chunk) => {
      held.push({ chunk, at: Date.now() });
      pump();
    });
    source.on('end', () => {
      held.push({ end: true, at: Date.now() });
      pump();
    });
    return { pump, stop: () => clearTimeout(timer) };
  };

  const server = net.createServer({ allowHalfOpen: true }, (client) => {
    const upstream = net.connect({ host: TARGET_HOST, port: targetPort, allowHalfOpen: true });
    const link = { client, upstream, pipes: [pipe(client, upstream), pipe(upstream, client)] };
    links.add(link);
    // Gone once both sockets are: a half-closed link still delivers what it holds.
    const close = () => {
      if (!client.destroyed || !upstream.destroyed || !links.delete(link)) return;
      for (const p of link.pipes) p.stop();
    };
    // A socket that fails takes its partner down the same way: a refused or reset
    // server connection is a reset for the client, and the other way round.
    client.on('error', () => {
      if (!upstream.destroyed) upstream.resetAndDestroy();
    });
    upstream.on('error', () => {
      if (!client.destroyed) client.resetAndDestroy();
    });
    // A clean close has already gone through the pipes as an end, in its turn.
    client.on('close', close);
    upstream.on('close', close);
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });

  return {
    port: server.address().port,

    /** Apply a fault (see startFaultProxy) to every connection, now and from now on. */
    setFault(next) {
      const parsed = parseFault(next);
      if (parsed.kind === 'reset') {
        for (const { client, upstream } of [...links]) {
          client.resetAndDestroy();
          upstream.resetAndDestroy();
        }
        fault = { kind: 'pass' };
        return;
      }
      fault = parsed;
      for (const link of links) for (const p of link.pipes) p.pump();
    },

    /** Close the listener and every connection. */
    async stop() {
      for (const { client, upstream, pipes } of [...links]) {
        for (const p of pipes) p.stop();
        client.destroy();
        upstream.destroy();
      }
      links.clear();
      await new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
