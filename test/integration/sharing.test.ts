// The defects fixed by the restructure (269754c), each through the real elements
// against the real server: elements that share one connection and one room, the
// chat on the shared message list, the connection key, and a provided connection.
import { ContextProvider } from '@lit/context';
import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import type { XmppChat } from '../../src/components/chat/chat.js';
import type { XmppPresence } from '../../src/components/presence/presence.js';
import type { XmppRoom } from '../../src/components/room/room.js';
import { connectionContext } from '../../src/controllers/connection-context.js';
import type { Connection } from '../../src/core/connection.js';
import { OwnPresence } from '../../src/core/presence.js';
import { registry } from '../../src/core/registry.js';
import { register } from './accounts.js';
import {
  bodies,
  closeAfterTest,
  part,
  parts,
  peer,
  peerInRoom,
  serverConfig,
  timelineBodies,
  uniqueRoom,
  until,
  xml,
} from '../harness.js';

/** A test-only ancestor that provides a connection to the elements inside it, through @lit/context. */
class TestConnectionProvider extends LitElement {
  readonly provider = new ContextProvider(this, { context: connectionContext, initialValue: undefined });

  provide(connection: Connection | undefined): void {
    this.provider.setValue(connection);
  }
}
customElements.define('test-connection-provider', TestConnectionProvider);
declare global {
  interface HTMLElementTagNameMap {
    'test-connection-provider': TestConnectionProvider;
  }
}

/** Until the elements of earlier tests have given their connections back. */
const registryEmpty = () => until(() => registry.size === 0, 5000, 'the registry to be empty');

afterEach(() => {
  registry.only()?.logout();
});

describe('elements sharing one connection (real server)', () => {
  it('attaches an <xmpp-presence> without attributes declared before the one with bosh-url and jid', async () => {
    await registryEmpty();
    const { boshUrl } = await serverConfig();
    const me = await register('pres');
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="en">
      <xmpp-presence></xmpp-presence>
      <xmpp-presence bosh-url=${boshUrl} jid=${me.jid}></xmpp-presence>
    </div>`);
    const [first, second] = [...wrapper.querySelectorAll('xmpp-presence')] as [XmppPresence, XmppPresence];
    await second.login(me.jid, me.password);
    await until(() => [first, second].every((e) => e.getAttribute('status') === 'online'), 10000, 'both online');
    second.setPresence('away', 'at lunch');
    await Promise.all([first.updateComplete, second.updateComplete]);
    for (const el of [first, second]) {
      expect(part(el, 'status')?.textContent).to.equal('Online');
      expect(part<HTMLSelectElement>(el, 'show-select')?.value).to.equal('away');
      expect(part<HTMLInputElement>(el, 'status-input')?.value).to.equal('at lunch');
    }
    expect(registry.size).to.equal(1);
  });

  it('shares one connection between jids that differ only in case and surrounding spaces', async () => {
    await registryEmpty();
    const { boshUrl, domain, users } = await serverConfig();
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="en">
      <xmpp-presence bosh-url=${boshUrl} jid=${` Alice@${domain[0]?.toUpperCase()}${domain.slice(1)} `}></xmpp-presence>
      <xmpp-presence bosh-url=${boshUrl} jid=${`alice@${domain}`}></xmpp-presence>
    </div>`);
    const [one, two] = [...wrapper.querySelectorAll('xmpp-presence')] as [XmppPresence, XmppPresence];
    expect(registry.size).to.equal(1);
    // One login brings both online.
    await two.login(`alice@${domain}`, users['alice'] ?? '');
    await until(() => [one, two].every((e) => e.getAttribute('status') === 'online'), 10000, 'both online');
    expect(registry.size).to.equal(1);
    two.logout();
  });

  it('keeps the connection and the room when jid changes to another spelling of the same account', async () => {
    await registryEmpty();
    const { boshUrl, domain, users } = await serverConfig();
    const roomJid = await uniqueRoom('spelling');
    const peerSide = await peerInRoom(roomJid, 'peer');
    const leaves: Element[] = [];
    peerSide.connection.on('presence', (p) => {
      if (p.getAttribute('from') === `${roomJid}/alice` && p.getAttribute('type') === 'unavailable') leaves.push(p);
    });
    const el = await fixture<XmppRoom>(
      html`<xmpp-room lang="en" bosh-url=${boshUrl} jid=${` Alice@${domain.toUpperCase()} `} room-jid=${roomJid} nick="alice" history="0"></xmpp-room>`,
    );
    await el.login(`alice@${domain}`, users['alice'] ?? '');
    await until(() => peerSide.room.occupants.some((o) => o.nick === 'alice'), 10000, 'alice in the room');
    el.jid = `alice@${domain}`;
    await el.updateComplete;
    await el.send('same session');
    await until(() => timelineBodies(peerSide.room).includes('same session'), 5000, 'the peer to get it');
    expect(leaves).to.have.length(0);
    expect(el.status).to.equal('online');
    expect(registry.size).to.equal(1);
    el.logout();
  });

  it('uses the connection an ancestor provides through @lit/context, and waits while it provides none', async () => {
    await registryEmpty();
    const { domain, users } = await serverConfig();
    const provider = await fixture<TestConnectionProvider>(html`<test-connection-provider lang="en">
      <xmpp-presence></xmpp-presence>
    </test-connection-provider>`);
    const el = provider.querySelector('xmpp-presence')!;
    await el.updateComplete;
    // Nothing provided yet: the element waits instead of connecting on its own.
    expect(registry.size).to.equal(0);
    expect(el.getAttribute('status')).to.equal('offline');
    expect(part<HTMLSelectElement>(el, 'show-select')?.disabled).to.equal(true);

    const connection = closeAfterTest(await peer(`carol@${domain}`, users['carol']));
    provider.provide(connection);
    await until(() => el.getAttribute('status') === 'online', 5000, 'the element on the provided connection');
    el.setPresence('dnd', 'provided');
    expect(OwnPresence.for(connection).show).to.equal('dnd');
    expect(OwnPresence.for(connection).status).to.equal('provided');
    expect(registry.size).to.equal(0);
  });
});

