// Pieces the benchmarks share (bench/run.mjs, bench/fanout.mjs).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * Our core (Connection, StropheTransport, MucRoom... from dist/internal.js: not public API) as one
 * classic script defining the XmppInternal global, for the benchmarks' "peer" pages. Run
 * `npm run build` first.
 */
export async function bundleCore(outfile) {
  await esbuild({
    entryPoints: [join(ROOT, 'dist/internal.js')],
    bundle: true,
    minify: true,
    format: 'iife',
    globalName: 'XmppInternal',
    conditions: ['browser', 'production'],
    outfile,
    logLevel: 'error',
  });
}

/** The q-quantile (0..1) of the values, NaN for none. */
export const quantile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : NaN;
};

/** page.waitForFunction with a message that says what it waited for. */
export async function waitFor(p, fn, timeout, what, ...fnArgs) {
  try {
    await p.waitForFunction(fn, { timeout, polling: 50 }, ...fnArgs);
  } catch (error) {
    throw new Error(`timed out after ${timeout} ms waiting for ${what}`, { cause: error });
  }
}
