#!/usr/bin/env node
/**
 * `npm run bench`: xmpp-elements against Converse.js 14, same Prosody, same Chromium.
 *
 *   node bench/run.mjs [--samples 20] [--bulk 10000] [--only ours|converse]
 *
 * Starts a throw-away Prosody (scripts/xmpp-server.mjs) and a small static server on
 * 127.0.0.1 serving dist/xmpp-elements.js and its folder dist/xmpp-elements/ (the loader and
 * what it loads, as a page owner deploys them; run `npm run build` first) and
 * Converse.js's dist/ (installed on first use by bench/converse.mjs: not a devDependency). Drives Debian's Chromium through puppeteer-core.
 * The other person in the room is a "peer" page running our core (Connection + MucRoom
 * from dist/internal.js, bundled here with esbuild as the XmppInternal global), so both
 * clients meet the same peer.
 *
 * Figures, per client:
 *   cold load    navigation start -> 50 history messages in the DOM (fresh browser context)
 *   receive      peer's send() -> the text in the client's DOM (MutationObserver), p50/p95, BOSH and WebSocket
 *   send         Enter in the client -> the peer's room receives it, p50/p95, BOSH and WebSocket
 *   bulk         the peer sends N messages: first send -> last one in the DOM; JS heap after GC
 *                (CDP Runtime.getHeapUsage), DOM nodes (shadow roots included), frame times while
 *                scrolling the list with mouse-wheel events (CDP Input.dispatchMouseEvent)
 *   bytes        gzip -9 size of every JS and CSS file the cold-load page fetched
 */
import { createServer } from 'node:http';
import { copyFileSync, cpSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';
import puppeteer from 'puppeteer-core';
import { startXmppServer } from '../scripts/xmpp-server.mjs';
import { CHROMIUM, CHROMIUM_ARGS } from '../scripts/chromium.mjs';
import { converseDist } from './converse.mjs';
import { ROOT, bundleCore, quantile, waitFor } from './common.mjs';

const HOST = '127.0.0.1';
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const SAMPLES = Number(opt('samples', 20));
const BULK = Number(opt('bulk', 10000));
const ONLY = opt('only', '');
const BULK_TIMEOUT = Number(opt('bulk-timeout', 300)) * 1000;

// ---------------------------------------------------------------------------
// Pages
// ---------------------------------------------------------------------------

const TYPES = { '.js': 'text/javascript', '.css': 'text/css', '.html': 'text/html', '.json': 'application/json', '.wasm': 'application/wasm', '.svg': 'image/svg+xml', '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf', '.mp3': 'audio/mpeg', '.ogg': 'audio/ogg', '.png': 'image/png' };
// A snapshot of the bundle, so a rebuild during the run cannot pull it away.
const SNAPSHOT = mkdtempSync(join(tmpdir(), 'xmpp-bench-'));
// Converse.js only when it is measured: installed on demand (bench/converse.mjs).
const MOUNTS = { '/dist/': SNAPSHOT, ...(ONLY === 'ours' ? {} : { '/converse/': converseDist() }) };

const page = (head, body = '') => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title>${head}</head><body>${body}</body></html>`;
const PAGES = {
  '/ours.html': page('<script src="/dist/xmpp-elements.js"></script><script src="/bench/ours.js" defer></script><link rel="stylesheet" href="/bench/page.css">'),
  '/converse.html': page('<link rel="stylesheet" href="/converse/converse.min.css"><link rel="stylesheet" href="/bench/page.css"><script type="module" src="/converse/converse.min.js"></script><script type="module" src="/bench/converse.js"></script>', '<div id="conversejs-bench"></div>'),
  '/peer.html': page('<script src="/dist/peer.js"></script>'),
};
const SCRIPTS = {
  '/bench/page.css': 'html, body { margin: 0; height: 100%; } xmpp-room { --xmpp-room-height: 100vh; } #conversejs-bench, converse-root { display: block; height: 100vh; }',
  '/bench/ours.js': `
    const q = new URLSearchParams(location.search);
    const el = document.createElement('xmpp-room');
    el.setAttribute(q.get('ws') ? 'ws-url' : 'bosh-url', q.get('ws') || q.get('bosh'));
    el.setAttribute('jid', q.get('guest'));
    el.setAttribute('room-jid', q.get('room'));
    el.setAttribute('nick', 'client');
    el.setAttribute('history', '50');
    document.body.append(el);`,
  '/bench/converse.js': `
    const q = new URLSearchParams(location.search);
    converse.initialize({
      ...(q.get('ws') ? { websocket_url: q.get('ws') } : { bosh_service_url: q.get('bosh') }),
      authentication: 'anonymous',
      jid: q.get('guest'),
      auto_login: true,
      view_mode: 'embedded',
      singleton: true,
      auto_join_rooms: [q.get('room')],
      nickname: 'client',
      muc_nickname_from_jid: false,
      assets_path: '/converse/',
      discover_connection_methods: false,
      persistent_store: 'IndexedDB',
      clear_cache_on_logout: true,
      loglevel: 'error',
      play_sounds: false,
      show_desktop_notifications: false,
      muc_show_logs_before_join: true,
      archived_messages_page_size: 50,
    });`,
};

/** Paths of JS and CSS files served, for the byte count. */
const served = new Set();

function serve(req, res) {
  const url = new URL(req.url, `http://${HOST}`);
  const send = (status, body, type) => {
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
    res.end(body);
  };
  if (PAGES[url.pathname]) return send(200, PAGES[url.pathname], 'text/html');
  if (SCRIPTS[url.pathname]) return send(200, SCRIPTS[url.pathname], TYPES[extname(url.pathname)]);
  for (const [prefix, dir] of Object.entries(MOUNTS)) {
    if (!url.pathname.startsWith(prefix)) continue;
    const file = normalize(join(dir, decodeURIComponent(url.pathname.slice(prefix.length))));
    if (!file.startsWith(dir)) break;
    try {
      const body = readFileSync(file);
      if (/\.(js|css)$/.test(file)) served.add(file);
      return send(200, body, TYPES[extname(file)] ?? 'application/octet-stream');
    } catch {
      break;
    }
  }
  return send(404, 'not found', 'text/plain');
}

