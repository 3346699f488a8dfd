// Unit and integration tests in Debian's Chromium, against a real XMPP server that this config starts:
// Prosody by default, ejabberd with XMPP_SERVER=ejabberd.
import { existsSync, readFileSync } from 'node:fs';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { CHROMIUM, CHROMIUM_ARGS } from './scripts/chromium.mjs';
import { parseFault, startFaultProxy } from './scripts/fault-proxy.mjs';
import { startServer } from './scripts/xmpp-server.mjs';
import { siteMiddleware } from './scripts/wtr-site.mjs';
import { frameworksPlugin } from './scripts/wtr-frameworks.mjs';

const kind = process.env.XMPP_SERVER || 'prosody';
// XMPP_BOSH_URL points the tests at a server that is already running (started with
// `node scripts/xmpp-server.mjs` or `node scripts/ejabberd-server.mjs`; set XMPP_SERVER to say which).
const external = process.env.XMPP_BOSH_URL;
const started = Date.now();
const server = external
  ? {
      kind,
      boshUrl: external,
      wsUrl: external.replace(/^http/, 'ws').replace(/http-bind$/, 'xmpp-websocket'),
      domain: 'localhost',
      guestDomain: 'guest.localhost',
      mucDomain: 'conference.localhost',
      uploadDomain: 'upload.localhost',
      uploadMaxSize: 1024 * 1024,
      users: { alice: 'alice-pass', bob: 'bob-pass', carol: 'carol-pass', dave: 'dave-pass' },
      pid: 0,
      stop: async () => {},
    }
  : await startServer(kind);
// Fault tests reach the server through a TCP proxy on loopback that breaks the link on demand
// (POST /__xmpp__/fault). It sits in front of the HTTP port, which serves BOSH and WebSocket;
// an external server gets one too when its URL names a loopback port.
const proxy = await proxyFor(server.boshUrl);
const viaProxy = (url) => {
  if (!proxy) return '';
  const proxied = new URL(url);
  proxied.port = String(proxy.port);
  return proxied.href;
};
const config = {
  kind: server.kind,
  boshUrl: server.boshUrl,
  wsUrl: server.wsUrl,
  domain: server.domain,
  guestDomain: server.guestDomain,
  mucDomain: server.mucDomain,
  uploadDomain: server.uploadDomain,
  uploadMaxSize: server.uploadMaxSize,
  users: server.users,
  proxyBoshUrl: viaProxy(server.boshUrl),
  proxyWsUrl: viaProxy(server.wsUrl),
};
console.log(`${server.kind} for tests: ${server.boshUrl} (pid ${server.pid}${external ? ', external' : `, started in ${Date.now() - started} ms`})`);
const stop = async () => {
  await proxy?.stop();
  await server.stop();
};
process.once('exit', () => {
  if (!server.pid) return;
  try {
    process.kill(server.pid, 'SIGTERM');
  } catch {
    // already gone
  }
});

/** A fault proxy in front of the HTTP port of this URL, or undefined where that is no loopback port. */
async function proxyFor(url) {
  const { hostname, port } = new URL(url);
  if (!port || !['127.0.0.1', 'localhost', '[::1]'].includes(hostname)) return undefined;
  return startFaultProxy({ targetPort: Number(port) });
}

/** The body of a request, as text. */
async function requestBody(request) {
  let body = '';
  for await (const chunk of request) body += chunk;
  return body;
}

/**
 * POST /__xmpp__/fault with a JSON body ({"kind":"blackhole"}, {"kind":"latency","ms":300}; see
 * scripts/fault-proxy.mjs) breaks the link through proxyBoshUrl / proxyWsUrl; {"kind":"pass"} heals it.
 * Answers 200 'ok', 400 on a bad body. Koa middleware rather than a plugin: a plugin's serve() result
 * always goes out as 200.
 */
async function faultMiddleware(context, next) {
  if (context.path !== '/__xmpp__/fault' || context.method !== 'POST') return next();
  context.type = 'text';
  if (!proxy) {
    context.status = 501;
    context.body = 'no fault proxy: the server URL names no loopback port';
    return undefined;
  }
  try {
    proxy.setFault(parseFault(JSON.parse(await requestBody(context.req))));
  } catch (error) {
    context.status = 400;
    context.body = `bad fault: ${error.message}`;
    return undefined;
  }
  context.body = 'ok';
  return undefined;
}

/**
 * The cluster (XMPP_SERVER=ejabberd-cluster: two ejabberd nodes behind HAProxy) runs the room, chat,
 * reconnect and stream-management tests and its own (test/cluster/); the single servers run the rest.
 */
const files =
  kind === 'ejabberd-cluster'
    ? ['test/integration/{room,chat,reconnect,stream-management}.test.ts', 'test/cluster/*.test.ts']
    : ['src/**/*.test.ts', 'test/**/*.test.{ts,tsx}', '!test/cluster/**'];

