#!/usr/bin/env node
// A small reference server for a host site that signs its own users in to chat (README: "The host
// site's own accounts"). Two endpoints, for the elements' two attributes:
//
//   GET /credentials  -> { "jid", "password" }       credentials-url
//   GET /session      -> { "jid", "sid", "rid" }      session-url (prebind, XEP-0206)
//
// /session logs in to the XMPP server over BOSH (XEP-0124/0206) with the site user's account (SASL
// PLAIN), binds a resource, and hands back the session's ids with the rid the client must send next;
// the browser attaches to that session (Strophe's attach()) and never sees a password. Both answer
// 403 when the request carries no signed-in site user (accountFor returns nothing).
//
// As a library (the test runner serves it same-origin under /__xmpp__/site/, web-test-runner.config.mjs):
//   import { createPrebindApp, prebind } from './scripts/prebind-server.mjs';
//   const answer = createPrebindApp({ boshUrl, domain, accountFor: (headers) => ({ user, password }) });
//   const { status, headers, body } = await answer('GET', '/session', request.headers);
// From the command line (one account for whoever holds the cookie, if one is named):
//   node scripts/prebind-server.mjs --bosh-url http://127.0.0.1:5280/http-bind --domain localhost \
//     --user alice --password alice-pass [--cookie site-session=s3cret] [--port 8090] [--cors-origin http://localhost:8000]
//
// A real site puts this behind its own login: accountFor reads the site's session cookie and returns
// that user's XMPP account (a per-user password, or a token its XMPP server accepts); it must not
// be reachable from other origins without CORS that names the site (credentials: 'include').
import { createServer } from 'node:http';
import { randomInt } from 'node:crypto';
import { pathToFileURL } from 'node:url';

const NS_BOSH = 'http://jabber.org/protocol/httpbind';

