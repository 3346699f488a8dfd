import { expect, oneEvent } from '@open-wc/testing';
import type { XmppRoom } from '../../src/components/room/room.js';
import { MucRoom } from '../../src/core/muc/index.js';
import { $, account, bodies, inRoom, joined, notices, occupantRow, part, roomElement, uniqueRoom, until } from '../harness.js';

/** Opens an occupant's action menu and returns it. */
async function menuOf(el: XmppRoom, nick: string): Promise<HTMLDetailsElement> {
  const menu = await until(
    () => occupantRow(el, nick)?.querySelector<HTMLDetailsElement>('[part~="occupant-actions"]'),
    5000,
    `menu of ${nick}`,
  );
  if (!menu.open) menu.querySelector('summary')!.click();
  // The menu's content loads the first time a menu opens.
  await until(() => menu.querySelector('[data-action]'), 2000, `the menu of ${nick}`);
  return menu;
}

function act(menu: HTMLDetailsElement, action: string, reason = ''): void {
  const input = menu.querySelector<HTMLInputElement>('input[name="reason"]');
  if (input) input.value = reason;
  menu.querySelector<HTMLButtonElement>(`[data-action="${action}"]`)!.click();
}

describe('<xmpp-room> moderation, against a real Prosody', () => {
  it('lets the owner kick, revoke voice, change affiliations and ban, with reasons the others see', async () => {
    const roomJid = await uniqueRoom('moderate');
    const el = await roomElement(await account('alice'), roomJid, 'alice');
    await joined(el, 'alice');
    const bobConnection = await account('bob');
    const bob = await inRoom(bobConnection, roomJid, 'bob');
    const guest = await inRoom(await account(), roomJid, 'guest');
    await until(() => occupantRow(el, 'guest') && occupantRow(el, 'bob'), 5000, 'both listed');

    // The owner's menu has everything.
    const guestMenu = await menuOf(el, 'guest');
    for (const action of ['private', 'kick', 'voice', 'ban', 'affiliation']) {
      expect(guestMenu.querySelector(`[data-action="${action}"]`), action).to.not.equal(null);
    }
    act(guestMenu, 'kick', 'Spamming <script>');
    await until(() => guest.state === 'left', 5000, 'guest kicked');
    expect(guest.removal).to.deep.equal({ kind: 'kicked', reason: 'Spamming <script>' });
    await until(() => notices(el).includes('guest was kicked. Spamming <script>'), 5000, 'kick notice');

    act(await menuOf(el, 'bob'), 'voice', 'Quiet please');
    await until(() => bob.self?.role === 'visitor', 5000, 'bob muted');
    await until(() => notices(el).includes('bob may no longer speak. Quiet please'), 5000, 'voice notice');
    expect(occupantRow(el, 'bob')!.getAttribute('part')).to.equal('occupant visitor');

    const bobMenu = await menuOf(el, 'bob');
    bobMenu.querySelector<HTMLSelectElement>('select[name="affiliation"]')!.value = 'member';
    act(bobMenu, 'affiliation', 'Welcome');
    await until(() => bob.self?.affiliation === 'member', 5000, 'bob member');
    await until(() => occupantRow(el, 'bob')?.getAttribute('part')?.includes('member'), 5000, 'member badge');
    expect(notices(el)).to.include('bob is now a member. Welcome');

    act(await menuOf(el, 'bob'), 'ban', 'Enough');
    await until(() => bob.state === 'left', 5000, 'bob banned');
    expect(bob.removal).to.deep.equal({ kind: 'banned', reason: 'Enough' });
    await until(() => notices(el).includes('bob was banned. Enough'), 5000, 'ban notice');
    const again = new MucRoom(bobConnection, roomJid, { nick: 'bob', history: 0 });
    again.join();
    await until(() => again.state === 'error', 5000, 'ban holds');
    expect(again.error?.condition).to.equal('forbidden');
  });

  it('shows a visitor why they cannot speak, gives voice back, and tells a kicked user why', async () => {
    const roomJid = await uniqueRoom('visitor');
    const alice = await inRoom(await account('alice'), roomJid, 'alice');
    const form = await alice.fetchConfig();
    // ejabberd lets newcomers in as participants unless "Default users as participants" is off.
    const participantsByDefault: Record<string, string[]> = form.fields.some((f) => f.var === 'members_by_default')
      ? { members_by_default: ['0'] }
      : {};
    await alice.submitConfig(form, { 'muc#roomconfig_moderatedroom': ['1'], ...participantsByDefault });
    const el = await roomElement(await account(), roomJid, 'guest');
    await joined(el, 'guest');
    expect(occupantRow(el, 'guest')!.getAttribute('part')).to.equal('occupant visitor');
    expect(part(el, 'send-button')!.hasAttribute('disabled')).to.equal(true);
    expect(notices(el)).to.include('This room is moderated: visitors cannot speak until a moderator gives them voice.');
    // A visitor's menu on others offers a private message and nothing else.
    const menu = await menuOf(el, 'alice');
    expect([...menu.querySelectorAll('[data-action]')].map((b) => b.getAttribute('data-action'))).to.deep.equal(['private']);
    const openChat = oneEvent<GlobalEventHandlersEventMap['xmpp-open-chat']>(el, 'xmpp-open-chat');
    menu.querySelector<HTMLButtonElement>('[data-action="private"]')!.click();
    expect((await openChat).detail.jid).to.equal(`${roomJid}/alice`);

    await alice.setRole('guest', 'participant', 'You may talk');
    await until(() => !part(el, 'send-button')!.hasAttribute('disabled'), 5000, 'voice');
    expect(notices(el)).to.include('guest may speak now. You may talk');
    expect(notices(el).join()).to.not.contain('visitors cannot speak');
    await el.send('thanks!');
    await until(
      () => alice.timeline.some((i) => i.kind === 'message' && i.message.body === 'thanks!'),
      5000,
      'alice receives',
    );

    await alice.setRole('guest', 'none', 'Off topic');
    await until(() => notices(el).includes('You were kicked from the room. Off topic'), 5000, 'kicked notice');
    expect(part(el, 'send-button')!.hasAttribute('disabled')).to.equal(true);
    expect(bodies(el)).to.include('thanks!');
    // A clear state: removed, with a way back.
    const rejoin = $<HTMLButtonElement>(el, '[data-action="rejoin"]')!;
    rejoin.click();
    await joined(el, 'guest');
    await until(() => alice.occupants.some((o) => o.nick === 'guest'), 5000, 'back in');
  });
});
