import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { parts, until } from '../../../test/harness.js';
import { FakeTransport } from '../../../test/fakes/fake-transport.js';
import { Connection } from '../../core/connection.js';
import { Disco } from '../../core/disco.js';
import type { XmppMessageEvent } from '../../events/message-event.js';
import '../../define.js';
import type { XmppChat } from './chat.js';

const ME = 'me@test';
const BOB = 'bob@test';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const chat = (from: string, body: string, extra = '', id = '') =>
  `<message xmlns="jabber:client" type="chat" from="${from}" to="${ME}/fake"${id ? ` id="${id}"` : ''}>${body ? `<body>${esc(body)}</body>` : ''}${extra}</message>`;

async function online(transport: FakeTransport): Promise<Connection> {
  const connection = new Connection(transport, { jid: ME });
  const info = Disco.for(connection);
  await connection.login(ME, 'pw');
  for (const iq of transport.sent.filter((s) => s.localName === 'iq')) {
    transport.receive(
      `<iq xmlns="jabber:client" type="result" id="${iq.getAttribute('id')}" from="${iq.getAttribute('to')}"><query xmlns="http://jabber.org/protocol/disco#info"/></iq>`,
    );
  }
  await info.ready();
  return connection;
}

async function setup({ lang = 'en', withJid = BOB } = {}) {
  const transport = new FakeTransport();
  const connection = await online(transport);
  const el = await fixture<HTMLElement>(html`<div lang=${lang}>
    <xmpp-chat with=${withJid} .connection=${connection}></xmpp-chat>
  </div>`).then((div) => div.querySelector('xmpp-chat')!);
  await el.updateComplete;
  return { transport, connection, el };
}

const text = (el: Element, name: string) => parts(el, name).map((p) => p.textContent.trim());

