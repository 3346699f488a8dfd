import { css } from 'lit';

/** The bubble in a corner, and the panel that opens over the page (the whole screen on a phone). */
export const launcherStyles = css`
  :host {
    --_size: var(--xmpp-launcher-size, 3.5rem);
    --_edge: var(--xmpp-launcher-offset, 1rem);
    position: fixed;
    inset: auto var(--_edge) var(--_edge) auto;
    z-index: var(--xmpp-launcher-z-index, 2147483000);
    display: block;
    font-family: var(--_font);
    color: var(--_fg);
  }
  :host([position='bottom-left']) {
    inset: auto auto var(--_edge) var(--_edge);
  }
  :host([hidden]) {
    display: none;
  }
  [part~='launcher-button'] {
    position: relative;
    display: grid;
    place-items: center;
    width: var(--_size);
    height: var(--_size);
    margin: env(safe-area-inset-bottom, 0) env(safe-area-inset-right, 0) 0 env(safe-area-inset-left, 0);
    border: 0;
    border-radius: 50%;
    background: var(--_accent);
    /* As the elements' buttons: white on the light scheme's accent, dark on the dark scheme's lighter one. */
    color: var(--_bg);
    cursor: pointer;
    box-shadow: 0 0.25rem 0.75rem rgb(0 0 0 / 25%);
  }
  [part~='launcher-button'] svg {
    width: 55%;
    height: 55%;
    fill: currentColor;
  }
  :focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  [part~='badge'] {
    position: absolute;
    inset: -0.25rem -0.25rem auto auto;
    min-width: 1.5rem;
    height: 1.5rem;
    padding: 0 0.375rem;
    border-radius: 0.75rem;
    border: 2px solid #fff;
    background: #b3261e;
    color: #fff;
    font: 600 0.8rem/1.25rem var(--_font);
  }
  [part~='panel'] {
    position: absolute;
    inset: auto 0 calc(var(--_size) + var(--_gap)) auto;
    display: flex;
    flex-direction: column;
    width: min(24rem, calc(100vw - 2 * var(--_edge)));
    height: min(36rem, calc(100dvh - var(--_size) - 3 * var(--_edge)));
    background: var(--_bg);
    border: 1px solid var(--_line);
    border-radius: var(--_radius);
    box-shadow: 0 0.5rem 2rem rgb(0 0 0 / 25%);
    overflow: hidden;
    transform-origin: bottom right;
    transition:
      opacity 0.15s ease-out,
      transform 0.15s ease-out;
  }
  :host([position='bottom-left']) [part~='panel'] {
    inset: auto auto calc(var(--_size) + var(--_gap)) 0;
    transform-origin: bottom left;
  }
  [part~='panel'][hidden] {
    display: none;
  }
  [part~='panel']:focus {
    outline: none;
  }
  .bar {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: var(--_gap);
    padding: calc(var(--_gap) / 2) calc(var(--_gap) / 2) calc(var(--_gap) / 2) var(--_gap);
    font-weight: 600;
    border-bottom: 1px solid var(--_line);
  }
  [part~='close-button'] {
    min-width: 2.75rem;
    min-height: 2.75rem;
    border: 1px solid var(--_line);
    border-radius: var(--_radius);
    background: var(--_soft);
    color: var(--_fg);
    font: inherit;
    font-size: 1.25rem;
    cursor: pointer;
  }
  .content {
    display: flex;
    flex-direction: column;
    flex: 1;
    min-height: 0;
    overflow: auto;
  }
  ::slotted(*) {
    flex: 1;
    min-height: 0;
  }
  /* A phone: the open panel is the whole visual viewport (the on-screen keyboard shrinks it, see --_vh). */
  @media (max-width: 480px) {
    :host([open]) {
      inset: 0;
    }
    :host([open]) [part~='launcher-button'] {
      display: none;
    }
    [part~='panel'] {
      position: fixed;
      inset: 0 0 auto 0;
      width: 100%;
      height: var(--_vh, 100dvh);
      border: 0;
      border-radius: 0;
      padding: env(safe-area-inset-top, 0) env(safe-area-inset-right, 0) env(safe-area-inset-bottom, 0) env(safe-area-inset-left, 0);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    [part~='panel'] {
      transition: none;
    }
  }
`;
