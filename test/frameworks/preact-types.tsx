/** @jsxImportSource preact */
// Type-checked only (npm run typecheck), not run: the tags in Preact's JSX with src/types/preact.ts.
import type {} from '../../src/types/preact.js';
import type { XmppStatusEvent } from '../../src/events/status-event.js';

export function PreactRoom({ onStatus }: { onStatus: (status: string) => void }) {
  return (
    <xmpp-launcher label="Help" position="bottom-left" onxmpp-show={(event) => onStatus(event.type)}>
      <xmpp-room bosh-url="/http-bind" jid="guest.localhost" room-jid="lobby@conference.localhost" history={20} onxmpp-status={(event) => onStatus(event.detail.status)} />
      {/* @ts-expect-error: not a position */}
      <xmpp-launcher position="top" />
      {/* @ts-expect-error: an unread event is no status event */}
      <xmpp-chat onxmpp-unread={(event: XmppStatusEvent) => onStatus(event.detail.status)} />
    </xmpp-launcher>
  );
}
