import type { CSSResult, ReactiveElement } from 'lit';
import { addStyles } from '../base/on-demand.js';
import type { MessageKey } from '../../i18n/localize.js';

/** Words a message from the table, as the element's `t()` does. */
export type Translate = (key: MessageKey, params?: Readonly<Record<string, string | number>>) => string;

const shown = new WeakSet<Element>();

/**
 * A `ref` callback for a form that code loaded on demand draws: once the form is in the room's
 * shadow root, adds `styles` there and, with `focus`, gives the focus to its first field (once
 * per form element).
 */
export function whenShown(styles: readonly CSSResult[], focus: boolean) {
  return (form?: Element): void => {
    if (!form || shown.has(form)) return;
    shown.add(form);
    // lit calls a ref while the new form may still be in its template's fragment.
    queueMicrotask(() => {
      const host = (form.getRootNode() as Partial<ShadowRoot>).host;
      if (host instanceof HTMLElement) addStyles(host, styles);
      if (focus) form.querySelector<HTMLElement>('input, select, textarea')?.focus();
    });
  };
}

/**
 * Once the room rendered again, and only if `closed` was taken out of it (a closed form, a removed
 * button), gives the focus to the first control that `selector` finds: Cancel, Save or Escape
 * must not drop it to the page's body.
 */
export function focusAfterClose(closed: Element, selector: string): void {
  const root = closed.getRootNode() as ShadowRoot;
  void (root.host as ReactiveElement).updateComplete.then(() => {
    if (!closed.isConnected) root.querySelector<HTMLElement>(selector)?.focus();
  });
}
