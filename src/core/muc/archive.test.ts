import { expect } from '@open-wc/testing';
import type { ChatMessage } from '../stanzas.js';
import { mergeGap } from './archive.js';
import type { TimelineItem } from './types.js';

const ROOM = 'room@muc.test';

function message(body: string, stanzaId: string, stamp: string, extra: Partial<ChatMessage> = {}): ChatMessage {
  return { id: `o-${stanzaId}`, from: `${ROOM}/ann`, to: 'me@test', type: 'groupchat', body, nick: 'ann', stamp, outgoing: false, stanzaId, ...extra };
}

const item = (m: ChatMessage): TimelineItem => ({ kind: 'message', message: m });
const bodies = (items: readonly TimelineItem[]) => items.map((i) => (i.kind === 'message' ? i.message.body : `notice:${i.notice.kind}`));
const gapOf = (...messages: ChatMessage[]) => messages.map((m) => ({ message: m, originId: m.id }));

describe('mergeGap (a rejoined room fills what it missed from its archive)', () => {
  it('puts the gap in archive order where the first of it the history brought stood, stamps alike or not', () => {
    const stamp = '2026-12-02T10:00:00Z';
    const before = item(message('before', 's0', '2026-12-02T09:59:00.500Z'));
    const notice: TimelineItem = { kind: 'notice', notice: { id: 'n1', kind: 'joined', params: { nick: 'bob' }, stamp } };
    // The rejoin's history brought only the last two of four (a server's cap), and a notice came after them.
    const history = [item(message('gap 3', 's3', stamp)), item(message('gap 4', 's4', stamp))];
    const pending = item(message('mine, pending', 'x', stamp, { stanzaId: undefined, pending: true, outgoing: true }));
    const seen = new Set(['sid:s0', 'sid:s3', 'sid:s4']);
    const { items, added } = mergeGap(
      gapOf(message('gap 1', 's1', stamp), message('gap 2', 's2', stamp), message('gap 3', 's3', stamp), message('gap 4', 's4', stamp)),
    )([before, pending, ...history, notice], seen);
    expect(bodies(items)).to.deep.equal(['before', 'mine, pending', 'gap 1', 'gap 2', 'gap 3', 'gap 4', 'notice:joined']);
    expect(added).to.equal(2);
  });

  it('adds the whole gap at the end when the history brought none of it, each once', () => {
    const seen = new Set(['sid:s0']);
    const merge = mergeGap(gapOf(message('gap 1', 's1', '2026-12-02T10:00:01Z'), message('gap 1', 's1', '2026-12-02T10:00:01Z')));
    const { items, added } = merge([item(message('before', 's0', '2026-12-02T10:00:00Z'))], seen);
    expect(bodies(items)).to.deep.equal(['before', 'gap 1']);
    expect(added).to.equal(1);
    expect(seen.has('sid:s1')).to.equal(true);
  });
});
