// `import 'xmpp-elements/launcher.js'`: registers <xmpp-launcher> only.
import { XmppLauncher } from './components/launcher/launcher.js';
import { define } from './define-element.js';

define('xmpp-launcher', XmppLauncher);

export { XmppLauncher };
