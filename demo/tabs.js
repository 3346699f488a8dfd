// The tab bar of demo/index.html: two views on one page. Buttons with
// role="tab", arrow keys move between them, and the URL hash (#room,
// #signed-in) says which one is open so either can be linked to.
const tabs = [...document.querySelectorAll('[role="tab"][aria-controls]')];

function select(tab, { focus = false, updateHash = true } = {}) {
  for (const other of tabs) {
    const selected = other === tab;
    other.setAttribute('aria-selected', String(selected));
    other.tabIndex = selected ? 0 : -1;
    const panel = document.getElementById(other.getAttribute('aria-controls'));
    if (panel) panel.hidden = !selected;
  }
  if (focus) tab.focus();
  if (updateHash) history.replaceState(null, '', `#${tab.getAttribute('aria-controls')}`);
}

function fromHash() {
  const id = decodeURIComponent(location.hash.slice(1));
  const tab = tabs.find((t) => t.getAttribute('aria-controls') === id) ?? tabs[0];
  if (tab) select(tab, { updateHash: false });
}

if (tabs.length > 0) {
  for (const tab of tabs) {
    tab.addEventListener('click', () => select(tab));
    tab.addEventListener('keydown', (event) => {
      const index = tabs.indexOf(tab);
      const next = {
        ArrowRight: tabs[(index + 1) % tabs.length],
        ArrowLeft: tabs[(index - 1 + tabs.length) % tabs.length],
        Home: tabs[0],
        End: tabs[tabs.length - 1],
      }[event.key];
      if (!next) return;
      event.preventDefault();
      select(next, { focus: true });
    });
  }
  window.addEventListener('hashchange', fromHash);
  fromHash();
}
