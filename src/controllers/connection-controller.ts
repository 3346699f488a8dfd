import { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Connection, ConnectionOptions } from '../core/connection.js';
import { connectionKey, registry } from '../core/registry.js';
import { XmppErrorEvent } from '../events/error-event.js';
import { XmppStatusEvent } from '../events/status-event.js';
import { connectionContext } from './connection-context.js';

export interface ConnectionHost extends ReactiveControllerHost, HTMLElement {
  /** The connection attributes, or undefined when the element has none. */
  readonly connectionOptions: ConnectionOptions | undefined;
  /** A connection set by the page (`.connection`), which wins over attributes. */
  readonly explicitConnection: Connection | undefined;
}

/** Called with each connection the host gets; returns what undoes it when the host loses that connection. */
export type ConnectionUse = (connection: Connection) => (() => void) | void;

const controllers = new WeakMap<ReactiveControllerHost, ConnectionController>();

/**
 * Gives an element its shared connection, from (first match wins) its
 * `.connection` property, the registry by its connection attributes, an
 * ancestor that provides one through @lit/context, or the page's only
 * connection. Re-renders the host on status changes, turns connection events
 * into DOM events, and lets other controllers `use()` the connection.
 */
export class ConnectionController implements ReactiveController {
  private current: Connection | undefined;
  private fromRegistry = false;
  private offs: (() => void)[] = [];
  private waitForPage: (() => void) | undefined;
  private attachedKey = '';
  private readonly uses: ConnectionUse[] = [];
  /**
   * Set once an ancestor answered the context request: its connection, undefined ("wait": a launcher
   * not opened yet), or null (go on: the element connects by its own attributes).
   */
  private provider: { readonly value: Connection | null | undefined } | undefined;
  private readonly consumer: ContextConsumer<typeof connectionContext, ConnectionHost>;

  constructor(private readonly host: ConnectionHost) {
    // Added before this controller, so an ancestor's answer is known when this one attaches.
    this.consumer = new ContextConsumer(host, {
      context: connectionContext,
      subscribe: true,
      callback: (value) => {
        this.provider = { value };
        this.refresh();
      },
    });
    host.addController(this);
    controllers.set(host, this);
  }

  /** The connection controller of an element (for controllers that build on it). */
  static of(host: ReactiveControllerHost): ConnectionController {
    const controller = controllers.get(host);
    if (!controller) throw new Error('xmpp-elements: this host has no ConnectionController');
    return controller;
  }

  get connection(): Connection | undefined {
    return this.current;
  }

  /** Runs `use` with the current connection (if any) and each later one, undoing it when the host loses it. */
  use(use: ConnectionUse): void {
    this.uses.push(use);
    const connection = this.current;
    if (connection) this.addUse(connection, use);
  }

  hostConnected(): void {
    this.attach();
  }

  hostDisconnected(): void {
    this.detach();
    // A new ancestor may provide when the element is connected again.
    this.provider = undefined;
  }

  /** Re-resolves after the connection attributes, `.connection` or the provided connection changed. */
  refresh(): void {
    if (!this.host.isConnected) return;
    if (this.keyOf() === this.attachedKey) return;
    this.detach();
    this.attach();
  }

  private keyOf(): string {
    const explicit = this.host.explicitConnection;
    if (explicit) return `explicit:${identity(explicit)}`;
    const provided = this.provided();
    if (provided !== null) return `provided:${provided ? identity(provided) : 'none'}`;
    const options = this.host.connectionOptions;
    return options ? connectionKey(options) : 'page';
  }

  /**
   * What an ancestor provides; undefined also inside a launcher that has not answered yet (its
   * module may load after ours: it is asked again once defined); null: nothing provided.
   */
  private provided(): Connection | null | undefined {
    if (this.provider) return this.provider.value;
    if (!this.host.closest('xmpp-launcher')) return null;
    void customElements.whenDefined('xmpp-launcher').then(() => {
      if (this.provider) return;
      this.consumer.hostDisconnected();
      this.consumer.hostConnected();
    });
    return undefined;
  }

  private resolve(): Connection | undefined {
    const explicit = this.host.explicitConnection;
    if (explicit) return explicit;
    // The provider holds its own reference; until it provides, wait.
    const provided = this.provided();
    if (provided !== null) return provided;
    const options = this.host.connectionOptions;
    if (options) {
      this.fromRegistry = true;
      return registry.acquire(options);
    }
    const only = registry.only();
    if (only) {
      this.fromRegistry = true;
      return registry.retain(only);
    }
    // Wait for the page's connection to appear (an element declared later).
    this.waitForPage = registry.onChange(() => {
      if (registry.only()) {
        this.detach();
        this.attach();
      }
    });
    return undefined;
  }

  private attach(): void {
    this.attachedKey = this.keyOf();
    const connection = this.resolve();
    if (!connection) return;
    this.current = connection;
    this.offs.push(
      connection.on('status', (status) => {
        this.host.requestUpdate();
        this.host.dispatchEvent(new XmppStatusEvent({ status }));
      }),
      connection.on('error', (error) => {
        this.host.requestUpdate();
        this.host.dispatchEvent(new XmppErrorEvent(error));
      }),
    );
    for (const use of this.uses) this.addUse(connection, use);
    this.host.requestUpdate();
    connection.start();
  }

  private addUse(connection: Connection, use: ConnectionUse): void {
    const undo = use(connection);
    if (undo) this.offs.push(undo);
  }

  private detach(): void {
    this.waitForPage?.();
    this.waitForPage = undefined;
    // Undone in reverse: what was set up last goes first.
    for (const off of this.offs.splice(0).reverse()) off();
    if (this.current && this.fromRegistry) registry.release(this.current);
    if (this.current) this.host.requestUpdate();
    this.current = undefined;
    this.fromRegistry = false;
    this.attachedKey = '';
  }
}

const ids = new WeakMap<Connection, number>();
let nextId = 0;
function identity(connection: Connection): number {
  let id = ids.get(connection);
  if (id === undefined) {
    nextId += 1;
    id = nextId;
    ids.set(connection, id);
  }
  return id;
}
