import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import type { Connection } from '../../src/core/connection.js';
import type { MucRoom } from '../../src/core/muc/room.js';
import type { XmppChat } from '../../src/components/chat/chat.js';
import type { XmppRoom } from '../../src/components/room/room.js';
import '../../src/define.js';
import { registry } from '../../src/core/registry.js';
import { account, bodies, joined, part, parts, peerInRoom, roomElement, serverConfig, uniqueRoom, until, xml } from '../harness.js';

/*
 * The user corrects, reacts, replies and retracts, by keyboard and by pointer, and the
 * other side receives what XEP-0308, XEP-0444, XEP-0461 (with XEP-0428) and XEP-0424 ask.
 */

/** Every message stanza a peer's connection receives, newest last. */
function inbox(connection: Connection): Element[] {
  const got: Element[] = [];
  connection.on('message', (stanza) => got.push(stanza));
  return got;
}

const withChild = (got: Element[], name: string, ns: string) => () =>
  got.map((s) => s.getElementsByTagNameNS(ns, name)[0]).find((el) => el !== undefined);

/** The focused element inside the element's shadow root. */
const focused = (el: Element) => el.shadowRoot?.activeElement as HTMLElement | null;

const row = (el: Element, body: string) =>
  parts(el, 'message').find((m) => m.querySelector('[part~="message-body"]')?.textContent === body);

async function ownMessageInRoom(roomJid: string) {
  const el = await roomElement('guest', roomJid, 'writer');
  await joined(el, 'writer');
  const ann = await peerInRoom(roomJid, 'ann');
  const got = inbox(ann.connection);
  await el.send('first draft');
  await until(() => row(el, 'first draft') && !row(el, 'first draft')?.getAttribute('part')?.includes('pending'), 5000, 'reflected');
  return { el, ann, got };
}

/**
 * Presses a key until `done` (rich.ts, which handles ArrowUp in the composer, loads when the
 * input is first focused: a key pressed in the first moments may find it not there yet).
 */
async function pressUntil(key: string, done: () => unknown, what: string): Promise<void> {
  for (let attempt = 0; ; attempt += 1) {
    await sendKeys({ press: key });
    try {
      await until(done, 500, what);
      return;
    } catch (error) {
      if (attempt >= 10) throw error;
    }
  }
}

/** The room's stanza-id of a message, as a peer's room knows it once reflected. */
const stanzaIdIn = (room: MucRoom, body: string) =>
  until(() => {
    const item = room.timeline.find((i) => i.kind === 'message' && i.message.body === body);
    return item?.kind === 'message' ? item.message.stanzaId : undefined;
  }, 5000, `the stanza-id of "${body}"`);

/** Focuses the composer's input, so key presses go there. */
async function focusInput(el: XmppRoom | XmppChat): Promise<HTMLTextAreaElement> {
  const input = part<HTMLTextAreaElement>(el, 'input')!;
  input.focus();
  await until(() => focused(el) === input, 2000, 'the input focused');
  return input;
}

/** The centre of an element, as sendMouse takes it. */
function centre(el: Element): [number, number] {
  const box = el.getBoundingClientRect();
  return [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)];
}

/** A real pointer on a message row (its actions show on hover), then a real click on one of its parts. */
async function clickAction(message: HTMLElement, name: string): Promise<HTMLElement> {
  await sendMouse({ type: 'move', position: centre(message) });
  const button = await until(() => message.querySelector<HTMLElement>(`[part~="${name}"]`), 5000, `the ${name} on hover`);
  await sendMouse({ type: 'click', position: centre(button) });
  return button;
}

/** The message's own <body> (a fallback's <body/> range may come first in document order). */
const bodyOf = (message: Element) => Array.from(message.children).find((c) => c.localName === 'body')?.textContent;

/** Alice's <xmpp-chat> with bob, signed in; bob online, what he receives collected. */
async function aliceWithBob(): Promise<{ el: XmppChat; bob: Connection; got: Element[] }> {
  const { boshUrl, domain, users } = await serverConfig();
  const alice = `alice@${domain}`;
  await until(() => registry.size === 0, 5000, 'earlier sessions closed');
  const bob = await account('bob');
  const got = inbox(bob);
  const el = await fixture<XmppChat>(html`<xmpp-chat lang="en" bosh-url=${boshUrl} jid=${alice} with=${`bob@${domain}`} history="0"></xmpp-chat>`);
  await el.login(alice, users['alice']);
  await until(() => el.status === 'online', 10000, 'alice online');
  return { el, bob, got };
}