describe('two <xmpp-room> for the same room on one connection (real server)', () => {
  it('join once; removing one keeps the occupant; removing the last leaves', async () => {
    await registryEmpty();
    const { boshUrl, guestDomain } = await serverConfig();
    const roomJid = await uniqueRoom('twice');
    const peerSide = await peerInRoom(roomJid, 'peer');
    // Every available presence of our occupant the peer receives: one per join.
    const joins: Element[] = [];
    peerSide.connection.on('presence', (p) => {
      if (p.getAttribute('from') === `${roomJid}/twice` && !p.getAttribute('type')) joins.push(p);
    });
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="en">
      <xmpp-room bosh-url=${boshUrl} jid=${guestDomain} room-jid=${roomJid} nick="twice" history="0"></xmpp-room>
      <xmpp-room bosh-url=${boshUrl} jid=${guestDomain} room-jid=${roomJid} nick="twice" history="0"></xmpp-room>
    </div>`);
    const [one, two] = [...wrapper.querySelectorAll('xmpp-room')] as [XmppRoom, XmppRoom];
    const seen = () => peerSide.room.occupants.filter((o) => o.nick.startsWith('twice')).map((o) => o.nick);
    await until(() => seen().length > 0, 10000, 'the peer to see the occupant');
    await until(() => [one, two].every((r) => parts(r, 'occupant').length === 2), 10000, 'both elements joined');
    // A round trip through the room: every join is broadcast before this comes back.
    await one.send('joined');
    await until(() => timelineBodies(peerSide.room).includes('joined'), 5000, 'the peer to get it');
    expect(seen()).to.deep.equal(['twice']);
    expect(joins).to.have.length(1);

    one.remove();
    // Sent on the same connection after whatever the removal sent: a leave would reach the room first.
    await two.send('still here');
    await until(() => timelineBodies(peerSide.room).includes('still here'), 5000, 'the peer to get the second message');
    expect(seen()).to.deep.equal(['twice']);
    peerSide.room.send('hello the remaining one');
    await until(() => bodies(two).includes('hello the remaining one'), 5000, 'the remaining element to receive');

    two.remove();
    await until(() => seen().length === 0, 5000, 'the occupant to leave');
  });
});

describe('<xmpp-chat> on the shared message list (real server)', () => {
  it('links URLs and keeps only the newest 200 of 230 messages in the DOM, with "show earlier"', async () => {
    await registryEmpty();
    const { boshUrl, domain, users } = await serverConfig();
    const me = await register('list');
    const bob = closeAfterTest(await peer(`bob@${domain}`, users['bob']));
    const el = await fixture<XmppChat>(
      html`<xmpp-chat lang="en" bosh-url=${boshUrl} jid=${me.jid} with=${`bob@${domain}`} history="0"></xmpp-chat>`,
    );
    await el.login(me.jid, me.password);
    await until(() => el.status === 'online', 10000, 'online');

    bob.send(xml('message', { to: me.jid, type: 'chat' }, xml('body', {}, 'see https://example.org/page?q=1')));
    await until(() => bodies(el).includes('see https://example.org/page?q=1'), 5000, 'the link message');
    const link = await until(() => part(el, 'message-body')?.querySelector('a'), 5000, 'the link (rich.ts)');
    expect(link.getAttribute('href')).to.equal('https://example.org/page?q=1');

    for (let i = 0; i < 230; i += 1) bob.send(xml('message', { to: me.jid, type: 'chat' }, xml('body', {}, `m ${i}`)));
    await until(() => bodies(el).includes('m 229'), 20000, 'all 230 messages');
    await el.updateComplete;
    expect(parts(el, 'message')).to.have.length(200);
    expect(bodies(el).at(0)).to.equal('m 30');
    expect(el.shadowRoot!.querySelector('button.show-earlier')).to.not.equal(null);
    el.logout();
  });
});
