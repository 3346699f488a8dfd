// Svelte 5 with the elements: a component compiled by svelte/compiler (test/frameworks/svelte-room.svelte),
// mounted with svelte's mount(); attributes and onxmpp-… listeners as README's Frameworks section shows.
import { expect } from '@open-wc/testing';
import { flushSync, mount, unmount } from 'svelte';
import '../../src/define.js';
import type { XmppMessageDetail } from '../../src/events/message-event.js';
import { bodies, peerInRoom, serverConfig, uniqueRoom, until } from '../harness.js';
import SvelteRoom from './svelte-room.svelte';

let mounted: Record<string, unknown> | undefined;
let host: HTMLElement | undefined;
afterEach(async () => {
  if (mounted) await unmount(mounted);
  mounted = undefined;
  host?.remove();
});

describe('Svelte 5 with the elements', () => {
  it('a component with <xmpp-room>: online through onxmpp-status, a peer’s message shown and in onxmpp-message', async () => {
    const { boshUrl, guestDomain } = await serverConfig();
    const roomJid = await uniqueRoom('svelte');
    const statuses: string[] = [];
    const messages: XmppMessageDetail[] = [];
    host = document.createElement('div');
    document.body.append(host);
    mounted = mount(SvelteRoom, {
      target: host,
      props: {
        boshUrl,
        jid: guestDomain,
        roomJid,
        nick: 'svelte-guest',
        onstatus: (status: string) => statuses.push(status),
        onmessage: (detail: XmppMessageDetail) => messages.push(detail),
      },
    });
    flushSync();
    const el = host.querySelector('xmpp-room');
    if (!el) throw new Error('Svelte rendered no <xmpp-room>');
    expect(el.roomJid).to.equal(roomJid);
    expect(el.history).to.equal(5);
    await until(() => statuses.includes('online'), 15000, 'onxmpp-status online');

    const ann = await peerInRoom(roomJid, 'ann');
    ann.room.send('hello from ann');
    await until(() => bodies(el).includes('hello from ann'), 10000, 'the message on screen');
    await until(() => messages.some((m) => m.body === 'hello from ann'), 5000, 'onxmpp-message');
  });
});
