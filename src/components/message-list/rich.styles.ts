import { css } from 'lit';
import { styledStyles } from './styled.js';

/** What rich.ts draws: added to the element's shadow root when it loads. */
const rowStyles = css`
  [part~='message'] {
    position: relative;
  }
  [part~='message']:focus {
    outline: 2px solid var(--_accent);
    outline-offset: 1px;
  }
  /* Links come from linkify.ts, in this chunk too. */
  [part~='message-body'] a {
    color: var(--_accent);
  }
  /* 14% as own messages: times (muted) and links keep 4.5:1 on it (22% had 4.3 and 4.1). */
  [part~='mention'] {
    box-shadow: inset 3px 0 0 var(--_accent);
    background: color-mix(in srgb, var(--_accent) 14%, var(--_bg));
  }
  [part~='message-body'].encrypted {
    font-style: italic;
    color: var(--_muted);
  }
  [part~='reply-quote'],
  [part~='attachment'],
  [part~='reactions'],
  [part~='message-actions'],
  .spoiler-toggle {
    grid-column: 1 / -1;
  }
  [part~='reply-quote'] {
    margin: 0.2em 0;
    padding-inline-start: 0.5em;
    border-inline-start: 3px solid var(--_accent);
    font-size: 0.9em;
    color: var(--_muted);
    overflow: hidden;
    display: -webkit-box;
    -webkit-line-clamp: 3;
    -webkit-box-orient: vertical;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .quote-author {
    font-weight: 600;
  }
  [part~='attachment'] {
    color: var(--_accent);
    overflow-wrap: anywhere;
    justify-self: start;
  }
  /*
   * An image keeps the box its width and height attributes reserve (4:3, 20rem wide at most)
   * before and after it loads, so the list does not jump; the picture fits inside it.
   */
  [part~='attachment'].image {
    inline-size: min(100%, 20rem);
  }
  [part~='attachment'] img {
    display: block;
    inline-size: 100%;
    block-size: auto;
    aspect-ratio: 4 / 3;
    object-fit: scale-down;
    object-position: left center;
    background: var(--_soft);
    border-radius: calc(var(--_radius) / 2);
  }
  .reactions,
  .message-actions,
  .picker {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em;
    align-items: center;
  }
  .reactions {
    margin-top: 0.2em;
  }
  .more-emoji {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(2.2em, 1fr));
    gap: 0.25em;
    inline-size: 100%;
    max-block-size: 12em;
    overflow-y: auto;
  }
  button.reaction,
  .message-actions button {
    min-width: 24px;
    min-height: 24px;
    padding: 0.1em 0.45em;
    color: var(--_fg);
    background: var(--_bg);
    border: 1px solid var(--_line);
    font-size: 0.85em;
  }
  [part~='reaction'][part~='own'] {
    border-color: var(--_accent);
    background: color-mix(in srgb, var(--_accent) 18%, var(--_bg));
  }
  .message-actions {
    justify-self: end;
    margin-top: 0.2em;
    font-size: 0.9em;
  }
  .message-actions [part~='retract-confirm'] {
    color: var(--_bg);
    background: var(--_accent);
  }
  .spoiler-toggle {
    justify-self: start;
    color: var(--_fg);
    background: var(--_soft);
    border: 1px dashed var(--_muted);
  }
  [part~='composer'] {
    flex-wrap: wrap;
  }
  .draft {
    display: flex;
    align-items: center;
    gap: var(--_gap);
    padding: 0.25em var(--_gap);
    font-size: 0.85em;
    color: var(--_muted);
    border-inline-start: 3px solid var(--_accent);
    grid-column: 1 / -1;
    flex-basis: 100%;
  }
  .draft span {
    flex: 1;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  button.secondary {
    color: var(--_fg);
    background: var(--_bg);
    border: 1px solid var(--_line);
    min-width: 24px;
    min-height: 24px;
    padding: 0.1em 0.45em;
  }
`;

export const richStyles = [rowStyles, styledStyles];
