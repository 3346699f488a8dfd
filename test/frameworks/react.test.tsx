// 'xmpp-elements/react' (src/react.ts, @lit/react) rendered by React 19 (react-dom/client) in Chromium,
// against the real test server; and the bare tags in React's JSX with src/types/react.ts.
import { expect } from '@open-wc/testing';
import { act, createRef, useState } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { XmppLauncher, XmppRoom } from '../../src/react.js';
import type { XmppRoom as RoomElement } from '../../src/components/room/room.js';
import type { XmppStatusEvent } from '../../src/events/status-event.js';
import type { XmppMessageDetail } from '../../src/events/message-event.js';
import type {} from '../../src/types/react.js';
import { bodies, part, peerInRoom, serverConfig, uniqueRoom, until } from '../harness.js';

// React's act() outside a test framework it knows.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | undefined;
let host: HTMLElement | undefined;

/** Renders into a fresh container in the page. */
async function render(node: React.ReactNode): Promise<HTMLElement> {
  host = document.createElement('div');
  document.body.append(host);
  const created = createRoot(host);
  root = created;
  await act(async () => created.render(node));
  return host;
}

afterEach(async () => {
  const done = root;
  root = undefined;
  if (done) await act(async () => done.unmount());
  host?.remove();
});

describe('xmpp-elements/react with React 19', () => {
  it('<XmppRoom>: typed props connect a guest, onXmppStatus says online, a peer’s message shows and onXmppMessage gets it', async () => {
    const { boshUrl, guestDomain } = await serverConfig();
    const roomJid = await uniqueRoom('react');
    const statuses: string[] = [];
    const messages: XmppMessageDetail[] = [];
    const ref = createRef<RoomElement>();
    await render(
      <XmppRoom
        ref={ref}
        lang="en"
        boshUrl={boshUrl}
        jid={guestDomain}
        roomJid={roomJid}
        nick="reactor"
        history={5}
        onXmppStatus={(event: XmppStatusEvent) => statuses.push(event.detail.status)}
        onXmppMessage={(event) => messages.push(event.detail)}
      />,
    );
    const el = ref.current;
    if (!el) throw new Error('no element behind the ref');
    expect(el.localName).to.equal('xmpp-room');
    expect(el.history).to.equal(5);
    await until(() => statuses.includes('online'), 15000, 'onXmppStatus online');
    expect(el.status).to.equal('online');

    const ann = await peerInRoom(roomJid, 'ann');
    ann.room.send('hello from ann');
    await until(() => bodies(el).includes('hello from ann'), 10000, 'the message on screen');
    await until(() => messages.some((m) => m.body === 'hello from ann'), 5000, 'onXmppMessage');
    expect(messages.find((m) => m.body === 'hello from ann')).to.include({ nick: 'ann', type: 'groupchat', outgoing: false });
  });

  it('<XmppRoom>: a new prop from React state reaches the element (nick)', async () => {
    const roomJid = await uniqueRoom('react-state');
    const ref = createRef<RoomElement>();
    let setNick: (nick: string) => void = () => undefined;
    function App() {
      const [nick, set] = useState('first');
      setNick = set;
      return <XmppRoom ref={ref} roomJid={roomJid} nick={nick} />;
    }
    await render(<App />);
    expect(ref.current?.nick).to.equal('first');
    await act(async () => setNick('second'));
    expect(ref.current?.nick).to.equal('second');
    expect(ref.current?.getAttribute('room-jid')).to.equal(roomJid);
  });

  it('<XmppLauncher>: onXmppShow and onXmppHide as the bubble opens and closes', async () => {
    const seen: string[] = [];
    await render(<XmppLauncher label="Help" onXmppShow={(e) => seen.push(e.type)} onXmppHide={(e) => seen.push(e.type)} />);
    const launcher = document.querySelector('xmpp-launcher');
    if (!launcher) throw new Error('no launcher');
    await launcher.updateComplete;
    part(launcher, 'launcher-button')?.click();
    await until(() => seen.length === 1, 5000, 'xmpp-show');
    part(launcher, 'close-button')?.click();
    await until(() => seen.length === 2, 5000, 'xmpp-hide');
    expect(seen.join()).to.equal('xmpp-show,xmpp-hide');
  });

  it('the bare tag in React 19 JSX: attributes and an onxmpp-status listener (types/react)', async () => {
    const { boshUrl, guestDomain } = await serverConfig();
    const roomJid = await uniqueRoom('react-tag');
    const statuses: string[] = [];
    await render(
      <xmpp-room
        lang="en"
        bosh-url={boshUrl}
        jid={guestDomain}
        room-jid={roomJid}
        nick="tagged"
        onxmpp-status={(event) => statuses.push(event.detail.status)}
      />,
    );
    const el = document.querySelector('xmpp-room');
    if (!el) throw new Error('no element');
    expect(el.roomJid).to.equal(roomJid);
    await until(() => statuses.includes('online'), 15000, 'onxmpp-status online');
    expect(el.getAttribute('status')).to.equal('online');
  });
});
