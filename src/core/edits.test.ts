import { expect } from '@open-wc/testing';
import { sameOccupant } from './edits.js';
import type { ChatMessage } from './stanzas.js';

const message = (extra: Partial<ChatMessage>): ChatMessage => ({
  id: 'm1',
  from: 'lobby@muc.test/ann',
  to: 'me@test/x',
  type: 'groupchat',
  body: 'text',
  nick: 'ann',
  stamp: '2024-05-01T10:00:00Z',
  outgoing: false,
  ...extra,
});

describe('sameOccupant: who may correct or retract a room message', () => {
  it('by occupant-id where both have one, whatever the nick or the time', () => {
    expect(sameOccupant(message({ occupantId: 'a', delayed: true }), message({ occupantId: 'a', from: 'lobby@muc.test/renamed' }))).to.equal(true);
    expect(sameOccupant(message({ occupantId: 'a' }), message({ occupantId: 'b' }))).to.equal(false);
  });

  it('by nick within our session: live with live, history with history', () => {
    expect(sameOccupant(message({}), message({}))).to.equal(true);
    expect(sameOccupant(message({ delayed: true }), message({ delayed: true }))).to.equal(true);
    expect(sameOccupant(message({}), message({ from: 'lobby@muc.test/bob' }))).to.equal(false);
  });

  it('not a live edit by nick alone of a message from the history (a previous holder of the nick)', () => {
    expect(sameOccupant(message({ delayed: true }), message({}))).to.equal(false);
  });

  it('our own live edit of our message in the history', () => {
    const own = { from: 'lobby@muc.test/me', nick: 'me', outgoing: true };
    expect(sameOccupant(message({ ...own, delayed: true }), message(own))).to.equal(true);
  });
});
