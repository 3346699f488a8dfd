import { css } from 'lit';

export const roomStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    container-type: inline-size;
    height: var(--xmpp-room-height, 28rem);
  }
  :host([hidden]) {
    display: none;
  }
  [part~='header'] {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0 var(--_gap);
    padding: var(--_gap);
    border-bottom: 1px solid var(--_line);
  }
  [part~='title'] {
    margin: 0;
    font-size: 1.05em;
    overflow-wrap: anywhere;
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
    flex: none;
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
  @container (max-width: 30rem) {
    [part~='occupants'] {
      display: none;
    }
  }
`;
