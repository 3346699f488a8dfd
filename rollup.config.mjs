// The two drop-in bundles, built from tsc's output (dist/main.js, so they hold exactly the code that
// npm users get, decorators compiled by tsc with experimentalDecorators + useDefineForClassFields false):
//   dist/xmpp-elements.js      one classic script (IIFE, global `XmppElements`) for <script src>
//   dist/xmpp-elements.esm.js  the same as one ES module
// Both are self-contained (lit and Strophe.js inside), minified, and define every element.
// Run `tsc -p tsconfig.build.json` first: `npm run build` does both.
import { readFileSync } from 'node:fs';
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

const plugins = [
  tscSourceMaps(),
  // lit's html`` and css`` templates keep their indentation otherwise: minify them (lit team's plugin).
  minifyHTML(),
  // Browser builds: Strophe.js -> dist/strophe.esm.js (no Node shims), lit -> its production build.
  nodeResolve({ browser: true, exportConditions: ['browser', 'production'] }),
];

const terserOptions = (module) => ({
  module,
  ecma: 2021,
  compress: { passes: 2 },
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
