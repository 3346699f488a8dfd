import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import {
  bodies,
  occupantNicks,
  part,
  parts,
  peerInRoom,
  roomElement as room,
  serverConfig,
  uniqueRoom,
  until,
} from '../harness.js';

/** A guest `<xmpp-room>` on the test server's connection attributes. */
const roomElement = (roomJid: string, nick = 'visitor', history = 50) => room('guest', roomJid, nick, { history });

describe('<xmpp-room> on a real Prosody', () => {
  it('joins as a guest and shows the history the room sends, with times', async () => {
    const roomJid = await uniqueRoom('history');
    const ann = await peerInRoom(roomJid, 'ann');
    ann.room.send('first <b>old</b> message');
    ann.room.send('second old message');
    await until(() => ann.room.timeline.every((i) => i.kind !== 'message' || !i.message.pending), 5000, 'reflections');

    const el = await roomElement(roomJid);
    await until(() => bodies(el).length === 2, 10000, 'history');
    expect(bodies(el)).to.deep.equal(['first <b>old</b> message', 'second old message']);
    const times = parts(el, 'message-time');
    expect(times[0].getAttribute('datetime')).to.match(/^\d{4}-\d\d-\d\dT/);
    expect(times[0].textContent.trim()).to.match(/\d/);
    expect(el.getAttribute('status')).to.equal('online');
    await expect(el).to.be.accessible();
  });

  it('shows what a peer says, and the peer receives what the visitor sends with Enter', async () => {
    const roomJid = await uniqueRoom('talk');
    const el = await roomElement(roomJid);
    await until(() => occupantNicks(el).includes('visitor'), 10000, 'self in occupants');
    const bob = await peerInRoom(roomJid, 'bob');

    const event = oneEvent<GlobalEventHandlersEventMap['xmpp-message']>(el, 'xmpp-message');
    bob.room.send('hello visitor');
    await until(() => bodies(el).includes('hello visitor'), 5000, 'incoming message');
    const detail = (await event).detail;
    expect(detail).to.include({ body: 'hello visitor', nick: 'bob', type: 'groupchat', outgoing: false });
    expect(parts(el, 'message').at(-1)!.getAttribute('part')).to.contain('incoming');

    const input = part<HTMLTextAreaElement>(el, 'input')!;
    input.focus();
    await sendKeys({ type: 'hi bob' });
    await sendKeys({ press: 'Enter' });
    const received = await until(
      () => bob.room.timeline.find((i) => i.kind === 'message' && i.message.body === 'hi bob'),
      5000,
      'bob to receive',
    );
    expect(received.kind === 'message' && received.message.nick).to.equal('visitor');
    expect(input.value).to.equal('');
    // Own message shown once, confirmed by the room's reflection.
    await until(() => !parts(el, 'message').some((m) => m.getAttribute('part')!.includes('pending')), 5000, 'reflection');
    expect(bodies(el).filter((b) => b === 'hi bob')).to.have.length(1);
    expect(parts(el, 'message').at(-1)!.getAttribute('part')).to.contain('outgoing');
  });

  it('Shift+Enter adds a line instead of sending; Enter then sends both lines', async () => {
    const roomJid = await uniqueRoom('shift');
    const el = await roomElement(roomJid);
    await until(() => el.getAttribute('status') === 'online' && occupantNicks(el).length === 1, 10000, 'join');
    const input = part<HTMLTextAreaElement>(el, 'input')!;
    input.focus();
    await sendKeys({ type: 'line one' });
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ up: 'Shift' });
    await sendKeys({ type: 'line two' });
    // What a send would have shown (the pending message) is rendered by now.
    await el.updateComplete;
    expect(input.value).to.equal('line one\nline two');
    expect(bodies(el)).to.deep.equal([]);

    await sendKeys({ press: 'Enter' });
    await until(() => bodies(el).length === 1, 5000, 'the message');
    expect(bodies(el)).to.deep.equal(['line one\nline two']);
    expect(input.value).to.equal('');
  });

  it('the send button sends, and the focus goes back to the input for the next one; the keyboard’s Enter key says Send', async () => {
    const roomJid = await uniqueRoom('button');
    const el = await roomElement(roomJid);
    await until(() => el.getAttribute('status') === 'online' && occupantNicks(el).length === 1, 10000, 'join');
    const input = part<HTMLTextAreaElement>(el, 'input')!;
    expect(input.getAttribute('enterkeyhint')).to.equal('send');
    input.focus();
    await sendKeys({ type: 'by the button' });
    const button = part(el, 'send-button')!.getBoundingClientRect();
    await sendMouse({ type: 'click', position: [Math.round(button.x + button.width / 2), Math.round(button.y + button.height / 2)] });
    await until(() => bodies(el).includes('by the button'), 5000, 'the message');
    expect(input.value).to.equal('');
    expect(el.shadowRoot!.activeElement === input, 'the input has the focus').to.equal(true);
    await sendKeys({ type: 'and on' });
    await sendKeys({ press: 'Enter' });
    await until(() => bodies(el).includes('and on'), 5000, 'the next one');
  });

  it('updates occupants as people join, change status and leave', async () => {
    const roomJid = await uniqueRoom('occupants');
    const el = await roomElement(roomJid);
    await until(() => occupantNicks(el).includes('visitor'), 10000, 'self');
    const carol = await peerInRoom(roomJid, 'carol');
    await until(() => occupantNicks(el).includes('carol'), 5000, 'carol joins');
    expect(parts(el, 'notice').map((n) => n.textContent)).to.include('carol joined');
    carol.room.leave();
    await until(() => !occupantNicks(el).includes('carol'), 5000, 'carol leaves');
    expect(parts(el, 'notice').map((n) => n.textContent)).to.include('carol left');
  });

  it('takes another nick when the one asked for is in use, and tells the user', async () => {
    const roomJid = await uniqueRoom('conflict');
    const first = await peerInRoom(roomJid, 'visitor');
    const el = await roomElement(roomJid, 'visitor');
    await until(() => occupantNicks(el).includes('visitor-2'), 10000, 'suffixed nick');
    expect(parts(el, 'notice').map((n) => n.textContent)).to.include(
      'The nickname visitor is taken; you are visitor-2.',
    );
    await until(() => first.room.occupants.some((o) => o.nick === 'visitor-2'), 5000, 'peer sees visitor-2');
  });

  it('renders hostile bodies, nicks and subjects as text, never as HTML', async () => {
    const roomJid = await uniqueRoom('hostile');
    const evilNick = '<img src=x onerror="window.__pwned=1">';
    const mallory = await peerInRoom(roomJid, evilNick);
    const el = await roomElement(roomJid);
    await until(() => occupantNicks(el).includes(evilNick), 10000, 'mallory listed');
    const payload = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=1"><b>bold</b>';
    mallory.room.send(payload);
    await until(() => bodies(el).includes(payload), 5000, 'payload shown');
    const root = el.shadowRoot!;
    expect(root.querySelectorAll('[part~="messages"] img, [part~="messages"] script, [part~="messages"] b')).to.have.length(0);
    expect(root.querySelectorAll('[part~="occupants"] img')).to.have.length(0);
    expect(parts(el, 'message-author').map((a) => a.textContent)).to.include(evilNick);
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('leaves the room with unavailable presence when removed from the page', async () => {
    const roomJid = await uniqueRoom('leave');
    const dan = await peerInRoom(roomJid, 'dan');
    const el = await roomElement(roomJid);
    await until(() => dan.room.occupants.some((o) => o.nick === 'visitor'), 10000, 'visitor seen by dan');
    el.remove();
    await until(() => !dan.room.occupants.some((o) => o.nick === 'visitor'), 5000, 'visitor gone for dan');
  });

  it('shares one BOSH session between three elements with the same attributes', async () => {
    const { boshUrl, guestDomain } = await serverConfig();
    const roomJid = await uniqueRoom('shared');
    const eve = await peerInRoom(roomJid, 'eve');
    // Count session-creation requests (a <body> with a rid and no sid) the page sends to the server.
    const requests: string[] = [];
    // eslint-disable-next-line @typescript-eslint/unbound-method -- kept to be called with .call(this) and put back below
    const send = XMLHttpRequest.prototype.send;
    XMLHttpRequest.prototype.send = function (this: XMLHttpRequest, body?: Document | XMLHttpRequestBodyInit | null) {
      if (typeof body === 'string') requests.push(body);
      return send.call(this, body);
    };
    try {
      const wrapper = await fixture<HTMLDivElement>(html`<div>
        <xmpp-room bosh-url=${boshUrl} jid=${guestDomain} room-jid=${roomJid} nick="shared"></xmpp-room>
        <xmpp-room bosh-url=${boshUrl} jid=${guestDomain} room-jid=${roomJid} nick="shared"></xmpp-room>
        <xmpp-room bosh-url=${boshUrl} jid=${guestDomain} room-jid=${roomJid} nick="shared"></xmpp-room>
      </div>`);
      const rooms = [...wrapper.querySelectorAll('xmpp-room')];
      await until(() => rooms.every((r) => r.getAttribute('status') === 'online'), 10000, 'all online');
      await until(() => rooms.every((r) => occupantNicks(r).some((n) => n?.startsWith('shared'))), 10000, 'all joined');
      // Every join was answered before eve speaks, so the server told eve of each before her own message.
      eve.room.send('after the joins');
      await until(() => eve.room.timeline.some((i) => i.kind === 'message' && i.message.body === 'after the joins' && !i.message.pending), 5000, 'eve’s reflection');
      const sessionRequests = requests.filter((b) => /<body[^>]*\brid=/.test(b) && !/\bsid=/.test(b));
      expect(sessionRequests).to.have.length(1);
      // One session means one occupant for the server, whatever the number of elements.
      expect(eve.room.occupants.filter((o) => o.nick.startsWith('shared'))).to.have.length(1);
    } finally {
      XMLHttpRequest.prototype.send = send;
    }
  });
});
