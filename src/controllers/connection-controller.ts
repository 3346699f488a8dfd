import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Connection, ConnectionOptions } from '../core/connection.js';
import { registry } from '../core/registry.js';
import { XmppErrorEvent } from '../events/error-event.js';
import { XmppStatusEvent } from '../events/status-event.js';

export interface ConnectionHost extends ReactiveControllerHost, HTMLElement {
  /** The connection attributes, or undefined when the element has none. */
  readonly connectionOptions: ConnectionOptions | undefined;
  /** A connection set by the page (`.connection`), which wins over attributes. */
  readonly explicitConnection: Connection | undefined;
}

/**
 * Gives an element its shared connection: from `.connection`, from the
 * registry by its attributes, or the page's only connection. Re-renders the
 * host on status changes and turns connection events into DOM events.
 */
export class ConnectionController implements ReactiveController {
  private current: Connection | undefined;
  private fromRegistry = false;
  private offs: (() => void)[] = [];
  private waitForPage: (() => void) | undefined;
  private attachedKey = '';

  constructor(
    private readonly host: ConnectionHost,
    /** Called with each newly attached connection; returns its own clean-up. */
    private readonly onAttach?: (connection: Connection) => () => void,
  ) {
    host.addController(this);
  }

  get connection(): Connection | undefined {
    return this.current;
  }

  hostConnected(): void {
    this.attach();
  }

  hostDisconnected(): void {
    this.detach();
  }

  /** Re-resolves after the connection attributes or `.connection` changed. */
  refresh(): void {
    if (!this.host.isConnected) return;
    if (this.keyOf() === this.attachedKey) return;
    this.detach();
    this.attach();
  }

  private keyOf(): string {
    const explicit = this.host.explicitConnection;
    if (explicit) return `explicit:${registryKey(explicit.options)}:${identity(explicit)}`;
    const options = this.host.connectionOptions;
    return options ? registryKey(options) : 'page';
  }

  private attach(): void {
    this.attachedKey = this.keyOf();
    const explicit = this.host.explicitConnection;
    const options = this.host.connectionOptions;
    let connection: Connection | undefined;
    if (explicit) {
      connection = explicit;
    } else if (options) {
      connection = registry.acquire(options);
      this.fromRegistry = true;
    } else {
      const only = registry.only();
      if (only) {
        connection = registry.retain(only);
        this.fromRegistry = true;
      } else {
        // Wait for the page's connection to appear (an element declared later).
        this.waitForPage = registry.onChange(() => {
          if (registry.only()) {
            this.detach();
            this.attach();
          }
        });
        return;
      }
    }
    this.current = connection;
    const cleanup = this.onAttach?.(connection);
    this.offs = [
      connection.on('status', (status) => {
        this.host.requestUpdate();
        this.host.dispatchEvent(new XmppStatusEvent({ status }));
      }),
      connection.on('error', (error) => {
        this.host.requestUpdate();
        this.host.dispatchEvent(new XmppErrorEvent(error));
      }),
      ...(cleanup ? [cleanup] : []),
    ];
    this.host.requestUpdate();
    connection.start();
  }

  private detach(): void {
    this.waitForPage?.();
    this.waitForPage = undefined;
    for (const off of this.offs.splice(0)) off();
    if (this.current && this.fromRegistry) registry.release(this.current);
    this.current = undefined;
    this.fromRegistry = false;
    this.attachedKey = '';
  }
}

function registryKey(options: ConnectionOptions): string {
  return JSON.stringify([options.boshUrl ?? '', options.wsUrl ?? '', options.jid ?? '']);
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
