#!/usr/bin/env node
/**
 * Throw-away ejabberd XMPP server for tests: the second server the
 * integration suite runs against (XMPP_SERVER=ejabberd).
 *
 * Same API as startXmppServer() in xmpp-server.mjs (Prosody), for Debian's
 * `ejabberd` package (23.01). Each instance gets a fresh temp folder holding
 * ejabberd.yml, the Mnesia spool and the logs, listens on loopback only, and
 * offers BOSH at /http-bind and WebSocket at /xmpp-websocket on one HTTP port.
 *
 * How it runs: `erl` is started directly (not through /usr/sbin/ejabberdctl,
 * which as root re-runs itself as the `ejabberd` user through su and shares
 * the system-wide epmd and cookie). Our node:
 *   - is named `ejabberd-test-<httpPort>@localhost`, with a random cookie of
 *     its own (written to <dir>/cookie);
 *   - needs no epmd: `-start_epmd false -erl_epmd_port <distPort>` makes it
 *     listen for Erlang distribution on a fixed free port (loopback only),
 *     so it neither registers with nor disturbs a system ejabberd's epmd;
 *   - runs as the current user (root is fine: the spool is our temp folder).
 * Users are registered through mod_http_api (`POST /api/register`, allowed
 * from 127.0.0.1 only), which is much faster than one `ejabberdctl register`
 * Erlang VM per user. stop() sends SIGTERM (Erlang/OTP stops the node cleanly,
 * like `ejabberdctl stop`), then SIGKILL after a timeout, and removes the
 * folder.
 *
 * Library use:
 *   import { startEjabberdServer } from './scripts/ejabberd-server.mjs';
 *   const server = await startEjabberdServer();        // random free ports
 *   await server.stop();
 *
 * CLI use:
 *   node scripts/ejabberd-server.mjs [--port 5280] [--verbose]
 *
 * The log (<dir>/logs/ejabberd.log) is at level "info"; XMPP_LOG_LEVEL=debug
 * logs every stanza.
 */
import { spawn, execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { access, constants, mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const DOMAIN = 'localhost';
const GUEST_DOMAIN = 'guest.localhost';
const MUC_DOMAIN = 'conference.localhost';

/** Test accounts registered on DOMAIN once the server is up. */
const TEST_USERS = Object.freeze({
  alice: 'alice-pass',
  bob: 'bob-pass',
  carol: 'carol-pass',
  dave: 'dave-pass',
});

/** Where Debian's package puts the ejabberd OTP application and its deps. */
const ERL_LIBS = process.env.EJABBERD_ERL_LIBS || '/usr/lib/x86_64-linux-gnu';

const READY_TIMEOUT_MS = 60_000;
const READY_POLL_MS = 150;
const STOP_TIMEOUT_MS = 10_000;
const OUTPUT_KEEP_CHARS = 8_000;

// ---------------------------------------------------------------------------
// Small helpers (the same as in xmpp-server.mjs)
// ---------------------------------------------------------------------------

/** ejabberd VMs still running; killed if this Node process exits without stop(). */
const liveChildren = new Set();
process.on('exit', () => {
  for (const proc of liveChildren) proc.kill('SIGKILL');
});

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function getFreePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function assertPortFree(port) {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', (error) =>
      reject(new Error(`127.0.0.1:${port} is not available (${error.code ?? error.message})`)));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve()));
  });
}

function run(cmd, args, options = {}) {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, options, (error, stdout, stderr) => {
      if (error) {
        error.message += `\n${stdout}${stderr}`.trimEnd();
        reject(error);
      } else {
        resolve({ stdout, stderr });
      }
    });
  });
}

async function onPath(name) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    try {
      await access(join(dir, name), constants.X_OK);
      return true;
    } catch {
      // not in this directory
    }
  }
  return false;
}

