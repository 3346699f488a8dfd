// Points every element on the page at the demo's Prosody. scripts/demo.mjs
// serves /demo-config.js with the address of the server it started, so no port
// is written into the HTML.
import config from '/demo-config.js';

// data-transport="websocket" asks for the WebSocket endpoint instead: every tab and frame of a site
// shares one BOSH session (one person), so the demo's second guest needs a connection of another kind.
for (const element of document.querySelectorAll('xmpp-room, xmpp-chat, xmpp-roster, xmpp-presence')) {
  if (!element.hasAttribute('bosh-url') && !element.hasAttribute('ws-url')) {
    if (element.dataset.transport === 'websocket') element.setAttribute('ws-url', config.wsUrl);
    else element.setAttribute('bosh-url', config.boshUrl);
  }
}

// The snippet and the footer show the real address.
for (const slot of document.querySelectorAll('[data-demo="bosh-url"]')) {
  slot.textContent = config.boshUrl;
}

// The demo accounts, as text for the visitor to read and type: the page never
// fills in a password field or keeps a password anywhere.
const ROLES = {
  alice: 'you: sign in',
  bob: 'online, echo bot',
  carol: 'away, auto-reply',
  dave: 'offline',
};
for (const body of document.querySelectorAll('[data-demo="users"]')) {
  body.replaceChildren(
    ...(config.users ?? []).map(({ jid, password }) => {
      const row = document.createElement('tr');
      const local = jid.split('@')[0];
      const online = config.peersOnline?.includes(jid);
      const role = local === 'alice' ? ROLES.alice : online ? ROLES[local] ?? 'online' : ROLES[local] ? 'offline' : '';
      const account = document.createElement('td');
      const jidText = document.createElement('code');
      jidText.textContent = jid;
      const note = document.createElement('span');
      note.className = 'role';
      note.textContent = role;
      account.append(jidText, note);
      const secret = document.createElement('td');
      const passwordText = document.createElement('code');
      passwordText.textContent = password;
      secret.append(passwordText);
      row.append(account, secret);
      if (local === 'alice') row.className = 'me';
      return row;
    }),
  );
}
