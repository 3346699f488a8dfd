import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/define.js';
import type { XmppRoom } from '../../src/components/room/room.js';
import { MucRoom } from '../../src/core/muc/index.js';
import { NS, xml } from '../../src/core/xml.js';
import { closeAfterTest, part, peer, serverConfig, uniqueRoom, until } from '../harness.js';

describe('<xmpp-room> errors, against a real Prosody', () => {
  it('shows not-authorized for a password-protected room, and joins with the password', async () => {
    const { boshUrl, guestDomain } = await serverConfig();
    const roomJid = await uniqueRoom('secret');
    const owner = closeAfterTest(await peer());
    const room = new MucRoom(owner, roomJid, { nick: 'owner', history: 0 });
    room.join();
    await until(() => room.state === 'joined', 10000, 'owner joined');
    const field = (name: string, value: string) => xml('field', { var: name }, xml('value', {}, value));
    await owner.sendIq(
      xml(
        'iq',
        { type: 'set', to: roomJid },
        xml(
          'query',
          { xmlns: NS.MUC_OWNER },
          xml(
            'x',
            { xmlns: NS.DATA, type: 'submit' },
            field('FORM_TYPE', 'http://jabber.org/protocol/muc#roomconfig'),
            field('muc#roomconfig_passwordprotectedroom', '1'),
            field('muc#roomconfig_roomsecret', 's3cret'),
          ),
        ),
      ),
    );

    const el = await fixture<XmppRoom>(
      html`<xmpp-room bosh-url=${boshUrl} jid=${guestDomain} room-jid=${roomJid} nick="guest"></xmpp-room>`,
    );
    const error = await oneEvent<GlobalEventHandlersEventMap['xmpp-error']>(el, 'xmpp-error');
    expect(error.detail.condition).to.equal('not-authorized');
    await until(() => part(el, 'error'), 5000, 'error shown');
    expect(part(el, 'error')!.textContent).to.contain('Not authorized');
    expect(room.occupants.map((o) => o.nick)).to.not.include('guest');

    const withPassword = await fixture<XmppRoom>(
      html`<xmpp-room bosh-url=${boshUrl} jid=${guestDomain} room-jid=${roomJid} nick="friend" password="s3cret"></xmpp-room>`,
    );
    expect(withPassword.hasAttribute('password')).to.equal(false);
    await until(() => room.occupants.some((o) => o.nick === 'friend'), 10000, 'friend joined');
  });

  it('reports an invalid room-jid instead of joining', async () => {
    const { boshUrl, guestDomain } = await serverConfig();
    const el = await fixture<XmppRoom>(
      html`<xmpp-room bosh-url=${boshUrl} jid=${guestDomain} room-jid="not a room"></xmpp-room>`,
    );
    await until(() => part(el, 'error'), 5000, 'error shown');
    expect(part(el, 'error')!.textContent).to.contain('not a valid JID');
  });
});
