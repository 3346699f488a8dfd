#!/usr/bin/env node
/**
 * Throw-away two-node ejabberd cluster behind a load balancer, for tests
 * (issue 13: the widget where one server is not enough).
 *
 * Same API as startEjabberdServer() in ejabberd-server.mjs (and
 * startXmppServer() in xmpp-server.mjs): boshUrl and wsUrl are the
 * balancer's, and the hosts, accounts and ejabberd.yml are those of the
 * single ejabberd test server (its buildConfig), once per node.
 *
 * What runs, all on loopback, all in one fresh temp folder, all stopped by pid:
 *   - a private epmd (`epmd -port <epmdPort> -address 127.0.0.1`, in the
 *     foreground, our child): the nodes find each other through it, and it is
 *     not the system's epmd (port 4369) nor shared with any other ejabberd.
 *     (`-start_epmd false -erl_epmd_port <port>`, as the single server does,
 *     cannot make a cluster on one machine: that trick has a node dial every
 *     other node on the same port number it listens on itself.)
 *   - two Erlang VMs from Debian's ejabberd 23.01 package, started with `erl`
 *     like ejabberd-server.mjs does: node names ejabberd-c1-<lbPort>@localhost
 *     and ejabberd-c2-<lbPort>@localhost, one random cookie of their own,
 *     Erlang distribution on 127.0.0.1 only, on a fixed port per node
 *     (inet_dist_listen_min = max), a Mnesia spool each. c2 joins c1 with
 *     ejabberdctl's `join_cluster` (through ejabberd_ctl from a hidden node),
 *     which copies c1's schema and tables to c2. Users are registered after
 *     the join (the `passwd` table is shared).
 *   - HAProxy from Debian (`haproxy -f <dir>/haproxy.cfg -db`, our child), on
 *     its own loopback port: round-robin per request, no stickiness, for
 *     BOSH (/http-bind) and WebSocket (/xmpp-websocket, long tunnel timeout).
 *     It logs one line per request (server, status, method, path, BOSH sid)
 *     to <dir>/haproxy.log; servedBy() reads it.
 *
 * BOSH across nodes: mod_bosh (mnesia ram backend, the default) writes each
 * session's sid -> process to every node's `bosh` table, so whichever node
 * a request lands on forwards it to the process that holds the session.
 *
 * Upload: each node serves its own slots (mod_http_upload keeps a slot in the
 * process that handed it out), so each node's put_url and get_url are its own
 * upload port, not the balancer. server.uploadUrl is c1's.
 *
 * BOSH requests must reach ejabberd in rid order: one that comes early stalls
 * the session (see BoshClient.pingWhilePolling), with one node as with two.
 *
 * Library use:
 *   import { startEjabberdCluster } from './scripts/ejabberd-cluster.mjs';
 *   const cluster = await startEjabberdCluster();   // random free ports
 *   // cluster.boshUrl / wsUrl (the balancer), users, domain, ... as for one server
 *   // cluster.servedBy(): the balancer's log, [{ server: 'c1', path, sid, created, ... }]
 *   // cluster.nodes[i]: { name, node, boshUrl, pid, kill(), stop(), start(), ctl() }
 *   // cluster.runningDbNodes(), cluster.evalErl(expr), cluster.balancerStates(), cluster.haproxy(cmd)
 *   await cluster.restart();                          // every node, same data
 *   await cluster.stop();
 *
 * CLI use:
 *   node scripts/ejabberd-cluster.mjs [--port 5280] [--verbose]   until Ctrl-C
 *   node scripts/ejabberd-cluster.mjs --check                     smoke check, prints figures
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, openSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ERL_LIBS, buildConfig, ensureEjabberd } from './ejabberd-server.mjs';
import {
  DOMAIN, GUEST_DOMAIN, TEST_USERS, hostFields, // hosts and accounts
  ServerProcess, ensureDebianPackage, fileSize, onPath, once, pickPorts, run, sleep, tail, // starting
  isMain, runServerCli, // command line
} from './server-common.mjs';

const NODE_COUNT = 2;
const READY_TIMEOUT_MS = 90_000;
const READY_POLL_MS = 200;
const STOP_TIMEOUT_MS = 10_000;
/** Longest BOSH hold the balancer lets through (Strophe asks for wait=60). */
const HTTP_TIMEOUT_S = 120;

// ---------------------------------------------------------------------------
// Installing HAProxy if needed
// ---------------------------------------------------------------------------

const ensureHaproxy = once(() =>
  ensureDebianPackage({
    pkg: 'haproxy',
    tag: 'ejabberd-cluster',
    isReady: () => onPath('haproxy'),
    missingAfterInstall: 'the haproxy binary is still not on PATH',
    aptArgs: ['--no-install-recommends'],
  }),
);

// ---------------------------------------------------------------------------
// Helper children (epmd, HAProxy): output to a file, stopped by pid
// ---------------------------------------------------------------------------

const helpers = new Set();
process.on('exit', () => {
  for (const proc of helpers) proc.kill('SIGKILL');
});

