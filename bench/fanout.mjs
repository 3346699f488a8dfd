#!/usr/bin/env node
/**
 * `npm run bench:fanout`: one room, N guests, one peer speaking (issue 13). Prints figures, not a test.
 *
 *   node bench/fanout.mjs [--guests 50,200] [--transport bosh,ws] [--servers prosody,ejabberd,ejabberd-cluster]
 *                         [--messages 50] [--pace 200] [--join-concurrency 20] [--join-timeout 120]
 *
 * For each server kind (started with startServer(kind) from scripts/xmpp-server.mjs, stopped after)
 * and each N and transport: one headless Chromium page (Debian's, puppeteer-core) runs N guest
 * connections of our core (Connection + MucRoom from dist/internal.js, bundled by bench/common.mjs as
 * for bench/run.mjs's peer page; run `npm run build` first), anonymous on guest.localhost, all in one
 * fresh room, plus one peer connection that creates the room first. When all have joined, the peer
 * speaks M messages, one every --pace ms. In the same page (one clock, performance.now()):
 *   join        first guest's start -> the last guest in the room (--join-concurrency at a time)
 *   latency     the peer's send() -> each guest's MucRoom 'message' event: p50 and p95 over all deliveries
 *   missing     deliveries not made 10 s after the last send (a guest that did not join misses all)
 *   server CPU  utime + stime of the server processes (/proc/<pid>/stat) over the speaking phase:
 *               Prosody; ejabberd (its Erlang VM); the cluster's two VMs and HAProxy
 *   page busy   the page's main-thread task time over the same phase (CDP TaskDuration): when it
 *               nears the phase's length, the one page holding every guest is the bottleneck
 *
 * Chromium allows 6 HTTP/1.1 connections per host name, and each BOSH session holds one long poll:
 * every guest gets a host name of its own (g<i>.fanout.test, mapped to 127.0.0.1 with
 * --host-resolver-rules), as guests in separate browsers would have their own connections. The
 * browser's whole pool is 256 sockets, enough for 201 long polls.
 */
import { existsSync, readFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { startServer, SERVER_KINDS } from '../scripts/xmpp-server.mjs';
import { CHROMIUM, CHROMIUM_ARGS } from '../scripts/chromium.mjs';
import { ROOT, bundleCore, quantile } from './common.mjs';

const HOST = '127.0.0.1';
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const list = (name, fallback) => opt(name, fallback).split(',').map((s) => s.trim()).filter(Boolean);
const GUESTS = list('guests', '50,200').map(Number);
const TRANSPORTS = list('transport', 'bosh,ws');
const SERVERS = list('servers', 'prosody,ejabberd,ejabberd-cluster');
const MESSAGES = Number(opt('messages', 50));
const PACE = Number(opt('pace', 200));
const CONCURRENCY = Number(opt('join-concurrency', 20));
const JOIN_TIMEOUT = Number(opt('join-timeout', 120)) * 1000;
const GRACE = 10_000;

for (const kind of SERVERS) if (!SERVER_KINDS.includes(kind)) usage(`unknown server "${kind}"`);
for (const t of TRANSPORTS) if (!['bosh', 'ws'].includes(t)) usage(`unknown transport "${t}"`);
if (GUESTS.some((n) => !Number.isInteger(n) || n < 1)) usage('--guests takes whole numbers');
if (!(MESSAGES > 0) || !(PACE >= 0) || !(CONCURRENCY > 0)) usage('--messages, --pace and --join-concurrency take numbers');

function usage(problem) {
  console.error(`bench/fanout: ${problem}\nUsage: node bench/fanout.mjs [--guests 50,200] [--transport bosh,ws] [--servers ${SERVER_KINDS.join(',')}] [--messages 50] [--pace 200] [--join-concurrency 20] [--join-timeout 120]`);
  process.exit(2);
}

// ---------------------------------------------------------------------------
// CPU time of the server processes
// ---------------------------------------------------------------------------

const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

/** utime + stime of one process, in ms (fields 14 and 15 of /proc/<pid>/stat, after the comm). */
function cpuMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK;
}

