import { css } from 'lit';
import { formStyles } from './forms.styles.js';

/** The room configuration form's styles: added to the room's shadow root when the form's code loads. */
export const roomConfigStyles = [
  formStyles,
  css`
    .config {
      display: contents;
    }
    .data-form {
      align-items: stretch;
      max-height: 45%;
      overflow-y: auto;
      overflow-wrap: anywhere;
    }
    /* Nothing wider than the form: long option labels and descriptions wrap, fields shrink. */
    .data-form > *,
    .data-form label > * {
      min-width: 0;
      max-width: 100%;
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