// ---------------------------------------------------------------------------
// In-page adapters: where each client keeps its messages and its input
// ---------------------------------------------------------------------------

const ADAPTERS = {
  ours: `({
    root: () => document.querySelector('xmpp-room')?.shadowRoot,
    bodies: () => [...(document.querySelector('xmpp-room')?.shadowRoot?.querySelectorAll('[part~="message-body"]') ?? [])],
    input: () => document.querySelector('xmpp-room')?.shadowRoot?.querySelector('textarea[part~="input"]'),
    list: () => document.querySelector('xmpp-room')?.shadowRoot?.querySelector('[part~="messages"]'),
    joined: () => document.querySelector('xmpp-room')?.shadowRoot?.querySelector('[part~="send-button"]')?.disabled === false,
  })`,
  converse: `({
    root: () => document.body,
    bodies: () => [...document.querySelectorAll('.chat-msg__text')],
    input: () => document.querySelector('textarea.chat-textarea'),
    list: () => document.querySelector('.chat-content__messages')?.closest('.chat-content') ?? document.querySelector('.chat-content'),
    joined: () => !!document.querySelector('textarea.chat-textarea'),
  })`,
};

async function installAdapter(p, client) {
  await p.evaluate(`window.__a = ${ADAPTERS[client]};
    window.__now = () => performance.timeOrigin + performance.now();
    window.__waitText = (token) => new Promise((resolve) => {
      const a = window.__a;
      const check = () => { const b = a.bodies(); for (let i = b.length - 1; i >= Math.max(0, b.length - 8); i--) if ((b[i].textContent || '').includes(token)) return true; return false; };
      if (check()) return resolve(window.__now());
      const mo = new MutationObserver(() => { if (check()) { mo.disconnect(); resolve(window.__now()); } });
      mo.observe(a.root(), { subtree: true, childList: true, characterData: true });
    });
    window.__enterAt = 0;
    window.addEventListener('keydown', (e) => { if (e.key === 'Enter') window.__enterAt = window.__now(); }, true);
    true`);
}

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

