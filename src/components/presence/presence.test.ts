import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { part as findPart, until } from '../../../test/harness.js';
import { FakeTransport } from '../../../test/fakes/fake-transport.js';
import { Connection } from '../../core/connection.js';
import { childText } from '../../core/xml.js';
import '../../define.js';
import type { XmppPresence } from './presence.js';

const part = <T extends HTMLElement>(el: Element, name: string): T => {
  const found = findPart<T>(el, name);
  if (!found) throw new Error(`no part ${name}`);
  return found;
};

describe('<xmpp-presence> (fake transport)', () => {
  it('sends the chosen show and the status text on Enter; a second element shows the same', async () => {
    const transport = new FakeTransport();
    const connection = new Connection(transport, { jid: 'alice@test' });
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="en">
      <xmpp-presence .connection=${connection}></xmpp-presence>
      <xmpp-presence .connection=${connection}></xmpp-presence>
    </div>`);
    const [one, two] = [...wrapper.querySelectorAll<XmppPresence>('xmpp-presence')];
    await connection.login('alice@test', 'pw');
    await one.updateComplete;
    await expect(one).to.be.accessible();

    const select = part<HTMLSelectElement>(one, 'show-select');
    select.value = 'dnd';
    select.dispatchEvent(new Event('change'));
    expect(childText(transport.last('presence'), 'show')).to.equal('dnd');

    part<HTMLInputElement>(one, 'status-input').focus();
    await sendKeys({ type: 'Do not disturb' });
    await sendKeys({ press: 'Enter' });
    expect(childText(transport.last('presence'), 'status')).to.equal('Do not disturb');

    await two.updateComplete;
    expect(part<HTMLSelectElement>(two, 'show-select').value).to.equal('dnd');
    expect(part<HTMLInputElement>(two, 'status-input').value).to.equal('Do not disturb');
  });

  it('labels its controls in Chinese', async () => {
    const connection = new Connection(new FakeTransport(), { jid: 'alice@test' });
    const wrapper = await fixture<HTMLDivElement>(
      html`<div lang="zh-CN"><xmpp-presence .connection=${connection}></xmpp-presence></div>`,
    );
    const el = wrapper.querySelector('xmpp-presence')!;
    await connection.login('alice@test', 'pw');
    // The Chinese table loads on demand; the element draws again when it is in.
    await until(() => findPart(el, 'show-select')?.closest('label')?.textContent?.includes('状态'), 5000, 'the Chinese labels');
    expect(part(el, 'show-select').closest('label')!.textContent).to.contain('状态');
    expect(part(el, 'show-select').textContent).to.contain('请勿打扰');
  });
});
