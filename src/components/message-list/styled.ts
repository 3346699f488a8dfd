/**
 * Renders XEP-0393 blocks (core/styling.ts) as lit templates; loaded on demand.
 * Every piece of the body is a text binding, passed through `text` first
 * (the caller linkifies it): nothing from the body ever becomes markup.
 *
 * Lines are separated by "\n" text, so the container must have
 * `white-space: pre-wrap` (the message body has): a "\n" follows every line
 * but the last block of its container. A "\n" right before a <pre> or a
 * <blockquote> only ends the line, so a blank line of the body stays one
 * blank line. The templates hold no white space of their own for the same
 * reason.
 */
import { css, html } from 'lit';
import type { StyledBlock, StyledSpan } from '../../core/styling.js';

/** The blocks of a message body; `text` turns a run of plain text into what to render. */
export function renderStyled(blocks: readonly StyledBlock[], text: (s: string) => unknown): unknown {
  return blocks.map((block, i) => {
    switch (block.kind) {
      case 'line':
        return [block.spans.map((s) => renderSpan(s, text)), i < blocks.length - 1 ? '\n' : ''];
      case 'pre':
        return html`<pre>${text(block.text)}</pre>`;
      case 'quote':
        return html`<blockquote>${renderStyled(block.blocks, text)}</blockquote>`;
    }
  });
}

function renderSpan(span: StyledSpan, text: (s: string) => unknown): unknown {
  if (typeof span === 'string') return text(span);
  const children = span.children.map((s) => renderSpan(s, text));
  switch (span.kind) {
    case 'strong':
      return html`<strong>${children}</strong>`;
    case 'em':
      return html`<em>${children}</em>`;
    case 'del':
      return html`<del>${children}</del>`;
    case 'code':
      return html`<code>${children}</code>`;
  }
}

/** For the blocks and the preformatted span; add to the styles of the element that renders them. */
export const styledStyles = css`
  pre,
  code {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-size: 0.9em;
    background: color-mix(in srgb, var(--_muted) 12%, transparent);
    border-radius: 0.25em;
  }
  pre {
    margin: 0;
    padding: 0.25em 0.5em;
    overflow-x: auto;
  }
  blockquote {
    margin: 0;
    padding-inline-start: 0.6em;
    border-inline-start: 3px solid var(--_muted);
  }
`;