/** The processes whose CPU time counts: Prosody / ejabberd's VM / the cluster's nodes and HAProxy. */
function serverPids(server) {
  if (server.kind !== 'ejabberd-cluster') return { [server.kind]: server.pid };
  const { epmd, ...rest } = server.pids; // epmd only answers name look-ups
  void epmd;
  return rest;
}

const commOf = (pid) => readFileSync(`/proc/${pid}/comm`, 'utf8').trim();

// ---------------------------------------------------------------------------
// The page
// ---------------------------------------------------------------------------

/** The core bundle's folder, made in main(). */
let SNAPSHOT;
const PAGE = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>fan-out</title><script src="/core.js"></script></head><body></body></html>';

function serve(req, res) {
  const path = new URL(req.url, `http://${HOST}`).pathname;
  if (path === '/fanout.html') {
    res.writeHead(200, { 'content-type': 'text/html', 'cache-control': 'no-store' });
    return res.end(PAGE);
  }
  if (path === '/core.js') {
    res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' });
    return res.end(readFileSync(join(SNAPSHOT, 'core.js')));
  }
  res.writeHead(404, { 'content-type': 'text/plain' });
  return res.end('not found');
}

/** In the page: one connection and its room. Resolves when joined; rejects when it fails or times out. */
const IN_PAGE = `
window.__fan = {
  open(index, options, roomJid, nick, timeout) {
    const { Connection, StropheTransport, MucRoom } = window.XmppInternal;
    const connection = new Connection(new StropheTransport(options), options);
    const room = new MucRoom(connection, roomJid, { nick, history: 0 });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(nick + ': not in the room after ' + timeout + ' ms (connection ' + connection.status + ', room ' + room.state + ')')), timeout);
      room.on('change', () => { if (room.state === 'joined') { clearTimeout(timer); resolve({ connection, room }); } });
      room.on('error', (e) => { clearTimeout(timer); reject(new Error(nick + ': room error ' + (e.condition || e))); });
      connection.on('status', (s) => {
        if (s === 'online') room.join();
        else if (s === 'failed' || s === 'auth-failed') { clearTimeout(timer); reject(new Error(nick + ': connection ' + s)); }
      });
      connection.start();
    });
  },
};
true`;

