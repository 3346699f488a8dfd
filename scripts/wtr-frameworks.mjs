// The frameworks in the browser suite (test/frameworks/): what the dev server needs to hand their real
// packages to Chromium.
//   React 19 ships CommonJS only: esbuild bundles react, react-dom, react-dom/client and the JSX
//     runtimes into ONE module (one React instance for all of them), and each specifier is a small
//     ES module re-exporting its names from it. TSX and JSX themselves go through esbuildPlugin
//     (web-test-runner.config.mjs: jsx "react-jsx" from tsconfig.json).
//   Vue 3: `vue` is its full browser build (vue.esm-browser.js: the runtime compiler, so the tests
//     compile templates with `compilerOptions.isCustomElement` as a page does).
//   Svelte 5: a `.svelte` file is compiled with svelte/compiler when it is requested; its imports
//     (svelte/internal/client) resolve as usual.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';
import { compile } from 'svelte/compiler';

const PREFIX = '/__frameworks__/react/';
/** Specifier -> the name of its module under PREFIX and of its export in the shared bundle. */
const REACT = {
  react: 'React',
  'react-dom': 'ReactDOM',
  'react-dom/client': 'ReactDOMClient',
  'react/jsx-runtime': 'JSXRuntime',
  'react/jsx-dev-runtime': 'JSXDevRuntime',
};
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

let bundle;
/** The one bundle of React's packages (built once, on first request). */
function reactBundle() {
  bundle ??= build({
    stdin: {
      contents: Object.entries(REACT)
        .map(([specifier, name]) => `import ${name} from ${JSON.stringify(specifier)}; export { ${name} };`)
        .join('\n'),
      resolveDir: process.cwd(),
      loader: 'js',
    },
    bundle: true,
    format: 'esm',
    write: false,
    define: { 'process.env.NODE_ENV': '"development"' },
    logLevel: 'silent',
  }).then((result) => result.outputFiles[0].text);
  return bundle;
}

/** A module for one specifier: its default export and every name CommonJS gives it, from the bundle. */
function reactShim(name) {
  const specifier = Object.keys(REACT).find((key) => REACT[key] === name);
  // Asked of another Node: React's development build patches `console` as it loads, which
  // web-test-runner's own console does not survive.
  const keys = execFileSync(process.execPath, ['-e', `console.log(JSON.stringify(Object.keys(require(${JSON.stringify(specifier)}))))`], {
    encoding: 'utf8',
    env: { ...process.env, NODE_ENV: 'development' },
  });
  const names = JSON.parse(keys).filter((key) => key !== 'default' && IDENTIFIER.test(key));
  return `import { ${name} as module } from '${PREFIX}all.js';
export default module;
export const { ${names.join(', ')} } = module;
`;
}

export function frameworksPlugin() {
  return {
    name: 'xmpp-frameworks',
    resolveImport({ source }) {
      if (source in REACT) return `${PREFIX}${REACT[source]}.js`;
      if (source === 'vue') return '/node_modules/vue/dist/vue.esm-browser.js';
      return undefined;
    },
    resolveMimeType(context) {
      return context.path.endsWith('.svelte') ? 'js' : undefined;
    },
    async serve(context) {
      if (!context.path.startsWith(PREFIX)) return undefined;
      const name = context.path.slice(PREFIX.length, -'.js'.length);
      if (name === 'all') return { body: await reactBundle(), type: 'js' };
      if (Object.values(REACT).includes(name)) return { body: reactShim(name), type: 'js' };
      return undefined;
    },
    transform(context) {
      if (!context.path.endsWith('.svelte')) return undefined;
      const file = new URL(`..${context.path}`, import.meta.url);
      const { js } = compile(readFileSync(file, 'utf8'), { filename: context.path, generate: 'client', dev: false });
      return { body: js.code, type: 'js' };
    },
  };
}
