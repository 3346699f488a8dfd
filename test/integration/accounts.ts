import type { Connection } from '../../src/core/connection.js';
import { Roster } from '../../src/core/roster.js';
import { peer, serverConfig, until } from './server.js';

const token = () => Math.random().toString(36).slice(2, 8);

export interface Account {
  readonly jid: string;
  readonly password: string;
}

/**
 * Registers a fresh account in-band (XEP-0077) over a bare BOSH session of our
 * own, so a test can change a roster no other test uses.
 */
export async function register(prefix = 'r'): Promise<Account> {
  const { boshUrl, domain } = await serverConfig();
  const user = `${prefix}-${Date.now().toString(36)}-${token()}`;
  const password = `pw-${token()}`;
  let rid = Math.floor(Math.random() * 1e9);
  // On a cluster, a node that does not know the new session yet answers item-not-found: the same
  // request again (the widget does so too, strophe-transport.ts sendAgainWhenUnknown).
  const post = async (body: string): Promise<Document> => {
    for (let tries = 1; ; tries += 1) {
      const response = await fetch(boshUrl, { method: 'POST', headers: { 'Content-Type': 'text/xml; charset=utf-8' }, body });
      const answer = new DOMParser().parseFromString(await response.text(), 'application/xml');
      const root = answer.documentElement;
      if (tries > 3 || root.getAttribute('type') !== 'terminate' || root.getAttribute('condition') !== 'item-not-found') return answer;
      await new Promise((resolve) => setTimeout(resolve, 100 * tries));
    }
  };
  const session = await post(
    `<body xmlns="http://jabber.org/protocol/httpbind" xmlns:xmpp="urn:xmpp:xbosh" rid="${rid}" to="${domain}" xml:lang="en" wait="10" hold="1" content="text/xml; charset=utf-8" ver="1.6" xmpp:version="1.0"/>`,
  );
  const sid = session.documentElement.getAttribute('sid') ?? '';
  const body = (inner: string, extra = '') =>
    `<body xmlns="http://jabber.org/protocol/httpbind" rid="${(rid += 1)}" sid="${sid}"${extra}>${inner}</body>`;
  let answer = await post(
    body(
      `<iq xmlns="jabber:client" type="set" id="reg"><query xmlns="jabber:iq:register"><username>${user}</username><password>${password}</password></query></iq>`,
    ),
  );
  for (let i = 0; i < 5 && !answer.querySelector('iq'); i += 1) answer = await post(body(''));
  const type = answer.querySelector('iq')?.getAttribute('type');
  await post(body('', ' type="terminate"'));
  if (type !== 'result') throw new Error(`in-band registration failed: ${new XMLSerializer().serializeToString(answer)}`);
  return { jid: `${user}@${domain}`, password };
}

/** A core session for an account, online. */
export function session(account: Account): Promise<Connection> {
  return peer(account.jid, account.password);
}

/** Makes two accounts see each other's presence (subscription both), through the core Roster. */
export async function befriend(a: Account, b: Account): Promise<void> {
  const [ca, cb] = await Promise.all([session(a), session(b)]);
  const ra = Roster.for(ca);
  const rb = Roster.for(cb);
  const offs = [
    ra.on('change', () => ra.requests.forEach((jid) => ra.accept(jid))),
    rb.on('change', () => rb.requests.forEach((jid) => rb.accept(jid))),
  ];
  await until(() => ra.loaded && rb.loaded, 10000, 'rosters');
  await ra.add(b.jid);
  await until(
    () => ra.item(b.jid)?.subscription === 'both' && rb.item(a.jid)?.subscription === 'both',
    10000,
    'mutual subscription',
  );
  for (const off of offs) off();
  ca.logout();
  cb.logout();
}
