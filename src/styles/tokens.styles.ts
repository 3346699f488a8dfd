import { css } from 'lit';

/** Public custom properties read once into private ones, with light and dark defaults. */
export const tokenStyles = css`
  :host {
    --_font: var(--xmpp-font, system-ui, -apple-system, 'Segoe UI', 'PingFang SC', 'Microsoft YaHei', sans-serif);
    --_bg: var(--xmpp-bg, #ffffff);
    --_fg: var(--xmpp-fg, #1b1f24);
    --_muted: var(--xmpp-muted, #5b6470);
    --_accent: var(--xmpp-accent, #0b63ce);
    --_radius: var(--xmpp-radius, 0.5rem);
    --_gap: var(--xmpp-gap, 0.5rem);
    --_line: color-mix(in srgb, var(--_fg) 15%, transparent);
    --_soft: color-mix(in srgb, var(--_fg) 5%, var(--_bg));
    --_error: #b3261e;
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_bg: var(--xmpp-bg, #16191d);
      --_fg: var(--xmpp-fg, #e6e8eb);
      --_muted: var(--xmpp-muted, #a3abb5);
      --_accent: var(--xmpp-accent, #6aa7ff);
      --_error: #ffb4ab;
    }
  }
`;
