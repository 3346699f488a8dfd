/**
 * Finds links in message text with linkifyjs (no hand-written regex) and keeps
 * only those whose scheme is safe to open: http, https and xmpp. Everything
 * else, `javascript:` and `data:` included, stays plain text.
 */
import { find, registerCustomProtocol } from 'linkifyjs';

/** A run of text; `href` is set when it is a link that may be opened. */
export interface TextSegment {
  readonly text: string;
  readonly href?: string;
}

/** The schemes a message may link to. */
export const LINK_SCHEMES: readonly string[] = ['http:', 'https:', 'xmpp:'];

let registered = false;

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
  if (!registered) {
    registered = true;
    // xmpp: URIs (RFC 5122) have no "//"; linkifyjs must be told before its first use.
    try {
      registerCustomProtocol('xmpp', true);
    } catch {
      // Another copy of linkifyjs on the page was initialised first: xmpp: links stay text.
    }
  }
  const segments: TextSegment[] = [];
  let last = 0;
  for (const link of find(text, 'url')) {
    const href = safeHref(link.href);
    if (!href || link.start < last) continue;
    if (link.start > last) segments.push({ text: text.slice(last, link.start) });
    segments.push({ text: text.slice(link.start, link.end), href });
    last = link.end;
  }
  if (last < text.length || segments.length === 0) segments.push({ text: text.slice(last) });
  return segments;
}
