#!/usr/bin/env node
/**
 * Screenshot of the demo with a conversation in it.
 *
 *   node scripts/screenshot.mjs [out.png] [--dark] [--width 1280] [--height 800] [--full-page]
 *
 * Starts the demo (scripts/demo.mjs, on free ports), opens it in Debian's
 * Chromium (headless, through puppeteer-core), waits until both guests are in
 * the room, has each type a message and press Enter, waits until each side
 * shows the other's message, saves the screenshot (default /tmp/xmpp-demo.png)
 * and stops everything. Exits non-zero if any step fails or the pages log an
 * error (CSP violations included).
 */
import { pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer-core';
import { startDemo } from './demo.mjs';

const CHROMIUM = process.env.CHROME_PATH || '/usr/bin/chromium';
const STEP_TIMEOUT_MS = 20_000;

const MESSAGES = {
  visitor: 'Hi! I found this chat on the page. Is anyone around?',
  friend: 'Hello, visitor! I am in the iframe next to you, on a connection of my own.',
};

function parseArgs(argv) {
  const options = { out: '/tmp/xmpp-demo.png', width: 1280, height: 800, dark: false, fullPage: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--dark') options.dark = true;
    else if (arg === '--full-page') options.fullPage = true;
    else if (arg === '--width') options.width = Number(argv[++i]);
    else if (arg === '--height') options.height = Number(argv[++i]);
    else if (arg === '--help' || arg === '-h') options.help = true;
    else if (arg.startsWith('-')) throw new Error(`unknown argument: ${arg}`);
    else options.out = arg;
  }
  return options;
}

// These run in the page (or the iframe). The room is the document's only <xmpp-room>.
const inPage = {
  /** Nicks in the occupant list, once the room is joined. */
  occupants: () => {
    const room = document.querySelector('xmpp-room');
    const nicks = [...(room?.shadowRoot?.querySelectorAll('[part~="occupant"]') ?? [])].map(
      (o) => o.querySelector('span:nth-child(2)')?.textContent?.trim() ?? '',
    );
    return { status: room?.getAttribute('status') ?? '', nicks };
  },
  /** Is there a message with this body and direction, no longer pending? */
  shows: (body, direction) => {
    const root = document.querySelector('xmpp-room')?.shadowRoot;
    return [...(root?.querySelectorAll(`[part~="message"][part~="${direction}"]`) ?? [])].some(
      (m) =>
        !m.getAttribute('part').split(' ').includes('pending') &&
        m.querySelector('[part~="message-body"]')?.textContent === body,
    );
  },
  input: () => document.querySelector('xmpp-room')?.shadowRoot?.querySelector('textarea[part~="input"]'),
  sendEnabled: () =>
    document.querySelector('xmpp-room')?.shadowRoot?.querySelector('[part~="send-button"]')?.disabled === false,
};

async function waitIn(frame, what, fn, ...args) {
  try {
    await frame.waitForFunction(fn, { timeout: STEP_TIMEOUT_MS, polling: 100 }, ...args);
  } catch (error) {
    const state = await frame.evaluate(inPage.occupants).catch(() => undefined);
    throw new Error(`timed out waiting for ${what} (${JSON.stringify(state)}): ${error.message}`, { cause: error });
  }
}

async function say(frame, nick, text) {
  const input = await frame.evaluateHandle(inPage.input);
  const element = input.asElement();
  if (!element) throw new Error(`${nick}: no textarea[part~="input"] in the room`);
  await element.click();
  await element.type(text, { delay: 5 });
  await element.press('Enter');
}

export async function takeScreenshot({ out, width, height, dark, fullPage }) {
  const demo = await startDemo({ port: 0, xmppPort: 0 });
  let browser;
  const problems = [];
  try {
    console.log(`demo at ${demo.url} (BOSH ${demo.xmpp.boshUrl})`);
    browser = await puppeteer.launch({
      executablePath: CHROMIUM,
      headless: true,
      defaultViewport: { width, height },
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
        '--hide-scrollbars',
        '--font-render-hinting=none',
      ],
    });
    const page = await browser.newPage();
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: dark ? 'dark' : 'light' }]);
    page.on('console', (message) => {
      const type = message.type();
      if (type === 'error' || type === 'warn' || type === 'warning') {
        const where = message.location()?.url ?? '';
        problems.push(`[${type}] ${message.text()}${where ? ` (${where})` : ''}`);
      }
    });
    page.on('pageerror', (error) => problems.push(`[pageerror] ${error.message}`));
    page.on('requestfailed', (request) => {
      // BOSH long-polls are aborted when the page closes; anything else is worth a look.
      problems.push(`[requestfailed] ${request.url()} ${request.failure()?.errorText ?? ''}`);
    });

    await page.goto(demo.url, { waitUntil: 'load' });
    const frame = await (await page.waitForSelector('iframe.guest-frame')).contentFrame();
    if (!frame) throw new Error('the guest iframe has no frame');

    const bothIn = () => {
      const room = document.querySelector('xmpp-room');
      const nicks = [...(room?.shadowRoot?.querySelectorAll('[part~="occupant"]') ?? [])].map(
        (o) => o.querySelector('span:nth-child(2)')?.textContent?.trim(),
      );
      return room?.getAttribute('status') === 'online' && nicks.includes('visitor') && nicks.includes('friend');
    };
    await waitIn(page.mainFrame(), 'both guests in the room (page)', bothIn);
    await waitIn(frame, 'both guests in the room (iframe)', bothIn);
    await waitIn(page.mainFrame(), 'the send button (page)', inPage.sendEnabled);
    await waitIn(frame, 'the send button (iframe)', inPage.sendEnabled);
    console.log('both guests are in the room');

    await say(page.mainFrame(), 'visitor', MESSAGES.visitor);
    await waitIn(frame, "visitor's message in the iframe", inPage.shows, MESSAGES.visitor, 'incoming');
    await say(frame, 'friend', MESSAGES.friend);
    await waitIn(page.mainFrame(), "friend's message on the page", inPage.shows, MESSAGES.friend, 'incoming');
    await waitIn(page.mainFrame(), 'own message confirmed (page)', inPage.shows, MESSAGES.visitor, 'outgoing');
    await waitIn(frame, 'own message confirmed (iframe)', inPage.shows, MESSAGES.friend, 'outgoing');
    console.log('each side shows the other one\'s message');

    // Take the focus out of the text areas so no caret or focus ring is in the picture.
    await page.evaluate(() => document.activeElement?.blur?.());
    await frame.evaluate(() => document.activeElement?.blur?.());
    await page.mouse.move(0, 0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await page.screenshot({ path: out, fullPage });
    console.log(`saved ${out} (${width}x${height}${dark ? ', dark' : ''}${fullPage ? ', full page' : ''})`);
  } finally {
    await browser?.close().catch(() => {});
    await demo.stop();
  }
  // Requests aborted by closing the browser are not problems.
  return problems.filter((p) => !(p.startsWith('[requestfailed]') && p.endsWith('net::ERR_ABORTED') && p.includes('/http-bind')));
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (options.help) {
    console.log('Usage: node scripts/screenshot.mjs [out.png] [--dark] [--width 1280] [--height 800] [--full-page]');
    return;
  }
  const problems = await takeScreenshot(options);
  if (problems.length) {
    console.error(`The pages reported ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
    process.exitCode = 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    console.error(`screenshot: ${error.message}`);
    process.exit(1);
  });
}
