#!/usr/bin/env node
// What pages load, in raw and gzip -9 bytes, and a failure when one is over its budget.
// `npm run size` (after `npm run build`, which runs this as its last step).
//
// A page that writes <script src="xmpp-elements.js"> (the loader) loads the module of each element
// it uses from dist/xmpp-elements/ plus the chunks those import statically, each file once. What it
// loads later on demand (Strophe's WebSocket and password parts, the zh-CN table, the room
// configuration form) is listed apart; the signed-in page counts the password part, since it logs in.
// `bench/page-weight.mjs` measures the same pages in Chromium.
import { readFileSync, readdirSync } from 'node:fs';
import { join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, constants } from 'node:zlib';
import { parseAst } from 'rollup/parseAst';

const root = fileURLToPath(new URL('..', import.meta.url));
const KB = 1024;

/**
 * Gzip budgets in KB (1 KB = 1024 bytes): what the pages must come to, through the loader.
 * The one-file bundles are no page budget: they carry every part a page loads on demand (rich
 * messages and their actions, the forms, the zh-CN table, Strophe's WebSocket and password
 * parts), for sites that cannot serve a folder; their ceiling only keeps them from growing
 * unseen. 80 -> 88 KB this round (issue 11 and 12): notifications and unread counts, the host
 * site's login (credentials-url, session-url), XEP-0156 discovery, XEP-0115 caps, XEP-0191
 * blocking and their message tables, each loaded on demand by the pages, all inside these.
 */
export const BUDGETS = {
  'guest-room page': 40,
  'all-elements page': 60,
  'dist/xmpp-elements.bundle.js': 88,
  'dist/xmpp-elements.esm.js': 88,
};

export const LOADER = 'dist/xmpp-elements.js';
export const MODULES = 'dist/xmpp-elements';

/** The pages: what each loads through the loader. */
export const PAGES = {
  'guest-room page': { modules: ['room'], parts: [] },
  'all-elements page': { modules: ['room', 'chat', 'roster', 'presence', 'launcher'], parts: ['strophe-part-sasl'] },
};

const kb = (bytes) => `${(bytes / KB).toFixed(1)} KB`;

export function gzipSize(buffer) {
  return gzipSync(buffer, { level: constants.Z_BEST_COMPRESSION }).length;
}

/** A file's imports (paths from the repo root): the static ones and the dynamic ones with a literal specifier. */
export function importsOf(file) {
  const ast = parseAst(readFileSync(join(root, file), 'utf8'));
  const found = { static: [], dynamic: [] };
  const add = (kind, spec) => {
    if (typeof spec === 'string' && spec.startsWith('.')) found[kind].push(posix.join(posix.dirname(file), spec));
  };
  (function walk(node) {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    if (node.type === 'ImportDeclaration' || node.type === 'ExportAllDeclaration' || node.type === 'ExportNamedDeclaration') {
      add('static', node.source?.value);
    } else if (node.type === 'ImportExpression' && node.source?.type === 'Literal') {
      add('dynamic', node.source.value);
    }
    for (const key in node) if (key !== 'type') walk(node[key]);
  })(ast);
  return found;
}

/** The files a set of entry files loads before they run: themselves and their static imports, transitively. */
export function staticClosure(entries) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const dep of importsOf(file).static) visit(dep);
  };
  entries.forEach(visit);
  return [...seen];
}

function chunkFiles() {
  return readdirSync(join(root, MODULES, 'chunks'))
    .filter((name) => name.endsWith('.js'))
    .map((name) => `${MODULES}/chunks/${name}`);
}

/** The chunk file whose name starts with `prefix-` (hash after it). */
function chunk(prefix) {
  const file = chunkFiles().find((f) => posix.basename(f).startsWith(`${prefix}-`));
  if (!file) throw new Error(`no chunk ${prefix}-*.js in ${MODULES}/chunks`);
  return file;
}

function measure(file) {
  const code = readFileSync(join(root, file));
  return { file, raw: code.length, gzip: gzipSize(code) };
}

/** Every file a page loads (loader, modules, static chunks, the parts it needs), each once. */
export function pageFiles(page) {
  const modules = page.modules.map((m) => `${MODULES}/${m}.js`);
  const parts = page.parts.map(chunk);
  return [LOADER, ...staticClosure([...modules, ...parts])];
}

/** Measures the pages and the bundles; returns true when all are within budget. */
export function checkSizes({ log = console.log } = {}) {
  let ok = true;
  const line = (label, raw, gzip, budgetKb) => {
    const over = budgetKb !== undefined && gzip > budgetKb * KB;
    if (over) ok = false;
    const budget = budgetKb === undefined ? '' : `  ${((gzip / (budgetKb * KB)) * 100).toFixed(0)}% of ${budgetKb} KB`;
    log(`  ${label.padEnd(58)} ${kb(raw).padStart(9)} raw ${kb(gzip).padStart(8)} gzip${budget}${over ? '  OVER BUDGET' : ''}`);
  };
  try {
    log('What pages load (gzip -9 of each file, summed; budgets in KB of 1024 bytes):');
    for (const [name, page] of Object.entries(PAGES)) {
      const files = pageFiles(page).map(measure);
      const sum = (key) => files.reduce((n, f) => n + f[key], 0);
      line(`${name} (${page.modules.join(', ')}${page.parts.length ? ' + password login' : ', guest over BOSH'})`, sum('raw'), sum('gzip'), BUDGETS[name]);
      for (const f of files) log(`      ${f.file.padEnd(54)} ${kb(f.raw).padStart(9)}     ${kb(f.gzip).padStart(8)}`);
    }
    const loaded = new Set(Object.values(PAGES).flatMap(pageFiles));
    const later = chunkFiles().filter((f) => !loaded.has(f));
    if (later.length) {
      log('  loaded on demand only (each with what it needs beyond the pages above):');
      for (const file of later) {
        const f = measure(file);
        log(`      ${f.file.padEnd(54)} ${kb(f.raw).padStart(9)}     ${kb(f.gzip).padStart(8)}`);
      }
    }
    log('One-file bundles (fetch no other file):');
    for (const file of ['dist/xmpp-elements.bundle.js', 'dist/xmpp-elements.esm.js']) {
      const f = measure(file);
      line(file, f.raw, f.gzip, BUDGETS[file]);
    }
  } catch (error) {
    log(`  ${error instanceof Error ? error.message : String(error)} (run \`npm run build\`)`);
    return false;
  }
  return ok;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (!checkSizes()) {
    console.error('size: a page or a bundle is over its gzip budget, or a file is missing.');
    process.exit(1);
  }
}
