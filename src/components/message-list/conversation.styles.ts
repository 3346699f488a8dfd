import { css } from 'lit';

/** What a room and a chat share: a column with a header, a title, the list and the composer (hostStyles honour [hidden]). */
export const conversationStyles = css`
  :host {
    display: flex;
    flex-direction: column;
  }
  [part~='header'] {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0 var(--_gap);
    padding: var(--_gap);
    border-bottom: 1px solid var(--_line);
  }
  [part~='title'] {
    margin: 0;
    font-size: 1.05em;
    overflow-wrap: anywhere;
  }
  /* "Load older messages": both labels in one cell, the other one hidden, so the box keeps its size while a page loads. */
  [part~='load-older'] {
    display: grid;
  }
  [part~='load-older'] > * {
    grid-area: 1/1;
  }
  [part~='load-older'][aria-busy='true'] > :first-child,
  [part~='load-older'][aria-busy='false'] > :last-child {
    visibility: hidden;
  }
  [part~='load-older'][aria-busy='true'] {
    cursor: progress;
    opacity: 0.7;
  }
`;
