import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import type { Connection } from '../../src/core/connection.js';
import type { XmppChat } from '../../src/components/chat/chat.js';
import type { XmppRoom } from '../../src/components/room/room.js';
import '../../src/define.js';
import { account, joined, part, peerInRoom, roomElement, serverConfig, uniqueRoom, until } from '../harness.js';

/*
 * Sending files from the composer (XEP-0363 upload, then a message with the URL as body and
 * as XEP-0066 OOB, as Conversations sends it), on both test servers' upload services.
 */

/** A 1×1 PNG. */
const PNG = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='),
  (c) => c.charCodeAt(0),
);

function inbox(connection: Connection): Element[] {
  const got: Element[] = [];
  connection.on('message', (stanza) => got.push(stanza));
  return got;
}

const oobOf = (got: Element[]) => () =>
  got.map((s) => s.getElementsByTagNameNS('jabber:x:oob', 'url')[0]?.textContent).find((url) => url);

/** The attach button, once the element found its server's upload service (asked when the input is first focused: a real click here). */
async function attachButton(el: XmppRoom | XmppChat): Promise<HTMLButtonElement> {
  const box = part<HTMLTextAreaElement>(el, 'input')!.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
  return until(() => part<HTMLButtonElement>(el, 'attach-button'), 10000, 'the attach button');
}

function files(...list: File[]): DataTransfer {
  const transfer = new DataTransfer();
  for (const file of list) transfer.items.add(file);
  return transfer;
}

