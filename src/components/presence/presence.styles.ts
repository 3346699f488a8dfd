import { css } from 'lit';

export const presenceStyles = css`
  :host {
    display: block;
  }
  :host([hidden]) {
    display: none;
  }
  fieldset {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: var(--_gap);
    margin: 0;
    padding: var(--_gap);
    border: 0;
  }
  legend {
    float: left;
    width: 100%;
    font-size: 0.8em;
    color: var(--_muted);
  }
  label {
    flex: 1 1 8rem;
  }
  .head {
    padding: calc(var(--_gap) / 2) var(--_gap) 0;
  }
`;
