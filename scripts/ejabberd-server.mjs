#!/usr/bin/env node
/**
 * Throw-away ejabberd XMPP server for tests: the second server the
 * integration suite runs against (XMPP_SERVER=ejabberd).
 *
 * Same API as startXmppServer() in xmpp-server.mjs (Prosody), for Debian's
 * `ejabberd` package (23.01). Each instance gets a fresh temp folder holding
 * ejabberd.yml, the Mnesia spool and the logs, listens on loopback only, and
 * offers BOSH at /http-bind and WebSocket at /xmpp-websocket on one HTTP port,
 * and HTTP File Upload (XEP-0363, upload.localhost) at /upload on a second one.
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
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DOMAIN, GUEST_DOMAIN, MUC_DOMAIN, TEST_USERS, UPLOAD_DOMAIN, UPLOAD_MAX_SIZE, hostFields, // hosts and accounts
  ServerProcess, ensureDebianPackage, fileSize, onPath, once, pickPorts, run, // starting the server
  isMain, runServerCli, // command line
} from './server-common.mjs';

/** Where Debian's package puts the ejabberd OTP application and its deps. */
export const ERL_LIBS = process.env.EJABBERD_ERL_LIBS || '/usr/lib/x86_64-linux-gnu';

const READY_TIMEOUT_MS = 60_000;
const READY_POLL_MS = 150;
const STOP_TIMEOUT_MS = 10_000;

/**
 * CORS for the upload service (see buildConfig): any Origin, no credentials,
 * the methods and the one request header a browser's PUT and GET need.
 * YAML lines, indented for mod_http_upload's options.
 */
const UPLOAD_CORS = `
          "Access-Control-Allow-Origin": "*"
          "Access-Control-Allow-Methods": "GET, PUT, OPTIONS"
          "Access-Control-Allow-Headers": "Content-Type"`;

/** Quote a JS string as a YAML double-quoted scalar. */
function yaml(str) {
  return JSON.stringify(String(str));
}

// ---------------------------------------------------------------------------
// Installing ejabberd if needed
// ---------------------------------------------------------------------------

/**
 * Make sure `erl` and Debian's ejabberd application are there. As root,
 * installs the Debian package; otherwise throws an error that names it.
 * The package tries to start a system ejabberd on 5222/5280 (blocked where
 * policy-rc.d says no, as in most containers); ours uses its own ports, node
 * name, cookie and no epmd, so a system one does not get in the way.
 * Runs once; a failed attempt is retried on the next call.
 */
export const ensureEjabberd = once(() =>
  ensureDebianPackage({
    pkg: 'ejabberd',
    tag: 'ejabberd-server',
    isReady: async () => (await onPath('erl')) && (await findEjabberdApp()) !== undefined,
    missingAfterInstall: 'its Erlang application was not found',
    aptArgs: ['--no-install-recommends'],
  }),
);

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
 * - HTTP File Upload (XEP-0363): mod_http_upload for `localhost` only,
 *   serving UPLOAD_DOMAIN; files are PUT to and served from /upload on an
 *   HTTP listener of its own (put_url = get_url = http://127.0.0.1:<uploadPort>/upload),
 *   stored in <dir>/upload, at most UPLOAD_MAX_SIZE bytes a file. Its
 *   `access` is the rule `upload`: accounts of localhost (ACL `accounts`,
 *   server localhost); guests of guest.localhost are refused (forbidden) and
 *   do not see the service in their host's disco#items. Not the module's
 *   default `local`: that names an access rule only ejabberd's own config
 *   defines (an unknown rule denies everyone), and the ACL it uses there,
 *   `user_regexp: ""`, matches the users of every host, guests included.
 * - CORS for the upload: mod_http_upload answers OPTIONS itself, and puts
 *   its `custom_headers` on an OPTIONS, a 201 PUT and a 200 GET only. The
 *   listener's `custom_headers` go on every other answer (a refused PUT:
 *   413, 403; a 404) but not on a file sent (the 200 GET). So both carry
 *   the same three headers (they merge by name, no duplicates): without the
 *   listener's, the page sees a refused PUT as a bare network error. On the
 *   BOSH listener they would override mod_bosh's own (POST among the
 *   methods), hence a listener of its own.
 */
