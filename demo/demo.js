// Shared by index.html and guest.html. Imports run in order: first the server
// address goes onto the elements, then the page's own bits, then the elements
// are defined, so each element starts with a complete set of attributes.
import './connect.js';
import './tabs.js';
import './signed-in.js';
import '/src/main.ts';
