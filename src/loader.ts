/**
 * dist/xmpp-elements.js: the one classic `<script src>` a page owner writes.
 *
 * It holds no element code. It looks for `xmpp-*` tags that are not defined
 * yet (in the document now, in what is added later, and in the shadow roots
 * of our own elements) and imports the module of each from the folder next to
 * itself, `xmpp-elements/<name>.js`, which registers the element. Those modules
 * share chunks (lit, Strophe.js, the core), so a page loads what it uses once.
 *
 * A second copy on the page (or the one-file bundle beside it) does nothing:
 * the first copy owns the page, and defined elements are never loaded again.
 * It writes no global but one `Symbol.for` key, the guard.
 */

/** Tag -> module in the folder next to this script. A later element is one line. */
const MODULES: Readonly<Record<string, string>> = {
  'xmpp-room': 'room.js',
  'xmpp-chat': 'chat.js',
  'xmpp-roster': 'roster.js',
  'xmpp-presence': 'presence.js',
  'xmpp-launcher': 'launcher.js',
};

const GUARD = Symbol.for('xmpp-elements.loader');
const FOLDER = 'xmpp-elements/';

/** The URL this script was loaded from: `currentScript` while it runs, else the script tag that names it. */
function ownUrl(): string {
  const current = document.currentScript;
  if (current instanceof HTMLScriptElement && current.src) return current.src;
  const tags = [...document.querySelectorAll<HTMLScriptElement>('script[src]')].filter((s) => /xmpp-elements(\.min)?\.js(\?|#|$)/.test(s.src));
  return tags[tags.length - 1]?.src ?? location.href;
}

function start(base: URL): void {
  const selector = Object.keys(MODULES).join(',');
  const requested = new Set<string>();
  const watched = new WeakSet<Node>();

  const load = (tag: string): void => {
    const file = MODULES[tag];
    if (!file || requested.has(tag) || customElements.get(tag)) return;
    requested.add(tag);
    import(new URL(file, base).href).catch((error: unknown) => {
      requested.delete(tag);
      console.error(`xmpp-elements: could not load <${tag}> from ${new URL(file, base).href}`, error);
    });
  };

  // Our elements may hold others in their shadow roots: watch those too once they exist.
  const watchShadow = (element: Element): void => {
    const tag = element.localName;
    customElements
      .whenDefined(tag)
      .then(() => {
        const root = element.shadowRoot;
        if (root && !watched.has(root)) observe(root);
      })
      .catch(() => undefined);
  };

  const found = (element: Element): void => {
    load(element.localName);
    watchShadow(element);
  };

  const discover = (root: ParentNode): void => {
    if (root instanceof Element && root.matches(selector)) found(root);
    root.querySelectorAll(selector).forEach(found);
  };

  const observer = new MutationObserver((records) => {
    for (const record of records) {
      record.addedNodes.forEach((node) => {
        if (node instanceof Element) discover(node);
      });
    }
  });

  function observe(root: Document | ShadowRoot): void {
    watched.add(root);
    observer.observe(root, { childList: true, subtree: true });
    discover(root);
  }

  observe(document);
}

const registry = globalThis as typeof globalThis & { [GUARD]?: string };
if (!registry[GUARD]) {
  const base = new URL(FOLDER, ownUrl());
  registry[GUARD] = base.href;
  start(base);
}
