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
`;
