import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { FakeTransport } from '../../../test/fakes/fake-transport.js';
import { groupchat, occupantPresence } from '../../../test/fakes/stanzas.js';
import { parts, until } from '../../../test/harness.js';
import { Connection } from '../../core/connection.js';
import '../../define.js';
import type { XmppRoom } from './room.js';

const ROOM = 'lobby@muc.test';

async function setup(attrs: { lang?: string } = {}) {
  const transport = new FakeTransport();
  const connection = new Connection(transport, { jid: 'guest.test' });
  const el = await fixture<XmppRoom>(html`<div lang=${attrs.lang ?? 'en'}>
    <xmpp-room room-jid=${ROOM} nick="me" .connection=${connection}></xmpp-room>
  </div>`).then((div) => div.querySelector('xmpp-room')!);
  transport.receive(occupantPresence(`${ROOM}/ann`, { role: 'moderator', affiliation: 'owner' }));
  transport.receive(occupantPresence(`${ROOM}/me`, { codes: ['110'] }));
  await el.updateComplete;
  return { transport, connection, el };
}


describe('<xmpp-room> (fake transport)', () => {
  it('shows the strings a page registers through the element class, in place of the built-in ones', async () => {
    const { el } = await setup();
    const send = () => el.shadowRoot!.querySelector('[part~="send-button"]')?.textContent?.trim();
    expect(send()).to.equal('Send');
    // What a page with only the script tag can reach: the defined element's class.
    const Room = customElements.get('xmpp-room') as typeof XmppRoom;
    Room.registerMessages('en', { 'composer.send': 'Post' });
    await until(() => send() === 'Post', 2000, 'the page’s string');
    Room.registerMessages('en', { 'composer.send': 'Send' });
    await until(() => send() === 'Send', 2000, 'the string back');
  });

  it('emits xmpp-message for a groupchat stanza and shows it in the log', async () => {
    const { transport, el } = await setup();
    const received = oneEvent<GlobalEventHandlersEventMap['xmpp-message']>(el, 'xmpp-message');
    transport.receive(groupchat(`${ROOM}/ann`, 'hi'));
    const { detail } = await received;
    expect(detail).to.include({ body: 'hi', nick: 'ann', from: `${ROOM}/ann`, type: 'groupchat', outgoing: false });
    expect(detail.stamp).to.match(/^\d{4}-\d\d-\d\dT/);
    await el.updateComplete;
    const log = el.shadowRoot!.querySelector('[role="log"]')!;
    expect(log.getAttribute('part')).to.equal('messages');
    expect(parts(el, 'message-body').map((b) => b.textContent)).to.deep.equal(['hi']);
    await expect(el).to.be.accessible();
  });

  it('gives occupants parts for their role and affiliation', async () => {
    const { el } = await setup();
    expect(parts(el, 'occupant').map((o) => o.getAttribute('part'))).to.deep.equal([
      'occupant moderator owner',
      'occupant participant',
    ]);
  });

  it('reflects the status for styling and fires xmpp-status', async () => {
    const { connection, el } = await setup();
    expect(el.getAttribute('status')).to.equal('online');
    expect(el.status).to.equal('online');
    const event = oneEvent<GlobalEventHandlersEventMap['xmpp-status']>(el, 'xmpp-status');
    connection.logout();
    expect((await event).detail.status).to.equal('offline');
  });

  it('shows a "new messages" marker when the reader has scrolled up, and jumps down on click', async () => {
    const { transport, el } = await setup();
    el.style.setProperty('--xmpp-room-height', '14rem');
    for (let i = 0; i < 30; i += 1) transport.receive(groupchat(`${ROOM}/ann`, `message ${i}`));
    await el.updateComplete;
    const log = el.shadowRoot!.querySelector<HTMLElement>('[part~="messages"]')!;
    expect(log.scrollHeight).to.be.greaterThan(log.clientHeight);
    expect(log.scrollTop + log.clientHeight).to.be.closeTo(log.scrollHeight, 30);
    log.scrollTop = 0;
    log.dispatchEvent(new Event('scroll'));
    transport.receive(groupchat(`${ROOM}/ann`, 'while away'));
    await el.updateComplete;
    await el.updateComplete;
    const marker = el.shadowRoot!.querySelector<HTMLButtonElement>('.new-messages');
    expect(marker?.textContent).to.contain('New messages');
    expect(log.scrollTop).to.equal(0);
    marker!.click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.new-messages')).to.equal(null);
    expect(log.scrollTop + log.clientHeight).to.be.closeTo(log.scrollHeight, 30);
  });

  it('speaks Simplified Chinese under lang="zh-CN"', async () => {
    const { el } = await setup({ lang: 'zh-CN' });
    // The Chinese table loads on demand: the element renders again once it is there.
    await until(() => parts(el, 'send-button')[0]?.textContent?.trim() === '发送', 2000, 'the Chinese table');
    expect(parts(el, 'status')[0]?.textContent).to.equal('在线');
    expect(parts(el, 'input')[0]?.getAttribute('aria-label')).to.equal('消息');
  });

  it('sends with the send button and shows the message once, pending until the room reflects it', async () => {
    const { transport, el } = await setup();
    const input = parts(el, 'input')[0] as HTMLTextAreaElement;
    input.value = 'hello <b>room</b>';
    parts(el, 'send-button')[0].click();
    await el.updateComplete;
    const sent = transport.last('message')!;
    expect(sent.querySelector('body')?.textContent).to.equal('hello <b>room</b>');
    expect(parts(el, 'message')[0]?.getAttribute('part')).to.equal('message outgoing pending');
    transport.receive(groupchat(`${ROOM}/me`, 'hello <b>room</b>', '', sent.getAttribute('id')!));
    await el.updateComplete;
    expect(parts(el, 'message').map((m) => m.getAttribute('part'))).to.deep.equal(['message outgoing']);
  });

  it('keeps what was typed when the room is not joined yet, and says why', async () => {
    const transport = new FakeTransport();
    transport.onConnect = 'wait';
    const connection = new Connection(transport, { jid: 'guest.test' });
    const el = await fixture<XmppRoom>(html`<xmpp-room room-jid=${ROOM} .connection=${connection}></xmpp-room>`);
    const input = parts(el, 'input')[0] as HTMLTextAreaElement;
    input.value = 'my carefully typed message';
    const error = oneEvent<GlobalEventHandlersEventMap['xmpp-error']>(el, 'xmpp-error');
    input.focus();
    await sendKeys({ press: 'Enter' });
    expect((await error).detail.condition).to.equal('not-joined');
    await el.updateComplete;
    expect(input.value).to.equal('my carefully typed message');
    expect(parts(el, 'error')[0]?.textContent).to.contain('not in the room yet');
    expect(transport.sent.filter((s) => s.localName === 'message')).to.have.length(0);
  });

  describe('moderation menus and forms', () => {
    async function joinedAs(role: string, affiliation: string) {
      const transport = new FakeTransport();
      const connection = new Connection(transport, { jid: 'guest.test' });
      const el = await fixture<XmppRoom>(html`<xmpp-room lang="en" room-jid=${ROOM} nick="me" .connection=${connection}></xmpp-room>`);
      transport.receive(
        `<presence xmlns="jabber:client" from="${ROOM}/ann"><x xmlns="http://jabber.org/protocol/muc#user"><item role="participant" affiliation="none" jid="ann@test/x"/></x></presence>`,
      );
      transport.receive(
        `<presence xmlns="jabber:client" from="${ROOM}/boss"><x xmlns="http://jabber.org/protocol/muc#user"><item role="moderator" affiliation="admin" jid="boss@test/x"/></x></presence>`,
      );
      transport.receive(occupantPresence(`${ROOM}/me`, { role, affiliation, codes: ['110'] }));
      await el.updateComplete;
      // Every menu open: their content loads the first time one opens.
      for (const menu of el.shadowRoot!.querySelectorAll<HTMLDetailsElement>('[part~="occupant-actions"]')) {
        if (!menu.open) menu.querySelector('summary')!.click();
      }
      await until(() => el.shadowRoot!.querySelector('[part~="occupant-actions"] [data-action]'), 2000, 'the menus');
      const actions = (nick: string) =>
        [...(parts(el, 'occupant').find((o) => o.textContent.includes(nick))?.querySelectorAll('[data-action]') ?? [])].map(
          (b) => b.getAttribute('data-action'),
        );
      return { transport, el, actions };
    }

    it('offers each role and affiliation only what it may do', async () => {
      const participant = await joinedAs('participant', 'none');
      expect(participant.actions('ann')).to.deep.equal(['private']);
      const moderator = await joinedAs('moderator', 'none');
      expect(moderator.actions('ann')).to.deep.equal(['private', 'kick', 'voice']);
      expect(moderator.actions('boss')).to.deep.equal(['private']);
      const admin = await joinedAs('moderator', 'admin');
      expect(admin.actions('ann')).to.deep.equal(['private', 'kick', 'voice', 'ban', 'affiliation']);
      expect(admin.actions('boss')).to.deep.equal(['private']);
      const owner = await joinedAs('moderator', 'owner');
      expect(owner.actions('boss')).to.deep.equal(['private', 'kick', 'ban', 'affiliation']);
      const options = [...parts(owner.el, 'occupant')[0].querySelectorAll('option')].map((o) => o.value);
      expect(options).to.deep.equal(['none', 'member', 'admin', 'owner', 'outcast']);
    });

    it('disables the composer for a visitor and says why', async () => {
      const { el } = await joinedAs('visitor', 'none');
      el.shadowRoot!.querySelector<HTMLDetailsElement>('[part~="occupant-actions"]')!.open = true;
      await expect(el).to.be.accessible();
      expect(parts(el, 'send-button')[0].hasAttribute('disabled')).to.equal(true);
      expect(parts(el, 'notice').map((n) => n.textContent.trim())).to.include(
        'This room is moderated: visitors cannot speak until a moderator gives them voice.',
      );
    });

    it('renders the configuration form from the data form, as text, and submits what was entered', async () => {
      const { transport, el } = await joinedAs('moderator', 'owner');
      el.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="configure"]')!.click();
      // The form's code loads on demand, then asks the room for the form.
      const get = await until(() => transport.sent.find((s) => s.querySelector('query[xmlns="http://jabber.org/protocol/muc#owner"]') && s.getAttribute('type') === 'get'), 2000, 'the form requested');
      expect(get.querySelector('query')!.getAttribute('xmlns')).to.equal('http://jabber.org/protocol/muc#owner');
      transport.receive(`<iq xmlns="jabber:client" type="result" from="${ROOM}" id="${get.getAttribute('id')}">
        <query xmlns="http://jabber.org/protocol/muc#owner"><x xmlns="jabber:x:data" type="form">
          <title>&lt;img src=x onerror=alert(1)&gt;</title>
          <field var="FORM_TYPE" type="hidden"><value>http://jabber.org/protocol/muc#roomconfig</value></field>
          <field type="fixed"><value>Fixed text</value></field>
          <field var="name" type="text-single" label="Name"><value>old</value></field>
          <field var="desc" type="text-multi" label="Description"/>
          <field var="members" type="boolean" label="Members only"><value>0</value></field>
          <field var="whois" type="list-single" label="Who may see JIDs"><value>moderators</value>
            <option label="Moderators"><value>moderators</value></option><option label="Anyone"><value>anyone</value></option></field>
          <field var="types" type="list-multi" label="Types"><option label="A"><value>a</value></option><option label="B"><value>b</value></option></field>
          <field var="admins" type="jid-multi" label="Admins"/>
          <field var="secret" type="text-private" label="Password"/>
        </x></query></iq>`);
      await waitUntil(() => parts(el, 'room-config').length > 0, 'configuration form');
      const form = parts(el, 'room-config')[0] as HTMLFormElement;
      expect(form.querySelector('img')).to.equal(null);
      expect(form.querySelector('h3')!.textContent).to.equal('<img src=x onerror=alert(1)>');
      const named = (n: string) => form.elements.namedItem(n) as HTMLInputElement & HTMLSelectElement & HTMLTextAreaElement;
      expect(named('secret').type).to.equal('password');
      expect(named('types').multiple).to.equal(true);
      named('name').value = 'New';
      named('members').checked = true;
      named('whois').value = 'anyone';
      named('types').options[1].selected = true;
      named('admins').value = 'a@test\n\nb@test\na@test';
      named('desc').value = 'line 1\nline 2';
      await expect(el).to.be.accessible();
      (parts(el, 'room-config-submit')[0] as HTMLButtonElement).click();
      // submitConfig() loads the form code first (it is loaded already: one more microtask or two).
      const set = await until(() => transport.sent.find((s) => s.getAttribute('type') === 'set' && s.querySelector('x[type="submit"]')), 2000, 'the form sent');
      const values = (v: string) =>
        [...set.querySelectorAll('field')].find((f) => f.getAttribute('var') === v)!.querySelectorAll('value');
      const text = (v: string) => [...values(v)].map((x) => x.textContent);
      expect(text('FORM_TYPE')).to.deep.equal(['http://jabber.org/protocol/muc#roomconfig']);
      expect(text('name')).to.deep.equal(['New']);
      expect(text('members')).to.deep.equal(['1']);
      expect(text('whois')).to.deep.equal(['anyone']);
      expect(text('types')).to.deep.equal(['b']);
      expect(text('admins')).to.deep.equal(['a@test', 'b@test']);
      expect(text('desc')).to.deep.equal(['line 1', 'line 2']);
      expect(text('secret')).to.deep.equal([]);
    });
  });
});
