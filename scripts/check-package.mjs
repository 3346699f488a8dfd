#!/usr/bin/env node
// `npm run test:package` (CI: .ci/run, after the build): the package as npm users get it.
//   1. `npm pack` of a snapshot of the built package (package.json, README, LICENSE, dist/,
//      custom-elements.json): no source or test files in it, every file an export names is there.
//   2. A fresh project in a temp folder installs the tarball (and React, Vue, Svelte, Preact, Solid
//      for the framework entries, at the versions this repo's devDependencies have: npm takes
//      them from its cache when it can).
//   3. Node imports every export entry that is an ES module for Node (the element modules run
//      on lit's Node build and Strophe's Node build); the classic scripts and the browser-only
//      one-file modules are only resolved (they need a DOM).
//   4. esbuild bundles a browser app that imports the entries (and renders the React components),
//      with no warning.
//   5. tsc type-checks a small app (elements, events, the React components, the template types of
//      React, Preact, Solid, Vue and Svelte) under `moduleResolution: bundler` and `node16`, with
//      skipLibCheck off so our .d.ts files are checked too.
// Run `npm run build` first. Exits 1 with what failed; prints one line per step and a closing
// `N passed, N failed`. Keep it under a minute or so: it runs in every CI run.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const started = Date.now();
const results = [];
const keep = process.argv.includes('--keep');

