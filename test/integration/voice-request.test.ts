import { expect } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import type { XmppRoom } from '../../src/components/room/room.js';
import type { Connection } from '../../src/core/connection.js';
import type { MucRoom } from '../../src/core/muc/room.js';
import { account, bodies, deepActive, expectStanza, inRoom, joined, occupantRow, part, parts, roomElement, uniqueRoom, until } from '../harness.js';

/*
 * XEP-0045 voice requests on the real server: a visitor in a moderated room asks to speak (§7.13),
 * the room puts the request to its moderators (§8.6), a moderator's Allow gives the visitor voice.
 * Everything by real key presses (focus, then Enter), as a keyboard user does it.
 */

/** A moderated room (newcomers are visitors), made and configured by alice as "owner" on a connection of her own. */
async function moderatedRoom(name: string): Promise<{ roomJid: string; owner: MucRoom }> {
  const roomJid = await uniqueRoom(name);
  const owner = await inRoom(await account('alice'), roomJid, 'owner');
  const form = await owner.fetchConfig();
  // ejabberd lets newcomers in as participants unless "Default users as participants" is off.
  const participantsByDefault: Record<string, string[]> = form.fields.some((f) => f.var === 'members_by_default')
    ? { members_by_default: ['0'] }
    : {};
  await owner.submitConfig(form, { 'muc#roomconfig_moderatedroom': ['1'], ...participantsByDefault });
  return { roomJid, owner };
}

/** Records the stanzas a connection sends (what goes to the server). */
function recordSent(connection: Connection): Element[] {
  const sent: Element[] = [];
  const send = connection.send.bind(connection);
  connection.send = (stanza: Element) => {
    sent.push(stanza);
    send(stanza);
  };
  return sent;
}


/** Focuses a control and presses Enter on it, as a keyboard user does. */
async function press(control: HTMLElement): Promise<void> {
  control.focus();
  expect(deepActive(), 'the control has the focus').to.equal(control);
  await sendKeys({ press: 'Enter' });
}

/** axe on one room element, the other rooms of the page hidden meanwhile (each has its own banner). */
async function accessibleAlone(el: XmppRoom, ...others: XmppRoom[]): Promise<void> {
  for (const other of others) other.hidden = true;
  try {
    await expect(el).to.be.accessible();
  } finally {
    for (const other of others) other.hidden = false;
  }
}

const requestRow = (el: XmppRoom, nick: string) =>
  parts(el, 'voice-request').find((row) => row.textContent.includes(`${nick} asks to speak`));

