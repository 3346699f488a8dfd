// Converse.js, which only the benchmark uses, is not a devDependency (it is 43 MB in node_modules):
// the benchmark installs it on first use into node_modules/.cache/xmpp-elements-bench/ (npm, from
// the registry, pinned below) and reuses it from then on. A copy in node_modules/converse.js (a
// developer's own `npm install --no-save converse.js@14`) is taken first.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The version the README's figures were measured with. */
export const CONVERSE_VERSION = '14.0.0';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CACHE = join(ROOT, 'node_modules/.cache/xmpp-elements-bench');

/** The folder with converse.min.js and converse.min.css, installing the package there when it is missing. */
export function converseDist() {
  for (const dir of [join(ROOT, 'node_modules/converse.js/dist'), join(CACHE, 'node_modules/converse.js/dist')]) {
    if (existsSync(join(dir, 'converse.min.js'))) return dir;
  }
  mkdirSync(CACHE, { recursive: true });
  // A package.json of its own, so npm installs here and not into the repo's node_modules.
  writeFileSync(join(CACHE, 'package.json'), '{ "name": "xmpp-elements-bench-cache", "private": true }\n');
  console.error(`bench: installing converse.js@${CONVERSE_VERSION} into ${CACHE} (once)...`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(
    npm,
    ['install', '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--ignore-scripts', `converse.js@${CONVERSE_VERSION}`],
    { cwd: CACHE, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  const dir = join(CACHE, 'node_modules/converse.js/dist');
  if (result.status !== 0 || !existsSync(join(dir, 'converse.min.js'))) {
    throw new Error(`bench: could not install converse.js@${CONVERSE_VERSION} (npm exit ${result.status ?? result.error?.message}); run with --only ours to skip it`);
  }
  return dir;
}

// `node bench/converse.mjs`: install it now and print where.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) console.log(converseDist());