const esc = (s) => String(s).replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]);
const unesc = (s) => s.replace(/&(lt|gt|amp|apos|quot);/g, (_, e) => ({ lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' })[e]);

/** The attributes of an opening tag. */
function attributes(tag) {
  const attrs = {};
  for (const [, name, , value] of tag.matchAll(/([\w:.-]+)=(['"])([\s\S]*?)\2/g)) attrs[name] = unesc(value);
  return attrs;
}

/** A BOSH response: its <body> attributes and its XML (enough for SASL and bind answers). */
function parseBody(text) {
  const open = text.match(/<body\b[^>]*>/);
  if (!open) throw new Error(`prebind: not a BOSH body: ${text.slice(0, 200)}`);
  return { attrs: attributes(open[0]), xml: text.slice(open.index + open[0].length) };
}

/**
 * Logs `user@domain` in over BOSH and binds a resource: `{ jid, sid, rid }`, where rid is the next
 * one the client sends (Strophe's attach() takes it as such). `wait` and `hold` are the session's
 * (Strophe's defaults: 60 and 1). Rejects on a refused login or a server out of reach.
 */
export async function prebind({ boshUrl, domain, user, password, resource = `web-${randomInt(1e9).toString(36)}`, wait = 60, hold = 1, timeout = 15000 }) {
  // XEP-0124 §5: start well below 2^32, leaving room to count up.
  let rid = randomInt(1e6, 2 ** 31);
  let sid = '';
  const signal = AbortSignal.timeout(timeout);
  const request = async (inner = '', extra = {}) => {
    const attrs = { rid: String(rid++), xmlns: NS_BOSH, ...(sid ? { sid } : {}), ...extra };
    const head = Object.entries(attrs).map(([k, v]) => `${k}='${esc(v)}'`).join(' ');
    const response = await fetch(boshUrl, { method: 'POST', headers: { 'content-type': 'text/xml; charset=utf-8' }, body: `<body ${head}>${inner}</body>`, signal });
    if (!response.ok) throw new Error(`prebind: BOSH answered HTTP ${response.status}`);
    const body = parseBody(await response.text());
    if (body.attrs.type === 'terminate') throw new Error(`prebind: the BOSH session ended (${body.attrs.condition ?? 'no condition'})`);
    return body;
  };
  // Sends, then polls (a few times at most) until the answer it waits for came.
  const until = async (pattern, inner, extra) => {
    let body = await request(inner, extra);
    for (let i = 0; !pattern.test(body.xml); i++) {
      if (i === 5) throw new Error(`prebind: no ${pattern} from the server`);
      body = await request();
    }
    return body.xml;
  };
  const stream = { 'xml:lang': 'en', 'xmpp:version': '1.0', 'xmlns:xmpp': 'urn:xmpp:xbosh' };
  const created = await request('', { to: domain, content: 'text/xml; charset=utf-8', hold: String(hold), wait: String(wait), ver: '1.6', ...stream });
  sid = created.attrs.sid ?? '';
  if (!sid) throw new Error('prebind: the server opened no BOSH session');
  if (!/<(?:stream:)?features/.test(created.xml)) await until(/<(?:stream:)?features/);
  const plain = Buffer.from(`\0${user}\0${password}`).toString('base64');
  const sasl = await until(/<(success|failure)\b/, `<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>${plain}</auth>`);
  if (!/<success\b/.test(sasl)) throw Object.assign(new Error(`prebind: ${user}@${domain}: SASL PLAIN refused`), { refused: true });
  await until(/<(?:stream:)?features/, '', { to: domain, 'xmpp:restart': 'true', ...stream });
  const bound = await until(
    /<iq\b[^>]*id=['"]bind['"]/,
    `<iq type='set' id='bind' xmlns='jabber:client'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>${esc(resource)}</resource></bind></iq>`,
  );
  const jid = unesc(bound.match(/<jid>([^<]+)<\/jid>/)?.[1] ?? '');
  if (!/type=['"]result['"]/.test(bound) || !jid) throw new Error(`prebind: bind failed: ${bound.slice(0, 200)}`);
  return { jid, sid, rid };
}

/** The value of a cookie in a Cookie header, or undefined. */
export function cookie(headers, name) {
  for (const part of String(headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return decodeURIComponent(part.slice(at + 1).trim());
  }
  return undefined;
}

/**
 * The two endpoints as one function: `answer(method, path, headers)` resolves with `{ status,
 * headers, body }`. `accountFor(headers)` is the site's: the signed-in user's XMPP account
 * `{ user, password }`, or undefined (403). `corsOrigin`: the one other origin allowed to call with
 * its cookies. Never cached; a refused XMPP login is 403, a server out of reach 502.
 */
export function createPrebindApp({ boshUrl, domain, accountFor, corsOrigin, log = () => {} }) {
  return async function answer(method, path, headers = {}) {
    const cors = corsOrigin && headers.origin === corsOrigin ? { 'access-control-allow-origin': corsOrigin, 'access-control-allow-credentials': 'true', vary: 'Origin' } : {};
    const json = (status, value) => ({ status, headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...cors }, body: JSON.stringify(value) });
    const route = path.split('?')[0].replace(/\/+$/, '');
    const kind = route.endsWith('/session') ? 'session' : route.endsWith('/credentials') ? 'credentials' : '';
    if (!kind) return json(404, { error: 'not found' });
    if (method !== 'GET') return json(405, { error: 'GET only' });
    const account = await accountFor(headers);
    if (!account) {
      log(`${kind}: no signed-in site user: 403`);
      return json(403, { error: 'not signed in' });
    }
    const jid = `${account.user}@${domain}`;
    if (kind === 'credentials') {
      log(`credentials for ${jid}`);
      return json(200, { jid, password: account.password });
    }
    try {
      const session = await prebind({ boshUrl, domain, user: account.user, password: account.password });
      log(`session for ${session.jid}: sid ${session.sid}, next rid ${session.rid}`);
      return json(200, session);
    } catch (error) {
      log(`session for ${jid} failed: ${error.message}`);
      return json(error.refused ? 403 : 502, { error: error.message });
    }
  };
}

function parseArgs(argv) {
  const args = { port: 8090, host: '127.0.0.1' };
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '').replace(/-(\w)/g, (_, c) => c.toUpperCase());
    args[key] = argv[i + 1];
  }
  for (const need of ['boshUrl', 'domain', 'user', 'password']) {
    if (!args[need]) throw new Error(`prebind-server: --${need.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} is needed`);
  }
  return args;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const [cookieName, cookieValue] = args.cookie ? args.cookie.split('=') : [];
  const answer = createPrebindApp({
    boshUrl: args.boshUrl,
    domain: args.domain,
    corsOrigin: args.corsOrigin,
    // One account; with --cookie, only for a request that carries that cookie (the "signed-in" user).
    accountFor: (headers) => (!cookieName || cookie(headers, cookieName) === cookieValue ? { user: args.user, password: args.password } : undefined),
    log: (line) => console.log(`prebind-server: ${line}`),
  });
  const server = createServer((request, response) => {
    void answer(request.method, request.url, request.headers).then(({ status, headers, body }) => {
      response.writeHead(status, headers);
      response.end(body);
    });
  });
  server.listen(Number(args.port), args.host, () => {
    const { port } = server.address();
    console.log(`prebind-server: http://${args.host}:${port}/session and /credentials for ${args.user}@${args.domain} via ${args.boshUrl}`);
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => server.close(() => process.exit(0)));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error) => {
    console.error(error.message);
    process.exit(1);
  });
}
