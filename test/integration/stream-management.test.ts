import { expect, fixture, html } from '@open-wc/testing';
import type { XmppRoom } from '../../src/components/room/room.js';
import { Connection } from '../../src/core/connection.js';
import { StropheTransport } from '../../src/core/strophe-transport.js';
import { type PeerInRoom, bodies, closeAfterTest, parts, peerInRoom, serverConfig, timelineBodies, uniqueRoom, until } from '../harness.js';
import { register } from './accounts.js';

const count = (list: readonly string[], body: string) => list.filter((b) => b === body).length;

async function setFault(fault: object): Promise<void> {
  const response = await fetch('/__xmpp__/fault', { method: 'POST', body: JSON.stringify(fault) });
  expect(response.ok, await response.text()).to.equal(true);
}

afterEach(() => setFault({ kind: 'pass' }));

describe('XEP-0198 stream management (real server, WebSocket through the fault proxy)', () => {
  it('takes the session up again after the link is reset: same resource, still in the room, nothing lost or doubled', async function () {
    this.timeout(40000);
    const { proxyWsUrl } = await serverConfig();
    const alice = await register('sm');
    const roomJid = await uniqueRoom('sm');
    const bob = await peerInRoom(roomJid, 'bob');
    const options = { wsUrl: proxyWsUrl, jid: alice.jid, backoff: { base: 200 } };
    const connection = closeAfterTest(new Connection(new StropheTransport(options), options));
    await connection.login(alice.jid, alice.password);
    const el = await fixture<XmppRoom>(html`<xmpp-room room-jid=${roomJid} nick="alice" .connection=${connection}></xmpp-room>`);
    // In the room for both: bob sees alice, and alice's own view has her in (her self-presence can come after).
    await until(() => el.status === 'online' && bob.room.occupant('alice') && parts(el, 'occupant').length === 2, 10000, 'alice in the room');
    const boundJid = connection.jid;
    await el.send('before');
    await until(() => timelineBodies(bob.room).includes('before'), 10000, 'bob to get the first one');

    const noticesBefore = bob.room.timeline.length;
    // Messages in flight both ways when the link breaks.
    await setFault({ kind: 'latency', ms: 400 });
    await el.send('in flight');
    bob.room.send('to alice in flight');
    await setFault({ kind: 'reset' });
    await until(() => connection.status !== 'online', 10000, 'the drop to be noticed');
    bob.room.send('to alice while away');

    await until(() => connection.status === 'online', 20000, 'alice back');
    expect(connection.jid, 'the same session (resumed, not a new login)').to.equal(boundJid);
    await el.send('after');
    const mine = ['before', 'in flight', 'after'];
    const theirs = ['to alice in flight', 'to alice while away'];
    await until(() => mine.every((b) => timelineBodies(bob.room).includes(b)), 15000, 'bob to have all of alice’s');
    await until(() => theirs.every((b) => bodies(el).includes(b)) && parts(el, 'pending').length === 0, 15000, 'alice to have all of bob’s');
    for (const body of mine) expect(count(timelineBodies(bob.room), body), `bob: ${body}`).to.equal(1);
    for (const body of [...mine, ...theirs]) expect(count(bodies(el), body), `alice: ${body}`).to.equal(1);
    // The room kept alice all along: bob saw her neither leave nor join again.
    const aboutAlice = bob.room.timeline.slice(noticesBefore).filter((i) => i.kind === 'notice' && i.notice.params['nick'] === 'alice').map((i) => (i.kind === 'notice' ? i.notice.kind : ''));
    expect(aboutAlice).to.deep.equal([]);
  });
});

