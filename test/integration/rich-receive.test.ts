import { expect, fixture, html } from '@open-wc/testing';
import type { XmppChat } from '../../src/components/chat/chat.js';
import type { XmppRoom } from '../../src/components/room/room.js';
import { ChatService } from '../../src/core/chat.js';
import type { Connection } from '../../src/core/connection.js';
import type { MucRoom } from '../../src/core/muc/room.js';
import { registry } from '../../src/core/registry.js';
import { type PeerInRoom, account, bodies, joined, parts, peerInRoom, roomElement, serverConfig, uniqueRoom, until, xml } from '../harness.js';

/*
 * What a user sees of the messages today's clients send beyond plain text, received by a real
 * <xmpp-room> or <xmpp-chat> from peers on the real server: reactions (XEP-0444), replies
 * (XEP-0461 with their XEP-0428 fallback), shared files (XEP-0066, as Conversations sends an
 * upload: the body is the URL), XEP-0393 styling, mentions (the nick, XEP-0372 references),
 * spoilers (XEP-0382) and OMEMO (XEP-0384, as Conversations builds it, with XEP-0380). The peers
 * send the stanzas as the XEPs' examples and Conversations, Converse.js and Dino build them:
 * an origin-id on everything, a store hint on reactions and encrypted messages.
 */
const NS = {
  REACTIONS: 'urn:xmpp:reactions:0',
  REPLY: 'urn:xmpp:reply:0',
  FALLBACK: 'urn:xmpp:fallback:0',
  RETRACT: 'urn:xmpp:message-retract:1',
  OOB: 'jabber:x:oob',
  SPOILER: 'urn:xmpp:spoiler:0',
  REFERENCE: 'urn:xmpp:reference:0',
  STYLING: 'urn:xmpp:styling:0',
  HINTS: 'urn:xmpp:hints',
  SID: 'urn:xmpp:sid:0',
  EME: 'urn:xmpp:eme:0',
  OMEMO: 'eu.siacs.conversations.axolotl',
  OMEMO_2: 'urn:xmpp:omemo:2',
  RECEIPTS: 'urn:xmpp:receipts',
  MARKERS: 'urn:xmpp:chat-markers:0',
} as const;

const OMEMO_FALLBACK =
  'I sent you an OMEMO encrypted message but your client doesn’t seem to support that. Find more information on https://conversations.im/omemo';
const RETRACT_FALLBACK = "This person attempted to retract a previous message, but it's unsupported by your client.";

type Type = 'chat' | 'groupchat';
type Payload = Element | false;

let counter = 0;
const newId = () => `rich-${Date.now().toString(36)}-${(counter += 1)}`;
const token = () => Math.random().toString(36).slice(2, 8);

/** A message as modern clients send it: the payload, then an origin-id equal to the stanza's id. Returns the id. */
function send(from: Connection, to: string, type: Type, ...payload: Payload[]): string {
  const id = newId();
  from.send(xml('message', { to, type, id }, ...payload, xml('origin-id', { xmlns: NS.SID, id })));
  return id;
}

const body = (text: string) => xml('body', {}, text);

/** A plain message in the room. */
const say = (peer: PeerInRoom, text: string) => send(peer.connection, peer.room.jid, 'groupchat', body(text));

/** XEP-0444 §3: the sender's whole set of reactions to message `id` (in a room: the room's stanza-id). */
function react(from: Connection, to: string, type: Type, id: string, emojis: readonly string[]): void {
  send(
    from,
    to,
    type,
    xml('reactions', { xmlns: NS.REACTIONS, id }, ...emojis.map((emoji) => xml('reaction', {}, emoji))),
    xml('store', { xmlns: NS.HINTS }),
  );
}

/**
 * XEP-0461 §3 with the XEP-0428 fallback, as Conversations sends a reply: the quote as "> " lines
 * before the answer, its range counted in code points.
 */
function reply(from: Connection, to: string, type: Type, target: { to: string; id: string }, quoted: string, answer: string): void {
  const quote = `${quoted
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n')}\n`;
  send(
    from,
    to,
    type,
    body(quote + answer),
    xml('reply', { xmlns: NS.REPLY, to: target.to, id: target.id }),
    xml('fallback', { xmlns: NS.FALLBACK, for: NS.REPLY }, xml('body', { start: 0, end: Array.from(quote).length })),
  );
}

/** An uploaded file as Conversations shares it (XEP-0363 then XEP-0066): the body is the URL. */
function shareFile(from: Connection, to: string, type: Type, url: string): void {
  send(from, to, type, body(url), xml('x', { xmlns: NS.OOB }, xml('url', {}, url)));
}

/** XEP-0424 0.4 §5: retract by the room's stanza-id, with the fallback and a store hint. */
function retract(from: Connection, to: string, type: Type, target: string): void {
  send(
    from,
    to,
    type,
    xml('retract', { xmlns: NS.RETRACT, id: target }),
    xml('fallback', { xmlns: NS.FALLBACK, for: NS.RETRACT }),
    body(RETRACT_FALLBACK),
    xml('store', { xmlns: NS.HINTS }),
  );
}

