import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { FakeTransport } from '../../../test/fakes/fake-transport.js';
import { parts, until } from '../../../test/harness.js';
import { Connection } from '../../core/connection.js';
import '../../define.js';

/** The first part of this name (a test fails on its absence when it uses it). */
const part = (el: Element, name: string) => parts(el, name)[0];

async function setup(lang = 'en') {
  const transport = new FakeTransport();
  const connection = new Connection(transport, { jid: 'alice@test' });
  const wrapper = await fixture<HTMLDivElement>(html`<div lang=${lang}>
    <xmpp-roster for="target" .connection=${connection}></xmpp-roster>
    <div id="target"></div>
  </div>`);
  const el = wrapper.querySelector('xmpp-roster')!;
  const target = wrapper.querySelector<HTMLElement & { with?: string }>('#target')!;
  await connection.login('alice@test', 'pw');
  // The roster's get (the block list's and, once online, the bookmarks' are sent too).
  const get = transport.sent.find((s) => s.localName === 'iq' && s.firstElementChild?.getAttribute('xmlns') === 'jabber:iq:roster')!;
  transport.receive(`<iq xmlns="jabber:client" type="result" id="${get.getAttribute('id')}"><query xmlns="jabber:iq:roster">
    <item jid="bob@test" name="Bob" subscription="both"><group>Work</group></item>
    <item jid="zed@test" name="Zed" subscription="both"><group>Work</group></item>
    <item jid="carol@test" name="&lt;img src=x onerror=alert(1)&gt;" subscription="both"/>
  </query></iq>`);
  await until(() => parts(el, 'contact').length === 3, 2000, 'the roster shown');
  return { transport, connection, el, target };
}

