// Messages lost and doubled on a bad link. A guest <xmpp-room> reaches the server through the
// fault proxy (scripts/fault-proxy.mjs, POST /__xmpp__/fault) while a peer, on a direct
// connection, shares the room; both send numbered messages at a steady pace while the link
// slows down, goes silent, is reset, or the server restarts. Then every message must be seen
// exactly once on the other side, and each of the guest's own once in its view, sent.
import { expect, fixture, html } from '@open-wc/testing';
import type { XmppRoom } from '../../src/components/room/room.js';
import type { Connection } from '../../src/core/connection.js';
import { MucRoom } from '../../src/core/muc/room.js';
import { account, parts, serverConfig, uniqueRoom, until } from '../harness.js';

type Transport = 'bosh' | 'ws';
type Fault = { kind: 'pass' | 'blackhole' | 'drop' | 'reset' } | { kind: 'latency'; ms: number };

/** How often each side sends, in ms. */
const PACE = 150;
/** The counts have settled when nothing changed for this long, both sides online. */
const QUIET = 10000;
const QUIET_WHEN_COMPLETE = 3000;
const SETTLE_TIMEOUT = 60000;

async function setFault(fault: Fault): Promise<void> {
  const response = await fetch('/__xmpp__/fault', { method: 'POST', body: JSON.stringify(fault) });
  if (!response.ok) throw new Error(`fault ${JSON.stringify(fault)}: ${response.status} ${await response.text()}`);
}

/** The senders of the current test: stopped after it, even when it failed half-way. */
const senders = new Set<{ stop(): void }>();
afterEach(async () => {
  for (const s of senders) s.stop();
  senders.clear();
  await setFault({ kind: 'pass' });
});

// ---------------------------------------------------------------------------
// The two sides.

/** The guest `<xmpp-room>` on the proxy's URL for this transport. */
async function guestRoom(transport: Transport, roomJid: string, nick: string): Promise<XmppRoom> {
  const { proxyBoshUrl, proxyWsUrl, guestDomain } = await serverConfig();
  const url = transport === 'bosh' ? proxyBoshUrl : proxyWsUrl;
  expect(url, 'the fault proxy’s URL (none for an external server on no loopback port)').to.not.equal('');
  const el =
    transport === 'bosh'
      ? await fixture<XmppRoom>(html`<xmpp-room lang="en" bosh-url=${url} jid=${guestDomain} room-jid=${roomJid} nick=${nick}></xmpp-room>`)
      : await fixture<XmppRoom>(html`<xmpp-room lang="en" ws-url=${url} jid=${guestDomain} room-jid=${roomJid} nick=${nick}></xmpp-room>`);
  await until(() => el.status === 'online' && ownRow(el, nick), 10000, `${nick} to join`);
  return el;
}

/** The rows of the guest's view (every one: a reader who scrolls up sees earlier ones). */
function rows(el: XmppRoom): { body: string; pending: boolean }[] {
  el.shadowRoot?.querySelector<HTMLButtonElement>('button.show-earlier')?.click();
  return parts(el, 'message').map((row) => ({
    body: row.querySelector('[part~="message-body"]')?.textContent ?? '',
    pending: (row.getAttribute('part') ?? '').split(/\s+/).includes('pending'),
  }));
}

const ownRow = (el: XmppRoom, nick: string) =>
  parts(el, 'occupant').some((o) => o.querySelector('.nick')?.textContent?.startsWith(nick) && o.textContent.includes('(you)'));

interface Peer {
  readonly connection: Connection;
  readonly room: MucRoom;
  /** In the room now. */
  readonly joined: () => boolean;
  /** Each groupchat body received, with its copies: the room's stanza-id, or one key for each copy without. */
  readonly received: Map<string, Set<string>>;
  /** Sends a groupchat message (MucRoom: while out of the room, it goes once back in, in order). */
  readonly say: (body: string) => void;
  /** Its own messages the room refused, with the error condition. */
  readonly refused: Map<string, string>;
  /** The nicks the bodies came from (the guest's and the peer's own, which a rejoin may change). */
  readonly nicks: Set<string>;
}

