#!/usr/bin/env node
/**
 * Throw-away Prosody XMPP server for tests and for the demo.
 *
 * No dependencies beyond Node itself and the Debian `prosody` package
 * (0.12.x). Each instance gets a fresh temp folder holding its config, data,
 * pidfile and log, listens on loopback only, and offers BOSH and WebSocket
 * on one HTTP port.
 *
 * Library use:
 *   import { startXmppServer } from './scripts/xmpp-server.mjs';
 *   const server = await startXmppServer();           // random free ports
 *   // server.boshUrl, server.wsUrl, server.users, ...
 *   await server.stop();
 *
 * CLI use:
 *   node scripts/xmpp-server.mjs [--port 5280]
 *
 * The log (<dir>/prosody.log) is at level "info"; set XMPP_LOG_LEVEL=debug
 * to see every stanza.
 */
import { spawn, execFile } from 'node:child_process';
import { access, constants, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const DOMAIN = 'localhost';
const GUEST_DOMAIN = 'guest.localhost';
const MUC_DOMAIN = 'conference.localhost';

/** Test accounts registered on DOMAIN before the server starts. */
const TEST_USERS = Object.freeze({
  alice: 'alice-pass',
  bob: 'bob-pass',
  carol: 'carol-pass',
  dave: 'dave-pass',
});

const READY_TIMEOUT_MS = 20_000;
const READY_POLL_MS = 100;
const STOP_TIMEOUT_MS = 5_000;
/** How much of the child's stdout/stderr to keep for error messages. */
const OUTPUT_KEEP_CHARS = 8_000;

// ---------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------

/**
 * Prosody children still running. If this Node process exits without calling
 * stop() (crashed test run, process.exit()), they are killed on the way out so
 * no stray server keeps the ports.
 */
const liveChildren = new Set();
process.on('exit', () => {
  for (const proc of liveChildren) proc.kill('SIGKILL');
});

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Ask the OS for a free TCP port on the loopback interface. */
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

/** Reject with a clear message if 127.0.0.1:port is already taken. */
function assertPortFree(port) {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', (error) =>
      reject(new Error(`127.0.0.1:${port} is not available (${error.code ?? error.message})`)));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve()));
  });
}

/** Quote a JS string as a Lua string literal. */
function lua(str) {
  return `"${String(str).replace(/[\\"]/g, '\\$&').replace(/\n/g, '\\n')}"`;
}

/** Promise wrapper around execFile that keeps stdout/stderr on failure. */
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

/** Is an executable named `name` somewhere on PATH? */
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

