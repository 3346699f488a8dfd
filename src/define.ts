// Registers every element (guarded, so a second copy on the page does no harm).
import { XmppRoom } from './components/room/room.js';
import { define } from './define-element.js';

define('xmpp-room', XmppRoom);