describe('voice requests in a moderated room (XEP-0045 §7.13, §8.6; real server)', () => {
  afterEach(async () => {
    await setViewport({ width: 800, height: 600 });
  });

  it('a visitor presses "Ask to speak"; the moderator sees "<nick> asks to speak" and presses Allow; the visitor can speak', async function () {
    this.timeout(40000);
    const { roomJid } = await moderatedRoom('voice');
    const moderator = await roomElement(await account('alice'), roomJid, 'alice');
    await joined(moderator, 'alice');
    // A nick that is markup: shown as text everywhere.
    const nick = '<b>vis</b>';
    const guest = await account();
    const sent = recordSent(guest);
    const visitor = await roomElement(guest, roomJid, nick);
    await joined(visitor, nick);
    await until(() => occupantRow(moderator, nick), 5000, 'the visitor in the moderator’s list');
    expect(part(visitor, 'send-button')!.hasAttribute('disabled'), 'a visitor cannot send').to.equal(true);
    expect(part(moderator, 'voice-request'), 'no request yet').to.equal(null);

    // The button comes with its code, loaded for visitors only.
    const ask = await until(() => part<HTMLButtonElement>(visitor, 'voice-request-button'), 5000, 'the Ask to speak button');
    expect(ask.textContent.trim()).to.equal('Ask to speak');
    await accessibleAlone(visitor, moderator);
    await press(ask);
    await until(() => ask.textContent.trim() === 'Request sent', 5000, 'Request sent');
    expect(ask.getAttribute('aria-disabled')).to.equal('true');
    expect(deepActive(), 'the focus stays on the button').to.equal(ask);
    // §7.13 Example 94, as sent.
    const request = sent.find((s) => s.localName === 'message' && s.getAttribute('to') === roomJid && !s.getAttribute('type'));
    expectStanza(
      request,
      `<message xmlns='jabber:client' to='${roomJid}'><x xmlns='jabber:x:data' type='submit'>
        <field var='FORM_TYPE'><value>http://jabber.org/protocol/muc#request</value></field>
        <field var='muc#role' type='list-single' label='Requested role'><value>participant</value></field>
      </x></message>`,
      ['id'],
    );
    // Pressed again: nothing more is sent.
    await sendKeys({ press: 'Enter' });
    expect(sent.filter((s) => s.localName === 'message' && !s.getAttribute('type'))).to.have.length(1);

    // The moderator's room shows the request, the nick as text.
    const row = await until(() => requestRow(moderator, nick), 10000, 'the request in the moderator’s room');
    expect(row.querySelector('b'), 'no markup from the nick').to.equal(null);
    expect(part(moderator, 'messages')!.contains(row), 'in the message list').to.equal(true);
    await accessibleAlone(moderator, visitor);
    const allow = row.querySelector<HTMLButtonElement>('[part~="voice-approve"]')!;
    expect(allow.textContent.trim()).to.equal('Allow');
    await press(allow);

    // The room gives voice: the visitor is a participant, its composer on, the focus on its input.
    await until(() => !part(visitor, 'send-button')!.hasAttribute('disabled'), 10000, 'the visitor’s composer enabled');
    expect(occupantRow(visitor, nick)!.getAttribute('part')).to.equal('occupant participant');
    expect(part(visitor, 'voice-request-button'), 'the button gone').to.equal(null);
    // The row went with the answer: the focus Allow had is on the moderator's message input.
    await until(() => !part(moderator, 'voice-request'), 5000, 'the request row gone');
    await until(() => deepActive() === part(moderator, 'input'), 5000, 'the focus on the moderator’s input');

    // Its message reaches the moderator.
    const input = part<HTMLTextAreaElement>(visitor, 'input')!;
    input.focus();
    await sendKeys({ type: 'thank you' });
    await sendKeys({ press: 'Enter' });
    await until(() => bodies(moderator).includes('thank you'), 10000, 'the message at the moderator');
  });

  it('Deny takes a row away, the focus on the next request’s Allow; a request granted elsewhere goes too; the focus never drops to <body>', async function () {
    this.timeout(40000);
    const { roomJid, owner } = await moderatedRoom('voicedeny');
    const moderator = await roomElement(await account('alice'), roomJid, 'alice');
    await joined(moderator, 'alice');
    const quiet = await roomElement(await account(), roomJid, 'quiet');
    const other = await roomElement(await account(), roomJid, 'other');
    await Promise.all([joined(quiet, 'quiet'), joined(other, 'other')]);
    // Enough messages that the moderator's list scrolls; it is at the newest one.
    for (let i = 1; i <= 25; i += 1) owner.send(`line ${i}`);
    await until(() => bodies(moderator).includes('line 25'), 10000, 'the lines at the moderator');
    const log = part(moderator, 'messages')!;
    await until(() => log.scrollHeight > log.clientHeight && log.scrollHeight - log.scrollTop - log.clientHeight < 2, 5000, 'the list scrolled to its end');
    for (const visitor of [quiet, other]) {
      await press(await until(() => part<HTMLButtonElement>(visitor, 'voice-request-button'), 5000, 'the Ask to speak button'));
    }
    const quietRow = await until(() => requestRow(moderator, 'quiet'), 10000, 'quiet’s request');
    const otherRow = await until(() => requestRow(moderator, 'other'), 10000, 'other’s request');
    // The rows came into view at the end of the list, which was at its newest message.
    await until(() => otherRow.getBoundingClientRect().bottom <= log.getBoundingClientRect().bottom + 0.5, 5000, 'the rows in view');
    // On a 320 px phone: the rows and the button fit, nothing scrolls sideways.
    await setViewport({ width: 320, height: 640 });
    const list = part(moderator, 'messages')!;
    expect(list.scrollWidth, 'the message list does not scroll sideways').to.be.at.most(list.clientWidth);
    for (const row of [quietRow, otherRow]) expect(row.getBoundingClientRect().right).to.be.at.most(list.getBoundingClientRect().right + 0.5);
    const sentButton = part<HTMLButtonElement>(quiet, 'voice-request-button')!;
    expect(sentButton.getBoundingClientRect().right).to.be.at.most(quiet.getBoundingClientRect().right + 0.5);
    await setViewport({ width: 800, height: 600 });

    // Deny: the row goes, the focus to the next request's Allow; quiet stays a visitor.
    await press(quietRow.querySelector<HTMLButtonElement>('[part~="voice-deny"]')!);
    await until(() => !requestRow(moderator, 'quiet'), 5000, 'quiet’s row gone');
    await until(() => deepActive() === otherRow.querySelector('[part~="voice-approve"]'), 5000, 'the focus on other’s Allow');
    expect(occupantRow(moderator, 'quiet')!.getAttribute('part')).to.equal('occupant visitor');
    expect(part(quiet, 'voice-request-button')!.textContent.trim()).to.equal('Request sent');
    expect(part(quiet, 'send-button')!.hasAttribute('disabled')).to.equal(true);

    // Another moderator gives other voice: its row goes from this moderator's room, and the focus it had to the input.
    await owner.setRole('other', 'participant');
    await until(() => !requestRow(moderator, 'other'), 5000, 'other’s row gone');
    await until(() => deepActive() === part(moderator, 'input'), 5000, 'the focus on the moderator’s input');
    expect(part(moderator, 'voice-request')).to.equal(null);

    // The visitor on "Request sent" given voice: the button goes, the focus to its message input.
    sentButton.focus();
    await owner.setRole('quiet', 'participant');
    await until(() => !part(quiet, 'send-button')!.hasAttribute('disabled'), 10000, 'quiet’s composer enabled');
    await until(() => deepActive() === part(quiet, 'input'), 5000, 'the focus on quiet’s input');
    // Voice taken back: a visitor again, who may ask anew.
    await owner.setRole('quiet', 'visitor');
    const again = await until(() => part<HTMLButtonElement>(quiet, 'voice-request-button'), 5000, 'the button back');
    expect([again.textContent.trim(), again.getAttribute('aria-disabled')]).to.deep.equal(['Ask to speak', 'false']);
  });
});
