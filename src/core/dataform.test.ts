import { expect } from '@open-wc/testing';
import { parseDataForm, submitForm } from './dataform.js';
import { parseXml, serialize } from './xml.js';

const FORM = `<x xmlns="jabber:x:data" type="form">
  <title>Configuration</title>
  <instructions>Fill it in</instructions>
  <field var="FORM_TYPE" type="hidden"><value>http://jabber.org/protocol/muc#roomconfig</value></field>
  <field type="fixed"><value>Section</value></field>
  <field var="name" type="text-single" label="Name"><value>old</value><required/></field>
  <field var="desc" type="text-multi" label="Description"><value>a</value><value>b</value></field>
  <field var="persistent" type="boolean" label="Persistent"><value>1</value><desc>Keep it</desc></field>
  <field var="whois" type="list-single" label="Who"><value>moderators</value>
    <option label="Moderators"><value>moderators</value></option><option><value>anyone</value></option></field>
  <field var="roles" type="list-multi"><option><value>a</value></option></field>
  <field var="admins" type="jid-multi"/>
  <field var="secret" type="text-private"/>
  <field var="odd" type="no-such-type"/>
</x>`;

describe('data forms (XEP-0004)', () => {
  it('parses every field type, with labels, descriptions, options and defaults', () => {
    const form = parseDataForm(parseXml(FORM))!;
    expect(form.title).to.equal('Configuration');
    expect(form.instructions).to.deep.equal(['Fill it in']);
    expect(form.fields.map((f) => [f.var, f.type])).to.deep.equal([
      ['FORM_TYPE', 'hidden'],
      ['', 'fixed'],
      ['name', 'text-single'],
      ['desc', 'text-multi'],
      ['persistent', 'boolean'],
      ['whois', 'list-single'],
      ['roles', 'list-multi'],
      ['admins', 'jid-multi'],
      ['secret', 'text-private'],
      ['odd', 'text-single'],
    ]);
    const name = form.fields[2];
    expect(name).to.include({ label: 'Name', required: true });
    expect(form.fields[4].desc).to.equal('Keep it');
    expect(form.fields[5].options).to.deep.equal([
      { label: 'Moderators', value: 'moderators' },
      { label: 'anyone', value: 'anyone' },
    ]);
  });

  it('submits the given values, keeps hidden ones and the defaults, and leaves out fixed fields', () => {
    const form = parseDataForm(parseXml(FORM))!;
    const x = submitForm(form, { name: ['new <name>'], persistent: ['0'], admins: ['a@b', 'c@d'], FORM_TYPE: ['evil'] });
    expect(x.getAttribute('type')).to.equal('submit');
    const values = (name: string) =>
      [...x.querySelectorAll('field')].find((f) => f.getAttribute('var') === name)?.querySelectorAll('value');
    expect([...values('FORM_TYPE')!].map((v) => v.textContent)).to.deep.equal([
      'http://jabber.org/protocol/muc#roomconfig',
    ]);
    expect([...values('name')!].map((v) => v.textContent)).to.deep.equal(['new <name>']);
    expect([...values('desc')!].map((v) => v.textContent)).to.deep.equal(['a', 'b']);
    expect([...values('admins')!].map((v) => v.textContent)).to.deep.equal(['a@b', 'c@d']);
    expect(x.querySelectorAll('field:not([var])')).to.have.length(0);
    expect(serialize(x)).to.contain('new &lt;name&gt;');
  });

  it('never throws on hostile or empty input', () => {
    expect(parseDataForm(undefined)).to.equal(undefined);
    const form = parseDataForm(parseXml('<x xmlns="jabber:x:data"><field/><field var="a"><option/></field></x>'))!;
    expect(form.fields).to.have.length(1);
    expect(form.fields[0].options).to.deep.equal([{ label: '', value: '' }]);
  });
});
