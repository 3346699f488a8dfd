// `import type {} from 'xmpp-elements/types/solid'`: the tags in Solid's JSX. Listeners are
// `on:xmpp-status` (Solid's namespaced events keep the name as written).
import type { JSX } from 'solid-js';
import type { XmppChat } from '../components/chat/chat.js';
import type { XmppLauncher } from '../components/launcher/launcher.js';
import type { XmppPresence } from '../components/presence/presence.js';
import type { XmppRoom } from '../components/room/room.js';
import type { XmppRoster } from '../components/roster/roster.js';
import type { XmppElementEvents, XmppElementTags, XmppEventMap } from './elements.js';

/** `on:` + the event name: Solid's listener props. */
export type SolidEventProps<Events> = {
  [K in keyof Events & string as `on:${K}`]?: (event: Events[K]) => void;
};

/** The props of one tag in Solid's JSX. */
export type XmppSolidProps<E extends HTMLElement, Attributes, Events = XmppElementEvents> = Omit<JSX.HTMLAttributes<E>, keyof Attributes> &
  Attributes &
  SolidEventProps<Events>;

/**
 * The five tags. Declared apart and added to IntrinsicElements by `extends`: lit-analyzer (web-component-analyzer)
 * takes tags listed in a JSX IntrinsicElements as element declarations and would then know only these props.
 */
export interface XmppSolidElements {
  'xmpp-room': XmppSolidProps<XmppRoom, XmppElementTags['xmpp-room']>;
  'xmpp-chat': XmppSolidProps<XmppChat, XmppElementTags['xmpp-chat']>;
  'xmpp-roster': XmppSolidProps<XmppRoster, XmppElementTags['xmpp-roster']>;
  'xmpp-presence': XmppSolidProps<XmppPresence, XmppElementTags['xmpp-presence']>;
  'xmpp-launcher': XmppSolidProps<XmppLauncher, XmppElementTags['xmpp-launcher'], XmppEventMap>;
}

declare module 'solid-js' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface IntrinsicElements extends XmppSolidElements {}
  }
}
