// Loaded on demand: voice in a moderated room (XEP-0045 §7.13 "Requesting Voice", §8.6 "Approving
// Voice Requests"): a visitor's request, and the requests the room forwards to its moderators.
import type { Connection } from '../connection.js';
import { type DataForm, parseDataForm, submitForm } from '../dataform.js';
import { NS, xml } from '../xml.js';
import type { MucRoom } from './room.js';

const FORM_TYPE = 'http://jabber.org/protocol/muc#request';

/** A visitor's request for voice, as the room put it to us, a moderator. */
export interface VoiceRequest {
  /** The visitor's nick in the room (`muc#roomnick`). */
  readonly nick: string;
  /** Their real JID (`muc#jid`), as the room gave it. */
  readonly jid: string;
  /** The room's form, answered with its own fields. */
  readonly form: DataForm;
}

const parsed = new WeakMap<Element, DataForm | undefined>();
/** Requests answered here (allowed or denied): no longer shown. */
const answered = new WeakSet<Element>();

const valueOf = (form: DataForm, name: string) => form.fields.find((f) => f.var === name)?.values[0] ?? '';

/** Most requests kept: a room that floods us keeps its last ones. */
const MAX_REQUESTS = 50;

/** A data form to the room, in a normal message. */
const sendForm = (connection: Connection, room: MucRoom, form: Element) => connection.send(xml('message', { to: room.jid }, form));

/** The message of §7.13 (Example 94) a visitor sends to ask for voice. */
export function askVoice(connection: Connection, room: MucRoom): void {
  sendForm(
    connection,
    room,
    xml(
      'x',
      { xmlns: NS.DATA, type: 'submit' },
      xml('field', { var: 'FORM_TYPE' }, xml('value', {}, FORM_TYPE)),
      xml('field', { var: 'muc#role', type: 'list-single', label: 'Requested role' }, xml('value', {}, 'participant')),
    ),
  );
}

/**
 * The voice requests waiting for us, a moderator: one per visitor still in the room as a visitor,
 * the newest; a request whose visitor left or got voice (from us or another moderator), or that we
 * answered, is dropped from the room's forms. Nothing while we are not a moderator.
 */
export function voiceRequests(room: MucRoom): VoiceRequest[] {
  const byNick = new Map<string, VoiceRequest>();
  const forms = room.forms;
  forms.splice(0, forms.length - MAX_REQUESTS);
  for (let i = forms.length - 1; i >= 0; i -= 1) {
    const x = forms[i];
    if (!parsed.has(x)) parsed.set(x, parseDataForm(x));
    const form = parsed.get(x);
    const nick = form ? valueOf(form, 'muc#roomnick') : '';
    // What is not a request (another form of the room's), or a request that no longer stands.
    if (!form || form.type !== 'form' || valueOf(form, 'FORM_TYPE') !== FORM_TYPE || answered.has(x) || room.occupant(nick)?.role !== 'visitor') {
      forms.splice(i, 1);
      continue;
    }
    if (!byNick.has(nick)) byNick.set(nick, { nick, jid: valueOf(form, 'muc#jid'), form });
  }
  return room.self?.role === 'moderator' ? [...byNick.values()].reverse() : [];
}

/**
 * Answers a request (§8.6, Example 96): the room's form submitted back with `muc#request_allow`
 * true (the room then gives the visitor voice) or false. Every earlier request of the same visitor
 * is answered too.
 */
export function answerVoice(connection: Connection, room: MucRoom, request: VoiceRequest, allow: boolean): void {
  for (const x of room.forms) {
    const form = parsed.get(x);
    if (form && valueOf(form, 'muc#roomnick') === request.nick) answered.add(x);
  }
  sendForm(connection, room, submitForm(request.form, { 'muc#request_allow': [allow ? 'true' : 'false'] }));
}