async function startPeer(browser, base, xmpp, room) {
  const p = await browser.newPage();
  await p.goto(`${base}/peer.html`);
  await p.evaluate(
    (bosh, guest, roomJid) =>
      new Promise((resolve, reject) => {
        const { Connection, StropheTransport, MucRoom } = window.XmppInternal;
        const options = { boshUrl: bosh, jid: guest };
        const connection = new Connection(new StropheTransport(options), options);
        const mucRoom = new MucRoom(connection, roomJid, { nick: 'peer', history: 0 });
        window.__room = mucRoom;
        window.__got = new Map();
        mucRoom.on('message', (m) => { if (!m.outgoing) window.__got.set(m.body, performance.timeOrigin + performance.now()); });
        mucRoom.on('change', () => { if (mucRoom.state === 'joined') resolve(); });
        connection.on('status', (s) => { if (s === 'failed') reject(new Error('peer failed')); else if (s === 'online') mucRoom.join(); });
        connection.start();
        setTimeout(() => reject(new Error('peer did not join')), 15000);
      }),
    xmpp.boshUrl, xmpp.guestDomain, room,
  );
  return p;
}

async function peerSend(peer, bodies, burst = 200) {
  await peer.evaluate(async (all, size) => {
    for (let i = 0; i < all.length; i += size) {
      for (const b of all.slice(i, i + size)) window.__room.send(b);
      await new Promise((r) => setTimeout(r, 100));
    }
  }, bodies, burst);
}

let roomCounter = 0;
const newRoom = (xmpp, prefix) => `${prefix}-${Date.now().toString(36)}-${++roomCounter}@${xmpp.mucDomain}`;

async function openClient(browser, base, client, xmpp, room, transport) {
  const context = await browser.createBrowserContext();
  const p = await context.newPage();
  const errors = [];
  p.on('pageerror', (e) => errors.push(String(e)));
  const q = new URLSearchParams({ guest: xmpp.guestDomain, room, ...(transport === 'ws' ? { ws: xmpp.wsUrl } : { bosh: xmpp.boshUrl }) });
  await p.goto(`${base}/${client}.html?${q}`, { waitUntil: 'domcontentloaded' });
  await installAdapter(p, client);
  return { p, context, errors };
}

// ---------------------------------------------------------------------------
// Measurements
// ---------------------------------------------------------------------------

async function coldLoad(browser, base, client, xmpp) {
  const room = newRoom(xmpp, `cold-${client}`);
  const peer = await startPeer(browser, base, xmpp, room);
  await peerSend(peer, Array.from({ length: 50 }, (_, i) => `history message ${i}`), 50);
  await peer.evaluate(() => new Promise((r) => { const t = setInterval(() => { if (window.__room.timeline.every((i) => i.kind !== 'message' || !i.message.pending)) { clearInterval(t); r(); } }, 20); }));
  served.clear();
  const { p, context, errors } = await openClient(browser, base, client, xmpp, room, 'bosh');
  const ms = await p.evaluate(() => new Promise((resolve) => {
    // Prosody sends at most its max_history_messages (20 by default) with the join; a client that
    // also pages the archive shows more. Done: joined, and the newest history message on screen.
    const tick = () => (window.__a.joined() && window.__a.bodies().some((b) => b.textContent.includes('history message 49'))
      ? resolve(performance.now()) : requestAnimationFrame(tick));
    tick();
    setTimeout(() => resolve(-1), 60000);
  }));
  const historyShown = await p.evaluate(() => window.__a.bodies().filter((b) => b.textContent.includes('history message')).length);
  const files = [...served];
  const gz = (re) => files.filter((f) => re.test(f)).reduce((n, f) => n + gzipSync(readFileSync(f), { level: 9 }).length, 0);
  await context.close();
  await peer.close();
  if (ms < 0) throw new Error(`${client}: 50 history messages never showed (${errors.join('; ')})`);
  return { coldLoad: ms, historyShown, jsGzip: gz(/\.js$/), cssGzip: gz(/\.css$/), files: files.map((f) => f.replace(ROOT, '')) };
}

async function latency(browser, base, client, xmpp, transport) {
  const room = newRoom(xmpp, `lat-${client}-${transport}`);
  const peer = await startPeer(browser, base, xmpp, room);
  const { p, context } = await openClient(browser, base, client, xmpp, room, transport);
  await waitFor(p, () => window.__a.joined(), 30000, `${client} to join over ${transport}`);
  const receive = [];
  const send = [];
  for (let i = 0; i < SAMPLES; i++) {
    const token = `recv-${i}-${Math.random().toString(36).slice(2, 8)}`;
    await p.evaluate((t) => { window.__pending = window.__waitText(t); }, token);
    const t0 = await peer.evaluate((t) => { const at = performance.timeOrigin + performance.now(); window.__room.send(t); return at; }, token);
    const t1 = await p.evaluate(() => window.__pending);
    receive.push(t1 - t0);

    const out = `send-${i}-${Math.random().toString(36).slice(2, 8)}`;
    await p.evaluate((t) => { const input = window.__a.input(); input.focus(); input.value = t; input.dispatchEvent(new Event('input', { bubbles: true, composed: true })); }, out);
    await p.keyboard.press('Enter');
    await waitFor(peer, (t) => window.__got.has(t), 10000, `the peer to receive ${out}`, out);
    const got = await peer.evaluate((t) => window.__got.get(t), out);
    const enter = await p.evaluate(() => window.__enterAt);
    send.push(got - enter);
  }
  await context.close();
  await peer.close();
  return { receive, send };
}

