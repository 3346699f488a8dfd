import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { XmppChat } from '../../src/components/chat/chat.js';
import { ChatService } from '../../src/core/chat.js';
import type { Connection } from '../../src/core/connection.js';
import { registry } from '../../src/core/registry.js';
import { register } from './accounts.js';
import { bodies, closeAfterTest, part, parts, peer, serverConfig, until, xml } from '../harness.js';

const token = () => Math.random().toString(36).slice(2, 8);

afterEach(() => {
  registry.only()?.logout();
});

async function jids() {
  const { domain } = await serverConfig();
  return { alice: `alice@${domain}`, bob: `bob@${domain}` };
}

async function person(user: string): Promise<Connection> {
  const { domain, users } = await serverConfig();
  return closeAfterTest(await peer(`${user}@${domain}`, users[user]));
}

/** A <xmpp-chat> for alice with bob, signed in through its own form, history loaded. */
async function aliceChat(withJid?: string, account?: { jid: string; password: string }): Promise<XmppChat> {
  const { boshUrl, users } = await serverConfig();
  const { alice, bob } = await jids();
  // The previous test's session closes one task after its element went: sign in anew, not into that one.
  await until(() => registry.size === 0, 5000, 'earlier sessions closed');
  const el = await fixture<XmppChat>(
    html`<xmpp-chat bosh-url=${boshUrl} jid=${account?.jid ?? alice} with=${withJid ?? bob}></xmpp-chat>`,
  );
  const password = await until(() => part<HTMLInputElement>(el, 'login-password'), 5000, 'login form');
  password.value = account?.password ?? users['alice'];
  part<HTMLFormElement>(el, 'login-form')!.requestSubmit();
  await until(() => el.status === 'online', 10000, 'alice online');
  const connection = registry.only()!;
  if (el.with) await until(() => !ChatService.for(connection).conversation(el.with).loadingHistory, 20000, 'history');
  return el;
}

/** Removes the element, ends its session and waits until the registry closed it: a page reload. */
async function reload(el: XmppChat): Promise<void> {
  el.logout();
  el.remove();
  await until(() => registry.size === 0, 5000, 'connection closed');
}

function collect(connection: Connection): Element[] {
  const stanzas: Element[] = [];
  connection.on('message', (s) => stanzas.push(s));
  return stanzas;
}

const bodyOf = (s: Element) => s.querySelector('body')?.textContent ?? undefined;

