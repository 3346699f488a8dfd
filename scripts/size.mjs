#!/usr/bin/env node
// Prints the raw and gzipped (level 9) sizes of the drop-in bundles and fails when one is over budget.
// `npm run size` (after `npm run build`, which runs this as its last step).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, constants } from 'node:zlib';

/** Gzipped budget per bundle, in KB (1 KB = 1024 bytes). */
export const BUDGET_KB = 60;
export const BUNDLES = ['dist/xmpp-elements.js', 'dist/xmpp-elements.esm.js'];

const root = fileURLToPath(new URL('..', import.meta.url));
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

/** Measures every bundle; returns true when all are within budget. */
export function checkSizes({ budgetKb = BUDGET_KB, files = BUNDLES, log = console.log } = {}) {
  let ok = true;
  log(`Bundle sizes (gzip -9), budget ${budgetKb} KB gzipped:`);
  for (const file of files) {
    let code;
    try {
      code = readFileSync(join(root, file));
    } catch {
      log(`  ${file}: missing (run \`npm run build\`)`);
      ok = false;
      continue;
    }
    const gzip = gzipSync(code, { level: constants.Z_BEST_COMPRESSION }).length;
    const over = gzip > budgetKb * 1024;
    if (over) ok = false;
    log(
      `  ${file.padEnd(27)} ${kb(code.length).padStart(9)} raw  ${kb(gzip).padStart(8)} gzip` +
        `  (${gzip} bytes, ${((gzip / (budgetKb * 1024)) * 100).toFixed(0)}% of budget)${over ? '  OVER BUDGET' : ''}`,
    );
  }
  return ok;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (!checkSizes()) {
    console.error(`size: over the ${BUDGET_KB} KB gzip budget, or a bundle is missing.`);
    process.exit(1);
  }
}
