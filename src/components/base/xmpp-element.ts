import { LitElement, type PropertyValues, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Connection, ConnectionOptions, Status } from '../../core/connection.js';
import type { StanzaError } from '../../core/errors.js';
import { XmppError } from '../../core/errors.js';
import { ConnectionController } from '../../controllers/connection-controller.js';
import { optionsOf } from '../../core/registry.js';
import { XmppErrorEvent } from '../../events/error-event.js';
import { type Invitation, Invitations } from '../../core/invitations.js';
import { ServiceController } from '../../controllers/service-controller.js';
import { XmppJoinRoomEvent } from '../../events/join-room-event.js';
import { LocalizeController } from '../../controllers/localize-controller.js';
import { type MessageKey, describeError, registerMessages } from '../../i18n/localize.js';
import { hostStyles } from '../../styles/host.styles.js';
import { tokenStyles } from '../../styles/tokens.styles.js';
import { onDemand } from './on-demand.js';

/** Our elements that can share a connection (see `leads`). */
const PEERS = 'xmpp-room,xmpp-chat,xmpp-roster,xmpp-presence';

/** Only pages that sign users in draw the login form; only an invitation brings its view. */
const loginForm = onDemand(() => import('./login-form.js'));
const invitationsView = onDemand(() => import('./invitations-view.js'));

/** Errors that coming online resolves. */
const TRANSIENT_ERRORS = new Set([
  'not-joined',
  'chat-offline',
  'remote-connection-failed',
  'remote-server-timeout',
  'remote-server-not-found',
  'reconnect-gave-up',
  'not-authorized',
]);

/**
 * What every xmpp-elements element shares: the connection attributes, the
 * shared connection, status, errors, the login form and the retry button.
 * @attr domain - Without `bosh-url` and `ws-url`: the XMPP domain whose endpoints are found by XEP-0156
 * (`https://<domain>/.well-known/host-meta.json`, then `host-meta`), WebSocket first, BOSH as fallback.
 * Read when the element connects, as are the three below.
 * @attr host-meta-url - Where to read the host-meta (JSON or XRD) instead of the domain's `/.well-known/`,
 * for a site whose document lives elsewhere, or tests on http loopback.
 * @attr credentials-url - The host site's URL answering `{ "jid", "password" }` for its signed-in user:
 * fetched with the page's cookies, again for every login (a reconnect); the password stays in memory. No form.
 * @attr session-url - The host site's URL answering `{ "jid", "sid", "rid" }` of a BOSH session its server
 * already logged in and bound (prebind, XEP-0206): the element attaches to it, and fetches a new one when it is lost.
 * @csspart status - The connection status line.
 * @csspart error - The error notice.
 * @csspart login-form - The sign-in form.
 * @csspart login-jid - The JID field of the sign-in form.
 * @csspart login-password - The password field of the sign-in form.
 * @csspart login-button - The sign-in button.
 * @csspart retry-button - Shown with the `failed` status.
 * @csspart invitation - A received room invitation, on any element of the connection.
 * @csspart invitation-join - Joins the invited room.
 * @csspart invitation-decline - Declines the invitation.
 * @cssprop [--xmpp-font=system-ui] - The font.
 * @cssprop [--xmpp-bg=#ffffff] - The background (dark scheme: #16191d).
 * @cssprop [--xmpp-fg=#1b1f24] - The text colour (dark scheme: #e6e8eb).
 * @cssprop [--xmpp-muted=#5b6470] - Secondary text: times, notices, the status line (dark scheme: #a3abb5).
 * @cssprop [--xmpp-accent=#0b63ce] - Links, own messages, focus rings (dark scheme: #6aa7ff).
 * @cssprop [--xmpp-radius=0.5rem] - Corner radius of messages and controls.
 * @cssprop [--xmpp-gap=0.5rem] - Space between messages and controls.
 * @fires {XmppStatusEvent} xmpp-status - The connection's status changed.
 * @fires {XmppErrorEvent} xmpp-error - A stanza error or connection failure.
 * @fires {XmppJoinRoomEvent} xmpp-join-room - Join was pressed on an invitation shown by an element that is not that room.
 */
export class XmppElement extends LitElement {
  static override styles = [tokenStyles, hostStyles];

  /**
   * Adds or overrides the strings of a language for every element, e.g.
   * `customElements.get('xmpp-room').registerMessages('en', { 'composer.send': 'Post' })`
   * (keys: src/i18n/en.ts). What a page registers wins over the built-in tables; elements re-render.
   */
  static registerMessages = registerMessages;

  /** BOSH endpoint, e.g. `http://host:5280/http-bind`. */
  @property({ attribute: 'bosh-url' }) boshUrl = '';

  /** WebSocket endpoint, e.g. `ws://host:5280/xmpp-websocket`. */
  @property({ attribute: 'ws-url' }) wsUrl = '';

  /** `user@domain` (asks for the password), a bare `domain` (guest), or absent (asks for both). */
  @property() jid = '';

  /** A connection to use instead of the one named by the attributes (for pages and tests). */
  @property({ attribute: false }) connection: Connection | undefined;

  /**
   * Elements on one connection show one login form and announce its status once: this one, where
   * set; else the first of them in the document.
   */
  @property({ type: Boolean, attribute: 'login-form' }) loginForm = false;

  /** The message shown in part="error", if any. */
  @state() protected errorNotice: StanzaError | undefined;

  protected readonly connectionController = new ConnectionController(this);

  /** Every visible string, in the element's language; follows `lang` changes at once. */
  protected readonly localize = new LocalizeController(this);