describe('<xmpp-chat> on a real Prosody', () => {
  it('signs alice in through its form and exchanges messages with bob both ways; replies go to his resource', async () => {
    const { alice, bob } = await jids();
    const bobPeer = await person('bob');
    const bobGot = collect(bobPeer);
    const el = await aliceChat();
    expect(parts(el, 'title')[0].textContent).to.equal(bob);
    const t = token();

    bobPeer.send(xml('message', { to: alice, type: 'chat' }, xml('body', {}, `hello alice ${t}`)));
    await until(() => bodies(el).includes(`hello alice ${t}`), 5000, 'bob’s message');
    const last = parts(el, 'message').at(-1)!;
    expect(last.getAttribute('part')).to.equal('message incoming');
    expect(last.querySelector('[part="message-time"]')!.getAttribute('datetime')).to.match(/^\d{4}-\d\d-\d\dT/);

    part<HTMLTextAreaElement>(el, 'input')!.focus();
    await sendKeys({ type: `hi bob ${t}` });
    await sendKeys({ press: 'Enter' });
    const reply = await until(() => bobGot.find((s) => bodyOf(s) === `hi bob ${t}`), 5000, 'bob to receive');
    expect(reply.getAttribute('to')).to.equal(bobPeer.jid);
    expect(reply.getAttribute('type')).to.equal('chat');
    // Pending until the server has it (the BOSH request that carried it answered): no longer.
    await until(() => parts(el, 'message').at(-1)!.getAttribute('part') === 'message outgoing', 5000, 'the server to confirm it');
    await expect(el).to.be.accessible();
  });

  it('shows the history from the archive after a page reload, in order and once', async () => {
    const { alice } = await jids();
    const bobPeer = await person('bob');
    const bobGot = collect(bobPeer);
    let el = await aliceChat();
    const t = token();
    const expected: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      await el.send(`alice ${i} ${t}`);
      await until(() => bobGot.some((s) => bodyOf(s) === `alice ${i} ${t}`), 5000, 'bob to receive');
      bobPeer.send(xml('message', { to: alice, type: 'chat' }, xml('body', {}, `bob ${i} ${t}`)));
      await until(() => bodies(el).includes(`bob ${i} ${t}`), 5000, 'alice to receive');
      expected.push(`alice ${i} ${t}`, `bob ${i} ${t}`);
    }
    await reload(el);

    el = await aliceChat();
    const mine = () => bodies(el).filter((b) => b.endsWith(t));
    await until(() => mine().length >= expected.length, 5000, 'history');
    expect(mine()).to.deep.equal(expected);
    const directions = parts(el, 'message')
      .filter((m) => m.textContent.includes(t))
      .map((m) => m.getAttribute('part'));
    expect(directions).to.deep.equal(expected.map((b) => (b.startsWith('alice') ? 'message outgoing' : 'message incoming')));
    const stamps = parts(el, 'message-time').map((time) => Date.parse(time.getAttribute('datetime')!));
    expect([...stamps].sort((a, b) => a - b)).to.deep.equal(stamps);
  });

  it('shares messages with another alice session through carbons', async () => {
    const { bob } = await jids();
    const aliceOther = await person('alice');
    await aliceOther.sendIq(xml('iq', { type: 'set' }, xml('enable', { xmlns: 'urn:xmpp:carbons:2' })));
    const otherGot = collect(aliceOther);
    const bobPeer = await person('bob');
    const el = await aliceChat();
    await until(() => ChatService.for(registry.only()!).carbons, 5000, 'carbons enabled');
    const t = token();

    await el.send(`from the widget ${t}`);
    const sentCarbon = await until(
      () => otherGot.find((s) => s.querySelector('sent forwarded message body')?.textContent === `from the widget ${t}`),
      5000,
      'sent carbon',
    );
    expect(sentCarbon.querySelector('sent')!.getAttribute('xmlns')).to.equal('urn:xmpp:carbons:2');

    // Bob writes to the other session's resource: the widget sees it as a received carbon.
    bobPeer.send(xml('message', { to: aliceOther.jid, type: 'chat' }, xml('body', {}, `to your phone ${t}`)));
    await until(() => bodies(el).includes(`to your phone ${t}`), 5000, 'received carbon');
    expect(parts(el, 'message').at(-1)!.getAttribute('part')).to.equal('message incoming');

    // The other session writes to bob: the widget shows it as its own.
    aliceOther.send(xml('message', { to: bob, type: 'chat' }, xml('body', {}, `from my phone ${t}`)));
    await until(() => bodies(el).includes(`from my phone ${t}`), 5000, 'sent carbon in the widget');
    expect(parts(el, 'message').at(-1)!.getAttribute('part')).to.equal('message outgoing');
    expect(bodies(el).filter((b) => b.endsWith(t))).to.deep.equal([
      `from the widget ${t}`,
      `to your phone ${t}`,
      `from my phone ${t}`,
    ]);
  });

  it('shows bob typing, and hides it when he pauses… and writes', async () => {
    const { alice } = await jids();
    const bobPeer = await person('bob');
    const el = await aliceChat();
    const state = (name: string, body?: string) =>
      bobPeer.send(
        xml(
          'message',
          { to: alice, type: 'chat' },
          body ? xml('body', {}, body) : null,
          xml(name, { xmlns: 'http://jabber.org/protocol/chatstates' }),
        ),
      );
    state('composing');
    await until(() => parts(el, 'typing')[0]?.textContent === 'typing…', 5000, 'typing shown');
    state('paused');
    await until(() => parts(el, 'typing')[0]?.textContent !== 'typing…', 5000, 'typing gone');
    state('composing');
    await until(() => parts(el, 'typing')[0]?.textContent === 'typing…', 5000, 'typing again');
    state('active', `done typing ${token()}`);
    await until(() => parts(el, 'typing').length === 0, 5000, 'typing cleared by the message');
  });

  it('marks a message delivered when bob’s client confirms it, and confirms bob’s', async () => {
    const { alice } = await jids();
    const bobPeer = await person('bob');
    const bobGot = collect(bobPeer);
    // Bob's client answers receipt requests (XEP-0184).
    bobPeer.on('message', (s) => {
      if (s.querySelector('request') && s.querySelector('body')) {
        bobPeer.send(
          xml('message', { to: s.getAttribute('from') }, xml('received', { xmlns: 'urn:xmpp:receipts', id: s.getAttribute('id') })),
        );
      }
    });
    const el = await aliceChat();
    const t = token();
    await el.send(`please confirm ${t}`);
    await until(() => parts(el, 'receipt').length === 1, 5000, 'delivered mark');
    const receipt = parts(el, 'receipt')[0];
    expect(receipt.getAttribute('aria-label')).to.equal('Delivered');
    expect(receipt.closest('[part~="message"]')!.textContent).to.contain(`please confirm ${t}`);

    bobPeer.send(
      xml(
        'message',
        { to: alice, type: 'chat', id: `bob-${t}` },
        xml('body', {}, `confirm mine ${t}`),
        xml('request', { xmlns: 'urn:xmpp:receipts' }),
      ),
    );
    const answer = await until(
      () => bobGot.find((s) => s.querySelector('received')?.getAttribute('id') === `bob-${t}`),
      5000,
      'receipt for bob',
    );
    expect(answer.querySelector('received')!.getAttribute('xmlns')).to.equal('urn:xmpp:receipts');
  });

  it('shows a message sent while alice was offline once, with its original time', async () => {
    // A fresh account: no session anywhere, so the server must store the message.
    const account = await register('u');
    const bobPeer = await person('bob');
    const t = token();
    const sentAt = Date.now();
    bobPeer.send(
      xml('message', { to: account.jid, type: 'chat', id: `off-${t}` }, xml('body', {}, `while you were away ${t}`)),
    );
    // Bob's server has it (it answers a ping in order), then alice opens the page.
    await bobPeer.sendIq(xml('iq', { type: 'get' }, xml('ping', { xmlns: 'urn:xmpp:ping' })));
    const loginAt = Date.now();
    const el = await aliceChat(undefined, account);
    await until(() => bodies(el).includes(`while you were away ${t}`), 5000, 'offline message');
    const message = parts(el, 'message').find((m) => m.textContent.includes(t))!;
    const stamp = Date.parse(message.querySelector('[part="message-time"]')!.getAttribute('datetime')!);
    expect(stamp).to.be.below(loginAt);
    expect(stamp).to.be.at.least(Math.floor(sentAt / 1000) * 1000 - 1000);
    expect(bodies(el).filter((b) => b === `while you were away ${t}`)).to.have.length(1);
  });

  it('shows /me as an action and hostile markup as text', async () => {
    const { alice } = await jids();
    const bobPeer = await person('bob');
    const el = await aliceChat();
    const t = token();
    bobPeer.send(xml('message', { to: alice, type: 'chat' }, xml('body', {}, `/me waves ${t}`)));
    const hostile = `<img src=x onerror="window.pwned=1"><script>window.pwned=2</script> ${t}`;
    bobPeer.send(xml('message', { to: alice, type: 'chat' }, xml('body', {}, hostile)));
    await until(() => bodies(el).includes(hostile), 5000, 'hostile body');
    const { bob } = await jids();
    expect(bodies(el)).to.include(`* ${bob} waves ${t}`);
    // Earlier tests' files and pictures may be in the history: the hostile message itself holds no element, and nothing has its handler.
    const row = parts(el, 'message').find((m) => m.textContent.includes(hostile))!;
    expect(row.querySelectorAll('img:not([part~="avatar"]), script').length).to.equal(0);
    expect(parts(el, 'messages')[0].querySelectorAll('script, [onerror]').length).to.equal(0);
    expect((window as unknown as { pwned?: number }).pwned).to.equal(undefined);
  });

  it('asks for the contact and rejects an invalid JID', async () => {
    const el = await aliceChat('');
    const field = part<HTMLInputElement>(el, 'with-input')!;
    field.value = 'bob@@localhost';
    field.form!.requestSubmit();
    await until(() => parts(el, 'error')[0], 2000, 'error');
    expect(parts(el, 'error')[0].textContent).to.contain('not a valid JID');
    const { bob } = await jids();
    field.value = bob;
    field.form!.requestSubmit();
    await until(() => parts(el, 'title')[0].textContent === bob, 2000, 'title');
    expect(parts(el, 'error')).to.have.length(0);
  });
});
