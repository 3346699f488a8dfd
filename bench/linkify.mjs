#!/usr/bin/env node
// Compares the link finders: src/core/linkify.ts (one regular expression) and the linkify-it one it
// replaced (bench/linkify/linkify-it-finder.mjs), by bytes (minified, gzip -9) and by the links each
// finds in src/core/linkify.sample.ts. `node bench/linkify.mjs`.
import { build } from 'esbuild';
import { gzipSync, constants } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

const root = fileURLToPath(new URL('..', import.meta.url));
const finders = { 'regex (src/core/linkify.ts)': 'src/core/linkify.ts', 'linkify-it 6': 'bench/linkify/linkify-it-finder.mjs' };
const dir = mkdtempSync(join(tmpdir(), 'linkify-'));
const results = {};
try {
  for (const [name, file] of Object.entries(finders)) {
    const bytes = await build({
      stdin: { contents: `export { linkSegments } from ${JSON.stringify(join(root, file))};`, resolveDir: root, loader: 'ts' },
      bundle: true, minify: true, format: 'esm', write: false, platform: 'browser', target: 'es2021',
    });
    const code = bytes.outputFiles[0].contents;
    const out = join(dir, `${Object.keys(results).length}.mjs`);
    writeFileSync(out, code);
    const { linkSegments } = await import(out);
    results[name] = { raw: code.length, gzip: gzipSync(code, { level: constants.Z_BEST_COMPRESSION }).length, linkSegments };
  }
  const sample = await build({ entryPoints: [join(root, 'src/core/linkify.sample.ts')], bundle: true, format: 'esm', write: false });
  const samplePath = join(dir, 'sample.mjs');
  writeFileSync(samplePath, sample.outputFiles[0].contents);
  const { LINK_SAMPLE } = await import(samplePath);

  console.log('| finder | minified | gzip -9 | lines right (of ' + LINK_SAMPLE.length + ') |');
  console.log('| --- | ---: | ---: | ---: |');
  const wrong = {};
  for (const [name, r] of Object.entries(results)) {
    wrong[name] = [];
    for (const [line, expected] of LINK_SAMPLE) {
      const found = r.linkSegments(line).filter((s) => s.href).map((s) => s.text);
      if (JSON.stringify(found) !== JSON.stringify(expected)) wrong[name].push({ line, expected, found });
    }
    console.log(`| ${name} | ${(r.raw / 1024).toFixed(1)} KB | ${(r.gzip / 1024).toFixed(1)} KB | ${LINK_SAMPLE.length - wrong[name].length} |`);
  }
  for (const [name, list] of Object.entries(wrong)) {
    if (!list.length) continue;
    console.log(`\n${name} differs from the expected links on:`);
    for (const w of list) console.log(`  ${JSON.stringify(w.line)}\n    expected ${JSON.stringify(w.expected)}\n    found    ${JSON.stringify(w.found)}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
