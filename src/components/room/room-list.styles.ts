import { css } from 'lit';

/** The room list's styles: added to the room's shadow root when the list's code loads. */
export const roomListStyles = css`
  .room-list {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_gap);
    margin: 0;
    padding: var(--_gap);
    border-bottom: 1px solid var(--_line);
    flex-direction: column;
  }
  .room-list h3 {
    margin: 0;
    font-size: 1em;
  }
  [part~='room-list'] {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.25em;
  }
  [part~='room-list-item'] {
    font: inherit;
    font-size: 0.85em;
    padding: 0.15em 0.6em;
    border: 1px solid var(--_line);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: inherit;
    cursor: pointer;
    display: flex;
    width: 100%;
    justify-content: space-between;
    gap: var(--_gap);
    text-align: start;
  }
`;
