import { expect } from '@open-wc/testing';
import { FakeTransport } from '../../test/fakes/fake-transport.js';
import { Connection } from './connection.js';
import { Registry } from './registry.js';

function fakeRegistry() {
  const transports: FakeTransport[] = [];
  const registry = new Registry((options) => {
    const transport = new FakeTransport();
    transports.push(transport);
    return new Connection(transport, options);
  });
  return { registry, transports };
}

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('Registry', () => {
  const options = { boshUrl: 'http://127.0.0.1:5280/http-bind', jid: 'guest.example.org' };

  it('hands out one connection per key and counts references', () => {
    const { registry, transports } = fakeRegistry();
    const a = registry.acquire(options);
    const b = registry.acquire({ ...options });
    const c = registry.acquire({ ...options, jid: 'other.example.org' });
    expect(a).to.equal(b);
    expect(a).to.not.equal(c);
    expect(transports).to.have.length(2);
    expect(registry.refCount(a)).to.equal(2);
  });

  it('closes the connection when the last reference is released', async () => {
    const { registry, transports } = fakeRegistry();
    const a = registry.acquire(options);
    a.start();
    registry.acquire(options);
    registry.release(a);
    await tick();
    expect(a.status).to.equal('online');
    registry.release(a);
    await tick();
    expect(a.status).to.equal('offline');
    expect(transports[0]?.disconnects).to.equal(1);
    expect(registry.size).to.equal(0);
  });

  it('keeps the connection when an element is moved (released then acquired in one task)', async () => {
    const { registry, transports } = fakeRegistry();
    const a = registry.acquire(options);
    a.start();
    registry.release(a);
    const again = registry.acquire(options);
    await tick();
    expect(again).to.equal(a);
    expect(transports[0]?.disconnects).to.equal(0);
  });

  it('finds the page connection only when there is exactly one', () => {
    const { registry } = fakeRegistry();
    expect(registry.only()).to.equal(undefined);
    const a = registry.acquire(options);
    expect(registry.only()).to.equal(a);
    registry.acquire({ ...options, jid: 'x.example.org' });
    expect(registry.only()).to.equal(undefined);
  });
});
