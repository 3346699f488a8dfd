#!/usr/bin/env node
/**
 * Message latency over BOSH and WebSocket, with and without the fast path
 * (immediate send and re-poll in StropheTransport; `noFastPath` is plain Strophe).
 *
 *   node bench/latency.mjs [rounds]
 *
 * Starts a throw-away Prosody and the demo dev server (scripts/demo.mjs), opens
 * Chromium, and in the page puts two guests in one room on the core
 * (Connection + MucRoom): "send" is from room.send() to the peer receiving the
 * message, "receive" the other way round. Prints p50/p95 in ms.
 */
import puppeteer from 'puppeteer-core';
import { startDemo } from '../scripts/demo.mjs';
import { CHROMIUM, CHROMIUM_ARGS } from '../scripts/chromium.mjs';

const rounds = Number(process.argv[2] ?? 40);
const demo = await startDemo({ port: 0 });
const browser = await puppeteer.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: [...CHROMIUM_ARGS],
});
try {
  const page = await browser.newPage();
  await page.goto(new URL('/bench/', demo.url).href).catch(() => undefined);
  const results = [];
  for (const [label, wire] of [['BOSH', 'bosh'], ['WebSocket', 'ws']]) {
    for (const fast of [false, true]) {
      const r = await page.evaluate(
        async ({ xmpp, wire, fast, rounds }) => {
          const { Connection } = await import('/src/core/connection.ts');
          const { StropheTransport } = await import('/src/core/strophe-transport.ts');
          const { MucRoom } = await import('/src/core/muc.ts');
          const options = { ...(wire === 'bosh' ? { boshUrl: xmpp.boshUrl } : { wsUrl: xmpp.wsUrl }), jid: xmpp.guestDomain, noFastPath: !fast };
          const online = (c) =>
            new Promise((resolve) => {
              c.on('status', (s) => s === 'online' && resolve());
              c.start();
            });
          const a = new Connection(new StropheTransport(options), options);
          const b = new Connection(new StropheTransport(options), options);
          await Promise.all([online(a), online(b)]);
          const roomJid = `bench-${Math.random().toString(36).slice(2)}@${xmpp.mucDomain}`;
          const ra = new MucRoom(a, roomJid, { nick: 'a', history: 0 });
          const rb = new MucRoom(b, roomJid, { nick: 'b', history: 0 });
          ra.join();
          while (ra.state !== 'joined') await new Promise((r) => setTimeout(r, 10));
          rb.join();
          while (rb.state !== 'joined') await new Promise((r) => setTimeout(r, 10));
          const measure = async (from, to) => {
            const times = [];
            for (let i = 0; i < rounds; i++) {
              const body = `m${i}-${Math.random()}`;
              const got = new Promise((resolve) => {
                const off = to.on('message', (m) => m.body === body && (off(), resolve(performance.now())));
              });
              // Idle between messages, as people type: the poll is long-held when the message goes out.
              await new Promise((r) => setTimeout(r, 150 + Math.random() * 100));
              const start = performance.now();
              from.send(body);
              times.push((await got) - start);
            }
            return times.sort((x, y) => x - y);
          };
          const send = await measure(ra, rb);
          const receive = await measure(rb, ra);
          a.logout();
          b.logout();
          const q = (t, p) => t[Math.min(t.length - 1, Math.floor(p * t.length))].toFixed(1);
          return { send50: q(send, 0.5), send95: q(send, 0.95), recv50: q(receive, 0.5), recv95: q(receive, 0.95) };
        },
        { xmpp: demo.xmpp, wire, fast, rounds },
      );
      results.push({ transport: label, path: fast ? 'fast (after)' : 'plain Strophe (before)', ...r });
    }
  }
  console.log(`latency over loopback, ${rounds} messages each way, ms:`);
  console.table(results);
} finally {
  await browser.close();
  await demo.stop();
}
