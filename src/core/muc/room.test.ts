import { expect } from '@open-wc/testing';
import { FakeTransport } from '../../../test/fakes/fake-transport.js';
import { until } from '../../../test/harness.js';
import { delay, groupchat, occupantPresence, presenceError } from '../../../test/fakes/stanzas.js';
import { Connection } from '../connection.js';
import { MucRoom } from './index.js';

const ROOM = 'lobby@muc.example.org';

function setup(nick = 'visitor') {
  const transport = new FakeTransport();
  const connection = new Connection(transport, { jid: 'guest.example.org' });
  connection.start();
  const room = new MucRoom(connection, ROOM, { nick, history: 20 });
  room.join();
  return { transport, connection, room };
}

function joinSelf(transport: FakeTransport, nick = 'visitor', codes = ['110']) {
  transport.receive(occupantPresence(`${ROOM}/${nick}`, { codes }));
}

describe('MucRoom', () => {
  it('joins with presence to room/nick carrying the muc x and history request', () => {
    const { transport, room } = setup();
    const join = transport.last('presence')!;
    expect(join.getAttribute('to')).to.equal(`${ROOM}/visitor`);
    const x = join.querySelector('x')!;
    expect(x.getAttribute('xmlns')).to.equal('http://jabber.org/protocol/muc');
    expect(x.querySelector('history')?.getAttribute('maxstanzas')).to.equal('20');
    expect(room.state).to.equal('joining');
  });

  it('is joined on self-presence and lists occupants with role and affiliation', () => {
    const { transport, room } = setup();
    transport.receive(occupantPresence(`${ROOM}/ann`, { role: 'moderator', affiliation: 'owner', show: 'dnd' }));
    joinSelf(transport);
    expect(room.state).to.equal('joined');
    expect(room.occupants.map((o) => [o.nick, o.role, o.affiliation, o.show, o.self])).to.deep.equal([
      ['ann', 'moderator', 'owner', 'dnd', false],
      ['visitor', 'participant', 'none', 'available', true],
    ]);
  });

  it('updates occupants on join and leave with notices', () => {
    const { transport, room } = setup();
    joinSelf(transport);
    transport.receive(occupantPresence(`${ROOM}/bob`));
    transport.receive(occupantPresence(`${ROOM}/bob`, { type: 'unavailable', role: 'none' }));
    expect(room.occupants.map((o) => o.nick)).to.deep.equal(['visitor']);
    const notices = room.timeline.flatMap((i) => (i.kind === 'notice' ? [[i.notice.kind, i.notice.params['nick']]] : []));
    expect(notices).to.deep.equal([
      ['joined', 'bob'],
      ['left', 'bob'],
    ]);
  });

  it('shows history with delay stamps, then live messages', () => {
    const { transport, room } = setup();
    transport.receive(groupchat(`${ROOM}/ann`, 'old one', delay('2024-05-01T10:00:00Z')));
    joinSelf(transport);
    transport.receive(groupchat(`${ROOM}/ann`, 'new one'));
    const messages = room.timeline.flatMap((i) => (i.kind === 'message' ? [i.message] : []));
    expect(messages.map((m) => [m.body, m.nick, m.delayed ?? false])).to.deep.equal([
      ['old one', 'ann', true],
      ['new one', 'ann', false],
    ]);
    expect(messages[0]?.stamp).to.equal('2024-05-01T10:00:00.000Z');
  });

  it('shows its own message once: the reflection confirms it by id', () => {
    const { transport, room } = setup();
    joinSelf(transport);
    const sent = room.send('hello');
    expect(sent.pending).to.equal(true);
    const stanza = transport.last('message')!;
    expect(stanza.getAttribute('type')).to.equal('groupchat');
    expect(stanza.getAttribute('to')).to.equal(ROOM);
    transport.receive(groupchat(`${ROOM}/visitor`, 'hello', '', stanza.getAttribute('id')!));
    const messages = room.timeline.flatMap((i) => (i.kind === 'message' ? [i.message] : []));
    expect(messages).to.have.length(1);
    expect(messages[0]?.pending).to.equal(false);
    expect(messages[0]?.outgoing).to.equal(true);
  });

  it('retries a nick conflict with a suffix and says so', () => {
    const { transport, room } = setup();
    transport.receive(presenceError(`${ROOM}/visitor`, 'conflict', '409'));
    expect(transport.last('presence')?.getAttribute('to')).to.equal(`${ROOM}/visitor-2`);
    joinSelf(transport, 'visitor-2');
    expect(room.nick).to.equal('visitor-2');
    const notice = room.timeline.find((i) => i.kind === 'notice');
    expect(notice?.kind === 'notice' && notice.notice.kind).to.equal('nick-conflict');
  });

  it('reports join errors and stops joining', () => {
    const { transport, room } = setup();
    const errors: string[] = [];
    room.on('error', (e) => errors.push(e.condition));
    transport.receive(presenceError(`${ROOM}/visitor`, 'forbidden', '403', 'You are banned'));
    expect(room.state).to.equal('error');
    expect(errors).to.deep.equal(['forbidden']);
    expect(room.error?.text).to.equal('You are banned');
  });

  it('submits the instant configuration when it created the room (201)', () => {
    const { transport } = setup();
    joinSelf(transport, 'visitor', ['110', '201']);
    const iq = transport.last('iq')!;
    expect(iq.getAttribute('type')).to.equal('set');
    expect(iq.querySelector('query')?.getAttribute('xmlns')).to.equal('http://jabber.org/protocol/muc#owner');
    expect(iq.querySelector('x')?.getAttribute('type')).to.equal('submit');
  });

  it('keeps the subject and ignores stanzas from other rooms', () => {
    const { transport, room } = setup();
    joinSelf(transport);
    transport.receive(`<message xmlns="jabber:client" type="groupchat" from="${ROOM}/ann"><subject>Welcome &lt;b&gt;</subject></message>`);
    transport.receive(groupchat('other@muc.example.org/x', 'elsewhere'));
    expect(room.subject).to.equal('Welcome <b>');
    expect(room.timeline.filter((i) => i.kind === 'message')).to.have.length(0);
  });

  it('drops a duplicate of a message it already has (same stanza-id)', () => {
    const { transport, room } = setup();
    joinSelf(transport);
    const sid = `<stanza-id xmlns="urn:xmpp:sid:0" by="${ROOM}" id="abc"/>`;
    transport.receive(groupchat(`${ROOM}/ann`, 'once', sid, 'm1'));
    transport.receive(groupchat(`${ROOM}/ann`, 'once', sid, 'm1'));
    expect(room.timeline.filter((i) => i.kind === 'message')).to.have.length(1);
  });

  it('leaves with unavailable presence', () => {
    const { transport, room } = setup();
    joinSelf(transport);
    room.leave();
    const last = transport.last('presence')!;
    expect(last.getAttribute('type')).to.equal('unavailable');
    expect(last.getAttribute('to')).to.equal(`${ROOM}/visitor`);
    expect(room.state).to.equal('left');
  });
});

