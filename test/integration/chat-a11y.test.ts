/**
 * <xmpp-chat> by keyboard (issue 11): "Load older messages" keeps the focus while a page of the
 * archive loads (the button stays, busy, in the same box) and hands it to the message list once
 * the archive is complete and the button goes. Real accounts on the real server, real key presses.
 */
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { XmppChat } from '../../src/components/chat/chat.js';
import { registry } from '../../src/core/registry.js';
import { archivedChat } from './archived-chat.js';
import { bodies, part, until } from '../harness.js';

afterEach(() => {
  registry.only()?.logout();
});

/** What has the focus inside the chat (tag and part), or the page's element when it is outside. */
function focusName(el: XmppChat): string {
  const active = el.shadowRoot!.activeElement;
  if (!active) return document.activeElement?.localName ?? 'none';
  return `${active.localName}[${active.getAttribute('part') ?? ''}]`;
}

describe('<xmpp-chat> by keyboard (real server)', () => {
  it('"Load older messages" keeps the focus: on the button, busy in the same box, while a page loads; on the list once the archive is complete', async function () {
    this.timeout(40000);
    // 25 messages in alice's archive, the last 10 shown.
    const { el } = await archivedChat('olderchat', 25);

    const seen = new Set<string>();
    let sampling = true;
    const sample = () => {
      seen.add(focusName(el));
      if (sampling) requestAnimationFrame(sample);
    };
    const button = part<HTMLButtonElement>(el, 'load-older')!;
    button.focus();
    const box = button.getBoundingClientRect();
    // How the button looks the moment it turns busy (the archive may answer within a frame).
    const busyLooks: object[] = [];
    const observer = new MutationObserver(() => {
      if (button.getAttribute('aria-busy') !== 'true') return;
      const [idle, busy] = [...button.children];
      const { width, height } = button.getBoundingClientRect();
      busyLooks.push({
        same: part(el, 'load-older') === button,
        label: busy?.textContent,
        shown: busy && getComputedStyle(busy).visibility,
        idle: idle && getComputedStyle(idle).visibility,
        width,
        height,
        focus: focusName(el),
      });
    });
    observer.observe(button, { attributes: true, attributeFilter: ['aria-busy'] });
    requestAnimationFrame(sample);
    await sendKeys({ press: 'Enter' });
    await until(() => bodies(el).length === 20 && button.getAttribute('aria-busy') === 'false', 10000, 'the second page');
    observer.disconnect();
    expect(busyLooks[0], 'busy: "Loading…" in the same box, the focus on it').to.deep.equal({
      same: true,
      label: 'Loading…',
      shown: 'visible',
      idle: 'hidden',
      width: box.width,
      height: box.height,
      focus: 'button[load-older]',
    });
    expect(focusName(el)).to.equal('button[load-older]');

    await sendKeys({ press: 'Enter' });
    await until(() => bodies(el).length === 25 && !part(el, 'load-older'), 10000, 'the whole archive, then no button');
    await until(() => focusName(el) === 'div[messages]', 5000, 'the focus on the list');
    sampling = false;
    expect([...seen].filter((name) => name !== 'button[load-older]' && name !== 'div[messages]'), 'the focus elsewhere while loading').to.deep.equal([]);
    expect(bodies(el)).to.deep.equal(Array.from({ length: 25 }, (_, i) => `message ${i + 1}`));
  });
});