async function runOne(browser, base, server, n, transport) {
  const page = await browser.newPage();
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  try {
    await page.goto(`${base}/fanout.html`);
    await page.evaluate(IN_PAGE);
    const room = `fanout-${n}-${transport}-${Date.now().toString(36)}@${server.mucDomain}`;
    const bosh = new URL(server.boshUrl);
    const options = (i) => (transport === 'ws'
      ? { wsUrl: server.wsUrl, jid: server.guestDomain }
      : { boshUrl: `http://g${i}.fanout.test:${bosh.port}${bosh.pathname}`, jid: server.guestDomain });

    // The peer first: it creates the room (and owns it).
    await page.evaluate(async (opts, roomJid, timeout) => {
      const { connection, room: r } = await window.__fan.open(-1, opts, roomJid, 'peer', timeout);
      window.__peer = { connection, room: r };
    }, options('peer'), room, 60_000);

    // The guests, --join-concurrency at a time.
    const joined = await page.evaluate(async (n, opts, roomJid, concurrency, timeout, messages) => {
      const fan = window.__fan;
      fan.guests = [];
      fan.received = new Float64Array(n * messages).fill(NaN);
      fan.errors = [];
      const t0 = performance.now();
      let next = 0;
      let joinedCount = 0;
      let lastJoin = t0;
      const worker = async () => {
        while (next < n) {
          const i = next++;
          try {
            const g = await fan.open(i, opts[i], roomJid, `guest${i}`, timeout);
            g.room.on('message', (m) => {
              const k = /^fan (\d+)$/.exec(m.body ?? '');
              if (k && Number(k[1]) < messages) fan.received[i * messages + Number(k[1])] = performance.now();
            });
            fan.guests[i] = g;
            joinedCount += 1;
            lastJoin = performance.now();
          } catch (error) {
            fan.errors.push(String(error.message ?? error));
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, n) }, worker));
      return { joined: joinedCount, joinMs: lastJoin - t0, errors: fan.errors.slice(0, 5) };
    }, n, Array.from({ length: n }, (_, i) => options(i)), room, CONCURRENCY, JOIN_TIMEOUT, MESSAGES);
    console.error(`    ${joined.joined}/${n} joined in ${(joined.joinMs / 1000).toFixed(1)} s${joined.errors.length ? `; first errors: ${joined.errors.join(' | ')}` : ''}`);
    // Before speaking, the peer sees everyone in (its presences may trail the guests' own joins).
    const occupants = await page.evaluate(async (expected, timeout) => {
      const end = performance.now() + timeout;
      while (window.__peer.room.occupants.length < expected && performance.now() < end) await new Promise((r) => setTimeout(r, 50));
      return window.__peer.room.occupants.length;
    }, joined.joined + 1, 30_000);

    // The speaking phase, with the servers' CPU time around it.
    const pids = serverPids(server);
    const before = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuMs(pid)]));
    const pageBefore = await page.metrics();
    const sent = await page.evaluate(async (messages, pace, grace) => {
      const fan = window.__fan;
      const sentAt = [];
      for (let k = 0; k < messages; k++) {
        sentAt.push(performance.now());
        window.__peer.room.send(`fan ${k}`);
        await new Promise((r) => setTimeout(r, pace));
      }
      // Until every joined guest has every message, or the grace period is over.
      const expected = fan.guests.filter(Boolean).length * messages;
      const end = performance.now() + grace;
      while (performance.now() < end) {
        let got = 0;
        for (const t of fan.received) if (!Number.isNaN(t)) got += 1;
        if (got >= expected) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      sentAt.push(performance.now());
      return sentAt;
    }, MESSAGES, PACE, GRACE);
    const after = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuMs(pid)]));
    const cpu = Object.fromEntries(Object.keys(pids).map((name) => [name, after[name] - before[name]]));
    // How busy the page's main thread was (CDP TaskDuration, s): near the phase's length, the page is the bottleneck.
    const pageAfter = await page.metrics();
    const pageBusy = (pageAfter.TaskDuration - pageBefore.TaskDuration) * 1000;
    const endedAt = sent.pop();
    const phase = endedAt - sent[0];

    const received = Array.from(await page.evaluate(() => Array.from(window.__fan.received)));
    // Who missed what, and in what state their connection and room were at the end.
    const states = await page.evaluate(() => window.__fan.guests.map((g) => (g ? `${g.connection.status}/${g.room.state}` : 'not joined')));
    const latencies = [];
    let missing = 0;
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < MESSAGES; k++) {
        const t = received[i * MESSAGES + k];
        if (Number.isNaN(t) || t === null) missing += 1;
        else latencies.push(t - sent[k]);
      }
    }
    // A message late for every guest was late leaving the peer (or the room): the largest such delay.
    let senderLag = 0;
    for (let k = 0; k < MESSAGES; k++) {
      let first = Infinity;
      for (let i = 0; i < n; i++) {
        const t = received[i * MESSAGES + k];
        if (t !== null && !Number.isNaN(t)) first = Math.min(first, t - sent[k]);
      }
      if (first !== Infinity) senderLag = Math.max(senderLag, first);
      if (process.env.FANOUT_DEBUG) console.error(`    message ${k}: sent at ${fmt(sent[k] - sent[0])} ms, first guest after ${fmt(first)} ms`);
    }
    const short = [];
    for (let i = 0; i < n; i++) {
      const got = received.slice(i * MESSAGES, (i + 1) * MESSAGES).filter((t) => t !== null && !Number.isNaN(t)).length;
      if (got < MESSAGES) short.push(`guest${i} got ${got} (${states[i] ?? 'not joined'})`);
    }
    // Leave: every connection logs out, so the server ends the sessions now.
    await page.evaluate(() => {
      for (const g of window.__fan.guests) g?.connection.logout(false);
      window.__peer.connection.logout(false);
    }).catch(() => {});
    await new Promise((r) => setTimeout(r, 1000));
    return {
      joined: joined.joined, joinMs: joined.joinMs, occupants, errors: joined.errors,
      p50: quantile(latencies, 0.5), p95: quantile(latencies, 0.95), max: latencies.length ? Math.max(...latencies) : NaN,
      deliveries: n * MESSAGES, missing, short, senderLag, cpu, pageBusy, phase, pageErrors: pageErrors.slice(0, 3),
    };
  } finally {
    await page.close().catch(() => {});
  }
}

