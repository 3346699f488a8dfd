import type { ReactiveControllerHost } from 'lit';
import type { Connection } from '../core/connection.js';
import type { MucRoom } from '../core/muc/room.js';
import { MucRooms } from '../core/muc/shared.js';
import type { RoomOptions } from '../core/muc/types.js';
import { ConnectionController } from './connection-controller.js';

/** Which room a host shows, and how to join it; undefined for none. */
export type RoomRequest = (connection: Connection) => { readonly jid: string; readonly options: RoomOptions } | undefined;

/**
 * Binds an element to the shared room of its connection: acquires it from
 * `MucRooms` (the first element joins), re-renders on its changes, and
 * releases it when the element goes or asks for another room (the last one
 * leaves). Call `refresh()` after what `request` reads changed.
 */
export class RoomController {
  private current: MucRoom | undefined;
  private connection: Connection | undefined;
  private offs: (() => void)[] = [];

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly request: RoomRequest,
    /** Told of each room bound; returns its own clean-up. */
    private readonly onRoom?: (room: MucRoom) => (() => void) | void,
  ) {
    ConnectionController.of(host).use((connection) => {
      this.connection = connection;
      this.bind();
      return () => {
        this.unbind();
        this.connection = undefined;
      };
    });
  }

  get value(): MucRoom | undefined {
    return this.current;
  }

  /** Re-reads the request: binds another room when the host now asks for one. */
  refresh(): void {
    const connection = this.connection;
    const wanted = connection ? this.request(connection) : undefined;
    if ((wanted?.jid.toLowerCase() ?? '') === (this.current?.jid.toLowerCase() ?? '')) return;
    this.unbind();
    this.bind();
  }

  private bind(): void {
    const connection = this.connection;
    const wanted = connection && this.request(connection);
    if (!connection || !wanted) return;
    const room = MucRooms.for(connection).acquire(wanted.jid, wanted.options);
    this.current = room;
    const undo = this.onRoom?.(room);
    this.offs = [room.on('change', () => this.host.requestUpdate()), ...(undo ? [undo] : [])];
    this.host.requestUpdate();
  }

  private unbind(): void {
    const room = this.current;
    if (!room || !this.connection) return;
    for (const off of this.offs.splice(0).reverse()) off();
    this.current = undefined;
    MucRooms.for(this.connection).release(room);
    this.host.requestUpdate();
  }
}
