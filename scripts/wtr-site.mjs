// The host site of the tests, same-origin with the test page (web-test-runner.config.mjs), under
// /__xmpp__/site/: the reference prebind server's two endpoints for the user named by the
// `xmpp-site-user` cookie (none, or one the XMPP server does not know: 403), refusals on demand,
// how often each was asked, and host-meta documents (XEP-0156) for the discovery tests.
//
//   GET /__xmpp__/site/credentials[?answer=...]   { jid, password }   (scripts/prebind-server.mjs)
//   GET /__xmpp__/site/session[?answer=...]       { jid, sid, rid }   (a real prebound BOSH session)
//       answer=bad-json: 200 with text that is not JSON; answer=fields: 200 with { jid } alone;
//       answer=stale-password (credentials): alice's JID with a password the XMPP server refuses
//   GET /__xmpp__/site/count                      { credentials, session }: the requests so far
//   GET /__xmpp__/site/host-meta?kind=K           K: json (WebSocket and BOSH), xml (XRD, both),
//       bosh (JSON, BOSH only), dead-ws (JSON: a WebSocket URL nobody serves, then BOSH), empty
//       (JSON with no links), malformed (neither JSON nor XML), missing (404)
import { cookie, createPrebindApp } from './prebind-server.mjs';

export function siteMiddleware(server) {
  const count = { credentials: 0, session: 0 };
  const answer = createPrebindApp({
    boshUrl: server.boshUrl,
    domain: server.domain,
    accountFor: (headers) => {
      const user = cookie(headers, 'xmpp-site-user');
      return user && server.users[user] ? { user, password: server.users[user] } : undefined;
    },
  });
  const hostMeta = (kind) => {
    const ws = kind === 'dead-ws' ? 'ws://127.0.0.1:9/xmpp-websocket' : server.wsUrl;
    const links = {
      json: [['websocket', ws], ['xbosh', server.boshUrl]],
      xml: [['websocket', ws], ['xbosh', server.boshUrl]],
      bosh: [['xbosh', server.boshUrl]],
      'dead-ws': [['websocket', ws], ['xbosh', server.boshUrl]],
      empty: [],
    }[kind];
    if (kind === 'malformed') return { type: 'text', body: '<XRD><Link rel="urn:xmpp:alt-connections:xbosh"' };
    if (!links) return undefined;
    const rel = (name) => `urn:xmpp:alt-connections:${name}`;
    if (kind === 'xml') {
      const items = links.map(([name, href]) => `  <Link rel="${rel(name)}" href="${href}"/>`).join('\n');
      return { type: 'application/xrd+xml', body: `<?xml version='1.0' encoding='utf-8'?>\n<XRD xmlns='http://docs.oasis-open.org/ns/xri/xrd-1.0'>\n${items}\n</XRD>` };
    }
    return { type: 'json', body: JSON.stringify({ links: links.map(([name, href]) => ({ rel: rel(name), href })) }) };
  };
  return async function site(context, next) {
    if (!context.path.startsWith('/__xmpp__/site/')) return next();
    const route = context.path.slice('/__xmpp__/site/'.length);
    context.set('cache-control', 'no-store');
    if (route === 'count') {
      context.type = 'json';
      context.body = JSON.stringify(count);
      return undefined;
    }
    if (route === 'host-meta') {
      const document = hostMeta(context.query.kind);
      context.status = document ? 200 : 404;
      context.type = document?.type ?? 'text';
      context.body = document?.body ?? 'no host-meta here';
      return undefined;
    }
    if (route !== 'credentials' && route !== 'session') return next();
    count[route] += 1;
    const refuse = context.query.answer;
    if (refuse === 'bad-json') {
      context.type = 'json';
      context.body = '{"jid": "alice@';
      return undefined;
    }
    if (refuse === 'stale-password') {
      context.type = 'json';
      context.body = JSON.stringify({ jid: `alice@${server.domain}`, password: 'not-her-password' });
      return undefined;
    }
    if (refuse === 'fields') {
      context.type = 'json';
      context.body = JSON.stringify({ jid: `alice@${server.domain}` });
      return undefined;
    }
    const { status, headers, body } = await answer(context.method, `/${route}`, context.headers);
    context.status = status;
    context.set(headers);
    context.body = body;
    return undefined;
  };
}
