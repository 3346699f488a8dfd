// `import 'xmpp-elements/chat.js'`: registers <xmpp-chat> only.
import { XmppChat } from './components/chat/chat.js';
import { define } from './define-element.js';

define('xmpp-chat', XmppChat);

export { XmppChat };