/**
 * The other person: a guest on a direct connection (logged out after the test) in the room through
 * the core's MucRoom, which rejoins after a loss, fills the gap and sends again what the room did not
 * confirm. What it receives is counted from the raw stanzas: live and history copies, and the room
 * archive's copies a rejoin fetches, one key per copy (the room's stanza-id where there is one).
 */
async function peerIn(roomJid: string, nick: string): Promise<Peer> {
  const connection = await account();
  const room = new MucRoom(connection, roomJid, { nick, history: 0 });
  const received = new Map<string, Set<string>>();
  const nicks = new Set<string>();
  let copies = 0;
  const refused = new Map<string, string>();
  const count = (message: Element, key: string | null | undefined) => {
    const from = message.getAttribute('from') ?? '';
    const body = message.getElementsByTagName('body')[0]?.textContent;
    if (message.getAttribute('type') !== 'groupchat' || !from.startsWith(`${roomJid}/`) || body == null) return;
    copies += 1;
    const keys = received.get(body) ?? new Set<string>();
    keys.add(key ? `sid:${key}` : `copy:${copies}`);
    received.set(body, keys);
    nicks.add(from.slice(roomJid.length + 1));
  };
  connection.on('message', (message) => {
    const from = message.getAttribute('from') ?? '';
    const body = message.getElementsByTagName('body')[0]?.textContent;
    if (message.getAttribute('type') === 'error' && from === roomJid && body != null) {
      refused.set(body, message.getElementsByTagName('error')[0]?.firstElementChild?.localName ?? 'unknown');
      return;
    }
    const result = [...message.children].find((c) => c.localName === 'result' && c.getAttribute('xmlns') === 'urn:xmpp:mam:2');
    const archived = result?.getElementsByTagName('forwarded')[0]?.getElementsByTagName('message')[0];
    if (result && archived && from === roomJid) {
      count(archived, result.getAttribute('id'));
      return;
    }
    count(message, [...message.getElementsByTagName('stanza-id')].find((s) => s.getAttribute('by') === roomJid)?.getAttribute('id'));
  });
  room.join();
  await until(() => room.state === 'joined', 10000, `${nick} to join`);
  const joined = () => room.state === 'joined' && connection.status === 'online';
  const say = (body: string) => {
    room.send(body);
  };
  return { connection, room, joined, say, refused, received, nicks };
}

/** Sends `${label} 1`, `${label} 2`, … every PACE ms until stopped (the timer only paces the sender). */
function sender(send: (body: string) => Promise<void>, label: string) {
  let sent = 0;
  /** What the element would not take (it rejected the send). */
  const refused: number[] = [];
  const timer = setInterval(() => {
    sent += 1;
    const n = sent;
    send(`${label} ${n}`).catch(() => refused.push(n));
  }, PACE);
  const stop = () => clearInterval(timer);
  senders.add({ stop });
  return {
    get sent() {
      return sent;
    },
    refused,
    stop,
  };
}
type Sender = ReturnType<typeof sender>;

// ---------------------------------------------------------------------------
// Counting.

const numbers = (count: number) => Array.from({ length: count }, (_, i) => i + 1);

/** `1-4, 9, 12-13`. */
function ranges(numbers: readonly number[]): string {
  const out: string[] = [];
  for (let i = 0; i < numbers.length; i++) {
    let j = i;
    while (j + 1 < numbers.length && numbers[j + 1] === numbers[j] + 1) j++;
    out.push(i === j ? `${numbers[i]}` : `${numbers[i]}-${numbers[j]}`);
    i = j;
  }
  return out.join(', ') || 'none';
}

interface Direction {
  readonly what: string;
  readonly sent: number;
  readonly lost: number[];
  readonly doubled: number[];
  readonly pending?: number[];
}

