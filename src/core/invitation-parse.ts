// Loaded on demand: reading an invitation, once a message that carries one arrives.
import { bareJid, isValidBareJid, localOf, resourceOf } from './jid.js';
import type { Invitation } from './invitations.js';
import { NS, child, childText, uniqueId, xml } from './xml.js';

const clip = (text: string, max = 1000) => text.slice(0, max);

/** The invitation a message carries: mediated through the room (XEP-0045 §7.8.2) or direct (XEP-0249). */
export function parseInvitation(stanza: Element): Invitation | undefined {
  const from = stanza.getAttribute('from') ?? '';
  const mucUser = child(stanza, 'x', NS.MUC_USER);
  const invite = child(mucUser, 'invite');
  if (invite) {
    // Mediated: the room itself sends it, from its bare JID.
    if (resourceOf(from) || !localOf(from)) return undefined;
    const password = childText(mucUser, 'password');
    return {
      id: uniqueId('inv'),
      room: bareJid(from),
      from: clip(invite.getAttribute('from') ?? '', 3071),
      reason: clip(childText(invite, 'reason') ?? ''),
      ...(password ? { password } : {}),
      kind: 'mediated',
    };
  }
  const direct = child(stanza, 'x', NS.CONFERENCE);
  if (!direct) return undefined;
  const room = bareJid(direct.getAttribute('jid') ?? '');
  if (!isValidBareJid(room) || !localOf(room)) return undefined;
  const password = direct.getAttribute('password');
  return {
    id: uniqueId('inv'),
    room,
    from: clip(from, 3071),
    reason: clip(direct.getAttribute('reason') ?? ''),
    ...(password ? { password } : {}),
    kind: 'direct',
  };
}

/** Declining a mediated invitation: through the room (§7.8.2). */
export function declineStanza(invitation: Invitation, reason: string): Element {
  return xml(
    'message',
    { to: invitation.room },
    xml('x', { xmlns: NS.MUC_USER }, xml('decline', { to: invitation.from || undefined }, reason ? xml('reason', {}, reason) : null)),
  );
}
