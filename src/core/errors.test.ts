import { expect } from '@open-wc/testing';
import { parseStanzaError } from './errors.js';
import { parseXml } from './xml.js';

const parse = (source: string) => parseStanzaError(parseXml(source)!);

describe('parseStanzaError', () => {
  it('reads condition, text and code', () => {
    const error = parse(
      `<message xmlns="jabber:client" type="error"><error type="modify" code="406"><not-acceptable xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/><text xmlns="urn:ietf:params:xml:ns:xmpp-stanzas">Only occupants may invite</text></error></message>`,
    );
    expect(error).to.deep.equal({ condition: 'not-acceptable', text: 'Only occupants may invite', code: 406, type: 'modify' });
  });

  it('gives undefined-condition when the error element has no condition', () => {
    expect(parse(`<iq xmlns="jabber:client" type="error"><error type="cancel"/></iq>`)?.condition).to.equal(
      'undefined-condition',
    );
  });

  it('gives undefined-condition when there is no error element at all', () => {
    expect(parse(`<presence xmlns="jabber:client" type="error"/>`)).to.deep.equal({
      condition: 'undefined-condition',
      text: '',
    });
  });

  it('is undefined for a stanza that is not an error', () => {
    expect(parse(`<message xmlns="jabber:client" type="chat"><body>hi</body></message>`)).to.equal(undefined);
  });

  it('ignores conditions from other namespaces and a bad code', () => {
    const error = parse(
      `<iq xmlns="jabber:client" type="error"><error code="x"><foo xmlns="urn:other"/><forbidden xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></iq>`,
    );
    expect(error?.condition).to.equal('forbidden');
    expect(error).not.to.have.property('code');
  });
});