function direction(what: string, label: string, sent: number, copiesOf: (body: string) => number, pendingOf?: (body: string) => boolean): Direction {
  const all = numbers(sent);
  return {
    what,
    sent,
    lost: all.filter((n) => copiesOf(`${label} ${n}`) === 0),
    doubled: all.filter((n) => copiesOf(`${label} ${n}`) > 1),
    ...(pendingOf ? { pending: all.filter((n) => pendingOf(`${label} ${n}`)) } : {}),
  };
}

interface Scene {
  readonly el: XmppRoom;
  readonly peer: Peer;
  readonly guest: Sender;
  readonly other: Sender;
  /** The guest's status changes (xmpp-status), in order. */
  readonly statuses: string[];
}

/** What each side has seen of the other's messages, and the guest of its own. */
function tally({ el, peer, guest, other }: Scene): Direction[] {
  const view = rows(el);
  const inView = (body: string) => view.filter((r) => r.body === body).length;
  const copiesAtPeer = (body: string) => peer.received.get(body)?.size ?? 0;
  return [
    direction('guest → peer', 'guest', guest.sent, copiesAtPeer),
    direction('peer → guest (its view)', 'peer', other.sent, inView),
    direction('guest’s own view', 'guest', guest.sent, inView, (body) => view.some((r) => r.body === body && r.pending)),
    // The peer's link is direct, but a server restart breaks it too: what the room never echoed to it.
    direction('peer → room (echoed to the peer)', 'peer', other.sent, copiesAtPeer),
  ];
}

const clean = (d: Direction) => d.lost.length === 0 && d.doubled.length === 0 && !d.pending?.length;

/**
 * Waits until every message is where it belongs (and stays so for QUIET_WHEN_COMPLETE ms), or nothing
 * has changed for QUIET ms with both sides online, then asserts: one line for each direction that lost, doubled or left pending a message.
 */
async function expectEachOnce(scene: Scene): Promise<void> {
  const { el, peer, guest, other } = scene;
  guest.stop();
  other.stop();
  let last = '';
  let since = performance.now();
  let settled = 'settled';
  await until(
    () => {
      const now = tally(scene);
      const signature = JSON.stringify([now, el.status, peer.joined()]);
      if (signature !== last) [last, since] = [signature, performance.now()];
      const quiet = performance.now() - since;
      // All there: a little longer, for a copy sent again late.
      if (now.every(clean)) return quiet > QUIET_WHEN_COMPLETE;
      return el.status === 'online' && peer.joined() && quiet > QUIET;
    },
    SETTLE_TIMEOUT,
    'the counts to settle',
  ).catch(() => {
    settled = `not settled after ${SETTLE_TIMEOUT / 1000} s (guest ${el.status}, peer ${peer.joined() ? 'in the room' : 'out'})`;
  });
  const problems = tally(scene)
    .filter((d) => !clean(d))
    .map(
      (d) =>
        `${d.what}: of ${d.sent}, lost ${ranges(d.lost)}; doubled ${ranges(d.doubled)}` +
        (d.pending ? `; still pending ${ranges(d.pending)}` : ''),
    );
  if (guest.refused.length) problems.push(`the guest element refused to send ${ranges(guest.refused)}`);
  const refusedByRoom = [...peer.refused].map(([body, condition]) => `${body.replace('peer ', '')} (${condition})`);
  if (refusedByRoom.length) problems.push(`the room refused the peer’s ${refusedByRoom.join(', ')}`);
  const nicks = [...peer.nicks].join(', ');
  const context = `${settled}; the guest went ${scene.statuses.join(' → ') || 'nowhere'}; nicks seen by the peer: ${nicks}`;
  expect(problems, `${context}\n  ${problems.join('\n  ')}\n`).to.deep.equal([]);
}

/** Waits (the senders going on) until the guest has sent about `ms` worth more messages. */
const forAbout = (scene: Scene, ms: number) => {
  const target = scene.guest.sent + Math.ceil(ms / PACE);
  return until(() => scene.guest.sent >= target, ms + 5000, `${target} messages sent`);
};

