// The two drop-in bundles, built from tsc's output (dist/main.js, so they hold exactly the code that
// npm users get, decorators compiled by tsc with experimentalDecorators + useDefineForClassFields false):
//   dist/xmpp-elements.js      one classic script (IIFE, global `XmppElements`) for <script src>
//   dist/xmpp-elements.esm.js  the same as one ES module
// Both are self-contained (lit and Strophe.js inside), minified, and define every element.
// Run `tsc -p tsconfig.build.json` first: `npm run build` does both.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transform } from 'esbuild';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import minifyHTML from '@lit-labs/rollup-plugin-minify-html-literals';

const banner = `/*! xmpp-elements ${JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')).version} | MIT | bundles lit (BSD-3-Clause) and Strophe.js (MIT) */`;

/** Hands rollup tsc's source maps, so the bundles' maps point at src/*.ts rather than dist/*.js. */
function tscSourceMaps() {
  const distDir = new URL('./dist/', import.meta.url).pathname;
  return {
    name: 'tsc-source-maps',
    load(id) {
      if (!id.startsWith(distDir) || !id.endsWith('.js')) return null;
      const code = readFileSync(id, 'utf8');
      let map = null;
      try {
        map = JSON.parse(readFileSync(`${id}.map`, 'utf8'));
      } catch {
        // no map: fine
      }
      return { code: code.replace(/\n\/\/# sourceMappingURL=.*$/, ''), map };
    },
  };
}

/**
 * Strophe.js's one browser module builds a `Strophe` object that holds every part of the
 * library (and sets it as a global), so nothing in it can be left out. The bundles take
 * the parts strophe-transport.ts uses from Strophe's own TypeScript sources (shipped in
 * its package) instead: 1.5 KB gzip less, and no `window.Strophe` written over a page's
 * own copy. npm users get the package's module as it is. Its SharedWorker transport is only
 * reached with the `worker` option, which xmpp-elements never sets: it is left out too.
 */
function stropheFromSource() {
  const src = fileURLToPath(new URL('./node_modules/strophe.js/src/', import.meta.url));
  const virtual = '\0strophe-parts';
  const noWorker = '\0strophe-no-worker';
  return {
    name: 'strophe-from-source',
    resolveId(source, importer) {
      if (source === 'strophe.js') return virtual;
      if (importer?.startsWith(src) && source.startsWith('.')) {
        const base = resolve(dirname(importer), source);
        if (base === `${src}transports/worker-websocket`) return noWorker;
        for (const candidate of [`${base}.ts`, `${base}/index.ts`]) if (existsSync(candidate)) return candidate;
      }
      return null;
    },
    load(id) {
      if (id === noWorker) {
        return `export default class WorkerWebsocket {
  constructor() { throw new Error('xmpp-elements does not use the shared-worker transport'); }
}`;
      }
      if (id !== virtual) return null;
      return `import Connection from ${JSON.stringify(`${src}connection.ts`)};
import Bosh from ${JSON.stringify(`${src}transports/bosh.ts`)};
import log from ${JSON.stringify(`${src}log.ts`)};
import { LOG_LEVELS, Status } from ${JSON.stringify(`${src}constants.ts`)};
import { getDomainFromJid } from ${JSON.stringify(`${src}utils.ts`)};
export const Strophe = { Connection, Bosh, Status, LogLevel: LOG_LEVELS, setLogLevel: (level) => log.setLogLevel(level), getDomainFromJid };`;
    },
    async transform(code, id) {
      if (!id.startsWith(src) || !id.endsWith('.ts')) return null;
      const out = await transform(code, { loader: 'ts', target: 'es2021', sourcemap: true, sourcefile: id });
      return { code: out.code, map: out.map };
    },
  };
}

const plugins = [
  tscSourceMaps(),
  stropheFromSource(),
  // lit's html`` and css`` templates keep their indentation otherwise: minify them (lit team's plugin).
  minifyHTML(),
  // Browser builds: Strophe.js -> dist/strophe.esm.js (no Node shims), lit -> its production build.
  nodeResolve({ browser: true, exportConditions: ['browser', 'production'] }),
];

const terserOptions = (module) => ({
  module,
  ecma: 2021,
  // Strophe's debug and info logging is below the WARN level strophe-transport.ts sets: drop the calls.
  compress: { passes: 3, pure_getters: true, unsafe_arrows: true, unsafe_methods: true, pure_funcs: ['log.debug', 'log.info'] },
  format: { comments: /^!/ },
});

export default {
  input: 'dist/main.js',
  plugins,
  // Nothing is external: the bundles fetch nothing else.
  onwarn(warning, warn) {
    // A warning is a bug in a self-contained bundle (an unresolved import, a circular chunk...).
    if (warning.code === 'UNRESOLVED_IMPORT') throw new Error(warning.message);
    // tsc's inlined `__decorate` helper starts `(this && this.__decorate) || ...`: `this` is
    // undefined at a module's top level, as intended.
    if (warning.code === 'THIS_IS_UNDEFINED' && /\/dist\//.test(warning.id ?? '')) return;
    warn(warning);
  },
  output: [
    {
      file: 'dist/xmpp-elements.js',
      format: 'iife',
      name: 'XmppElements',
      exports: 'named',
      banner,
      sourcemap: true,
      plugins: [terser(terserOptions(false))],
    },
    {
      file: 'dist/xmpp-elements.esm.js',
      format: 'es',
      banner,
      sourcemap: true,
      plugins: [terser(terserOptions(true))],
    },
  ],
};
