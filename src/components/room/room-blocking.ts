// Loaded on demand by a signed-in user's room, never a guest's (a guest's server often keeps no
// block list): XEP-0191 blocking of occupants from their menu, and their messages left out.
import { type ReactiveControllerHost, html, nothing } from 'lit';
import { ServiceController } from '../../controllers/service-controller.js';
import { Blocklist } from '../../core/blocking.js';
import { type StanzaError, XmppError } from '../../core/errors.js';
import { bareJid } from '../../core/jid.js';
import type { MucRoom } from '../../core/muc/room.js';
import type { Occupant, TimelineItem } from '../../core/muc/types.js';
import type { ChatMessage } from '../../core/stanzas.js';
import { enBlocking } from '../../i18n/en-blocking.js';
import { addEnglish } from '../../i18n/localize.js';
import type { Translate } from './shared.js';

addEnglish(enBlocking);

/** What the room, its occupant list and an occupant's menu ask of the account's block list. */
export interface RoomBlocking {
  /** The room's timeline without the messages of blocked authors (undefined without a room). */
  readonly timeline: readonly TimelineItem[] | undefined;
  /** The occupant list's mark beside a blocked occupant (part="blocked"). */
  blockedMark(occupant: Occupant): unknown;
  /** The Block or Unblock button of an occupant's menu. */
  blockButton(occupant: Occupant): unknown;
}

/** The room element's protected parts this module reaches (XmppElement, XmppConversationElement). */
interface Internals {
  t: Translate;
  showError(error: StanzaError): void;
  incoming(message: ChatMessage, ownNick?: string): void;
}

interface HostState {
  readonly list: ServiceController<Blocklist>;
  /** Each occupant JID's real bare JID, as the room showed it (kept after they leave: their messages stay). */
  readonly realJids: Map<string, string>;
  /** Whether a message's author is blocked, as of the last render. */
  hides: (message: ChatMessage) => boolean;
}

const states = new WeakMap<ReactiveControllerHost, HostState>();


/**
 * The room element's view of its account's block list; nothing blocked and no buttons until the
 * server sent the list (a server without XEP-0191 never does). The element renders again whenever
 * the list changes (a block, an unblock, a push from another session).
 */
export function roomBlocking(host: ReactiveControllerHost & HTMLElement, room: MucRoom | undefined): RoomBlocking {
  // The room's own translation, error notice and unread count (protected; reached here, not
  // passed or hooked, to keep the room's own code small: it is on every guest's page).
  const internals = host as unknown as Internals;
  let state = states.get(host);
  if (!state) {
    const created: HostState = { list: new ServiceController(host, Blocklist.for), realJids: new Map(), hides: () => false };
    state = created;
    states.set(host, state);
    // A blocked author's live message is no news: not unread, no notification.
    const incoming = internals.incoming;
    internals.incoming = (message, ownNick) => {
      if (!created.hides(message)) incoming.call(host, message, ownNick);
    };
  }
  const list = state.list.value;
  if (!room || !list?.loaded) {
    state.hides = () => false;
    return { timeline: room?.timeline, blockedMark: () => nothing, blockButton: () => nothing };
  }
  const { realJids } = state;
  const t: Translate = (key, params) => internals.t(key, params);
  for (const o of room.occupants) if (o.jid) realJids.set(`${room.jid}/${o.nick}`, bareJid(o.jid));
  /** What Block puts on the list: the real bare JID where the room shows it, else the occupant JID. */
  const target = (o: Occupant) => (o.jid ? bareJid(o.jid) : `${room.jid}/${o.nick}`);
  const isBlocked = (occupantJid: string) => {
    const real = realJids.get(occupantJid);
    return list.has(occupantJid) || (!!real && list.has(real));
  };
  const blocked = (o: Occupant) => isBlocked(`${room.jid}/${o.nick}`);
  const hides = (m: ChatMessage) => !m.outgoing && isBlocked(m.from);
  state.hides = hides;
  const toggle = async (event: Event, o: Occupant) => {
    // Closed, the menu hides this button: the focus goes back to the occupant's "⋯".
    const menu = (event.currentTarget as HTMLElement).closest('details');
    try {
      const jid = target(o);
      await (blocked(o) ? list.unblock(jid, !o.jid) : list.block(jid, !o.jid));
      if (menu) {
        menu.open = false;
        menu.querySelector('summary')?.focus();
      }
    } catch (error) {
      if (error instanceof XmppError) internals.showError(error.error);
    }
  };
  return {
    timeline: list.blocked.length ? room.timeline.filter((i) => i.kind !== 'message' || !hides(i.message)) : room.timeline,
    // After the occupant's badges, a space between (as theirs have).
    blockedMark: (o) => (blocked(o) ? html` <span class="badge" part="blocked">${t('occupant.blocked')}</span>` : nothing),
    blockButton: (o) => {
      // One's own other session in the room (the same account) is not for blocking.
      const own = room.self?.jid;
      if (o.jid && own && bareJid(o.jid) === bareJid(own)) return nothing;
      const on = blocked(o);
      return html`<button type="button" part=${on ? 'unblock-button' : 'block-button'} @click=${(e: Event) => void toggle(e, o)}>
        ${t(on ? 'occupant.unblock' : 'occupant.block')}
      </button>`;
    },
  };
}
