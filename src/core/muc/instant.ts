import { NS, xml } from '../xml.js';

/** Accepts the default configuration of a room just created: an instant room (XEP-0045 §10.1.2). */
export function instantRoom(room: string): Element {
  return xml('iq', { to: room, type: 'set' }, xml('query', { xmlns: NS.MUC_OWNER }, xml('x', { xmlns: NS.DATA, type: 'submit' })));
}
