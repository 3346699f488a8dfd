import { expect } from '@open-wc/testing';
import { FakeTransport } from '../../test/fakes/fake-transport.js';
import { groupchat, occupantPresence } from '../../test/fakes/stanzas.js';
import { StanzaFuzzer } from '../../test/fuzz/stanza-fuzzer.js';
import { Connection } from './connection.js';
import { parseStanzaError } from './errors.js';
import { MucRoom } from './muc/index.js';
import { MAX_BODY, parseMessage, parsePresence } from './stanzas.js';

const SEED = 0x5eed;
const PARSER_CASES = 5000;
const ROOM_CASES = 5000;

/** Errors thrown out of listeners surface as uncaught errors (Emitter rethrows them in a microtask). */
function catchUncaught(): { readonly errors: unknown[]; stop(): void } {
  const errors: unknown[] = [];
  const onError = (event: ErrorEvent) => {
    errors.push(event.error ?? event.message);
    event.preventDefault();
  };
  window.addEventListener('error', onError);
  return { errors, stop: () => window.removeEventListener('error', onError) };
}

describe('stanza parsers under fuzzing (seed 0x5eed)', () => {
  it(`parseMessage, parsePresence and parseStanzaError survive ${PARSER_CASES} malformed stanzas`, () => {
    const fuzz = new StanzaFuzzer(SEED);
    let messages = 0;
    let errors = 0;
    for (let i = 0; i < PARSER_CASES; i++) {
      const stanza = fuzz.stanza();
      const message = parseMessage(stanza, { ownJid: 'anon-1@guest.test/fake', ownNick: 'me' });
      if (message) {
        messages += 1;
        expect(message.body).to.be.a('string');
        expect(message.body.length).to.be.at.most(MAX_BODY + 1);
        expect(Number.isNaN(Date.parse(message.stamp))).to.equal(false);
        expect(message.id).to.be.a('string');
      }
      const presence = parsePresence(stanza);
      expect(['available', 'unavailable', 'subscribe', 'subscribed', 'unsubscribe', 'unsubscribed', 'error', 'probe']).to.include(presence.type);
      expect(presence.priority).to.be.within(-128, 127);
      expect(presence.status.length).to.be.at.most(1000);
      const error = parseStanzaError(stanza);
      if (error) {
        errors += 1;
        expect(error.condition).to.be.a('string').and.not.equal('');
        expect(error.text).to.be.a('string');
      }
    }
    // The generator must reach the interesting branches, not only the empty ones.
    expect(messages).to.be.greaterThan(PARSER_CASES / 20);
    expect(errors).to.be.greaterThan(PARSER_CASES / 50);
  });

  it(`a Connection and a joined MucRoom survive ${ROOM_CASES} malformed stanzas and keep working`, async () => {
    const uncaught = catchUncaught();
    try {
      const transport = new FakeTransport();
      const connection = new Connection(transport, { jid: 'guest.test' });
      connection.start();
      expect(connection.status).to.equal('online');
      const room = new MucRoom(connection, 'room@muc.test', { nick: 'me', history: 0 });
      const reported: string[] = [];
      room.on('error', (e) => reported.push(e.condition));
      room.join();
      transport.receive(occupantPresence('room@muc.test/me', { codes: ['110'] }));
      expect(room.state).to.equal('joined');

      const fuzz = new StanzaFuzzer(SEED + 1);
      const sentBefore = transport.sent.length;
      let iqRequests = 0;
      for (let i = 0; i < ROOM_CASES; i++) {
        const stanza = fuzz.stanza();
        const type = stanza.getAttribute('type');
        if (stanza.localName === 'iq' && (type === 'get' || type === 'set')) iqRequests += 1;
        transport.receiveElement(stanza);
        // Every so often, rejoin: fuzzed presences may have taken us out of the room.
        if (room.state !== 'joined' && room.state !== 'joining' && i % 50 === 0) {
          transport.receive(occupantPresence('room@muc.test/me', { codes: ['110'] }));
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(uncaught.errors.map(String)).to.deep.equal([]);
      // Every iq request got an answer (an error for the unknown ones).
      expect(transport.sent.length - sentBefore).to.be.at.least(iqRequests);
      // Error stanzas without a condition were reported, as undefined-condition.
      expect(reported.length).to.be.greaterThan(0);
      expect(reported.every((c) => typeof c === 'string' && c.length > 0)).to.equal(true);
      for (const item of room.timeline) {
        if (item.kind === 'message') expect(item.message.body.length).to.be.at.most(MAX_BODY + 1);
      }

      // Still in working order: a well-formed message after the storm is shown.
      if (room.state !== 'joined') transport.receive(occupantPresence('room@muc.test/me', { codes: ['110'] }));
      transport.receive(groupchat('room@muc.test/ann', 'still here', '', 'after-fuzz'));
      const last = room.timeline.at(-1);
      expect(last?.kind === 'message' && last.message.body).to.equal('still here');
      room.leave();
      room.dispose();
    } finally {
      uncaught.stop();
    }
  });
});
