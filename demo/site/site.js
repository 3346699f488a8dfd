// The mock site's pages: the demo server's address onto the elements, then the elements.
import '../connect.js';
import '/src/main.ts';
