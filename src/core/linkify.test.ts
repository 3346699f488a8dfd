import { expect } from '@open-wc/testing';
import { LINK_SCHEMES, linkSegments, safeHref } from './linkify.js';
import { LINK_SAMPLE } from './linkify.sample.js';

const links = (text: string) => linkSegments(text).filter((s) => s.href);

describe('linkSegments', () => {
  for (const [line, expected] of LINK_SAMPLE) {
    it(`finds ${expected.length ? expected.join(', ') : 'no link'} in ${JSON.stringify(line)}`, () => {
      const segments = linkSegments(line);
      expect(segments.map((s) => s.text).join('')).to.equal(line);
      expect(segments.filter((s) => s.href).map((s) => s.text)).to.deep.equal(expected);
      for (const { href } of segments) if (href) expect(LINK_SCHEMES).to.include(new URL(href).protocol);
    });
  }

  it('links schemeless hosts to http:// and normalises IDNs in the href only', () => {
    expect(links('www.example.com/a and bücher.de').map((s) => [s.text, s.href])).to.deep.equal([
      ['www.example.com/a', 'http://www.example.com/a'],
      ['bücher.de', 'http://xn--bcher-kva.de/'],
    ]);
  });

  it('gives one plain segment for text without links, and for the empty string', () => {
    expect(linkSegments('hello there')).to.deep.equal([{ text: 'hello there' }]);
    expect(linkSegments('')).to.deep.equal([{ text: '' }]);
  });

  it('stays linear on hostile input: 20,000 closing brackets, dots or letters', () => {
    const started = performance.now();
    for (const body of [`https://x.org/${')'.repeat(20_000)}`, 'a.'.repeat(10_000), 'a'.repeat(20_000), 'ab-'.repeat(7000)]) {
      expect(linkSegments(body).map((s) => s.text).join('')).to.equal(body);
    }
    expect(performance.now() - started).to.be.below(500);
  });
});

describe('safeHref', () => {
  it('allows http, https and xmpp URIs only', () => {
    expect(safeHref('https://example.org/a b')).to.equal('https://example.org/a%20b');
    expect(safeHref('xmpp:lobby@conference.localhost?join')).to.equal('xmpp:lobby@conference.localhost?join');
    for (const bad of ['javascript:alert(1)', 'JAVASCRIPT:alert(1)', 'data:text/html,x', 'mailto:a@b.c', 'ftp://x.y/z', 'file:///etc/passwd', '/relative', 'example.org']) {
      expect(safeHref(bad), bad).to.equal(undefined);
    }
  });
});
