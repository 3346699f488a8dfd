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