/**
 * The guest and the peer in a new room. `persistent`: the peer creates it and makes it persistent
 * first, as a site's room that outlives a server restart is: a temporary room is destroyed when the
 * server stops, and ejabberd then clears its archive (mod_mam's clear_archive_on_room_destroy), so
 * what it had not delivered before stopping is gone for every client.
 */
async function scene(transport: Transport, prefix: string, { persistent = false } = {}): Promise<Scene> {
  const roomJid = await uniqueRoom(prefix);
  let peer: Peer | undefined;
  if (persistent) {
    peer = await peerIn(roomJid, 'peer');
    await peer.room.submitConfig(await peer.room.fetchConfig(), { 'muc#roomconfig_persistentroom': ['1'] });
  }
  const el = await guestRoom(transport, roomJid, 'visitor');
  peer ??= await peerIn(roomJid, 'peer');
  await until(() => parts(el, 'occupant').length === 2, 10000, 'the guest to see the peer');
  const statuses: string[] = [];
  el.addEventListener('xmpp-status', (event) => statuses.push(event.detail.status));
  const guest = sender((body) => el.send(body), 'guest');
  const other = sender(async (body) => peer.say(body), 'peer');
  return { el, peer, guest, other, statuses };
}

// ---------------------------------------------------------------------------

describe('messages on a bad link (fault proxy): each seen once on the other side', () => {
  it('the fault endpoint takes a fault as JSON and refuses a bad one', async () => {
    const ok = await fetch('/__xmpp__/fault', { method: 'POST', body: '{"kind":"latency","ms":10}' });
    expect([ok.status, await ok.text()]).to.deep.equal([200, 'ok']);
    for (const body of ['nonsense', '{"kind":"flood"}', '{"kind":"latency"}', '{"kind":"latency","ms":-1}']) {
      expect((await fetch('/__xmpp__/fault', { method: 'POST', body })).status, body).to.equal(400);
    }
  });

  for (const transport of ['bosh', 'ws'] as const) {
    it(`${transport}: latency 400 ms, a 5 s blackhole, pass; latency, a reset, pass`, async function () {
      this.timeout(100000);
      const s = await scene(transport, `faults-${transport}`);
      await forAbout(s, 1500);
      await setFault({ kind: 'latency', ms: 400 });
      await forAbout(s, 2000);
      await setFault({ kind: 'blackhole' });
      const before = s.guest.sent;
      await forAbout(s, 5000);
      // The proxy held them: none of what the guest said in the blackhole has reached the peer yet.
      const through = numbers(s.guest.sent).filter((n) => n > before && s.peer.received.has(`guest ${n}`));
      expect(through, 'guest messages through the blackhole').to.deep.equal([]);
      await setFault({ kind: 'pass' });
      await forAbout(s, 2000);
      await setFault({ kind: 'latency', ms: 400 });
      await forAbout(s, 1500);
      await setFault({ kind: 'reset' });
      await forAbout(s, 3000);
      await expectEachOnce(s);
    });
  }

  for (const transport of ['bosh', 'ws'] as const) {
    it(`${transport}: the server restarts with messages in flight`, async function () {
      this.timeout(100000);
      const s = await scene(transport, `restart-${transport}`, { persistent: true });
      await forAbout(s, 1500);
      // The senders go on while it is down: its answer comes once the server is up again.
      expect((await fetch('/__xmpp__/restart', { method: 'POST' })).ok, 'POST /__xmpp__/restart').to.equal(true);
      await until(() => s.el.status === 'online' && s.peer.joined(), 30000, 'both back online and in the room').catch(() => {
        throw new Error(`not both back in 30 s: the guest is ${s.el.status}, the peer ${s.peer.connection.status}, ${s.peer.joined() ? 'in' : 'not in'} the room`);
      });
      await forAbout(s, 1500);
      await expectEachOnce(s);
    });
  }
});