/** Spawn a helper with stdout and stderr appended to `logFile`; resolves once spawned. */
async function spawnHelper(cmd, args, { logFile, env, cwd }) {
  const fd = openSync(logFile, 'a');
  const proc = spawn(cmd, args, { env, cwd, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  helpers.add(proc);
  const exited = new Promise((resolve) => {
    proc.on('exit', (code, signal) => resolve({ code, signal }));
    proc.on('error', (error) => resolve({ code: null, signal: null, error }));
  });
  exited.then(() => helpers.delete(proc));
  await new Promise((resolve) => {
    proc.once('spawn', resolve);
    proc.once('error', resolve);
  });
  const running = () => proc.exitCode === null && proc.signalCode === null && proc.pid !== undefined;
  return {
    proc,
    exited,
    get pid() {
      return proc.pid;
    },
    running,
    /** SIGTERM, SIGKILL after STOP_TIMEOUT_MS; resolves on exit. */
    async terminate() {
      if (!running()) return;
      proc.kill('SIGTERM');
      const timer = sleep(STOP_TIMEOUT_MS).then(() => 'timeout');
      if ((await Promise.race([exited, timer])) === 'timeout') {
        proc.kill('SIGKILL');
        await exited;
      }
    },
  };
}

/** Resolve once `ready()` is truthy; throw if `helper` exits first or after timeoutMs. */
async function waitFor(ready, helper, what, logFile, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!helper.running()) {
      const { code, signal, error } = await helper.exited;
      throw new Error(`${what}: exited early (${error?.message ?? `code ${code}, signal ${signal}`})\n${await tail(logFile)}`);
    }
    if (await ready()) return;
    await sleep(100);
  }
  throw new Error(`${what}: not ready within ${timeoutMs / 1000} s\n${await tail(logFile)}`);
}

