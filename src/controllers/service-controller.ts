import type { ReactiveControllerHost } from 'lit';
import type { Connection } from '../core/connection.js';
import { ConnectionController } from './connection-controller.js';

/** A core service that says when what it holds changed. */
export interface ChangeSource {
  on(type: 'change', listener: () => void): () => void;
}

/**
 * Binds a per-connection core service to an element: `value` is the service
 * of the element's current connection (undefined without one), and the host
 * re-renders whenever the service changes.
 *
 *     private readonly roster = new ServiceController(this, Roster.for);
 */
export class ServiceController<S extends ChangeSource> {
  private current: S | undefined;

  constructor(
    host: ReactiveControllerHost,
    serviceFor: (connection: Connection) => S,
    /** Also told of each new service, e.g. to subscribe to more than `change`; returns its own clean-up. */
    onService?: (service: S) => (() => void) | void,
  ) {
    // It lives and dies with the connection controller's connection: no lifecycle of its own.
    ConnectionController.of(host).use((connection) => {
      const service = serviceFor(connection);
      this.current = service;
      const offChange = service.on('change', () => host.requestUpdate());
      const offMore = onService?.(service);
      host.requestUpdate();
      return () => {
        offChange();
        offMore?.();
        if (this.current === service) this.current = undefined;
      };
    });
  }

  /** The service of the current connection. */
  get value(): S | undefined {
    return this.current;
  }

}
