/**
 * Pieces shared by the throw-away XMPP servers for tests and the demo:
 * scripts/xmpp-server.mjs (Prosody) and scripts/ejabberd-server.mjs (ejabberd).
 *
 * - the hosts and test accounts both servers offer;
 * - small helpers: free loopback ports, execFile as a promise, PATH lookup,
 *   log tails, installing a missing Debian package;
 * - ServerProcess: spawns the server, keeps the end of its output, waits
 *   until BOSH answers, and stops it (SIGTERM, then SIGKILL);
 * - the command line both scripts offer (--port, --verbose, --help, Ctrl-C).
 *
 * Not a server itself: nothing here starts unless one of the scripts asks.
 */
import { spawn, execFile } from 'node:child_process';
import { access, constants, readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';

// ---------------------------------------------------------------------------
// Hosts and accounts (the same on both servers)
// ---------------------------------------------------------------------------

export const DOMAIN = 'localhost';
export const GUEST_DOMAIN = 'guest.localhost';
export const MUC_DOMAIN = 'conference.localhost';
/** XEP-0363 HTTP File Upload service (Prosody's mod_http_file_share, ejabberd's mod_http_upload). */
export const UPLOAD_DOMAIN = 'upload.localhost';
/** Largest upload both servers accept, in bytes (1 MiB), so a test can see a larger file refused. */
export const UPLOAD_MAX_SIZE = 1024 * 1024;

/** Test accounts registered on DOMAIN by each server script. */
export const TEST_USERS = Object.freeze({
  alice: 'alice-pass',
  bob: 'bob-pass',
  carol: 'carol-pass',
  dave: 'dave-pass',
});

/**
 * The fields about hosts and accounts that every server object has (the
 * objects startXmppServer() and startEjabberdServer() return).
 */
export function hostFields() {
  return {
    domain: DOMAIN,
    guestDomain: GUEST_DOMAIN,
    mucDomain: MUC_DOMAIN,
    uploadDomain: UPLOAD_DOMAIN,
    uploadMaxSize: UPLOAD_MAX_SIZE,
    users: { ...TEST_USERS },
  };
}

/** How much of a child's stdout/stderr to keep for error messages. */
const OUTPUT_KEEP_CHARS = 8_000;

// ---------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------

/**
 * Server processes still running. If this Node process exits without calling
 * stop() (crashed test run, process.exit()), they are killed on the way out so
 * no stray server keeps the ports.
 */
const liveChildren = new Set();
process.on('exit', () => {
  for (const proc of liveChildren) proc.kill('SIGKILL');
});

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Ask the OS for a free TCP port on the loopback interface. */
export function getFreePort() {
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
export function assertPortFree(port) {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', (error) =>
      reject(new Error(`127.0.0.1:${port} is not available (${error.code ?? error.message})`)));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve()));
  });
}

/**
 * The ports of one server instance: the HTTP port (the one asked for, checked
 * to be free, or a free one if 0) followed by `more` other free ports, all
 * different from each other.
 *
 * @param {number} httpPort 0 picks a free port
 * @param {number} more how many further ports to pick
 * @returns {Promise<number[]>} [httpPort, ...more ports]
 */
export async function pickPorts(httpPort, more) {
  if (!httpPort) httpPort = await getFreePort();
  else await assertPortFree(httpPort);
  const ports = [httpPort];
  while (ports.length <= more) {
    const port = await getFreePort();
    if (!ports.includes(port)) ports.push(port);
  }
  return ports;
}

