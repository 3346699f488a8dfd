import { css } from 'lit';

/** The room configuration form's styles: added to the room's shadow root when the form's code loads. */
export const roomConfigStyles = css`
  .data-form {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_gap);
    margin: 0;
    padding: var(--_gap);
    border-bottom: 1px solid var(--_line);
    flex-direction: column;
    align-items: stretch;
    max-height: 60%;
    overflow-y: auto;
  }
  .data-form h3 {
    margin: 0;
    font-size: 1em;
  }
  .data-form label {
    display: flex;
    flex-direction: column;
    gap: 0.15em;
  }
  .data-form label.check {
    flex-direction: row;
    align-items: center;
  }
  .data-form small {
    color: var(--_muted);
  }
  .data-form button {
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
