// `import type {} from 'xmpp-elements/types/react'` (or a `types` entry in tsconfig.json): the tags
// themselves in React 19's JSX (`<xmpp-room room-jid="…" onxmpp-status={…}>`). React 19 sets what the
// element has as a property, the rest as attributes, and adds `on<event name>` props as listeners.
// The components in 'xmpp-elements/react' need none of this.
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { XmppChat } from '../components/chat/chat.js';
import type { XmppLauncher } from '../components/launcher/launcher.js';
import type { XmppPresence } from '../components/presence/presence.js';
import type { XmppRoom } from '../components/room/room.js';
import type { XmppRoster } from '../components/roster/roster.js';
import type { LowercaseEventProps, XmppElementEvents, XmppElementTags, XmppEventMap } from './elements.js';

/** The props of one tag in React's JSX. */
export type XmppReactProps<E extends HTMLElement, Attributes, Events = XmppElementEvents> = DetailedHTMLProps<HTMLAttributes<E>, E> &
  Attributes &
  LowercaseEventProps<Events>;

/**
 * The five tags. Declared apart and added to IntrinsicElements by `extends`: lit-analyzer (web-component-analyzer)
 * takes tags listed in a JSX IntrinsicElements as element declarations and would then know only these props.
 */
export interface XmppReactElements {
  'xmpp-room': XmppReactProps<XmppRoom, XmppElementTags['xmpp-room']>;
  'xmpp-chat': XmppReactProps<XmppChat, XmppElementTags['xmpp-chat']>;
  'xmpp-roster': XmppReactProps<XmppRoster, XmppElementTags['xmpp-roster']>;
  'xmpp-presence': XmppReactProps<XmppPresence, XmppElementTags['xmpp-presence']>;
  'xmpp-launcher': XmppReactProps<XmppLauncher, XmppElementTags['xmpp-launcher'], XmppEventMap>;
}

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface IntrinsicElements extends XmppReactElements {}
  }
}
