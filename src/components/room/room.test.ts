import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { FakeTransport } from '../../../test/fakes/fake-transport.js';
import { groupchat, occupantPresence } from '../../../test/fakes/stanzas.js';
import { Connection } from '../../core/connection.js';
import '../../define.js';
import type { XmppRoom } from './room.js';

const ROOM = 'lobby@muc.test';

async function setup(attrs: { lang?: string } = {}) {
  const transport = new FakeTransport();
  const connection = new Connection(transport, { jid: 'guest.test' });
  const el = await fixture<XmppRoom>(html`<div lang=${attrs.lang ?? 'en'}>
    <xmpp-room room-jid=${ROOM} nick="me" .connection=${connection}></xmpp-room>
  </div>`).then((div) => div.querySelector('xmpp-room')!);
  transport.receive(occupantPresence(`${ROOM}/ann`, { role: 'moderator', affiliation: 'owner' }));
  transport.receive(occupantPresence(`${ROOM}/me`, { codes: ['110'] }));
  await el.updateComplete;
  return { transport, connection, el };
}

const parts = (el: Element, name: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${name}"]`)];

describe('<xmpp-room> (fake transport)', () => {
  it('emits xmpp-message for a groupchat stanza and shows it in the log', async () => {
    const { transport, el } = await setup();
    const received = oneEvent(el, 'xmpp-message');
    transport.receive(groupchat(`${ROOM}/ann`, 'hi'));
    const { detail } = await received;
    expect(detail).to.include({ body: 'hi', nick: 'ann', from: `${ROOM}/ann`, type: 'groupchat', outgoing: false });
    expect(detail.stamp).to.match(/^\d{4}-\d\d-\d\dT/);
    await el.updateComplete;
    const log = el.shadowRoot!.querySelector('[role="log"]')!;
    expect(log.getAttribute('part')).to.equal('messages');
    expect(parts(el, 'message-body').map((b) => b.textContent)).to.deep.equal(['hi']);
    await expect(el).to.be.accessible();
  });

  it('gives occupants parts for their role and affiliation', async () => {
    const { el } = await setup();
    expect(parts(el, 'occupant').map((o) => o.getAttribute('part'))).to.deep.equal([
      'occupant moderator owner',
      'occupant participant',
    ]);
  });

  it('reflects the status for styling and fires xmpp-status', async () => {
    const { connection, el } = await setup();
    expect(el.getAttribute('status')).to.equal('online');
    expect(el.status).to.equal('online');
    const event = oneEvent(el, 'xmpp-status');
    connection.logout();
    expect((await event).detail.status).to.equal('offline');
  });

  it('shows a "new messages" marker when the reader has scrolled up, and jumps down on click', async () => {
    const { transport, el } = await setup();
    el.style.setProperty('--xmpp-room-height', '14rem');
    for (let i = 0; i < 30; i += 1) transport.receive(groupchat(`${ROOM}/ann`, `message ${i}`));
    await el.updateComplete;
    const log = el.shadowRoot!.querySelector<HTMLElement>('[part~="messages"]')!;
    expect(log.scrollHeight).to.be.greaterThan(log.clientHeight);
    expect(log.scrollTop + log.clientHeight).to.be.closeTo(log.scrollHeight, 30);
    log.scrollTop = 0;
    log.dispatchEvent(new Event('scroll'));
    transport.receive(groupchat(`${ROOM}/ann`, 'while away'));
    await el.updateComplete;
    await el.updateComplete;
    const marker = el.shadowRoot!.querySelector<HTMLButtonElement>('.new-messages');
    expect(marker?.textContent).to.contain('New messages');
    expect(log.scrollTop).to.equal(0);
    marker!.click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.new-messages')).to.equal(null);
    expect(log.scrollTop + log.clientHeight).to.be.closeTo(log.scrollHeight, 30);
  });

  it('speaks Simplified Chinese under lang="zh-CN"', async () => {
    const { el } = await setup({ lang: 'zh-CN' });
    expect(parts(el, 'send-button')[0]?.textContent?.trim()).to.equal('发送');
    expect(parts(el, 'status')[0]?.textContent).to.equal('在线');
    expect(parts(el, 'input')[0]?.getAttribute('aria-label')).to.equal('消息');
  });

  it('sends with the send button and shows the message once, pending until the room reflects it', async () => {
    const { transport, el } = await setup();
    const input = parts(el, 'input')[0] as HTMLTextAreaElement;
    input.value = 'hello <b>room</b>';
    parts(el, 'send-button')[0]!.click();
    await el.updateComplete;
    const sent = transport.last('message')!;
    expect(sent.querySelector('body')?.textContent).to.equal('hello <b>room</b>');
    expect(parts(el, 'message')[0]?.getAttribute('part')).to.equal('message outgoing pending');
    transport.receive(groupchat(`${ROOM}/me`, 'hello <b>room</b>', '', sent.getAttribute('id')!));
    await el.updateComplete;
    expect(parts(el, 'message').map((m) => m.getAttribute('part'))).to.deep.equal(['message outgoing']);
  });

  it('keeps what was typed when the room is not joined yet, and says why', async () => {
    const transport = new FakeTransport();
    transport.onConnect = 'wait';
    const connection = new Connection(transport, { jid: 'guest.test' });
    const el = await fixture<XmppRoom>(html`<xmpp-room room-jid=${ROOM} .connection=${connection}></xmpp-room>`);
    const input = parts(el, 'input')[0] as HTMLTextAreaElement;
    input.value = 'my carefully typed message';
    const error = oneEvent(el, 'xmpp-error');
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    expect((await error).detail.condition).to.equal('not-joined');
    await el.updateComplete;
    expect(input.value).to.equal('my carefully typed message');
    expect(parts(el, 'error')[0]?.textContent).to.contain('not in the room yet');
    expect(transport.sent.filter((s) => s.localName === 'message')).to.have.length(0);
  });
});