describe('sending corrections, reactions, replies and retractions', () => {
  afterEach(() => registry.only()?.logout());

  it('room: a reply to a spoiler shows and quotes its hint, never its text; Escape in the input leaves the reply', async () => {
    const roomJid = await uniqueRoom('send-reply-spoiler');
    const el = await roomElement('guest', roomJid, 'reader');
    await joined(el, 'reader');
    const ann = await peerInRoom(roomJid, 'ann');
    const got = inbox(ann.connection);
    const id = `spoiler-${Date.now().toString(36)}`;
    ann.connection.send(
      xml(
        'message',
        { to: roomJid, type: 'groupchat', id },
        xml('body', {}, 'The butler did it'),
        xml('spoiler', { xmlns: 'urn:xmpp:spoiler:0' }, 'Movie ending'),
        xml('origin-id', { xmlns: 'urn:xmpp:sid:0', id }),
      ),
    );
    const spoiler = await until(() => parts(el, 'message').find((m) => m.querySelector('[part~="spoiler-toggle"]')), 5000, 'the spoiler');

    await clickAction(spoiler, 'reply-button');
    const preview = await until(() => part(el, 'reply-preview'), 2000, 'reply-preview');
    expect(preview.textContent).to.contain('ann').and.contain('Spoiler: Movie ending');
    expect(preview.textContent).to.not.contain('butler');
    // Escape (a real key press in the input) leaves the reply; what is typed next is a plain message.
    await until(() => focused(el) === part(el, 'input'), 2000, 'the input focused');
    await sendKeys({ press: 'Escape' });
    await until(() => !part(el, 'reply-preview'), 2000, 'the reply left');
    await sendKeys({ type: 'plain after all' });
    await sendKeys({ press: 'Enter' });
    const plain = await until(() => got.find((s) => bodyOf(s) === 'plain after all'), 5000, 'the plain message at ann');
    expect(plain.getElementsByTagNameNS('urn:xmpp:reply:0', 'reply').length).to.equal(0);

    await clickAction(spoiler, 'reply-button');
    await until(() => part(el, 'reply-preview'), 2000, 'reply-preview again');
    await sendKeys({ type: 'no way' });
    await sendKeys({ press: 'Enter' });
    const sent = await until(withChild(got, 'reply', 'urn:xmpp:reply:0'), 5000, 'the reply at ann');
    expect(bodyOf(sent.parentElement!)).to.equal('> Spoiler: Movie ending\nno way');
    expect(parts(el, 'messages')[0].textContent).to.not.contain('butler');
  });

  it('room: edit-button by a real click, then Enter, sends the XEP-0308 correction that ann applies', async () => {
    const roomJid = await uniqueRoom('send-edit-click');
    const { el, ann, got } = await ownMessageInRoom(roomJid);
    await clickAction(row(el, 'first draft')!, 'edit-button');
    const input = part<HTMLTextAreaElement>(el, 'input')!;
    await until(() => input.value === 'first draft' && focused(el) === input, 2000, 'the message in the box');
    expect(el.shadowRoot!.querySelector('.draft.editing')).to.not.equal(null);
    input.select();
    await sendKeys({ type: 'clicked and fixed' });
    await sendKeys({ press: 'Enter' });
    const replace = await until(withChild(got, 'replace', 'urn:xmpp:message-correct:0'), 5000, 'the correction at ann');
    expect(bodyOf(replace.parentElement!)).to.equal('clicked and fixed');
    await until(() => ann.room.timeline.some((i) => i.kind === 'message' && i.message.body === 'clicked and fixed' && i.message.edited), 5000, 'ann applied it');
    expect(ann.room.timeline.filter((i) => i.kind === 'message').length).to.equal(1);
    await until(() => bodies(el).includes('clicked and fixed'), 5000, 'shown in place');
    expect(bodies(el)).to.deep.equal(['clicked and fixed']);
  });

  it('chat: alice replies to bob’s message and retracts her own; bob receives XEP-0461 and XEP-0424 naming the ids', async () => {
    const { el, bob, got } = await aliceWithBob();
    const token = Date.now().toString(36);
    const bobId = `bob-${token}`;
    bob.send(
      xml(
        'message',
        { to: registry.only()!.jid, type: 'chat', id: bobId },
        xml('body', {}, `dinner at 8? ${token}`),
        xml('origin-id', { xmlns: 'urn:xmpp:sid:0', id: bobId }),
      ),
    );
    await until(() => row(el, `dinner at 8? ${token}`), 5000, 'bob’s message');

    await clickAction(row(el, `dinner at 8? ${token}`)!, 'reply-button');
    await until(() => part(el, 'reply-preview') && focused(el) === part(el, 'input'), 2000, 'reply-preview');
    await sendKeys({ type: `sure ${token}` });
    await sendKeys({ press: 'Enter' });
    const reply = await until(withChild(got, 'reply', 'urn:xmpp:reply:0'), 5000, 'the reply at bob');
    expect(reply.getAttribute('id')).to.equal(bobId);
    expect(reply.getAttribute('to')).to.equal(bob.jid.split('/')[0]);
    const message = reply.parentElement!;
    expect(message.getAttribute('type')).to.equal('chat');
    const quote = `> dinner at 8? ${token}\n`;
    expect(bodyOf(message)).to.equal(`${quote}sure ${token}`);
    const range = message.getElementsByTagNameNS('urn:xmpp:fallback:0', 'body')[0];
    expect([range.getAttribute('start'), range.getAttribute('end')]).to.deep.equal(['0', String(Array.from(quote).length)]);
    const answer = await until(() => row(el, `sure ${token}`), 5000, 'the reply shown');
    expect(answer.querySelector('[part~="reply-quote"] .quote-text')!.textContent).to.equal(`dinner at 8? ${token}`);
    await until(() => !answer.getAttribute('part')!.includes('pending'), 5000, 'the reply confirmed');
    const replyId = message.getAttribute('id');

    await clickAction(answer, 'retract-button');
    const confirm = await until(() => part(el, 'retract-confirm'), 2000, 'the confirmation');
    await sendMouse({ type: 'click', position: centre(confirm) });
    const retract = await until(withChild(got, 'retract', 'urn:xmpp:message-retract:1'), 5000, 'the retraction at bob');
    expect(retract.getAttribute('id')).to.equal(replyId);
    const retraction = retract.parentElement!;
    expect(retraction.getAttribute('type')).to.equal('chat');
    expect(retraction.getElementsByTagNameNS('urn:xmpp:fallback:0', 'fallback')[0]?.getAttribute('for')).to.equal('urn:xmpp:message-retract:1');
    expect(bodyOf(retraction)).to.contain('attempted to retract');
    await until(() => !bodies(el).includes(`sure ${token}`), 5000, 'the reply gone');
    expect(bodies(el)).to.include('This message was retracted.');
  });

  it('room: with lang="zh-CN" on <html>, a message’s actions are labelled in Chinese', async () => {
    const roomJid = await uniqueRoom('send-zh');
    const { boshUrl, guestDomain } = await serverConfig();
    const before = document.documentElement.lang;
    document.documentElement.lang = 'zh-CN';
    try {
      const el = await fixture<XmppRoom>(html`<xmpp-room bosh-url=${boshUrl} jid=${guestDomain} room-jid=${roomJid} nick="reader"></xmpp-room>`);
      await until(() => el.status === 'online', 10000, 'online');
      const ann = await peerInRoom(roomJid, 'ann');
      ann.room.send('你好');
      await until(() => row(el, '你好'), 10000, 'ann’s message');
      await el.send('我也好');
      await until(() => row(el, '我也好') && !row(el, '我也好')!.getAttribute('part')!.includes('pending'), 5000, 'the own message');
      const labels = (message: HTMLElement) =>
        Array.from(message.querySelectorAll('[part~="message-actions"] button')).map((b) => b.getAttribute('aria-label'));
      await sendMouse({ type: 'move', position: centre(row(el, '你好')!) });
      await until(() => labels(row(el, '你好')!).length > 0, 5000, 'the actions of ann’s message');
      expect(row(el, '你好')!.querySelector('[part~="message-actions"]')!.getAttribute('aria-label')).to.equal('消息操作');
      expect(labels(row(el, '你好')!)).to.deep.equal(['回应', '回复']);
      await sendMouse({ type: 'move', position: centre(row(el, '我也好')!) });
      await until(() => labels(row(el, '我也好')!).length > 0, 5000, 'the actions of the own message');
      expect(labels(row(el, '我也好')!)).to.deep.equal(['回应', '回复', '编辑', '撤回']);
      await expect(el).to.be.accessible();
    } finally {
      document.documentElement.lang = before;
    }
  });

  it('room: ArrowUp in the empty input corrects the last own message; Enter sends XEP-0308, shown in place', async () => {
    const roomJid = await uniqueRoom('send-edit');
    const { el, ann, got } = await ownMessageInRoom(roomJid);
    const input = await focusInput(el);
    // ArrowUp takes the last own message into the box.
    await pressUntil('ArrowUp', () => input.value === 'first draft', 'the message in the box');
    expect(el.shadowRoot!.querySelector('.draft.editing')).to.not.equal(null);
    input.select();
    await sendKeys({ type: 'final text' });
    await sendKeys({ press: 'Enter' });

    const replace = await until(withChild(got, 'replace', 'urn:xmpp:message-correct:0'), 5000, 'the correction at ann');
    const original = ann.room.timeline.find((i) => i.kind === 'message' && i.message.body === 'final text');
    expect(original, 'ann applied it').to.not.equal(undefined);
    expect(replace.parentElement?.getElementsByTagName('body')[0]?.textContent).to.equal('final text');
    await until(() => bodies(el).includes('final text'), 5000, 'shown in place');
    expect(bodies(el)).to.deep.equal(['final text']);
    expect(row(el, 'final text')!.getAttribute('part')).to.contain('edited');
    expect(input.value).to.equal('');
    expect(el.shadowRoot!.querySelector('.draft')).to.equal(null);
  });

  it('room: Escape leaves a correction; the message is unchanged and nothing is sent', async () => {
    const roomJid = await uniqueRoom('send-edit-cancel');
    const { el, got } = await ownMessageInRoom(roomJid);
    const input = await focusInput(el);
    await pressUntil('ArrowUp', () => input.value === 'first draft', 'the message in the box');
    await sendKeys({ press: 'Escape' });
    await until(() => input.value === '' && !el.shadowRoot!.querySelector('.draft'), 2000, 'the draft left');
    expect(focused(el)).to.equal(input);
    await sendKeys({ type: 'a new one' });
    await sendKeys({ press: 'Enter' });
    await until(() => got.some((s) => s.getElementsByTagName('body')[0]?.textContent === 'a new one'), 5000, 'a plain message');
    expect(withChild(got, 'replace', 'urn:xmpp:message-correct:0')()).to.equal(undefined);
    expect(bodies(el)).to.deep.equal(['first draft', 'a new one']);
  });

  it('room: by keyboard, "More emoji" loads the fuller set into the picker, focus on its first; choosing one sends it', async () => {
    const roomJid = await uniqueRoom('send-more');
    const el = await roomElement('guest', roomJid, 'reader');
    await joined(el, 'reader');
    const ann = await peerInRoom(roomJid, 'ann');
    const got = inbox(ann.connection);
    ann.room.send('party time');
    await until(() => bodies(el).includes('party time'), 5000, 'ann’s message');

    part(el, 'messages')!.focus();
    await pressUntil('ArrowUp', () => focused(el) === row(el, 'party time'), 'the message focused');
    await until(() => part(el, 'react-button'), 5000, 'its actions');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await until(() => focused(el)?.textContent === '👍', 2000, 'the picker');
    const more = el.shadowRoot!.querySelector<HTMLButtonElement>('.picker .more')!;
    expect(more.getAttribute('aria-label')).to.equal('More emoji');
    await pressUntil('Tab', () => focused(el) === more, 'More emoji focused');
    await sendKeys({ press: 'Enter' });
    await until(() => focused(el)?.closest('.more-emoji') && focused(el)?.textContent === '😀', 5000, 'the fuller set, its first focused');
    expect(el.shadowRoot!.querySelectorAll('.more-emoji button').length).to.be.above(40);
    await expect(el).to.be.accessible();
    const party = Array.from(el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.more-emoji button')).find((b) => b.textContent === '🎉')!;
    party.focus();
    await sendKeys({ press: 'Enter' });
    const reactions = await until(withChild(got, 'reactions', 'urn:xmpp:reactions:0'), 5000, 'the reactions at ann');
    expect(Array.from(reactions.getElementsByTagName('reaction')).map((r) => r.textContent)).to.deep.equal(['🎉']);
    await until(() => !el.shadowRoot!.querySelector('.picker'), 2000, 'the picker closed');
    expect(focused(el)).to.equal(part(el, 'react-button'));
  });

  it('room: by keyboard, a message’s react button opens the picker; 👍 sends XEP-0444 naming the stanza-id; Escape closes it', async () => {
    const roomJid = await uniqueRoom('send-react');
    const el = await roomElement('guest', roomJid, 'reader');
    await joined(el, 'reader');
    const ann = await peerInRoom(roomJid, 'ann');
    const got = inbox(ann.connection);
    ann.room.send('react to me');
    await until(() => bodies(el).includes('react to me'), 5000, 'ann’s message');
    const stanzaId = await stanzaIdIn(ann.room, 'react to me');

    // Tab into the list, ArrowUp to the message, Tab to its first action.
    const list = part(el, 'messages')!;
    list.focus();
    await pressUntil('ArrowUp', () => focused(el) === row(el, 'react to me'), 'the message focused');
    await until(() => part(el, 'react-button'), 5000, 'its actions');
    await sendKeys({ press: 'Tab' });
    expect(focused(el)).to.equal(part(el, 'react-button'));
    await sendKeys({ press: 'Enter' });
    await until(() => el.shadowRoot!.querySelector('.picker'), 2000, 'the picker');
    await until(() => focused(el)?.textContent === '👍', 2000, '👍 focused first');
    expect(part(el, 'react-button')!.getAttribute('aria-expanded')).to.equal('true');
    await sendKeys({ press: 'Escape' });
    await until(() => !el.shadowRoot!.querySelector('.picker'), 2000, 'Escape closed the picker');
    expect(focused(el)).to.equal(part(el, 'react-button'));
    await expect(el).to.be.accessible();

    await sendKeys({ press: 'Enter' });
    await until(() => focused(el)?.textContent === '👍', 2000, 'the picker again');
    await sendKeys({ press: 'Enter' });
    const reactions = await until(withChild(got, 'reactions', 'urn:xmpp:reactions:0'), 5000, 'the reactions at ann');
    expect(reactions.getAttribute('id')).to.equal(stanzaId);
    expect(Array.from(reactions.getElementsByTagName('reaction')).map((r) => r.textContent)).to.deep.equal(['👍']);
    const mine = await until(() => part(el, 'reaction'), 5000, 'the reaction shown');
    expect(mine.getAttribute('part')).to.equal('reaction own');
    expect(mine.textContent?.trim()).to.equal('👍 1');
    expect(focused(el)).to.equal(part(el, 'react-button'));

    // Pressing the own reaction takes it back: an empty set.
    got.length = 0;
    mine.click();
    const empty = await until(withChild(got, 'reactions', 'urn:xmpp:reactions:0'), 5000, 'the empty set');
    expect(empty.getElementsByTagName('reaction').length).to.equal(0);
    await until(() => !part(el, 'reaction'), 5000, 'no reaction shown');
  });

  it('room: a reply (reply-button) shows reply-preview and sends XEP-0461 with a code-point fallback', async () => {
    const roomJid = await uniqueRoom('send-reply');
    const el = await roomElement('guest', roomJid, 'reader');
    await joined(el, 'reader');
    const ann = await peerInRoom(roomJid, 'ann');
    const got = inbox(ann.connection);
    ann.room.send('🎉🎉 party at 8?');
    await until(() => bodies(el).includes('🎉🎉 party at 8?'), 5000, 'ann’s message');
    const stanzaId = await stanzaIdIn(ann.room, '🎉🎉 party at 8?');

    row(el, '🎉🎉 party at 8?')!.dispatchEvent(new PointerEvent('pointerover', { bubbles: true, composed: true }));
    const reply = await until(() => part(el, 'reply-button'), 5000, 'the reply button');
    reply.click();
    const preview = await until(() => part(el, 'reply-preview'), 2000, 'reply-preview');
    expect(preview.textContent).to.contain('ann').and.contain('party at 8');
    expect(focused(el)).to.equal(part(el, 'input'));
    await sendKeys({ type: 'yes!' });
    await sendKeys({ press: 'Enter' });

    const sent = await until(withChild(got, 'reply', 'urn:xmpp:reply:0'), 5000, 'the reply at ann');
    expect(sent.getAttribute('id')).to.equal(stanzaId);
    expect(sent.getAttribute('to')).to.equal(`${roomJid}/ann`);
    const message = sent.parentElement!;
    // The message's own <body> (the fallback's <body/> range may come first in document order).
    const body = Array.from(message.children).find((c) => c.localName === 'body')!.textContent;
    expect(body).to.equal('> 🎉🎉 party at 8?\nyes!');
    const range = message.getElementsByTagNameNS('urn:xmpp:fallback:0', 'body')[0];
    // 17 code points: "> " + 2 emoji + " party at 8?" + "\n" (19 UTF-16 units).
    expect([range.getAttribute('start'), range.getAttribute('end')]).to.deep.equal(['0', '17']);
    // Ann's widget (and ours) shows the answer alone, under the quote.
    await until(() => bodies(el).includes('yes!'), 5000, 'the reply shown');
    const quote = part(el, 'reply-quote')!;
    expect(quote.textContent).to.contain('ann').and.contain('🎉🎉 party at 8?');
    expect(part(el, 'reply-preview')).to.equal(null);
  });

  it('room: retract-button asks first (retract-confirm), then sends XEP-0424; the message leaves, focus stays', async () => {
    const roomJid = await uniqueRoom('send-retract');
    const { el, ann, got } = await ownMessageInRoom(roomJid);
    const stanzaId = await stanzaIdIn(ann.room, 'first draft');
    const list = part(el, 'messages')!;
    list.focus();
    await pressUntil('ArrowUp', () => part(el, 'retract-button'), 'own actions');
    expect(part(el, 'edit-button')).to.not.equal(null);
    part(el, 'retract-button')!.focus();
    await sendKeys({ press: 'Enter' });
    const confirm = await until(() => part(el, 'retract-confirm'), 2000, 'the confirmation');
    await until(() => focused(el) === confirm, 2000, 'focus on the confirmation');
    await expect(el).to.be.accessible();
    // Escape cancels, back on the retract button; nothing sent.
    await sendKeys({ press: 'Escape' });
    await until(() => focused(el) === part(el, 'retract-button'), 2000, 'back on retract');
    await sendKeys({ press: 'Enter' });
    await until(() => focused(el) === part(el, 'retract-confirm'), 2000, 'asked again');
    await sendKeys({ press: 'Enter' });

    const retract = await until(withChild(got, 'retract', 'urn:xmpp:message-retract:1'), 5000, 'the retraction at ann');
    expect(retract.getAttribute('id')).to.equal(stanzaId);
    await until(() => bodies(el).includes('This message was retracted.'), 5000, 'the tombstone');
    expect(parts(el, 'messages')[0].textContent).to.not.contain('first draft');
    expect(focused(el)?.getAttribute('part')).to.contain('message');
  });

  it('chat: alice reacts to and corrects her messages to bob; bob receives XEP-0444 and XEP-0308 naming the message id', async () => {
    const { boshUrl, domain, users } = await serverConfig();
    const alice = `alice@${domain}`;
    const bob = await account('bob');
    const got = inbox(bob);
    const el = await fixture<XmppChat>(html`<xmpp-chat lang="en" bosh-url=${boshUrl} jid=${alice} with=${`bob@${domain}`}></xmpp-chat>`);
    await el.login(alice, users['alice']);
    await until(() => el.status === 'online', 10000, 'alice online');
    const token = Date.now().toString(36);
    await el.send(`lunch? ${token}`);
    const first = await until(() => got.find((s) => s.getElementsByTagName('body')[0]?.textContent === `lunch? ${token}`), 5000);
    const id = first.getAttribute('id');

    const input = await focusInput(el);
    await pressUntil('ArrowUp', () => input.value === `lunch? ${token}`, 'the message in the box');
    input.select();
    await sendKeys({ type: `lunch at 1? ${token}` });
    await sendKeys({ press: 'Enter' });
    const replace = await until(withChild(got, 'replace', 'urn:xmpp:message-correct:0'), 5000, 'the correction at bob');
    expect(replace.getAttribute('id')).to.equal(id);
    await until(() => bodies(el).includes(`lunch at 1? ${token}`), 5000, 'corrected in place');
    expect(bodies(el).filter((b) => b.endsWith(token))).to.deep.equal([`lunch at 1? ${token}`]);

    row(el, `lunch at 1? ${token}`)!.dispatchEvent(new PointerEvent('pointerover', { bubbles: true, composed: true }));
    (await until(() => part(el, 'react-button'), 5000)).click();
    (await until(() => el.shadowRoot!.querySelector<HTMLButtonElement>('.picker button'), 2000)).click();
    const reactions = await until(withChild(got, 'reactions', 'urn:xmpp:reactions:0'), 5000, 'the reaction at bob');
    expect(reactions.getAttribute('id')).to.equal(id);
    await until(() => part(el, 'reaction')?.textContent?.trim() === '👍 1', 5000, 'shown');
    el.logout();
  });
});