describe('sending files from the composer (XEP-0363)', () => {
  it('room: a file over the server’s limit, dropped on the composer, is refused with a clear message and xmpp-error', async () => {
    const { uploadMaxSize } = await serverConfig();
    const roomJid = await uniqueRoom('attach-big');
    const alice = await account('alice');
    const el = await roomElement(alice, roomJid, 'alice');
    await joined(el, 'alice');
    const ann = await peerInRoom(roomJid, 'ann');
    const got = inbox(ann.connection);
    await attachButton(el);

    const big = new File([new Uint8Array(uploadMaxSize + 1)], 'big.bin', { type: 'application/octet-stream' });
    const error = oneEvent(el, 'xmpp-error');
    part(el, 'composer')!.dispatchEvent(new DragEvent('drop', { bubbles: true, composed: true, cancelable: true, dataTransfer: files(big) }));
    const event = (await error) as Event & { detail: { condition: string } };
    expect(event.detail.condition).to.equal('file-too-large');
    const notice = await until(() => part(el, 'upload-progress')?.getAttribute('role') === 'alert' && part(el, 'upload-progress'), 5000, 'the notice');
    expect(notice.textContent).to.contain('big.bin is too large').and.contain('1 MB');
    // Nothing went to the room.
    ann.room.send('after');
    await until(() => got.some((s) => s.getElementsByTagName('body')[0]?.textContent === 'after'), 5000, 'ann’s own message back');
    expect(oobOf(got)()).to.equal(undefined);
  });

  it('room: a small file dropped on the composer is uploaded and sent: ann receives the GET URL as body and as jabber:x:oob', async () => {
    const roomJid = await uniqueRoom('attach-drop');
    const alice = await account('alice');
    const el = await roomElement(alice, roomJid, 'alice');
    await joined(el, 'alice');
    const ann = await peerInRoom(roomJid, 'ann');
    const got = inbox(ann.connection);
    await attachButton(el);

    const name = `notes-${Date.now().toString(36)}.txt`;
    const transfer = files(new File(['hello from a drop'], name, { type: 'text/plain' }));
    const composer = part(el, 'composer')!;
    const over = new DragEvent('dragover', { bubbles: true, composed: true, cancelable: true, dataTransfer: transfer });
    composer.dispatchEvent(over);
    expect(over.defaultPrevented, 'the drop is accepted').to.equal(true);
    composer.dispatchEvent(new DragEvent('drop', { bubbles: true, composed: true, cancelable: true, dataTransfer: transfer }));
    const url = await until(oobOf(got), 10000, 'the OOB URL at ann');
    expect(url).to.contain(name);
    const message = got.find((s) => s.getElementsByTagNameNS('jabber:x:oob', 'url')[0]?.textContent === url)!;
    expect(message.getElementsByTagName('body')[0]?.textContent).to.equal(url);
    const response = await fetch(url);
    expect(await response.text()).to.equal('hello from a drop');
    // Shown to alice as a file link, not the URL again as text.
    const link = await until(() => part<HTMLAnchorElement>(el, 'attachment'), 5000, 'the attachment shown');
    expect(link.getAttribute('href')).to.equal(url);
    expect(link.textContent).to.contain(name);
    expect(part(el, 'upload-progress')).to.equal(null);
  });

  it('room: the cancel button of upload-progress stops the upload; the composer says so and nothing is sent', async () => {
    const roomJid = await uniqueRoom('attach-cancel');
    const alice = await account('alice');
    const el = await roomElement(alice, roomJid, 'alice');
    await joined(el, 'alice');
    const ann = await peerInRoom(roomJid, 'ann');
    const got = inbox(ann.connection);
    await attachButton(el);

    const big = new File([new Uint8Array(900 * 1024)], 'holiday.bin', { type: 'application/octet-stream' });
    part(el, 'composer')!.dispatchEvent(new DragEvent('drop', { bubbles: true, composed: true, cancelable: true, dataTransfer: files(big) }));
    await el.updateComplete;
    // Still asking the server for a slot (its answer needs the network): the user cancels.
    const progress = part(el, 'upload-progress')!;
    expect(progress.textContent).to.contain('Sending holiday.bin');
    const cancel = progress.querySelector('button')!;
    expect(cancel.textContent.trim()).to.equal('Cancel');
    cancel.click();
    const notice = await until(
      () => part(el, 'upload-progress')?.textContent.includes('cancelled') && part(el, 'upload-progress'),
      10000,
      'the cancellation said',
    );
    expect(notice.textContent).to.contain('Sending holiday.bin was cancelled.');
    expect(notice.getAttribute('role')).to.equal('status');
    expect(notice.querySelector('progress')).to.equal(null);
    expect(part<HTMLButtonElement>(el, 'attach-button')!.disabled).to.equal(false);
    // Nothing went to the room: alice's next message comes first.
    await el.send('after the cancel');
    await until(() => got.some((s) => s.getElementsByTagName('body')[0]?.textContent === 'after the cancel'), 5000, 'the next message at ann');
    expect(oobOf(got)()).to.equal(undefined);
  });

  it('chat: an image pasted into the input goes to bob as OOB', async () => {
    const { boshUrl, domain, users } = await serverConfig();
    const aliceJid = `alice@${domain}`;
    const bob = await account('bob');
    const got = inbox(bob);
    const el = await fixture<XmppChat>(html`<xmpp-chat lang="en" bosh-url=${boshUrl} jid=${aliceJid} with=${`bob@${domain}`}></xmpp-chat>`);
    await el.login(aliceJid, users['alice']);
    await until(() => el.status === 'online', 10000, 'alice online');
    await attachButton(el);

    const paste = new ClipboardEvent('paste', { bubbles: true, composed: true, cancelable: true, clipboardData: files(new File([PNG], 'pasted.png', { type: 'image/png' })) });
    part(el, 'input')!.dispatchEvent(paste);
    expect(paste.defaultPrevented).to.equal(true);
    const url = await until(oobOf(got), 10000, 'the OOB URL at bob');
    expect(url).to.contain('pasted.png');
    const img = await until(() => part(el, 'attachment')?.querySelector('img')?.getAttribute('src') === url && part(el, 'attachment')!.querySelector('img'), 5000, 'shown to alice');
    // Loaded (a 1×1 picture), it keeps the box its attributes reserved before: the list does not jump.
    await until(() => img.complete && img.naturalWidth === 1, 5000, 'the image loaded');
    const box = img.getBoundingClientRect();
    expect(box.width).to.be.above(100);
    expect(box.height / box.width).to.be.closeTo(0.75, 0.02);
    el.logout();
  });
});
