// Debian's Chromium, headless, as every script here starts it: the tests, the screenshots, the benchmarks.

/** Where Chromium is: Debian's package, unless CHROME_PATH says otherwise. */
export const CHROMIUM = process.env.CHROME_PATH || '/usr/bin/chromium';

/**
 * The flags it needs on this machine: no sandbox (root), no GPU, and none of the
 * background traffic a closed network would refuse.
 */
export const CHROMIUM_ARGS = Object.freeze([
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
]);
