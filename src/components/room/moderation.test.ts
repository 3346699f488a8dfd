import { expect, fixture, html } from '@open-wc/testing';
import { FakeTransport } from '../../../test/fakes/fake-transport.js';
import { groupchat, occupantPresence } from '../../../test/fakes/stanzas.js';
import { parts, until } from '../../../test/harness.js';
import { Connection } from '../../core/connection.js';
import '../../define.js';
import type { XmppRoom } from './room.js';

/*
 * A moderator's retraction (XEP-0425), sent by the room itself: the test servers send none
 * without a community module, so the room's stanzas come from the XEP's examples here.
 */

const ROOM = 'lobby@muc.test';
const stanzaId = (id: string) => `<stanza-id xmlns="urn:xmpp:sid:0" id="${id}" by="${ROOM}"/>`;
/** XEP-0425 0.3 (urn:xmpp:message-moderate:1 inside a XEP-0424 retract), as Prosody's mod_muc_moderation sends it. */
const moderated = (from: string, id: string, reason: string) =>
  `<message xmlns="jabber:client" type="groupchat" from="${from}" id="mod-${id}"><retract xmlns="urn:xmpp:message-retract:1" id="${id}"><moderated xmlns="urn:xmpp:message-moderate:1" by="${ROOM}/macbeth"><occupant-id xmlns="urn:xmpp:occupant-id:0" id="occ-macbeth"/></moderated><reason>${reason}</reason></retract><body>This message has been moderated.</body></message>`;
/** XEP-0425 0.2 (a XEP-0422 apply-to), as ejabberd and older Prosody modules send it. */
const moderatedOld = (from: string, id: string, reason: string) =>
  `<message xmlns="jabber:client" type="groupchat" from="${from}" id="mod-${id}"><apply-to xmlns="urn:xmpp:fasten:0" id="${id}"><moderated xmlns="urn:xmpp:message-moderate:0" by="${ROOM}/macbeth"><retract xmlns="urn:xmpp:message-retract:0"/><reason>${reason}</reason></moderated></apply-to><body>This message has been moderated.</body></message>`;

async function setup() {
  const transport = new FakeTransport();
  const connection = new Connection(transport, { jid: 'guest.test' });
  const el = await fixture<XmppRoom>(html`<div lang="en"><xmpp-room room-jid=${ROOM} nick="me" .connection=${connection}></xmpp-room></div>`).then(
    (div) => div.querySelector('xmpp-room')!,
  );
  transport.receive(occupantPresence(`${ROOM}/ann`, { role: 'moderator', affiliation: 'owner' }));
  transport.receive(occupantPresence(`${ROOM}/eve`));
  transport.receive(occupantPresence(`${ROOM}/me`, { codes: ['110'] }));
  await el.updateComplete;
  return { transport, el };
}

const texts = (el: XmppRoom) => parts(el, 'message').map((m) => m.textContent?.replace(/\s+/g, ' ').trim() ?? '');

describe('<xmpp-room>: a moderator retracts a message (XEP-0425)', () => {
  it('the room removes it (both versions of the XEP): shown as removed by a moderator, with the reason; the text and the fallback body gone', async () => {
    const { transport, el } = await setup();
    transport.receive(groupchat(`${ROOM}/eve`, 'buy cheap pills', stanzaId('sid-1')));
    transport.receive(groupchat(`${ROOM}/eve`, 'more spam', stanzaId('sid-2')));
    await until(() => texts(el).some((t) => t.includes('more spam')), 5000, 'both messages');
    transport.receive(moderated(ROOM, 'sid-1', 'Spam'));
    transport.receive(moderatedOld(ROOM, 'sid-2', 'Spam again'));
    await until(() => parts(el, 'message').filter((m) => m.part.contains('retracted')).length === 2, 5000, 'two tombstones');
    const all = el.shadowRoot!.textContent ?? '';
    expect(all).not.to.include('buy cheap pills');
    expect(all).not.to.include('more spam');
    expect(all, 'the fallback body').not.to.include('This message has been moderated.');
    expect(texts(el).filter((t) => t.includes('Removed by a moderator.')).length).to.equal(2);
    expect(all).to.include('Spam again');
  });

  it('an occupant who sends the moderator form is ignored: only the room itself may', async () => {
    const { transport, el } = await setup();
    transport.receive(groupchat(`${ROOM}/ann`, 'a fine message', stanzaId('sid-3')));
    await until(() => texts(el).some((t) => t.includes('a fine message')), 5000, 'the message');
    transport.receive(moderated(`${ROOM}/eve`, 'sid-3', 'I say so'));
    // A marker after it: once it shows, the spoofed retraction has been handled.
    transport.receive(groupchat(`${ROOM}/ann`, 'after it', stanzaId('sid-4')));
    await until(() => texts(el).some((t) => t.includes('after it')), 5000, 'the marker');
    expect(texts(el).some((t) => t.includes('a fine message')), 'the message stays').to.equal(true);
    expect(parts(el, 'message').some((m) => m.part.contains('retracted'))).to.equal(false);
  });
});
