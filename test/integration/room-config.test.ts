import { expect } from '@open-wc/testing';
import { discoInfo } from '../../src/core/disco.js';
import { MucRoom } from '../../src/core/muc/index.js';
import { $, account, inRoom, joined, notices, part, peer, roomElement, uniqueRoom, until } from '../harness.js';

const formField = <T extends Element>(form: HTMLFormElement, name: string) => form.elements.namedItem(name) as T | null;

describe('<xmpp-room> room creation and configuration, against a real Prosody', () => {
  it('creates a room, and its owner configures it through the form: name, description, members-only', async () => {
    const roomJid = await uniqueRoom('config');
    const alice = await account('alice');
    const el = await roomElement(alice, roomJid, 'alice');
    await joined(el, 'alice');
    expect(notices(el)).to.include('Room created');

    const configure = await until(() => $<HTMLButtonElement>(el, '[data-action="configure"]'), 5000, 'configure button');
    configure.click();
    const form = await until(() => part<HTMLFormElement>(el, 'room-config'), 5000, 'config form');
    // Rendered from the room's own data form: text, boolean and list fields with their labels.
    const name = formField<HTMLInputElement>(form, 'muc#roomconfig_roomname')!;
    const desc = formField<HTMLInputElement | HTMLTextAreaElement>(form, 'muc#roomconfig_roomdesc')!;
    const membersOnly = formField<HTMLInputElement>(form, 'muc#roomconfig_membersonly')!;
    expect(membersOnly.type).to.equal('checkbox');
    expect(form.querySelector('select')).to.not.equal(null);
    // The form is rendered from the server's fields: Prosody labels the name 'Title', ejabberd 'Room title'.
    const labels = [...form.querySelectorAll('label')].map((l) => l.textContent.trim());
    expect(labels.some((l) => /^(Room )?title/i.test(l)), labels.join(' | ')).to.equal(true);
    name.value = 'Witches <b>Coven</b>';
    desc.value = 'All good witches';
    membersOnly.checked = true;
    (part(el, 'room-config-submit') as HTMLButtonElement).click();
    await until(() => notices(el).includes('Room configuration saved'), 5000, 'saved notice');
    expect(part(el, 'room-config')).to.equal(null);

    // The server took it: disco#info and the changed behaviour.
    const guest = await peer();
    try {
      const info = await discoInfo(guest, roomJid);
      expect(info.features).to.include('muc_membersonly');
      expect(info.identities.map((i) => i.name)).to.include('Witches <b>Coven</b>');
      const room = new MucRoom(guest, roomJid, { nick: 'stranger', history: 0 });
      room.join();
      await until(() => room.state === 'error', 5000, 'guest refused');
      expect(room.error?.condition).to.equal('registration-required');
    } finally {
      guest.logout();
    }
    await expect(el).to.be.accessible();
  });

  it('with `configure`, shows a new room its configuration form first, and the password set there protects it', async () => {
    const roomJid = await uniqueRoom('configure');
    const alice = await account('alice');
    const el = await roomElement(alice, roomJid, 'alice', { configure: true });
    const form = await until(() => part<HTMLFormElement>(el, 'room-config'), 10000, 'config form');
    expect(notices(el)).to.include('Room created');
    const secret = formField<HTMLInputElement>(form, 'muc#roomconfig_roomsecret')!;
    expect(secret.type).to.equal('password');
    secret.value = 'hunter2';
    const protectedBox = formField<HTMLInputElement>(form, 'muc#roomconfig_passwordprotectedroom');
    if (protectedBox) protectedBox.checked = true;
    (part(el, 'room-config-submit') as HTMLButtonElement).click();
    await until(() => notices(el).includes('Room configuration saved'), 5000, 'saved notice');

    const guest = await account();
    const room = new MucRoom(guest, roomJid, { nick: 'no-password', history: 0 });
    room.join();
    await until(() => room.state === 'error', 5000, 'guest refused');
    expect(room.error?.condition).to.equal('not-authorized');
    await inRoom(guest, roomJid, 'with-password', { password: 'hunter2' });
  });

  it('asks for the password of a protected room, and joins with what the user types', async () => {
    const roomJid = await uniqueRoom('prompt');
    const alice = await account('alice');
    const owner = await inRoom(alice, roomJid, 'owner');
    const form = await owner.fetchConfig();
    await owner.submitConfig(form, {
      'muc#roomconfig_roomsecret': ['open sesame'],
      'muc#roomconfig_passwordprotectedroom': ['1'],
    });
    const guest = await account();
    const el = await roomElement(guest, roomJid, 'guest');
    const prompt = await until(() => part<HTMLFormElement>(el, 'room-password'), 10000, 'password prompt');
    expect(part(el, 'error')?.textContent).to.contain('Not authorized');
    const input = prompt.querySelector<HTMLInputElement>('input[type="password"]')!;

    input.value = 'wrong';
    (part(el, 'room-password-submit') as HTMLButtonElement).click();
    expect(input.value).to.equal('');
    await el.updateComplete;
    expect(part(el, 'room-password')).to.equal(null);
    await until(() => part(el, 'room-password'), 5000, 'asked again');

    const again = part(el, 'room-password')!.querySelector<HTMLInputElement>('input[type="password"]')!;
    again.value = 'open sesame';
    (part(el, 'room-password-submit') as HTMLButtonElement).click();
    await joined(el, 'guest');
    expect(part(el, 'room-password')).to.equal(null);
    expect(part(el, 'error')).to.equal(null);
    await until(() => owner.occupants.some((o) => o.nick === 'guest'), 5000, 'owner sees guest');
    expect(el.shadowRoot!.innerHTML).to.not.contain('open sesame');
  });
});
