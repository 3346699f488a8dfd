import { css } from 'lit';
import { formStyles } from './forms.styles.js';

/** The room configuration form's styles: added to the room's shadow root when the form's code loads. */
export const roomConfigStyles = [
  formStyles,
  css`
    .data-form {
      align-items: stretch;
      max-height: 60%;
      overflow-y: auto;
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
  `,
];
