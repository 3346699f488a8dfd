/**
 * Real-looking chat lines and the links a reader expects in each (the text of
 * each link, in order). The unit test holds `linkSegments` to it;
 * `node bench/linkify.mjs` runs it through linkify-it too and prints where
 * the two differ.
 */
export const LINK_SAMPLE: readonly (readonly [line: string, links: readonly string[]])[] = [
  ['see https://example.org/a?b=1 or http://example.com, ok?', ['https://example.org/a?b=1', 'http://example.com']],
  ['docs: https://developer.mozilla.org/en-US/docs/Web/API/URL/URL#syntax.', ['https://developer.mozilla.org/en-US/docs/Web/API/URL/URL#syntax']],
  ['search https://www.google.com/search?q=xmpp+muc&hl=en&num=10!', ['https://www.google.com/search?q=xmpp+muc&hl=en&num=10']],
  ['(see https://en.wikipedia.org/wiki/XMPP_(protocol))', ['https://en.wikipedia.org/wiki/XMPP_(protocol)']],
  ['wiki: https://en.wikipedia.org/wiki/Foo_(bar) and more', ['https://en.wikipedia.org/wiki/Foo_(bar)']],
  ['[link](https://example.org/page)', ['https://example.org/page']],
  ['"https://example.org/quoted"', ['https://example.org/quoted']],
  ['<https://example.org/angle>', ['https://example.org/angle']],
  ['is it https://example.org/faq?', ['https://example.org/faq']],
  ['go to https://example.org:8443/path/to;param?x=1#frag...', ['https://example.org:8443/path/to;param?x=1#frag']],
  ['local http://127.0.0.1:5280/http-bind and http://localhost:8000/demo/', ['http://127.0.0.1:5280/http-bind', 'http://localhost:8000/demo/']],
  ['IDN: http://münchen.de/straße and https://пример.рф/путь', ['http://münchen.de/straße', 'https://пример.рф/путь']],
  ['bare IDNs: bücher.de and пример.рф', ['bücher.de', 'пример.рф']],
  ['www.example.com/path?x=1, and WWW.EXAMPLE.ORG.', ['www.example.com/path?x=1', 'WWW.EXAMPLE.ORG']],
  ['bare domains: example.com, github.com/strophe/strophejs and prosody.im/doc', ['example.com', 'github.com/strophe/strophejs', 'prosody.im/doc']],
  ['join xmpp:lobby@conference.localhost?join now', ['xmpp:lobby@conference.localhost?join']],
  ['xmpp:alice@example.org?message;body=hi and xmpp:example.org', ['xmpp:alice@example.org?message;body=hi', 'xmpp:example.org']],
  ['xmpp:room@muc.example.org?join;password=secret.', ['xmpp:room@muc.example.org?join;password=secret']],
  ['never javascript:alert(1) nor JavaScript:alert(document.cookie)', []],
  ['nor data:text/html,<script>alert(1)</script> nor data:image/png;base64,iVBORw0KGgo=', []],
  ['nor vbscript:msgbox(1) nor file:///etc/passwd', []],
  ['no mailto:a@b.c nor ftp://x.y/z nor ftp://ftp.example.org/pub', []],
  ['mail me at alice@example.org or alice.smith@mail.example.co.uk', []],
  ['not links: e.g. i.e. node.js file.txt 3.14 v1.2.3 a.b', []],
  ['a sentence.Another one without a space', []],
  ['http:// and https:// alone, and xmpp: alone', []],
  ['two in a row https://a.example/1,https://b.example/2', ['https://a.example/1,https://b.example/2']],
  ['https://example.org/"><img src=x onerror=alert(1)>', ['https://example.org/']],
  ['emoji after https://example.org/🙂 and ☞https://example.org/x', ['https://example.org/🙂', 'https://example.org/x']],
  ['Chinese: 请看https://example.cn/页面。谢谢', ['https://example.cn/页面']],
  ['ends the line: https://example.org/end', ['https://example.org/end']],
];
