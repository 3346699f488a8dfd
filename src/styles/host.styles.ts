import { css } from 'lit';

/** What every element shares: host box, status line, error, login form, buttons. */
export const hostStyles = css`
  :host {
    display: block;
    box-sizing: border-box;
    font-family: var(--_font);
    color: var(--_fg);
    background: var(--_bg);
    border: 1px solid var(--_line);
    border-radius: var(--_radius);
    overflow: hidden;
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  [part~='status'] {
    font-size: 0.8em;
    color: var(--_muted);
  }
  [part~='error'] {
    margin: var(--_gap);
    padding: calc(var(--_gap) / 2) var(--_gap);
    border-radius: var(--_radius);
    color: var(--_error);
    background: color-mix(in srgb, var(--_error) 10%, var(--_bg));
    overflow-wrap: anywhere;
  }
  form[part~='login-form'] {
    display: grid;
    gap: var(--_gap);
    padding: var(--_gap);
    max-width: 24rem;
  }
  label {
    display: grid;
    gap: 0.25rem;
    font-size: 0.9em;
  }
  input,
  textarea,
  select {
    font: inherit;
    color: inherit;
    background: var(--_bg);
    border: 1px solid var(--_line);
    border-radius: calc(var(--_radius) / 2);
    padding: 0.4em 0.6em;
  }
  button {
    font: inherit;
    cursor: pointer;
    color: var(--_bg);
    background: var(--_accent);
    border: 0;
    border-radius: calc(var(--_radius) / 2);
    padding: 0.4em 0.9em;
  }
  [part~='retry-button'] {
    align-self: center;
    margin: 0 var(--_gap) var(--_gap);
  }
  button:disabled {
    opacity: 0.6;
    cursor: default;
  }
  :focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;
