import { Strophe } from 'strophe.js';
import type { Transport, TransportHandlers, TransportOptions } from './transport.js';

// Strophe logs every request at debug level; keep warnings and errors only.
Strophe.setLogLevel(Strophe.LogLevel.WARN);

type StropheConnection = InstanceType<typeof Strophe.Connection>;

/** The only module that imports Strophe.js: adapts its connection to `Transport`. */
export class StropheTransport implements Transport {
  private connection: StropheConnection | undefined;

  constructor(private readonly options: TransportOptions) {}

  get boundJid(): string {
    return this.connection?.jid ?? '';
  }

  connect(jid: string, password: string | undefined, handlers: TransportHandlers): void {
    this.connection?.reset();
    const service = this.options.boshUrl || this.options.wsUrl;
    if (!service) {
      handlers.state('failed', 'no-service-url');
      return;
    }
    const connection = new Strophe.Connection(service, {});
    this.connection = connection;
    let failure: string | undefined;
    let connected = false;
    const { Status } = Strophe;
    if (this.options.boshUrl) {
      // Strophe retries an unreachable BOSH server for minutes (1 s, 8 s, 27 s, …).
      // Before the session exists, nothing is lost by saying so at once.
      connection.addProtocolErrorHandler('HTTP', 0, () => {
        if (connected || this.connection !== connection || failure) return;
        failure = 'remote-connection-failed';
        handlers.state('failed', failure);
        connection.reset();
      });
    }
    connection.connect(jid, password ?? '', (status, condition) => {
      if (this.connection !== connection) return;
      switch (status) {
        case Status.CONNECTING:
        case Status.AUTHENTICATING:
          handlers.state('connecting');
          break;
        case Status.CONNECTED:
        case Status.ATTACHED:
          connected = true;
          // One handler for every stanza: the connection routes them itself.
          connection.addHandler(
            (stanza) => {
              handlers.stanza(stanza);
              return true;
            },
            null,
            null,
            null,
          );
          handlers.state('connected');
          break;
        case Status.AUTHFAIL:
          failure = 'auth-failed';
          handlers.state('auth-failed', condition ?? 'not-authorized');
          break;
        case Status.CONNFAIL:
        case Status.ERROR:
        case Status.CONNTIMEOUT:
          failure = condition || 'connection-failed';
          break;
        case Status.DISCONNECTED:
          if (failure === 'auth-failed' || failure === 'remote-connection-failed') break;
          if (failure) handlers.state('failed', failure);
          else if (!connected) handlers.state('failed', condition || 'remote-connection-failed');
          else handlers.state('disconnected', condition ?? undefined);
          break;
        default:
          break;
      }
    });
  }

  send(stanza: Element): void {
    const connection = this.connection;
    if (!connection) return;
    // Without it, a stanza inside a BOSH <body/> would inherit the httpbind namespace,
    // and so would its children: servers then miss the <body/> of a message.
    if (!stanza.getAttribute('xmlns')) stanza.setAttribute('xmlns', 'jabber:client');
    connection.send(stanza);
    // Strophe waits for its 100 ms idle tick; a chat message should not.
    connection.flush();
  }

  disconnect(): void {
    this.connection?.disconnect('closed');
  }
}
