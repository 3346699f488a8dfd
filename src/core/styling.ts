/**
 * XEP-0393 Message Styling: a body as blocks (lines, preformatted blocks,
 * quotations) and each line as spans (*strong*, _emphasis_, ~strike~,
 * `preformatted`). A pure parser: it returns plain data and never markup.
 *
 * What it keeps of the body:
 *
 * - a span's directive characters, as its first and last child, because the
 *   XEP recommends showing them ("*strong*" renders as <strong>*strong*</strong>);
 * - a preformatted block verbatim, with its opening line (the text after
 *   "```" is not styling, but it is part of the message) and its closing "```";
 * - a quotation without its ">" and the one white space character after it,
 *   which the XEP says to trim before parsing the quotation's own blocks.
 *
 * Lines end at "\n" or "\r\n". Parsing is linear in the body's length: a
 * span's closing directive is looked up in a list made once per line, and
 * quotations nest at most `MAX_QUOTE_DEPTH` deep (a deeper ">" is text), so
 * no character is visited more than that many times over.
 */

/** An inline span: plain text, or a styled span whose children include its two directives. */
export type StyledSpan = string | { readonly kind: SpanKind; readonly children: readonly StyledSpan[] };

/** `*strong*`, `_em_`, `~del~` (strike through), and `code` for a `preformatted` span. */
export type SpanKind = 'strong' | 'em' | 'del' | 'code';

/** A block: one line of spans, a preformatted block, or a quotation of blocks. */
export type StyledBlock =
  | { readonly kind: 'line'; readonly spans: readonly StyledSpan[] }
  | { readonly kind: 'pre'; readonly text: string }
  | { readonly kind: 'quote'; readonly blocks: readonly StyledBlock[] };

/** Quotations deeper than this are not parsed: their ">" stay text. */
export const MAX_QUOTE_DEPTH = 8;

const KINDS: Readonly<Record<string, SpanKind>> = { '*': 'strong', _: 'em', '~': 'del', '`': 'code' };

const FENCE = '```';

/** XEP-0393's white space: Unicode White_Space or category Z. */
const SPACE = /[\s\p{Z}]/u;

/**
 * Whether `body` may hold any styling: a directive at the start of a line or
 * after white space, or a line starting with ">". When false, `parseStyling`
 * would return plain lines only, so the caller can skip it.
 */
export function hasStyling(body: string): boolean {
  return /(?:^|[\s\p{Z}])[*_~`]|^>/mu.test(body);
}

/** Parses a message body into XEP-0393 blocks. */
export function parseStyling(body: string): StyledBlock[] {
  return parseBlocks(body.split(/\r?\n/), 0);
}

/** Blocks of `lines`, at quotation depth `depth`. */
function parseBlocks(lines: readonly string[], depth: number): StyledBlock[] {
  const blocks: StyledBlock[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (line.startsWith(FENCE)) {
      // Runs to a line that is exactly ``` (included), or to the end of the parent block.
      let end = i + 1;
      while (end < lines.length && lines[end] !== FENCE) end++;
      end = Math.min(end + 1, lines.length);
      blocks.push({ kind: 'pre', text: lines.slice(i, end).join('\n') });
      i = end;
    } else if (line.startsWith('>') && depth < MAX_QUOTE_DEPTH) {
      // Runs to the first line that does not start with ">".
      const quoted: string[] = [];
      for (; i < lines.length && lines[i].startsWith('>'); i++) {
        const rest = lines[i].slice(1);
        quoted.push(SPACE.test(rest.charAt(0)) ? rest.slice(1) : rest);
      }
      blocks.push({ kind: 'quote', blocks: parseBlocks(quoted, depth + 1) });
    } else {
      blocks.push({ kind: 'line', spans: parseSpans(line) });
      i++;
    }
  }
  return blocks;
}

/**
 * The spans of one line. XEP-0393 §6.2: an opening directive is at the start
 * of the line, after white space, or right after the opening directive of an
 * enclosing span; it is followed by neither white space nor the same
 * character ("**" and "****" are plain). The closing directive is the first
 * later one of the same character that follows a non-space (spans match
 * lazily), and must lie inside the enclosing span. So a span never holds one
 * of its own kind (its first closer would close the outer span), and a ` span
 * holds plain text only.
 */
function parseSpans(line: string): StyledSpan[] {
  if (!/[*_~`]/.test(line)) return line ? [line] : [];
  // For each directive character, the positions where it could close a span, in order.
  const closers: Record<string, number[]> = { '*': [], _: [], '~': [], '`': [] };
  for (let j = 1; j < line.length; j++) {
    if (line[j] in KINDS && !SPACE.test(line[j - 1])) closers[line[j]].push(j);
  }
  // Openers of one character are met left to right, so each list is read once, in order.
  const read: Record<string, number> = { '*': 0, _: 0, '~': 0, '`': 0 };
  const closerAfter = (mark: string, i: number) => {
    const list = closers[mark];
    while (read[mark] < list.length && list[read[mark]] <= i) read[mark]++;
    return read[mark] < list.length ? list[read[mark]] : Infinity;
  };

  /** Spans of line[from, to): the whole line, or the inside of a span. */
  const spans = (from: number, to: number): StyledSpan[] => {
    const out: StyledSpan[] = [];
    let plain = from;
    for (let i = from; i < to; i++) {
      const mark = line[i];
      const kind = KINDS[mark];
      if (!kind) continue;
      if (i > from && !SPACE.test(line[i - 1])) continue;
      const next = line.charAt(i + 1);
      if (next === '' || next === mark || SPACE.test(next)) continue;
      const close = closerAfter(mark, i);
      if (close >= to) continue;
      if (plain < i) out.push(line.slice(plain, i));
      const inner = kind === 'code' ? [line.slice(i + 1, close)] : spans(i + 1, close);
      out.push({ kind, children: [mark, ...inner, mark] });
      i = close;
      plain = close + 1;
    }
    if (plain < to) out.push(line.slice(plain, to));
    return out;
  };
  return spans(0, line.length);
}