describe('<xmpp-roster> (fake transport)', () => {
  it('groups contacts (ungrouped last), sorts by availability then name, shows show and status', async () => {
    const { transport, el } = await setup();
    transport.receive(`<presence xmlns="jabber:client" from="zed@test/a"><show>dnd</show><status>busy &lt;b&gt;</status></presence>`);
    await el.updateComplete;
    expect(parts(el, 'group').map((g) => g.textContent)).to.deep.equal(['Work', 'Other contacts']);
    expect(parts(el, 'contact').map((c) => c.getAttribute('part'))).to.deep.equal([
      'contact dnd',
      'contact offline',
      'contact offline',
    ]);
    expect(parts(el, 'contact-name').map((c) => c.textContent)).to.deep.equal(['Zed', 'Bob', '<img src=x onerror=alert(1)>']);
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    expect(part(el, 'presence').textContent).to.contain('Do not disturb').and.contain('busy <b>');
    await expect(el).to.be.accessible();
  });

  it('fires xmpp-presence for a contact presence change', async () => {
    const { transport, el } = await setup();
    const event = oneEvent(el, 'xmpp-presence');
    transport.receive(`<presence xmlns="jabber:client" from="bob@test/a"><show>away</show><status>out</status></presence>`);
    expect((await event).detail).to.deep.equal({ from: 'bob@test/a', show: 'away', status: 'out', type: 'available' });
  });

  it('shows unread counts with a label; choosing the contact clears it, fires xmpp-open-chat and sets `with` on the target', async () => {
    const { transport, el, target } = await setup();
    transport.receive(`<message xmlns="jabber:client" type="chat" from="bob@test/a"><body>hi</body></message>`);
    transport.receive(`<message xmlns="jabber:client" type="chat" from="bob@test/a"><body>there</body></message>`);
    await el.updateComplete;
    expect(part(el, 'unread').textContent).to.contain('2 unread');
    const opened = oneEvent(el, 'xmpp-open-chat');
    el.shadowRoot!.querySelector<HTMLButtonElement>('button.open')!.click();
    expect((await opened).detail).to.deep.equal({ jid: 'bob@test' });
    expect(target.with).to.equal('bob@test');
    await el.updateComplete;
    expect(part(el, 'unread')).to.equal(undefined);
    // While the target shows bob, his new messages are read at once.
    transport.receive(`<message xmlns="jabber:client" type="chat" from="bob@test/a"><body>again</body></message>`);
    await el.updateComplete;
    expect(part(el, 'unread')).to.equal(undefined);
  });

  it('lists subscription requests with accept and deny', async () => {
    const { transport, el } = await setup();
    transport.receive(`<presence xmlns="jabber:client" type="subscribe" from="eve@test"/>`);
    transport.receive(`<presence xmlns="jabber:client" type="subscribe" from="mal@test"/>`);
    await el.updateComplete;
    expect(parts(el, 'request').map((r) => r.textContent)).to.have.length(2);
    await expect(el).to.be.accessible();
    part(el, 'accept-button').click();
    expect(transport.sentXml.some((x) => x.includes('to="eve@test"') && x.includes('type="subscribed"'))).to.equal(true);
    await el.updateComplete;
    part(el, 'deny-button').click();
    expect(transport.sentXml.at(-1)).to.contain('type="unsubscribed"').and.contain('mal@test');
    await el.updateComplete;
    expect(part(el, 'requests')).to.equal(undefined);
  });

  it('rejects an invalid JID in the add form with a clear message, sending nothing', async () => {
    const { transport, el } = await setup();
    const before = transport.sent.length;
    (part(el, 'add-jid') as HTMLInputElement).value = 'not a jid';
    part(el, 'add-button').click();
    await el.updateComplete;
    expect(part(el, 'error').textContent).to.contain('not a valid JID');
    expect(transport.sent.length).to.equal(before);
  });

  it('renames inline and removes after a second confirming click', async () => {
    const { transport, el } = await setup();
    part(el, 'rename-button').click();
    await el.updateComplete;
    const input = part(el, 'rename-input') as HTMLInputElement;
    expect(input.value).to.equal('Bob');
    await expect(el).to.be.accessible();
    input.value = 'Robert';
    input.form!.requestSubmit();
    expect(transport.sentXml.at(-1)).to.contain('name="Robert"').and.contain('<group>Work</group>');
    const iq = transport.last('iq')!;
    transport.receive(`<iq xmlns="jabber:client" type="result" id="${iq.getAttribute('id')}"/>`);
    await until(() => !part(el, 'rename-input'), 2000, 'the rename field closed');

    part(el, 'remove-button').click();
    await el.updateComplete;
    expect(transport.sentXml.at(-1)).to.not.contain('subscription="remove"');
    expect(el.shadowRoot!.textContent).to.contain('Remove Bob?');
    part(el, 'remove-confirm').click();
    expect(transport.sentXml.at(-1)).to.contain('subscription="remove"').and.contain('bob@test');
  });

  it('speaks Chinese', async () => {
    const { el } = await setup('zh-CN');
    expect(parts(el, 'group').map((g) => g.textContent)).to.deep.equal(['Work', '其他联系人']);
    expect(part(el, 'add-button').textContent.trim()).to.equal('添加');
    expect(part(el, 'presence').textContent).to.contain('离线');
  });

  it('shows each show by a shape of its own and its name, not by colour alone, each colour at least 3:1 on the background', async () => {
    const { transport, el } = await setup();
    const rgb = (colour: string) => (colour.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
    const luminance = (colour: string) => {
      const [r = 0, g = 0, b = 0] = rgb(colour).map((c) => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const contrast = (a: string, b: string) => {
      const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
      return (hi + 0.05) / (lo + 0.05);
    };
    /** What the dot looks like with every colour the same: its shape. */
    const shape = (dot: Element) => {
      const s = getComputedStyle(dot);
      return [s.borderTopStyle, s.borderTopLeftRadius, s.backgroundImage, s.backgroundClip, s.backgroundColor]
        .join(' | ')
        .replace(/rgba?\([^)]*\)/g, (c) => (c === 'rgba(0, 0, 0, 0)' ? 'none' : 'colour'));
    };
    const bob = () => parts(el, 'contact').find((c) => c.querySelector('[part~="contact-name"]')?.textContent === 'Bob')!;
    const background = getComputedStyle(el).backgroundColor;
    const seen = new Map<string, string>();
    for (const show of ['available', 'chat', 'away', 'xa', 'dnd', 'offline']) {
      transport.receive(
        show === 'offline'
          ? `<presence xmlns="jabber:client" from="bob@test/a" type="unavailable"/>`
          : `<presence xmlns="jabber:client" from="bob@test/a">${show === 'available' ? '' : `<show>${show}</show>`}</presence>`,
      );
      await until(() => bob().getAttribute('part') === `contact ${show}`, 2000, show);
      const dot = bob().querySelector('.dot')!;
      const text = bob().querySelector('[part~="presence"]')!.textContent.trim();
      expect(text, show).to.equal(
        { available: 'Available', chat: 'Free to chat', away: 'Away', xa: 'Extended away', dnd: 'Do not disturb', offline: 'Offline' }[show],
      );
      expect(dot.getAttribute('aria-hidden')).to.equal('true');
      const ratio = contrast(getComputedStyle(dot).borderTopColor, background);
      expect(ratio >= 3, `${show}: ${ratio.toFixed(2)}:1`).to.equal(true);
      seen.set(shape(dot), show);
    }
    expect(seen.size, [...seen].join('\n')).to.equal(6);
    await expect(el).to.be.accessible();
  });
});

