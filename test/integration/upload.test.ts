import { expect } from '@open-wc/testing';
import { XmppError } from '../../src/core/errors.js';
import {
  FileTooLargeError,
  type UploadService,
  findUploadService,
  requestSlot,
  uploadFile,
} from '../../src/core/upload.js';
import { account, serverConfig } from '../harness.js';

/** A 1×1 PNG. */
const PNG = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='),
  (c) => c.charCodeAt(0),
);

const token = () => Math.random().toString(36).slice(2, 8);

/** The promise's rejection, or a failure if it resolves. */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

async function service(): Promise<UploadService> {
  const found = await findUploadService(await account('alice'));
  if (!found) throw new Error('no upload service');
  return found;
}

describe('HTTP File Upload (XEP-0363), against the real server', () => {
  it('finds the upload service and its size limit, once per connection', async () => {
    const { uploadDomain, uploadMaxSize } = await serverConfig();
    const alice = await account('alice');
    const found = await findUploadService(alice);
    expect(found).to.deep.equal({ jid: uploadDomain, maxFileSize: uploadMaxSize });
    expect(await findUploadService(alice)).to.equal(found);
  });

  it('uploads a PNG with progress up to its size; the GET URL gives the same bytes back', async () => {
    const alice = await account('alice');
    const upload = await service();
    const blob = new Blob([PNG], { type: 'image/png' });
    const name = `dot-${token()}.png`;
    const slot = await requestSlot(alice, upload, { name, size: blob.size, type: blob.type });
    expect(slot.put.url).to.match(/^http:\/\/127\.0\.0\.1:\d+\//);
    expect(slot.get).to.match(/^http:\/\/127\.0\.0\.1:\d+\//);
    expect(slot.get).to.contain(name);
    for (const header of Object.keys(slot.put.headers)) expect(['Authorization', 'Cookie', 'Expires']).to.include(header);

    const progress: [number, number][] = [];
    await uploadFile(slot.put.url, slot.put.headers, blob, (loaded, total) => progress.push([loaded, total]));
    expect(progress.at(-1)).to.deep.equal([blob.size, blob.size]);
    for (const [loaded, total] of progress) {
      expect(total).to.equal(blob.size);
      expect(loaded).to.be.at.most(total);
    }

    const response = await fetch(slot.get);
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-type')).to.match(/^image\/png/);
    expect(new Uint8Array(await response.arrayBuffer())).to.deep.equal(PNG);
  });

  it('refuses a 2 MiB file before asking, with the limit; the server refuses it too when asked', async () => {
    const { uploadMaxSize } = await serverConfig();
    const alice = await account('alice');
    const upload = await service();
    const file = { name: 'big.bin', size: 2 * 1024 * 1024, type: 'application/octet-stream' };

    const before = await rejection(requestSlot(alice, upload, file));
    expect(before).to.be.instanceOf(FileTooLargeError);
    expect((before as FileTooLargeError).error.condition).to.equal('file-too-large');
    expect((before as FileTooLargeError).maxFileSize).to.equal(uploadMaxSize);
    expect((before as FileTooLargeError).size).to.equal(file.size);
    expect((before as Error).message).to.contain(String(uploadMaxSize));

    // Not knowing the limit, the client asks, and the server says no.
    const asked = await rejection(requestSlot(alice, { jid: upload.jid }, file));
    expect(asked).to.be.instanceOf(XmppError);
    expect((asked as XmppError).error.condition).to.equal('not-acceptable');
    expect((asked as XmppError).error.text).to.match(/large/i);
  });

  it('a PUT larger than the slot it asked for fails', async () => {
    const alice = await account('alice');
    const slot = await requestSlot(alice, await service(), { name: `small-${token()}.bin`, size: 16, type: '' });
    const big = new Blob([new Uint8Array(2 * 1024 * 1024)]);
    const error = await rejection(uploadFile(slot.put.url, slot.put.headers, big));
    expect(error).to.be.instanceOf(XmppError);
    expect((error as XmppError).error.condition).to.equal('upload-failed');
    expect((error as XmppError).error.code).to.equal(413);
    expect(await fetch(slot.get).then((r) => r.ok, () => false)).to.equal(false);
  });

  it('an abort cancels the upload: rejected as aborted, never reported complete', async () => {
    const alice = await account('alice');
    const blob = new Blob([new Uint8Array(1000 * 1024)], { type: 'application/octet-stream' });
    const slot = await requestSlot(alice, await service(), { name: `abort-${token()}.bin`, size: blob.size, type: blob.type });

    const already = new AbortController();
    already.abort();
    const early = await rejection(uploadFile(slot.put.url, slot.put.headers, blob, undefined, already.signal));
    expect((early as XmppError).error.condition).to.equal('aborted');

    const controller = new AbortController();
    const progress: number[] = [];
    const upload = uploadFile(slot.put.url, slot.put.headers, blob, (loaded) => progress.push(loaded), controller.signal);
    controller.abort();
    const error = await rejection(upload);
    expect(error).to.be.instanceOf(XmppError);
    expect((error as XmppError).error.condition).to.equal('aborted');
    expect(progress).to.not.include(blob.size);
    // Whether the server stored it is a race on loopback (the body may be out before the abort,
    // as ejabberd sometimes shows): what the user gets is a rejected upload, so no message goes out.
  });

  it('guests see no upload service and may not ask it for a slot', async () => {
    const { uploadDomain } = await serverConfig();
    const guest = await account();
    expect(await findUploadService(guest)).to.equal(undefined);
    const error = await rejection(requestSlot(guest, { jid: uploadDomain }, { name: 'x.png', size: PNG.length, type: 'image/png' }));
    expect((error as XmppError).error.condition).to.equal('forbidden');
  });
});
