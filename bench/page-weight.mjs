#!/usr/bin/env node
/**
 * What a page really loads: `npm run build && npm run bench:weight` (not a test).
 *
 * Starts a throw-away Prosody (scripts/xmpp-server.mjs) and a static server on 127.0.0.1 for dist/
 * and three pages, loads each in a fresh context of Debian's Chromium (scripts/chromium.mjs),
 * waits until its room is joined, and records every JS and CSS response the page received
 * (puppeteer's view of CDP Network events). Prints raw and gzip -9 bytes per file and per page:
 *
 *   guest-room    <script src="dist/xmpp-elements.js"> + one guest <xmpp-room> over BOSH
 *   all-elements  the loader + <xmpp-room>, <xmpp-chat>, <xmpp-roster>, <xmpp-presence>, signed in as alice
 *   bundle        <script src="dist/xmpp-elements.bundle.js"> + the same guest room, for comparison
 *
 * Options: --json (one JSON object on stdout instead of the tables).
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, constants } from 'node:zlib';
import puppeteer from 'puppeteer-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../scripts/chromium.mjs';
import { startServer } from '../scripts/xmpp-server.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'dist');
const HOST = '127.0.0.1';
const JOIN_TIMEOUT = 30_000;
const TYPES = { '.js': 'text/javascript', '.map': 'application/json', '.css': 'text/css', '.html': 'text/html' };
const json = process.argv.includes('--json');

const gzip = (buffer) => gzipSync(buffer, { level: constants.Z_BEST_COMPRESSION }).length;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

function pages(xmpp) {
  const room = `lobby@${xmpp.mucDomain}`;
  const html = (script, body) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>page weight</title>
${script}</head><body>${body}</body></html>`;
  const guestRoom = `<xmpp-room bosh-url="${xmpp.boshUrl}" jid="${xmpp.guestDomain}" room-jid="${room}" nick="visitor"></xmpp-room>`;
  const alice = `bosh-url="${xmpp.boshUrl}" jid="alice@${xmpp.domain}"`;
  return {
    '/guest-room.html': html('<script src="/dist/xmpp-elements.js"></script>', guestRoom),
    '/all-elements.html': html(
      '<script src="/dist/xmpp-elements.js"></script><script src="/sign-in.js" defer></script>',
      `<xmpp-presence ${alice}></xmpp-presence>
<xmpp-roster ${alice} for="chat"></xmpp-roster>
<xmpp-chat id="chat" ${alice} with="bob@${xmpp.domain}"></xmpp-chat>
<xmpp-room ${alice} room-jid="${room}" nick="alice"></xmpp-room>`,
    ),
    '/bundle.html': html('<script src="/dist/xmpp-elements.bundle.js"></script>', guestRoom),
    // Signs alice in once <xmpp-presence> is defined (one shared connection for all four).
    '/sign-in.js': `customElements.whenDefined('xmpp-presence').then(() =>
  document.querySelector('xmpp-presence').login('alice@${xmpp.domain}', ${JSON.stringify(xmpp.users.alice)}));`,
  };
}

function staticServer(routes) {
  const server = createServer((req, res) => {
    const url = new URL(req.url, `http://${HOST}`);
    const send = (status, body, type) => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    };
    if (routes[url.pathname]) return send(200, routes[url.pathname], TYPES[extname(url.pathname)]);
    if (url.pathname.startsWith('/dist/')) {
      const file = normalize(join(DIST, decodeURIComponent(url.pathname.slice('/dist/'.length))));
      if (file.startsWith(DIST)) {
        try {
          return send(200, readFileSync(file), TYPES[extname(file)] ?? 'application/octet-stream');
        } catch {
          // fall through to 404
        }
      }
    }
    return send(404, 'not found', 'text/plain');
  });
  return new Promise((resolve) => server.listen(0, HOST, () => resolve(server)));
}

/** Loads one page in a fresh context; resolves with the JS/CSS files it received once its room is joined. */
async function weigh(browser, base, path) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  const files = new Map();
  const pending = [];
  page.on('response', (response) => {
    const type = response.request().resourceType();
    const url = new URL(response.url());
    if (!['script', 'stylesheet'].includes(type) && !/\.(m?js|css)$/.test(url.pathname)) return;
    if (url.pathname === '/sign-in.js') return; // the benchmark's own helper, not ours
    pending.push(
      response.buffer().then((body) => files.set(url.pathname, { file: url.pathname, raw: body.length, gzip: gzip(body) })),
    );
  });
  const started = Date.now();
  await page.goto(base + path, { waitUntil: 'load' });
  // Joined: the room lists its occupants (our own nick among them) and its composer is enabled.
  await page.waitForFunction(
    () => {
      const root = document.querySelector('xmpp-room')?.shadowRoot;
      return !!root?.querySelector('[part~="occupant"]') && root.querySelector('[part~="send-button"]')?.disabled === false;
    },
    { timeout: JOIN_TIMEOUT },
  );
  const joinedMs = Date.now() - started;
  // Let what the join started arrive too (a language table, a Strophe part), then read the bodies.
  await new Promise((resolve) => setTimeout(resolve, 500));
  await Promise.all(pending);
  await context.close();
  const list = [...files.values()].sort((a, b) => a.file.localeCompare(b.file));
  return {
    path,
    joinedMs,
    files: list,
    raw: list.reduce((n, f) => n + f.raw, 0),
    gzip: list.reduce((n, f) => n + f.gzip, 0),
  };
}

async function main() {
  const xmpp = await startServer('prosody');
  const http = await staticServer(pages(xmpp));
  const base = `http://${HOST}:${http.address().port}`;
  const browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true, args: [...CHROMIUM_ARGS] });
  try {
    const results = [];
    for (const path of ['/guest-room.html', '/all-elements.html', '/bundle.html']) results.push(await weigh(browser, base, path));
    if (json) {
      console.log(JSON.stringify({ chromium: await browser.version(), results }, null, 2));
      return;
    }
    console.log(`${await browser.version()}, Prosody on ${HOST}; every JS/CSS response, gzip -9 of each file:\n`);
    for (const r of results) {
      console.log(`${r.path}: ${r.files.length} files, ${kb(r.raw)} raw, ${kb(r.gzip)} gzip (${r.gzip} bytes); joined after ${r.joinedMs} ms`);
      for (const f of r.files) console.log(`  ${f.file.padEnd(62)} ${kb(f.raw).padStart(9)} ${kb(f.gzip).padStart(9)}`);
      console.log('');
    }
  } finally {
    await browser.close();
    http.close();
    await xmpp.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
