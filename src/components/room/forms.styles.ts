import { css } from 'lit';

/** What the room's on-demand forms (room list, configuration) share: a box under the header, small buttons. */
export const formStyles = css`
  .data-form,
  .room-list {
    display: flex;
    flex-direction: column;
    gap: var(--_gap);
    margin: 0;
    padding: var(--_gap);
    border-bottom: 1px solid var(--_line);
  }
  .data-form h3,
  .room-list h3 {
    margin: 0;
    font-size: 1em;
  }
  .data-form button,
  [part~='room-list-item'] {
    font: inherit;
    font-size: 0.85em;
    padding: 0.15em 0.6em;
    border: 1px solid var(--_line);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: inherit;
    cursor: pointer;
  }
`;
