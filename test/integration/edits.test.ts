import { expect } from '@open-wc/testing';
import { type Connection } from '../../src/core/connection.js';
import type { MucRoom } from '../../src/core/muc/room.js';
import { type XmppChat } from '../../src/components/chat/chat.js';
import '../../src/define.js';
import { account, bodies, joined, parts, peerInRoom, roomElement, serverConfig, uniqueRoom, until, xml } from '../harness.js';
import { fixture, html } from '@open-wc/testing';

/*
 * Corrections (XEP-0308) and retractions (XEP-0424, XEP-0425) as the clients our users talk to
 * send them: Conversations and Dino (a correction names the original's id; a retraction in
 * XEP-0424 0.4 form names the room's stanza-id), Converse.js 14 (retract names the origin-id),
 * and the older XEP-0422 <apply-to> form with the fallback body Conversations 2.x sent.
 */
const CORRECT = 'urn:xmpp:message-correct:0';
const RETRACT = 'urn:xmpp:message-retract:1';
const FALLBACK_1 = "This person attempted to retract a previous message, but it's unsupported by your client.";
const FALLBACK_0 = "/me retracted a previous message, but it's unsupported by your client.";

let counter = 0;
const newId = () => `edit-${Date.now().toString(36)}-${(counter += 1)}`;

/** A groupchat message with an origin-id, as every modern client sends it. */
function say(room: MucRoom, connection: Connection, body: string, id = newId()): string {
  connection.send(
    xml('message', { to: room.jid, type: 'groupchat', id }, xml('body', {}, body), xml('origin-id', { xmlns: 'urn:xmpp:sid:0', id })),
  );
  return id;
}

/** XEP-0308 §4: the corrected text, replacing the message `replaces`. */
function correct(to: string, type: string, connection: Connection, replaces: string, body: string): void {
  const id = newId();
  connection.send(
    xml(
      'message',
      { to, type, id },
      xml('body', {}, body),
      xml('replace', { xmlns: CORRECT, id: replaces }),
      xml('origin-id', { xmlns: 'urn:xmpp:sid:0', id }),
    ),
  );
}

/** XEP-0424 0.4 (§5): retract, with the fallback and a store hint. */
function retract(to: string, type: string, connection: Connection, target: string): void {
  const id = newId();
  connection.send(
    xml(
      'message',
      { to, type, id },
      xml('retract', { xmlns: RETRACT, id: target }),
      xml('fallback', { xmlns: 'urn:xmpp:fallback:0', for: RETRACT }),
      xml('body', {}, FALLBACK_1),
      xml('store', { xmlns: 'urn:xmpp:hints' }),
      xml('origin-id', { xmlns: 'urn:xmpp:sid:0', id }),
    ),
  );
}

/** XEP-0424 0.3 (Conversations 2.x, Converse.js 10): <apply-to> with <retract/> inside. */
function retractOld(to: string, type: string, connection: Connection, target: string): void {
  const id = newId();
  connection.send(
    xml(
      'message',
      { to, type, id },
      xml('apply-to', { xmlns: 'urn:xmpp:fasten:0', id: target }, xml('retract', { xmlns: 'urn:xmpp:message-retract:0' })),
      xml('fallback', { xmlns: 'urn:xmpp:fallback:0' }),
      xml('body', {}, FALLBACK_0),
      xml('store', { xmlns: 'urn:xmpp:hints' }),
    ),
  );
}

/** The room's stanza-id for a message the peer sent, once the room reflected it. */
const stanzaIdOf = (room: MucRoom, body: string) =>
  until(() => {
    const item = room.timeline.find((i) => i.kind === 'message' && i.message.body === body && i.message.stanzaId);
    return item?.kind === 'message' ? item.message.stanzaId : undefined;
  }, 5000, `stanza-id of "${body}"`);

const messageParts = (el: Element) => parts(el, 'message').map((m) => m.getAttribute('part'));

