import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { XmppRoom } from '../../src/components/room/room.js';
import { part, parts, peerInRoom, uniqueRoom, until } from '../harness.js';

type CspWindow = Window & { __violations: string[] };

const frames: HTMLIFrameElement[] = [];
afterEach(() => {
  for (const f of frames.splice(0)) f.remove();
});

async function cspPage(roomJid: string, transport: 'bosh' | 'ws'): Promise<{ win: CspWindow; el: XmppRoom }> {
  const frame = document.createElement('iframe');
  frame.src = `/test/csp/csp.html?room=${encodeURIComponent(roomJid)}&transport=${transport}`;
  frames.push(frame);
  document.body.append(frame);
  const win = await until(() => (frame.contentWindow as CspWindow | null)?.__violations && (frame.contentWindow as CspWindow), 10000, 'the CSP page');
  const el = await until(() => win.document.querySelector('xmpp-room') ?? undefined, 10000, 'the room element');
  return { win, el };
}

for (const transport of ['bosh', 'ws'] as const) {
  describe(`under a strict Content-Security-Policy (no unsafe-inline, no unsafe-eval), over ${transport}`, () => {
    it('joins a room, exchanges messages with a peer, styles itself, and causes no violation', async () => {
      const roomJid = await uniqueRoom('csp');
      const { win, el } = await cspPage(roomJid, transport);
      await until(() => parts(el, 'occupant').length > 0, 15000, 'the element to join');

      const { room: bob } = await peerInRoom(roomJid, 'bob');
      bob.send('hello under CSP, see https://example.org');
      await until(() => parts(el, 'message-body').some((b) => b.textContent === 'hello under CSP, see https://example.org'), 10000, 'the peer message');
      // Links are drawn by rich.ts, loaded on demand: under the CSP too.
      const link = await until(() => parts(el, 'message-body').at(-1)!.querySelector('a'), 10000, 'the link');
      expect(link.getAttribute('href')).to.equal('https://example.org/');

      const input = part<HTMLTextAreaElement>(el, 'input')!;
      input.focus();
      await sendKeys({ type: 'hi bob, from a CSP page' });
      await sendKeys({ press: 'Enter' });
      await until(() => bob.timeline.some((i) => i.kind === 'message' && i.message.body === 'hi bob, from a CSP page'), 10000, 'bob to receive');

      // lit's styles arrive as adopted constructable stylesheets, which style-src 'self' allows.
      expect(el.shadowRoot!.adoptedStyleSheets.length).to.be.greaterThan(0);
      expect(win.getComputedStyle(parts(el, 'messages')[0]).display).to.equal('flex');
      expect(win.__violations).to.deep.equal([]);

      // Control: the policy is live and the recorder works. An inline script is refused and recorded.
      const script = win.document.createElement('script');
      script.textContent = 'window.__inlineRan = true;';
      const recorded = new Promise((resolve) => win.document.addEventListener('securitypolicyviolation', resolve, { once: true }));
      win.document.head.append(script);
      await recorded;
      expect((win as unknown as { __inlineRan?: boolean }).__inlineRan).to.equal(undefined);
      expect(win.__violations.length).to.equal(1);
      expect(win.__violations[0]).to.match(/^script-src/);
    });
  });
}
