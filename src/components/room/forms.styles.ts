import { css } from 'lit';

/**
 * What the room's forms that load on demand share (the toolbar's panels, the password prompt, an
 * occupant's menu, the room list, the configuration): a box under the header, small buttons.
 */
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
  .panel button,
  .menu button,
  [part~='room-list-item'] {
    font: inherit;
    font-size: 0.85em;
    /* WCAG 2.5.8: a menu's buttons are stacked too close for the spacing exception. */
    min-height: 24px;
    padding: 0.15em 0.6em;
    border: 1px solid var(--_line);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: inherit;
    cursor: pointer;
  }
  /* A panel scrolls rather than squeeze the messages or push the composer out of a short room. */
  .panel {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_gap);
    align-items: center;
    max-height: 30%;
    overflow-y: auto;
    margin: 0;
    padding: var(--_gap);
    border-bottom: 1px solid var(--_line);
  }
  .panel label.check {
    flex-direction: row;
    align-items: center;
  }
  /* An occupant's menu fits the occupant column: nothing in it is wider. */
  .menu {
    display: flex;
    flex-direction: column;
    gap: 0.25em;
    padding: var(--_gap);
    border: 1px solid var(--_line);
    border-radius: var(--_radius);
    background: var(--_bg);
  }
  .menu label {
    display: flex;
    flex-direction: column;
    gap: 0.15em;
  }
  .actions-menu[open],
  .menu input,
  .menu select {
    min-width: 0;
  }
`;
