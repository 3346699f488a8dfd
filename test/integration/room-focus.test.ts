import { expect } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import type { XmppRoom } from '../../src/components/room/room.js';
import { $, account, deepActive, joined, notices, occupantRow, part, peerInRoom, roomElement, uniqueRoom, until } from '../harness.js';

/*
 * "Focus never lost", by real key presses on the real server: after Kick and Ban in an occupant's
 * menu (the occupant leaves, and its "⋯" with it) the focus goes to the "⋯" now in its place (the
 * next occupant's; the previous one's at the end of the list), else to the message input; after Save
 * in the room configuration (the form closes) it goes back to "Configure room". Never to <body>.
 */


/** Focuses a control and presses Enter on it. */
async function press(control: HTMLElement): Promise<void> {
  control.focus();
  expect(deepActive(), 'the control has the focus').to.equal(control);
  await sendKeys({ press: 'Enter' });
}

/** Notes, every frame, each time the focus is on <body> (or nowhere), until stopped. */
function watchFocus(): { stop: () => number } {
  let lost = 0;
  let watching = true;
  const sample = () => {
    const active = deepActive();
    if (!active || active === document.body) lost += 1;
    if (watching) requestAnimationFrame(sample);
  };
  requestAnimationFrame(sample);
  return {
    stop: () => {
      watching = false;
      return lost;
    },
  };
}

const summaryOf = (el: XmppRoom, nick: string) => occupantRow(el, nick)?.querySelector<HTMLElement>('[part~="occupant-actions"] > summary') ?? null;

/** Opens an occupant's menu by keyboard (Enter on its "⋯") and presses one of its actions. */
async function act(el: XmppRoom, nick: string, action: 'kick' | 'ban'): Promise<void> {
  const summary = await until(() => summaryOf(el, nick), 5000, `${nick}'s ⋯`);
  await press(summary);
  const details = summary.parentElement as HTMLDetailsElement;
  expect(details.open, `${nick}'s menu open`).to.equal(true);
  const button = await until(() => details.querySelector<HTMLButtonElement>(`[data-action="${action}"]`), 5000, `${action} in ${nick}'s menu`);
  await press(button);
}

describe('<xmpp-room> focus after Kick, Ban and Save (real server, real key presses)', () => {
  it('Kick and Ban: the focus goes to the next occupant’s ⋯, the previous one’s at the end, the message input when no one is left', async function () {
    this.timeout(40000);
    const roomJid = await uniqueRoom('focus-kick');
    const el = await roomElement(await account('alice'), roomJid, 'alice');
    await joined(el, 'alice');
    const peers = [];
    for (const nick of ['ann', 'bob', 'cy']) peers.push(await peerInRoom(roomJid, nick));
    await until(() => ['ann', 'bob', 'cy'].every((nick) => summaryOf(el, nick)), 5000, 'all three listed');
    const watch = watchFocus();

    // Kick ann: the focus to bob's ⋯, the one now in her place.
    await act(el, 'ann', 'kick');
    await until(() => !occupantRow(el, 'ann'), 5000, 'ann gone');
    await until(() => deepActive() === summaryOf(el, 'bob'), 5000, 'the focus on bob’s ⋯');
    expect((summaryOf(el, 'bob')!.parentElement as HTMLDetailsElement).open, 'bob’s menu closed').to.equal(false);

    // Ban cy, the last: the focus to the previous one, bob's.
    await act(el, 'cy', 'ban');
    await until(() => !occupantRow(el, 'cy'), 5000, 'cy gone');
    await until(() => deepActive() === summaryOf(el, 'bob'), 5000, 'the focus on bob’s ⋯ again');
    await until(() => notices(el).includes('cy was banned.'), 5000, 'the ban notice');

    // Kick bob, the only one left: the focus to the message input.
    await act(el, 'bob', 'kick');
    await until(() => !occupantRow(el, 'bob'), 5000, 'bob gone');
    await until(() => deepActive() === part(el, 'input'), 5000, 'the focus on the message input');
    expect(watch.stop(), 'frames with the focus on <body>').to.equal(0);
    await expect(el).to.be.accessible();
  });

  it('Save in the room configuration: the form closes and the focus goes back to "Configure room"', async function () {
    this.timeout(30000);
    const roomJid = await uniqueRoom('focus-save');
    const el = await roomElement(await account('alice'), roomJid, 'alice');
    await joined(el, 'alice');
    await press(await until(() => $<HTMLButtonElement>(el, '[data-action="configure"]'), 5000, 'Configure room'));
    const form = await until(() => part<HTMLFormElement>(el, 'room-config'), 5000, 'the configuration form');
    await until(() => form.contains(deepActive()), 5000, 'the focus in the form');
    const watch = watchFocus();
    await press(part<HTMLButtonElement>(el, 'room-config-submit')!);
    await until(() => !part(el, 'room-config'), 5000, 'the form closed by Save');
    await until(() => deepActive() === $(el, '[data-action="configure"]'), 5000, 'the focus back on Configure room');
    expect(watch.stop(), 'frames with the focus on <body>').to.equal(0);
    await until(() => notices(el).includes('Room configuration saved'), 5000, 'saved');
  });

  it('an open occupant menu keeps the focus when the room gets narrower than 30rem (its list then goes into the drawer)', async function () {
    this.timeout(30000);
    await setViewport({ width: 900, height: 700 });
    try {
      const roomJid = await uniqueRoom('focus-narrow');
      const el = await roomElement(await account('alice'), roomJid, 'alice');
      await joined(el, 'alice');
      await peerInRoom(roomJid, 'ann');
      const summary = await until(() => summaryOf(el, 'ann'), 5000, 'ann’s ⋯');
      await press(summary);
      const kick = await until(() => summary.parentElement!.querySelector<HTMLButtonElement>('[data-action="kick"]'), 5000, 'Kick in the menu');
      kick.focus();
      const watch = watchFocus();
      await setViewport({ width: 360, height: 700 });
      await until(() => el.getBoundingClientRect().width < 480, 5000, 'the room narrow');
      await new Promise(requestAnimationFrame);
      await new Promise(requestAnimationFrame);
      expect(deepActive() === kick, 'the focus still on Kick').to.equal(true);
      expect(kick.getClientRects().length, 'Kick still shown').to.be.greaterThan(0);
      expect(watch.stop(), 'frames with the focus on <body>').to.equal(0);
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });
});
