/**
 * XEP-0115: what our presence says we are. CAPS_VER is the hash of caps.ts's
 * identities and features (caps.test.ts checks it): a constant, so the guest
 * page sends it without hashing anything.
 */
export const CAPS_NODE = 'https://www.npmjs.com/package/xmpp-elements';
export const CAPS_VER = 'jBWGgjNvLGn4Y+weY4Qn7yDGtno=';
