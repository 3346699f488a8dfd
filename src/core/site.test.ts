import { expect } from '@open-wc/testing';
import { SiteError, parseHostMeta, readCredentials, readSession } from './site.js';

const BASE = 'https://example.org/.well-known/host-meta.json';
const WS = 'urn:xmpp:alt-connections:websocket';
const BOSH = 'urn:xmpp:alt-connections:xbosh';

function condition(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return error instanceof SiteError ? `${error.condition}: ${error.text}` : String(error);
  }
  return 'no error';
}

describe('site.ts: what the host site and the host-meta answer', () => {
  it('reads a JSON host-meta (XEP-0156 §3), WebSocket first whatever the order', () => {
    const json = JSON.stringify({
      links: [
        { rel: BOSH, href: 'https://example.org/http-bind' },
        { rel: WS, href: 'wss://example.org/xmpp-websocket' },
      ],
    });
    expect(parseHostMeta(json, BASE)).to.deep.equal(['wss://example.org/xmpp-websocket', 'https://example.org/http-bind']);
  });

  it('reads an XRD host-meta (the XEP’s example), resolving a relative BOSH href', () => {
    const xrd = `<?xml version='1.0' encoding='utf-8'?>
<XRD xmlns='http://docs.oasis-open.org/ns/xri/xrd-1.0'>
  <Link rel="${BOSH}" href="/http-bind"/>
  <Link rel="${WS}" href="wss://example.org/xmpp-websocket"/>
</XRD>`;
    expect(parseHostMeta(xrd, 'https://example.org/.well-known/host-meta')).to.deep.equal([
      'wss://example.org/xmpp-websocket',
      'https://example.org/http-bind',
    ]);
  });

  it('skips links of the wrong scheme or type and other rels; unreadable text is undefined', () => {
    const json = JSON.stringify({
      links: [
        { rel: WS, href: 'https://example.org/not-a-socket' },
        { rel: BOSH, href: 'javascript:alert(1)' },
        { rel: BOSH, href: 42 },
        'a string',
        { rel: 'lrdd', href: 'https://example.org/x' },
        { rel: BOSH, href: 'http://example.org:5280/http-bind' },
      ],
    });
    expect(parseHostMeta(json, BASE)).to.deep.equal(['http://example.org:5280/http-bind']);
    expect(parseHostMeta('{"links": 3}', BASE)).to.deep.equal([]);
    expect(parseHostMeta('{not json', BASE)).to.equal(undefined);
    expect(parseHostMeta('<XRD><Link', BASE)).to.equal(undefined);
    expect(parseHostMeta('<html><body>Not here</body></html>', BASE)).to.equal(undefined);
  });

  it('takes credentials with an account JID and a password, else site-bad-answer', () => {
    expect(readCredentials({ jid: 'alice@example.org', password: 'p' })).to.deep.equal({ jid: 'alice@example.org', password: 'p' });
    for (const bad of [{}, { jid: 'alice@example.org' }, { jid: 'example.org', password: 'p' }, { jid: 'a b@x', password: 'p' }, { jid: 'alice@example.org', password: '' }, { jid: 1, password: 'p' }]) {
      expect(condition(() => readCredentials(bad)), JSON.stringify(bad)).to.equal('site-bad-answer: jid, password');
    }
  });

  it('takes a session with jid, sid and a positive integer rid (digits too), else site-bad-answer', () => {
    expect(readSession({ jid: 'bob@example.org/web-1', sid: 'abc', rid: 4242 })).to.deep.equal({ jid: 'bob@example.org/web-1', sid: 'abc', rid: 4242 });
    expect(readSession({ jid: 'bob@example.org/web-1', sid: 'abc', rid: '4242' }).rid).to.equal(4242);
    for (const bad of [{ jid: 'bob@example.org', sid: '', rid: 1 }, { jid: 'bob@example.org', sid: 'a', rid: 1.5 }, { jid: 'bob@example.org', sid: 'a', rid: '12x' }, { jid: 'bob@example.org', sid: 'a', rid: 0 }, { jid: 'example.org', sid: 'a', rid: 1 }]) {
      expect(condition(() => readSession(bad)), JSON.stringify(bad)).to.equal('site-bad-answer: jid, sid, rid');
    }
  });
});