/** OMEMO 0.3 (eu.siacs.conversations.axolotl) as Conversations sends it; no payload is a key transport message. */
function omemoLegacy(withPayload: boolean): Payload[] {
  return [
    xml(
      'encrypted',
      { xmlns: NS.OMEMO },
      xml(
        'header',
        { sid: '1009426212' },
        xml('key', { rid: '1472651236' }, 'MwohBXgjDcaAEwDHuP3n1W0cG1HDtGd+mTNfbPWcWyIuI9BsEAAYACIwqQ/iVTp3mvQDlR0kIl2X'),
        xml('key', { prekey: 'true', rid: '587296430' }, 'MwjcgKvGARIhBY4HlT1T0HBn7tK8x2/rKVgDHdPgz5S7sX8kBAxM8o1+'),
        xml('iv', {}, 'Z5nvxnT0d/nvWTWz'),
      ),
      withPayload && xml('payload', {}, 'XOHvkUQ3S6OCGJtvZ3T5KI8b9VaQ'),
    ),
    withPayload && xml('encryption', { xmlns: NS.EME, namespace: NS.OMEMO, name: 'OMEMO' }),
    withPayload && body(OMEMO_FALLBACK),
    xml('store', { xmlns: NS.HINTS }),
  ];
}

/** OMEMO 2 (XEP-0384 0.8 §4.4): keys per recipient JID, SCE payload; `fallback` the body a client adds. */
function omemo2(jid: string, fallback?: string): Payload[] {
  return [
    xml(
      'encrypted',
      { xmlns: NS.OMEMO_2 },
      xml(
        'header',
        { sid: '27183' },
        xml('keys', { jid }, xml('key', { rid: '31415' }, 'b64encodedkeyandmac'), xml('key', { kex: 'true', rid: '12321' }, 'b64encodedkex')),
      ),
      xml('payload', {}, 'b64encodedSCEenvelope'),
    ),
    xml('encryption', { xmlns: NS.EME, namespace: NS.OMEMO_2, name: 'OMEMO' }),
    fallback !== undefined && body(fallback),
    xml('store', { xmlns: NS.HINTS }),
  ];
}

/** The room's stanza-id of a message, once the room reflected it to this peer. */
const stanzaIdOf = (room: MucRoom, text: string) =>
  until(
    () => {
      const item = room.timeline.find((i) => i.kind === 'message' && i.message.body === text && i.message.stanzaId);
      return item?.kind === 'message' ? item.message.stanzaId : undefined;
    },
    5000,
    `stanza-id of "${text}"`,
  );

// What the user sees, read from the shadow DOM.
const rows = (el: Element) => parts(el, 'message');
const partsOf = (row: Element | undefined) => row?.getAttribute('part') ?? '';
const bodyOf = (row: Element | undefined) => row?.querySelector('[part~="message-body"]')?.textContent ?? undefined;
/** The message row whose body is exactly this text. */
const rowOf = (el: Element, text: string) => rows(el).find((row) => bodyOf(row) === text);
/** Each reaction button as its accessible name ("👍: 2"), sorted. */
const reactionLabels = (row: Element | undefined) =>
  [...(row?.querySelectorAll('[part~="reaction"]') ?? [])].map((b) => b.getAttribute('aria-label') ?? '').sort();
const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
const messagesText = (el: Element) => parts(el, 'messages')[0]?.textContent ?? '';
const shadow = (el: Element) => el.shadowRoot!;

/** Alice's <xmpp-chat> with bob, signed in, her archive loaded; bob online, what he receives collected. */
async function aliceWithBob(): Promise<{ el: XmppChat; alice: string; bob: Connection; bobGot: Element[] }> {
  const { boshUrl, domain, users } = await serverConfig();
  const alice = `alice@${domain}`;
  // The previous test's session closes one task after its element went: sign in anew, not into that one.
  await until(() => registry.size === 0, 5000, 'earlier sessions closed');
  const bob = await account('bob');
  const bobGot: Element[] = [];
  bob.on('message', (stanza) => bobGot.push(stanza));
  const el = await fixture<XmppChat>(html`<xmpp-chat lang="en" bosh-url=${boshUrl} jid=${alice} with=${`bob@${domain}`}></xmpp-chat>`);
  await el.login(alice, users['alice']);
  await until(() => el.status === 'online', 10000, 'alice online');
  const connection = registry.only()!;
  await until(() => !ChatService.for(connection).conversation(`bob@${domain}`).loadingHistory, 20000, 'alice’s history');
  return { el, alice, bob, bobGot };
}

