/**
 * Finds links in message text and keeps only those whose scheme is safe to
 * open: http, https and xmpp. Everything else, `javascript:` and `data:`
 * included, stays plain text.
 *
 * One regular expression, not linkify-it: 0.9 KB gzip instead of 4.5 KB,
 * and on our sample of chat text (linkify.sample.ts, `node bench/linkify.mjs`)
 * it finds the same links but for two linkify-it got wrong (see README,
 * "How received text is rendered"). What it finds:
 *
 * - `http://`, `https://` and `xmpp:` URIs (RFC 5122, with `?join` and the like);
 * - `www.` hosts and bare domains on linkify-it's TLDs (the common generic ones
 *   and every two-letter country code, plus non-ASCII TLDs such as `рф`), with
 *   IDN labels, an optional port, path, query and fragment; they link to `http://`;
 * - never the domain of a mail address, nor a domain inside another URI.
 *
 * A link ends at white space, `<`, `>`, `"` or CJK punctuation; trailing punctuation
 * (`.,:;!?'*_~`) is not part of it, and neither is a closing bracket that
 * has no opening one inside the link (`(see https://example.org/a_(b))`).
 * `safeHref` then checks the result with `new URL()`.
 */

/** A run of text; `href` is set when it is a link that may be opened. */
export interface TextSegment {
  readonly text: string;
  readonly href?: string;
}

/** The schemes a message may link to. */
export const LINK_SCHEMES: readonly string[] = ['http:', 'https:', 'xmpp:'];

/** linkify-it's TLDs for schemeless links: generic ones, the two-letter country codes, and non-ASCII ones. */
const TLD =
  'biz|com|edu|gov|net|org|pro|web|xxx|aero|asia|coop|info|museum|name|shop|' +
  'a[cdefgilmnoqrstuwxz]|b[abdefghijmnorstvwyz]|c[acdfghiklmnoruvwxyz]|d[ejkmoz]|e[cegrstu]|f[ijkmor]|' +
  'g[abdefghilmnpqrstuwy]|h[kmnrtu]|i[delmnoqrst]|j[emop]|k[eghimnprwyz]|l[abcikrstuvy]|' +
  'm[acdeghklmnopqrstuvwxyz]|n[acefgilopruz]|om|p[aefghklmnrstwy]|qa|r[eosuw]|s[abcdeghijklmnortuvxyz]|' +
  't[cdfghjklmnortvwz]|u[agksyz]|v[aceginu]|w[fs]|y[et]|z[amw]|xn--[a-z\\d-]+|(?:(?![a-z])[\\p{L}\\p{M}]){2,}';
const LABEL = '[\\p{L}\\p{N}](?:[\\p{L}\\p{N}\\p{M}-]*[\\p{L}\\p{N}\\p{M}])?';
/** A link's characters: up to white space, `<`, `>`, `"` or CJK punctuation (、。，！？；：「」). */
const REST = '[^\\s<>"\\u3001\\u3002\\u300c\\u300d\\uff01\\uff0c\\uff1a\\uff1b\\uff1f]*';
/**
 * 1: a schemed URI. 2: a schemeless host (`www.` or a bare domain) with its port, then 3: its path.
 * The lookbehinds keep a scheme from starting inside a Latin word (after Chinese text it may:
 * there are no spaces), and a bare host from being the tail of a mail address, of another host
 * or of a path.
 */
const FINDER = new RegExp(
  `(?<![a-z\\d])((?:https?://|xmpp:)${REST})` +
    `|(?<![\\p{L}\\p{N}\\p{M}@.:/\\-])((?:${LABEL}\\.)+(?:${TLD})(?::\\d{1,5})?)(?![\\p{L}\\p{N}\\p{M}@\\-])` +
    `((?:[/?#]${REST})?)`,
  'giu',
);
const TRAILING = '.,:;!?\'*_~';
const OPENING: Readonly<Record<string, string>> = { ')': '(', ']': '[', '}': '{' };

/** Drops trailing punctuation and closing brackets the link did not open (linear: a link may be 20,000 characters). */
function trimEnd(link: string): string {
  const count: Record<string, number> = {};
  for (const char of link) if (char in OPENING || Object.values(OPENING).includes(char)) count[char] = (count[char] ?? 0) + 1;
  let end = link.length;
  while (end > 0) {
    const last = link.charAt(end - 1);
    const opening = OPENING[last];
    if (TRAILING.includes(last)) end--;
    else if (opening && (count[opening] ?? 0) < (count[last] ?? 0)) {
      count[last] = (count[last] ?? 0) - 1;
      end--;
    } else break;
  }
  return link.slice(0, end);
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
  for (const match of text.matchAll(FINDER)) {
    const [whole, schemed] = match;
    const link = trimEnd(whole);
    // Something must follow the scheme: a bare "xmpp:" or "https://" is text.
    if (schemed && !/^(?:https?:\/\/|xmpp:)[^/]/i.test(link)) continue;
    const href = safeHref(schemed ? link : `http://${link}`);
    if (!href) continue;
    const index = match.index;
    if (index > last) segments.push({ text: text.slice(last, index) });
    segments.push({ text: link, href });
    last = index + link.length;
  }
  if (last < text.length || segments.length === 0) segments.push({ text: text.slice(last) });
  return segments;
}
