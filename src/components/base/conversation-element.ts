import { type PropertyValues, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import type { UnreadController } from '../../controllers/unread-controller.js';
import type { XmppMessageDetail } from '../../events/message-event.js';
import { onDemand } from './on-demand.js';
import { XmppElement } from './xmpp-element.js';

/** Desktop notifications and the title badge: loaded only for an element that asks for one. */
const notifyModule = onDemand(() => import('./notify.js'));
/** Whether the user sees the newest message: the chat needs it at once (read markers), a room from its first message from others. */
const seenModule = onDemand(() => import('../../controllers/unread-controller.js'));

/**
 * What a room and a chat share: the unread count (`unread`, `xmpp-unread`),
 * `title-badge` and `notifications`.
 * @fires {XmppUnreadEvent} xmpp-unread - The number of unread messages changed.
 */
export class XmppConversationElement extends XmppElement {
  /** `(n) ` in front of `document.title` while there are unread messages (one prefix with the total of every such element). */
  @property({ type: Boolean, attribute: 'title-badge' }) titleBadge = false;

  /** Desktop notifications while the page is hidden: `off` (default), `mentions` (a chat's every message), `all`. */
  @property() notifications: 'off' | 'mentions' | 'all' = 'off';

  /** Messages from others not seen yet (the page hidden, the list out of sight or scrolled up), once its module is there. */
  private reads: UnreadController | undefined;
  /** Messages from others that came before it. */
  private early = 0;

  constructor() {
    super();
    this.addEventListener('xmpp-unread', () => this.extras?.badge(this));
  }

  /** The number of unread messages: from others, live (not history), since the user last saw the newest. */
  get unread(): number {
    return this.reads?.count ?? 0;
  }

  /** Starts following whether the user sees the newest message (its module loads the first time). */
  protected watchSeen(): void {
    const module = this.reads ? undefined : seenModule(this);
    if (!module) return;
    this.reads = new module.UnreadController(
      this,
      () => this.renderRoot.querySelector<HTMLElement>('[part~="messages"]'),
      () => this.seen(),
    );
    for (; this.early > 0; this.early--) this.reads.add();
    this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    notifyModule.loaded()?.badge(this);
  }

  /** The user sees the newest message. */
  protected seen(): void {}

  /** The notification module, for an element that asks for it (loading it the first time). */
  private get extras() {
    return this.titleBadge || (this.notifications && this.notifications !== 'off') ? notifyModule(this) : undefined;
  }

  /** A live message from someone else came: unread unless seen; a notification, maybe. */
  protected incoming(message: XmppMessageDetail & { readonly mentions?: readonly string[] }, ownNick?: string): void {
    if (this.reads) this.reads.add();
    else {
      this.early++;
      this.watchSeen();
    }
    this.extras?.notify(this, message, ownNick);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.early) this.watchSeen();
    // Also starts loading the module on the first render of an element that asks for it.
    (this.extras ?? notifyModule.loaded())?.badge(this);
  }

  /** Asks for the notification permission (a button in the header, while it is not given nor refused). */
  protected renderBell() {
    return this.notifications !== 'off' && this.notifications ? (this.extras?.renderBell(this, this.t('notify.enable')) ?? nothing) : nothing;
  }
}
