// Registers every element (guarded, so a second copy on the page does no harm).
import { XmppRoom } from './components/room/room.js';
import { define } from './define-element.js';
import './chat.js';
import './roster.js';
import './presence.js';
import './launcher.js';

define('xmpp-room', XmppRoom);
