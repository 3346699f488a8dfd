import { css } from 'lit';

export const messageListStyles = css`
  [part~='messages'] {
    padding: var(--_gap);
    display: flex;
    flex-direction: column;
    gap: var(--_gap);
    overflow-y: auto;
    min-height: 0;
    flex: 1;
  }
  /* The list inside the log (list and listitem semantics) lays out nothing of its own. */
  [role='list'] {
    display: contents;
  }
  [part~='message'] {
    display: grid;
    grid-template-columns: auto auto 1fr;
    align-items: center;
    column-gap: var(--_gap);
    max-width: 85%;
    padding: calc(var(--_gap) * 0.75) var(--_gap);
    border-radius: var(--_radius);
    background: var(--_soft);
    align-self: flex-start;
  }
  [part~='outgoing'] {
    align-self: flex-end;
    background: color-mix(in srgb, var(--_accent) 14%, var(--_bg));
  }
  [part~='pending'] {
    /* Not faded: its text keeps its contrast (WCAG 1.4.3) while it waits. */
    outline: 1px dashed var(--_muted);
    outline-offset: -1px;
  }
  [part~='message-author'] {
    font-weight: 600;
    font-size: 0.85em;
    overflow-wrap: anywhere;
  }
  [part~='message-time'] {
    font-size: 0.75em;
    color: var(--_muted);
    justify-self: end;
  }
  [part~='message-body'] {
    grid-column: 1 / -1;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  [part~='receipt'],
  [part~='message-body'].action,
  [part~='message-body'].tombstone {
    font-style: italic;
  }
  [part~='message-body'].tombstone {
    color: var(--_muted);
  }
  .show-earlier {
    align-self: center;
  }
  [part~='notice'] {
    align-self: center;
    font-size: 0.8em;
    color: var(--_muted);
    text-align: center;
  }
  .new-messages {
    position: absolute;
    bottom: 0.5rem;
    left: 50%;
    transform: translateX(-50%);
    box-shadow: 0 2px 6px rgb(0 0 0 / 25%);
  }
`;
