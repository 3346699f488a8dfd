import { type ReactiveControllerHost, css, html } from 'lit';
import type { Connection } from '../../core/connection.js';
import { onDemand } from './on-demand.js';

/** Fetches and caches pictures (core/avatars.ts): loaded the first time someone has one. */
const avatarsModule = onDemand(() => import('../../core/avatars.js'));

/**
 * The picture of `jid` (a bare JID or an occupant's) with this hash, once fetched; the host
 * renders again when it arrives. No hash: XEP-0084 is asked once; '' (none) fetches nothing.
 */
export function avatarFor(host: ReactiveControllerHost, connection: Connection | undefined, jid: string, hash: string | undefined): string | undefined {
  if (!connection || !jid || hash === '') return undefined;
  return avatarsModule(host)?.avatarUrl(connection, jid, hash, () => host.requestUpdate());
}

/** One of eight colours for each name, the same on every page (avatarStyles; no inline style under a strict CSP). */
function tone(name: string): number {
  let h = 0;
  for (const c of name) h = (Math.imul(h, 31) + (c.codePointAt(0) ?? 0)) | 0;
  return Math.abs(h) % 8;
}

/**
 * Someone's `avatar`: their picture when there is one, else their initial on a
 * colour of their own. Beside their name, so hidden from screen readers.
 */
export function renderAvatar(name: string, url: string | undefined) {
  return url
    ? html`<img part="avatar" src=${url} alt="" aria-hidden="true" width="24" height="24" />`
    : html`<span part="avatar" aria-hidden="true" data-tone=${tone(name)}
        >${(Array.from(name.trim())[0] ?? '?').toLocaleUpperCase()}</span
      >`;
}

/** White on each tone is above 4.5:1 (WCAG AA). Sized by --xmpp-avatar-size. */
export const avatarStyles = css`
  [part~='avatar'] {
    inline-size: var(--xmpp-avatar-size, 1.5rem);
    block-size: var(--xmpp-avatar-size, 1.5rem);
    border-radius: 50%;
    object-fit: cover;
    display: inline-grid;
    place-items: center;
    flex: none;
    font-size: 0.75rem;
    font-weight: 600;
    color: #fff;
    background: hsl(var(--_hue, 210) 55% 28%);
  }
  [data-tone='1'] { --_hue: 0; }
  [data-tone='2'] { --_hue: 30; }
  [data-tone='3'] { --_hue: 60; }
  [data-tone='4'] { --_hue: 120; }
  [data-tone='5'] { --_hue: 170; }
  [data-tone='6'] { --_hue: 260; }
  [data-tone='7'] { --_hue: 300; }
`;
