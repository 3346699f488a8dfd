// `import 'xmpp-elements/roster.js'`: registers <xmpp-roster> only.
import { XmppRoster } from './components/roster/roster.js';
import { define } from './define-element.js';

define('xmpp-roster', XmppRoster);

export { XmppRoster };
