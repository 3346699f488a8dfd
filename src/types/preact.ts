// `import type {} from 'xmpp-elements/types/preact'`: the tags in Preact's JSX. Preact sets what the
// element has as a property, the rest as attributes, and `on<event name>` props as listeners
// (`onxmpp-status`).
import type { JSX } from 'preact';
import type { XmppChat } from '../components/chat/chat.js';
import type { XmppLauncher } from '../components/launcher/launcher.js';
import type { XmppPresence } from '../components/presence/presence.js';
import type { XmppRoom } from '../components/room/room.js';
import type { XmppRoster } from '../components/roster/roster.js';
import type { LowercaseEventProps, XmppElementEvents, XmppElementTags, XmppEventMap } from './elements.js';

/** The props of one tag in Preact's JSX. */
export type XmppPreactProps<E extends HTMLElement, Attributes, Events = XmppElementEvents> = Omit<JSX.HTMLAttributes<E>, keyof Attributes> &
  Attributes &
  LowercaseEventProps<Events>;

/**
 * The five tags. Declared apart and added to IntrinsicElements by `extends`: lit-analyzer (web-component-analyzer)
 * takes tags listed in a JSX IntrinsicElements as element declarations and would then know only these props.
 */
export interface XmppPreactElements {
  'xmpp-room': XmppPreactProps<XmppRoom, XmppElementTags['xmpp-room']>;
  'xmpp-chat': XmppPreactProps<XmppChat, XmppElementTags['xmpp-chat']>;
  'xmpp-roster': XmppPreactProps<XmppRoster, XmppElementTags['xmpp-roster']>;
  'xmpp-presence': XmppPreactProps<XmppPresence, XmppElementTags['xmpp-presence']>;
  'xmpp-launcher': XmppPreactProps<XmppLauncher, XmppElementTags['xmpp-launcher'], XmppEventMap>;
}

declare module 'preact' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface IntrinsicElements extends XmppPreactElements {}
  }
}
