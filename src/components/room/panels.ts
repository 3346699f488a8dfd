import { html, nothing } from 'lit';
import { REMOVALS } from '../../core/muc/codes.js';
import type { MucRoom } from '../../core/muc/room.js';
import type { MessageKey } from '../../i18n/localize.js';
import type { Translate } from './shared.js';

/** The room's small forms: change nickname, change subject, invite. */
export type Panel = '' | 'nick' | 'subject' | 'invite';

export interface ToolbarOptions {
  readonly room: MucRoom;
  readonly t: Translate;
  readonly panel: Panel;
  /** The configuration form is open. */
  readonly configuring: boolean;
  readonly onToggle: (panel: Panel) => void;
  readonly onConfigure: () => void;
  readonly onLeave: () => void;
  readonly onRejoin: () => void;
  /** More buttons of the room's own (the signed-in user's Bookmark), before Leave. */
  readonly extra?: unknown;
}

/** The room's actions: rejoin after leaving, or subject, nickname, invite, configure and leave. */
export function renderToolbar({ room, t, panel, configuring, onToggle, onConfigure, onLeave, onRejoin, extra }: ToolbarOptions) {
  if (room.state === 'left' || (room.state === 'error' && !room.needsPassword)) {
    return html`<div class="toolbar">
      <button type="button" data-action="rejoin" @click=${onRejoin}>${t('room.rejoin')}</button>
    </div>`;
  }
  if (room.state !== 'joined') return nothing;
  const toggle = (which: Panel, label: MessageKey) =>
    html`<button type="button" data-action=${which} aria-expanded=${panel === which ? 'true' : 'false'}
      @click=${() => onToggle(panel === which ? '' : which)}>${t(label)}</button>`;
  return html`<div class="toolbar">
    ${toggle('subject', 'room.change-subject')} ${toggle('nick', 'room.change-nick')} ${toggle('invite', 'room.invite')}
    ${room.self?.affiliation === 'owner' && !configuring
      ? html`<button type="button" data-action="configure" @click=${onConfigure}>${t('room.configure')}</button>`
      : nothing}
    ${extra}<button type="button" data-action="leave" @click=${onLeave}>${t('room.leave')}</button>
  </div>`;
}

/** Why the composer is off: a visitor in a moderated room, or removed from the room. */
export function renderMuted(room: MucRoom | undefined, t: Translate) {
  if (room?.state === 'joined' && room.self?.role === 'visitor') {
    return html`<p part="notice" class="muted" id="muted">${t('room.visitor-muted')}</p>`;
  }
  const removal = room?.state === 'left' ? room.removal : undefined;
  if (!removal) return nothing;
  return html`<p part="notice" class="muted removed" role="status">
    ${t(`notice.${REMOVALS[removal.kind].self}`, { reason: removal.reason })}
  </p>`;
}
