import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { LitElement, css, render } from 'lit';
import type { TimelineItem } from '../../core/muc/index.js';
import { loadMessages } from '../../i18n/localize.js';
import { hostStyles } from '../../styles/host.styles.js';
import { tokenStyles } from '../../styles/tokens.styles.js';
import { parseMessage } from '../../core/stanzas.js';
import { parseXml } from '../../core/xml.js';
import { groupchat } from '../../../test/fakes/stanzas.js';
import { renderTimeline } from './message-list.js';
import { messageListStyles } from './message-list.styles.js';

let counter = 0;
function item(body: string, nick = 'ann'): TimelineItem {
  counter += 1;
  return {
    kind: 'message',
    message: {
      id: `m${counter}`,
      from: `room@muc.test/${nick}`,
      to: 'me@test',
      type: 'groupchat',
      body,
      nick,
      stamp: new Date().toISOString(),
      outgoing: false,
    },
  };
}

/** The element that draws a list, as room and chat do. */
class ListHost extends LitElement {
  items: readonly TimelineItem[] = [];
  window: number | undefined;
  override lang = 'en';
  override render() {
    return renderTimeline(this.items, { lang: this.lang, label: 'Messages', onScroll: () => {}, ...(this.window ? { window: this.window } : {}) });
  }
}

/** Rendered into its light DOM, for the queries. */
class TimelineHost extends ListHost {
  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    return this;
  }
}
customElements.define('timeline-host', TimelineHost);

/** In a shadow root with the styles a room gives it: what a page lays out. */
class StyledTimelineHost extends ListHost {
  static override styles = [tokenStyles, hostStyles, messageListStyles, css`[part~='messages'] { height: 10rem; }`];
}
customElements.define('styled-timeline-host', StyledTimelineHost);

declare global {
  interface HTMLElementTagNameMap {
    'timeline-host': TimelineHost;
    'styled-timeline-host': StyledTimelineHost;
  }
}

function list(items: readonly TimelineItem[], window?: number) {
  return fixture<TimelineHost>(html`<timeline-host .items=${items} .window=${window}></timeline-host>`);
}

const bodies = (el: Element) => [...el.querySelectorAll('[part~="message-body"]')];

