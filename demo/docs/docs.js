// The element reference's script (the page is demo/docs/index.html, made by scripts/docs.mjs).
// Points the live examples at the demo's XMPP server, lists the demo accounts, then defines the
// elements, so each starts with its complete attributes. Outside the demo (the test runner)
// the server's address comes from the test setup's /__xmpp__/config.json.
const status = document.querySelector('[data-demo="status"]');
const PLACEHOLDER = 'https://chat.example.org/http-bind';

async function serverConfig() {
  try {
    return (await import('/demo-config.js')).default;
  } catch {
    const response = await fetch('/__xmpp__/config.json');
    if (!response.ok) throw new Error('no demo server');
    return response.json();
  }
}

async function start() {
  const config = await serverConfig();
  for (const element of document.querySelectorAll('.preview [bosh-url]')) {
    if (element.getAttribute('bosh-url') === PLACEHOLDER) element.setAttribute('bosh-url', config.boshUrl);
  }
  for (const slot of document.querySelectorAll('[data-demo="bosh-url"]')) slot.textContent = config.boshUrl;
  for (const list of document.querySelectorAll('[data-demo="users"]')) {
    const users = Object.entries(config.users ?? {}).map(([key, value]) =>
      typeof value === 'string' ? { jid: `${key}@${config.domain}`, password: value } : value,
    );
    list.replaceChildren(
      ...users.map(({ jid, password }) => {
        const item = document.createElement('li');
        const jidText = document.createElement('code');
        jidText.textContent = jid;
        const passwordText = document.createElement('code');
        passwordText.textContent = password;
        item.append(jidText, ', password ', passwordText);
        return item;
      }),
    );
  }
  await import('/src/main.ts');
  if (status) status.textContent = `they use the server at ${new URL(config.boshUrl).host}.`;
}

// (A promise chain, not a top-level await: the dev servers compile for ES2021.)
start().catch((error) => {
  if (status) status.textContent = `the examples cannot run here (${error instanceof Error ? error.message : String(error)}): start the demo with npm start.`;
});
