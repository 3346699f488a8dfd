import { expect } from '@open-wc/testing';
import { FakeTransport } from '../../test/fakes/fake-transport.js';
import { Connection } from './connection.js';
import { until } from '../../test/harness.js';
import { Invitations, inviterName } from './invitations.js';

const ROOM = 'coven@muc.example.org';

function setup() {
  const transport = new FakeTransport();
  const connection = new Connection(transport, { jid: 'guest.example.org' });
  connection.start();
  return { transport, connection, service: Invitations.for(connection) };
}

describe('Invitations', () => {
  it('keeps a mediated invitation and declines it through the room', async () => {
    const { transport, service } = setup();
    transport.receive(
      `<message xmlns="jabber:client" from="${ROOM}"><x xmlns="http://jabber.org/protocol/muc#user"><invite from="${ROOM}/crone"><reason>witches &lt;b&gt;</reason></invite><password>pw</password></x></message>`,
    );
    // The code that reads invitations loads when the first one arrives.
    const [invitation] = await until(() => service.pending.length > 0 && service.pending, 2000, 'the invitation');
    expect(invitation).to.include({ room: ROOM, from: `${ROOM}/crone`, reason: 'witches <b>', password: 'pw', kind: 'mediated' });
    expect(inviterName(invitation)).to.equal('crone');
    service.decline(invitation.id, 'busy');
    const decline = await until(() => transport.last('message'), 2000, 'the decline');
    expect(decline.getAttribute('to')).to.equal(ROOM);
    expect(decline.querySelector('decline')!.getAttribute('to')).to.equal(`${ROOM}/crone`);
    expect(decline.querySelector('reason')!.textContent).to.equal('busy');
    expect(service.pending).to.have.length(0);
  });

  it('keeps a direct invitation (XEP-0249), one per room, and ignores spoofs', async () => {
    const { transport, connection, service } = setup();
    expect(Invitations.for(connection)).to.equal(service);
    const direct = (room: string, reason: string) =>
      `<message xmlns="jabber:client" from="ann@example.org/x"><x xmlns="jabber:x:conference" jid="${room}" reason="${reason}"/></message>`;
    transport.receive(direct(ROOM, 'one'));
    transport.receive(direct(ROOM, 'two'));
    transport.receive(direct('not a jid', 'bad'));
    // A mediated invitation must come from the room's bare JID.
    transport.receive(
      `<message xmlns="jabber:client" from="${ROOM}/mallory"><x xmlns="http://jabber.org/protocol/muc#user"><invite/></x></message>`,
    );
    // Read in the order they came; by the time the second one shows, the spoofs after it were read too.
    await until(() => service.pending.some((i) => i.reason === 'two'), 2000, 'the second invitation');
    expect(service.pending.map((i) => [i.room, i.reason, i.kind, inviterName(i)])).to.deep.equal([
      [ROOM, 'two', 'direct', 'ann@example.org'],
    ]);
    service.decline(service.pending[0].id);
    expect(transport.sent.filter((s) => s.localName === 'message')).to.have.length(0);
  });
});