/** Runs one check; `seconds` when it ran elsewhere (in parallel) and `fn` only judges its output. */
function step(name, fn, seconds) {
  const t0 = Date.now();
  try {
    const note = fn();
    results.push({ name, ok: true });
    console.log(`ok   ${name} (${(seconds ?? (Date.now() - t0) / 1000).toFixed(1)} s)${note ? `: ${note}` : ''}`);
    return true;
  } catch (error) {
    results.push({ name, ok: false });
    console.log(`FAIL ${name}\n${String(error.stdout ?? '')}${String(error.stderr ?? '')}${error.message}`.trimEnd());
    return false;
  }
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
/** The version of a devDependency as installed here, so the temp project gets the same one. */
const installed = (name) => JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;

if (!existsSync(join(ROOT, 'dist/main.js')) || !existsSync(join(ROOT, 'dist/xmpp-elements.js'))) {
  console.error('check-package: no build in dist/: run `npm run build` first');
  process.exit(1);
}

const work = mkdtempSync(join(tmpdir(), 'xmpp-elements-package-'));
const stage = join(work, 'stage');
const app = join(work, 'app');
let tarball = '';
let files = [];

// A snapshot, so a build running meanwhile (another shell) cannot change what is packed.
step('npm pack', () => {
  mkdirSync(stage);
  for (const name of ['package.json', 'README.md', 'LICENSE', 'custom-elements.json', 'dist']) {
    if (existsSync(join(ROOT, name))) cpSync(join(ROOT, name), join(stage, name), { recursive: true });
  }
  const [info] = JSON.parse(run(npm, ['pack', '--json', '--ignore-scripts', '--pack-destination', work], stage));
  tarball = join(work, info.filename);
  files = info.files.map((f) => f.path);
  const unwanted = files.filter((f) => /(^|\/)(src|test|bench|node_modules)\/|\.test\.|\.tsbuildinfo$/.test(f));
  if (unwanted.length) throw new Error(`files that should not be published: ${unwanted.slice(0, 10).join(', ')}`);
  // Every file an export names (wildcards: at least one match).
  const missing = [];
  for (const [key, target] of Object.entries(pkg.exports)) {
    for (const path of typeof target === 'string' ? [target] : Object.values(target)) {
      const re = new RegExp(`^${path.replace(/^\.\//, '').replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace('*', '.+')}$`);
      if (!files.some((f) => re.test(f))) missing.push(`${key} -> ${path}`);
    }
  }
  for (const field of ['main', 'module', 'types', 'customElements']) {
    if (pkg[field] && !files.includes(pkg[field].replace(/^\.\//, ''))) missing.push(`${field} -> ${pkg[field]}`);
  }
  if (missing.length) throw new Error(`exports naming files not in the package:\n  ${missing.join('\n  ')}`);
  return `${info.filename}, ${files.length} files, ${(info.size / 1024).toFixed(0)} KB packed, ${(info.unpackedSize / 1024).toFixed(0)} KB unpacked`;
});

const frameworks = ['react', 'react-dom', '@types/react', '@types/react-dom', 'vue', 'svelte', 'preact', 'solid-js'];
// Strophe.js's Node build needs its optional peer dependencies (WebSocket, an XML DOM and parser),
// as a Node user of the core would install them.
const stropheNode = Object.entries(JSON.parse(readFileSync(join(ROOT, 'node_modules/strophe.js/package.json'), 'utf8')).peerDependencies ?? {}).map(
  ([name, range]) => `${name}@${range}`,
);
const installedOk = step('install into a fresh project', () => {
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), `${JSON.stringify({ name: 'xmpp-elements-package-check', private: true, type: 'module' }, null, 2)}\n`);
  run(
    npm,
    ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error', tarball, ...frameworks.map((name) => `${name}@${installed(name)}`), ...stropheNode],
    app,
  );
  const got = JSON.parse(readFileSync(join(app, 'node_modules/xmpp-elements/package.json'), 'utf8')).version;
  if (got !== pkg.version) throw new Error(`installed version ${got}, packed ${pkg.version}`);
  return `xmpp-elements ${got} with ${[...frameworks, ...stropheNode].join(', ')}`;
});

if (installedOk) {
  // Entries Node cannot run: classic scripts (IIFE) and the self-contained browser modules. They are
  // resolved and their files checked; the bundle step loads the ESM one.
  const browserOnly = new Set(['./xmpp-elements.js', './xmpp-elements.bundle.js', './xmpp-elements.esm.js', './xmpp-elements/*']);
  const specifiers = (key) => {
    if (!key.includes('*')) return [key === '.' ? 'xmpp-elements' : `xmpp-elements/${key.slice(2)}`];
    const target = pkg.exports[key];
    const path = (typeof target === 'string' ? target : target.default).replace(/^\.\//, '');
    const [before, after] = path.split('*');
    return files
      .filter((f) => f.startsWith(before) && f.endsWith(after) && !f.endsWith('.map'))
      .map((f) => `xmpp-elements/${key.slice(2).replace('*', f.slice(before.length, f.length - after.length))}`);
  };
  step('node: import every entry', () => {
    const toImport = [];
    const resolveOnly = [];
    for (const key of Object.keys(pkg.exports)) {
      for (const specifier of specifiers(key)) (browserOnly.has(key) ? resolveOnly : toImport).push(specifier);
    }
    const script = `
      const run = ${JSON.stringify(toImport)};
      const resolveOnly = ${JSON.stringify(resolveOnly)};
      const { existsSync } = await import('node:fs');
      const { fileURLToPath } = await import('node:url');
      const failed = [];
      for (const s of resolveOnly) {
        try { if (!existsSync(fileURLToPath(import.meta.resolve(s)))) failed.push(s + ': no file'); } catch (e) { failed.push(s + ': ' + e.message); }
      }
      for (const s of run) {
        try { await import(s, s.endsWith('.json') ? { with: { type: 'json' } } : undefined); } catch (e) { failed.push(s + ': ' + (e.stack || e)); }
      }
      const main = await import('xmpp-elements');
      for (const name of ['XmppRoom', 'XmppChat', 'XmppRoster', 'XmppPresence', 'XmppLauncher', 'XmppStatusEvent']) if (typeof main[name] !== 'function') failed.push('xmpp-elements has no ' + name);
      const react = await import('xmpp-elements/react');
      for (const name of ['XmppRoom', 'XmppChat', 'XmppRoster', 'XmppPresence', 'XmppLauncher']) if (!react[name]) failed.push('xmpp-elements/react has no ' + name);
      if (failed.length) { console.error(failed.join('\\n')); process.exit(1); }
      console.log(run.length + ' imported, ' + resolveOnly.length + ' resolved');`;
    writeFileSync(join(app, 'import-all.mjs'), script);
    return run('node', ['import-all.mjs'], app).trim();
  });

  step('esbuild: bundle a browser app', () => {
    writeFileSync(
      join(app, 'app.jsx'),
      `import 'xmpp-elements';
import 'xmpp-elements/room.js';
import { XmppMessageEvent } from 'xmpp-elements/index.js';
import { Connection } from 'xmpp-elements/internal.js';
import { XmppRoom } from 'xmpp-elements/react';
import { createRoot } from 'react-dom/client';
import manifest from 'xmpp-elements/custom-elements.json';
console.log(XmppMessageEvent, Connection, manifest.schemaVersion);
createRoot(document.body).render(<XmppRoom roomJid="lobby@conference.example.org" onXmppStatus={(e) => console.log(e.detail.status)} />);
`,
    );
    writeFileSync(join(app, 'standalone.js'), "import 'xmpp-elements/xmpp-elements.esm.js';\n");
    const script = `
      import { build } from ${JSON.stringify(join(ROOT, 'node_modules/esbuild/lib/main.js'))};
      const sizes = [];
      for (const entry of ['app.jsx', 'standalone.js']) {
        const result = await build({ entryPoints: [entry], bundle: true, format: 'esm', platform: 'browser', jsx: 'automatic',
          define: { 'process.env.NODE_ENV': '"production"' }, minify: true, write: false, logLevel: 'silent', metafile: true });
        if (result.warnings.length) { console.error(JSON.stringify(result.warnings, null, 2)); process.exit(1); }
        const inputs = Object.keys(result.metafile.inputs);
        if (entry === 'app.jsx' && !inputs.some((i) => i.includes('node_modules/xmpp-elements/dist/react.js'))) { console.error('the react entry is not in the bundle'); process.exit(1); }
        sizes.push(entry + ' ' + Math.round(result.outputFiles[0].contents.length / 1024) + ' KB');
      }
      console.log(sizes.join(', '));`;
    writeFileSync(join(app, 'bundle.mjs'), script);
    return run('node', ['bundle.mjs'], app).trim();
  });

  writeFileSync(
    join(app, 'elements.ts'),
    `import { XmppRoom, XmppStatusEvent, type XmppMessageDetail, type Status } from 'xmpp-elements';
import { XmppChat } from 'xmpp-elements/chat.js';
import 'xmpp-elements/room.js';
import 'xmpp-elements/launcher.js';
import { XmppRoom as ReactRoom, XmppLauncher as ReactLauncher } from 'xmpp-elements/react';
import type { Connection } from 'xmpp-elements/internal.js';
import type {} from 'xmpp-elements/types/vue';
import type {} from 'xmpp-elements/types/svelte';
import type { GlobalComponents } from 'vue';
import type { SvelteHTMLElements } from 'svelte/elements';
import { createElement } from 'react';

const room: XmppRoom = document.createElement('xmpp-room');
room.roomJid = 'lobby@conference.example.org';
room.addEventListener('xmpp-status', (event) => {
  const status: Status = event.detail.status;
  console.log(status, event instanceof XmppStatusEvent);
});
room.addEventListener('xmpp-message', (event) => {
  const detail: XmppMessageDetail = event.detail;
  console.log(detail.body);
});
const launcher = document.createElement('xmpp-launcher');
launcher.show();
const chat: XmppChat = document.createElement('xmpp-chat');
chat.with = 'bob@example.org';
const connection: Connection | undefined = chat.connection;
console.log(connection);
createElement(ReactRoom, { roomJid: 'lobby@conference.example.org', history: 10, onXmppStatus: (event) => console.log(event.detail.status) });
createElement(ReactLauncher, { label: 'Help', onXmppShow: (event) => console.log(event.type) });
// @ts-expect-error: history is a number
createElement(ReactRoom, { history: 'ten' });
type VueRoom = InstanceType<GlobalComponents['xmpp-room']>['$props'];
const vue: VueRoom = { 'room-jid': 'lobby@conference.example.org', onXmppStatus: (event) => console.log(event.detail.status) };
const svelte: SvelteHTMLElements['xmpp-room'] = { 'room-jid': 'lobby@conference.example.org', 'onxmpp-status': (event) => console.log(event.detail.status) };
console.log(vue, svelte);
`,
  );
  const jsxFile = (source, listener) => `/** @jsxImportSource ${source} */
import type {} from 'xmpp-elements/types/${source === 'solid-js' ? 'solid' : source}';
export const view = (
  <xmpp-launcher label="Help" position="bottom-left">
    <xmpp-room room-jid="lobby@conference.example.org" nick="visitor" ${listener}xmpp-status={(event) => console.log(event.detail.status)} />
  </xmpp-launcher>
);
// @ts-expect-error: not a position
export const wrong = <xmpp-launcher position="top" />;
`;
  writeFileSync(join(app, 'react-tags.tsx'), jsxFile('react', 'on'));
  writeFileSync(join(app, 'preact-tags.tsx'), jsxFile('preact', 'on'));
  writeFileSync(join(app, 'solid-tags.tsx'), jsxFile('solid-js', 'on:'));

  // Both configurations at once (one tsc each, on two cores).
  const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
  const configurations = [
    ['bundler', 'esnext'],
    ['node16', 'node16'],
  ];
  const outputs = await Promise.all(
    configurations.map(([resolution, module]) => {
      const config = {
        compilerOptions: {
          target: 'es2022',
          module,
          moduleResolution: resolution,
          lib: ['es2022', 'dom', 'dom.iterable'],
          jsx: 'react-jsx',
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          types: [],
        },
        files: ['elements.ts', 'react-tags.tsx', 'preact-tags.tsx', 'solid-tags.tsx'],
      };
      writeFileSync(join(app, `tsconfig.${resolution}.json`), JSON.stringify(config, null, 2));
      const t0 = Date.now();
      return new Promise((done) => {
        const child = spawn(process.execPath, [tsc, '-p', `tsconfig.${resolution}.json`], { cwd: app, stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        child.stdout.on('data', (chunk) => (out += chunk));
        child.stderr.on('data', (chunk) => (out += chunk));
        child.on('close', (status) => done({ status, out, seconds: (Date.now() - t0) / 1000 }));
      });
    }),
  );
  configurations.forEach(([resolution], i) => {
    const { status, out, seconds } = outputs[i];
    step(`tsc: moduleResolution ${resolution}`, () => {
      if (status === 0) return 'clean';
      // Errors in other packages' declarations are theirs (Strophe.js's own .d.ts do not resolve
      // under node16, and name a type they lack): what a project with skipLibCheck never sees.
      // Ours (node_modules/xmpp-elements/) and the app's own files fail the check.
      const lines = out.split('\n').filter((l) => /error TS/.test(l));
      const ours = lines.filter((l) => !/^node_modules\//.test(l) || /^node_modules\/xmpp-elements\//.test(l));
      if (ours.length || !lines.length) throw new Error(ours.join('\n') || out);
      const where = [...new Set(lines.map((l) => l.split('/')[1]))].join(', ');
      return `clean (${lines.length} errors in other packages' declarations only: ${where})`;
    }, seconds);
  });
}

if (!keep) rmSync(work, { recursive: true, force: true });
else console.log(`kept ${relative(process.cwd(), work) || work}`);
const passed = results.filter((r) => r.ok).length;
console.log(`check-package: ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`${passed} passed, ${results.length - passed} failed`);
process.exit(passed === results.length ? 0 : 1);
