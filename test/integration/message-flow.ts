// Messages each seen once: a guest <xmpp-room> and a peer (a core MucRoom on a connection of its own) in
// one room, both sending numbered messages at a steady pace while a test breaks something (the link,
// the server, a cluster node); then every message must be seen exactly once on the other side, and each
// of the guest's own once in its view, sent. Used by test/integration/faults.test.ts and test/cluster/.
import { expect } from '@open-wc/testing';
import type { XmppRoom } from '../../src/components/room/room.js';
import type { Connection } from '../../src/core/connection.js';
import { MucRoom } from '../../src/core/muc/room.js';
import { account, parts, until } from '../harness.js';

/** How often each side sends, in ms. */
const PACE = 150;
/** The counts have settled when nothing changed for this long, both sides online. */
const QUIET = 10000;
const QUIET_WHEN_COMPLETE = 3000;
const SETTLE_TIMEOUT = 60000;

/** The senders of the current test: stopped after it, even when it failed half-way. */
const senders = new Set<{ stop(): void }>();
afterEach(() => {
  for (const s of senders) s.stop();
  senders.clear();
});

/** The rows of the guest's view (every one: a reader who scrolls up sees earlier ones). */
export function rows(el: XmppRoom): { body: string; pending: boolean }[] {
  el.shadowRoot?.querySelector<HTMLButtonElement>('button.show-earlier')?.click();
  return parts(el, 'message').map((row) => ({
    body: row.querySelector('[part~="message-body"]')?.textContent ?? '',
    pending: (row.getAttribute('part') ?? '').split(/\s+/).includes('pending'),
  }));
}

export const ownRow = (el: XmppRoom, nick: string) =>
  parts(el, 'occupant').some((o) => o.querySelector('.nick')?.textContent?.startsWith(nick) && o.textContent.includes('(you)'));

export interface Peer {
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
export async function peerIn(roomJid: string, nick: string, connection?: Connection): Promise<Peer> {
  connection ??= await account();
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

export const numbers = (count: number) => Array.from({ length: count }, (_, i) => i + 1);

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

export interface Scene {
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
export async function expectEachOnce(scene: Scene): Promise<void> {
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
  // A refusal the peer's MucRoom recovered from (not-acceptable: the room no longer had it; it joined
  // again and the message went again) is no problem: only one whose message never reached the room is.
  const refusedByRoom = [...peer.refused].filter(([body]) => !peer.received.has(body)).map(([body, condition]) => `${body.replace('peer ', '')} (${condition})`);
  if (refusedByRoom.length) problems.push(`the room refused the peer’s ${refusedByRoom.join(', ')}`);
  const nicks = [...peer.nicks].join(', ');
  const context = `${settled}; the guest went ${scene.statuses.join(' → ') || 'nowhere'}; nicks seen by the peer: ${nicks}`;
  expect(problems, `${context}\n  ${problems.join('\n  ')}\n`).to.deep.equal([]);
}

/** Waits (the senders going on) until the guest has sent about `ms` worth more messages. */
export const forAbout = (scene: Scene, ms: number) => {
  const target = scene.guest.sent + Math.ceil(ms / PACE);
  return until(() => scene.guest.sent >= target, ms + 5000, `${target} messages sent`);
};


/** The guest and the peer, both in the room, start sending (stopped by expectEachOnce or after the test). */
export function converse(el: XmppRoom, peer: Peer): Scene {
  const statuses: string[] = [];
  el.addEventListener('xmpp-status', (event) => statuses.push(event.detail.status));
  const guest = sender((body) => el.send(body), 'guest');
  const other = sender(async (body) => peer.say(body), 'peer');
  return { el, peer, guest, other, statuses };
}
