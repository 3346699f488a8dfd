import { css } from 'lit';
import { formStyles } from './forms.styles.js';

/** The room list's styles: added to the room's shadow root when the list's code loads. */
export const roomListStyles = [
  formStyles,
  css`
    [part~='room-list'] {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: 0.25em;
    }
    [part~='room-list-item'] {
      display: flex;
      width: 100%;
      justify-content: space-between;
      gap: var(--_gap);
      text-align: start;
    }
  `,
];
