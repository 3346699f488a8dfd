import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { FakeTransport } from '../../../test/fakes/fake-transport.js';
import { groupchat } from '../../../test/fakes/stanzas.js';
import { bodies, occupantRow, part, until } from '../../../test/harness.js';
import { Connection } from '../../core/connection.js';
import '../../define.js';
import type { XmppRoom } from './room.js';

/*
 * The room's XEP-0191 parts (room-blocking.ts) with a fake server: the block list at login hides
 * a blocked occupant's messages and marks it; the menu's Block names the real bare JID where the
 * room shows it, else the occupant JID; a refused block is shown, and the menu stays open.
 */

const ROOM = 'lobby@muc.test';
const NS = 'urn:xmpp:blocking';

/** An occupant's presence, its real JID in the item when the room shows it (XEP-0045 example 22). */
const presence = (nick: string, jid = '', codes = '') =>
  `<presence xmlns="jabber:client" from="${ROOM}/${nick}"><x xmlns="http://jabber.org/protocol/muc#user"><item role="participant" affiliation="none"${jid ? ` jid="${jid}"` : ''}/>${codes}</x></presence>`;

async function setup(jid = 'me@test') {
  const transport = new FakeTransport();
  const connection = new Connection(transport, { jid });
  await connection.login(jid, 'pw');
  const el = await fixture<XmppRoom>(html`<xmpp-room lang="en" room-jid=${ROOM} nick="me" .connection=${connection}></xmpp-room>`);
  transport.receive(presence('ann', 'ann@test/phone'));
  transport.receive(presence('eve'));
  transport.receive(presence('me', jid, '<status code="110"/>'));
  transport.receive(groupchat(`${ROOM}/eve`, 'from eve'));
  transport.receive(groupchat(`${ROOM}/ann`, 'from ann'));
  await until(() => bodies(el).includes('from ann'), 5000, 'the messages');
  return { transport, el };
}

/** Answers the block list query (§3.2) with these items. */
async function answerList(transport: FakeTransport, jids: readonly string[]) {
  const get = await until(() => transport.sent.find((s) => s.getElementsByTagName('blocklist').length > 0), 5000, 'the list asked');
  const items = jids.map((j) => `<item jid="${j}"/>`).join('');
  transport.receive(`<iq xmlns="jabber:client" type="result" id="${get.getAttribute('id')}"><blocklist xmlns="${NS}">${items}</blocklist></iq>`);
}

async function openMenu(el: XmppRoom, nick: string): Promise<HTMLDetailsElement> {
  const menu = occupantRow(el, nick)!.querySelector<HTMLDetailsElement>('details')!;
  menu.querySelector('summary')!.click();
  await until(() => menu.querySelector('[data-action="private"]'), 5000, 'the menu code');
  return menu;
}

describe('<xmpp-room> blocking (XEP-0191, fake server)', () => {
  it('hides the messages of an occupant blocked by its occupant JID and marks it; Block on another names its real bare JID', async () => {
    const { transport, el } = await setup();
    await answerList(transport, [`${ROOM}/eve`]);
    await until(() => !bodies(el).includes('from eve'), 5000, "eve's message hidden");
    expect(bodies(el)).to.include('from ann');
    expect(occupantRow(el, 'eve')!.querySelector('[part~="blocked"]')!.textContent).to.equal('blocked');
    expect(occupantRow(el, 'ann')!.querySelector('[part~="blocked"]')).to.equal(null);

    const eveMenu = await openMenu(el, 'eve');
    expect(eveMenu.querySelector('[part~="unblock-button"]')!.textContent.trim()).to.equal('Unblock');
    const annMenu = await openMenu(el, 'ann');
    annMenu.querySelector<HTMLButtonElement>('[part~="block-button"]')!.click();
    const set = await until(() => transport.sent.find((s) => s.getElementsByTagName('block').length > 0), 5000, 'the block request');
    expect(set.getElementsByTagName('item')[0]?.getAttribute('jid')).to.equal('ann@test');
    transport.receive(`<iq xmlns="jabber:client" type="result" id="${set.getAttribute('id')}"/>`);
    await until(() => !bodies(el).includes('from ann'), 5000, "ann's message hidden");
    expect(annMenu.open).to.equal(false);
  });

  it("a blocked author's live message is not counted as unread (the page hidden), another's is", async () => {
    const { transport, el } = await setup();
    await answerList(transport, [`${ROOM}/eve`]);
    await until(() => !bodies(el).includes('from eve'), 5000, "eve's message hidden");
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
    try {
      transport.receive(groupchat(`${ROOM}/eve`, 'eve again'));
      transport.receive(groupchat(`${ROOM}/ann`, 'ann again'));
      await until(() => el.unread > 0, 5000, 'an unread message');
      await el.updateComplete;
      expect(el.unread).to.equal(1);
      expect(bodies(el)).to.not.include('eve again');
    } finally {
      delete (document as { visibilityState?: unknown }).visibilityState;
      document.dispatchEvent(new Event('visibilitychange'));
    }
  });

  it('a refused block is shown (part="error", xmpp-error) and nothing is hidden; no Block for a server without a block list', async () => {
    const { transport, el } = await setup();
    await answerList(transport, []);
    const menu = await openMenu(el, 'eve');
    menu.querySelector<HTMLButtonElement>('[part~="block-button"]')!.click();
    const set = await until(() => transport.sent.find((s) => s.getElementsByTagName('block').length > 0), 5000, 'the block request');
    expect(set.getElementsByTagName('item')[0]?.getAttribute('jid')).to.equal(`${ROOM}/eve`);
    const error = oneEvent(el, 'xmpp-error');
    transport.receive(
      `<iq xmlns="jabber:client" type="error" id="${set.getAttribute('id')}"><error type="modify"><not-acceptable xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/><text xmlns="urn:ietf:params:xml:ns:xmpp-stanzas">&lt;b&gt;no&lt;/b&gt;</text></error></iq>`,
    );
    expect(((await error) as Event & { detail: { condition: string } }).detail.condition).to.equal('not-acceptable');
    await until(() => part(el, 'error'), 5000, 'the error shown');
    expect(part(el, 'error')!.querySelector('b')).to.equal(null);
    expect(menu.open, 'the menu stays open').to.equal(true);
    expect(bodies(el)).to.include('from eve');
    expect(occupantRow(el, 'eve')!.querySelector('[part~="blocked"]')).to.equal(null);

    // A server without XEP-0191 answers the list with an error: no buttons.
    const other = await setup('you@test');
    const get = await until(() => other.transport.sent.find((s) => s.getElementsByTagName('blocklist').length > 0), 5000, 'asked');
    other.transport.receive(
      `<iq xmlns="jabber:client" type="error" id="${get.getAttribute('id')}"><error type="cancel"><service-unavailable xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></iq>`,
    );
    const otherMenu = await openMenu(other.el, 'eve');
    await other.el.updateComplete;
    expect(otherMenu.querySelector('[part~="block-button"]')).to.equal(null);
  });
});
