// Loaded on demand, when an occupant's menu first opens: what our role and affiliation let us
// do to them (XEP-0045 §8, §9), and doing it.
import { type ReactiveControllerHost, type ReactiveElement, html, nothing } from 'lit';
import { allowedActions, canModerate } from '../../core/muc/admin.js';
import type { MucRoom } from '../../core/muc/room.js';
import type { Affiliation, Occupant } from '../../core/muc/types.js';
import { enForms } from '../../i18n/en-forms.js';
import { type MessageKey, addEnglish } from '../../i18n/localize.js';
import { addStyles } from '../base/on-demand.js';
import { formStyles } from './forms.styles.js';
import type { Translate } from './shared.js';

addEnglish(enForms);

/** What a user chose in an occupant's menu. */
export type OccupantAction = 'private' | 'kick' | 'voice' | 'ban' | 'affiliation';

export interface MenuOptions {
  /** The room element: the menu's styles are added to it. */
  readonly host: ReactiveControllerHost & HTMLElement;
  readonly room: MucRoom;
  readonly t: Translate;
  /** "Private message" was chosen: the element opens the chat (xmpp-open-chat). */
  readonly onPrivate: (occupant: Occupant) => void;
  /** XEP-0191, for a signed-in user whose server keeps a block list: Block / Unblock. */
  readonly blockButton?: ((occupant: Occupant) => unknown) | undefined;
}

/** The menu's content: a private message, and what our role allows. */
export function renderMenu(occupant: Occupant, { host, room, t, onPrivate, blockButton }: MenuOptions) {
  addStyles(host, [formStyles]);
  const allowed = allowedActions(room.self, occupant);
  const act = (event: Event, action: OccupantAction) => {
    if (runOccupantAction(room, event, occupant, action)) onPrivate(occupant);
  };
  const button = (action: OccupantAction, label: MessageKey) =>
    html`<button type="button" data-action=${action} @click=${(e: Event) => act(e, action)}>
      ${t(label)}
    </button>`;
  return html`${button('private', 'action.private')} ${blockButton?.(occupant)}
    ${canModerate(allowed)
      ? html`<label>${t('action.reason')} <input name="reason" type="text" autocomplete="off" /></label>`
      : nothing}
    ${allowed.kick ? button('kick', 'action.kick') : nothing}
    ${allowed.voice ? button('voice', occupant.role === 'visitor' ? 'action.voice-grant' : 'action.voice-revoke') : nothing}
    ${allowed.affiliations.includes('outcast') ? button('ban', 'action.ban') : nothing}
    ${allowed.affiliations.length > 0
      ? html`<label
            >${t('action.affiliation')}
            <select name="affiliation">
              ${allowed.affiliations.map(
                (a: Affiliation) => html`<option .value=${a} ?selected=${a === occupant.affiliation}>
                  ${t(a === 'none' ? 'action.affiliation-none' : (`affiliation.${a}` as MessageKey))}
                </option>`,
              )}
            </select></label
          >
          ${button('affiliation', 'action.set-affiliation')}`
      : nothing}`;
}

/** Carries out an occupant action from its menu; the menu closes once the room agreed (Escape closes it too: occupants.ts). */
export function runOccupantAction(room: MucRoom, event: Event, occupant: Occupant, action: OccupantAction): boolean {
  const menu = (event.currentTarget as HTMLElement).closest('details');
  const reason = menu?.querySelector<HTMLInputElement>('input[name="reason"]')?.value.trim() ?? '';
  // Closed, the menu hides the button that had the focus: the focus goes back to its "⋯".
  const done = () => {
    if (!menu) return;
    menu.open = false;
    menu.querySelector('summary')?.focus();
  };
  const shown = () => {
    // Refusals are shown through part="error" by the room.
  };
  switch (action) {
    case 'private':
      done();
      return true;
    case 'kick':
      room.setRole(occupant.nick, 'none', reason).then(done, focusAfterLeaving(room, menu, occupant.nick));
      break;
    case 'voice':
      room.setRole(occupant.nick, occupant.role === 'visitor' ? 'participant' : 'visitor', reason).then(done, shown);
      break;
    case 'ban':
      if (occupant.jid) room.setAffiliation(occupant.jid, 'outcast', reason).then(done, focusAfterLeaving(room, menu, occupant.nick));
      break;
    case 'affiliation': {
      const select = menu?.querySelector<HTMLSelectElement>('select[name="affiliation"]');
      // Outcast (a ban), or none in a members-only room, removes them too.
      if (occupant.jid) {
        room.setAffiliation(occupant.jid, (select?.value ?? 'none') as Affiliation, reason).then(done, focusAfterLeaving(room, menu, occupant.nick));
      }
      break;
    }
  }
  return false;
}

/**
 * Kicked or banned, the occupant leaves the room and its row and menu go with it: the focus they
 * had goes to the "⋯" now in its place (the next occupant's; the previous one's at the end of the
 * list), else to the message input. The next occupant rather than the list or the input: a
 * moderator going down the list by keyboard stays where they were. Returns the unsubscribe, for a
 * refusal (shown through part="error" by the room).
 */
function focusAfterLeaving(room: MucRoom, menu: HTMLDetailsElement | null, nick: string): () => void {
  const root = menu?.getRootNode() as ShadowRoot | undefined;
  if (!menu || !root?.host) return () => undefined;
  const menus = () => [...root.querySelectorAll<HTMLElement>('[part~="occupant-actions"] > summary')];
  const index = menus().indexOf(menu.querySelector('summary')!);
  const off = room.on('occupant', (change) => {
    if (change.nick !== nick || change.occupant) return;
    off();
    // The row is still there: the room renders again after this.
    if (!menu.contains(root.activeElement)) return;
    void (root.host as ReactiveElement).updateComplete.then(() => {
      if (menu.isConnected || root.activeElement) return;
      const left = menus();
      (left[index] ?? left[index - 1] ?? root.querySelector<HTMLElement>('[part~="input"]'))?.focus();
    });
  });
  return off;
}