describe('<xmpp-chat> (fake transport)', () => {
  it('shows the contact in the header and their messages in the log, firing one xmpp-message each', async () => {
    const { transport, el } = await setup();
    expect(text(el, 'title')).to.deep.equal([BOB]);
    const events: XmppMessageEvent[] = [];
    el.addEventListener('xmpp-message', (e) => events.push(e));
    transport.receive(chat(`${BOB}/phone`, 'hi <img src=x onerror=alert(1)>', '', 'b1'));
    await el.updateComplete;
    expect(events).to.have.length(1);
    expect(events[0].detail).to.include({ from: `${BOB}/phone`, type: 'chat', outgoing: false, id: 'b1' });
    const log = el.shadowRoot!.querySelector('[role="log"]')!;
    expect(log.getAttribute('part')).to.equal('messages');
    expect(text(el, 'message-body')).to.deep.equal(['hi <img src=x onerror=alert(1)>']);
    expect(log.querySelector('img')).to.equal(null);
    expect(parts(el, 'message')[0].getAttribute('part')).to.equal('message incoming');
    expect(text(el, 'message-author')).to.deep.equal([BOB]);
    expect(parts(el, 'message-time')[0].getAttribute('datetime')).to.match(/^\d{4}-/);
    await expect(el).to.be.accessible();
  });

  it('fires xmpp-message for another contact without showing it, once per element', async () => {
    const { transport, connection, el } = await setup();
    const second = await fixture<XmppChat>(html`<xmpp-chat with=${BOB} .connection=${connection}></xmpp-chat>`);
    const counts = [0, 0];
    el.addEventListener('xmpp-message', () => (counts[0] += 1));
    second.addEventListener('xmpp-message', () => (counts[1] += 1));
    transport.receive(chat('carol@test/x', 'psst'));
    transport.receive(chat(`${BOB}/x`, 'to both'));
    await el.updateComplete;
    expect(counts).to.deep.equal([2, 2]);
    expect(text(el, 'message-body')).to.deep.equal(['to both']);
    expect(text(second, 'message-body')).to.deep.equal(['to both']);
  });

  it('sends with Enter, shows the message as outgoing, and marks it delivered on a receipt', async () => {
    const { transport, el } = await setup();
    const input = parts<HTMLTextAreaElement>(el, 'input')[0];
    input.focus();
    await sendKeys({ type: 'hello bob' });
    expect(transport.last('message')!.querySelector('composing')).to.not.equal(null);
    const event = oneEvent<GlobalEventHandlersEventMap['xmpp-message']>(el, 'xmpp-message');
    await sendKeys({ press: 'Enter' });
    expect((await event).detail).to.include({ body: 'hello bob', outgoing: true, to: BOB });
    const sent = transport.last('message')!;
    expect(sent.querySelector('body')!.textContent).to.equal('hello bob');
    expect(input.value).to.equal('');
    await el.updateComplete;
    // Pending until the server answers the ping sent behind it: then it has the message.
    expect(parts(el, 'message')[0].getAttribute('part')).to.equal('message outgoing pending');
    const ping = transport.sent.find((stanza) => stanza.localName === 'iq' && stanza.querySelector('ping'))!;
    expect(ping.querySelector('ping')!.getAttribute('xmlns')).to.equal('urn:xmpp:ping');
    transport.receive(`<iq xmlns="jabber:client" type="result" id="${ping.getAttribute('id')}" from="test"/>`);
    await until(() => parts(el, 'message')[0].getAttribute('part') === 'message outgoing');
    expect(parts(el, 'receipt')).to.have.length(0);
    transport.receive(chat(`${BOB}/phone`, '', `<received xmlns="urn:xmpp:receipts" id="${sent.getAttribute('id')}"/>`));
    await el.updateComplete;
    expect(parts(el, 'receipt')[0].getAttribute('aria-label')).to.equal('Delivered');
    await expect(el).to.be.accessible();
  });

  it('shows the contact typing, in Chinese too, and hides it when they stop', async () => {
    const { transport, el } = await setup({ lang: 'zh-CN' });
    transport.receive(chat(`${BOB}/phone`, '', '<composing xmlns="http://jabber.org/protocol/chatstates"/>'));
    // The Chinese table loads on demand: the element renders again once it is there.
    await until(() => text(el, 'typing')[0] === '正在输入…', 2000, 'the typing notice in Chinese');
    transport.receive(chat(`${BOB}/phone`, 'ok', '<active xmlns="http://jabber.org/protocol/chatstates"/>'));
    await el.updateComplete;
    expect(parts(el, 'typing')).to.have.length(0);
    expect(text(el, 'send-button')).to.deep.equal(['发送']);
    await expect(el).to.be.accessible();
  });

  it('shows /me as an action', async () => {
    const { transport, el } = await setup();
    transport.receive(chat(`${BOB}/phone`, '/me waves'));
    await el.updateComplete;
    expect(text(el, 'message-body')).to.deep.equal([`* ${BOB} waves`]);
  });

  it('asks for the contact when there is no with, and rejects an invalid JID', async () => {
    const { el } = await setup({ withJid: '' });
    const field = parts(el, 'with-input')[0] as HTMLInputElement;
    expect(field.labels?.[0]?.textContent).to.contain('Chat with');
    await expect(el).to.be.accessible();
    const errorEvent = oneEvent<GlobalEventHandlersEventMap['xmpp-error']>(el, 'xmpp-error');
    field.value = 'not a jid';
    field.form!.requestSubmit();
    expect((await errorEvent).detail.condition).to.equal('jid-malformed');
    await el.updateComplete;
    expect(text(el, 'error')[0]).to.contain('not a valid JID');
    expect(el.getAttribute('with') ?? '').to.equal('');
    field.value = 'Bob@Test';
    field.form!.requestSubmit();
    await el.updateComplete;
    expect(el.getAttribute('with')).to.equal(BOB);
    expect(parts(el, 'error')).to.have.length(0);
    expect(parts(el, 'with-input')).to.have.length(0);
    expect(text(el, 'title')).to.deep.equal([BOB]);
  });

  it('refuses to send while offline, with a message', async () => {
    const { connection, el } = await setup();
    connection.logout();
    await el.updateComplete;
    const error = await (el).send('x').catch((e: unknown) => e);
    expect((error as { error: { condition: string } }).error.condition).to.equal('chat-offline');
  });
});
