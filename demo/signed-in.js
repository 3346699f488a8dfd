// The signed-in view: a "Sign out" button for alice's shared connection, shown
// while she is signed in. The three elements sign in together through the
// chat's own login form; nothing here touches a password.
const app = document.querySelector('.app');
const button = app?.querySelector('.sign-out');
const chat = app?.querySelector('xmpp-chat');

if (app && button && chat) {
  const update = (status) => {
    app.dataset.status = status;
    button.hidden = status === 'offline' || status === 'auth-failed';
  };
  update('offline');
  // xmpp-status bubbles from all three elements; they share one connection.
  app.addEventListener('xmpp-status', (event) => update(event.detail.status));
  button.addEventListener('click', () => chat.logout());
}
