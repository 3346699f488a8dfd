import { expect } from '@open-wc/testing';
import { FakeTransport } from '../../test/fakes/fake-transport.js';
import { Connection, type ConnectionOptions, type Status } from './connection.js';
import { xml } from './xml.js';

const fast: ConnectionOptions = { backoff: { base: 5, jitter: 0 } };

function statuses(connection: Connection): Status[] {
  const seen: Status[] = [];
  connection.on('status', (s) => seen.push(s));
  return seen;
}

function next(connection: Connection, wanted: Status): Promise<void> {
  return new Promise((resolve) => {
    const off = connection.on('status', (status) => {
      if (status === wanted) {
        off();
        resolve();
      }
    });
  });
}

function message(body: string): Element {
  return xml('message', { to: 'room@muc.example.org', type: 'groupchat' }, xml('body', {}, body));
}

describe('Connection: reconnect', () => {
  it('logs a guest in anonymously again after the session is lost, and restores presence', async () => {
    const transport = new FakeTransport();
    const connection = new Connection(transport, { ...fast, jid: 'guest.example.org' });
    connection.setPresenceProvider(() => xml('presence', {}, xml('show', {}, 'away')));
    connection.start();
    const seen = statuses(connection);
    const back = next(connection, 'online');
    transport.sent.length = 0;
    transport.lose();
    expect(connection.status).to.equal('reconnecting');
    await back;
    expect(seen).to.deep.equal(['reconnecting', 'online']);
    expect(transport.connects).to.deep.equal([
      { jid: 'guest.example.org', password: undefined },
      { jid: 'guest.example.org', password: undefined },
    ]);
    expect(transport.sentXml[0]).to.contain('<show>away</show>');
  });

  it('logs a user in again with the password kept in memory, and forgets it on logout', async () => {
    const transport = new FakeTransport();
    const connection = new Connection(transport, { ...fast, jid: 'alice@example.org' });
    await connection.login('alice@example.org', 'secret');
    const back = next(connection, 'online');
    transport.lose();
    await back;
    expect(transport.connects[1]).to.deep.equal({ jid: 'alice@example.org', password: 'secret' });
    connection.logout();
    expect(connection.canRetry).to.equal(false);
    expect(connection.status).to.equal('offline');
  });

  it('keeps retrying while the server is away, backing off', async () => {
    const transport = new FakeTransport();
    const connection = new Connection(transport, { backoff: { base: 5, factor: 2, jitter: 0 }, jid: 'guest.example.org' });
    connection.start();
    transport.onConnect = 'failed';
    transport.lose();
    const started = performance.now();
    while (transport.connects.length < 4) await new Promise((r) => setTimeout(r, 5));
    // 5 + 10 + 20 ms between the first three retries.
    expect(performance.now() - started).to.be.at.least(35);
    expect(connection.status).to.equal('reconnecting');
    const back = next(connection, 'online');
    transport.onConnect = 'online';
    await back;
  });

  it('queues what is sent while away and sends it once back, after presence, in order, once', async () => {
    const transport = new FakeTransport();
    const connection = new Connection(transport, { backoff: { base: 30, jitter: 0 }, jid: 'guest.example.org' });
    connection.start();
    transport.lose();
    transport.sent.length = 0;
    connection.send(message('one'));
    connection.send(message('two'));
    expect(transport.sent).to.have.length(0);
    expect(connection.queued).to.equal(2);
    await next(connection, 'online');
    const names = transport.sent.map((s) => s.localName);
    expect(names).to.deep.equal(['presence', 'message', 'message']);
    expect(transport.sent.slice(1).map((s) => s.textContent)).to.deep.equal(['one', 'two']);
    expect(connection.queued).to.equal(0);
    transport.lose();
    await next(connection, 'online');
    expect(transport.sent.filter((s) => s.localName === 'message')).to.have.length(2);
  });

  it('does not queue before the first login', () => {
    const transport = new FakeTransport();
    transport.onConnect = 'wait';
    const connection = new Connection(transport, { jid: 'guest.example.org' });
    connection.start();
    connection.send(message('early'));
    expect(transport.sent).to.have.length(1);
  });

  it('gives up after the reconnect timeout with failed, then retries on demand and sends the queue', async () => {
    const transport = new FakeTransport();
    const connection = new Connection(transport, { ...fast, reconnectTimeout: 60, jid: 'guest.example.org' });
    connection.start();
    transport.onConnect = 'failed';
    const failed = next(connection, 'failed');
    transport.lose();
    connection.send(message('while away'));
    await failed;
    expect(connection.lastError?.condition).to.equal('reconnect-gave-up');
    expect(connection.canRetry).to.equal(true);
    const attempts = transport.connects.length;
    await new Promise((r) => setTimeout(r, 30));
    expect(transport.connects.length).to.equal(attempts);
    transport.onConnect = 'online';
    transport.sent.length = 0;
    connection.retry();
    expect(connection.status).to.equal('online');
    expect(transport.sent.map((s) => s.textContent)).to.include('while away');
  });

  it('goes offline (asking for the password) when a user session without a kept password is lost', () => {
    const transport = new FakeTransport();
    transport.onResume = 'online';
    const connection = new Connection(transport, { ...fast, jid: 'alice@example.org' });
    connection.start();
    expect(connection.status).to.equal('online');
    transport.lose();
    expect(connection.status).to.equal('offline');
    expect(connection.needsCredentials).to.equal(true);
  });
});

describe('Connection: a session kept across a reload', () => {
  it('takes it up without logging in again', () => {
    const transport = new FakeTransport();
    transport.onResume = 'online';
    const connection = new Connection(transport, { jid: 'guest.example.org' });
    const seen = statuses(connection);
    connection.start();
    expect(transport.resumes).to.deep.equal(['guest.example.org']);
    expect(transport.connects).to.have.length(0);
    expect(seen).to.deep.equal(['connecting', 'online']);
    expect(connection.jid).to.equal('anon-kept@guest.example.org/kept');
  });

  it('falls back to a fresh login when the server has forgotten it', () => {
    const transport = new FakeTransport();
    transport.onResume = 'stale';
    const connection = new Connection(transport, { jid: 'guest.example.org' });
    const seen = statuses(connection);
    connection.start();
    expect(transport.connects).to.have.length(1);
    expect(seen).to.deep.equal(['connecting', 'online']);
    expect(connection.lastError).to.equal(undefined);
  });

  it('asks a user for the password when the kept session is stale', () => {
    const transport = new FakeTransport();
    transport.onResume = 'stale';
    const connection = new Connection(transport, { jid: 'alice@example.org' });
    connection.start();
    expect(transport.connects).to.have.length(0);
    expect(connection.status).to.equal('offline');
    expect(connection.needsCredentials).to.equal(true);
  });
});
