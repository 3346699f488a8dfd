import { css } from 'lit';

export const rosterStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    min-width: 14rem;
  }
  :host([hidden]) {
    display: none;
  }
  .head {
    padding: calc(var(--_gap) / 2) var(--_gap);
    border-bottom: 1px solid var(--_line);
  }
  nav {
    flex: 1;
    overflow-y: auto;
    padding: 0 var(--_gap);
  }
  h3 {
    margin: 0.75em 0 0.25em;
    font-size: 0.8em;
    color: var(--_muted);
    text-transform: uppercase;
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  li {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem var(--_gap);
    padding: 0.3rem 0;
    border-bottom: 1px solid color-mix(in srgb, var(--_line) 50%, transparent);
  }
  button.open {
    display: flex;
    align-items: center;
    gap: 0.4rem;
    flex: 1;
    min-width: 0;
    color: inherit;
    background: none;
    padding: 0.2em 0;
    text-align: start;
  }
  [part~='contact-name'] {
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  [part~='contact'][part~='offline'] [part~='contact-name'] {
    font-weight: normal;
    color: var(--_muted);
  }
  [part~='unread'] {
    min-width: 1.4em;
    padding: 0 0.4em;
    border-radius: 1em;
    font-size: 0.8em;
    text-align: center;
    color: var(--_bg);
    background: var(--_accent);
  }
  [part~='presence'] {
    flex-basis: 100%;
    font-size: 0.8em;
    color: var(--_muted);
    overflow-wrap: anywhere;
  }
  .dot {
    flex: none;
    width: 0.6em;
    height: 0.6em;
    border-radius: 50%;
    background: #2e7d32;
  }
  .dot.away,
  .dot.xa {
    background: #b26a00;
  }
  .dot.dnd {
    background: #c62828;
  }
  .dot.offline {
    background: transparent;
    border: 1px solid var(--_muted);
  }
  .actions,
  .rename {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem;
    font-size: 0.85em;
  }
  button.secondary {
    color: var(--_fg);
    background: transparent;
    border: 1px solid var(--_line);
  }
  .muted {
    color: var(--_muted);
  }
  form[part~='add-form'] {
    display: grid;
    gap: calc(var(--_gap) / 2);
    padding: var(--_gap);
    border-top: 1px solid var(--_line);
  }
`;
