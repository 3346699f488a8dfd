import type { CSSResult, ReactiveControllerHost } from 'lit';

/**
 * Code that few pages need (forms, the room list…), loaded the first time an
 * element asks for it. `get(host)` answers the module once it is there, else
 * undefined, starting the load; every element that asked renders again when it
 * arrives. `get.loaded()` answers it only if it is there, loading nothing. The bundles inline it; the loader's build makes it a chunk of its own.
 */
export function onDemand<M>(load: () => Promise<M>): ((host: ReactiveControllerHost) => M | undefined) & { readonly loaded: () => M | undefined } {
  let module: M | undefined;
  let loading: Promise<void> | undefined;
  const waiting = new Set<ReactiveControllerHost>();
  const get = (host: ReactiveControllerHost) => {
    if (module) return module;
    waiting.add(host);
    loading ??= load().then(
      (loaded) => {
        module = loaded;
        for (const waiter of waiting) waiter.requestUpdate();
        waiting.clear();
      },
      (error: unknown) => {
        // A failed fetch (offline, a deploy in between) is tried again on the next render.
        loading = undefined;
        console.error('xmpp-elements: could not load a part of the widget', error);
      },
    );
    return undefined;
  };
  /** The module if it is there already; never starts the load. */
  return Object.assign(get, { loaded: () => module });
}

/**
 * Adds the styles of code loaded on demand to an element's shadow root, once.
 * A constructable stylesheet, as lit's own: allowed under a strict `style-src`.
 */
export function addStyles(host: HTMLElement, styles: readonly CSSResult[]): void {
  const root = host.shadowRoot;
  if (!root) return;
  const sheets = styles.map((s) => s.styleSheet).filter((sheet): sheet is CSSStyleSheet => !!sheet);
  const missing = sheets.filter((sheet) => !root.adoptedStyleSheets.includes(sheet));
  if (missing.length) root.adoptedStyleSheets = [...root.adoptedStyleSheets, ...missing];
}
