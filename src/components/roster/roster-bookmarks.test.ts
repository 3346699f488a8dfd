import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { FakeTransport } from '../../../test/fakes/fake-transport.js';
import { parts, until } from '../../../test/harness.js';
import { Connection } from '../../core/connection.js';
import type { XmppRoom } from '../room/room.js';
import '../../define.js';

const NODE = 'urn:xmpp:bookmarks:1';

/** A roster online on a fake server whose bookmarks node holds these items (XEP-0402 §5.1). */
async function setup(items: string) {
  const transport = new FakeTransport();
  const connection = new Connection(transport, { jid: 'me@test' });
  const page = await fixture<HTMLDivElement>(html`<div lang="en">
    <xmpp-roster rooms-for="rooms" .connection=${connection}></xmpp-roster>
    <div id="rooms"></div>
  </div>`);
  const el = page.querySelector('xmpp-roster')!;
  await connection.login('me@test', 'pw');
  const get = await until(() => transport.sent.find((s) => s.getElementsByTagName('items')[0]?.getAttribute('node') === NODE), 2000, 'the fetch');
  transport.receive(
    `<iq xmlns="jabber:client" type="result" id="${get.getAttribute('id')}"><pubsub xmlns="http://jabber.org/protocol/pubsub"><items node="${NODE}">${items}</items></pubsub></iq>`,
  );
  return { transport, el, rooms: page.querySelector<HTMLElement>('#rooms')! };
}

const item = (jid: string, name: string, extra = '') =>
  `<item id="${jid}"><conference xmlns="${NODE}" name="${name}" autojoin="false"><nick>JC</nick>${extra}</conference></item>`;

describe('<xmpp-roster> bookmarks (fake transport)', () => {
  it('lists bookmarks by name (text, never markup) and opens one <xmpp-room> a room in rooms-for, its password not in the DOM', async () => {
    const { el, rooms } = await setup(
      item('play@muc.test', '&lt;img src=x onerror=alert(1)&gt;', '<password>s3cret</password>') + item('orchard@muc.test', ''),
    );
    await until(() => parts(el, 'bookmark').length === 2, 2000, 'the bookmarks');
    expect(parts(el, 'bookmark').map((b) => b.querySelector('button.open')?.textContent?.trim())).to.deep.equal([
      '<img src=x onerror=alert(1)>',
      'orchard@muc.test',
    ]);
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    await expect(el).to.be.accessible();
    const open = parts(el, 'bookmark')[0]?.querySelector<HTMLButtonElement>('button.open');
    if (!open) throw new Error('no open button');
    open.click();
    open.click();
    const room = rooms.querySelector<XmppRoom>('xmpp-room')!;
    expect(rooms.querySelectorAll('xmpp-room').length).to.equal(1);
    expect(room.getAttribute('room-jid')).to.equal('play@muc.test');
    expect(room.getAttribute('nick')).to.equal('JC');
    expect(room.password).to.equal('s3cret');
    expect(rooms.innerHTML).to.not.contain('s3cret');
  });

  it('a refused Remove shows the error and fires xmpp-error; a done one moves the focus to the next Remove', async () => {
    const { transport, el } = await setup(item('a@muc.test', 'A') + item('b@muc.test', 'B'));
    await until(() => parts(el, 'bookmark-remove').length === 2, 2000, 'the bookmarks');
    const error = oneEvent<GlobalEventHandlersEventMap['xmpp-error']>(el, 'xmpp-error');
    parts(el, 'bookmark-remove')[0]?.click();
    const retract = transport.sent.at(-1)!;
    expect(retract.getElementsByTagName('retract')[0]?.getAttribute('notify')).to.equal('true');
    transport.receive(
      `<iq xmlns="jabber:client" type="error" id="${retract.getAttribute('id')}"><error type="auth"><forbidden xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></iq>`,
    );
    expect((await error).detail.condition).to.equal('forbidden');
    await until(() => parts(el, 'error').length > 0, 2000, 'the error notice');
    expect(parts(el, 'bookmark').length).to.equal(2);

    // By keyboard: Enter on the first Remove.
    parts(el, 'bookmark-remove')[0]?.focus();
    await sendKeys({ press: 'Enter' });
    const again = transport.sent.at(-1)!;
    transport.receive(`<iq xmlns="jabber:client" type="result" id="${again.getAttribute('id')}"/>`);
    await until(() => parts(el, 'bookmark').length === 1, 2000, 'one left');
    await until(() => el.shadowRoot!.activeElement === parts(el, 'bookmark-remove')[0], 2000, 'the focus on the next Remove');
  });
});
