import { ContextProvider } from '@lit/context';
import { LitElement, type PropertyValues, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { LocalizeController } from '../../controllers/localize-controller.js';
import { connectionContext } from '../../controllers/connection-context.js';
import type { Connection } from '../../core/connection.js';
import { optionsOf, registry } from '../../core/registry.js';
import { XmppUnreadEvent } from '../../events/unread-event.js';
import { enLauncher } from '../../i18n/en-launcher.js';
import { addEnglish } from '../../i18n/localize.js';
import { tokenStyles } from '../../styles/tokens.styles.js';
import { launcherStyles } from './launcher.styles.js';

addEnglish(enLauncher);

/** Where a tab keeps the launcher's state across the site's pages: absent (never opened), '1' open, '0' closed. */
const STATE_PREFIX = 'xmpp-elements.launcher:';

function tabStore(): Storage | undefined {
  try {
    return sessionStorage;
  } catch {
    return undefined;
  }
}

/**
 * A chat bubble in a corner of the page; its panel opens over the page and
 * holds any of the other elements. They connect when it is first opened, not
 * on page load (a visitor who never opens it costs the server nothing), and
 * stay connected from then on. Its open state is kept across the site's pages
 * in this tab, as is the session. Closed, its badge adds up the unread
 * messages of the rooms and chats inside. Escape closes it and gives the focus back to the bubble; at
 * 480 px wide or less the open panel fills the screen.
 *
 * The elements inside connect by their own attributes, or by the launcher's
 * (`bosh-url`, `ws-url`, `jid`, `domain`, `host-meta-url`, `credentials-url`,
 * `session-url`) when it has them: it then provides its connection to those
 * without attributes.
 * @attr domain - Without `bosh-url` and `ws-url`: the domain whose endpoints XEP-0156 discovery finds.
 * @attr host-meta-url - Where to read the host-meta instead of the domain's `/.well-known/`.
 * @attr credentials-url - The host site's URL answering `{ "jid", "password" }` for its signed-in user.
 * @attr session-url - The host site's URL answering `{ "jid", "sid", "rid" }` of a prebound BOSH session.
 * @tag xmpp-launcher
 * @slot - The elements in the panel.
 * @csspart launcher-button - The bubble: opens and closes the panel.
 * @csspart badge - On the bubble while closed: the number of unread messages.
 * @csspart panel - The panel that opens over the page.
 * @csspart close-button - Closes the panel.
 * @cssprop [--xmpp-launcher-size=3.5rem] - The bubble's size.
 * @cssprop [--xmpp-launcher-offset=1rem] - Its distance from the corner.
 * @cssprop [--xmpp-launcher-z-index=2147483000] - Its stacking order over the page.
 * @fires {Event} xmpp-show - The panel opened.
 * @fires {Event} xmpp-hide - The panel closed.
 * @fires {XmppUnreadEvent} xmpp-unread - The number of unread messages changed (the sum of the elements' inside, whose own events stop at the launcher).
 */
export class XmppLauncher extends LitElement {
  static override styles = [tokenStyles, launcherStyles];

  /** The panel is open. */
  @property({ type: Boolean, reflect: true }) open = false;

  /** The corner: `bottom-right` (default) or `bottom-left`. */
  @property({ reflect: true }) position: 'bottom-right' | 'bottom-left' = 'bottom-right';

  /** The bubble's and the panel's accessible name (default: "Chat", localized). */
  @property() label = '';

  /** BOSH endpoint for the elements inside that have no connection attributes. */
  @property({ attribute: 'bosh-url' }) boshUrl = '';

  /** WebSocket endpoint for the elements inside that have no connection attributes. */
  @property({ attribute: 'ws-url' }) wsUrl = '';

  /** JID for the elements inside that have no connection attributes. */
  @property() jid = '';

  @state() private count = 0;

  private readonly localize = new LocalizeController(this);
  private readonly provider = new ContextProvider(this, { context: connectionContext });
  private own: Connection | undefined;
  /** The unread counts of the elements inside. */
  private readonly counts = new Map<Element, number>();
  private readonly fitViewport = () => {
    const height = visualViewport?.height;
    if (height) this.style.setProperty('--_vh', `${height}px`);
  };

  constructor() {
    super();
    // The badge adds up the unread counts of the rooms and chats inside (each says when its count changes);
    // above the launcher, its own xmpp-unread stands for theirs.
    this.addEventListener('xmpp-unread', (event) => {
      if (event.target === this) return;
      event.stopImmediatePropagation();
      this.counts.set(event.target as Element, event.detail.count);
      this.sum();
    });
    this.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && this.open && !event.defaultPrevented) {
        event.preventDefault();
        this.hide();
      }
    });
  }

  /** The unread messages of the rooms and chats inside: from others, not seen yet (the panel closed, the page hidden). */
  get unread(): number {
    return this.count;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const kept = tabStore()?.getItem(this.stateKey);
    if (kept === '1') this.open = true;
    else if (kept === '0') this.provide();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.watchViewport(false);
    if (this.own) registry.release(this.own);
    this.own = undefined;
    this.provider.setValue(undefined);
  }

  /** Opens the panel (the elements inside connect the first time). */
  show(): void {
    this.open = true;
  }

  /** Closes the panel; the elements inside stay connected. */
  hide(): void {
    this.open = false;
  }

  /** Opens the panel when it is closed, closes it when it is open. */
  toggle(): void {
    this.open = !this.open;
  }

  /** Closing: the focus was inside (the panel, its close button, the elements in it), to go back to the bubble. */
  private focusWasIn = false;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('open')) return;
    if (this.open) this.provide();
    else this.focusWasIn = this.matches(':focus-within');
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('open')) return;
    // undefined: the first render (open as kept from the site's last page, or as the attribute says).
    const was = changed.get('open');
    if (was === undefined && !this.open) return;
    tabStore()?.setItem(this.stateKey, this.open ? '1' : '0');
    if (this.open) {
      this.watchViewport(true);
      if (was === undefined) return;
      this.renderRoot.querySelector<HTMLElement>('[part~="panel"]')?.focus();
      this.dispatchEvent(new Event('xmpp-show', { bubbles: true, composed: true }));
    } else {
      this.watchViewport(false);
      if (this.focusWasIn) this.renderRoot.querySelector<HTMLElement>('[part~="launcher-button"]')?.focus();
      this.dispatchEvent(new Event('xmpp-hide', { bubbles: true, composed: true }));
    }
  }

  protected override render() {
    const label = this.label || this.localize.t('launcher.label');
    const unread = !this.open && this.count > 0 ? this.localize.t('launcher.unread', { count: this.count }) : '';
    return html`
      <div part="panel" id="panel" role="dialog" aria-label=${label} tabindex="-1" ?hidden=${!this.open}>
        <div class="bar">
          <span class="title" aria-hidden="true">${label}</span>
          <button part="close-button" type="button" aria-label=${this.localize.t('launcher.close')} @click=${() => this.hide()}>×</button>
        </div>
        <div class="content"><slot @slotchange=${() => this.sum()}></slot></div>
      </div>
      <button
        part="launcher-button"
        type="button"
        aria-expanded=${this.open ? 'true' : 'false'}
        aria-controls="panel"
        aria-label=${unread ? `${label}, ${unread}` : label}
        @click=${() => this.toggle()}
      >
        <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z" /></svg>
        ${unread ? html`<span part="badge" aria-hidden="true">${this.count > 99 ? '99+' : this.count}</span>` : nothing}
      </button>
    `;
  }

  /** Open, the panel follows the visual viewport's height (on a phone, the on-screen keyboard takes from it). */
  private watchViewport(on: boolean): void {
    for (const target of [visualViewport, window]) {
      if (on) target?.addEventListener('resize', this.fitViewport);
      else target?.removeEventListener('resize', this.fitViewport);
    }
    if (on) this.fitViewport();
  }

  /** Per launcher (its id) and tab: not per page, so that it is the same on every page of the site. */
  private get stateKey(): string {
    return STATE_PREFIX + this.id;
  }

  /** The elements inside may connect now: with the launcher's connection, or their own (null). */
  private provide(): void {
    if (this.provider.value !== undefined) return;
    const options = optionsOf(this);
    this.own = options && registry.acquire(options);
    this.provider.setValue(this.own ?? null);
    this.own?.start();
  }

  /** Adds up the counts of the elements still inside. */
  private sum(): void {
    let count = 0;
    for (const [element, n] of this.counts) {
      if (this.contains(element)) count += n;
      else this.counts.delete(element);
    }
    if (count !== this.count) this.setCount(count);
  }

  private setCount(count: number): void {
    this.count = count;
    this.dispatchEvent(new XmppUnreadEvent({ count }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'xmpp-launcher': XmppLauncher;
  }
}
