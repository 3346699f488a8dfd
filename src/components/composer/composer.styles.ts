import { css } from 'lit';

export const composerStyles = css`
  [part~='composer'] {
    display: flex;
    gap: var(--_gap);
    padding: var(--_gap);
    border-top: 1px solid var(--_line);
  }
  [part~='input'] {
    flex: 1;
    resize: vertical;
    min-height: 2.5em;
  }
`;