async function bulk(browser, base, client, xmpp) {
  const room = newRoom(xmpp, `bulk-${client}`);
  const peer = await startPeer(browser, base, xmpp, room);
  const { p, context } = await openClient(browser, base, client, xmpp, room, 'bosh');
  await waitFor(p, () => window.__a.joined(), 30000, `${client} to join`);
  const last = `bulk ${BULK - 1}`;
  const done = p.evaluate((t, timeout) => Promise.race([window.__waitText(t), new Promise((r) => setTimeout(() => r(-1), timeout))]), last, BULK_TIMEOUT);
  const t0 = await peer.evaluate(() => performance.timeOrigin + performance.now());
  await peerSend(peer, Array.from({ length: BULK }, (_, i) => `bulk ${i}`));
  const t1 = await done;
  const result = { renderBulk: t1 < 0 ? NaN : t1 - t0 };
  if (t1 < 0) result.bulkShown = await p.evaluate(() => window.__a.bodies().length);
  const cdp = await p.createCDPSession();
  await cdp.send('HeapProfiler.collectGarbage');
  result.heap = (await cdp.send('Runtime.getHeapUsage')).usedSize;
  result.domNodes = await p.evaluate(() => {
    let n = 0;
    const walk = (root) => { const w = document.createTreeWalker(root, NodeFilter.SHOW_ALL); while (w.nextNode()) { n += 1; if (w.currentNode.shadowRoot) walk(w.currentNode.shadowRoot); } };
    walk(document);
    return n;
  });
  // Scroll up through the list with wheel events and record every frame interval.
  const box = await p.evaluate(() => { const r = window.__a.list().getBoundingClientRect(); return { x: r.x + r.width / 2, y: r.y + r.height / 2 }; });
  await p.mouse.move(box.x, box.y);
  await p.evaluate(() => { window.__frames = []; let last = performance.now(); const tick = (now) => { window.__frames.push(now - last); last = now; if (window.__frames.length < 100000) window.__raf = requestAnimationFrame(tick); }; window.__raf = requestAnimationFrame(tick); });
  for (let i = 0; i < 60; i++) {
    await p.mouse.wheel({ deltaY: -400 });
    await new Promise((r) => setTimeout(r, 16));
  }
  const frames = await p.evaluate(() => { cancelAnimationFrame(window.__raf); return window.__frames.slice(1); });
  result.frameP95 = quantile(frames, 0.95);
  result.frameMax = Math.max(...frames);
  await cdp.detach();
  await context.close();
  await peer.close();
  return result;
}

