/** Stanza builders for unit tests, written as XML so namespaces are real. */

const escape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function groupchat(from: string, body: string, extra = '', id = ''): string {
  return `<message xmlns="jabber:client" type="groupchat" from="${escape(from)}"${id ? ` id="${escape(id)}"` : ''}><body>${escape(body)}</body>${extra}</message>`;
}

export function occupantPresence(
  from: string,
  { role = 'participant', affiliation = 'none', codes = [] as string[], type = '', show = '' } = {},
): string {
  const status = codes.map((c) => `<status code="${c}"/>`).join('');
  return `<presence xmlns="jabber:client" from="${escape(from)}"${type ? ` type="${type}"` : ''}>${show ? `<show>${show}</show>` : ''}<x xmlns="http://jabber.org/protocol/muc#user"><item role="${role}" affiliation="${affiliation}"/>${status}</x></presence>`;
}

export function presenceError(from: string, condition: string, code = '', text = ''): string {
  return `<presence xmlns="jabber:client" type="error" from="${escape(from)}"><error type="cancel"${code ? ` code="${code}"` : ''}><${condition} xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/>${text ? `<text xmlns="urn:ietf:params:xml:ns:xmpp-stanzas">${escape(text)}</text>` : ''}</error></presence>`;
}

export function delay(stamp: string): string {
  return `<delay xmlns="urn:xmpp:delay" stamp="${stamp}"/>`;
}
