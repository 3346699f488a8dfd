// `import type {} from 'xmpp-elements/types/vue'` (or a `types` entry in tsconfig.json): the tags in
// Vue 3 templates through Vue's GlobalComponents (vue-tsc, Volar), as Vue's guide types custom elements:
// the attributes, the elements' properties, and `@xmpp-status` listeners (the `onXmppStatus` props that
// Vue compiles them to). The app still tells Vue's compiler they are custom elements
// (`compilerOptions.isCustomElement`, README: Frameworks).
import type { HTMLAttributes } from 'vue';
import type { XmppChat } from '../components/chat/chat.js';
import type { XmppLauncher } from '../components/launcher/launcher.js';
import type { XmppPresence } from '../components/presence/presence.js';
import type { XmppRoom } from '../components/room/room.js';
import type { XmppRoster } from '../components/roster/roster.js';
import type { XmppElementEvents, XmppElementTags, XmppEventMap } from './elements.js';

/** `xmpp-open-chat` -> `xmppOpenChat`. */
type Camel<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Head}${Capitalize<Camel<Tail>>}` : S;

/** `@xmpp-open-chat` in a template is the prop `onXmppOpenChat`. */
export type VueEventProps<Events> = {
  [K in keyof Events & string as `on${Capitalize<Camel<K>>}`]?: (event: Events[K]) => void;
};

/** The properties a template may bind (`:history="10"`, `.connection`): the element's own, not HTMLElement's. */
type ElementProps<E> = Partial<Omit<E, keyof HTMLElement>>;

/** A custom element as a component type for GlobalComponents. */
export type XmppVueElement<E extends HTMLElement, Attributes, Events = XmppElementEvents> = new () => E & {
  /** For template type checking only: not a property of the element. */
  $props: HTMLAttributes & Attributes & ElementProps<E> & VueEventProps<Events>;
  /** For template type checking only. */
  $emit: <K extends keyof Events & string>(event: K, payload: Events[K]) => void;
};

declare module 'vue' {
  interface GlobalComponents {
    'xmpp-room': XmppVueElement<XmppRoom, XmppElementTags['xmpp-room']>;
    'xmpp-chat': XmppVueElement<XmppChat, XmppElementTags['xmpp-chat']>;
    'xmpp-roster': XmppVueElement<XmppRoster, XmppElementTags['xmpp-roster']>;
    'xmpp-presence': XmppVueElement<XmppPresence, XmppElementTags['xmpp-presence']>;
    'xmpp-launcher': XmppVueElement<XmppLauncher, XmppElementTags['xmpp-launcher'], XmppEventMap>;
  }
}
