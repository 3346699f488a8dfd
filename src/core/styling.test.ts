import { expect } from '@open-wc/testing';
import { type StyledBlock, type StyledSpan, MAX_QUOTE_DEPTH, hasStyling, parseStyling } from './styling.js';

/** Blocks in a compact notation: <strong>*x*</strong>, <pre>…</pre>, <q>…</q> for a quotation, lines joined by \n. */
const show = (body: string) => blocks(parseStyling(body));
const blocks = (list: readonly StyledBlock[]): string => list.map(block).join('\n');
const block = (b: StyledBlock): string =>
  b.kind === 'line' ? b.spans.map(span).join('') : b.kind === 'pre' ? `<pre>${b.text}</pre>` : `<q>${blocks(b.blocks)}</q>`;
const span = (s: StyledSpan): string => (typeof s === 'string' ? s : `<${s.kind}>${s.children.map(span).join('')}</${s.kind}>`);
/** The text of blocks without quotations, which must be the body again. */
const flat = (list: readonly StyledBlock[]): string =>
  list.map((b) => (b.kind === 'line' ? b.spans.map(text).join('') : b.kind === 'pre' ? b.text : '')).join('\n');
const text = (s: StyledSpan): string => (typeof s === 'string' ? s : s.children.map(text).join(''));

describe('parseStyling: blocks (XEP-0393 §6.1)', () => {
  it('gives one plain block a line, and spans do not escape their line (§6.1.1)', () => {
    const body = '(There are three blocks in this body marked by parens,)\n(but there is no *formatting)\n(as spans* may not escape blocks.)';
    expect(parseStyling(body).map((b) => b.kind)).to.deep.equal(['line', 'line', 'line']);
    expect(show(body)).to.equal(body);
    expect(show('*not \n strong*')).to.equal('*not \n strong*');
  });

  it('keeps a preformatted block verbatim, fences and all, and does not style it (§6.1.2)', () => {
    const body = '```ignored\n(println "Hello, world!")\n```\n\nThis should show up as monospace, preformatted text ⤴';
    expect(parseStyling(body)).to.deep.equal([
      { kind: 'pre', text: '```ignored\n(println "Hello, world!")\n```' },
      { kind: 'line', spans: [] },
      { kind: 'line', spans: ['This should show up as monospace, preformatted text ⤴'] },
    ]);
    expect(show('```\n*not strong* _nor em_\n> nor quoted\n```\n*strong*')).to.equal(
      '<pre>```\n*not strong* _nor em_\n> nor quoted\n```</pre>\n<strong>*strong*</strong>',
    );
  });

  it('ends a preformatted block at a line that is exactly ```, else at the end of the message', () => {
    expect(show('```\na```\n``` \n```js\nb')).to.equal('<pre>```\na```\n``` \n```js\nb</pre>');
    expect(show('```')).to.equal('<pre>```</pre>');
    expect(show('a\n```\n```\nb')).to.equal('a\n<pre>```\n```</pre>\nb');
    expect(show('a\r\n```\r\n*x*\r\n```\r\n*b*')).to.equal('a\n<pre>```\n*x*\n```</pre>\n<strong>*b*</strong>');
    expect(show('not ```pre```')).to.equal('not ```pre```');
  });

  it('ends an unclosed preformatted block at the end of its quotation (§6.1.2)', () => {
    const body = '> ```\n> (println "Hello, world!")\n\nThe entire blockquote is a preformatted text block, but this line is plaintext!';
    expect(parseStyling(body)).to.deep.equal([
      { kind: 'quote', blocks: [{ kind: 'pre', text: '```\n(println "Hello, world!")' }] },
      { kind: 'line', spans: [] },
      { kind: 'line', spans: ['The entire blockquote is a preformatted text block, but this line is plaintext!'] },
    ]);
  });

  it('quotes lines starting with ">", up to the first line that does not (§6.1.3)', () => {
    expect(parseStyling('> That that is, is.\n\nSaid the old hermit of Prague.')).to.deep.equal([
      { kind: 'quote', blocks: [{ kind: 'line', spans: ['That that is, is.'] }] },
      { kind: 'line', spans: [] },
      { kind: 'line', spans: ['Said the old hermit of Prague.'] },
    ]);
    expect(show('> a\n>b\nc\n> d')).to.equal('<q>a\nb</q>\nc\n<q>d</q>');
    expect(show('a > b\n >c')).to.equal('a > b\n >c');
  });

  it('nests quotations (§6.1.3)', () => {
    expect(parseStyling('>> That that is, is.\n> Said the old hermit of Prague.\n\nWho?')).to.deep.equal([
      {
        kind: 'quote',
        blocks: [
          { kind: 'quote', blocks: [{ kind: 'line', spans: ['That that is, is.'] }] },
          { kind: 'line', spans: ['Said the old hermit of Prague.'] },
        ],
      },
      { kind: 'line', spans: [] },
      { kind: 'line', spans: ['Who?'] },
    ]);
    expect(show('> > two\n>>> three\n> one')).to.equal('<q><q>two\n<q>three</q></q>\none</q>');
  });

  it('trims only the first white space character after ">" (§6.1.3)', () => {
    expect(show('>  two spaces\n>\ttab\n>\u00a0nbsp\n>')).to.equal('<q> two spaces\ntab\nnbsp\n</q>');
  });

  it('parses the blocks inside a quotation again: preformatted blocks and styled lines', () => {
    expect(show('> look:\n> ```\n> code *x*\n> ```\n> after *b*\nout')).to.equal(
      '<q>look:\n<pre>```\ncode *x*\n```</pre>\nafter <strong>*b*</strong></q>\nout',
    );
    expect(show('>> ```\n>> deep\n> *shallow*')).to.equal('<q><q><pre>```\ndeep</pre></q>\n<strong>*shallow*</strong></q>');
    expect(show('```\n> not a quote\n```')).to.equal('<pre>```\n> not a quote\n```</pre>');
  });

  it(`nests quotations ${MAX_QUOTE_DEPTH} deep at most; deeper ">" are text`, () => {
    const deep = `${'>'.repeat(MAX_QUOTE_DEPTH + 2)} *x*`;
    expect(show(deep)).to.equal(`${'<q>'.repeat(MAX_QUOTE_DEPTH)}>> <strong>*x*</strong>${'</q>'.repeat(MAX_QUOTE_DEPTH)}`);
    expect(show(`${'>'.repeat(MAX_QUOTE_DEPTH)}x`)).to.equal(`${'<q>'.repeat(MAX_QUOTE_DEPTH)}x${'</q>'.repeat(MAX_QUOTE_DEPTH)}`);
  });
});