async function tail(file, lines = 40) {
  try {
    const text = await readFile(file, 'utf8');
    return text.trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/** Quote a JS string as a YAML double-quoted scalar. */
function yaml(str) {
  return JSON.stringify(String(str));
}

// ---------------------------------------------------------------------------
// Installing ejabberd if needed
// ---------------------------------------------------------------------------

let ensurePromise;

/**
 * Make sure `erl` and Debian's ejabberd application are there. As root,
 * installs the Debian package; otherwise throws an error that names it.
 * The package tries to start a system ejabberd on 5222/5280 (blocked where
 * policy-rc.d says no, as in most containers); ours uses its own ports, node
 * name, cookie and no epmd, so a system one does not get in the way.
 */
function ensureEjabberd() {
  ensurePromise ??= (async () => {
    const ready = async () => (await onPath('erl')) && (await findEjabberdApp()) !== undefined;
    if (await ready()) return;
    if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
      throw new Error(
        'ejabberd is not installed. Install the Debian package "ejabberd" ' +
          '(sudo apt-get install -y ejabberd) and try again.',
      );
    }
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const install = () =>
      run('apt-get', ['install', '-y', '--no-install-recommends', 'ejabberd'], { env, maxBuffer: 64 << 20 });
    console.error('[ejabberd-server] ejabberd not found, installing the Debian package "ejabberd"...');
    try {
      await install();
    } catch {
      await run('apt-get', ['update'], { env, maxBuffer: 64 << 20 });
      await install();
    }
    if (!(await ready())) throw new Error('apt-get installed "ejabberd" but its Erlang application was not found');
  })();
  ensurePromise.catch(() => {
    ensurePromise = undefined;
  });
  return ensurePromise;
}

/** The ejabberd-<version> folder under ERL_LIBS, if any. */
async function findEjabberdApp() {
  const names = await readdir(ERL_LIBS).catch(() => []);
  return names.find((n) => /^ejabberd-\d/.test(n));
}

// ---------------------------------------------------------------------------
// Configuration
// ---------------------------------------------------------------------------

/**
 * Build ejabberd.yml for one instance.
 *
 * Notes on ejabberd 23.01:
 * - mod_bosh and ejabberd_http_ws answer CORS themselves
 *   (Access-Control-Allow-Origin: *, and OPTIONS preflights), so no
 *   custom_headers are needed.
 * - No certificates: c2s offers no STARTTLS (starttls: false), and PLAIN and
 *   SCRAM work over plain text. acme is off so nothing is fetched.
 * - mod_muc is loaded for `localhost` only (host_config), serving
 *   conference.localhost; guests of guest.localhost may create and join
 *   rooms there (access and access_create: all).
 * - No mod_fail2ban (the tests fail logins on purpose), no shapers.
 */
function buildConfig({ httpPort, c2sPort }) {
  const level = process.env.XMPP_LOG_LEVEL === 'debug' ? 'debug' : 'info';
  // `modules` under host_config REPLACES the global list in 23.01 (it is not
  // merged), so each host gets its full list and there is no global one.
  const common = `
      mod_bosh:
        max_inactivity: 60
      mod_caps: {}
      mod_disco: {}
      mod_ping: {}
      mod_stream_mgmt: {}
      mod_version: {}`;
  const accounts = `${common}
      mod_blocking: {}
      mod_carboncopy: {}
      mod_http_api: {}
      mod_last: {}
      mod_mam:
        default: always
        assume_mam_usage: true
      mod_offline:
        access_max_user_messages: max_user_offline_messages
      mod_privacy: {}
      mod_private: {}
      mod_pubsub:
        plugins:
          - flat
          - pep
      mod_register:
        ip_access: all
        access: register
      mod_roster:
        versioning: true
      mod_vcard:
        search: false
      mod_muc:
        host: ${yaml(MUC_DOMAIN)}
        access: all
        access_create: all
        access_persistent: all
        access_admin: none
        access_mam: all
        access_register: all
        history_size: 20
        max_user_conferences: 1000
        # Above this many rooms, disco#items on the service lists none (default 100).
        max_rooms_discoitems: 10000
        max_users_presence: 1000
        # As close to the Prosody test server's rooms as ejabberd allows:
        # public, temporary, semi-anonymous, unmoderated, archived, only
        # moderators change the subject, occupants may invite.
        default_room_options:
          mam: true
          public: true
          public_list: true
          allow_subscription: true
          anonymous: true
          persistent: false
          moderated: false
          members_by_default: true
          allow_change_subj: false
          allow_user_invites: true
          allow_private_messages: true
      mod_muc_admin: {}`;
  return `# Generated by scripts/ejabberd-server.mjs. Test server: insecure on purpose.
loglevel: ${level}
log_rotate_count: 0
hide_sensitive_log_data: false
language: en
# Tests register fresh accounts in-band, many a minute (the default allows one per 600 s per IP).
registration_timeout: infinity

hosts:
  - ${yaml(DOMAIN)}
  - ${yaml(GUEST_DOMAIN)}

acme:
  auto: false
certfiles: []

auth_method: [mnesia]
auth_password_format: plain

host_config:
  ${yaml(DOMAIN)}:
    modules:${accounts}
  ${yaml(GUEST_DOMAIN)}:
    auth_method: [anonymous]
    anonymous_protocol: sasl_anon
    allow_multiple_connections: true
    modules:${common}

listen:
  -
    port: ${c2sPort}
    ip: "127.0.0.1"
    module: ejabberd_c2s
    starttls: false
    starttls_required: false
    max_stanza_size: 1048576
    shaper: none
    access: c2s
  -
    port: ${httpPort}
    ip: "127.0.0.1"
    module: ejabberd_http
    request_handlers:
      /http-bind: mod_bosh
      /xmpp-websocket: ejabberd_http_ws
      /api: mod_http_api

disable_sasl_mechanisms:
  - "digest-md5"
  - "x-oauth2"

acl:
  loopback:
    ip:
      - 127.0.0.0/8

access_rules:
  c2s:
    allow: all
  register:
    allow: all

api_permissions:
  "test scripts on loopback":
    from:
      - mod_http_api
    who:
      ip: 127.0.0.1/8
    what:
      - register
      - unregister
      - status

shaper_rules:
  max_user_sessions: 1000
  max_user_offline_messages: 5000

s2s_access: none

modules: {}
`;
}

// ---------------------------------------------------------------------------
// The server
// ---------------------------------------------------------------------------

/**
 * Start an ejabberd instance for tests.
 *
 * @param {{ httpPort?: number, quiet?: boolean }} [options]
 *   httpPort: HTTP port for BOSH/WebSocket, 0 (default) picks a free one.
 *   quiet: when false, the VM's stdout/stderr is echoed to ours.
 */
export async function startEjabberdServer({ httpPort = 0, quiet = true } = {}) {
  await ensureEjabberd();

  const dir = await mkdtemp(join(tmpdir(), 'xmpp-elements-ejabberd-'));
  const configFile = join(dir, 'ejabberd.yml');
  const logsDir = join(dir, 'logs');
  const spoolDir = join(dir, 'spool');
  const logFile = join(logsDir, 'ejabberd.log');

  let child;
  let exited;

  try {
    if (!httpPort) httpPort = await getFreePort();
    else await assertPortFree(httpPort);
    const taken = new Set([httpPort]);
    const freshPort = async () => {
      let port = await getFreePort();
      while (taken.has(port)) port = await getFreePort();
      taken.add(port);
      return port;
    };
    const c2sPort = await freshPort();
    const distPort = await freshPort();

    await mkdir(logsDir);
    await mkdir(spoolDir);
    await writeFile(configFile, buildConfig({ httpPort, c2sPort }));
    const node = `ejabberd-test-${httpPort}@localhost`;
    const cookie = randomBytes(18).toString('hex');
    await writeFile(join(dir, 'cookie'), `${cookie}\n`, { mode: 0o600 });

    const boshUrl = `http://127.0.0.1:${httpPort}/http-bind`;
    const wsUrl = `ws://127.0.0.1:${httpPort}/xmpp-websocket`;
    const apiUrl = `http://127.0.0.1:${httpPort}/api`;

    const env = {
      ...process.env,
      HOME: dir, // erl may write .erlang.cookie / .erlang.history there, never in the real home
      ERL_LIBS,
      EJABBERD_CONFIG_PATH: configFile,
      EJABBERD_LOG_PATH: logFile,
      ERL_CRASH_DUMP: join(logsDir, 'erl_crash.dump'),
      ERL_CRASH_DUMP_BYTES: '0',
      ERL_MAX_PORTS: '32000',
      ERL_MAX_ETS_TABLES: '1400',
      CONTRIB_MODULES_PATH: join(dir, 'contrib'),
      CONTRIB_MODULES_CONF_DIR: join(dir, 'contrib-conf'),
    };
    // The flags ejabberdctl's `foreground` passes, minus su/epmd, plus our node, cookie and dist port.
    const erlArgs = [
      '-sname', node,
      '-setcookie', cookie,
      '-noinput', '-noshell',
      '+K', 'true', '+P', '250000',
      '-start_epmd', 'false',
      '-erl_epmd_port', String(distPort),
      '-kernel', 'inet_dist_use_interface', '{127,0,0,1}',
      '-mnesia', 'dir', JSON.stringify(spoolDir),
      '-s', 'ejabberd',
    ];

    /** Register (or re-register) a user on DOMAIN through mod_http_api. */
    const register = async (user, password) => {
      const res = await fetch(`${apiUrl}/register`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ user, host: DOMAIN, password }),
      });
      const text = await res.text();
      // 409 / "already registered": keep it like prosodyctl register (sets the password).
      if (res.status === 200) return;
      if (/already registered|conflict/i.test(text) || res.status === 409) {
        await fetch(`${apiUrl}/unregister`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ user, host: DOMAIN }),
        }).then((r) => r.text());
        const again = await fetch(`${apiUrl}/register`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ user, host: DOMAIN, password }),
        });
        if (again.status === 200) return void (await again.text());
        throw new Error(`ejabberd: could not register ${user}@${DOMAIN}: ${again.status} ${await again.text()}`);
      }
      throw new Error(`ejabberd: could not register ${user}@${DOMAIN}: ${res.status} ${text}`);
    };

    /** Run an ejabberdctl command against our node (a short-lived hidden node; slow: ~1 s). */
    const ctl = async (...args) => {
      const { stdout } = await run(
        'erl',
        [
          '-sname', `ctl-${randomBytes(3).toString('hex')}-${httpPort}@localhost`,
          '-setcookie', cookie,
          '-hidden', '-noinput', '-noshell',
          '-start_epmd', 'false', '-dist_listen', 'false',
          '-erl_epmd_port', String(distPort),
          '-s', 'ejabberd_ctl',
          '-extra', node, ...args,
        ],
        { env, cwd: dir },
      );
      return stdout;
    };

    /** Spawn the VM and wait until BOSH answers. */
    const launch = async () => {
      const logOffset = (await stat(logFile).catch(() => null))?.size ?? 0;
      let output = '';
      const keep = (chunk) => {
        output = (output + chunk).slice(-OUTPUT_KEEP_CHARS);
        if (!quiet) process.stderr.write(chunk);
      };
      const proc = spawn('erl', erlArgs, { cwd: spoolDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
      proc.stdout.setEncoding('utf8').on('data', keep);
      proc.stderr.setEncoding('utf8').on('data', keep);
      child = proc;
      liveChildren.add(proc);
      exited = new Promise((resolve) => {
        proc.on('exit', (code, signal) => resolve({ code, signal }));
        proc.on('error', (error) => resolve({ code: null, signal: null, error }));
      });
      exited.then(() => liveChildren.delete(proc));

      const failure = async (reason) =>
        new Error(
          `ejabberd ${reason}.\n--- output ---\n${output.trimEnd()}\n--- ${logFile} (tail) ---\n` +
            (await tail(logFile)),
        );

      // As with Prosody, a 200 alone could come from another server on the
      // port: this run's log must also say that *this* node bound both ports.
      const httpBound = `Start accepting TCP connections at 127.0.0.1:${httpPort} for ejabberd_http`;
      const c2sBound = `Start accepting TCP connections at 127.0.0.1:${c2sPort} for ejabberd_c2s`;
      const newLog = async () =>
        (await readFile(logFile).catch(() => Buffer.alloc(0))).subarray(logOffset).toString('utf8');

      const deadline = Date.now() + READY_TIMEOUT_MS;
      let early = null;
      exited.then((result) => (early = result));
      while (Date.now() < deadline) {
        if (early) {
          throw await failure(
            early.error
              ? `could not be started (${early.error.message})`
              : `exited early (code ${early.code}, signal ${early.signal})`,
          );
        }
        const log = await newLog();
        if (/Failed to open socket at|eaddrinuse/.test(log)) {
          await terminate();
          throw await failure(`could not listen on 127.0.0.1:${httpPort} (HTTP) / ${c2sPort} (c2s)`);
        }
        if (log.includes(httpBound) && log.includes(c2sBound) && log.includes(' is started in the node ')) {
          try {
            const res = await fetch(boshUrl, { signal: AbortSignal.timeout(1_000) });
            await res.arrayBuffer();
            if (res.status === 200) return;
          } catch {
            // not answering yet
          }
        }
        await sleep(READY_POLL_MS);
      }
      await terminate();
      throw await failure(`did not answer on ${boshUrl} within ${READY_TIMEOUT_MS / 1000} s`);
    };

    /** SIGTERM our VM (a clean init:stop()), SIGKILL after STOP_TIMEOUT_MS. */
    const terminate = async () => {
      const proc = child;
      if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
      proc.kill('SIGTERM');
      const timer = sleep(STOP_TIMEOUT_MS).then(() => 'timeout');
      if ((await Promise.race([exited, timer])) === 'timeout') {
        proc.kill('SIGKILL');
        await exited;
      }
    };

    await launch();
    await Promise.all(Object.entries(TEST_USERS).map(([user, password]) => register(user, password)));

    let stopped = false;
    const server = {
      kind: 'ejabberd',
      httpPort,
      c2sPort,
      distPort,
      boshUrl,
      wsUrl,
      domain: DOMAIN,
      guestDomain: GUEST_DOMAIN,
      mucDomain: MUC_DOMAIN,
      users: { ...TEST_USERS },
      dir,
      node,
      pid: child.pid,
      register,
      ctl,
      /** Stop the node and delete its temp folder. Safe to call twice. */
      async stop() {
        if (stopped) return;
        stopped = true;
        await terminate();
        await rm(dir, { recursive: true, force: true });
      },
      /** Stop and start again with the same ports, config and data (Mnesia spool). */
      async restart() {
        if (stopped) throw new Error('ejabberd-server: restart() after stop()');
        await terminate();
        await launch();
        server.pid = child.pid;
      },
    };
    return server;
  } catch (error) {
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

// ---------------------------------------------------------------------------
// CLI
// ---------------------------------------------------------------------------

function parseArgs(argv) {
  const options = { httpPort: 5280 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--port' || arg.startsWith('--port=')) {
      const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i];
      const port = Number(value);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid --port: ${value}`);
      options.httpPort = port;
    } else if (arg === '--verbose' || arg === '-v') {
      options.quiet = false;
    } else if (arg === '--help' || arg === '-h') {
      options.help = true;
    } else {
      throw new Error(`unknown argument: ${arg}`);
    }
  }
  return options;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (options.help) {
    console.log('Usage: node scripts/ejabberd-server.mjs [--port 5280] [--verbose]\n' +
      'Starts a throw-away ejabberd (loopback only) until Ctrl-C. --port 0 picks a free port.');
    return;
  }
  const started = Date.now();
  const server = await startEjabberdServer(options);
  console.log(`ejabberd is running (pid ${server.pid}, node ${server.node}, started in ${Date.now() - started} ms)
  BOSH:      ${server.boshUrl}
  WebSocket: ${server.wsUrl}
  c2s:       127.0.0.1:${server.c2sPort} (no TLS)
  Hosts:     ${server.domain} (accounts), ${server.guestDomain} (anonymous), ${server.mucDomain} (MUC)
  Users:     ${Object.entries(server.users).map(([u, p]) => `${u}@${server.domain} / ${p}`).join(', ')}
  Data:      ${server.dir} (cookie in ${server.dir}/cookie, Erlang distribution on 127.0.0.1:${server.distPort})
Press Ctrl-C to stop.`);

  let stopping = false;
  const shutdown = async (signal) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal} received, stopping ejabberd...`);
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    console.error(`ejabberd-server: ${error.message}`);
    process.exit(1);
  });
}