/** Last `lines` lines of a file, or '' if it cannot be read. */
async function tail(file, lines = 40) {
  try {
    const text = await readFile(file, 'utf8');
    return text.trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

// ---------------------------------------------------------------------------
// Installing Prosody if needed
// ---------------------------------------------------------------------------

let ensurePromise;

/**
 * Make sure `prosody` and `prosodyctl` are available. As root, installs the
 * Debian package; otherwise throws an error that names it. Debian's package
 * may start a system-wide Prosody on the default ports; we use our own ports
 * and leave it alone.
 */
function ensureProsody() {
  ensurePromise ??= (async () => {
    if ((await onPath('prosody')) && (await onPath('prosodyctl'))) return;
    if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
      throw new Error(
        'prosody is not installed. Install the Debian package "prosody" ' +
          '(sudo apt-get install -y prosody) and try again.',
      );
    }
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const install = () => run('apt-get', ['install', '-y', 'prosody'], { env, maxBuffer: 64 << 20 });
    console.error('[xmpp-server] prosody not found, installing the Debian package "prosody"...');
    try {
      await install();
    } catch {
      await run('apt-get', ['update'], { env, maxBuffer: 64 << 20 });
      await install();
    }
    if (!(await onPath('prosody'))) {
      throw new Error('apt-get installed "prosody" but the prosody binary is still not on PATH');
    }
  })();
  // Allow a retry later if this attempt failed.
  ensurePromise.catch(() => {
    ensurePromise = undefined;
  });
  return ensurePromise;
}

// ---------------------------------------------------------------------------
// Configuration
// ---------------------------------------------------------------------------

/**
 * Build prosody.cfg.lua for one instance.
 *
 * Notes on Prosody 0.12:
 * - CORS is handled by mod_http; BOSH and WebSocket enable it for their
 *   endpoints and allow any Origin by default. `cross_domain_bosh` /
 *   `cross_domain_websocket` are deprecated (they only log a notice), so the
 *   CORS options of mod_http are used instead.
 * - `daemonize` is deprecated in favour of `prosody -F`; it is kept below for
 *   readers but ignored because we pass -F.
 * - Running as root needs `run_as_root = true`, otherwise Prosody tries to
 *   switch to the `prosody` user and mod_posix refuses to start.
 */
function buildConfig({ dir, httpPort, c2sPort }) {
  return `-- Generated by scripts/xmpp-server.mjs. Test server: insecure on purpose.
data_path = ${lua(dir + '/data')}
pidfile = ${lua(dir + '/prosody.pid')}
log = {
  { levels = { min = ${lua(process.env.XMPP_LOG_LEVEL || "info")} }, to = "file", filename = ${lua(dir + '/prosody.log')} };
}

daemonize = false      -- deprecated and ignored (we start with -F)
run_as_root = true     -- tests often run as root in containers
admins = {}

-- Loopback only: c2s + one HTTP port, nothing else.
interfaces = { "127.0.0.1" }
local_interfaces = { "127.0.0.1" }
c2s_ports = { ${c2sPort} }
c2s_direct_tls_ports = {}
legacy_ssl_ports = {}
s2s_ports = {}
component_ports = {}
http_interfaces = { "127.0.0.1" }
http_ports = { ${httpPort} }
https_ports = {}
https_interfaces = {}
http_default_host = ${lua(DOMAIN)}

-- No TLS anywhere.
c2s_require_encryption = false
allow_unencrypted_plain_auth = true
consider_bosh_secure = true
consider_websocket_secure = true

-- CORS for any Origin (mod_http in 0.12; BOSH and WebSocket opt in).
http_default_cors_enabled = true
access_control_allow_methods = { "GET", "POST", "OPTIONS" }
access_control_allow_headers = { "Content-Type" }

-- Generous limits: a test sends 100 KB message bodies.
c2s_stanza_size_limit = 1024 * 1024
bosh_max_inactivity = 60

-- No federation, no rate limiting (mod_limits is simply not enabled).
modules_disabled = { "s2s", "s2s_auth_certs", "dialback" }

storage = "internal"

-- Message archive (XEP-0313): archive everything, keep it.
default_archive_policy = true
archive_expires_after = "never"
muc_log_by_default = true
muc_log_expires_after = "never"

VirtualHost ${lua(DOMAIN)}
  authentication = "internal_hashed"
  allow_registration = true
  modules_enabled = {
    "roster"; "saslauth"; "disco"; "carbons"; "mam"; "ping"; "offline";
    "bosh"; "websocket"; "smacks"; "register"; "private"; "pep";
    "vcard4"; "vcard_legacy"; "blocklist"; "time"; "version";
  }

VirtualHost ${lua(GUEST_DOMAIN)}
  authentication = "anonymous"
  modules_enabled = {
    "roster"; "saslauth"; "disco"; "ping"; "bosh"; "websocket"; "smacks";
  }

Component ${lua(MUC_DOMAIN)} "muc"
  modules_enabled = { "muc_mam" }
  restrict_room_creation = false
  muc_room_locking = false
  muc_room_default_public = true
  muc_room_default_history_length = 20
`;
}

// ---------------------------------------------------------------------------
// The server
// ---------------------------------------------------------------------------

/**
 * Start a Prosody instance for tests.
 *
 * @param {{ httpPort?: number, quiet?: boolean }} [options]
 *   httpPort: HTTP port for BOSH/WebSocket, 0 (default) picks a free one.
 *   quiet: when false, Prosody's stdout/stderr is echoed to ours.
 */
export async function startXmppServer({ httpPort = 0, quiet = true } = {}) {
  await ensureProsody();

  const dir = await mkdtemp(join(tmpdir(), 'xmpp-elements-prosody-'));
  const configFile = join(dir, 'prosody.cfg.lua');
  const logFile = join(dir, 'prosody.log');

  let child; // current prosody process
  let exited; // promise resolved with { code, signal } when `child` exits

  try {
    if (!httpPort) httpPort = await getFreePort();
    else await assertPortFree(httpPort);
    let c2sPort = await getFreePort();
    while (c2sPort === httpPort) c2sPort = await getFreePort();

    // An empty certs folder: Prosody indexes `<config dir>/certs` at startup
    // and logs an error if it is missing, even though TLS is never used.
    await mkdir(join(dir, 'certs'));
    await writeFile(configFile, buildConfig({ dir, httpPort, c2sPort }));

    const boshUrl = `http://127.0.0.1:${httpPort}/http-bind`;
    const wsUrl = `ws://127.0.0.1:${httpPort}/xmpp-websocket`;

    /** prosodyctl against this instance's config (works while it runs). */
    const register = async (user, password) => {
      await run('prosodyctl', ['--config', configFile, 'register', user, DOMAIN, password]);
    };

    for (const [user, password] of Object.entries(TEST_USERS)) {
      await register(user, password);
    }

    /** Spawn prosody and wait until BOSH answers. */
    const launch = async () => {
      // The log is appended to across restarts: only look at the new part.
      const logOffset = (await stat(logFile).catch(() => null))?.size ?? 0;
      let output = '';
      const keep = (chunk) => {
        output = (output + chunk).slice(-OUTPUT_KEEP_CHARS);
        if (!quiet) process.stderr.write(chunk);
      };
      const proc = spawn('prosody', ['--config', configFile, '-F'], {
        cwd: dir,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
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
          `Prosody ${reason}.\n--- output ---\n${output.trimEnd()}\n--- ${logFile} (tail) ---\n` +
            (await tail(logFile)),
        );

      // A 200 from the BOSH URL alone is not proof: another server could own
      // the port. So this run's part of the log must also say that *this*
      // Prosody bound both ports. Prosody does not exit when a port is taken;
      // it logs "Failed to open server port" and carries on, so fail fast.
      const httpBound = `Activated service 'http' on [127.0.0.1]:${httpPort}`;
      const c2sBound = `Activated service 'c2s' on [127.0.0.1]:${c2sPort}`;
      const newLog = async () => (await readFile(logFile).catch(() => Buffer.alloc(0)))
        .subarray(logOffset).toString('utf8');

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
        if (log.includes('Failed to open server port')) {
          await terminate();
          throw await failure(`could not listen on 127.0.0.1:${httpPort} (HTTP) / ${c2sPort} (c2s)`);
        }
        if (log.includes(httpBound) && log.includes(c2sBound)) {
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

    /** SIGTERM our child, SIGKILL after STOP_TIMEOUT_MS; resolves on exit. */
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

    let stopped = false;
    const server = {
      httpPort,
      c2sPort,
      boshUrl,
      wsUrl,
      domain: DOMAIN,
      guestDomain: GUEST_DOMAIN,
      mucDomain: MUC_DOMAIN,
      users: { ...TEST_USERS },
      dir,
      pid: child.pid,
      register,
      /** Stop Prosody and delete its temp folder. Safe to call twice. */
      async stop() {
        if (stopped) return;
        stopped = true;
        await terminate();
        await rm(dir, { recursive: true, force: true });
      },
      /** Stop and start again with the same ports, config and data. */
      async restart() {
        if (stopped) throw new Error('xmpp-server: restart() after stop()');
        await terminate();
        await launch();
        server.pid = child.pid;
      },
    };
    return server;
  } catch (error) {
    // Clean up whatever was started before failing.
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

// ---------------------------------------------------------------------------
// Choosing the server
// ---------------------------------------------------------------------------

/** The servers the tests run against; XMPP_SERVER picks one (default prosody). */
export const SERVER_KINDS = Object.freeze(['prosody', 'ejabberd']);

/**
 * Start a throw-away server of the given kind with the startXmppServer() API;
 * the result also says its `kind`. ejabberd lives in ejabberd-server.mjs,
 * loaded only when asked for.
 *
 * @param {'prosody' | 'ejabberd'} [kind] default: env XMPP_SERVER, else prosody
 * @param {{ httpPort?: number, quiet?: boolean }} [options]
 */
export async function startServer(kind = process.env.XMPP_SERVER || 'prosody', options = {}) {
  if (!SERVER_KINDS.includes(kind)) {
    throw new Error(`unknown XMPP server "${kind}" (expected one of: ${SERVER_KINDS.join(', ')})`);
  }
  const server =
    kind === 'ejabberd'
      ? await (await import('./ejabberd-server.mjs')).startEjabberdServer(options)
      : await startXmppServer(options);
  server.kind = kind;
  return server;
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
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new Error(`invalid --port: ${value}`);
      }
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
    console.log('Usage: node scripts/xmpp-server.mjs [--port 5280] [--verbose]\n' +
      'Starts a throw-away Prosody (loopback only) until Ctrl-C. --port 0 picks a free port.');
    return;
  }
  const started = Date.now();
  const server = await startXmppServer(options);
  console.log(`Prosody is running (pid ${server.pid}, started in ${Date.now() - started} ms)
  BOSH:      ${server.boshUrl}
  WebSocket: ${server.wsUrl}
  c2s:       127.0.0.1:${server.c2sPort} (no TLS)
  Hosts:     ${server.domain} (accounts), ${server.guestDomain} (anonymous), ${server.mucDomain} (MUC)
  Users:     ${Object.entries(server.users).map(([u, p]) => `${u}@${server.domain} / ${p}`).join(', ')}
  Data:      ${server.dir}
Press Ctrl-C to stop.`);

  let stopping = false;
  const shutdown = async (signal) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal} received, stopping Prosody...`);
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    console.error(`xmpp-server: ${error.message}`);
    process.exit(1);
  });
}
