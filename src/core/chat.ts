import type { Connection, Status } from './connection.js';
import {
  CHAT_NS,
  CHAT_STATES,
  type ChatState,
  Conversation,
  type ConversationMessageEvent,
} from './conversation.js';
import { Disco } from './disco.js';
import { Emitter } from './emitter.js';
import { parseStanzaError } from './errors.js';
import { bareJid, resourceOf } from './jid.js';
import { type PresenceInfo, type Show, parseMessage, parsePresence } from './stanzas.js';
import { NS, child, namespaceOf, uniqueId, xml } from './xml.js';

export {
  CHAT_NS,
  type ChatState,
  Conversation,
  type ConversationEvents,
  type ConversationMessage,
  type ConversationMessageEvent,
  PAUSE_AFTER,
} from './conversation.js';

export interface ChatServiceEvents {
  /** A message in any conversation of this connection (live or history). */
  message: ConversationMessageEvent;
  /** A contact's presence changed. */
  presence: PresenceInfo;
  /** What the service shows changed (a contact's presence, carbons). */
  change: void;
}

/**
 * One-to-one chat on a connection: routes `type="chat"` (and `normal` with a
 * body) messages, carbons (XEP-0280), receipts (XEP-0184) and chat states
 * (XEP-0085) to the conversation of each contact.
 */
export class ChatService {
  private readonly conversations = new Map<string, Conversation>();
  private readonly presences = new Map<string, Map<string, PresenceInfo>>();
  private readonly events = new Emitter<ChatServiceEvents>();
  private carbonsEnabled = false;

  /** The connection's one-to-one chat service, shared by every element on it. */
  static for(this: void, connection: Connection): ChatService {
    return connection.service('chats', (c) => new ChatService(c));
  }

  private constructor(private readonly connection: Connection) {
    const info = Disco.for(connection);
    connection.on('status', (status) => this.handleStatus(status, info.ready()));
    connection.on('message', (stanza) => this.handleMessage(stanza));
    // A new link for the same session: catch up from the archive as after a drop.
    connection.on('resumed', () => {
      for (const conversation of this.conversations.values()) void conversation.online();
    });
    connection.on('presence', (stanza) => this.handlePresence(stanza));
  }

  /** Carbons are on for this session. */
  get carbons(): boolean {
    return this.carbonsEnabled;
  }

  on<K extends keyof ChatServiceEvents>(type: K, listener: (value: ChatServiceEvents[K]) => void): () => void {
    return this.events.on(type, listener);
  }

  /** The conversation with this contact (one per bare JID, shared). */
  conversation(jid: string): Conversation {
    const bare = bareJid(jid);
    let conversation = this.conversations.get(bare);
    if (!conversation) {
      conversation = new Conversation(this.connection, bare);
      this.conversations.set(bare, conversation);
      conversation.on('message', (event) => this.events.emit('message', event));
      if (this.connection.status === 'online') void conversation.online();
    }
    return conversation;
  }

  /** The contact's best presence: the available resource with the highest priority, else offline. */
  presenceOf(jid: string): { show: Show; status: string } {
    const resources = [...(this.presences.get(bareJid(jid))?.values() ?? [])];
    const best = resources.sort((a, b) => b.priority - a.priority)[0];
    return best ? { show: best.show, status: best.status } : { show: 'offline', status: '' };
  }

  private handleStatus(status: Status, ready: Promise<void>): void {
    if (status === 'online') {
      void ready.then(() => this.enableCarbons());
      for (const conversation of this.conversations.values()) void conversation.online();
    } else {
      this.carbonsEnabled = false;
      this.presences.clear();
      for (const conversation of this.conversations.values()) conversation.offline();
    }
  }

  private async enableCarbons(): Promise<void> {
    if (this.connection.status !== 'online' || !Disco.for(this.connection).supports(CHAT_NS.CARBONS)) return;
    try {
      await this.connection.sendIq(xml('iq', { type: 'set' }, xml('enable', { xmlns: CHAT_NS.CARBONS })));
      this.carbonsEnabled = true;
    } catch {
      // The server said no: this session just sees its own messages.
    }
  }

