import { expect } from '@open-wc/testing';
import { Connection } from '../../src/core/connection.js';
import { MucRoom } from '../../src/core/muc/room.js';
import { closeAfterTest, peerInRoom, serverConfig, timelineBodies, uniqueRoom, until } from '../harness.js';
import { FlakyTransport } from './flaky.js';

describe('a room that forgot us (XEP-0410 self-ping, real server)', () => {
  it('is asked after a quiet while whether it still has us, and joined again when it does not; the gap comes back', async function () {
    this.timeout(30000);
    const { boshUrl, guestDomain } = await serverConfig();
    const roomJid = await uniqueRoom('selfping');
    // Bob is first in: he owns the room.
    const bob = await peerInRoom(roomJid, 'bob');
    const options = { boshUrl, jid: guestDomain };
    const transport = new FlakyTransport(options);
    const connection = closeAfterTest(new Connection(transport, options));
    connection.start();
    await until(() => connection.status === 'online', 10000, 'the visitor online');
    const room = new MucRoom(connection, roomJid, { nick: 'visitor', history: 0, selfPingAfter: 1500 });
    room.join();
    await until(() => room.state === 'joined' && bob.room.occupant('visitor'), 10000, 'the visitor in');
    const pings: string[] = [];
    const send = connection.sendIq.bind(connection);
    connection.sendIq = (iq, timeout) => {
      if (iq.querySelector('ping')) pings.push(iq.getAttribute('to') ?? '');
      return send(iq, timeout);
    };

    // The room drops the visitor, and word of it never arrives: the visitor believes it is still in.
    transport.lose = (stanza) =>
      stanza.localName === 'presence' && stanza.getAttribute('type') === 'unavailable' && stanza.getAttribute('from') === `${roomJid}/visitor`;
    await bob.room.setRole('visitor', 'none');
    await until(() => !bob.room.occupant('visitor'), 10000, 'the room to drop the visitor');
    bob.room.send('while you were out');
    expect(room.state).to.equal('joined');

    await until(() => bob.room.occupant('visitor'), 15000, 'the visitor back in the room');
    expect(pings).to.include(`${roomJid}/visitor`);
    await until(() => timelineBodies(room).includes('while you were out'), 10000, 'what was said meanwhile');
    expect(timelineBodies(room).filter((b) => b === 'while you were out')).to.have.length(1);
    room.send('back');
    await until(() => timelineBodies(bob.room).includes('back'), 10000, 'bob to hear the visitor again');
    room.leave();
    room.dispose();
  });
});