describe('MucRoom: status codes, moderation, configuration', () => {
  const kinds = (room: MucRoom) => room.timeline.flatMap((i) => (i.kind === 'notice' ? [i.notice.kind] : []));
  const unavailable = (nick: string, codes: string[], reason = '', extra = '') =>
    `<presence xmlns="jabber:client" type="unavailable" from="${ROOM}/${nick}"><x xmlns="http://jabber.org/protocol/muc#user"><item role="none" affiliation="none"${extra}>${reason ? `<reason>${reason}</reason>` : ''}</item>${codes.map((c) => `<status code="${c}"/>`).join('')}</x></presence>`;

  it('says so on join when the room is non-anonymous (100) and logged (170), and when it renamed us (210)', () => {
    const { transport, room } = setup();
    transport.receive(occupantPresence(`${ROOM}/visitor-x`, { codes: ['110', '100', '170', '210'] }));
    expect(room.state).to.equal('joined');
    expect(room.nick).to.equal('visitor-x');
    expect(kinds(room)).to.deep.equal(['nick-changed', 'non-anonymous', 'logging']);
  });

  it('with `configure`, keeps a new room locked for its form instead of accepting the defaults', () => {
    const transport = new FakeTransport();
    const connection = new Connection(transport, { jid: 'guest.example.org' });
    connection.start();
    const room = new MucRoom(connection, ROOM, { nick: 'owner', configure: true });
    room.join();
    transport.receive(occupantPresence(`${ROOM}/owner`, { role: 'moderator', affiliation: 'owner', codes: ['110', '201'] }));
    expect(room.awaitingConfig).to.equal(true);
    expect(transport.sent.filter((s) => s.localName === 'iq')).to.have.length(0);
    room.acceptDefaultConfig();
    expect(transport.last('iq')!.querySelector('x')!.getAttribute('type')).to.equal('submit');
    expect(room.awaitingConfig).to.equal(false);
  });

  for (const [code, removal, kind] of [
    ['301', 'banned', 'you-banned'],
    ['307', 'kicked', 'you-kicked'],
    ['321', 'affiliation', 'you-removed-affiliation'],
    ['322', 'members-only', 'you-removed-members-only'],
  ] as const) {
    it(`leaves with the reason when the room removes us (${code})`, () => {
      const { transport, room } = setup();
      joinSelf(transport);
      transport.receive(unavailable('visitor', ['110', code], 'a &lt;b&gt;reason&lt;/b&gt;'));
      expect(room.state).to.equal('left');
      expect(room.removal).to.deep.equal({ kind: removal, reason: 'a <b>reason</b>' });
      expect(kinds(room).at(-1)).to.equal(kind);
      expect(room.occupants).to.deep.equal([]);
    });
  }

  it('when the room service shuts down (332) says so and joins again a while later, the session having stayed up', async function () {
    this.timeout(10000);
    const { transport, room } = setup();
    joinSelf(transport);
    const joins = () => transport.sent.filter((s) => s.localName === 'presence' && s.querySelector('x[xmlns="http://jabber.org/protocol/muc"]')).length;
    const before = joins();
    transport.receive(unavailable('visitor', ['110', '332'], 'restarting'));
    expect(room.state).to.equal('idle');
    expect(room.removal).to.deep.equal({ kind: 'shutdown', reason: 'restarting' });
    expect(kinds(room).at(-1)).to.equal('room-shutdown');
    expect(room.occupants).to.deep.equal([]);
    await until(() => joins() > before, 8000, 'the join again');
    expect(room.state).to.equal('joining');
  });

  it('notices role and affiliation changes of others, with the reason, and renames (303)', () => {
    const { transport, room } = setup();
    transport.receive(occupantPresence(`${ROOM}/bob`));
    joinSelf(transport);
    transport.receive(occupantPresence(`${ROOM}/bob`, { role: 'visitor' }));
    transport.receive(occupantPresence(`${ROOM}/bob`, { role: 'participant', affiliation: 'member' }));
    transport.receive(occupantPresence(`${ROOM}/bob`, { role: 'moderator', affiliation: 'admin' }));
    transport.receive(unavailable('bob', ['303'], '', ' nick="robert"'));
    transport.receive(occupantPresence(`${ROOM}/robert`, { role: 'moderator', affiliation: 'admin' }));
    transport.receive(unavailable('robert', ['322']));
    expect(kinds(room)).to.deep.equal([
      'voice-revoked',
      'voice-granted',
      'affiliation-member',
      'moderator-granted',
      'affiliation-admin',
      'renamed',
      'removed-members-only',
    ]);
    expect(room.occupants.map((o) => o.nick)).to.deep.equal(['visitor']);
  });

  it('sends muc#admin items for kick, voice and affiliation, and reports a refusal', async () => {
    const { transport, room } = setup();
    joinSelf(transport);
    void room.setRole('bob', 'none', 'bye');
    // The request builders load on demand: the iq goes out a moment later.
    const sent = (match: (iq: Element) => boolean) => until(() => transport.sent.find((s) => s.localName === 'iq' && match(s)), 2000, 'the admin iq');
    let iq = await sent((s) => s.querySelector('item')?.getAttribute('role') === 'none');
    expect(iq.getAttribute('type')).to.equal('set');
    expect(iq.querySelector('query')!.getAttribute('xmlns')).to.equal('http://jabber.org/protocol/muc#admin');
    expect(iq.querySelector('item')!.getAttribute('role')).to.equal('none');
    expect(iq.querySelector('item')!.getAttribute('nick')).to.equal('bob');
    expect(iq.querySelector('reason')!.textContent).to.equal('bye');
    const banned = room.setAffiliation('bob@example.org/phone', 'outcast');
    iq = await sent((s) => s.querySelector('item')?.getAttribute('affiliation') === 'outcast');
    expect(iq.querySelector('item')!.getAttribute('jid')).to.equal('bob@example.org');
    expect(iq.querySelector('item')!.getAttribute('affiliation')).to.equal('outcast');
    transport.receive(
      `<iq xmlns="jabber:client" type="error" from="${ROOM}" id="${iq.getAttribute('id')}"><error type="auth"><forbidden xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></iq>`,
    );
    let condition = '';
    await banned.catch((error: { error: { condition: string } }) => {
      condition = error.error.condition;
    });
    expect(condition).to.equal('forbidden');
    expect(room.error?.condition).to.equal('forbidden');
  });

  it('sends mediated and direct invitations, nick changes and subjects', async () => {
    const { transport, room } = setup();
    joinSelf(transport);
    await room.invite('ann@example.org', 'come');
    let message = transport.last('message')!;
    expect(message.getAttribute('to')).to.equal(ROOM);
    expect(message.querySelector('invite')!.getAttribute('to')).to.equal('ann@example.org');
    expect(message.querySelector('reason')!.textContent).to.equal('come');
    await room.invite('ann@example.org', 'direct', true);
    message = transport.last('message')!;
    expect(message.getAttribute('to')).to.equal('ann@example.org');
    const x = message.querySelector('x')!;
    expect([x.getAttribute('xmlns'), x.getAttribute('jid'), x.getAttribute('reason')]).to.deep.equal([
      'jabber:x:conference',
      ROOM,
      'direct',
    ]);
    room.changeNick('other');
    expect(transport.last('presence')!.getAttribute('to')).to.equal(`${ROOM}/other`);
    room.setSubject('new <subject>');
    expect(transport.last('message')!.querySelector('subject')!.textContent).to.equal('new <subject>');
    expect(kinds(room)).to.deep.equal(['invitation-sent', 'invitation-sent']);
  });

  it('shows a decline of our invitation', () => {
    const { transport, room } = setup();
    joinSelf(transport);
    transport.receive(
      `<message xmlns="jabber:client" from="${ROOM}"><x xmlns="http://jabber.org/protocol/muc#user"><decline from="ann@example.org"><reason>busy</reason></decline></x></message>`,
    );
    const last = room.timeline.at(-1);
    expect(last?.kind === 'notice' && last.notice).to.include({ kind: 'invitation-declined' });
    expect(last?.kind === 'notice' && last.notice.params).to.deep.equal({ jid: 'ann@example.org', reason: 'busy' });
  });
});