/** Does 127.0.0.1:port accept a TCP connection? */
function accepts(port) {
    return new Promise((resolve) => {
      const socket = connect({ host: '127.0.0.1', port });
      socket.setTimeout(1_000, () => {
        socket.destroy();
        resolve(false);
      });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
}

// ---------------------------------------------------------------------------
// The balancer's configuration and log
// ---------------------------------------------------------------------------

/**
 * haproxy.cfg: one frontend on 127.0.0.1:<lbPort>, one backend with the nodes'
 * HTTP ports, `balance roundrobin` and no stickiness (no cookie, no
 * stick-table, no prefer-last-server): each HTTP request goes to the next
 * node, whatever its BOSH session. A WebSocket is one request (the upgrade),
 * then a tunnel on that node (timeout tunnel 1 h).
 *
 * The log (stdout, one line per request, as soon as the server answers its
 * headers: logasap, so an open WebSocket is in it already):
 *   req <server> <status> <method> <path> sid=<BOSH sid or -> new=<1 on a session request> <client ip:port>
 * The sid of a BOSH request is taken from its body (option http-buffer-request);
 * that of a session-creation request (no sid yet) from the answer's body.
 * Health checks (GET /http-bind every second) let HAProxy take a dead node out
 * of the rotation; a refused connection is retried on the other (redispatch).
 * The admin socket (<dir>/haproxy.sock) answers `show stat` and can disable a server.
 */
function buildHaproxyConfig({ lbPort, nodes, statsSocket }) {
  const sidOf = (fetch) => `"${fetch},regsub('^.*[[:space:]]sid=.([A-Za-z0-9_-]+).*','\\\\1')"`;
  return `# Generated by scripts/ejabberd-cluster.mjs. Test balancer, loopback only.
global
  log stdout format raw local0
  maxconn 4000
  stats socket ${statsSocket} mode 600 level admin

defaults
  mode http
  log global
  option logasap
  timeout connect 2s
  timeout client ${HTTP_TIMEOUT_S}s
  timeout server ${HTTP_TIMEOUT_S}s
  timeout http-request 10s
  timeout http-keep-alive 10s
  timeout tunnel 1h
  timeout client-fin 5s
  retries 2
  option redispatch

frontend xmpp
  bind 127.0.0.1:${lbPort}
  option http-buffer-request
  log-format "req %s %ST %HM %HP sid=%[var(txn.sid)] new=%[var(txn.new)] %ci:%cp"
  acl bosh path_beg /http-bind
  http-request set-var(txn.sid) ${sidOf('req.body')} if bosh METH_POST { req.body -m reg [[:space:]]sid= }
  http-request set-var(txn.new) int(1) if bosh METH_POST !{ var(txn.sid) -m found }
  http-response wait-for-body time 2s if { var(txn.new) -m found }
  http-response set-var(txn.sid) ${sidOf('res.body')} if { var(txn.new) -m found } { res.body -m reg [[:space:]]sid= }
  default_backend ejabberd

backend ejabberd
  balance roundrobin
  option httpchk
  http-check send meth GET uri /http-bind ver HTTP/1.1 hdr Host 127.0.0.1
  http-check expect status 200
  default-server inter 1s fastinter 500ms downinter 1s fall 2 rise 1
${nodes.map((n) => `  server ${n.name} 127.0.0.1:${n.httpPort} check`).join('\n')}
`;
}

/** Send one command to HAProxy's admin socket; resolves with its answer. */
export function haproxyCommand(socketPath, command) {
  return new Promise((resolve, reject) => {
    let answer = '';
    const socket = connect({ path: socketPath });
    socket.setEncoding('utf8');
    socket.setTimeout(5_000, () => socket.destroy(new Error(`HAProxy socket: no answer to "${command}"`)));
    socket.on('connect', () => socket.write(`${command}\n`));
    socket.on('data', (chunk) => (answer += chunk));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

/** The state of each server of the backend from `show stat`: { c1: 'UP', c2: 'DOWN' }. */
async function serverStates(socketPath) {
  const [header, ...rows] = (await haproxyCommand(socketPath, 'show stat')).trim().split('\n');
  const cols = header.replace(/^# /, '').split(',');
  const states = {};
  for (const row of rows) {
    const cell = Object.fromEntries(row.split(',').map((v, i) => [cols[i], v]));
    if (cell.pxname === 'ejabberd' && !['FRONTEND', 'BACKEND'].includes(cell.svname)) states[cell.svname] = cell.status;
  }
  return states;
}

/** One request of the balancer's log. */
const LOG_LINE = /^req (\S+) (-?\d+) (\S+) (\S+) sid=(\S*) new=(\S*) (\S+)$/;

/** Parse the balancer's log into [{ server, status, method, path, sid, created, client }]. */
export function parseBalancerLog(text) {
  const requests = [];
  for (const line of text.split('\n')) {
    const m = LOG_LINE.exec(line.trim());
    if (!m) continue;
    const [, server, status, method, path, sid, created, client] = m;
    requests.push({
      server,
      status: Number(status),
      method,
      path,
      sid: sid && sid !== '-' ? sid : undefined,
      created: created === '1',
      client,
    });
  }
  return requests;
}

// ---------------------------------------------------------------------------
// The cluster
// ---------------------------------------------------------------------------

/**
 * Start a two-node ejabberd cluster behind HAProxy.
 *
 * @param {{ httpPort?: number, quiet?: boolean }} [options]
 *   httpPort: the balancer's port (BOSH and WebSocket), 0 (default) picks a free one.
 *   quiet: when false, the VMs' stdout/stderr is echoed to ours.
 */
export async function startEjabberdCluster({ httpPort = 0, quiet = true } = {}) {
  await Promise.all([ensureEjabberd(), ensureHaproxy()]);

  const dir = await mkdtemp(join(tmpdir(), 'xmpp-elements-ejabberd-cluster-'));
  const cookie = randomBytes(18).toString('hex');
  let epmd;
  let haproxy;
  const nodes = [];

  try {
    // The balancer's port, epmd's, then per node: HTTP, c2s, distribution, upload.
    const ports = await pickPorts(httpPort, 1 + 4 * NODE_COUNT);
    const [lbPort, epmdPort] = ports;
    await writeFile(join(dir, 'cookie'), `${cookie}\n`, { mode: 0o600 });

    const baseEnv = {
      ...process.env,
      HOME: dir, // erl may write .erlang.cookie / .erlang.history there, never in the real home
      ERL_LIBS,
      ERL_EPMD_PORT: String(epmdPort), // the private epmd, for the nodes and for ctl/eval
      ERL_CRASH_DUMP_BYTES: '0',
    };

    // The private epmd.
    const epmdLog = join(dir, 'epmd.log');
    epmd = await spawnHelper('epmd', ['-port', String(epmdPort), '-address', '127.0.0.1'], { logFile: epmdLog, env: baseEnv, cwd: dir });
    await waitFor(() => accepts(epmdPort), epmd, `epmd on 127.0.0.1:${epmdPort}`, epmdLog);

    for (let i = 0; i < NODE_COUNT; i++) {
      const [nodeHttp, c2sPort, distPort, uploadPort] = ports.slice(2 + 4 * i, 6 + 4 * i);
      nodes.push(await prepareNode({ dir, index: i + 1, lbPort, httpPort: nodeHttp, c2sPort, distPort, uploadPort, cookie, baseEnv, quiet }));
    }
    const [first, ...others] = nodes;

    /**
     * Evaluate an Erlang expression in a hidden node of the cluster (rpc:call reaches the nodes);
     * resolves with its value printed with ~p, or with ~s when `raw` (a string or iolist).
     */
    const evalErl = async (expr, { raw = false } = {}) => {
      const { stdout } = await run(
        'erl',
        [
          '-sname', `eval-${randomBytes(3).toString('hex')}-${lbPort}@localhost`,
          '-setcookie', cookie,
          '-hidden', '-noinput', '-noshell',
          '-start_epmd', 'false', '-dist_listen', 'false',
          '-eval', `io:format("${raw ? '~s' : '~p~n'}", [begin ${expr} end]), halt().`,
        ],
        { env: baseEnv, cwd: dir },
      );
      return stdout.trim();
    };

    /** The nodes each node sees in mnesia:system_info(running_db_nodes), by node name. */
    const runningDbNodes = async () => {
      const out = await evalErl(
        `[{N, rpc:call(N, mnesia, system_info, [running_db_nodes], 5000)} || N <- [${nodes.map((n) => `'${n.node}'`).join(', ')}]]`,
      );
      const result = {};
      for (const n of nodes) {
        const m = out.match(new RegExp(`\\{'${n.node.replace(/[.@-]/g, '\\$&')}',\\s*(\\[[^\\]]*\\]|\\{badrpc,[^}]*\\})`));
        result[n.node] = m && m[1].startsWith('[') ? [...m[1].matchAll(/'([^']+)'/g)].map((x) => x[1]) : [];
      }
      return result;
    };

    await Promise.all(nodes.map((n) => n.launch()));
    for (const n of others) {
      const offset = await fileSize(n.logFile);
      await n.ctl('join_cluster', first.node);
      // join_cluster restarts ejabberd on the joining node: wait until it serves again.
      await n.waitReady(offset);
    }
    const running = await runningDbNodes();
    for (const n of nodes) {
      const seen = running[n.node] ?? [];
      if (!nodes.every((m) => seen.includes(m.node))) {
        throw new Error(`ejabberd-cluster: ${n.node} sees running_db_nodes ${JSON.stringify(seen)}, not all of ${nodes.map((m) => m.node).join(', ')}`);
      }
    }
    await Promise.all(Object.entries(TEST_USERS).map(([user, password]) => first.register(user, password)));

    // The balancer.
    const haproxyCfg = join(dir, 'haproxy.cfg');
    const balancerLog = join(dir, 'haproxy.log');
    const statsSocket = join(dir, 'haproxy.sock');
    await writeFile(haproxyCfg, buildHaproxyConfig({ lbPort, nodes, statsSocket }));
    await run('haproxy', ['-c', '-q', '-f', haproxyCfg]);
    haproxy = await spawnHelper('haproxy', ['-f', haproxyCfg, '-db'], { logFile: balancerLog, env: process.env, cwd: dir });
    // Up when its health checks have seen every node answer (no request through it before).
    const balancerUp = async () => {
      const states = await serverStates(statsSocket).catch(() => ({}));
      return nodes.every((n) => states[n.name] === 'UP') && states;
    };
    await waitFor(balancerUp, haproxy, 'HAProxy with every node UP', balancerLog);

    const boshUrl = `http://127.0.0.1:${lbPort}/http-bind`;
    const wsUrl = `ws://127.0.0.1:${lbPort}/xmpp-websocket`;

    let stopped = false;
    const cluster = {
      kind: 'ejabberd-cluster',
      httpPort: lbPort,
      /** c1's c2s port (each node has its own; the balancer does HTTP only). */
      c2sPort: first.c2sPort,
      epmdPort,
      boshUrl,
      wsUrl,
      ...hostFields(),
      /** c1's upload URL; a slot's URLs name the node that handed it out. */
      uploadUrl: first.uploadUrl,
      dir,
      cookie,
      nodes: nodes.map((n) => n.info),
      /** The balancer's pid (SIGSTOP on it freezes every connection, as for one server). */
      get pid() {
        return haproxy.pid;
      },
      /** Every pid we started: epmd, the nodes, HAProxy. */
      get pids() {
        return { epmd: epmd.pid, haproxy: haproxy.pid, ...Object.fromEntries(nodes.map((n) => [n.name, n.pid])) };
      },
      balancerLog,
      statsSocket,
      /** A command to HAProxy's admin socket, e.g. 'show stat' or 'disable server ejabberd/c2'. */
      haproxy: (command) => haproxyCommand(statsSocket, command),
      /** Each node's state as the balancer sees it: { c1: 'UP', c2: 'DOWN' }. */
      balancerStates: () => serverStates(statsSocket),
      /** Register (or re-register) a user on DOMAIN (through c1's mod_http_api; the accounts are shared). */
      register: (user, password) => first.register(user, password),
      /** ejabberdctl against c1. */
      ctl: (...args) => first.ctl(...args),
      evalErl,
      runningDbNodes,
      /**
       * The requests the balancer has passed on so far, oldest first:
       * [{ server: 'c1' | 'c2' | '<NOSRV>', status, method, path, sid, created, client }].
       * `sid` is the BOSH session of a POST to /http-bind; `created` marks the
       * request that opened it (its server holds the session).
       */
      async servedBy() {
        return parseBalancerLog(await readFile(balancerLog, 'utf8').catch(() => ''));
      },
      /** Stop the balancer, the nodes and epmd, and delete the temp folder. Safe to call twice. */
      async stop() {
        if (stopped) return;
        stopped = true;
        await haproxy?.terminate();
        // One after the other: the last one down is the first that may start alone.
        for (const n of [...nodes].reverse()) await n.terminate();
        await epmd?.terminate();
        // XMPP_KEEP_DIR=1 keeps the folder (the nodes' logs, the balancer's log) to look into a run.
        if (process.env.XMPP_KEEP_DIR) console.log(`ejabberd-cluster: kept ${dir}`);
        else await rm(dir, { recursive: true, force: true });
      },
      /**
       * Stop every node and start them again (same ports, config and data); the
       * balancer and its log stay. c2 goes down first and comes up last, so c1
       * (down last) loads its tables without waiting for c2.
       */
      async restart() {
        if (stopped) throw new Error('ejabberd-cluster: restart() after stop()');
        for (const n of [...nodes].reverse()) await n.terminate();
        for (const n of nodes) await n.launch();
      },
    };
    return cluster;
  } catch (error) {
    await haproxy?.terminate();
    for (const n of nodes) await n.kill();
    await epmd?.terminate();
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/** One node: its folder and config (written now), and how to start, stop and reach it. */
async function prepareNode({ dir, index, lbPort, httpPort, c2sPort, distPort, uploadPort, cookie, baseEnv, quiet }) {
  const name = `c${index}`;
  const nodeDir = join(dir, name);
  const configFile = join(nodeDir, 'ejabberd.yml');
  const logsDir = join(nodeDir, 'logs');
  const spoolDir = join(nodeDir, 'spool');
  const uploadDir = join(nodeDir, 'upload');
  const logFile = join(logsDir, 'ejabberd.log');
  await mkdir(nodeDir);
  await mkdir(logsDir);
  await mkdir(spoolDir);
  await mkdir(uploadDir);
  await writeFile(configFile, buildConfig({ httpPort, c2sPort, uploadPort, uploadDir }));

  const node = `ejabberd-${name}-${lbPort}@localhost`;
  const boshUrl = `http://127.0.0.1:${httpPort}/http-bind`;
  const apiUrl = `http://127.0.0.1:${httpPort}/api`;
  const env = {
    ...baseEnv,
    EJABBERD_CONFIG_PATH: configFile,
    EJABBERD_LOG_PATH: logFile,
    ERL_CRASH_DUMP: join(logsDir, 'erl_crash.dump'),
    ERL_MAX_PORTS: '32000',
    ERL_MAX_ETS_TABLES: '1400',
    CONTRIB_MODULES_PATH: join(nodeDir, 'contrib'),
    CONTRIB_MODULES_CONF_DIR: join(nodeDir, 'contrib-conf'),
  };
  const erlArgs = [
    '-sname', node,
    '-setcookie', cookie,
    '-noinput', '-noshell',
    '+K', 'true', '+P', '250000',
    '-start_epmd', 'false', // the private epmd runs already (ERL_EPMD_PORT)
    '-kernel', 'inet_dist_use_interface', '{127,0,0,1}',
    '-kernel', 'inet_dist_listen_min', String(distPort),
    '-kernel', 'inet_dist_listen_max', String(distPort),
    '-mnesia', 'dir', JSON.stringify(spoolDir),
    '-s', 'ejabberd',
  ];
  const vm = new ServerProcess({
    name: `ejabberd ${name}`,
    quiet,
    readyTimeoutMs: READY_TIMEOUT_MS,
    readyPollMs: READY_POLL_MS,
    stopTimeoutMs: STOP_TIMEOUT_MS,
  });

  /** Wait until the log written since `logOffset` says the listeners are up and BOSH answers. */
  const waitReady = (logOffset) => {
    const bound = [httpPort, c2sPort, uploadPort].map((p) => `Start accepting TCP connections at 127.0.0.1:${p} for `);
    return vm.waitForBosh({
      boshUrl,
      logFile,
      logOffset,
      bound: (log) => bound.every((b) => log.includes(b)) && log.includes(' is started in the node '),
      failedToListen: (log) => /Failed to open socket at|eaddrinuse/.test(log),
      ports: `127.0.0.1:${httpPort} (HTTP) / ${c2sPort} (c2s) / ${uploadPort} (upload)`,
    });
  };

  const api = async (command, body) => {
    const res = await fetch(`${apiUrl}/${command}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, text: await res.text() };
  };

  const info = {
    name,
    node,
    httpPort,
    c2sPort,
    distPort,
    uploadPort,
    boshUrl,
    wsUrl: `ws://127.0.0.1:${httpPort}/xmpp-websocket`,
    uploadUrl: `http://127.0.0.1:${uploadPort}/upload`,
    dir: nodeDir,
    logFile,
    get pid() {
      return vm.pid;
    },
    get running() {
      return vm.running;
    },
    /** Start the node again (after stop() or kill()); it rejoins the cluster from its spool. */
    start: () => self.launch(),
    /** Stop the node cleanly (SIGTERM). */
    stop: () => vm.terminate(),
    /** Kill the node at once (SIGKILL), as a crash would. */
    kill: () => vm.kill(),
    /** ejabberdctl against this node. */
    ctl: (...args) => self.ctl(...args),
  };

  const self = {
    name,
    node,
    httpPort,
    c2sPort,
    logFile,
    uploadUrl: info.uploadUrl,
    info,
    get pid() {
      return vm.pid;
    },
    async launch() {
      if (vm.running) return;
      const offset = await fileSize(logFile);
      vm.spawn('erl', erlArgs, { cwd: spoolDir, env });
      await waitReady(offset);
    },
    waitReady,
    terminate: () => vm.terminate(),
    kill: () => vm.kill(),
    /** Run an ejabberdctl command against this node (a short-lived hidden node). */
    async ctl(...args) {
      const { stdout } = await run(
        'erl',
        [
          '-sname', `ctl-${randomBytes(3).toString('hex')}-${httpPort}@localhost`,
          '-setcookie', cookie,
          '-hidden', '-noinput', '-noshell',
          '-start_epmd', 'false', '-dist_listen', 'false',
          '-s', 'ejabberd_ctl',
          '-extra', node, ...args,
        ],
        { env, cwd: nodeDir },
      );
      return stdout;
    },
    /** Register (or re-register) a user on DOMAIN through mod_http_api. */
    async register(user, password) {
      let res = await api('register', { user, host: DOMAIN, password });
      if (res.status === 200) return;
      if (res.status === 409 || /already registered|conflict/i.test(res.text)) {
        await api('unregister', { user, host: DOMAIN });
        res = await api('register', { user, host: DOMAIN, password });
        if (res.status === 200) return;
      }
      throw new Error(`ejabberd ${name}: could not register ${user}@${DOMAIN}: ${res.status} ${res.text}`);
    },
  };
  return self;
}

// ---------------------------------------------------------------------------
// Smoke check: tiny BOSH and WebSocket clients
// ---------------------------------------------------------------------------

const NS_BOSH = 'http://jabber.org/protocol/httpbind';
const NS_SASL = 'urn:ietf:params:xml:ns:xmpp-sasl';
const NS_BIND = 'urn:ietf:params:xml:ns:xmpp-bind';
const NS_FRAMING = 'urn:ietf:params:xml:ns:xmpp-framing';

const attr = (xml, name) => xml.match(new RegExp(`\\s${name}=(['"])(.*?)\\1`))?.[2];

/** A BOSH session, one request at a time (never two open): enough to see where each request goes. */
export class BoshClient {
  constructor(boshUrl, domain) {
    this.boshUrl = boshUrl;
    this.domain = domain;
    this.rid = Math.floor(Math.random() * 1e9);
    this.sid = undefined;
    this.requests = 0;
  }

  async post(attrs, payload = '') {
    const all = { rid: String(this.rid++), xmlns: NS_BOSH, ...(this.sid ? { sid: this.sid } : {}), ...attrs };
    const head = Object.entries(all).map(([k, v]) => `${k}='${v}'`).join(' ');
    const body = payload ? `<body ${head}>${payload}</body>` : `<body ${head}/>`;
    const res = await fetch(this.boshUrl, { method: 'POST', headers: { 'Content-Type': 'text/xml; charset=utf-8' }, body });
    const text = await res.text();
    this.requests += 1;
    if (res.status !== 200) throw new Error(`BOSH: HTTP ${res.status} ${text.slice(0, 200)}`);
    if (attr(text, 'type') === 'terminate') throw new Error(`BOSH: session terminated (${attr(text, 'condition') ?? 'no condition'})`);
    return text;
  }

  /** Post, then poll (empty requests) until the answers so far match `re`. */
  async until(re, attrs, payload) {
    let text = await this.post(attrs, payload);
    for (let i = 0; !re.test(text) && i < 5; i++) text += await this.post({});
    if (!re.test(text)) throw new Error(`BOSH: expected ${re}, got ${text.slice(0, 300)}`);
    return text;
  }

  /** Open a session and sign in: SASL ANONYMOUS on the guest host or PLAIN with a password; bind. */
  async login({ user, password } = {}) {
    const created = await this.until(/<stream:features|<features/, {
      to: this.domain, wait: '2', hold: '1', ver: '1.6', 'xml:lang': 'en', 'xmpp:version': '1.0', 'xmlns:xmpp': 'urn:xmpp:xbosh',
    });
    this.sid = attr(created, 'sid');
    if (!this.sid) throw new Error(`BOSH: no sid in ${created.slice(0, 200)}`);
    const auth = user
      ? `<auth xmlns='${NS_SASL}' mechanism='PLAIN'>${Buffer.from(`\0${user}\0${password}`).toString('base64')}</auth>`
      : `<auth xmlns='${NS_SASL}' mechanism='ANONYMOUS'/>`;
    await this.until(/<success/, {}, auth);
    await this.until(/<bind/, { 'xmpp:restart': 'true', 'xmlns:xmpp': 'urn:xmpp:xbosh', to: this.domain });
    const bound = await this.until(/<jid>/, {}, `<iq type='set' id='bind1'><bind xmlns='${NS_BIND}'><resource>cluster-check</resource></bind></iq>`);
    this.jid = bound.match(/<jid>([^<]+)<\/jid>/)[1];
    return this.jid;
  }

  /** XEP-0199 ping to the server; resolves when its answer came. */
  async ping(n) {
    await this.until(new RegExp(`id=['"]ping${n}['"]`), {}, `<iq type='get' id='ping${n}' to='${this.domain}'><ping xmlns='urn:xmpp:ping'/></iq>`);
  }

  /**
   * Two requests open at once, as Strophe does: an empty one (held as the long
   * poll), then 50 ms later a ping; its answer may come on either. Resolves
   * when it came.
   *
   * The 50 ms keep the two in order: ejabberd 23.01 parks a request whose rid
   * comes early (rid > previous + 1), and when the missing one arrives it
   * answers neither (not even after `wait`): the session stalls until its
   * inactivity timeout, then ends with `other-request`. Seen on the single
   * test server (ejabberd-server.mjs) as through the balancer, where it is
   * likelier: two requests sent together take different paths.
   */
  async pingWhilePolling(n) {
    const re = new RegExp(`id=['"]pingp${n}['"]`);
    const poll = this.post({});
    await sleep(50);
    const ping = this.post({}, `<iq type='get' id='pingp${n}' to='${this.domain}'><ping xmlns='urn:xmpp:ping'/></iq>`);
    const answers = await Promise.all([poll, ping]);
    if (!answers.some((a) => re.test(a))) await this.until(re, {});
  }

  async terminate() {
    await this.post({ type: 'terminate' }, `<presence type='unavailable' xmlns='jabber:client'/>`).catch(() => {});
  }
}

/** The WebSocket class: Node's own (22+, or 20 with --experimental-websocket), else the `ws` package. */
async function webSocketClass() {
  if (typeof globalThis.WebSocket === 'function') return globalThis.WebSocket;
  return (await import('ws')).WebSocket;
}

/** An XMPP-over-WebSocket (RFC 7395) guest: open, SASL ANONYMOUS, bind. */
export class WsClient {
  constructor(WebSocket, wsUrl, domain) {
    this.domain = domain;
    this.frames = [];
    this.waiters = [];
    this.ws = new WebSocket(wsUrl, 'xmpp');
    this.ws.onmessage = (event) => {
      this.frames.push(String(event.data));
      for (const w of [...this.waiters]) w();
    };
    this.closed = new Promise((resolve) => (this.ws.onclose = resolve));
    this.opened = new Promise((resolve, reject) => {
      this.ws.onopen = resolve;
      this.ws.onerror = (e) => reject(new Error(`WebSocket: ${e.message ?? 'error'}`));
    });
  }

  /** Wait for a frame matching `re` (from the ones not yet taken), up to 10 s. */
  next(re) {
    return new Promise((resolve, reject) => {
      const look = () => {
        const i = this.frames.findIndex((f) => re.test(f));
        if (i < 0) return false;
        const [frame] = this.frames.splice(i, 1);
        this.waiters = this.waiters.filter((w) => w !== look);
        clearTimeout(timer);
        resolve(frame);
        return true;
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== look);
        reject(new Error(`WebSocket: no ${re} within 10 s (got ${this.frames.join(' ').slice(0, 300)})`));
      }, 10_000);
      if (!look()) this.waiters.push(look);
    });
  }

  send(xml) {
    this.ws.send(xml);
  }

  async login() {
    await this.opened;
    const open = `<open xmlns='${NS_FRAMING}' to='${this.domain}' version='1.0'/>`;
    this.send(open);
    await this.next(/ANONYMOUS/);
    this.send(`<auth xmlns='${NS_SASL}' mechanism='ANONYMOUS'/>`);
    await this.next(/<success/);
    this.frames = [];
    this.send(open);
    await this.next(/<bind/);
    this.send(`<iq type='set' id='bind1' xmlns='jabber:client'><bind xmlns='${NS_BIND}'/></iq>`);
    this.jid = (await this.next(/<jid>/)).match(/<jid>([^<]+)<\/jid>/)[1];
    return this.jid;
  }

  async close() {
    try {
      this.send(`<close xmlns='${NS_FRAMING}'/>`);
    } catch {
      // already closed
    }
    this.ws.close();
    await Promise.race([this.closed, sleep(2_000)]);
  }
}

/** Count values: { c1: 5, c2: 5 }. */
const countBy = (items, key) => items.reduce((acc, item) => ((acc[item[key]] = (acc[item[key]] ?? 0) + 1), acc), {});

/**
 * Start a cluster, check it, print the figures, stop it. Throws on a failed check.
 *   - every node sees every node in mnesia:system_info(running_db_nodes);
 *   - alice signs in over BOSH through the balancer (PLAIN; registered through
 *     c1, so the login on either node shows the shared accounts) and sends pings,
 *     one request at a time, then two at once (a held long poll and a ping, as
 *     Strophe does): the balancer's log shows that session's requests on both nodes;
 *   - a guest does the same (SASL ANONYMOUS);
 *   - four WebSocket guests through the balancer land on both nodes (the log,
 *     and ejabberd_sm's sessions per node), and a message from one on c1 to one
 *     on c2 arrives.
 */
export async function checkCluster({ pings = 8, sockets = 4 } = {}) {
  const t0 = Date.now();
  const cluster = await startEjabberdCluster();
  const figures = [];
  const say = (line) => {
    figures.push(line);
    console.log(line);
  };
  const failures = [];
  const expect = (ok, what) => {
    if (!ok) failures.push(what);
  };
  try {
    say(`cluster up in ${Date.now() - t0} ms: balancer ${cluster.boshUrl} (HAProxy pid ${cluster.pid}), ` +
      cluster.nodes.map((n) => `${n.node} (pid ${n.pid}, HTTP ${n.httpPort}, dist ${n.distPort})`).join(', ') +
      `, epmd on ${cluster.epmdPort} (pid ${cluster.pids.epmd})`);

    const running = await cluster.runningDbNodes();
    for (const [node, seen] of Object.entries(running)) {
      say(`running_db_nodes on ${node}: ${seen.join(', ')}`);
      expect(cluster.nodes.every((n) => seen.includes(n.node)), `${node} does not see every node`);
    }

    for (const who of [{ user: 'alice', password: cluster.users.alice }, {}]) {
      const client = new BoshClient(cluster.boshUrl, who.user ? cluster.domain : cluster.guestDomain);
      const jid = await client.login(who);
      for (let i = 1; i <= pings; i++) await client.ping(i);
      for (let i = 1; i <= pings / 2; i++) await client.pingWhilePolling(i);
      await client.terminate();
      const mine = (await cluster.servedBy()).filter((r) => r.sid === client.sid);
      const perNode = countBy(mine, 'server');
      const home = mine.find((r) => r.created)?.server;
      say(`BOSH ${who.user ? 'PLAIN' : 'ANONYMOUS'} ${jid}: sid ${client.sid}, ${client.requests} requests sent, ` +
        `${mine.length} in the balancer's log: ${JSON.stringify(perNode)}; session opened on ${home}`);
      expect(mine.length === client.requests, `BOSH ${jid}: ${client.requests} requests but ${mine.length} logged with its sid`);
      expect(cluster.nodes.every((n) => perNode[n.name] > 0), `BOSH ${jid}: not served by every node`);
      expect(mine.every((r) => r.status === 200), `BOSH ${jid}: a request did not get 200`);
    }

    const WebSocket = await webSocketClass();
    const before = (await cluster.servedBy()).length;
    const guests = [];
    for (let i = 0; i < sockets; i++) {
      const guest = new WsClient(WebSocket, cluster.wsUrl, cluster.guestDomain);
      await guest.login();
      guests.push(guest);
    }
    const upgrades = (await cluster.servedBy()).slice(before).filter((r) => r.path.startsWith('/xmpp-websocket'));
    const wsPerNode = countBy(upgrades, 'server');
    say(`WebSocket: ${guests.length} guests signed in through the balancer, upgrades per node ${JSON.stringify(wsPerNode)} ` +
      `(status ${[...new Set(upgrades.map((r) => r.status))].join(', ')})`);
    expect(upgrades.length === sockets && upgrades.every((r) => r.status === 101), 'WebSocket: not every upgrade logged with 101');
    expect(cluster.nodes.every((n) => wsPerNode[n.name] > 0), 'WebSocket: not spread over every node');

    // Where ejabberd says each guest's session lives: the sessions each node's ejabberd_sm holds itself.
    const sessionsOut = await cluster.evalErl(
      `lists:flatten([io_lib:format("~s ~s~n", [N, U]) || N <- [${cluster.nodes.map((n) => `'${n.node}'`).join(', ')}], ` +
        `{session, _, {U, <<"${GUEST_DOMAIN}">>, _}, _, _, _} <- rpc:call(N, ejabberd_sm, dirty_get_my_sessions_list, [], 5000)])`,
      { raw: true },
    );
    const homeOf = {};
    for (const line of sessionsOut.split('\n')) {
      const [node, user] = line.trim().split(' ');
      const n = cluster.nodes.find((x) => x.node === node);
      const g = guests.find((x) => x.jid.split('@')[0] === user);
      if (n && g) homeOf[g.jid] = n.name;
    }
    say(`WebSocket sessions per node (ejabberd_sm): ${JSON.stringify(countBy(Object.entries(homeOf).map(([, node]) => ({ node })), 'node'))}`);
    const from = guests.find((g) => homeOf[g.jid] === 'c1');
    const to = guests.find((g) => homeOf[g.jid] === 'c2');
    expect(from && to, 'WebSocket: no guest on each node to send a message between');
    if (from && to) {
      const text = `across the cluster ${randomBytes(4).toString('hex')}`;
      const started = Date.now();
      from.send(`<message xmlns='jabber:client' to='${to.jid}' type='chat'><body>${text}</body></message>`);
      await to.next(new RegExp(text));
      say(`message ${from.jid} (c1) -> ${to.jid} (c2) delivered in ${Date.now() - started} ms`);
    }
    for (const g of guests) await g.close();

    const all = await cluster.servedBy();
    say(`balancer log: ${all.length} requests, per node ${JSON.stringify(countBy(all, 'server'))}`);
  } finally {
    await cluster.stop();
  }
  say(`cluster stopped; whole check ${Date.now() - t0} ms`);
  if (failures.length) throw new Error(`check failed:\n  ${failures.join('\n  ')}`);
  return figures;
}

// ---------------------------------------------------------------------------
// CLI
// ---------------------------------------------------------------------------

if (isMain(import.meta.url)) {
  if (process.argv.includes('--check')) {
    checkCluster().then(
      () => {
        console.log('ejabberd-cluster check: OK');
        process.exit(0); // not waiting for the stop timers (SIGKILL fallbacks) that are no longer needed
      },
      (error) => {
        console.error(`ejabberd-cluster check: ${error.message}`);
        process.exit(1);
      },
    );
  } else {
    runServerCli({
      tag: 'ejabberd-cluster',
      name: 'the ejabberd cluster',
      usage:
        'Usage: node scripts/ejabberd-cluster.mjs [--port 5280] [--verbose] | --check\n' +
        'Starts two throw-away ejabberd nodes in one cluster behind HAProxy (loopback only) until Ctrl-C;\n' +
        '--port is the balancer\'s (0 picks a free one). --check starts one, checks it, prints figures and stops it.',
      start: startEjabberdCluster,
      headline: (cluster, ms) =>
        `ejabberd cluster is running (HAProxy pid ${cluster.pid} on 127.0.0.1:${cluster.httpPort}, started in ${ms} ms)\n` +
        cluster.nodes.map((n) => `  Node ${n.name}:   ${n.node}, pid ${n.pid}, ${n.boshUrl}, c2s ${n.c2sPort}, dist 127.0.0.1:${n.distPort}`).join('\n'),
      data: (cluster) =>
        `${cluster.dir} (cookie in ${cluster.dir}/cookie, epmd on 127.0.0.1:${cluster.epmdPort}, balancer log ${cluster.balancerLog})`,
    });
  }
}