/** Promise wrapper around execFile that keeps stdout/stderr on failure. */
export function run(cmd, args, options = {}) {
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
export async function onPath(name) {
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
export async function tail(file, lines = 40) {
  try {
    const text = await readFile(file, 'utf8');
    return text.trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/** Size of a file in bytes, 0 if it does not exist (yet). */
export async function fileSize(file) {
  return (await stat(file).catch(() => null))?.size ?? 0;
}

// ---------------------------------------------------------------------------
// Installing a missing Debian package
// ---------------------------------------------------------------------------

/**
 * Wrap an async function so that it runs once and every caller shares its
 * promise; if it fails, the next call tries again.
 */
export function once(fn) {
  let promise;
  return () => {
    promise ??= fn();
    promise.catch(() => {
      promise = undefined;
    });
    return promise;
  };
}

/**
 * Make sure a Debian package is installed. If `isReady()` says it is there,
 * nothing happens. Otherwise, as root, runs `apt-get install -y` (and
 * `apt-get update` first if that fails); as another user, throws an error
 * that names the package.
 *
 * @param {object} options
 * @param {string} options.pkg Debian package name (also used in messages)
 * @param {string} options.tag prefix of the progress line, e.g. "xmpp-server"
 * @param {() => Promise<boolean>} options.isReady is it usable already?
 * @param {() => Promise<boolean>} [options.isInstalled] check after the
 *   install, default isReady
 * @param {string} options.missingAfterInstall end of the error if that check
 *   fails: `apt-get installed "<pkg>" but <missingAfterInstall>`
 * @param {string[]} [options.aptArgs] extra apt-get install arguments
 */
export async function ensureDebianPackage({
  pkg,
  tag,
  isReady,
  isInstalled = isReady,
  missingAfterInstall,
  aptArgs = [],
}) {
  if (await isReady()) return;
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
    throw new Error(
      `${pkg} is not installed. Install the Debian package "${pkg}" ` +
        `(sudo apt-get install -y ${pkg}) and try again.`,
    );
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () => run('apt-get', ['install', '-y', ...aptArgs, pkg], { env, maxBuffer: 64 << 20 });
  console.error(`[${tag}] ${pkg} not found, installing the Debian package "${pkg}"...`);
  try {
    await install();
  } catch {
    await run('apt-get', ['update'], { env, maxBuffer: 64 << 20 });
    await install();
  }
  if (!(await isInstalled())) throw new Error(`apt-get installed "${pkg}" but ${missingAfterInstall}`);
}

// ---------------------------------------------------------------------------
// The server process
// ---------------------------------------------------------------------------

/**
 * One server child process at a time (a restart spawns a new one): spawns
 * it, keeps the end of its output for error messages, waits until it serves
 * BOSH, and stops it.
 */
export class ServerProcess {
  /** @type {import('node:child_process').ChildProcess | undefined} */
  #child;
  /** Resolves with { code, signal, error? } when the current child exits. */
  #exited;
  #output = '';
  #name;
  #quiet;
  #readyTimeoutMs;
  #readyPollMs;
  #stopTimeoutMs;

  /**
   * @param {object} options
   * @param {string} options.name server name for error messages ("Prosody")
   * @param {boolean} options.quiet when false, the child's output is echoed
   *   to our stderr
   * @param {number} options.readyTimeoutMs how long waitForBosh() waits
   * @param {number} options.readyPollMs how often waitForBosh() looks
   * @param {number} options.stopTimeoutMs how long terminate() waits after
   *   SIGTERM before it sends SIGKILL
   */
  constructor({ name, quiet, readyTimeoutMs, readyPollMs, stopTimeoutMs }) {
    this.#name = name;
    this.#quiet = quiet;
    this.#readyTimeoutMs = readyTimeoutMs;
    this.#readyPollMs = readyPollMs;
    this.#stopTimeoutMs = stopTimeoutMs;
  }

  /** pid of the current child. */
  get pid() {
    return this.#child?.pid;
  }

  /** Is the current child still running? */
  get running() {
    const proc = this.#child;
    return Boolean(proc) && proc.exitCode === null && proc.signalCode === null;
  }

  /** Spawn the server (stdin ignored, stdout/stderr kept). */
  spawn(cmd, args, options) {
    this.#output = '';
    const keep = (chunk) => {
      this.#output = (this.#output + chunk).slice(-OUTPUT_KEEP_CHARS);
      if (!this.#quiet) process.stderr.write(chunk);
    };
    const proc = spawn(cmd, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    proc.stdout.setEncoding('utf8').on('data', keep);
    proc.stderr.setEncoding('utf8').on('data', keep);
    this.#child = proc;
    liveChildren.add(proc);
    this.#exited = new Promise((resolve) => {
      proc.on('exit', (code, signal) => resolve({ code, signal }));
      proc.on('error', (error) => resolve({ code: null, signal: null, error }));
    });
    this.#exited.then(() => liveChildren.delete(proc));
  }

  /**
   * Wait until the child serves BOSH. A 200 from the BOSH URL alone is not
   * proof: another server could own the port. So the part of the log written
   * since `logOffset` must also say that *this* server bound its ports
   * (`bound(log)`). Servers may carry on when a port is taken, so fail fast
   * when `failedToListen(log)`. Throws (after stopping the child) if the
   * child exits, fails to listen or does not answer within readyTimeoutMs.
   *
   * @param {object} options
   * @param {string} options.boshUrl
   * @param {string} options.logFile
   * @param {number} options.logOffset size of the log before the spawn
   * @param {(log: string) => boolean} options.bound
   * @param {(log: string) => boolean} options.failedToListen
   * @param {string} options.ports the ports for the "could not listen" error
   */
  async waitForBosh({ boshUrl, logFile, logOffset, bound, failedToListen, ports }) {
    const failure = async (reason) =>
      new Error(
        `${this.#name} ${reason}.\n--- output ---\n${this.#output.trimEnd()}\n--- ${logFile} (tail) ---\n` +
          (await tail(logFile)),
      );
    const newLog = async () =>
      (await readFile(logFile).catch(() => Buffer.alloc(0))).subarray(logOffset).toString('utf8');

    const deadline = Date.now() + this.#readyTimeoutMs;
    let early = null;
    this.#exited.then((result) => (early = result));
    while (Date.now() < deadline) {
      if (early) {
        throw await failure(
          early.error
            ? `could not be started (${early.error.message})`
            : `exited early (code ${early.code}, signal ${early.signal})`,
        );
      }
      const log = await newLog();
      if (failedToListen(log)) {
        await this.terminate();
        throw await failure(`could not listen on ${ports}`);
      }
      if (bound(log)) {
        try {
          const res = await fetch(boshUrl, { signal: AbortSignal.timeout(1_000) });
          await res.arrayBuffer();
          if (res.status === 200) return;
        } catch {
          // not answering yet
        }
      }
      await sleep(this.#readyPollMs);
    }
    await this.terminate();
    throw await failure(`did not answer on ${boshUrl} within ${this.#readyTimeoutMs / 1000} s`);
  }

  /** SIGTERM the child, SIGKILL after stopTimeoutMs; resolves on exit. */
  async terminate() {
    if (!this.running) return;
    const proc = this.#child;
    proc.kill('SIGTERM');
    const timer = sleep(this.#stopTimeoutMs).then(() => 'timeout');
    if ((await Promise.race([this.#exited, timer])) === 'timeout') {
      proc.kill('SIGKILL');
      await this.#exited;
    }
  }

  /** SIGKILL the child if it still runs (clean-up after a failed start). */
  async kill() {
    if (!this.running) return;
    this.#child.kill('SIGKILL');
    await this.#exited;
  }
}

// ---------------------------------------------------------------------------
// Command line
// ---------------------------------------------------------------------------

/** Was this module (by its import.meta.url) run as `node <file>`? */
export function isMain(moduleUrl) {
  return Boolean(process.argv[1]) && moduleUrl === pathToFileURL(process.argv[1]).href;
}

/** Parse [--port N | --port=N] [--verbose | -v] [--help | -h]; --port defaults to 5280. */
export function parseServerArgs(argv) {
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

/**
 * The CLI of a server script: parse the arguments, start the server, print
 * how to reach it, and stop it on SIGINT/SIGTERM. Errors are printed as
 * `<tag>: <message>` with exit code 1.
 *
 * @param {object} cli
 * @param {string} cli.tag error prefix, e.g. "xmpp-server"
 * @param {string} cli.name server name, e.g. "Prosody"
 * @param {string} cli.usage text for --help
 * @param {(options: object) => Promise<object>} cli.start starts the server
 * @param {(server: object, ms: number) => string} cli.headline first line,
 *   given the server and how long it took to start
 * @param {(server: object) => string} cli.data the "Data:" line's text
 */
export function runServerCli({ tag, name, usage, start, headline, data }) {
  const main = async () => {
    const options = parseServerArgs(process.argv.slice(2));
    if (options.help) {
      console.log(usage);
      return;
    }
    const started = Date.now();
    const server = await start(options);
    console.log(`${headline(server, Date.now() - started)}
  BOSH:      ${server.boshUrl}
  WebSocket: ${server.wsUrl}
  c2s:       127.0.0.1:${server.c2sPort} (no TLS)
  Hosts:     ${server.domain} (accounts), ${server.guestDomain} (anonymous), ${server.mucDomain} (MUC), ${server.uploadDomain} (upload)
  Upload:    ${server.uploadUrl} (at most ${server.uploadMaxSize} bytes, accounts of ${server.domain} only)
  Users:     ${Object.entries(server.users).map(([u, p]) => `${u}@${server.domain} / ${p}`).join(', ')}
  Data:      ${data(server)}
Press Ctrl-C to stop.`);

    let stopping = false;
    const shutdown = async (signal) => {
      if (stopping) return;
      stopping = true;
      console.log(`\n${signal} received, stopping ${name}...`);
      await server.stop();
      process.exit(0);
    };
    process.on('SIGINT', shutdown);
    process.on('SIGTERM', shutdown);
  };
  main().catch((error) => {
    console.error(`${tag}: ${error.message}`);
    process.exit(1);
  });
}
