// Unit and integration tests in Debian's Chromium, against a real Prosody that this config starts.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { startXmppServer } from './scripts/xmpp-server.mjs';

const chromium = process.env.CHROME_PATH || '/usr/bin/chromium';
// XMPP_BOSH_URL points the tests at a server that is already running (started with `node scripts/xmpp-server.mjs`).
const external = process.env.XMPP_BOSH_URL;
const server = external
  ? {
      boshUrl: external,
      wsUrl: external.replace(/^http/, 'ws').replace(/http-bind$/, 'xmpp-websocket'),
      domain: 'localhost',
      guestDomain: 'guest.localhost',
      mucDomain: 'conference.localhost',
      users: { alice: 'alice-pass', bob: 'bob-pass', carol: 'carol-pass', dave: 'dave-pass' },
      pid: 0,
      stop: async () => {},
    }
  : await startXmppServer();
const config = {
  boshUrl: server.boshUrl,
  wsUrl: server.wsUrl,
  domain: server.domain,
  guestDomain: server.guestDomain,
  mucDomain: server.mucDomain,
  users: server.users,
};
console.log(`Prosody for tests: ${server.boshUrl} (pid ${server.pid})`);
const stop = () => server.stop();
process.once('exit', () => {
  if (!server.pid) return;
  try {
    process.kill(server.pid, 'SIGTERM');
  } catch {
    // already gone
  }
});

export default {
  files: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  nodeResolve: { exportConditions: ['browser', 'production'] },
  concurrency: 1,
  testFramework: { config: { timeout: 30000 } },
  browserStartTimeout: 60000,
  testsStartTimeout: 60000,
  testsFinishTimeout: 600000,
  plugins: [
    esbuildPlugin({ ts: true, tsconfig: './tsconfig.json', target: 'es2021' }),
    {
      name: 'xmpp-server',
      serve(context) {
        if (context.path === '/__xmpp__/config.json') return { body: JSON.stringify(config), type: 'json' };
        return undefined;
      },
      async serverStop() {
        await stop();
      },
    },
  ],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: chromium,
        headless: true,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
          '--disable-quic',
        ],
      },
    }),
  ],
};
