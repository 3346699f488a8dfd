/** English: XEP-0191 blocking in a signed-in user's room (they load with room-blocking.ts). */
export const enBlocking = {
  'occupant.block': 'Block',
  'occupant.unblock': 'Unblock',
  'occupant.blocked': 'blocked',
} as const;
