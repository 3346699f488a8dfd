// A reload of a page whose chat user is the host site's (credentials-url, session-url): the session is
// taken up again (same full JID, the room's peer sees no leave), once the site said the user is the
// same one; another site user signed in since gets a session of their own, never the kept one.
import { expect } from '@open-wc/testing';
import type { XmppRoom } from '../../src/components/room/room.js';
import type { Registry } from '../../src/core/registry.js';
import { REGISTRY_KEY } from '../../src/core/registry.js';
import { occupantNicks, peerInRoom, serverConfig, uniqueRoom, until } from '../harness.js';

const frames: HTMLIFrameElement[] = [];
afterEach(() => {
  for (const f of frames.splice(0)) f.remove();
  document.cookie = 'xmpp-site-user=; path=/; max-age=0';
});

interface Count {
  readonly credentials: number;
  readonly session: number;
}
const asked = (): Promise<Count> => fetch('/__xmpp__/site/count').then((r) => r.json() as Promise<Count>);

/** The full JID the frame's page is online as ('' while it is not). */
function frameJid(frame: HTMLIFrameElement): string {
  const win: (Window & { [REGISTRY_KEY]?: Registry }) | null = frame.contentWindow;
  const connection = win?.[REGISTRY_KEY]?.only();
  return connection?.status === 'online' ? connection.jid : '';
}

for (const [attribute, path] of [
  ['credentials-url', 'credentials'],
  ['session-url', 'session'],
] as const) {
  describe(`${attribute}: a page reload`, () => {
    it('takes the same session up again when the site user is the same; another user gets their own', async function () {
      this.timeout(60000);
      const { boshUrl } = await serverConfig();
      const roomJid = await uniqueRoom(`site-reload-${path}`);
      document.cookie = 'xmpp-site-user=alice; path=/';
      const frame = document.createElement('iframe');
      const query = new URLSearchParams({ 'bosh-url': boshUrl, [attribute]: `/__xmpp__/site/${path}`, 'room-jid': roomJid });
      frame.src = `/test/integration/reload-frame.html?${query.toString()}`;
      frames.push(frame);
      document.body.append(frame);
      const roomIn = () => frame.contentDocument?.querySelector<XmppRoom>('xmpp-room') ?? undefined;
      const first = await until(() => {
        const el = roomIn();
        return el && el.status === 'online' && occupantNicks(el).includes('alice') && el;
      }, 15000, 'alice in the room in the frame');
      const jid = frameJid(frame);
      expect(jid).to.match(/^alice@[^/]+\/.+/);

      const { connection: bob, room } = await peerInRoom(roomJid, 'bob');
      const alicePresences: string[] = [];
      bob.on('presence', (p) => {
        if (p.getAttribute('from') === `${roomJid}/alice`) alicePresences.push(p.getAttribute('type') ?? 'available');
      });
      const before = await asked();
      frame.contentWindow!.location.reload();
      const second = await until(() => {
        const el = roomIn();
        return el && el !== first && el.status === 'online' && occupantNicks(el).includes('alice') && el;
      }, 15000, 'alice in the room after the reload');
      expect(frameJid(frame), 'the same session').to.equal(jid);
      expect((await asked())[path] - before[path], 'the site asked whose session it is').to.equal(1);
      await second.send('after the reload');
      await until(() => room.timeline.some((i) => i.kind === 'message' && i.message.body === 'after the reload'), 10000, 'bob to get it');
      // Her rejoin's presence (the reloaded page joins the room again) is no leave: she never left.
      expect(alicePresences, 'alice left').to.not.include('unavailable');
      const notices = room.timeline.flatMap((i) => (i.kind === 'notice' ? [i.notice.kind] : []));
      expect(notices).to.not.include('left');
      expect(notices).to.not.include('joined');

      // Another site user now: a session of their own.
      document.cookie = 'xmpp-site-user=carol; path=/';
      frame.contentWindow!.location.reload();
      await until(() => {
        const el = roomIn();
        return el && el !== second && el.status === 'online' && occupantNicks(el).includes('carol') && el;
      }, 20000, 'carol in the room after the reload');
      expect(frameJid(frame)).to.match(/^carol@/);
      await until(() => room.occupants.some((o) => o.nick === 'carol'), 10000, 'bob to see carol');
    });
  });
}
