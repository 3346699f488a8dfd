import type { TimelineItem } from '../../core/muc/types.js';
import type { ChatMessage } from '../../core/stanzas.js';

// Only a chat needs it (a room's timeline comes from the room): apart from message-list.ts, so a guest room's page does not load it.
const timelines = new WeakMap<readonly ChatMessage[], readonly TimelineItem[]>();

/** Messages alone (a one-to-one chat) as a timeline; the same array gives the same timeline. */
export function messagesTimeline(messages: readonly ChatMessage[]): readonly TimelineItem[] {
  let items = timelines.get(messages);
  if (!items) {
    items = messages.map((message) => ({ kind: 'message', message }));
    timelines.set(messages, items);
  }
  return items;
}
