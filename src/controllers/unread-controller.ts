import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { XmppUnreadEvent } from '../events/unread-event.js';

type Host = ReactiveControllerHost & HTMLElement;

/**
 * Whether the user sees a conversation's newest message, and how many messages
 * from others came while they did not (`count`, announced by `xmpp-unread`).
 * Seen: the page is visible and has the focus, the list is rendered (not
 * display:none, not hidden, not inside a closed launcher: checkVisibility), in
 * the viewport (an IntersectionObserver says so) and scrolled to its newest
 * message. The chat also sends its XEP-0333 displayed marker then (`onSeen`).
 */
export class UnreadController implements ReactiveController {
  /** Messages from others not seen yet. */
  count = 0;
  /** Came since the last check: counted (or not) once the list has laid them out. */
  private fresh = 0;
  /** Unknown until the observer first reports (soon after the list is observed): nothing is decided before. */
  private inView: boolean | undefined;
  /** The reader was at the newest message when the list last laid out (not while it was hidden). */
  private atEnd = true;
  private observed: HTMLElement | null = null;
  private readonly observer = new IntersectionObserver((entries) => {
    this.inView = entries[entries.length - 1]?.isIntersecting ?? this.inView;
    // Shown again, the list lays out anew: a reader who was at the newest message is there again.
    const list = this.observed;
    if (this.inView && this.atEnd && list) list.scrollTop = list.scrollHeight;
    this.check();
  });

  constructor(
    private readonly host: Host,
    private readonly list: () => HTMLElement | null,
    private readonly onSeen?: () => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener('visibilitychange', this.check);
    addEventListener('focus', this.check);
  }

  hostDisconnected(): void {
    document.removeEventListener('visibilitychange', this.check);
    removeEventListener('focus', this.check);
    this.observer.disconnect();
    this.observed = null;
    this.inView = undefined;
  }

  hostUpdated(): void {
    // Watches the list from the first render, and again when the element comes back.
    const list = this.list();
    if (list && list !== this.observed) {
      this.observed = list;
      this.observer.observe(list);
      list.addEventListener('scroll', this.scrolled);
    }
    // Once the update is done: the list's other controllers (stick to bottom) have scrolled it.
    queueMicrotask(this.check);
  }

  /** A live message from someone else: unread unless the user sees it once it is laid out. */
  add(): void {
    this.fresh++;
    this.host.requestUpdate();
  }

  private readonly scrolled = (): void => {
    const list = this.observed;
    if (list && list.clientHeight > 0) this.atEnd = isAtEnd(list);
    this.check();
  };

  private readonly check = (): void => {
    const list = this.observed;
    if (this.inView === undefined) return;
    const seen =
      document.visibilityState === 'visible' &&
      document.hasFocus() &&
      this.inView &&
      !!list?.checkVisibility({ visibilityProperty: true, opacityProperty: true }) &&
      isAtEnd(list);
    const count = seen ? 0 : this.count + this.fresh;
    this.fresh = 0;
    if (seen) this.onSeen?.();
    if (count !== this.count) {
      this.count = count;
      this.host.dispatchEvent(new XmppUnreadEvent({ count }));
    }
  };
}

/** The list shows its newest message. */
function isAtEnd(list: HTMLElement): boolean {
  return list.scrollHeight - list.scrollTop - list.clientHeight < 24;
}