export function buildConfig({ httpPort, c2sPort, uploadPort, uploadDir }) {
  const uploadUrl = `http://127.0.0.1:${uploadPort}/upload`;
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
        # Occupants a room may have (default 200, a cap on the rooms' own max_users): the fan-out
        # benchmark (bench/fanout.mjs) puts 200 guests and a peer in one room.
        max_users: 1000
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
          max_users: 1000
      mod_muc_admin: {}
      mod_http_upload:
        hosts:
          - ${yaml(UPLOAD_DOMAIN)}
        put_url: ${yaml(uploadUrl)}
        get_url: ${yaml(uploadUrl)}
        docroot: ${yaml(uploadDir)}
        max_size: ${UPLOAD_MAX_SIZE}
        access: upload
        thumbnail: false
        custom_headers:${UPLOAD_CORS}`;
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
# Hashed, as ejabberd's guide advises for production: SCRAM with a salt that stays, so the SCRAM
# keys a tab hands over (the widget's tabs over WebSocket) sign in again. With plain passwords
# ejabberd salts anew at each login.
auth_password_format: scram
auth_scram_hash: sha256

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
  -
    # HTTP File Upload: PUT and GET from any Origin, CORS headers on every answer (errors too).
    port: ${uploadPort}
    ip: "127.0.0.1"
    module: ejabberd_http
    custom_headers:${UPLOAD_CORS.replace(/^ {4}/gm, '')}
    request_handlers:
      /upload: mod_http_upload

disable_sasl_mechanisms:
  - "digest-md5"
  - "x-oauth2"

acl:
  loopback:
    ip:
      - 127.0.0.0/8
  # Accounts of localhost, not the guests of guest.localhost (user_regexp "", the "local" of
  # ejabberd's own config, matches the users of every host).
  accounts:
    server: ${yaml(DOMAIN)}

access_rules:
  c2s:
    allow: all
  register:
    allow: all
  upload:
    allow: accounts

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
  const uploadDir = join(dir, 'upload');
  const logFile = join(logsDir, 'ejabberd.log');

  // The Erlang VM running ejabberd (a new one after each restart).
  const vm = new ServerProcess({
    name: 'ejabberd',
    quiet,
    readyTimeoutMs: READY_TIMEOUT_MS,
    readyPollMs: READY_POLL_MS,
    stopTimeoutMs: STOP_TIMEOUT_MS,
  });

  try {
    let c2sPort, distPort, uploadPort;
    [httpPort, c2sPort, distPort, uploadPort] = await pickPorts(httpPort, 3);

    await mkdir(logsDir);
    await mkdir(spoolDir);
    await mkdir(uploadDir);
    await writeFile(configFile, buildConfig({ httpPort, c2sPort, uploadPort, uploadDir }));
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
      const logOffset = await fileSize(logFile);
      vm.spawn('erl', erlArgs, { cwd: spoolDir, env });
      // As with Prosody, a 200 alone could come from another server on the
      // port: this run's log must also say that *this* node bound its ports.
      const httpBound = `Start accepting TCP connections at 127.0.0.1:${httpPort} for ejabberd_http`;
      const c2sBound = `Start accepting TCP connections at 127.0.0.1:${c2sPort} for ejabberd_c2s`;
      const uploadBound = `Start accepting TCP connections at 127.0.0.1:${uploadPort} for ejabberd_http`;
      await vm.waitForBosh({
        boshUrl,
        logFile,
        logOffset,
        bound: (log) => log.includes(httpBound) && log.includes(c2sBound) && log.includes(uploadBound) && log.includes(' is started in the node '),
        failedToListen: (log) => /Failed to open socket at|eaddrinuse/.test(log),
        ports: `127.0.0.1:${httpPort} (HTTP) / ${c2sPort} (c2s) / ${uploadPort} (upload)`,
      });
    };

    await launch();
    await Promise.all(Object.entries(TEST_USERS).map(([user, password]) => register(user, password)));

    let stopped = false;
    const server = {
      kind: 'ejabberd',
      httpPort,
      c2sPort,
      distPort,
      uploadPort,
      boshUrl,
      wsUrl,
      ...hostFields(),
      /** Where slots are PUT and served (GET) from. */
      uploadUrl: `http://127.0.0.1:${uploadPort}/upload`,
      dir,
      node,
      pid: vm.pid,
      register,
      ctl,
      /** Stop the node and delete its temp folder. Safe to call twice. */
      async stop() {
        if (stopped) return;
        stopped = true;
        await vm.terminate();
        await rm(dir, { recursive: true, force: true });
      },
      /** Stop and start again with the same ports, config and data (Mnesia spool). */
      async restart() {
        if (stopped) throw new Error('ejabberd-server: restart() after stop()');
        await vm.terminate();
        await launch();
        server.pid = vm.pid;
      },
    };
    return server;
  } catch (error) {
    // Clean up whatever was started before failing.
    await vm.kill();
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

// ---------------------------------------------------------------------------
// CLI
// ---------------------------------------------------------------------------

if (isMain(import.meta.url)) {
  runServerCli({
    tag: 'ejabberd-server',
    name: 'ejabberd',
    usage:
      'Usage: node scripts/ejabberd-server.mjs [--port 5280] [--verbose]\n' +
      'Starts a throw-away ejabberd (loopback only) until Ctrl-C. --port 0 picks a free port.',
    start: startEjabberdServer,
    headline: (server, ms) =>
      `ejabberd is running (pid ${server.pid}, node ${server.node}, started in ${ms} ms)`,
    data: (server) =>
      `${server.dir} (cookie in ${server.dir}/cookie, Erlang distribution on 127.0.0.1:${server.distPort})`,
  });
}
