import { expect, oneEvent } from '@open-wc/testing';
import type { XmppRoom } from '../../src/components/room/room.js';
import { $, account, bodies, inRoom, joined, notices, occupantRow, part, parts, roomElement, uniqueRoom, until } from '../harness.js';

async function openPanel(el: XmppRoom, panel: string, values: Record<string, string>): Promise<void> {
  $<HTMLButtonElement>(el, `[data-action="${panel}"]`)!.click();
  // The panels' forms load on demand.
  const form = await until(() => $<HTMLFormElement>(el, 'form.panel'), 2000, `the ${panel} form`);
  for (const [name, value] of Object.entries(values)) (form.elements.namedItem(name) as HTMLInputElement).value = value;
  form.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
}

describe('<xmpp-room> subject, nick, leave and rejoin, room list, archive, against a real Prosody', () => {
  it('changes the subject as a moderator; a participant gets forbidden', async () => {
    const roomJid = await uniqueRoom('subject');
    const el = await roomElement(await account('alice'), roomJid, 'alice');
    await joined(el, 'alice');
    const bob = await inRoom(await account('bob'), roomJid, 'bob');
    await openPanel(el, 'subject', { subject: 'Potions <i>only</i>' });
    await until(() => part(el, 'subject')?.textContent === 'Potions <i>only</i>', 5000, 'subject shown');
    await until(() => bob.subject === 'Potions <i>only</i>', 5000, 'bob sees it');
    expect(notices(el)).to.include('Subject changed to: Potions <i>only</i>');

    const bobEl = await roomElement(await account('bob'), roomJid, 'bobby');
    await joined(bobEl, 'bobby');
    const error = oneEvent<GlobalEventHandlersEventMap['xmpp-error']>(bobEl, 'xmpp-error');
    await openPanel(bobEl, 'subject', { subject: 'mine now' });
    expect((await error).detail.condition).to.equal('forbidden');
    await until(() => part(bobEl, 'error'), 5000, 'error shown');
    expect(part(bobEl, 'subject')!.textContent).to.equal('Potions <i>only</i>');
  });

  it('changes nick, leaves and joins again with the buttons', async () => {
    const roomJid = await uniqueRoom('nick');
    const carol = await inRoom(await account('carol'), roomJid, 'carol');
    const el = await roomElement(await account(), roomJid, 'guest');
    await joined(el, 'guest');
    await openPanel(el, 'nick', { nick: 'newname' });
    await joined(el, 'newname');
    expect(occupantRow(el, 'guest')).to.equal(undefined);
    await until(() => notices(el).includes('guest is now known as newname'), 5000, 'the rename notice');
    await until(() => carol.occupants.some((o) => o.nick === 'newname'), 5000, 'carol sees the new nick');
    expect(carol.occupants.some((o) => o.nick === 'guest')).to.equal(false);

    $<HTMLButtonElement>(el, '[data-action="leave"]')!.click();
    await until(() => !carol.occupants.some((o) => o.nick === 'newname'), 5000, 'left');
    await el.updateComplete;
    expect(part(el, 'send-button')!.hasAttribute('disabled')).to.equal(true);
    $<HTMLButtonElement>(el, '[data-action="rejoin"]')!.click();
    await joined(el, 'newname');
    await until(() => carol.occupants.some((o) => o.nick === 'newname'), 5000, 'back');
  });

  it('without room-jid lists the service rooms with occupant counts; picking one joins it', async () => {
    const roomJid = await uniqueRoom('listed');
    const dave = await inRoom(await account('dave'), roomJid, 'dave');
    await dave.submitConfig(await dave.fetchConfig(), { 'muc#roomconfig_roomname': ['Dave’s <den>'] });
    const { fixture, html } = await import('@open-wc/testing');
    const guest = await account();
    const el = await fixture<XmppRoom>(
      html`<xmpp-room lang="en" service="conference.localhost" nick="picker" .connection=${guest}></xmpp-room>`,
    );
    const item = await until(
      () => parts(el, 'room-list-item').find((b) => b.getAttribute('data-jid') === roomJid),
      10000,
      'room listed',
    );
    expect(item.textContent).to.contain('Dave’s <den>');
    expect(item.textContent).to.contain('1 present');
    await expect(el).to.be.accessible();
    item.click();
    await joined(el, 'picker');
    expect(el.getAttribute('room-jid')).to.equal(roomJid);
    expect(part(el, 'room-list')).to.equal(null);
    await until(() => dave.occupants.some((o) => o.nick === 'picker'), 5000, 'dave sees picker');
  });

  it('pages older messages from the room archive with "load older", without duplicates', async () => {
    const roomJid = await uniqueRoom('archive');
    const ann = await inRoom(await account('alice'), roomJid, 'ann');
    for (let i = 1; i <= 30; i += 1) ann.send(`message ${i}`);
    await until(() => ann.timeline.every((i) => i.kind !== 'message' || !i.message.pending), 10000, 'reflections');
    const el = await roomElement(await account(), roomJid, 'reader', { history: 5 });
    const numbered = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `message ${from + i}`);
    await until(() => bodies(el).length === 5, 10000, 'join history');
    expect(bodies(el)).to.deep.equal(numbered(26, 30));

    // One page (20) back from the oldest shown, then the rest; the button goes once the archive is complete.
    (part(el, 'load-older') as HTMLButtonElement).click();
    await until(() => bodies(el).length === 25, 10000, 'first older page');
    expect(bodies(el)).to.deep.equal(numbered(6, 30));
    await until(() => part(el, 'load-older') && !(part(el, 'load-older') as HTMLButtonElement).disabled, 5000, 'ready');
    (part(el, 'load-older') as HTMLButtonElement).click();
    await until(() => bodies(el).length === 30 && !part(el, 'load-older'), 10000, 'whole archive, then no button');
    expect(bodies(el)).to.deep.equal(numbered(1, 30));
    expect(parts(el, 'message').filter((m) => m.getAttribute('part')!.includes('outgoing'))).to.have.length(0);
  });

  it('says on join that a room is non-anonymous (status 100)', async () => {
    const roomJid = await uniqueRoom('open');
    const owner = await inRoom(await account('dave'), roomJid, 'dave');
    await owner.submitConfig(await owner.fetchConfig(), { 'muc#roomconfig_whois': ['anyone'] });
    const el = await roomElement(await account(), roomJid, 'guest');
    await joined(el, 'guest');
    await until(() => notices(el).includes('This room is not anonymous: everyone can see your real JID.'), 5000, 'the notice');
  });
});
