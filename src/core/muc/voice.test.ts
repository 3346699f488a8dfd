import { expect } from '@open-wc/testing';
import { FakeTransport } from '../../../test/fakes/fake-transport.js';
import { expectStanza } from '../../../test/harness.js';
import { occupantPresence } from '../../../test/fakes/stanzas.js';
import { Connection } from '../connection.js';
import { MucRoom } from './index.js';
import { answerVoice, askVoice, voiceRequests } from './voice.js';

const ROOM = 'coven@chat.shakespeare.lit';

/** §8.6 Example 95: the room puts a visitor's request to a moderator. */
const requestForm = (nick: string, jid = `${nick}@shakespeare.lit/pda`) => `<message xmlns='jabber:client' from='${ROOM}' to='crone1@shakespeare.lit/desktop'>
  <x xmlns='jabber:x:data' type='form'>
    <title>Voice request</title>
    <instructions>To approve this request for voice, select the "Grant voice to this person?" checkbox and click OK. To skip this request, click the cancel button.</instructions>
    <field var='FORM_TYPE' type='hidden'><value>http://jabber.org/protocol/muc#request</value></field>
    <field var='muc#role' type='list-single' label='Requested role'><value>participant</value></field>
    <field var='muc#jid' type='jid-single' label='User ID'><value>${jid}</value></field>
    <field var='muc#roomnick' type='text-single' label='Room Nickname'><value>${nick}</value></field>
    <field var='muc#request_allow' type='boolean' label='Grant voice to this person?'><value>false</value></field>
  </x>
</message>`;

function moderator() {
  const transport = new FakeTransport();
  const connection = new Connection(transport, { jid: 'guest.shakespeare.lit' });
  connection.start();
  const room = new MucRoom(connection, ROOM, { nick: 'crone1', history: 0 });
  room.join();
  transport.receive(occupantPresence(`${ROOM}/crone1`, { codes: ['110'], role: 'moderator', affiliation: 'owner' }));
  transport.receive(occupantPresence(`${ROOM}/thirdwitch`, { role: 'visitor' }));
  return { transport, connection, room };
}

describe('voice requests (XEP-0045 §7.13, §8.6)', () => {
  it('a visitor asks with the message of Example 94', () => {
    const { transport, connection, room } = moderator();
    askVoice(connection, room);
    expectStanza(
      transport.last('message'),
      `<message to='${ROOM}'><x xmlns='jabber:x:data' type='submit'>
        <field var='FORM_TYPE'><value>http://jabber.org/protocol/muc#request</value></field>
        <field var='muc#role' type='list-single' label='Requested role'><value>participant</value></field>
      </x></message>`,
      ['id'],
    );
  });

  it('a moderator gets the room’s request, answers it with the form submitted back (Example 96), and it goes', () => {
    const { transport, connection, room } = moderator();
    transport.receive(requestForm('thirdwitch'));
    const requests = voiceRequests(room);
    expect(requests.map((r) => [r.nick, r.jid])).to.deep.equal([['thirdwitch', 'thirdwitch@shakespeare.lit/pda']]);
    answerVoice(connection, room, requests[0], true);
    expectStanza(
      transport.last('message'),
      `<message to='${ROOM}'><x xmlns='jabber:x:data' type='submit'>
        <field var='FORM_TYPE'><value>http://jabber.org/protocol/muc#request</value></field>
        <field var='muc#role'><value>participant</value></field>
        <field var='muc#jid'><value>thirdwitch@shakespeare.lit/pda</value></field>
        <field var='muc#roomnick'><value>thirdwitch</value></field>
        <field var='muc#request_allow'><value>true</value></field>
      </x></message>`,
      ['id'],
    );
    expect(voiceRequests(room), 'answered').to.deep.equal([]);
    expect(room.forms).to.deep.equal([]);
  });

  it('shows one request a visitor, while they are a visitor in the room, to a moderator only; other forms and strangers’ are dropped', () => {
    const { transport, room } = moderator();
    transport.receive(requestForm('thirdwitch'));
    transport.receive(requestForm('thirdwitch'));
    // Not in the room, and not from the room itself.
    transport.receive(requestForm('nobody'));
    transport.receive(requestForm('thirdwitch').replace(`from='${ROOM}'`, `from='${ROOM}/crone2'`));
    transport.receive(`<message from='${ROOM}'><x xmlns='jabber:x:data' type='form'><field var='FORM_TYPE' type='hidden'><value>urn:other</value></field></x></message>`);
    expect(voiceRequests(room).map((r) => r.nick)).to.deep.equal(['thirdwitch']);
    expect(room.forms).to.have.length(2);

    // Given voice (by another moderator): the request goes.
    transport.receive(occupantPresence(`${ROOM}/thirdwitch`, { role: 'participant' }));
    expect(voiceRequests(room)).to.deep.equal([]);
    expect(room.forms).to.deep.equal([]);

    // Not a moderator: nothing shown.
    transport.receive(occupantPresence(`${ROOM}/fourthwitch`, { role: 'visitor' }));
    transport.receive(requestForm('fourthwitch'));
    transport.receive(occupantPresence(`${ROOM}/crone1`, { codes: ['110'], role: 'participant', affiliation: 'member' }));
    expect(voiceRequests(room)).to.deep.equal([]);
  });
});