describe('parseStyling: spans (XEP-0393 §6.2)', () => {
  it('styles the §6.2 examples that are styled, keeping the directives', () => {
    expect(show('*strong*')).to.equal('<strong>*strong*</strong>');
    expect(show('plain *strong* plain')).to.equal('plain <strong>*strong*</strong> plain');
    expect(show('*strong* plain *strong*')).to.equal('<strong>*strong*</strong> plain <strong>*strong*</strong>');
    expect(show('*strong*plain*')).to.equal('<strong>*strong*</strong>plain*');
    expect(show('* plain *strong*')).to.equal('* plain <strong>*strong*</strong>');
  });

  it('styles nothing in the §6.2 examples that are not styled', () => {
    for (const body of ['not strong*', '*not strong', '*not \n strong*', '*not *strong', '**', '***', '****']) {
      expect(show(body), body).to.equal(body);
    }
  });

  it('gives the span structure: directives as the first and last child, nested spans inside', () => {
    expect(parseStyling('a *b _c_* `d *e*`')).to.deep.equal([
      {
        kind: 'line',
        spans: [
          'a ',
          { kind: 'strong', children: ['*', 'b ', { kind: 'em', children: ['_', 'c', '_'] }, '*'] },
          ' ',
          { kind: 'code', children: ['`', 'd *e*', '`'] },
        ],
      },
    ]);
  });

  it('parses the glossary and §6.2.1-§6.2.3 examples', () => {
    expect(show('Two spans, both *alike in dignity*')).to.equal('Two spans, both <strong>*alike in dignity*</strong>');
    expect(show('_emphasized span containing *strong span*_')).to.equal('<em>_emphasized span containing <strong>*strong span*</strong>_</em>');
    expect(show('span one *span two*')).to.equal('span one <strong>*span two*</strong>');
    expect(show('The full title is _Twelfth Night, or What You Will_ but\n_most_ people shorten it.')).to.equal(
      'The full title is <em>_Twelfth Night, or What You Will_</em> but\n<em>_most_</em> people shorten it.',
    );
    expect(show('The full title is "Twelfth Night, or What You Will" but\n*most* people shorten it.')).to.equal(
      'The full title is "Twelfth Night, or What You Will" but\n<strong>*most*</strong> people shorten it.',
    );
    expect(show('Everyone ~dis~likes cake.')).to.equal('Everyone <del>~dis~</del>likes cake.');
  });

  it('does not style inside a preformatted span (§6.2.4)', () => {
    expect(show('This is `monospace`')).to.equal('This is <code>`monospace`</code>');
    expect(show('This is `*monospace*`')).to.equal('This is <code>`*monospace*`</code>');
    expect(show('This is *`monospace and bold`*')).to.equal('This is <strong>*<code>`monospace and bold`</code>*</strong>');
    expect(show('Wow, I can write in `monospace`!')).to.equal('Wow, I can write in <code>`monospace`</code>!');
    expect(show('_no pre `with *children*`_')).to.equal('<em>_no pre <code>`with *children*`</code>_</em>');
  });

  it('needs white space or the start of a line before an opening directive, so not mid-word', () => {
    for (const body of ['a*b*c', 'snake_case_name', 'x~y~', 'it`s`', 'foo*bar*', '2*3*4']) expect(show(body), body).to.equal(body);
    expect(show('(*not*)')).to.equal('(*not*)');
    expect(show('a\u3000*b*')).to.equal('a\u3000<strong>*b*</strong>');
  });

  it('lets an opening directive follow the opening directive of an enclosing span, and no other', () => {
    expect(show('*_both_*')).to.equal('<strong>*<em>_both_</em>*</strong>');
    expect(show('~*_`all`_*~')).to.equal('<del>~<strong>*<em>_<code>`all`</code>_</em>*</strong>~</del>');
    expect(show('*a*_b_')).to.equal('<strong>*a*</strong>_b_');
    expect(show('*_x_')).to.equal('*_x_');
  });

  it('needs a non-space after the opening and before the closing directive', () => {
    expect(show('*not bold *')).to.equal('*not bold *');
    expect(show('* not bold*')).to.equal('* not bold*');
    expect(show('_ a _')).to.equal('_ a _');
    expect(show('*b\u00a0*')).to.equal('*b\u00a0*');
    expect(show('*a *b*')).to.equal('<strong>*a *b*</strong>');
  });

  it('leaves unclosed directives as plain text', () => {
    for (const body of ['*a', '_a b', '~gone', '`x', 'a *b _c ~d `e']) expect(show(body), body).to.equal(body);
    expect(show('*a _b* c_')).to.equal('<strong>*a _b*</strong> c_');
  });

  it('matches lazily: the first closing directive ends the span, and spans do not overlap', () => {
    expect(show('*a* b*')).to.equal('<strong>*a*</strong> b*');
    expect(show('*this cannot _overlap*_')).to.equal('<strong>*this cannot _overlap*</strong>_');
    expect(show('*a `b* c`')).to.equal('<strong>*a `b*</strong> c`');
  });

  it('does not nest a span in one of its own kind', () => {
    expect(show('*a *b* c*')).to.equal('<strong>*a *b*</strong> c*');
    expect(show('_a _b_')).to.equal('<em>_a _b_</em>');
  });

  it('keeps emoji and other astral characters whole, inside and around spans', () => {
    expect(parseStyling('🎉 *🎉 party 🎉* _ok 👍_ `🦄`')).to.deep.equal([
      {
        kind: 'line',
        spans: [
          '🎉 ',
          { kind: 'strong', children: ['*', '🎉 party 🎉', '*'] },
          ' ',
          { kind: 'em', children: ['_', 'ok 👍', '_'] },
          ' ',
          { kind: 'code', children: ['`', '🦄', '`'] },
        ],
      },
    ]);
  });

  it('loses no text: the spans of a body without quotations join up to the body', () => {
    for (const body of ['a *b _c ~d `e` f~ g_ h* i', '*_~`'.repeat(50), '* _ ~ ` ** __', '```x\n*y*\n```\n_z_', '']) {
      expect(flat(parseStyling(body)), body).to.equal(body);
    }
  });

  it('stays fast on hostile input: 20,000 characters of directives, 5000 quote lines', () => {
    const bodies = [
      '*_~`'.repeat(5000),
      '*a '.repeat(6667),
      ' *a_'.repeat(5000),
      '_*'.repeat(10_000),
      '>\n'.repeat(5000),
      Array.from({ length: 1000 }, (_, i) => `${'>'.repeat(i % 20)} *x* \`y\``).join('\n'),
      Array.from({ length: 1000 }, (_, i) => `${'>'.repeat(i % 20)} hello`).join('\n'),
      '>'.repeat(20_000),
      '```\n'.repeat(5000),
    ];
    // The best of three runs, so that a busy machine does not fail the test.
    for (const body of bodies) {
      const times = [0, 1, 2].map(() => {
        const started = performance.now();
        parseStyling(body);
        return performance.now() - started;
      });
      expect(Math.min(...times), body.slice(0, 12)).to.be.below(50);
    }
  });
});

describe('hasStyling', () => {
  it('is false for bodies that cannot hold a directive', () => {
    for (const body of ['hello there', 'a*b*c', 'snake_case_name', 'x > y', 'https://example.org/a_b_c~d', '']) {
      expect(hasStyling(body), body).to.equal(false);
      expect(show(body)).to.equal(body);
    }
  });

  it('is true whenever parseStyling could style something', () => {
    for (const body of ['*a*', 'x _y_', '> q', 'a\n>b', '```', 'a\n```js', 'a\u3000~b~', '(\n`x`)']) {
      expect(hasStyling(body), body).to.equal(true);
    }
  });
});
