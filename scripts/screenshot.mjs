#!/usr/bin/env node
/**
 * Screenshots of the demo's two views, each with a conversation in it.
 *
 *   node scripts/screenshot.mjs [room.png] [signed-in.png] [--dark] [--width 1280] [--height 800] [--full-page]
 *
 * Starts the demo (scripts/demo.mjs, on free ports), opens it in Debian's
 * Chromium (headless, through puppeteer-core) and:
 *
 * 1. Guest room (default /tmp/xmpp-demo.png): waits until both guests are in
 *    the room, has each type a message and press Enter, waits until each side
 *    shows the other's message.
 * 2. Signed in (default /tmp/xmpp-demo-signed-in.png): opens the second tab,
 *    signs alice in through the chat's own login form, picks bob in the
 *    roster, sends him a message and waits for the echo bot's answer, sets
 *    alice's presence to "do not disturb".
 *
 * Then it stops everything. Exits non-zero if any step fails or the pages log
 * an error (CSP violations included).
 *
 *   node scripts/screenshot.mjs --launcher [dir]     (default dir: docs/)
 *
 * The README's pictures of <xmpp-launcher> on the mock site (demo/site/), open with a
 * conversation in a room: launcher-desktop.png (1280x800), launcher-phone.png (375x720),
 * launcher-dark.png (1280x800, prefers-color-scheme: dark), launcher-zh-CN.png (1280x800,
 * <html lang="zh-CN">). For each: a fresh visitor opens the bubble and asks a question in a
 * room of its own, and a second guest (another browser context, so another session) answers.
 * The PNGs are then reduced to a 256-colour palette, undithered, with ImageMagick's `convert`
 * when it is there (about 30 KB each instead of 75; the pictures are flat colours and text). The
 * zh-CN picture needs a Chinese font (fonts-wqy-microhei): the script stops first without one.
 *
 * Both modes: --port and --xmpp-port pick the dev server's and Prosody's HTTP port (default 0: any
 * free one).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer-core';
import { startDemo } from './demo.mjs';
import { CHROMIUM, CHROMIUM_ARGS } from './chromium.mjs';

const STEP_TIMEOUT_MS = 20_000;

const MESSAGES = {
  visitor: 'Hi! I found this chat on the page. Is anyone around?',
  friend: 'Hello, visitor! I am in the iframe next to you, on a connection of my own.',
  alice: 'Hi Bob! Are we still on for lunch tomorrow?',
};
const ALICE_STATUS = 'Writing the release notes';

function parseArgs(argv) {
  const options = {
    out: '/tmp/xmpp-demo.png',
    outSignedIn: '/tmp/xmpp-demo-signed-in.png',
    width: 1280,
    height: 800,
    dark: false,
    fullPage: false,
    port: 0,
    xmppPort: 0,
  };
  const paths = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--launcher') options.launcher = true;
    else if (arg === '--dark') options.dark = true;
    else if (arg === '--full-page') options.fullPage = true;
    else if (arg === '--width') options.width = Number(argv[++i]);
    else if (arg === '--height') options.height = Number(argv[++i]);
    else if (arg === '--port') options.port = Number(argv[++i]);
    else if (arg === '--xmpp-port') options.xmppPort = Number(argv[++i]);
    else if (arg === '--help' || arg === '-h') options.help = true;
    else if (arg.startsWith('-')) throw new Error(`unknown argument: ${arg}`);
    else paths.push(arg);
  }
  if (paths.length > 2) throw new Error(`at most two output paths, got: ${paths.join(' ')}`);
  [options.out = options.out, options.outSignedIn = options.outSignedIn] = paths;
  return options;
}

// These run in the page (or the iframe). The room is the document's only <xmpp-room>.
const inPage = {
  /** Nicks in the occupant list, once the room is joined. */
  occupants: () => {
    const room = document.querySelector('xmpp-room');
    const nicks = [...(room?.shadowRoot?.querySelectorAll('[part~="occupant"]') ?? [])].map(
      (o) => o.querySelector('.nick')?.textContent?.trim() ?? '',
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

// These run in the page, on alice's three elements in the signed-in view.
const alice = {
  el: (tag) => document.querySelector(`#signed-in ${tag}`),
  state: () => {
    const get = (tag) => document.querySelector(`#signed-in ${tag}`);
    const roster = get('xmpp-roster')?.shadowRoot;
    return {
      chat: get('xmpp-chat')?.getAttribute('status'),
      roster: get('xmpp-roster')?.getAttribute('status'),
      presence: get('xmpp-presence')?.getAttribute('status'),
      with: get('xmpp-chat')?.with,
      contacts: [...(roster?.querySelectorAll('[part~="contact"]') ?? [])].map(
        (c) => `${c.querySelector('[part~="contact-name"]')?.textContent?.trim()} (${c.getAttribute('part')})`,
      ),
      error: get('xmpp-chat')?.shadowRoot?.querySelector('[part~="error"]')?.textContent?.trim(),
    };
  },
  allOnline: () =>
    ['xmpp-chat', 'xmpp-roster', 'xmpp-presence'].every(
      (tag) => document.querySelector(`#signed-in ${tag}`)?.getAttribute('status') === 'online',
    ),
  /** The roster button of the contact with this name, once the contact is available. */
  contactOnline: (name) =>
    [...(document.querySelector('#signed-in xmpp-roster')?.shadowRoot?.querySelectorAll('[part~="contact"]') ?? [])].some(
      (c) =>
        c.querySelector('[part~="contact-name"]')?.textContent?.trim() === name &&
        !c.getAttribute('part').split(' ').includes('offline'),
    ),
  chatReady: (jid) => {
    const chat = document.querySelector('#signed-in xmpp-chat');
    return chat?.with === jid && chat.shadowRoot?.querySelector('[part~="send-button"]')?.disabled === false;
  },
  /** Is there a message in alice's chat whose body starts with this text? */
  chatShows: (start, direction) =>
    [
      ...(document
        .querySelector('#signed-in xmpp-chat')
        ?.shadowRoot?.querySelectorAll(`[part~="message"][part~="${direction}"] [part~="message-body"]`) ?? []),
    ].some((body) => body.textContent.startsWith(start)),
  presenceIs: (show, status) => {
    const presence = document.querySelector('#signed-in xmpp-presence');
    return presence?.show === show && presence?.statusText === status;
  },
};

/** An element inside the shadow root of alice's `tag`. */
async function aliceFind(page, tag, selector) {
  const handle = await page.evaluateHandle(
    (t, s) => document.querySelector(`#signed-in ${t}`)?.shadowRoot?.querySelector(s),
    tag,
    selector,
  );
  const element = handle.asElement();
  if (!element) throw new Error(`no ${selector} in alice's <${tag}>`);
  return element;
}

async function waitAlice(page, what, fn, ...args) {
  try {
    await page.waitForFunction(fn, { timeout: STEP_TIMEOUT_MS, polling: 100 }, ...args);
  } catch (error) {
    const state = await page.evaluate(alice.state).catch(() => undefined);
    throw new Error(`timed out waiting for ${what} (${JSON.stringify(state)}): ${error.message}`, { cause: error });
  }
}

/** The second view: alice signs in, talks to bob, goes "do not disturb". */
async function signedInView(page, password) {
  await page.click('#tab-signed-in');
  await page.waitForSelector('#signed-in:not([hidden])');
  await waitAlice(page, "alice's login form", () =>
    Boolean(document.querySelector('#signed-in xmpp-chat')?.shadowRoot?.querySelector('[part~="login-password"]')),
  );
  // The page leaves the password to the visitor; so does this script: it types it.
  const field = await aliceFind(page, 'xmpp-chat', '[part~="login-password"]');
  await field.click();
  await field.type(password, { delay: 5 });
  await (await aliceFind(page, 'xmpp-chat', '[part~="login-button"]')).click();
  await waitAlice(page, 'alice online on all three elements', alice.allOnline);
  await waitAlice(page, 'bob available in the roster', alice.contactOnline, 'Bob');
  console.log('alice is signed in; bob is online');

  const bob = await page.evaluateHandle(() => {
    const roster = document.querySelector('#signed-in xmpp-roster')?.shadowRoot;
    const contact = [...(roster?.querySelectorAll('[part~="contact"]') ?? [])].find(
      (c) => c.querySelector('[part~="contact-name"]')?.textContent?.trim() === 'Bob',
    );
    return contact?.querySelector('button');
  });
  if (!bob.asElement()) throw new Error("no button for Bob in alice's roster");
  await bob.asElement().click();
  await waitAlice(page, 'the chat with bob', alice.chatReady, 'bob@localhost');

  const input = await aliceFind(page, 'xmpp-chat', 'textarea[part~="input"]');
  await input.click();
  await input.type(MESSAGES.alice, { delay: 5 });
  await input.press('Enter');
  await waitAlice(page, "alice's message", alice.chatShows, MESSAGES.alice, 'outgoing');
  await waitAlice(page, "bob's answer", alice.chatShows, 'bob here: you said', 'incoming');
  console.log('bob answered');

  const select = await aliceFind(page, 'xmpp-presence', 'select[part~="show-select"]');
  await select.select('dnd');
  const status = await aliceFind(page, 'xmpp-presence', 'input[part~="status-input"]');
  await status.click();
  await status.type(ALICE_STATUS, { delay: 5 });
  await status.press('Enter');
  await waitAlice(page, 'presence "dnd"', alice.presenceIs, 'dnd', ALICE_STATUS);
  console.log('alice is now "do not disturb"');
}

async function settle(page, ...frames) {
  // Take the focus out of the text fields so no caret or focus ring is in the picture.
  for (const frame of [page.mainFrame(), ...frames]) await frame.evaluate(() => document.activeElement?.blur?.());
  await page.mouse.move(0, 0);
  await page.evaluate(() => window.scrollTo(0, 0));
  await new Promise((resolve) => setTimeout(resolve, 300));
}

export async function takeScreenshot({ out, outSignedIn, width, height, dark, fullPage, port = 0, xmppPort = 0 }) {
  const demo = await startDemo({ port, xmppPort });
  let browser;
  const problems = [];
  try {
    console.log(`demo at ${demo.url} (BOSH ${demo.xmpp.boshUrl})`);
    browser = await puppeteer.launch({
      executablePath: CHROMIUM,
      headless: true,
      defaultViewport: { width, height },
      args: [
        ...CHROMIUM_ARGS,
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
        (o) => o.querySelector('.nick')?.textContent?.trim(),
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

    await settle(page, frame);
    const how = `${width}x${height}${dark ? ', dark' : ''}${fullPage ? ', full page' : ''}`;
    await page.screenshot({ path: out, fullPage });
    console.log(`saved ${out} (${how})`);

    await signedInView(page, demo.xmpp.users.alice);
    await settle(page);
    await page.screenshot({ path: outSignedIn, fullPage });
    console.log(`saved ${outSignedIn} (${how})`);
  } finally {
    await browser?.close().catch(() => {});
    await demo.stop();
  }
  // Requests aborted by closing the browser are not problems.
  return problems.filter((p) => !(p.startsWith('[requestfailed]') && p.endsWith('net::ERR_ABORTED') && p.includes('/http-bind')));
}

// ---------------------------------------------------------------------------
// The launcher on the mock site (README pictures)

const LAUNCHER_SHOTS = [
  { file: 'launcher-desktop.png', width: 1280, height: 800 },
  { file: 'launcher-phone.png', width: 375, height: 720, mobile: true },
  { file: 'launcher-dark.png', width: 1280, height: 800, dark: true },
  { file: 'launcher-zh-CN.png', width: 1280, height: 800, lang: 'zh-CN' },
];
const LAUNCHER_TEXT = {
  en: {
    label: 'Chat with us',
    question: 'Hi! Does the Trail 29 come in a medium frame?',
    answer: 'Hello! Yes, medium and large are both in stock.',
  },
  'zh-CN': {
    label: '在线咨询',
    question: '你好！Trail 29 有中号车架吗？',
    answer: '您好！中号和大号都有现货。',
  },
};

/** Runs in a site page: the launcher's room, its attributes set before it first opens (it connects then). */
function prepareLauncher(roomJid, nick, label, lang) {
  if (lang) document.documentElement.lang = lang;
  const launcher = document.querySelector('xmpp-launcher');
  const room = launcher?.querySelector('xmpp-room');
  if (!launcher || !room) throw new Error('no <xmpp-launcher> with an <xmpp-room> on the page');
  launcher.setAttribute('label', label);
  room.setAttribute('room-jid', roomJid);
  room.setAttribute('nick', nick);
}

/** Opens a site page in a browser context of its own (its own storage: its own session) with the launcher open in `roomJid`. */
async function openSite(context, demo, shot, { roomJid, nick, label, lang }, problems) {
  const page = await context.newPage();
  await page.setViewport({ width: shot.width, height: shot.height, isMobile: Boolean(shot.mobile), hasTouch: Boolean(shot.mobile) });
  await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: shot.dark ? 'dark' : 'light' }]);
  page.on('pageerror', (error) => problems.push(`[pageerror] ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`[error] ${message.text()}`);
  });
  await page.goto(new URL('site/index.html', demo.url).href, { waitUntil: 'load' });
  await page.waitForFunction(() => customElements.get('xmpp-launcher') !== undefined, { timeout: STEP_TIMEOUT_MS });
  await page.evaluate(prepareLauncher, roomJid, nick, label, lang);
  const bubble = await page.waitForFunction(
    () => document.querySelector('xmpp-launcher')?.shadowRoot?.querySelector('[part~="launcher-button"]'),
    { timeout: STEP_TIMEOUT_MS },
  );
  await bubble.asElement().click();
  await waitIn(page.mainFrame(), `${nick} in ${roomJid}`, (n) =>
    [...(document.querySelector('xmpp-room')?.shadowRoot?.querySelectorAll('[part~="occupant"]') ?? [])].some(
      (o) => o.querySelector('.nick')?.textContent?.trim() === n,
    ), nick);
  await waitIn(page.mainFrame(), `${nick}'s send button`, inPage.sendEnabled);
  return page;
}

/**
 * Squeezes a PNG to a 256-colour palette with ImageMagick when it is installed. No dithering: the
 * pictures are flat colours and text, and dithered noise on a flat background makes the file larger.
 */
function optimizePng(file) {
  const before = statSync(file).size;
  const result = spawnSync('convert', [file, '-strip', '+dither', '-colors', '256', `PNG8:${file}`], { stdio: 'ignore' });
  return { before, after: result.status === 0 ? statSync(file).size : before };
}

/** Without a Chinese font Chromium draws the zh-CN picture's strings as empty boxes: say so before starting. */
function checkChineseFont() {
  const result = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' });
  if (result.status === 0 && result.stdout.trim()) return;
  throw new Error('no Chinese font for the zh-CN picture (fc-list :lang=zh finds none): apt-get install fonts-wqy-microhei');
}

export async function takeLauncherScreenshots({ dir = 'docs', port = 0, xmppPort = 0 } = {}) {
  if (LAUNCHER_SHOTS.some((shot) => shot.lang === 'zh-CN')) checkChineseFont();
  mkdirSync(dir, { recursive: true });
  const demo = await startDemo({ port, xmppPort });
  const problems = [];
  let browser;
  try {
    console.log(`demo at ${demo.url} (BOSH ${demo.xmpp.boshUrl})`);
    browser = await puppeteer.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [...CHROMIUM_ARGS, '--hide-scrollbars', '--font-render-hinting=none'],
    });
    for (const [index, shot] of LAUNCHER_SHOTS.entries()) {
      const text = LAUNCHER_TEXT[shot.lang ?? 'en'];
      const roomJid = `shop-${index + 1}@${demo.xmpp.mucDomain}`;
      // The answering guest first, so the room exists and the visitor sees it in the occupant list.
      const staff = await browser.createBrowserContext();
      const visitor = await browser.createBrowserContext();
      try {
        const other = await openSite(staff, demo, { width: 1280, height: 800 }, { roomJid, nick: 'Sam (Example Bikes)', label: text.label, lang: shot.lang }, problems);
        const page = await openSite(visitor, demo, shot, { roomJid, nick: 'visitor', label: text.label, lang: shot.lang }, problems);
        await say(page.mainFrame(), 'visitor', text.question);
        await waitIn(other.mainFrame(), 'the question at the other guest', inPage.shows, text.question, 'incoming');
        await say(other.mainFrame(), 'Sam', text.answer);
        await waitIn(page.mainFrame(), 'the answer at the visitor', inPage.shows, text.answer, 'incoming');
        await waitIn(page.mainFrame(), 'the question confirmed', inPage.shows, text.question, 'outgoing');
        await settle(page);
        const file = join(dir, shot.file);
        await page.screenshot({ path: file });
        const { before, after } = optimizePng(file);
        console.log(`saved ${file} (${shot.width}x${shot.height}${shot.dark ? ', dark' : ''}${shot.lang ? `, ${shot.lang}` : ''}): ${before} -> ${after} bytes`);
      } finally {
        await visitor.close().catch(() => {});
        await staff.close().catch(() => {});
      }
    }
  } finally {
    await browser?.close().catch(() => {});
    await demo.stop();
  }
  return problems.filter((p) => !p.includes('net::ERR_ABORTED'));
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (options.help) {
    console.log(
      'Usage: node scripts/screenshot.mjs [room.png] [signed-in.png] [--dark] [--width 1280] [--height 800] [--full-page]\n' +
        '                                  [--port 0] [--xmpp-port 0]   (dev server and Prosody HTTP ports, 0: any free)\n' +
        '       node scripts/screenshot.mjs --launcher [dir]   (the README\'s launcher pictures, default dir docs/)\n' +
        'Defaults: /tmp/xmpp-demo.png and /tmp/xmpp-demo-signed-in.png',
    );
    return;
  }
  const problems = options.launcher
    ? await takeLauncherScreenshots({
        dir: options.out === '/tmp/xmpp-demo.png' ? 'docs' : options.out,
        port: options.port,
        xmppPort: options.xmppPort,
      })
    : await takeScreenshot(options);
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
