/**
 * Finds links in message text with linkify-it (markdown-it's link finder; no
 * hand-written regex) and keeps only those whose scheme is safe to open: http,
 * https and xmpp. Everything else, `javascript:` and `data:` included, stays
 * plain text.
 */
import { LinkifyIt } from 'linkify-it';

/** A run of text; `href` is set when it is a link that may be opened. */
export interface TextSegment {
  readonly text: string;
  readonly href?: string;
}

/** The schemes a message may link to. */
export const LINK_SCHEMES: readonly string[] = ['http:', 'https:', 'xmpp:'];

let finder: LinkifyIt | undefined;

/** One finder for the page: schemed links, schemeless ones on common TLDs, and xmpp: URIs (RFC 5122). */
function linkFinder(): LinkifyIt {
  finder ??= new LinkifyIt({ fuzzyLink: true, fuzzyEmail: false, fuzzyIP: false })
    .add('ftp:', null)
    .add('mailto:', null)
    .add('//', null)
    .add('xmpp:', {
      // An xmpp: URI names a JID (the shape of a mail address), then an optional ?query;
      // both patterns are linkify-it's own.
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

/** A normalised URL when `href` is absolute and its scheme is allowed, else undefined. */
export function safeHref(href: string): string | undefined {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return undefined;
  }
  return LINK_SCHEMES.includes(url.protocol) ? url.href : undefined;
}

/** Splits text into plain runs and safe links, in order; joining `text` gives back the input. */
export function linkSegments(text: string): TextSegment[] {
  const segments: TextSegment[] = [];
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
