#!/usr/bin/env node
// Before the tests: make sure Debian's Chromium is there (installing it with apt-get when root).
// Prosody is checked the same way by scripts/xmpp-server.mjs when the tests start it.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { CHROMIUM as chromium } from './chromium.mjs';

if (!existsSync(chromium)) {
  if (process.getuid?.() !== 0) {
    console.error(`Chromium is missing at ${chromium}: install Debian's "chromium" package (sudo apt-get install -y chromium) or set CHROME_PATH.`);
    process.exit(1);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  console.log('Installing Debian package "chromium"…');
  try {
    execFileSync('apt-get', ['install', '-y', '-q', '--no-install-recommends', 'chromium'], { env, stdio: 'inherit' });
  } catch {
    execFileSync('apt-get', ['update', '-q'], { env, stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-q', '--no-install-recommends', 'chromium'], { env, stdio: 'inherit' });
  }
}
