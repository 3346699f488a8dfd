import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { type MessageKey, languageOf, loadMessages, messagesReady, onMessagesChange, translate } from '../i18n/localize.js';

type Host = ReactiveControllerHost & HTMLElement;

/** Connected controllers, and the one observer that tells them a `lang` attribute changed. */
const connected = new Set<LocalizeController>();
let observer: MutationObserver | undefined;

function watchLangAttributes(): void {
  if (observer || typeof MutationObserver === 'undefined' || typeof document === 'undefined') return;
  observer = new MutationObserver(() => {
    for (const controller of [...connected]) controller.refresh();
  });
  // `lang` anywhere in the document: <html lang>, a wrapper's, the element's own. Only that attribute.
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
}

function unwatchLangAttributes(): void {
  if (connected.size > 0) return;
  observer?.disconnect();
  observer = undefined;
}

/**
 * The language of an element and its strings. Follows the nearest `lang`
 * attribute (across shadow roots; else the browser's language) and re-renders
 * the host at once when it changes, when the language's table finishes
 * loading, or when the page registers strings.
 *
 * ```ts
 * private readonly localize = new LocalizeController(this);
 * render() { return html`<button>${this.localize.t('composer.send')}</button>`; }
 * ```
 */
export class LocalizeController implements ReactiveController {
  private current = '';
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly host: Host) {
    host.addController(this);
  }

  /** The host's language, lower-case (`en`, `zh-cn`). */
  get lang(): string {
    return languageOf(this.host);
  }

  hostConnected(): void {
    connected.add(this);
    watchLangAttributes();
    this.unsubscribe ??= onMessagesChange(() => this.host.requestUpdate());
    this.refresh();
  }

  hostDisconnected(): void {
    connected.delete(this);
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    unwatchLangAttributes();
  }

  /** Looks a message up in the host's language (English while that table loads). */
  t(key: MessageKey, params?: Readonly<Record<string, string | number>>): string {
    return translate(this.lang, key, params);
  }

  /** Re-renders the host when its language changed; starts loading that language's table. */
  refresh(): void {
    const lang = this.lang;
    if (lang === this.current) return;
    this.current = lang;
    if (!messagesReady(lang)) void loadMessages(lang);
    this.host.requestUpdate();
  }
}
