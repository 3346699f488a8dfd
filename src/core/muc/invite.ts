import { NS, xml } from '../xml.js';

/** An invitation through the room (XEP-0045 §7.8.2). */
export function mediatedInvitation(room: string, to: string, reason: string): Element {
  return xml('message', { to: room }, xml('x', { xmlns: NS.MUC_USER }, xml('invite', { to }, reason ? xml('reason', {}, reason) : null)));
}

/** An invitation straight to the invitee (XEP-0249), which carries the room's password. */
export function directInvitation(room: string, to: string, reason: string, password: string): Element {
  return xml(
    'message',
    { to },
    xml('x', { xmlns: NS.CONFERENCE, jid: room, reason: reason || undefined, password: password || undefined }),
  );
}
