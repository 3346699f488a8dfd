import { expect } from '@open-wc/testing';
import { FakeTransport } from '../../test/fakes/fake-transport.js';
import { delay, groupchat, occupantPresence, presenceError } from '../../test/fakes/stanzas.js';
import { Connection } from './connection.js';
import { MucRoom } from './muc.js';

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