describe('XEP-0198 across a reload (real server, WebSocket)', () => {
  const frames: HTMLIFrameElement[] = [];
  afterEach(() => {
    for (const f of frames.splice(0)) f.remove();
  });

  /** Alice in a room through a tab of her own (an iframe), and bob, the room's owner, who sees her real JID. */
  const setUp = async (name: string) => {
    const { wsUrl } = await serverConfig();
    const alice = await register(name);
    const roomJid = await uniqueRoom(name);
    const bob = await peerInRoom(roomJid, 'bob');
    const frame = document.createElement('iframe');
    frame.src = `/test/integration/reload-frame.html?${new URLSearchParams({ 'ws-url': wsUrl, jid: alice.jid, 'room-jid': roomJid, nick: 'alice' }).toString()}`;
    frames.push(frame);
    document.body.append(frame);
    const roomIn = () => frame.contentDocument?.querySelector<XmppRoom>('xmpp-room') ?? undefined;
    const inRoom = (el: XmppRoom) => until(() => el.status === 'online' && parts(el, 'occupant').length === 2, 15000, 'alice in the room, seeing bob');
    /** Signs alice in through the element's own form, as she would. */
    const signIn = async () => {
      const el = await until(() => roomIn(), 10000, 'the room element');
      const password = await until(() => el.shadowRoot?.querySelector<HTMLInputElement>('[part~="login-password"]'), 10000, 'the login form');
      password.value = alice.password;
      el.shadowRoot!.querySelector<HTMLFormElement>('[part~="login-form"]')!.requestSubmit();
      await inRoom(el);
      return el;
    };
    const first = await signIn();
    // Bob's side too: the notice of her join counts as before, not as one after the reload.
    await until(() => bob.room.occupant('alice')?.jid, 10000, 'bob to see alice with her real JID');
    const reload = async () => {
      frame.contentWindow!.location.reload();
      return until(() => roomIn() !== first && roomIn(), 10000, 'the reloaded page');
    };
    /** The tab closes (it saves what the next one needs as it goes), `between` runs, and the page opens again. */
    const reopen = (between: () => void) => {
      frame.remove();
      between();
      document.body.append(frame);
    };
    return { alice, bob, first, signIn, inRoom, reload, reopen, frame: () => frame, noticesBefore: bob.room.timeline.length, jidBefore: bob.room.occupant('alice')?.jid };
  };

  /** Bob saw alice neither leave nor join, and her full JID (resource and all) is the one from before. */
  const sameSession = (bob: PeerInRoom, noticesBefore: number, jidBefore: string | undefined) => {
    const aboutAlice = bob.room.timeline.slice(noticesBefore).filter((i) => i.kind === 'notice' && i.notice.params['nick'] === 'alice');
    expect(aboutAlice, 'no leave or join seen by bob').to.deep.equal([]);
    expect(jidBefore, "alice's real JID, as bob sees it").to.be.a('string');
    expect(bob.room.occupant('alice')?.jid).to.equal(jidBefore);
  };

  it('takes the session up again after a reload without asking for the password: the same resource, and the room kept the user', async function () {
    this.timeout(40000);
    const { bob, inRoom, reload, noticesBefore, jidBefore } = await setUp('smreload');
    const second = await reload();
    await inRoom(second);
    expect(second.shadowRoot!.querySelector('[part~="login-form"]'), 'no login form').to.equal(null);
    await second.send('after the reload');
    await until(() => timelineBodies(bob.room).includes('after the reload'), 10000, 'bob to get it');
    sameSession(bob, noticesBefore, jidBefore);
  });

  it('kept keys the server refuses: the login form (no error), and after signing in the session is resumed', async function () {
    this.timeout(40000);
    const { alice, bob, signIn, reopen, frame, noticesBefore, jidBefore } = await setUp('smkeys');
    reopen(() => {
      const key = Object.keys(localStorage).find((k) => k.startsWith('xmpp-elements.session:') && k.includes(alice.jid));
      const saved = JSON.parse(localStorage.getItem(key!)!) as { keys: { ck: string } };
      // A client key of the right length, but not hers.
      const ck = btoa('\0'.repeat(atob(saved.keys.ck).length));
      localStorage.setItem(key!, JSON.stringify({ ...saved, keys: { ...saved.keys, ck } }));
    });
    const form = await until(() => frame().contentDocument?.querySelector<XmppRoom>('xmpp-room')?.shadowRoot?.querySelector('[part~="login-form"]'), 10000, 'the login form');
    const shown = form.getRootNode() as ShadowRoot;
    expect((shown.host as XmppRoom).status, 'asked to sign in, not refused').to.equal('offline');
    expect(shown.querySelector('[part~="error"]')?.textContent?.trim() ?? '', 'no error shown').to.equal('');
    const second = await signIn();
    await second.send('after signing in again');
    await until(() => timelineBodies(bob.room).includes('after signing in again'), 10000, 'bob to get it');
    sameSession(bob, noticesBefore, jidBefore);
  });
});
