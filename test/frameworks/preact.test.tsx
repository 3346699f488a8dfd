/** @jsxImportSource preact */
// Preact with the bare tags (src/types/preact.ts): attributes and an onxmpp-status listener, against
// the real test server.
import { expect } from '@open-wc/testing';
import { render } from 'preact';
import '../../src/define.js';
import type {} from '../../src/types/preact.js';
import { serverConfig, uniqueRoom, until } from '../harness.js';

let host: HTMLElement | undefined;
afterEach(() => {
  if (host) render(null, host);
  host?.remove();
});

describe('Preact with the elements', () => {
  it('<xmpp-room> in Preact JSX: properties set, online through onxmpp-status', async () => {
    const { boshUrl, guestDomain } = await serverConfig();
    const roomJid = await uniqueRoom('preact');
    const statuses: string[] = [];
    host = document.createElement('div');
    document.body.append(host);
    render(
      <xmpp-room
        lang="en"
        bosh-url={boshUrl}
        jid={guestDomain}
        room-jid={roomJid}
        nick="preact-guest"
        history={5}
        onxmpp-status={(event) => statuses.push(event.detail.status)}
      />,
      host,
    );
    const el = host.querySelector('xmpp-room');
    if (!el) throw new Error('Preact rendered no <xmpp-room>');
    expect(el.roomJid).to.equal(roomJid);
    expect(el.history).to.equal(5);
    await until(() => statuses.includes('online'), 15000, 'onxmpp-status online');
    expect(el.getAttribute('status')).to.equal('online');
  });
});
