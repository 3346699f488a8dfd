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
  /*
   * The show is a shape as well as a colour (WCAG 1.4.1), each colour at least 3:1 on the
   * background (1.4.11), and the show's name is the presence text beside it: available a disc,
   * chat a disc in a ring, away half of one, xa a quarter, dnd a disc with a bar, offline a ring.
   */
  .dot {
    --_dot: #2e7d32;
    flex: none;
    width: 0.75em;
    height: 0.75em;
    border: 2px solid var(--_dot);
    border-radius: 50%;
    background: var(--_dot);
  }
  .dot.chat {
    border: 3px double var(--_dot);
    background-clip: content-box;
  }
  .dot.away,
  .dot.xa {
    --_dot: #b26a00;
    background: linear-gradient(90deg, var(--_dot) 50%, transparent 0);
  }
  .dot.xa {
    background: conic-gradient(var(--_dot) 25%, transparent 0);
  }
  .dot.dnd {
    --_dot: #c62828;
    background: linear-gradient(var(--_bg) 0 0) center / 70% 2px no-repeat var(--_dot);
  }
  .dot.offline {
    --_dot: var(--_muted);
    background: transparent;
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
