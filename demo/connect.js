// Points every <xmpp-room> on the page at the demo's Prosody. scripts/demo.mjs
// serves /demo-config.js with the address of the server it started, so no port
// is written into the HTML.
import config from '/demo-config.js';

for (const room of document.querySelectorAll('xmpp-room')) {
  if (!room.hasAttribute('bosh-url') && !room.hasAttribute('ws-url')) {
    room.setAttribute('bosh-url', config.boshUrl);
  }
}

// The snippet and the footer show the real address.
for (const slot of document.querySelectorAll('[data-demo="bosh-url"]')) {
  slot.textContent = config.boshUrl;
}