  /** Received room invitations, shown on every element of the connection. */
  protected readonly invitations = new ServiceController(this, Invitations.for);

  constructor() {
    super();
    // Coming online answers errors about being offline; a bad attribute stays reported.
    this.connectionController.use((connection) =>
      connection.on('status', (status) => {
        if (status === 'online' && this.errorNotice && TRANSIENT_ERRORS.has(this.errorNotice.condition)) {
          this.errorNotice = undefined;
        }
      }),
    );
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.peersChanged();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.peersChanged();
  }

  /** Another element may now lead (or no longer): every element draws again. */
  private peersChanged(): void {
    for (const el of document.querySelectorAll<XmppElement>(PEERS)) el.requestUpdate();
  }

  /** Whether this element shows its connection's login form and announces its status (see `loginForm`). */
  protected get leads(): boolean {
    const peers = [...document.querySelectorAll<XmppElement>(PEERS)].filter((el) => el.xmpp === this.xmpp);
    return !peers.includes(this) || (peers.find((el) => el.loginForm) ?? peers[0]) === this;
  }

  /** The current `xmpp-status` value. */
  get status(): Status {
    return this.connectionController.connection?.status ?? 'offline';
  }

  /** @internal The connection attributes, for the connection controller. */
  get connectionOptions(): ConnectionOptions | undefined {
    return optionsOf(this);
  }

  /** @internal The `connection` property, for the connection controller. */
  get explicitConnection(): Connection | undefined {
    return this.connection;
  }

  /** The connection this element is on (shared), once attached. */
  protected get xmpp(): Connection | undefined {
    return this.connectionController.connection;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('boshUrl') || changed.has('wsUrl') || changed.has('jid') || changed.has('connection')) {
      this.connectionController.refresh();
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.getAttribute('status') !== this.status) this.setAttribute('status', this.status);
  }

  /** Starts (or joins) the shared connection with these credentials. */
  async login(jid: string, password: string): Promise<void> {
    const connection = this.xmpp;
    if (!connection) throw new XmppError({ condition: 'no-service-url', text: '' });
    this.errorNotice = undefined;
    await connection.login(jid, password);
  }

  /** Ends the shared connection, for every element on it. */
  logout(): void {
    this.xmpp?.logout();
  }

  /** Shows an error in part="error" and fires xmpp-error. */
  protected showError(error: StanzaError): void {
    this.errorNotice = error;
    this.dispatchEvent(new XmppErrorEvent(error));
  }

  protected t(key: MessageKey, params?: Readonly<Record<string, string | number>>): string {
    return this.localize.t(key, params);
  }

  protected describe(error: StanzaError): string {
    return describeError(this.localize.lang, error);
  }

  /** The sign-in form is due: a user account with no session yet, or a failed one. */
  protected get needsLogin(): boolean {
    const connection = this.xmpp;
    if (!connection) return false;
    if (connection.automatic) return false;
    return connection.needsCredentials || connection.status === 'failed';
  }

  private handleRetry(): void {
    this.xmpp?.retry();
  }

  protected renderStatus() {
    return html`<span part="status" role=${this.leads ? 'status' : 'none'}>${this.t(`status.${this.status}`)}</span>`;
  }

  protected renderError() {
    const error = this.connectionError() ?? this.errorNotice;
    // Every element that shows its errors also shows received invitations.
    if (!error) return this.renderInvitations();
    const text =
      this.status === 'auth-failed' && error === this.xmpp?.lastError ? this.t('error.auth-failed') : this.describe(error);
    // A failure of the connection is announced by the element that leads; its own errors by each.
    return html`<div part="error" role=${error === this.errorNotice || this.leads ? 'alert' : 'none'}>${text}</div>${this.renderInvitations()}`;
  }

  /**
   * Joins the room of an invitation the user accepted. Elements that are not
   * that room fire `xmpp-join-room` for the page; `<xmpp-room>` joins it itself.
   */
  protected acceptInvitation(invitation: Invitation): void {
    this.dispatchEvent(
      new XmppJoinRoomEvent({
        room: invitation.room,
        from: invitation.from,
        reason: invitation.reason,
        ...(invitation.password ? { password: invitation.password } : {}),
      }),
    );
  }

  protected renderInvitations() {
    const service = this.invitations.value;
    if (!service || service.pending.length === 0) return nothing;
    return invitationsView(this)?.renderInvitations({
      service,
      t: (key, params) => this.t(key, params),
      onAccept: (invitation) => this.acceptInvitation(invitation),
    });
  }

  private connectionError(): StanzaError | undefined {
    const connection = this.xmpp;
    if (!connection) return undefined;
    const status = connection.status;
    return status === 'failed' || status === 'auth-failed' ? connection.lastError : undefined;
  }

  protected renderLoginForm() {
    const connection = this.xmpp;
    if (!connection || !this.needsLogin || !this.leads) return nothing;
    return loginForm(this)?.renderLoginForm({
      configuredJid: connection.configuredJid,
      askJid: !connection.configuredJid || connection.isAnonymous,
      connecting: this.status === 'connecting',
      t: (key) => this.t(key),
      onLogin: (jid, password) => {
        this.login(jid, password).catch(() => {
          // The connection reports the failure through xmpp-error and the status.
        });
      },
    });
  }

  protected renderRetry() {
    const connection = this.xmpp;
    // A guest, or a user whose password this page session still holds (after giving up reconnecting).
    if (!connection || connection.status !== 'failed' || !(connection.isAnonymous || connection.canRetry)) return nothing;
    return html`<button part="retry-button" type="button" @click=${this.handleRetry}>${this.t('retry')}</button>`;
  }
}