describe('renderTimeline', () => {
  it('shows markup and scripts in bodies and nicks as text, creating no element', async () => {
    const payloads = [
      '<script>window.__pwned = 1</script>',
      '<img src=x onerror="window.__pwned = 2">',
      '"><svg onload=alert(1)>',
      '{{constructor.constructor("alert(1)")()}}',
      '<!-- comment --><style>*{display:none}</style>',
    ];
    const el = await list(payloads.map((p) => item(p, `<b onclick="x()">${p.slice(0, 8)}</b>`)));
    expect(bodies(el).map((b) => b.textContent)).to.deep.equal(payloads);
    expect(el.querySelectorAll('script, img, svg, style, b, [onclick], [onerror], [onload]')).to.have.length(0);
    expect(el.querySelector('[part~="message-author"]')!.textContent).to.equal('<b onclick="x()"><script></b>');
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('links http, https and xmpp URIs with rel="noopener noreferrer" and target="_blank", and nothing else', async () => {
    const body =
      'see https://example.org/a?b=1 or http://example.com, join xmpp:lobby@conference.localhost?join ' +
      'but not javascript:alert(1) nor data:text/html,<script>alert(1)</script> nor mailto:a@b.c nor ftp://x.y/z';
    const el = await list([item(body)]);
    // Links are drawn by rich.ts, loaded for a body that may hold one.
    await waitUntil(() => el.querySelector('a'), 'the links');
    const [shown] = bodies(el);
    expect(shown.textContent).to.equal(body);
    const links = [...shown.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).to.deep.equal([
      'https://example.org/a?b=1',
      'http://example.com/',
      'xmpp:lobby@conference.localhost?join',
    ]);
    for (const a of links) {
      expect(a.getAttribute('rel')).to.equal('noopener noreferrer');
      expect(a.getAttribute('target')).to.equal('_blank');
    }
    expect(links.map((a) => a.textContent)).to.deep.equal([
      'https://example.org/a?b=1',
      'http://example.com',
      'xmpp:lobby@conference.localhost?join',
    ]);
  });

  it('keeps a link carrying quotes and angle brackets inside its href attribute', async () => {
    const body = 'http://evil.test/"><img src=x onerror=alert(1)>';
    const el = await list([item(body)]);
    await waitUntil(() => el.querySelector('a'), 'the link');
    expect(bodies(el)[0].textContent).to.equal(body);
    expect(el.querySelectorAll('img')).to.have.length(0);
    const href = el.querySelector('a')?.getAttribute('href') ?? '';
    expect(new URL(href).protocol).to.equal('http:');
  });

  it('renders a 100 KB body cut to 20,000 characters with an ellipsis, as text', async () => {
    const big = `${'<b>x</b> https://example.org '.repeat(3500)}`.slice(0, 100_000);
    const stanza = parseXml(groupchat('room@muc.test/ann', big))!;
    const message = parseMessage(stanza, { ownJid: 'me@test/r', ownNick: 'me' })!;
    const started = performance.now();
    const el = await list([{ kind: 'message', message }]);
    await waitUntil(() => el.querySelector('a'), 'the links');
    const elapsed = performance.now() - started;
    const text = bodies(el)[0].textContent;
    expect(text.length).to.equal(20_001);
    expect(text.endsWith('…')).to.equal(true);
    expect(el.querySelectorAll('b')).to.have.length(0);
    expect(el.querySelectorAll('a').length).to.be.greaterThan(500);
    expect(elapsed).to.be.below(2000);
  });

  it('keeps only the newest 200 of 1,000 items in the DOM and brings older ones back on demand', async () => {
    const items = Array.from({ length: 1000 }, (_, i) => item(`message ${i}`));
    const el = await list(items);
    expect(bodies(el)).to.have.length(200);
    expect(bodies(el).at(-1)!.textContent).to.equal('message 999');
    expect(bodies(el)[0].textContent).to.equal('message 800');
    const button = el.querySelector<HTMLButtonElement>('button.show-earlier')!;
    expect(button.textContent.trim()).to.equal('Show 200 earlier messages');
    button.click();
    await el.updateComplete;
    expect(bodies(el)).to.have.length(400);
    expect(bodies(el)[0].textContent).to.equal('message 600');
    expect(el.querySelector('[role="log"]')).to.not.equal(null);
  });

  it('honours a smaller window and shows no button when everything fits', async () => {
    const el = await list([item('a'), item('b'), item('c')], 2);
    expect(bodies(el).map((b) => b.textContent)).to.deep.equal(['b', 'c']);
    const all = await list([item('a'), item('b')]);
    expect(all.querySelector('button')).to.equal(null);
  });

  it('slides the window while the reader is at the newest message, and grows it while they read older ones', async () => {
    const container = document.createElement('div');
    document.body.append(container);
    const show = (items: readonly TimelineItem[]) =>
      render(renderTimeline(items, { lang: 'en', label: 'Messages', onScroll: () => {}, window: 10 }), container);
    try {
      let items = Array.from({ length: 10 }, (_, i) => item(`old ${i}`));
      show(items);
      const log = container.querySelector<HTMLElement>('[role="log"]')!;
      Object.assign(log.style, { display: 'block', height: '100px', overflowY: 'auto' });
      log.scrollTop = log.scrollHeight;
      items = [...items, item('new 0'), item('new 1')];
      show(items);
      expect(bodies(container)).to.have.length(10);
      expect(bodies(container)[0].textContent).to.equal('old 2');

      log.scrollTop = 0;
      items = [...items, item('new 2'), item('new 3'), item('new 4')];
      show(items);
      expect(bodies(container)).to.have.length(13);
      expect(bodies(container)[0].textContent).to.equal('old 2');
      expect(bodies(container).at(-1)!.textContent).to.equal('new 4');
    } finally {
      render(null, container);
      container.remove();
    }
  });

  it('lists messages and notices (role list and listitem in the log) and names each message by its author, date and time', async () => {
    const message = item('hi', 'bob');
    const notice: TimelineItem = { kind: 'notice', notice: { id: 'n1', kind: 'joined', params: { nick: 'bob' }, stamp: new Date().toISOString() } };
    const el = await list([notice, message]);
    const listEl = el.querySelector('[role="log"] > [role="list"]')!;
    expect([...listEl.children].map((c) => c.getAttribute('role'))).to.deep.equal(['listitem', 'listitem']);
    const stamp = new Date(message.kind === 'message' ? message.message.stamp : '');
    const at = (lang: string) => new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(stamp);
    expect(el.querySelector('[part~="message"]')!.getAttribute('aria-label')).to.equal(`bob, ${at('en')}`);

    await loadMessages('zh-CN');
    const zh = await fixture<TimelineHost>(html`<timeline-host .items=${[message]} .lang=${'zh-CN'}></timeline-host>`);
    expect(zh.querySelector('[part~="message"]')!.getAttribute('aria-label')).to.equal(`bob，${at('zh-CN')}`);
  });

  it('marks the log busy while told to and while past messages go in, not for live ones', async () => {
    const container = document.createElement('div');
    document.body.append(container);
    const show = (items: readonly TimelineItem[], busy: boolean) =>
      render(renderTimeline(items, { lang: 'en', label: 'Messages', onScroll: () => {}, busy }), container);
    try {
      show([], true);
      const log = container.querySelector('[role="log"]')!;
      expect(log.getAttribute('aria-busy')).to.equal('true');
      show([item('older'), item('newer')], true);
      expect(log.getAttribute('aria-busy')).to.equal('true');
      expect(bodies(log).map((b) => b.textContent)).to.deep.equal(['older', 'newer']);
      const shown = [item('older'), item('newer')];
      show(shown, false);
      expect(log.getAttribute('aria-busy')).to.equal('false');
      // Past messages (delayed: a room's history) go in while it is busy; a live one does not.
      const past = item('from the history');
      const delayed: TimelineItem = past.kind === 'message' ? { kind: 'message', message: { ...past.message, delayed: true } } : past;
      show([...shown, delayed], false);
      expect(log.getAttribute('aria-busy')).to.equal('true');
      show([...shown, delayed, item('live')], false);
      expect(log.getAttribute('aria-busy')).to.equal('false');
    } finally {
      render(null, container);
      container.remove();
    }
  });

  it('gives its own controls a target of at least 24 by 24 CSS pixels (WCAG 2.5.8)', async () => {
    const el = await fixture<StyledTimelineHost>(
      html`<styled-timeline-host .items=${[item('a'), item('b'), item('c')]} .window=${2}></styled-timeline-host>`,
    );
    const button = el.shadowRoot!.querySelector<HTMLButtonElement>('button.show-earlier')!;
    const { width, height } = button.getBoundingClientRect();
    expect(width >= 24 && height >= 24, `${width}×${height}`).to.equal(true);
  });
});

