// Vue 3 (its full browser build, runtime template compiler: scripts/wtr-frameworks.mjs) with the
// elements, as README's Frameworks section tells a Vue app: compilerOptions.isCustomElement, attributes
// and @xmpp-… listeners in a template; and the GlobalComponents types of src/types/vue.ts.
import { expect } from '@open-wc/testing';
import { createApp, nextTick, ref, type App, type GlobalComponents } from 'vue';
import '../../src/define.js';
import type {} from '../../src/types/vue.js';
import type { XmppMessageDetail, XmppMessageEvent } from '../../src/events/message-event.js';
import type { XmppStatusEvent } from '../../src/events/status-event.js';
import { bodies, peerInRoom, serverConfig, uniqueRoom, until } from '../harness.js';

// Type-level: what GlobalComponents gives a template (vue-tsc checks templates against this).
type RoomProps = InstanceType<GlobalComponents['xmpp-room']>['$props'];
const typed: RoomProps = { 'room-jid': 'lobby@conference.localhost', nick: 'vue', history: 10, onXmppStatus: (event) => event.detail.status };
// @ts-expect-error: onXmppUnread's event is no status event
const wrong: RoomProps = { onXmppUnread: (event: XmppStatusEvent) => event.detail.status };
void [typed, wrong];

let app: App | undefined;
let host: HTMLElement | undefined;
afterEach(() => {
  app?.unmount();
  host?.remove();
  app = undefined;
});

describe('Vue 3 with the elements', () => {
  it('a template with <xmpp-room>: no component warning, online through @xmpp-status, a peer’s message shown and in @xmpp-message', async () => {
    const { boshUrl, guestDomain } = await serverConfig();
    const roomJid = await uniqueRoom('vue');
    const statuses: string[] = [];
    const messages: XmppMessageDetail[] = [];
    const warnings: string[] = [];
    const nick = ref('vue-guest');
    host = document.createElement('div');
    document.body.append(host);
    app = createApp({
      template: `<xmpp-room lang="en" :bosh-url="boshUrl" :jid="jid" :room-jid="roomJid" :nick="nick" :history="5"
        @xmpp-status="onStatus" @xmpp-message="onMessage"></xmpp-room>`,
      setup: () => ({
        boshUrl,
        jid: guestDomain,
        roomJid,
        nick,
        onStatus: (event: XmppStatusEvent) => statuses.push(event.detail.status),
        onMessage: (event: XmppMessageEvent) => messages.push(event.detail),
      }),
    });
    app.config.compilerOptions.isCustomElement = (tag) => tag.startsWith('xmpp-');
    app.config.warnHandler = (message) => warnings.push(message);
    app.mount(host);
    const el = host.querySelector('xmpp-room');
    if (!el) throw new Error('Vue rendered no <xmpp-room>');
    expect(el.roomJid).to.equal(roomJid);
    expect(el.history).to.equal(5);
    await until(() => statuses.includes('online'), 15000, '@xmpp-status online');

    const ann = await peerInRoom(roomJid, 'ann');
    ann.room.send('hello from ann');
    await until(() => bodies(el).includes('hello from ann'), 10000, 'the message on screen');
    await until(() => messages.some((m) => m.body === 'hello from ann'), 5000, '@xmpp-message');
    nick.value = 'renamed';
    await nextTick();
    expect(el.nick).to.equal('renamed');
    expect(warnings.join('\n')).to.equal('');
  });
});