export default {
  files,
  // Each test file starts as a new visit to the site: no BOSH session kept in localStorage by an
  // earlier file's page (elements share one session per site across tabs and page loads, tabs.ts).
  testRunnerHtml: (testFramework) => `<!doctype html>
<html>
  <body>
    <script>
      for (const key of Object.keys(localStorage)) if (key.startsWith('xmpp-elements.session:')) localStorage.removeItem(key);
    </script>
    <script type="module" src="${testFramework}"></script>
  </body>
</html>`,
  nodeResolve: { exportConditions: ['browser', 'production'] },
  concurrency: 1,
  middleware: [faultMiddleware, siteMiddleware(server)],
  testFramework: { config: { timeout: 30000 } },
  browserStartTimeout: 60000,
  testsStartTimeout: 60000,
  testsFinishTimeout: 600000,
  plugins: [
    // React, Vue and Svelte for test/frameworks/ (scripts/wtr-frameworks.mjs); .tsx with React's
    // automatic JSX runtime (tsconfig.json's "jsx").
    frameworksPlugin(),
    esbuildPlugin({ ts: true, tsx: true, tsconfig: './tsconfig.json', target: 'es2021' }),
    {
      name: 'xmpp-server',
      serve(context) {
        if (context.path === '/__xmpp__/config.json') return { body: JSON.stringify(config), type: 'json' };
        // The cluster: which node served each request (the balancer's log), for test/cluster/.
        if (context.path === '/__xmpp__/served-by') {
          if (typeof server.servedBy !== 'function') return { body: 'not a cluster', status: 404 };
          return server.servedBy().then((served) => ({ body: JSON.stringify(served), type: 'json' }));
        }
        return undefined;
      },
      async serverStop() {
        await stop();
      },
    },
    {
      // The API contract: GET /__xmpp__/api.md is docs/API.md, ?from=shared the ../shared/API.md beside
      // the clone that docs/API.md copies (404 where there is none); test/api-docs.test.ts compares them.
      name: 'xmpp-api-md',
      serve(context) {
        if (context.path !== '/__xmpp__/api.md') return undefined;
        const shared = context.URL.searchParams.get('from') === 'shared';
        const file = new URL(shared ? '../shared/API.md' : './docs/API.md', import.meta.url);
        if (!existsSync(file)) return { body: `no ${shared ? '../shared/API.md' : 'docs/API.md'}`, status: 404 };
        return { body: readFileSync(file, 'utf8'), type: 'text' };
      },
    },
    {
      // The cluster's nodes, for test/cluster/: GET /__xmpp__/cluster lists them (name, direct BOSH and
      // WebSocket URLs, running, the balancer's view); POST /__xmpp__/cluster/<node>/<action> kills
      // (SIGKILL, as a crash) or starts a node, or has the balancer drain it (no new requests) or take it back.
      name: 'xmpp-cluster',
      async serve(context) {
        if (!context.path.startsWith('/__xmpp__/cluster')) return undefined;
        if (!Array.isArray(server.nodes)) return { body: 'not a cluster', status: 404 };
        if (context.method === 'GET' && context.path === '/__xmpp__/cluster') {
          const states = await server.balancerStates();
          const nodes = server.nodes.map(({ name, boshUrl, wsUrl, running }) => ({ name, boshUrl, wsUrl, running, balancer: states[name] }));
          return { body: JSON.stringify(nodes), type: 'json' };
        }
        const [, name, action] = /^\/__xmpp__\/cluster\/([\w-]+)\/(kill|start|drain|ready)$/.exec(context.path) ?? [];
        const node = server.nodes.find((n) => n.name === name);
        if (context.method !== 'POST' || !node) return { body: 'POST /__xmpp__/cluster/<node>/<kill|start|drain|ready>', status: 400 };
        if (action === 'kill') await node.kill();
        else if (action === 'start') await node.start();
        else await server.haproxy(`set server ejabberd/${name} state ${action}`);
        return { body: action, type: 'text' };
      },
    },
    {
      // Resilience tests: POST /__xmpp__/restart stops the server and starts it again (same ports and data).
      name: 'xmpp-server-restart',
      async serve(context) {
        if (context.path !== '/__xmpp__/restart' || context.method !== 'POST') return undefined;
        if (typeof server.restart !== 'function') return { body: 'no restart for an external server', status: 501 };
        await server.restart();
        return { body: 'restarted', type: 'text' };
      },
    },
    {
      // POST /__xmpp__/pause freezes the server (SIGSTOP): its sockets stay open and nothing flows,
      // as on a connection that died silently. POST /__xmpp__/resume lets it go on (SIGCONT).
      name: 'xmpp-server-pause',
      serve(context) {
        const signal = { '/__xmpp__/pause': 'SIGSTOP', '/__xmpp__/resume': 'SIGCONT' }[context.path];
        if (!signal || context.method !== 'POST') return undefined;
        if (external || !server.pid) return { body: 'not for an external server', status: 501 };
        process.kill(server.pid, signal);
        return { body: signal, type: 'text' };
      },
    },
  ],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: CHROMIUM,
        headless: true,
        args: [...CHROMIUM_ARGS],
      },
    }),
  ],
};