// ---------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------

const cleanups = [];
async function cleanup() {
  while (cleanups.length) await cleanups.pop()().catch((e) => console.error(`bench/fanout: cleanup: ${e.message}`));
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    console.error(`bench/fanout: ${signal}, stopping everything`);
    cleanup().finally(() => process.exit(130));
  });
}

function machine() {
  const model = readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.*)$/m)?.[1] ?? 'unknown CPU';
  return `${cpus().length} cores, ${model}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM`;
}

function version(cmd, argv, re) {
  try {
    const out = execFileSync(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'] }).toString();
    return out.match(re)?.[1] ?? out.trim().split('\n')[0];
  } catch (error) {
    const out = `${error.stdout ?? ''}${error.stderr ?? ''}`;
    return out.match(re)?.[1] ?? 'unknown';
  }
}
const debVersion = (pkg) => version('dpkg-query', ['-W', '-f=${Version}', pkg], /^(.+)$/);

const fmt = (v) => (v === undefined || Number.isNaN(v) ? 'n/a' : Math.round(v).toString());

async function main() {
  const internal = join(ROOT, 'dist/internal.js');
  // A build in progress (another terminal) empties dist/ for a while.
  for (let waited = 0; !existsSync(internal); waited += 1000) {
    if (waited >= 120_000) throw new Error('dist/internal.js is missing: run `npm run build` first');
    if (waited === 0) console.error('bench/fanout: waiting for dist/internal.js (a build running?)');
    await new Promise((r) => setTimeout(r, 1000));
  }
  console.error(`bench/fanout: dist/internal.js built ${statSync(internal).mtime.toISOString()}`);
  SNAPSHOT = mkdtempSync(join(tmpdir(), 'xmpp-fanout-'));
  cleanups.push(async () => rmSync(SNAPSHOT, { recursive: true, force: true }));
  await bundleCore(join(SNAPSHOT, 'core.js'));

  const http = createServer(serve);
  await new Promise((r) => http.listen(0, HOST, r));
  cleanups.push(() => new Promise((r) => { http.closeAllConnections?.(); http.close(() => r()); }));
  const base = `http://${HOST}:${http.address().port}`;

  const load = loadavg().map((l) => l.toFixed(2)).join(', ');
  const started = new Date();
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [...CHROMIUM_ARGS, '--host-resolver-rules=MAP *.fanout.test 127.0.0.1'],
    protocolTimeout: JOIN_TIMEOUT + 120_000,
  });
  const chromePid = browser.process()?.pid;
  cleanups.push(async () => {
    await Promise.race([browser.close(), new Promise((r) => setTimeout(r, 10_000))]);
    if (chromePid) try { process.kill(chromePid, 'SIGKILL'); } catch { /* gone */ }
  });
  const chromium = await browser.version();

  const rows = [];
  const servers = {};
  for (const kind of SERVERS) {
    console.error(`bench/fanout: starting ${kind}...`);
    const server = await startServer(kind);
    const stop = () => server.stop();
    cleanups.push(stop);
    servers[kind] = Object.entries(serverPids(server)).map(([name, pid]) => `${name} pid ${pid} (${commOf(pid)})`).join(', ');
    try {
      for (const n of GUESTS) {
        for (const transport of TRANSPORTS) {
          console.error(`  ${kind}, ${n} guests, ${transport}...`);
          const t = Date.now();
          try {
            const r = await runOne(browser, base, server, n, transport);
            rows.push({ kind, n, transport, ...r });
            console.error(`    done in ${((Date.now() - t) / 1000).toFixed(1)} s: p50 ${fmt(r.p50)} ms, p95 ${fmt(r.p95)} ms, missing ${r.missing}/${r.deliveries}, CPU ${JSON.stringify(r.cpu)}, page busy ${fmt(r.pageBusy)} of ${fmt(r.phase)} ms`);
          } catch (error) {
            rows.push({ kind, n, transport, failed: error.message });
            console.error(`    FAILED: ${error.message}`);
          }
        }
      }
    } finally {
      cleanups.splice(cleanups.indexOf(stop), 1);
      await server.stop();
    }
  }

  const versions = [
    `Chromium ${chromium.replace(/^\D+/, '')}`,
    SERVERS.includes('prosody') && `Prosody ${debVersion('prosody')}`,
    SERVERS.some((k) => k.startsWith('ejabberd')) && `ejabberd ${debVersion('ejabberd')}`,
    SERVERS.includes('ejabberd-cluster') && `HAProxy ${debVersion('haproxy')}`,
  ].filter(Boolean).join(', ');
  console.log(`\nFan-out, ${started.toISOString().replace(/\.\d+Z$/, 'Z')}: ${machine()}; load average at start ${load} (1, 5, 15 min).`);
  console.log(`${versions}. One room, one peer sending ${MESSAGES} messages ${PACE} ms apart; guests joined ${CONCURRENCY} at a time; BOSH guests each on a host name of their own.\n`);
  console.log('| server | guests | transport | joined | join all (ms) | p50 (ms) | p95 (ms) | max (ms) | missing | server CPU (ms) | page busy (ms of phase) |');
  console.log('| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows) {
    if (r.failed) {
      console.log(`| ${r.kind} | ${r.n} | ${r.transport} | failed: ${r.failed.replace(/\|/g, '/')} | | | | | | | |`);
      continue;
    }
    const cpuTotal = Object.values(r.cpu).reduce((a, b) => a + b, 0);
    const cpuParts = Object.keys(r.cpu).length > 1 ? ` (${Object.entries(r.cpu).map(([k, v]) => `${k} ${fmt(v)}`).join(', ')})` : '';
    console.log(`| ${r.kind} | ${r.n} | ${r.transport} | ${r.joined}/${r.n} | ${fmt(r.joinMs)} | ${fmt(r.p50)} | ${fmt(r.p95)} | ${fmt(r.max)} | ${r.missing} of ${r.deliveries} | ${fmt(cpuTotal)}${cpuParts} | ${fmt(r.pageBusy)} of ${fmt(r.phase)} |`);
  }
  console.log('\njoin all: first guest started -> last guest in the room. p50/p95/max: peer\'s send() -> a guest\'s MucRoom message event, over all deliveries.');
  console.log('server CPU: utime+stime of the server processes over the speaking phase. page busy: the page\'s main-thread task time over the phase, of its length.');
  console.log(`\nServer processes: ${Object.entries(servers).map(([k, v]) => `${k}: ${v}`).join('; ')}.`);
  for (const r of rows) {
    if (r.errors?.length) console.log(`${r.kind} ${r.n} ${r.transport}: ${r.errors.join(' | ')}`);
    if (r.occupants !== undefined && r.occupants !== r.joined + 1) console.log(`${r.kind} ${r.n} ${r.transport}: the peer saw ${r.occupants} occupants (expected ${r.joined + 1})`);
    if (r.senderLag > 1000) console.log(`${r.kind} ${r.n} ${r.transport}: one message reached its first guest only ${fmt(r.senderLag)} ms after the peer's send (a stall before the fan-out: the peer's session or the room)`);
    if (r.short?.length) console.log(`${r.kind} ${r.n} ${r.transport}: ${r.short.length} guests short of ${MESSAGES}: ${r.short.slice(0, 8).join(', ')}${r.short.length > 8 ? ', ...' : ''}`);
    if (r.pageErrors?.length) console.log(`${r.kind} ${r.n} ${r.transport}: page errors: ${r.pageErrors.join(' | ')}`);
  }
}

main()
  .catch((error) => {
    console.error(`bench/fanout: ${error.stack ?? error.message}`);
    process.exitCode = 1;
  })
  .finally(cleanup);
