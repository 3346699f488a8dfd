// `import type {} from 'xmpp-elements/types/svelte'` (or a `types` entry in tsconfig.json): the tags
// in Svelte 5 templates (svelte-check). Svelte 5 listeners are attributes: `onxmpp-status={…}`.
import type { HTMLAttributes } from 'svelte/elements';
import type { XmppChat } from '../components/chat/chat.js';
import type { XmppLauncher } from '../components/launcher/launcher.js';
import type { XmppPresence } from '../components/presence/presence.js';
import type { XmppRoom } from '../components/room/room.js';
import type { XmppRoster } from '../components/roster/roster.js';
import type { LowercaseEventProps, XmppElementEvents, XmppElementTags, XmppEventMap } from './elements.js';

/** The attributes of one tag in a Svelte template. */
export type XmppSvelteProps<E extends HTMLElement, Attributes, Events = XmppElementEvents> = Omit<HTMLAttributes<E>, keyof Attributes> &
  Attributes &
  LowercaseEventProps<Events>;

declare module 'svelte/elements' {
  interface SvelteHTMLElements {
    'xmpp-room': XmppSvelteProps<XmppRoom, XmppElementTags['xmpp-room']>;
    'xmpp-chat': XmppSvelteProps<XmppChat, XmppElementTags['xmpp-chat']>;
    'xmpp-roster': XmppSvelteProps<XmppRoster, XmppElementTags['xmpp-roster']>;
    'xmpp-presence': XmppSvelteProps<XmppPresence, XmppElementTags['xmpp-presence']>;
    'xmpp-launcher': XmppSvelteProps<XmppLauncher, XmppElementTags['xmpp-launcher'], XmppEventMap>;
  }
}
