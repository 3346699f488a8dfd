// `import 'xmpp-elements/room.js'`: registers <xmpp-room> only.
import { XmppRoom } from './components/room/room.js';
import { define } from './define-element.js';

define('xmpp-room', XmppRoom);

export { XmppRoom };
