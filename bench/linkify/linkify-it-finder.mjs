// The link finder xmpp-elements had before src/core/linkify.ts (linkify-it 6, as of d56b406), kept
// for `node bench/linkify.mjs` to compare against. Not shipped.
import { LinkifyIt } from 'linkify-it';

const LINK_SCHEMES = ['http:', 'https:', 'xmpp:'];

function safeHref(href) {
  let url;
  try {
    url = new URL(href);
  } catch {
    return undefined;
  }
  return LINK_SCHEMES.includes(url.protocol) ? url.href : undefined;
}

let finder;

function linkFinder() {
  finder ??= new LinkifyIt({ fuzzyLink: true, fuzzyEmail: false, fuzzyIP: false })
    .add('ftp:', null)
    .add('mailto:', null)
    .add('//', null)
    .add('xmpp:', {
      validate: (text, pos, self) => {
        const jid = self.re.get_mailto_validator();
        jid.lastIndex = pos;
        const length = jid.exec(text)?.[0].length ?? 0;
        if (!length || text[pos + length] !== '?') return length;
        const rest = new RegExp(self.re.get_path().source, 'y');
        rest.lastIndex = pos + length;
        return length + (rest.exec(text)?.[0].length ?? 0);
      },
    });
  return finder;
}

export function linkSegments(text) {
  const segments = [];
  let last = 0;
  for (const link of linkFinder().match(text) ?? []) {
    const href = safeHref(link.url);
    if (!href || link.index < last) continue;
    if (link.index > last) segments.push({ text: text.slice(last, link.index) });
    segments.push({ text: text.slice(link.index, link.lastIndex), href });
    last = link.lastIndex;
  }
  if (last < text.length || segments.length === 0) segments.push({ text: text.slice(last) });
  return segments;
}
