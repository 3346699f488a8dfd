// A BOSH request that reaches a cluster node which does not know the session yet (ejabberd tells its
// other nodes of a new session asynchronously) is answered item-not-found: StropheTransport sends it
// again with the same rid instead of ending the session. A fake XMLHttpRequest plays the server.
import { expect } from '@open-wc/testing';
import { StropheTransport } from './strophe-transport.js';
import type { TransportState } from './transport.js';

const NS = 'http://jabber.org/protocol/httpbind';
const SASL = 'urn:ietf:params:xml:ns:xmpp-sasl';
const until = async (predicate: () => boolean, what: string) => {
  for (const end = performance.now() + 5000; !predicate(); await new Promise((resolve) => setTimeout(resolve, 10))) {
    if (performance.now() > end) throw new Error(`timed out: ${what}`);
  }
};

interface Posted {
  readonly rid: string;
  readonly body: string;
  answer(xml: string): void;
}

/** Every POST the page makes, answered by the test. */
let posted: Posted[] = [];
class FakeXhr {
  readyState = 0;
  status = 0;
  responseText = '';
  responseXML: Document | null = null;
  onreadystatechange: (() => void) | null = null;
  open(): void {
    this.readyState = 1;
  }
  setRequestHeader(): void {}
  overrideMimeType(): void {}
  getAllResponseHeaders(): string {
    return '';
  }
  abort(): void {}
  send(body: string): void {
    const rid = /rid=['"](\d+)['"]/.exec(body)?.[1] ?? '';
    posted.push({
      rid,
      body,
      answer: (xml) => {
        this.status = 200;
        this.readyState = 4;
        this.responseText = xml;
        this.responseXML = new DOMParser().parseFromString(xml, 'text/xml');
        this.onreadystatechange?.();
      },
    });
  }
}

describe('StropheTransport over BOSH: a session a node does not know yet', () => {
  const real = window.XMLHttpRequest;
  let transport: StropheTransport | undefined;
  beforeEach(() => {
    posted = [];
    (window as { XMLHttpRequest: unknown }).XMLHttpRequest = FakeXhr;
  });
  afterEach(() => {
    transport?.abandon?.();
    window.XMLHttpRequest = real;
  });

  it('sends the request again with the same rid, and the session goes on', async () => {
    const states: TransportState[] = [];
    transport = new StropheTransport({ boshUrl: 'http://127.0.0.1:1/http-bind' });
    transport.connect('guest.example.org', undefined, { state: (state) => states.push(state), stanza: () => undefined }, false);
    await until(() => posted.length === 1, 'the session request');
    posted[0].answer(
      `<body xmlns="${NS}" xmlns:stream="http://etherx.jabber.org/streams" sid="s1" wait="60" requests="2" hold="1" inactivity="30">` +
        `<stream:features><mechanisms xmlns="${SASL}"><mechanism>ANONYMOUS</mechanism></mechanisms></stream:features></body>`,
    );
    await until(() => posted.some((p) => p.body.includes('<auth')), 'the SASL request');
    const auth = posted.find((p) => p.body.includes('<auth'));
    auth?.answer(`<body xmlns="${NS}" type="terminate" condition="item-not-found"/>`);
    await until(() => posted.filter((p) => p.rid === auth?.rid).length === 2, 'the same request again');
    const again = posted.filter((p) => p.rid === auth?.rid)[1];
    expect(again.body, 'the same payload').to.equal(auth?.body);
    again.answer(`<body xmlns="${NS}"><success xmlns="${SASL}"/></body>`);
    // The session goes on: Strophe restarts the stream after SASL success.
    await until(() => posted.some((p) => p.body.includes('xmpp:restart')), 'the stream restart after success');
    expect(states.filter((s) => s === 'failed' || s === 'disconnected'), 'no end').to.deep.equal([]);
  });

  it('a session that is really gone still ends, after three more tries', async () => {
    const states: TransportState[] = [];
    transport = new StropheTransport({ boshUrl: 'http://127.0.0.1:1/http-bind' });
    transport.connect('guest.example.org', undefined, { state: (state) => states.push(state), stanza: () => undefined }, false);
    await until(() => posted.length === 1, 'the session request');
    posted[0].answer(
      `<body xmlns="${NS}" xmlns:stream="http://etherx.jabber.org/streams" sid="s1" wait="60" requests="2" hold="1" inactivity="30">` +
        `<stream:features><mechanisms xmlns="${SASL}"><mechanism>ANONYMOUS</mechanism></mechanisms></stream:features></body>`,
    );
    await until(() => posted.some((p) => p.body.includes('<auth')), 'the SASL request');
    const rid = posted.find((p) => p.body.includes('<auth'))?.rid;
    for (let n = 1; n <= 4; n += 1) {
      await until(() => posted.filter((p) => p.rid === rid).length === n, `try ${n}`);
      posted.filter((p) => p.rid === rid)[n - 1].answer(`<body xmlns="${NS}" type="terminate" condition="item-not-found"/>`);
    }
    await until(() => states.includes('failed') || states.includes('disconnected'), 'the end');
    expect(posted.filter((p) => p.rid === rid).length, 'sent four times in all').to.equal(4);
  });
});
