// The page under test: one <xmpp-room>, the source elements, the room named in ?room=.
import '../../src/define.js';

interface Config {
  readonly boshUrl: string;
  readonly wsUrl: string;
  readonly guestDomain: string;
}

void fetch('/__xmpp__/config.json')
  .then((r) => r.json() as Promise<Config>)
  .then((config) => {
    const params = new URLSearchParams(location.search);
    const ws = params.get('transport') === 'ws';
    const room = document.createElement('xmpp-room');
    room.setAttribute(ws ? 'ws-url' : 'bosh-url', ws ? config.wsUrl : config.boshUrl);
    room.setAttribute('jid', config.guestDomain);
    room.setAttribute('room-jid', params.get('room') ?? '');
    room.setAttribute('nick', 'csp-visitor');
    room.setAttribute('history', '0');
    document.body.append(room);
  });
