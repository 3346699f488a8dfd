// `import 'xmpp-elements/presence.js'`: registers <xmpp-presence> only.
import { XmppPresence } from './components/presence/presence.js';
import { define } from './define-element.js';

define('xmpp-presence', XmppPresence);

export { XmppPresence };
