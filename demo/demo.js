// Shared by index.html and guest.html. Imports run in order: first the server
// address goes onto the elements, then the elements are defined, so each
// <xmpp-room> starts with a complete set of attributes.
import './connect.js';
import '/src/main.ts';
