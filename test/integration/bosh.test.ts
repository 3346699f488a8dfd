import { expect } from '@open-wc/testing';
import { account, serverConfig, xml } from '../harness.js';

interface Sent {
  readonly at: number;
  readonly rid: string;
  readonly empty: boolean;
  /** When its response came (performance.now()), once it has. */
  done?: number;
}

/** Records the BOSH requests this page sends to the test server's BOSH URL, as they leave. */
function recordRequests(boshUrl: string): { readonly sent: Sent[]; stop(): void } {
  const sent: Sent[] = [];
  // Kept unbound to be put back as they were; they are called with the request as `this`.
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const { open, send } = XMLHttpRequest.prototype;
  const urls = new WeakMap<XMLHttpRequest, string>();
  XMLHttpRequest.prototype.open = function (this: XMLHttpRequest, ...args: Parameters<XMLHttpRequest['open']>) {
    urls.set(this, String(args[1]));
    return open.apply(this, args);
  } as XMLHttpRequest['open'];
  XMLHttpRequest.prototype.send = function (this: XMLHttpRequest, body?: Document | XMLHttpRequestBodyInit | null) {
    if (urls.get(this) === boshUrl && typeof body === 'string') {
      const doc = new DOMParser().parseFromString(body, 'text/xml').documentElement;
      const entry: Sent = { at: performance.now(), rid: doc.getAttribute('rid') ?? '', empty: doc.children.length === 0 };
      sent.push(entry);
      // Noted before Strophe's own handler runs: what that handler sends in answer went out after this response came.
      const strophe = this.onreadystatechange;
      this.onreadystatechange = function (this: XMLHttpRequest, event: Event) {
        if (this.readyState === 4) entry.done ??= performance.now();
        strophe?.call(this, event);
      };
    }
    return send.call(this, body);
  };
  return {
    sent,
    stop() {
      XMLHttpRequest.prototype.open = open;
      XMLHttpRequest.prototype.send = send;
    },
  };
}

describe('BOSH requests (real server)', () => {
  it('sends what answers a response on a request of its own, never just behind an empty poll', async () => {
    const { boshUrl } = await serverConfig();
    const connection = await account('bob');
    const recorder = recordRequests(boshUrl);
    try {
      // Each ping is sent from the previous one's answer, as disco walks and joins do:
      // ejabberd stalls a session whose data request reaches it before the empty poll sent just before.
      for (let i = 0; i < 15; i += 1) {
        await connection.sendIq(xml('iq', { type: 'get' }, xml('ping', { xmlns: 'urn:xmpp:ping' })), 5000);
      }
    } finally {
      recorder.stop();
    }
    const { sent } = recorder;
    expect(sent.filter((r) => !r.empty).length, 'the pings went out').to.be.at.least(15);
    // A data request may not overtake an empty poll still open: sent within 20 ms of it, before its answer.
    const tooClose = sent.filter((r, i) => {
      const poll = sent[i - 1];
      return i > 0 && !r.empty && poll.empty && r.at - poll.at < 20 && (poll.done === undefined || poll.done > r.at);
    });
    const described = tooClose.map((r) => {
      const poll = sent[sent.indexOf(r) - 1];
      return `rid ${r.rid}: ${(r.at - poll.at).toFixed(1)} ms after poll ${poll.rid}, which was still open`;
    });
    expect(described, 'data requests within 20 ms of an empty poll').to.deep.equal([]);
  });
});