/** Alice sends `text` from her element; resolves with the stanza bob got. */
async function aliceSays(el: XmppChat, bobGot: Element[], text: string): Promise<Element> {
  await el.send(text);
  return until(() => bobGot.find((s) => s.querySelector('body')?.textContent === text), 5000, `bob to get "${text}"`);
}

/** The rows after the one whose body is `marker`: this test's, not the archive's of earlier runs. */
function rowsAfter(el: Element, marker: string): HTMLElement[] {
  const all = rows(el);
  const at = all.findIndex((row) => bodyOf(row) === marker);
  return at < 0 ? [] : all.slice(at + 1);
}

describe('rich messages received, on a real server', () => {
  afterEach(() => {
    registry.only()?.logout();
  });

  it('room: counts reactions to a message by the room’s stanza-id, replaces a sender’s set, removes it when empty, keeps markup as text', async () => {
    const roomJid = await uniqueRoom('react');
    const el = await roomElement('guest', roomJid, 'reader');
    await joined(el, 'reader');
    const ann = await peerInRoom(roomJid, 'ann');
    const bob = await peerInRoom(roomJid, 'bob');
    const carol = await peerInRoom(roomJid, 'carol');

    say(ann, 'lunch at noon?');
    await until(() => rowOf(el, 'lunch at noon?'), 5000, 'ann’s message');
    const target = await stanzaIdOf(ann.room, 'lunch at noon?');
    const row = () => rowOf(el, 'lunch at noon?');

    react(bob.connection, roomJid, 'groupchat', target, ['👍']);
    react(carol.connection, roomJid, 'groupchat', target, ['👍', '❤️']);
    await until(() => sameList(reactionLabels(row()), ['❤️: 1', '👍: 2']), 5000, '👍 2 and ❤️ 1');
    const visible = [...row()!.querySelectorAll('[part~="reaction"]')].map((b) => b.textContent.trim()).sort();
    expect(visible).to.deep.equal(['❤️ 1', '👍 2']);
    expect(partsOf(row()!.querySelector('[part~="reaction"]') ?? undefined)).to.equal('reaction');
    expect(row()!.querySelector('[part~="reactions"]')!.getAttribute('aria-label')).to.equal('Reactions');

    // Bob's new set replaces his old one.
    react(bob.connection, roomJid, 'groupchat', target, ['❤️']);
    await until(() => sameList(reactionLabels(row()), ['❤️: 2', '👍: 1']), 5000, '👍 1 and ❤️ 2');
    // An empty set takes his back.
    react(bob.connection, roomJid, 'groupchat', target, []);
    await until(() => sameList(reactionLabels(row()), ['❤️: 1', '👍: 1']), 5000, 'bob’s reaction removed');

    // Markup in a reaction is text; one longer than any emoji sequence is dropped.
    const short = '<img src=x onerror=alert(1)>';
    const long = `<svg onload=alert(1)>${'x'.repeat(30)}</svg>`;
    react(bob.connection, roomJid, 'groupchat', target, [short, long]);
    await until(() => reactionLabels(row()).includes(`${short}: 1`), 5000, 'the markup shown as text');
    expect(reactionLabels(row())).to.deep.equal(['<img src=x onerror=alert(1)>: 1', '❤️: 1', '👍: 1']);
    expect(row()!.textContent).to.contain(short);
    expect(row()!.textContent).to.not.contain('<svg');
    expect(shadow(el).querySelectorAll('img, svg, script').length).to.equal(0);

    // Reactions are no messages of their own.
    expect(bodies(el)).to.deep.equal(['lunch at noon?']);
    expect(rows(el)).to.have.length(1);
    await expect(el).to.be.accessible();
  });

  it('chat: bob’s reaction to alice’s own message, by its id, shows under it', async () => {
    const { el, alice, bob, bobGot } = await aliceWithBob();
    const text = `shall we meet at 5? ${token()}`;
    const sent = await aliceSays(el, bobGot, text);
    const id = sent.getAttribute('id')!;
    expect(id).to.not.equal('');

    react(bob, alice, 'chat', id, ['👍']);
    await until(() => sameList(reactionLabels(rowOf(el, text)), ['👍: 1']), 5000, 'bob’s 👍');
    expect(partsOf(rowOf(el, text))).to.contain('outgoing');
    expect(rowOf(el, text)!.querySelector('[part~="reaction"]')!.textContent.trim()).to.equal('👍 1');

    react(bob, alice, 'chat', id, ['😂', '👍']);
    await until(() => sameList(reactionLabels(rowOf(el, text)), ['👍: 1', '😂: 1']), 5000, 'bob’s new set');
    react(bob, alice, 'chat', id, []);
    await until(() => reactionLabels(rowOf(el, text)).length === 0, 5000, 'bob’s reactions removed');
    expect(rowOf(el, text)!.querySelector('[part~="reactions"]')).to.equal(null);
    el.logout();
  });

  it('room: a reply shows only its answer under a quote of the message it answers; one to a message not loaded quotes the fallback', async () => {
    const roomJid = await uniqueRoom('reply');
    const el = await roomElement('guest', roomJid, 'reader');
    await joined(el, 'reader');
    const bob = await peerInRoom(roomJid, 'bob');
    const carol = await peerInRoom(roomJid, 'carol');

    // Emoji outside the BMP: a range counted in UTF-16 units would cut the wrong text.
    say(bob, '🎉🎉 party');
    await until(() => rowOf(el, '🎉🎉 party'), 5000, 'bob’s message');
    const target = await stanzaIdOf(bob.room, '🎉🎉 party');
    reply(carol.connection, roomJid, 'groupchat', { to: `${roomJid}/bob`, id: target }, '🎉🎉 party', 'count me in 🙌');
    const answer = await until(() => rowOf(el, 'count me in 🙌'), 5000, 'carol’s reply');
    expect(answer.querySelector('[part~="message-author"]')!.textContent).to.equal('carol');
    const quote = answer.querySelector('[part~="reply-quote"]')!;
    expect(quote.localName).to.equal('blockquote');
    expect(quote.querySelector('.quote-author')!.textContent).to.equal('bob');
    expect(quote.querySelector('.quote-text')!.textContent).to.equal('🎉🎉 party');
    expect(bodyOf(answer)).to.not.contain('>');

    // The message it answers is not here (older than the history): the fallback's text, without "> ".
    reply(
      carol.connection,
      roomJid,
      'groupchat',
      { to: `${roomJid}/dave`, id: 'an-id-from-last-week' },
      'dave said 🦄 long ago\nand more',
      'yes, indeed',
    );
    const old = await until(() => rowOf(el, 'yes, indeed'), 5000, 'the reply to a message not loaded');
    const oldQuote = old.querySelector('[part~="reply-quote"]')!;
    expect(oldQuote.querySelector('.quote-author')!.textContent).to.equal('dave');
    expect(oldQuote.querySelector('.quote-text')!.textContent).to.equal('dave said 🦄 long ago\nand more');
    expect(messagesText(el)).to.not.contain('> ');

    expect(bodies(el)).to.deep.equal(['🎉🎉 party', 'count me in 🙌', 'yes, indeed']);
    await expect(el).to.be.accessible();
  });

  it('chat: bob’s reply to alice’s message shows his answer under a quote of hers', async () => {
    const { el, alice, bob, bobGot } = await aliceWithBob();
    const t = token();
    const text = `🎉🎉 party at mine ${t}`;
    const sent = await aliceSays(el, bobGot, text);
    // XEP-0461: `to` is the full JID of the message's author.
    reply(bob, alice, 'chat', { to: sent.getAttribute('from')!, id: sent.getAttribute('id')! }, text, `on my way ${t}`);
    const answer = await until(() => rowOf(el, `on my way ${t}`), 5000, 'bob’s reply');
    expect(partsOf(answer)).to.contain('incoming');
    const quote = answer.querySelector('[part~="reply-quote"]')!;
    const aliceAuthor = rowOf(el, text)!.querySelector('[part~="message-author"]')!.textContent;
    expect(quote.querySelector('.quote-author')!.textContent).to.equal(aliceAuthor);
    expect(quote.querySelector('.quote-text')!.textContent).to.equal(text);
    el.logout();
  });

  it('chat: bob’s reply to an own message that is not loaded quotes the user as the author, not bob', async () => {
    const { el, alice, bob } = await aliceWithBob();
    const t = token();
    // XEP-0461: `to` is the full JID of the quoted message's author; the message is older than what is loaded.
    reply(bob, alice, 'chat', { to: `${alice}/phone`, id: `long-gone-${t}` }, `my old question ${t}`, `my old answer ${t}`);
    const answer = await until(() => rowOf(el, `my old answer ${t}`), 5000, 'bob’s reply');
    const quote = answer.querySelector('[part~="reply-quote"]')!;
    expect(quote.querySelector('.quote-author')!.textContent).to.equal('You');
    expect(quote.querySelector('.quote-text')!.textContent).to.equal(`my old question ${t}`);
    expect(answer.querySelector('[part~="message-author"]')!.textContent).to.equal(`bob@${alice.split('@')[1]}`);
    el.logout();
  });

  it('room: a reply to a spoiler quotes its hint (or “Spoiler”), never its hidden text', async () => {
    const roomJid = await uniqueRoom('reply-spoiler');
    const el = await roomElement('guest', roomJid, 'reader');
    await joined(el, 'reader');
    const bob = await peerInRoom(roomJid, 'bob');
    const carol = await peerInRoom(roomJid, 'carol');
    send(bob.connection, roomJid, 'groupchat', body('The butler did it'), xml('spoiler', { xmlns: NS.SPOILER }, 'Movie ending'));
    send(bob.connection, roomJid, 'groupchat', body('Snape kills Dumbledore'), xml('spoiler', { xmlns: NS.SPOILER }));
    say(bob, 'spoilers sent');
    await until(() => rowOf(el, 'spoilers sent'), 5000, 'bob’s messages');
    const hinted = await until(() => {
      const item = bob.room.timeline.find((i) => i.kind === 'message' && i.message.body === 'The butler did it' && i.message.stanzaId);
      return item?.kind === 'message' ? item.message.stanzaId : undefined;
    }, 5000, 'the stanza-id of the first spoiler');
    const bare = await until(() => {
      const item = bob.room.timeline.find((i) => i.kind === 'message' && i.message.body === 'Snape kills Dumbledore' && i.message.stanzaId);
      return item?.kind === 'message' ? item.message.stanzaId : undefined;
    }, 5000, 'the stanza-id of the second spoiler');
    // Carol's client quotes the text in its fallback, as a client without spoilers would.
    reply(carol.connection, roomJid, 'groupchat', { to: `${roomJid}/bob`, id: hinted }, 'The butler did it', 'no way');
    reply(carol.connection, roomJid, 'groupchat', { to: `${roomJid}/bob`, id: bare }, 'Snape kills Dumbledore', 'why tell me');
    const first = await until(() => rowOf(el, 'no way'), 5000, 'the first reply');
    const second = await until(() => rowOf(el, 'why tell me'), 5000, 'the second reply');
    expect(first.querySelector('[part~="reply-quote"] .quote-text')!.textContent).to.equal('Spoiler: Movie ending');
    expect(second.querySelector('[part~="reply-quote"] .quote-text')!.textContent).to.equal('Spoiler');
    expect(messagesText(el)).to.not.contain('butler');
    expect(messagesText(el)).to.not.contain('Dumbledore');
  });

  it('room: a hostile reply quote (markup in the quoted text and in the author’s nick) is shown as text', async () => {
    const roomJid = await uniqueRoom('reply-hostile');
    const el = await roomElement('guest', roomJid, 'reader');
    await joined(el, 'reader');
    const carol = await peerInRoom(roomJid, 'carol');
    const nick = '<img src=x onerror=alert(1)>';
    const quoted = '<script>alert(1)</script> *<b>bold</b>* [click](javascript:alert(1))';
    reply(carol.connection, roomJid, 'groupchat', { to: `${roomJid}/${nick}`, id: 'not-loaded-here' }, quoted, 'answer to markup');
    const answer = await until(() => rowOf(el, 'answer to markup'), 5000, 'the reply');
    const quote = answer.querySelector('[part~="reply-quote"]')!;
    expect(quote.querySelector('.quote-author')!.textContent).to.equal(nick);
    expect(quote.querySelector('.quote-text')!.textContent).to.equal(quoted);
    expect(quote.querySelectorAll('*').length, 'only the author and text spans').to.equal(2);
    expect(shadow(el).querySelectorAll('img, script, b, a[href^="javascript"]')).to.have.length(0);
  });

  it('room: a shared image shows as an <img>, a file as a link with its decoded name; other schemes and hostile names stay text', async () => {
    const roomJid = await uniqueRoom('files');
    const el = await roomElement('guest', roomJid, 'reader');
    await joined(el, 'reader');
    const bob = await peerInRoom(roomJid, 'bob');
    const image = 'https://127.0.0.1:1/upload/a1b2/pic.png';
    const pdf = 'https://127.0.0.1:1/upload/c3d4/report%202026.pdf';
    const hostile = 'https://127.0.0.1:1/upload/e5f6/%3Cimg%20src%3Dx%3E.pdf';
    const script = 'javascript:alert(1)';
    const dataUrl = 'data:text/html,<script>alert(1)</script>';
    // As a client may send it, not normalised (the space would be %20): still not repeated as text.
    const spaced = 'https://127.0.0.1:1/upload/g7h8/my photo.png';

    for (const url of [image, pdf, script, dataUrl, hostile, spaced]) shareFile(bob.connection, roomJid, 'groupchat', url);
    say(bob, 'files done');
    await until(() => rowOf(el, 'files done'), 5000, 'bob’s files');
    const [imageRow, pdfRow, scriptRow, dataRow, hostileRow, spacedRow] = rows(el);

    // The image: a link to it holding the <img>, no second copy of the URL as text.
    const imageLink = imageRow.querySelector<HTMLAnchorElement>('[part~="attachment"]')!;
    expect(imageLink.getAttribute('href')).to.equal(image);
    const img = imageLink.querySelector('img')!;
    expect(img.getAttribute('src')).to.equal(image);
    expect(img.getAttribute('loading')).to.equal('lazy');
    // Its box is reserved (it never loads here): 4:3 from its width and height, not collapsed.
    const box = img.getBoundingClientRect();
    expect(box.width).to.be.above(100);
    expect(box.height / box.width).to.be.closeTo(0.75, 0.02);
    expect(imageRow.querySelector('[part~="message-body"]')).to.equal(null);
    expect(imageRow.textContent).to.not.contain('127.0.0.1');

    // The PDF: a link with the file name decoded.
    const pdfLink = pdfRow.querySelector<HTMLAnchorElement>('[part~="attachment"]')!;
    expect(pdfLink.getAttribute('href')).to.equal(pdf);
    expect(pdfLink.textContent).to.contain('report 2026.pdf');
    expect(pdfLink.querySelector('img')).to.equal(null);
    expect(pdfRow.querySelector('[part~="message-body"]')).to.equal(null);

    // javascript: and data: are no files: the text, as sent, and no link.
    expect(bodyOf(scriptRow)).to.equal(script);
    expect(scriptRow.querySelector('[part~="attachment"], a')).to.equal(null);
    expect(bodyOf(dataRow)).to.equal(dataUrl);
    expect(dataRow.querySelector('[part~="attachment"], a')).to.equal(null);

    // A name with markup in it is shown as text.
    const hostileLink = hostileRow.querySelector<HTMLAnchorElement>('[part~="attachment"]')!;
    expect(hostileLink.textContent).to.contain('<img src=x>.pdf');
    expect(hostileLink.querySelector('*')).to.equal(null);

    const spacedLink = spacedRow.querySelector<HTMLAnchorElement>('[part~="attachment"]')!;
    expect(spacedLink.getAttribute('href')).to.equal('https://127.0.0.1:1/upload/g7h8/my%20photo.png');
    expect(bodyOf(spacedRow), 'no body text').to.equal(undefined);

    const root = shadow(el);
    expect(root.querySelectorAll('img')).to.have.length(2);
    expect(root.querySelectorAll('script, iframe, object, embed')).to.have.length(0);
    const hrefs = [...root.querySelectorAll('a')].map((a) => a.getAttribute('href') ?? '');
    expect(hrefs.filter((h) => !h.startsWith('https://'))).to.deep.equal([]);
    expect(bodies(el)).to.deep.equal([script, dataUrl, 'files done']);
    await expect(el).to.be.accessible();
  });

  it('room: XEP-0393 styling renders strong, em, del, code, a quote and a block; <unstyled/> and markup stay text', async () => {
    const roomJid = await uniqueRoom('styling');
    const el = await roomElement('guest', roomJid, 'reader');
    await joined(el, 'reader');
    const bob = await peerInRoom(roomJid, 'bob');
    const styled = '*bold* _it_ ~del~ `code`';

    say(bob, styled);
    say(bob, '> quoted\nanswer');
    say(bob, '```\nlet x = 1;\n```');
    send(bob.connection, roomJid, 'groupchat', body(styled), xml('unstyled', { xmlns: NS.STYLING }));
    say(bob, '<b>x</b> and *<i>y</i>*');
    await until(() => rows(el).length === 5 && rows(el)[0].querySelector('strong'), 5000, 'bob’s messages, styled');
    const [spans, quote, block, unstyled, markup] = rows(el);

    const inBody = (row: Element, selector: string) =>
      [...row.querySelectorAll(`[part~="message-body"] ${selector}`)].map((e) => e.textContent);
    // The directives stay, as XEP-0393 recommends.
    expect(inBody(spans, 'strong')).to.deep.equal(['*bold*']);
    expect(inBody(spans, 'em')).to.deep.equal(['_it_']);
    expect(inBody(spans, 'del')).to.deep.equal(['~del~']);
    expect(inBody(spans, 'code')).to.deep.equal(['`code`']);
    expect(bodyOf(spans)).to.equal(styled);

    expect(inBody(quote, 'blockquote')).to.deep.equal(['quoted']);
    expect(bodyOf(quote)).to.contain('answer');
    expect(inBody(block, 'pre')).to.deep.equal(['```\nlet x = 1;\n```']);

    expect(bodyOf(unstyled)).to.equal(styled);
    expect(unstyled.querySelectorAll('strong, em, del, code, pre')).to.have.length(0);

    expect(bodyOf(markup)).to.equal('<b>x</b> and *<i>y</i>*');
    expect(inBody(markup, 'strong')).to.deep.equal(['*<i>y</i>*']);
    expect(shadow(el).querySelectorAll('b, i')).to.have.length(0);
  });

  it('room: a message naming the user’s nick, or referencing them (XEP-0372), is a mention; the nick inside a word, or their own message, is not', async () => {
    const roomJid = await uniqueRoom('mention');
    const el = await roomElement('guest', roomJid, 'visitor');
    await joined(el, 'visitor');
    const bob = await peerInRoom(roomJid, 'bob');

    say(bob, 'I think VISITOR knows the answer');
    say(bob, 'visitorX joined too');
    // A reference to the user's occupant JID, on text that is not their nick.
    send(
      bob.connection,
      roomJid,
      'groupchat',
      body('thanks, you!'),
      xml('reference', { xmlns: NS.REFERENCE, type: 'mention', uri: `xmpp:${roomJid}/visitor`, begin: 8, end: 11 }),
    );
    // A reference to someone else is not the user's.
    send(
      bob.connection,
      roomJid,
      'groupchat',
      body('ping you'),
      xml('reference', { xmlns: NS.REFERENCE, type: 'mention', uri: `xmpp:${roomJid}/carol`, begin: 5, end: 8 }),
    );
    // A reference to the user's own bare JID (xmpp:user@domain), on other text.
    const ownBare = registry.only()!.jid.split('/')[0];
    send(
      bob.connection,
      roomJid,
      'groupchat',
      body('over to you'),
      xml('reference', { xmlns: NS.REFERENCE, type: 'mention', uri: `xmpp:${ownBare}`, begin: 8, end: 11 }),
    );
    await until(() => rowOf(el, 'over to you'), 5000, 'bob’s messages');
    await el.send('visitor here, hello');
    await until(() => partsOf(rowOf(el, 'visitor here, hello')) === 'message outgoing', 5000, 'the own message, confirmed');

    expect(rows(el).map((row) => [bodyOf(row), partsOf(row)])).to.deep.equal([
      ['I think VISITOR knows the answer', 'message incoming mention'],
      ['visitorX joined too', 'message incoming'],
      ['thanks, you!', 'message incoming mention'],
      ['ping you', 'message incoming'],
      ['over to you', 'message incoming mention'],
      ['visitor here, hello', 'message outgoing'],
    ]);
  });

  it('room: a spoiler hides its text until the toggle is pressed; a hint with markup is text', async () => {
    const roomJid = await uniqueRoom('spoiler');
    const el = await roomElement('guest', roomJid, 'reader');
    await joined(el, 'reader');
    const bob = await peerInRoom(roomJid, 'bob');

    send(bob.connection, roomJid, 'groupchat', body('The butler did it'), xml('spoiler', { xmlns: NS.SPOILER }, 'Movie ending'));
    send(bob.connection, roomJid, 'groupchat', body('Snape kills Dumbledore'), xml('spoiler', { xmlns: NS.SPOILER }, '<b>x</b>'));
    send(bob.connection, roomJid, 'groupchat', body('no hint here'), xml('spoiler', { xmlns: NS.SPOILER }));
    say(bob, 'spoilers done');
    await until(() => rowOf(el, 'spoilers done') && rows(el).length === 4, 5000, 'bob’s messages');
    const [movie, book, bare] = rows(el);

    const toggle = movie.querySelector<HTMLButtonElement>('[part~="spoiler-toggle"]')!;
    expect(toggle.localName).to.equal('button');
    expect(toggle.textContent.trim()).to.equal('Spoiler: Movie ending (show)');
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    expect(messagesText(el)).to.not.contain('butler');
    expect(messagesText(el)).to.not.contain('Dumbledore');
    expect(messagesText(el)).to.not.contain('no hint here');

    toggle.click();
    await until(() => bodyOf(movie) === 'The butler did it', 5000, 'the spoiler shown');
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect(messagesText(el)).to.not.contain('Dumbledore');

    const bookToggle = book.querySelector('[part~="spoiler-toggle"]')!;
    expect(bookToggle.textContent.trim()).to.equal('Spoiler: <b>x</b> (show)');
    expect(shadow(el).querySelectorAll('b')).to.have.length(0);
    expect(bare.querySelector('[part~="spoiler-toggle"]')!.textContent.trim()).to.equal('Spoiler: show');
    await expect(el).to.be.accessible();
  });

  it('room: OMEMO messages (legacy and urn:xmpp:omemo:2) show that they are encrypted, never the fallback; a key transport shows nothing', async () => {
    const roomJid = await uniqueRoom('omemo');
    const el = await roomElement('guest', roomJid, 'reader');
    await joined(el, 'reader');
    const bob = await peerInRoom(roomJid, 'bob');

    send(bob.connection, roomJid, 'groupchat', ...omemoLegacy(true));
    send(bob.connection, roomJid, 'groupchat', ...omemo2(roomJid, 'This message is encrypted with OMEMO 2 which your client does not seem to support.'));
    send(bob.connection, roomJid, 'groupchat', ...omemo2(roomJid));
    send(bob.connection, roomJid, 'groupchat', ...omemoLegacy(false));
    say(bob, 'after the keys');
    await until(() => rowOf(el, 'after the keys'), 5000, 'bob’s messages');

    const all = rows(el);
    expect(all.map(partsOf)).to.deep.equal([
      'message incoming encrypted',
      'message incoming encrypted',
      'message incoming encrypted',
      'message incoming',
    ]);
    for (const row of all.slice(0, 3)) {
      expect(bodyOf(row)).to.contain('end-to-end encrypted');
      expect(row.querySelector('[part~="message-author"]')!.textContent).to.equal('bob');
    }
    const text = messagesText(el);
    expect(text).to.not.contain('OMEMO encrypted message');
    expect(text).to.not.contain('conversations.im');
    expect(text).to.not.contain('OMEMO 2');
    await expect(el).to.be.accessible();
  });

  it('chat: a file, styling, a spoiler and an OMEMO message from bob show as in a room; a key transport shows nothing', async () => {
    const { el, alice, bob } = await aliceWithBob();
    const t = token();
    const start = `start ${t}`;
    const image = `https://127.0.0.1:1/upload/${t}/photo.jpg`;
    // As Conversations sends to a contact: receipt request and markable with the message.
    const chatExtras = () => [xml('request', { xmlns: NS.RECEIPTS }), xml('markable', { xmlns: NS.MARKERS })];
    send(bob, alice, 'chat', body(start));
    send(bob, alice, 'chat', body(image), xml('x', { xmlns: NS.OOB }, xml('url', {}, image)), ...chatExtras());
    send(bob, alice, 'chat', body(`*bold* ${t}`), ...chatExtras());
    send(bob, alice, 'chat', body(`ending ${t}`), xml('spoiler', { xmlns: NS.SPOILER }, 'Movie ending'), ...chatExtras());
    send(bob, alice, 'chat', ...omemoLegacy(true), ...chatExtras());
    send(bob, alice, 'chat', ...omemoLegacy(false));
    send(bob, alice, 'chat', body(`end ${t}`));
    await until(() => rowOf(el, `end ${t}`), 5000, 'bob’s messages');

    const mine = rowsAfter(el, start);
    expect(mine).to.have.length(5);
    const [file, styled, spoiler, encrypted, end] = mine;
    expect(file.querySelector('[part~="attachment"] img')!.getAttribute('src')).to.equal(image);
    expect(file.querySelector('[part~="message-body"]')).to.equal(null);
    expect(styled.querySelector('[part~="message-body"] strong')!.textContent).to.equal('*bold*');
    expect(spoiler.querySelector('[part~="spoiler-toggle"]')!.getAttribute('aria-expanded')).to.equal('false');
    expect(spoiler.textContent).to.not.contain(`ending ${t}`);
    expect(partsOf(encrypted)).to.equal('message incoming encrypted');
    expect(bodyOf(encrypted)).to.contain('end-to-end encrypted');
    expect(encrypted.textContent).to.not.contain('conversations.im');
    expect(bodyOf(end)).to.equal(`end ${t}`);
    el.logout();
  });

  it('room: reactions, replies and retractions already in the history are applied on join', async () => {
    const roomJid = await uniqueRoom('rich-history');
    const bob = await peerInRoom(roomJid, 'bob');
    const carol = await peerInRoom(roomJid, 'carol');
    say(bob, 'react here');
    say(bob, 'reply to me 🎉');
    say(bob, 'retract me');
    const reactTo = await stanzaIdOf(bob.room, 'react here');
    const replyTo = await stanzaIdOf(bob.room, 'reply to me 🎉');
    const retractIt = await stanzaIdOf(bob.room, 'retract me');

    react(carol.connection, roomJid, 'groupchat', reactTo, ['👍', '❤️']);
    reply(carol.connection, roomJid, 'groupchat', { to: `${roomJid}/bob`, id: replyTo }, 'reply to me 🎉', 'the answer');
    say(carol, 'carol done');
    await stanzaIdOf(carol.room, 'carol done');
    react(bob.connection, roomJid, 'groupchat', reactTo, ['👍']);
    retract(bob.connection, roomJid, 'groupchat', retractIt);
    say(bob, 'bob done');
    await stanzaIdOf(bob.room, 'bob done');

    const el: XmppRoom = await roomElement('guest', roomJid, 'late');
    await until(() => rowOf(el, 'bob done') && rowOf(el, 'carol done'), 10000, 'the history');
    expect(bodies(el)).to.deep.equal(['react here', 'reply to me 🎉', 'This message was retracted.', 'the answer', 'carol done', 'bob done']);
    expect(rows(el)).to.have.length(6);
    // ejabberd's room history (mod_muc_room) keeps only messages with a body or a subject:
    // reactions sent before the join never reach a newcomer there. Prosody's keeps them.
    const { kind } = await serverConfig();
    expect(reactionLabels(rowOf(el, 'react here'))).to.deep.equal(kind === 'ejabberd' ? [] : ['❤️: 1', '👍: 2']);
    const quote = rowOf(el, 'the answer')!.querySelector('[part~="reply-quote"]')!;
    expect(quote.querySelector('.quote-author')!.textContent).to.equal('bob');
    expect(quote.querySelector('.quote-text')!.textContent).to.equal('reply to me 🎉');
    expect(partsOf(rows(el)[2])).to.equal('message incoming retracted');
    const text = messagesText(el);
    expect(text).to.not.contain('retract me');
    expect(text).to.not.contain('attempted to retract');
    expect(text).to.not.contain('> ');
  });
});
