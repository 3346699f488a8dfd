import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { XmppElement } from '../../src/components/base/xmpp-element.js';
import type { Connection } from '../../src/core/connection.js';
import { Invitations } from '../../src/core/invitations.js';
import { bareJid } from '../../src/core/jid.js';
import { $, account, inRoom, joined, notices, part, parts, roomElement, serverConfig, uniqueRoom, until } from '../harness.js';

/** An element that is not a room: only what every element shows (status, errors, invitations). */
class PlainElement extends XmppElement {
  override render() {
    return html`${this.renderStatus()} ${this.renderError()}`;
  }
}
customElements.define('test-plain-element', PlainElement);

async function fillPanel(el: Element, values: Record<string, string | boolean>): Promise<void> {
  // The panels' forms load on demand.
  const form = await until(() => $<HTMLFormElement>(el, 'form.panel'), 2000, 'the invitation form');
  for (const [name, value] of Object.entries(values)) {
    const input = form.elements.namedItem(name) as HTMLInputElement;
    if (typeof value === 'boolean') input.checked = value;
    else input.value = value;
  }
  form.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
}

describe('<xmpp-room> invitations, against a real Prosody', () => {
  it('shows a mediated invitation with its reason; Join joins that room', async () => {
    const roomJid = await uniqueRoom('invited');
    const alice = await inRoom(await account('alice'), roomJid, 'alice');
    const guest = await account();
    const el = await roomElement(guest, '', 'guest');
    await until(() => el.getAttribute('status') === 'online', 5000, 'online');

    await alice.invite(guest.jid, 'Come <b>in</b>');
    const invitation = await until(() => part(el, 'invitation'), 5000, 'invitation shown');
    // Prosody names the inviter by nick in a semi-anonymous room; ejabberd by real JID (README, Servers).
    const { kind } = await serverConfig();
    const inviter = kind === 'ejabberd' ? 'alice@localhost' : 'alice';
    expect(invitation.textContent).to.contain(`${inviter} invites you to ${roomJid}.`);
    expect(invitation.querySelector('q')!.textContent).to.equal('Come <b>in</b>');
    expect(invitation.querySelector('b')).to.equal(null);
    await expect(el).to.be.accessible();

    (part(el, 'invitation-join') as HTMLButtonElement).click();
    await joined(el, 'guest');
    expect(el.roomJid).to.equal(roomJid);
    expect(part(el, 'invitation')).to.equal(null);
    await until(() => alice.occupants.some((o) => o.nick === 'guest'), 5000, 'alice sees the guest');
  });

  it('Decline sends the mediated decline, which the inviter sees', async () => {
    const roomJid = await uniqueRoom('declined');
    const alice = await inRoom(await account('alice'), roomJid, 'alice');
    const bob = await account('bob');
    const el = await roomElement(bob, '', 'bob');
    await until(() => el.getAttribute('status') === 'online', 5000, 'online');
    await alice.invite('bob@localhost', 'join us');
    await until(() => part(el, 'invitation-decline'), 5000, 'invitation shown');
    (part(el, 'invitation-decline') as HTMLButtonElement).click();
    await el.updateComplete;
    expect(part(el, 'invitation')).to.equal(null);
    await until(
      () => alice.timeline.some((i) => i.kind === 'notice' && i.notice.kind === 'invitation-declined'),
      5000,
      'decline reaches alice',
    );
    const notice = alice.timeline.find((i) => i.kind === 'notice' && i.notice.kind === 'invitation-declined');
    expect(notice?.kind === 'notice' && bareJid(notice.notice.params.jid ?? '')).to.equal('bob@localhost');
  });

  it('shows invitations on an element that is not a room, whose Join fires xmpp-join-room', async () => {
    const roomJid = await uniqueRoom('plain');
    const alice = await account('alice');
    const bob = await account('bob');
    const el = await fixture<PlainElement>(html`<test-plain-element lang="en" .connection=${bob}></test-plain-element>`);
    // XEP-0249 direct invitation, sent from the element of the inviter.
    const inviter = await roomElement(alice, roomJid, 'alice');
    await joined(inviter, 'alice');
    $<HTMLButtonElement>(inviter, '[data-action="invite"]')!.click();
    await inviter.updateComplete;
    await fillPanel(inviter, { jid: 'bob@localhost', reason: 'direct one', direct: true });
    await until(() => notices(inviter).includes('Invitation sent to bob@localhost'), 5000, 'sent notice');

    await until(() => part(el, 'invitation'), 5000, 'invitation on a plain element');
    expect(part(el, 'invitation')!.textContent).to.contain(`invites you to ${roomJid}`);
    const event = oneEvent<GlobalEventHandlersEventMap['xmpp-join-room']>(el, 'xmpp-join-room');
    (part(el, 'invitation-join') as HTMLButtonElement).click();
    const { detail } = await event;
    expect(detail).to.include({ room: roomJid, reason: 'direct one' });
    expect(bareJid(detail.from)).to.equal('alice@localhost');
    expect(Invitations.for(bob).pending).to.have.length(0);
  });

  it('sends a mediated invitation with a reason from the Invite form', async () => {
    const roomJid = await uniqueRoom('inviting');
    const el = await roomElement(await account('alice'), roomJid, 'alice');
    await joined(el, 'alice');
    const carol: Connection = await account('carol');
    const received = Invitations.for(carol);
    $<HTMLButtonElement>(el, '[data-action="invite"]')!.click();
    await el.updateComplete;
    await fillPanel(el, { jid: 'carol@localhost', reason: 'we need you' });
    const invitation = await until(() => received.pending[0], 5000, 'carol invited');
    expect(invitation).to.include({ room: roomJid, reason: 'we need you', kind: 'mediated' });
    // Prosody: from the inviter's occupant JID; ejabberd: from the inviter's real full JID.
    const { kind } = await serverConfig();
    if (kind === 'ejabberd') expect(bareJid(invitation.from)).to.equal('alice@localhost');
    else expect(invitation.from).to.equal(`${roomJid}/alice`);
  });

  it('shows the error the room answers to an invitation it refuses', async () => {
    const roomJid = await uniqueRoom('refused');
    const alice = await inRoom(await account('alice'), roomJid, 'alice');
    await alice.submitConfig(await alice.fetchConfig(), {
      'muc#roomconfig_membersonly': ['1'],
      'muc#roomconfig_allowinvites': ['0'],
    });
    await alice.setAffiliation('bob@localhost', 'member');
    const el = await roomElement(await account('bob'), roomJid, 'bob');
    await joined(el, 'bob');
    $<HTMLButtonElement>(el, '[data-action="invite"]')!.click();
    await el.updateComplete;
    const error = oneEvent<GlobalEventHandlersEventMap['xmpp-error']>(el, 'xmpp-error');
    await fillPanel(el, { jid: 'dave@localhost', reason: 'please' });
    const { detail } = await error;
    // A member's invitation where the room allows none: Prosody says forbidden, ejabberd not-allowed
    // (Openfire, in the seeds, 406 not-acceptable).
    const { kind } = await serverConfig();
    expect(detail.condition).to.equal(kind === 'ejabberd' ? 'not-allowed' : 'forbidden');
    await until(() => parts(el, 'error').length > 0, 5000, 'error shown');
    expect(part(el, 'error')!.textContent).to.contain(kind === 'ejabberd' ? 'Not allowed' : 'Forbidden');
  });
});
