import { css } from 'lit';

export const roomStyles = css`
  :host {
    container-type: inline-size;
    height: var(--xmpp-room-height, 28rem);
  }
  [part~='subject'] {
    flex-basis: 100%;
    margin: 0;
    font-size: 0.85em;
    color: var(--_muted);
    overflow-wrap: anywhere;
  }
  .body {
    position: relative;
    display: flex;
    flex: 1;
    min-height: 0;
  }
  .main {
    position: relative;
    display: flex;
    flex-direction: column;
    flex: 1;
    min-width: 0;
  }
  [part~='occupants'] {
    width: 11rem;
    margin: 0;
    padding: var(--_gap);
    overflow-y: auto;
    border-inline-start: 1px solid var(--_line);
    font-size: 0.9em;
  }
  [part~='occupants'] h3 {
    margin: 0.5em 0 0.25em;
    font-size: 0.8em;
    color: var(--_muted);
    text-transform: uppercase;
  }
  [part~='occupants'] ul {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  [part~='occupant'] {
    display: flex;
    flex-wrap: wrap;
    gap: 0.35em;
    align-items: center;
    overflow-wrap: anywhere;
  }
  .show {
    width: 0.55em;
    height: 0.55em;
    flex: none;
    border-radius: 50%;
    background: #2e9e44;
  }
  .show.away,
  .show.xa {
    background: #d99a00;
  }
  .show.dnd {
    background: #c62828;
  }
  .badge {
    font-size: 0.75em;
    color: var(--_muted);
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em;
    margin-inline-start: auto;
  }
  .toolbar button,
  [part~='load-older'],
  [part~='invitation'] button {
    font: inherit;
    font-size: 0.85em;
    padding: 0.15em 0.6em;
    border: 1px solid var(--_line);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: inherit;
    cursor: pointer;
  }
  [part~='invitation'] {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_gap);
    align-items: center;
    margin: 0;
    padding: var(--_gap);
    border-bottom: 1px solid var(--_line);
  }
  [part~='load-older'] {
    align-self: center;
    margin-top: 0.25em;
  }
  .actions-menu {
    margin-inline-start: auto;
    position: relative;
  }
  .actions-menu summary {
    cursor: pointer;
    list-style: none;
    padding: 0 0.3em;
  }
  .actions-menu[open] {
    flex-basis: 100%;
  }
  .muted {
    margin: 0;
    padding: 0 var(--_gap);
    font-size: 0.85em;
    color: var(--_muted);
  }
  .occupants {
    display: contents;
  }
  [part~='occupants-toggle'] {
    display: none;
  }
  /* Too narrow for the list beside the messages: its toggle opens it over them. */
  @container (max-width: 30rem) {
    .occupants {
      position: absolute;
      inset-inline-end: 0;
      z-index: 1;
      display: flex;
      flex-direction: column;
      align-items: end;
      max-height: 100%;
    }
    [part~='occupants-toggle'] {
      display: block;
    }
    /* At the start of the row, clear of the toggle at its end. */
    [part~='load-older'] {
      align-self: start;
      margin-inline-start: var(--_gap);
    }
    /* Closed, unless it holds the focus (a menu open as the room got narrow): then it stays. */
    [aria-expanded='false'] + [part~='occupants']:not(:focus-within) {
      display: none;
    }
    [part~='occupants'] {
      background: var(--_bg);
      border: 1px solid var(--_line);
    }
  }
`;
