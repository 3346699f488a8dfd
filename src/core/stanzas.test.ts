import { expect } from '@open-wc/testing';
import { isValidBareJid, isValidJid, bareJid } from './jid.js';
import { parseMessage, parsePresence } from './stanzas.js';
import { parseXml } from './xml.js';

const el = (source: string) => parseXml(source)!;

describe('stanza parsing', () => {
  it('reads the seed chat message', () => {
    const message = parseMessage(el(`<message from="xxg1@host" to="xxg2@host" type="chat"><body>你好</body></message>`), {
      ownJid: 'xxg2@host/web',
    });
    expect(message).to.include({ from: 'xxg1@host', to: 'xxg2@host', type: 'chat', body: '你好', outgoing: false });
  });

  it('reads the seed do-not-disturb presence', () => {
    const presence = parsePresence(
      el(`<presence from="xxg@host"><status>Do not disturb</status><priority>0</priority><show>dnd</show></presence>`),
    );
    expect(presence).to.include({ from: 'xxg@host', type: 'available', show: 'dnd', status: 'Do not disturb', priority: 0 });
  });

  it('falls back on defaults for unknown types, shows and priorities', () => {
    const presence = parsePresence(el(`<presence from="a@b" type="bogus"><show>sleepy</show><priority>9999</priority></presence>`));
    expect(presence).to.include({ type: 'available', show: 'available', priority: 127 });
    const message = parseMessage(el(`<message from="a@b" type="weird"><body>x</body></message>`), { ownJid: 'c@d' });
    expect(message?.type).to.equal('normal');
  });

  it('ignores messages without a body and bad delay stamps', () => {
    expect(parseMessage(el(`<message from="a@b"><subject>s</subject></message>`), { ownJid: 'c@d' })).to.equal(undefined);
    const message = parseMessage(
      el(`<message from="a@b"><body>x</body><delay xmlns="urn:xmpp:delay" stamp="not a date"/></message>`),
      { ownJid: 'c@d' },
    );
    expect(message?.delayed).to.equal(undefined);
  });

  it('validates JIDs', () => {
    expect(isValidBareJid('lobby@conference.example.org')).to.equal(true);
    expect(isValidBareJid('guest.example.org')).to.equal(true);
    expect(isValidBareJid('a b@example.org')).to.equal(false);
    expect(isValidBareJid('@example.org')).to.equal(false);
    expect(isValidBareJid('a@b@c')).to.equal(false);
    expect(isValidBareJid('<script>@x')).to.equal(false);
    expect(isValidJid('room@muc.example.org/nick with space')).to.equal(true);
    expect(bareJid('Alice@Example.ORG/phone')).to.equal('alice@example.org');
  });
});