describe('corrections and retractions, on a real server', () => {
  it('room: replaces a corrected message in place, also along a chain, and ignores another occupant’s correction', async () => {
    const roomJid = await uniqueRoom('correct');
    const el = await roomElement('guest', roomJid, 'reader');
    await joined(el, 'reader');
    const ann = await peerInRoom(roomJid, 'ann');
    const mallory = await peerInRoom(roomJid, 'mallory');

    const id = say(ann.room, ann.connection, 'helo wrld');
    await until(() => bodies(el).includes('helo wrld'), 5000, 'the original');
    correct(roomJid, 'groupchat', ann.connection, id, 'hello wrld');
    await until(() => bodies(el).includes('hello wrld'), 5000, 'the correction');
    // A second correction names the original, as XEP-0308 asks.
    correct(roomJid, 'groupchat', ann.connection, id, 'hello world');
    await until(() => bodies(el).includes('hello world'), 5000, 'the second correction');
    // Mallory's "correction" of ann's message changes nothing and is not shown.
    correct(roomJid, 'groupchat', mallory.connection, id, 'ann is wrong');
    say(mallory.room, mallory.connection, 'mallory done');
    await until(() => bodies(el).includes('mallory done'), 5000, 'mallory’s next message');
    expect(bodies(el)).to.deep.equal(['hello world', 'mallory done']);
    expect(messageParts(el)[0]).to.equal('message incoming edited');
    await expect(el).to.be.accessible();
  });

  it('room: retracts by the room’s stanza-id and by origin-id (Converse.js), never shows the fallback, ignores a spoof', async () => {
    const roomJid = await uniqueRoom('retract');
    const el = await roomElement('guest', roomJid, 'reader');
    await joined(el, 'reader');
    const ann = await peerInRoom(roomJid, 'ann');
    const mallory = await peerInRoom(roomJid, 'mallory');

    say(ann.room, ann.connection, 'first secret');
    const secondId = say(ann.room, ann.connection, 'second secret');
    say(ann.room, ann.connection, 'stays');
    await until(() => bodies(el).includes('stays'), 5000, 'three messages');
    const firstStanzaId = await stanzaIdOf(ann.room, 'first secret');

    retract(roomJid, 'groupchat', mallory.connection, firstStanzaId); // a spoof: ignored
    retract(roomJid, 'groupchat', ann.connection, firstStanzaId);
    retract(roomJid, 'groupchat', ann.connection, secondId);
    await until(() => !bodies(el).includes('second secret') && !bodies(el).includes('first secret'), 5000, 'both retracted');
    const text = parts(el, 'messages')[0].textContent;
    expect(text).to.not.contain('secret');
    expect(text).to.not.contain('attempted to retract');
    expect(bodies(el)).to.deep.equal(['This message was retracted.', 'This message was retracted.', 'stays']);
    expect(messageParts(el).slice(0, 2)).to.deep.equal(['message incoming retracted', 'message incoming retracted']);
  });

  it('room: applies corrections and retractions that are already in the history on join', async () => {
    const roomJid = await uniqueRoom('edit-history');
    const ann = await peerInRoom(roomJid, 'ann');
    const typo = say(ann.room, ann.connection, 'teh history');
    const gone = say(ann.room, ann.connection, 'oops, wrong room');
    say(ann.room, ann.connection, 'plain');
    await stanzaIdOf(ann.room, 'plain');
    correct(roomJid, 'groupchat', ann.connection, typo, 'the history');
    retractOld(roomJid, 'groupchat', ann.connection, gone);
    say(ann.room, ann.connection, 'last');
    await stanzaIdOf(ann.room, 'last');

    const el = await roomElement('guest', roomJid, 'late');
    await until(() => bodies(el).includes('last'), 10000, 'history');
    expect(bodies(el)).to.deep.equal(['the history', 'This message was retracted.', 'plain', 'last']);
    const text = parts(el, 'messages')[0].textContent;
    expect(text).to.not.contain('teh history');
    expect(text).to.not.contain('wrong room');
    expect(text).to.not.contain('retracted a previous message');
  });

  it('room: a new occupant with the nick of a message in the history cannot correct or retract it (by occupant-id where the room gives it, as Prosody does; else, as on ejabberd, by nick only within our session)', async () => {
    const roomJid = await uniqueRoom('edit-nick-reuse');
    // The first ann says something and leaves; it stays in the room's history.
    const first = await peerInRoom(roomJid, 'ann');
    // Someone stays, so the (temporary) room and its history outlive her.
    await peerInRoom(roomJid, 'keeper');
    const id = say(first.room, first.connection, 'what the first ann said');
    const other = say(first.room, first.connection, 'and more from the first ann');
    await stanzaIdOf(first.room, 'and more from the first ann');
    first.room.leave();
    first.connection.logout();

    const el = await roomElement('guest', roomJid, 'reader');
    await until(() => bodies(el).includes('and more from the first ann'), 10000, 'the history');
    await joined(el, 'reader');
    // Someone else takes the nick and "corrects" and retracts the first ann's messages.
    const second = await peerInRoom(roomJid, 'ann');
    correct(roomJid, 'groupchat', second.connection, id, 'words put in her mouth');
    retract(roomJid, 'groupchat', second.connection, other);
    say(second.room, second.connection, 'the second ann here');
    await until(() => bodies(el).includes('the second ann here'), 5000, 'the second ann’s own message');
    expect(bodies(el)).to.deep.equal(['what the first ann said', 'and more from the first ann', 'the second ann here']);
    expect(messageParts(el).slice(0, 2)).to.deep.equal(['message incoming', 'message incoming']);
    // Her own live message she may correct.
    const live = say(second.room, second.connection, 'teh second');
    await until(() => bodies(el).includes('teh second'), 5000, 'her typo');
    correct(roomJid, 'groupchat', second.connection, live, 'the second');
    await until(() => bodies(el).includes('the second'), 5000, 'her own correction applied');
  });

  it('chat: a contact’s correction and retraction apply in place', async () => {
    const { boshUrl, domain, users } = await serverConfig();
    const alice = `alice@${domain}`;
    const bob = await account('bob');
    const el = await fixture<XmppChat>(html`<xmpp-chat lang="en" bosh-url=${boshUrl} jid=${alice} with=${`bob@${domain}`}></xmpp-chat>`);
    await el.login(alice, users['alice']);
    await until(() => el.status === 'online', 10000, 'alice online');

    const id = newId();
    const token = id.slice(-6);
    bob.send(xml('message', { to: alice, type: 'chat', id }, xml('body', {}, `see you at 5 ${token}`)));
    await until(() => bodies(el).includes(`see you at 5 ${token}`), 5000, 'the original');
    correct(alice, 'chat', bob, id, `see you at 6 ${token}`);
    await until(() => bodies(el).includes(`see you at 6 ${token}`), 5000, 'the correction');
    expect(bodies(el).filter((b) => b.endsWith(token))).to.deep.equal([`see you at 6 ${token}`]);

    const other = newId();
    bob.send(xml('message', { to: alice, type: 'chat', id: other }, xml('body', {}, `password is hunter2 ${token}`)));
    await until(() => bodies(el).includes(`password is hunter2 ${token}`), 5000, 'the message to retract');
    retract(alice, 'chat', bob, other);
    await until(() => !bodies(el).includes(`password is hunter2 ${token}`), 5000, 'retracted');
    expect(parts(el, 'messages')[0].textContent).to.not.contain('attempted to retract');
    el.logout();
  });
});
