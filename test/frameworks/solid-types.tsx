/** @jsxImportSource solid-js */
// Type-checked only (npm run typecheck), not run: the tags in Solid's JSX with src/types/solid.ts.
import type {} from '../../src/types/solid.js';
import type { XmppStatusEvent } from '../../src/events/status-event.js';

export function SolidRoom(props: { onStatus: (status: string) => void }) {
  return (
    <xmpp-launcher label="Help" position="bottom-left" on:xmpp-show={(event) => props.onStatus(event.type)}>
      <xmpp-room bosh-url="/http-bind" jid="guest.localhost" room-jid="lobby@conference.localhost" on:xmpp-status={(event) => props.onStatus(event.detail.status)} />
      {/* @ts-expect-error: not a position */}
      <xmpp-launcher position="top" />
      {/* @ts-expect-error: an unread event is no status event */}
      <xmpp-chat on:xmpp-unread={(event: XmppStatusEvent) => props.onStatus(event.detail.status)} />
    </xmpp-launcher>
  );
}
