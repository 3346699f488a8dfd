#!/usr/bin/env node
// `npm run build`: everything that gets published, from a clean dist/.
//   1. dist/**/*.js + .d.ts + maps   tsc -p tsconfig.build.json (bare 'lit' / 'strophe.js' imports, for bundlers)
//   2. rollup (rollup.config.mjs):
//      dist/xmpp-elements.js         the loader: a small classic script that loads what the page uses from
//      dist/xmpp-elements/           one ES module per element + shared chunks (self-contained, code-split)
//      dist/xmpp-elements.bundle.js  one classic script (IIFE, global XmppElements), everything inlined
//      dist/xmpp-elements.esm.js     the same as one ES module
//   3. custom-elements.json          @custom-elements-manifest/analyzer (custom-elements-manifest.config.mjs)
//      demo/docs/index.html,        scripts/docs.mjs: the element reference and the editors' custom data,
//      dist/vscode.html-custom-data.json   from the manifest
//   4. sizes                         scripts/size.mjs: what a guest-room page and an all-elements page load,
//                                    and the bundles, raw and gzip; fails over a budget
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAst } from 'rollup/parseAst';
import { checkSizes } from './size.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
const require = createRequire(import.meta.url);

function fail(message) {
  console.error(`build: ${message}`);
  process.exit(1);
}

/** Runs a package's CLI with this Node, from the repo root. */
function run(label, bin, args) {
  console.log(`\n> ${label}`);
  const started = Date.now();
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: root, stdio: 'inherit' });
  if (result.error) fail(`${label}: ${result.error.message}`);
  if (result.status !== 0) fail(`${label} failed (exit ${result.status ?? result.signal})`);
  console.log(`  (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

function* walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else yield path;
  }
}

console.log('> clean dist/');
rmSync(dist, { recursive: true, force: true });
rmSync(join(root, 'custom-elements.json'), { force: true });

// --inlineSources: src/ is not published, so the maps carry the TypeScript they point at.
run('tsc -p tsconfig.build.json', require.resolve('typescript/bin/tsc'), ['-p', 'tsconfig.build.json', '--inlineSources']);
const tests = [...walk(dist)].filter((file) => /\.test\.|[/\\]test[/\\]/.test(relative(dist, file)));
if (tests.length) fail(`tsc emitted test files: ${tests.map((f) => relative(root, f)).join(', ')}`);

run('rollup -c', join(root, 'node_modules/rollup/dist/bin/rollup'), ['-c']);
// The classic scripts must stay classic scripts: no module syntax may survive in them. The loader
// may use import() (valid in a classic script, the way it loads the modules); the one-file bundle
// fetches nothing, so not even that.
function moduleSyntaxIn(file, { allowDynamicImport }) {
  const found = [];
  (function find(node) {
    if (Array.isArray(node)) return node.forEach(find);
    if (!node || typeof node !== 'object') return;
    const type = node.type ?? '';
    if (/^(Import|Export)|^MetaProperty$/.test(type) && !(allowDynamicImport && type === 'ImportExpression')) found.push(`${type} at ${node.start}`);
    for (const key in node) if (key !== 'type') find(node[key]);
  })(parseAst(readFileSync(join(dist, file), 'utf8')));
  if (found.length) fail(`dist/${file} is not a classic script${allowDynamicImport ? '' : ' without imports'}: ${found.join(', ')}`);
}
moduleSyntaxIn('xmpp-elements.js', { allowDynamicImport: true });
moduleSyntaxIn('xmpp-elements.bundle.js', { allowDynamicImport: false });
// The split modules are self-contained: every import relative, no bare 'lit' or 'strophe.js'.
for (const file of walk(join(dist, 'xmpp-elements'))) {
  if (!file.endsWith('.js')) continue;
  const bare = [];
  (function find(node) {
    if (Array.isArray(node)) return node.forEach(find);
    if (!node || typeof node !== 'object') return;
    const source = /^(Import|Export(All|Named))Declaration$|^ImportExpression$/.test(node.type ?? '') ? node.source : undefined;
    if (source && !(source.type === 'Literal' && /^\.\.?\//.test(source.value))) bare.push(source.value ?? source.type);
    for (const key in node) if (key !== 'type') find(node[key]);
  })(parseAst(readFileSync(file, 'utf8')));
  if (bare.length) fail(`${relative(root, file)} imports what is not a relative file: ${bare.join(', ')}`);
}

run('cem analyze', require.resolve('@custom-elements-manifest/analyzer/cem.js'), ['analyze', '--quiet']);
const manifest = JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8'));
const tags = manifest.modules.flatMap((m) => (m.declarations ?? []).map((d) => d.tagName).filter(Boolean));
console.log(`  custom-elements.json: ${tags.map((t) => `<${t}>`).join(', ') || 'no elements!'}`);
if (!tags.length) fail('custom-elements.json lists no element');

// 4. the element reference (demo/docs/index.html, the demo's /docs/) and VS Code's custom data
//    (dist/vscode.html-custom-data.json, shipped; package.json "exports"), from the manifest.
run('scripts/docs.mjs', join(root, 'scripts/docs.mjs'), []);

console.log('');
if (!checkSizes()) fail('a page or a bundle is over its gzip budget');
