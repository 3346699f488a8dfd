import { css } from 'lit';

export const chatStyles = css`
  :host {
    height: var(--xmpp-chat-height, 28rem);
  }
  .presence {
    font-size: 0.8em;
    color: var(--_muted);
  }
  .main {
    position: relative;
    display: flex;
    flex-direction: column;
    flex: 1;
    min-height: 0;
  }
  [part~='load-older'] {
    align-self: center;
    margin: calc(var(--_gap) / 2);
    font-size: 0.85em;
    display: grid;
  }
  /* Both labels in one cell, the other one hidden: the box keeps its size while a page loads. */
  [part~='load-older'] > * {
    grid-area: 1/1;
  }
  [part~='load-older'][aria-busy='true'] > :first-child,
  [part~='load-older'][aria-busy='false'] > :last-child {
    visibility: hidden;
  }
  [part~='load-older'][aria-busy='true'] {
    cursor: progress;
    opacity: 0.7;
  }
  .typing-line {
    min-height: 1.2em;
    padding: 0 var(--_gap);
    font-size: 0.8em;
    color: var(--_muted);
  }
  form.with-form {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: var(--_gap);
    padding: var(--_gap);
  }
`;
