import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { Connection } from '../../src/core/connection.js';
import type { MucRoom } from '../../src/core/muc/room.js';
import type { XmppChat } from '../../src/components/chat/chat.js';
import type { XmppRoom } from '../../src/components/room/room.js';
import '../../src/define.js';
import { account, bodies, joined, part, parts, peerInRoom, roomElement, serverConfig, uniqueRoom, until } from '../harness.js';

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

describe('sending corrections, reactions, replies and retractions', () => {
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