  private handlePresence(stanza: Element): void {
    const presence = parsePresence(stanza);
    if (presence.type !== 'available' && presence.type !== 'unavailable') return;
    if (child(stanza, 'x', NS.MUC_USER)) return;
    const bare = bareJid(presence.from);
    const resource = resourceOf(presence.from);
    if (!bare || bare === bareJid(this.connection.jid)) return;
    let resources = this.presences.get(bare);
    if (presence.type === 'available') {
      if (!resources) {
        resources = new Map();
        this.presences.set(bare, resources);
      }
      resources.set(resource, presence);
    } else {
      resources?.delete(resource);
      if (resource) this.conversations.get(bare)?.unlock(resource);
      else this.conversations.get(bare)?.unlock();
    }
    this.events.emit('presence', presence);
    this.events.emit('change', undefined);
  }

  private handleMessage(stanza: Element): void {
    if (child(stanza, 'result', NS.MAM)) return; // an archive result: queryArchive takes it
    const own = bareJid(this.connection.jid);
    const carbon = child(stanza, 'received', CHAT_NS.CARBONS) ?? child(stanza, 'sent', CHAT_NS.CARBONS);
    if (carbon) {
      // Only our own server may send us carbons (else anyone could forge our messages).
      if ((stanza.getAttribute('from') ?? '') !== own) return;
      const inner = child(child(carbon, 'forwarded', NS.FORWARD), 'message');
      if (inner) this.handleChat(inner, carbon.localName === 'sent' ? 'sent' : 'received');
      return;
    }
    this.handleChat(stanza, undefined);
  }

  private handleChat(stanza: Element, carbon: 'sent' | 'received' | undefined): void {
    const type = stanza.getAttribute('type') ?? 'normal';
    if (type === 'groupchat' || type === 'headline') return;
    if (child(stanza, 'x', NS.MUC_USER)) return; // room invitations and private messages are the room's
    const own = bareJid(this.connection.jid);
    const from = stanza.getAttribute('from') ?? '';
    const to = stanza.getAttribute('to') ?? '';
    const outgoing = carbon === 'sent';
    const contact = bareJid(outgoing ? to : from);
    if (!contact || (!outgoing && !from)) return;
    if (!outgoing && bareJid(from) === own && !carbon) return;
    const id = stanza.getAttribute('id') ?? '';

    if (type === 'error') {
      this.conversations.get(contact)?.fail(id, parseStanzaError(stanza) ?? { condition: 'undefined-condition', text: '' });
      return;
    }
    const conversation = this.conversations.get(contact);
    const receipt = child(stanza, 'received', CHAT_NS.RECEIPTS);
    if (receipt && !outgoing) conversation?.markDelivered(receipt.getAttribute('id') ?? '');
    // XEP-0333: the contact has seen one of ours (a carbon of our own displayed says nothing about ours).
    const displayed = child(stanza, 'displayed', CHAT_NS.MARKERS);
    if (displayed && !outgoing) conversation?.markDisplayed(displayed.getAttribute('id') ?? '');

    const parsed = parseMessage(stanza, { ownJid: this.connection.jid });
    const delayed = parsed?.delayed === true;
    const state = !outgoing && !delayed ? chatStateOf(stanza) : undefined;
    if (!parsed || (type !== 'chat' && type !== 'normal')) {
      if (state) conversation?.setContactState(state);
      return;
    }

    // Answer a receipt request (XEP-0184), but not for what another of our resources got or sent.
    if (!carbon && child(stanza, 'request', CHAT_NS.RECEIPTS) && id) {
      this.connection.send(xml('message', { to: from, id: uniqueId('r') }, xml('received', { xmlns: CHAT_NS.RECEIPTS, id })));
    }
    const target = this.conversation(contact);
    if (!outgoing && !delayed && resourceOf(from)) target.lock(resourceOf(from));
    const markable = !outgoing && !!child(stanza, 'markable', CHAT_NS.MARKERS);
    target.receive({ ...parsed, outgoing, ...(markable ? { markable } : {}) });
    if (state) target.setContactState(state);
  }
}

function chatStateOf(stanza: Element): ChatState | undefined {
  for (const c of Array.from(stanza.children)) {
    if (namespaceOf(c) === CHAT_NS.CHAT_STATES && (CHAT_STATES as readonly string[]).includes(c.localName)) {
      return c.localName as ChatState;
    }
  }
  return undefined;
}