async function measure(browser, base, client, xmpp) {
  const out = { client };
  const step = async (name, fn) => {
    const started = Date.now();
    try {
      Object.assign(out, await fn());
      console.error(`  ${client}: ${name} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    } catch (error) {
      out.errors = [...(out.errors ?? []), `${name}: ${error.message}`];
      console.error(`  ${client}: ${name} FAILED: ${error.message}`);
    }
  };
  await step('cold load', () => coldLoad(browser, base, client, xmpp));
  for (const transport of ['bosh', 'ws']) {
    await step(`latency over ${transport}`, async () => {
      const { receive, send } = await latency(browser, base, client, xmpp, transport);
      return {
        [`recv_${transport}_p50`]: quantile(receive, 0.5), [`recv_${transport}_p95`]: quantile(receive, 0.95),
        [`send_${transport}_p50`]: quantile(send, 0.5), [`send_${transport}_p95`]: quantile(send, 0.95),
      };
    });
  }
  await step(`${BULK} messages`, () => bulk(browser, base, client, xmpp));
  return out;
}

// ---------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------

const ROWS = [
  ['coldLoad', 'cold load: navigation to joined with history on screen', 'ms'],
  ['historyShown', 'history messages on screen after cold load (of 50)', ''],
  ['recv_bosh_p50', 'receive latency BOSH p50', 'ms'], ['recv_bosh_p95', 'receive latency BOSH p95', 'ms'],
  ['send_bosh_p50', 'send latency BOSH p50', 'ms'], ['send_bosh_p95', 'send latency BOSH p95', 'ms'],
  ['recv_ws_p50', 'receive latency WebSocket p50', 'ms'], ['recv_ws_p95', 'receive latency WebSocket p95', 'ms'],
  ['send_ws_p50', 'send latency WebSocket p50', 'ms'], ['send_ws_p95', 'send latency WebSocket p95', 'ms'],
  ['renderBulk', `${BULK} messages: first send to last shown`, 'ms'],
  ['heap', `JS heap after ${BULK} messages (after GC)`, 'MB'],
  ['domNodes', `DOM nodes after ${BULK} messages`, ''],
  ['frameP95', 'frame time while scrolling, p95', 'ms'], ['frameMax', 'frame time while scrolling, max', 'ms'],
  ['jsGzip', 'JS loaded, gzip', 'KB'], ['cssGzip', 'CSS loaded, gzip', 'KB'],
];

function table(ours, converse) {
  const fmt = (v, unit) => (v === undefined || Number.isNaN(v) ? 'n/a' : unit === 'MB' ? (v / 1048576).toFixed(1) : unit === 'KB' ? (v / 1024).toFixed(1) : Math.round(v).toString());
  const lines = [
    '| figure | unit | xmpp-elements | Converse.js 14 | ratio (Converse / ours) |',
    '| --- | --- | ---: | ---: | ---: |',
  ];
  for (const [key, label, unit] of ROWS) {
    const a = ours?.[key];
    const b = converse?.[key];
    const ratio = a && b && !Number.isNaN(a) && !Number.isNaN(b) ? `${(b / a).toFixed(2)}×` : 'n/a';
    lines.push(`| ${label} | ${unit} | ${fmt(a, unit)} | ${fmt(b, unit)} | ${ratio} |`);
  }
  return lines.join('\n');
}

async function main() {
  const bundle = join(ROOT, 'dist/xmpp-elements.js');
  console.error(`bundle: dist/xmpp-elements.js built ${statSync(bundle).mtime.toISOString()}`);
  copyFileSync(bundle, join(SNAPSHOT, 'xmpp-elements.js'));
  cpSync(join(ROOT, 'dist/xmpp-elements'), join(SNAPSHOT, 'xmpp-elements'), { recursive: true });
  // The peer: our core (not public API), one classic script.
  await bundleCore(join(SNAPSHOT, 'peer.js'));
  const xmpp = await startXmppServer({ httpPort: 0 });
  const http = createServer(serve);
  await new Promise((r) => http.listen(0, HOST, r));
  const base = `http://${HOST}:${http.address().port}`;
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [...CHROMIUM_ARGS, '--window-size=1280,800'],
    defaultViewport: { width: 1280, height: 800 },
    // Converse can keep the page busy for minutes with 10,000 messages.
    protocolTimeout: BULK_TIMEOUT + 120_000,
  });
  try {
    const version = await browser.version();
    const results = {};
    for (const client of ['ours', 'converse']) {
      if (ONLY && ONLY !== client) continue;
      console.error(`measuring ${client}...`);
      results[client] = await measure(browser, base, client, xmpp);
    }
    console.log(`\n${new Date().toISOString().slice(0, 10)}, ${version}, ${(await import('node:os')).cpus().length} cores, ${SAMPLES} latency samples, Prosody on loopback\n`);
    console.log(table(results.ours, results.converse));
    for (const r of Object.values(results)) if (r.errors) console.log(`\n${r.client}: ${r.errors.join('\n  ')}`);
    for (const r of Object.values(results)) if (r.files) console.log(`\n${r.client} loaded: ${r.files.join(', ')}`);
    if (results.converse?.bulkShown !== undefined) console.log(`\nConverse showed ${results.converse.bulkShown} message bodies when the ${BULK_TIMEOUT / 1000} s limit ran out.`);
  } finally {
    await browser.close();
    http.close();
    await xmpp.stop();
    rmSync(SNAPSHOT, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`bench: ${error.stack ?? error.message}`);
  process.exit(1);
});
