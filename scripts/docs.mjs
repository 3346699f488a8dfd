#!/usr/bin/env node
/**
 * The element reference and the editors' custom data, both from custom-elements.json
 * (`npm run analyze`, a step of `npm run build`).
 *
 *   node scripts/docs.mjs      writes demo/docs/index.html (the demo serves it at /docs/)
 *                              and dist/vscode.html-custom-data.json (shipped in the package)
 *
 * Library: generateDocs(manifest) gives the page's HTML, customData(manifest) the JSON object.
 *
 * The page is static HTML with every text from the manifest escaped; its script
 * (demo/docs/docs.js) points the live examples at the demo's server and defines the elements.
 * No inline script or style: it runs under the demo's Content-Security-Policy.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
export const DOCS_PAGE = join(ROOT, 'demo/docs/index.html');
export const CUSTOM_DATA = join(ROOT, 'dist/vscode.html-custom-data.json');
/** The order of the page: the elements a site uses most first. */
const ORDER = ['xmpp-room', 'xmpp-chat', 'xmpp-roster', 'xmpp-presence', 'xmpp-launcher'];
/** What the live examples stand in for: docs.js swaps it for the demo server's BOSH URL. */
const BOSH_PLACEHOLDER = 'https://chat.example.org/http-bind';

/** The live example of each element: markup shown as code and run in the page. */
const EXAMPLES = {
  'xmpp-room': {
    text: 'A guest (a bare domain as jid: anonymous login, no form) in the demo\'s lobby.',
    html: `<xmpp-room
  bosh-url="${BOSH_PLACEHOLDER}"
  jid="guest.localhost"
  room-jid="lobby@conference.localhost"
  nick="reader">
</xmpp-room>`,
  },
  'xmpp-chat': {
    text: 'alice talks with bob, the demo\'s echo bot. Sign in with the password shown under "Demo accounts"; the chat, roster and presence examples share that one connection.',
    html: `<xmpp-chat
  id="docs-chat"
  bosh-url="${BOSH_PLACEHOLDER}"
  jid="alice@localhost"
  with="bob@localhost">
</xmpp-chat>`,
  },
  'xmpp-roster': {
    text: 'alice\'s contacts (once signed in above): choosing one opens it in the chat example, whose id is in "for".',
    html: `<xmpp-roster
  bosh-url="${BOSH_PLACEHOLDER}"
  jid="alice@localhost"
  for="docs-chat">
</xmpp-roster>`,
  },
  'xmpp-presence': {
    text: 'alice\'s own presence and status text.',
    html: `<xmpp-presence
  bosh-url="${BOSH_PLACEHOLDER}"
  jid="alice@localhost">
</xmpp-presence>`,
  },
  'xmpp-launcher': {
    text: 'The bubble in the bottom-left corner of this page: the room inside connects when it is first opened.',
    html: `<xmpp-launcher position="bottom-left" label="Chat with us">
  <xmpp-room
    bosh-url="${BOSH_PLACEHOLDER}"
    jid="guest.localhost"
    room-jid="lobby@conference.localhost"
    nick="bubble-reader">
  </xmpp-room>
</xmpp-launcher>`,
  },
};

// ---------------------------------------------------------------------------
// Reading the manifest

/** The manifest's elements, in ORDER (others after, by name). */
export function elementsOf(manifest) {
  const found = manifest.modules.flatMap((m) => (m.declarations ?? []).filter((d) => d.tagName).map((d) => ({ ...d, module: m.path })));
  const rank = (tag) => (ORDER.includes(tag) ? ORDER.indexOf(tag) : ORDER.length);
  return found.sort((a, b) => rank(a.tagName) - rank(b.tagName) || a.tagName.localeCompare(b.tagName));
}

/** Event class name -> the type text of its detail (see custom-elements-manifest.config.mjs). */
function eventDetails(manifest) {
  const details = new Map();
  for (const mod of manifest.modules) {
    for (const d of mod.declarations ?? []) {
      const detail = d.kind === 'class' && d.members?.find((m) => m.name === 'detail');
      if (detail) details.set(d.name, detail);
    }
  }
  return details;
}

const isPublic = (m) => !m.static && !m.privacy && !m.name.startsWith('_') && !m.name.startsWith('#');

/** `'a' | 'b'` -> ['a', 'b']; anything else -> undefined. */
export function literalValues(typeText = '') {
  const parts = typeText.split('|').map((p) => p.trim()).filter((p) => p !== 'undefined');
  if (!parts.length || !parts.every((p) => /^'[^']*'$|^"[^"]*"$/.test(p))) return undefined;
  return parts.map((p) => p.slice(1, -1));
}

// ---------------------------------------------------------------------------
// HTML

const escapeHtml = (text) =>
  String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

/** Escaped text with `code` spans (the manifest's descriptions are JSDoc with backticks). */
const prose = (text) => escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>');
const code = (text) => (text ? `<code>${escapeHtml(text)}</code>` : '');
const idOf = (tag, what) => `${tag}-${what}`;

function table(tag, what, caption, head, rows) {
  if (!rows.length) return '';
  const id = idOf(tag, what);
  return `
      <h3 id="${id}">${escapeHtml(caption)}</h3>
      <div class="table-wrap" role="region" aria-labelledby="${id}" tabindex="0">
        <table data-kind="${what}">
          <thead><tr>${head.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead>
          <tbody>
${rows.map((cells) => `            <tr>${cells.map((c, i) => (i === 0 ? `<th scope="row">${c}</th>` : `<td data-label="${escapeHtml(head[i])}">${c}</td>`)).join('')}</tr>`).join('\n')}
          </tbody>
        </table>
      </div>`;
}

function elementSection(d, details) {
  const tag = d.tagName;
  const attributes = d.attributes ?? [];
  const members = (d.members ?? []).filter(isPublic);
  const fields = members.filter((m) => m.kind === 'field');
  const methods = members.filter((m) => m.kind === 'method');
  const attrOf = new Map(attributes.filter((a) => a.fieldName).map((a) => [a.fieldName, a.name]));
  const example = EXAMPLES[tag];
  const detailOf = (e) => details.get(e.type?.text);
  const signature = (m) =>
    `${m.name}(${(m.parameters ?? []).map((p) => `${p.name}${p.optional ? '?' : ''}: ${p.type?.text ?? 'unknown'}`).join(', ')})${m.return?.type?.text ? `: ${m.return.type.text}` : ''}`;
  return `
    <section class="element" id="${tag}" aria-labelledby="${tag}-title" data-tag="${tag}">
      <h2 id="${tag}-title"><code>&lt;${tag}&gt;</code></h2>
      <p class="summary">${prose(d.description)}</p>
      <p class="import">Module <code>${escapeHtml(d.module ?? '')}</code>, class <code>${escapeHtml(d.name)}</code>.</p>
${
  example
    ? `      <h3 id="${idOf(tag, 'example')}">Example</h3>
      <p>${prose(example.text)}</p>
      <div class="example" data-example="${tag}">
        <div class="preview">${example.html}</div>
        <pre class="code" tabindex="0" aria-label="Markup of the ${tag} example"><code>${escapeHtml(example.html).replace(
          escapeHtml(BOSH_PLACEHOLDER),
          `<span data-demo="bosh-url">${escapeHtml(BOSH_PLACEHOLDER)}</span>`,
        )}</code></pre>
      </div>`
    : ''
}${table(tag, 'attributes', 'Attributes', ['Attribute', 'Property', 'Type', 'Default', 'Description'], attributes.map((a) => [
    code(a.name),
    code(a.fieldName ?? ''),
    code(a.type?.text ?? 'string'),
    code(a.default ?? ''),
    prose(a.description),
  ]))}${table(tag, 'properties', 'Properties', ['Property', 'Attribute', 'Type', 'Description'], fields.map((f) => [
    code(f.name),
    code(attrOf.get(f.name) ?? ''),
    code(f.type?.text ?? ''),
    `${prose(f.description)}${f.readonly ? ' <span class="note">(read-only)</span>' : ''}`,
  ]))}${table(tag, 'methods', 'Methods', ['Method', 'Description'], methods.map((m) => [code(signature(m)), prose(m.description)]))}${table(
    tag,
    'events',
    'Events',
    ['Event', 'detail', 'Description'],
    (d.events ?? []).map((e) => {
      const detail = detailOf(e);
      return [code(e.name), detail ? code(detail.type.text) : '<span class="note">none</span>', `${prose(e.description)}${detail?.description ? ` <span class="note">${prose(detail.description)}</span>` : ''}`];
    }),
  )}${table(tag, 'slots', 'Slots', ['Slot', 'Description'], (d.slots ?? []).map((s) => [s.name ? code(s.name) : '<span class="note">(default)</span>', prose(s.description)]))}${table(
    tag,
    'parts',
    'CSS parts',
    ['Part', 'Description'],
    (d.cssParts ?? []).map((p) => [code(p.name), prose(p.description)]),
  )}${table(tag, 'custom-properties', 'CSS custom properties', ['Property', 'Default', 'Description'], (d.cssProperties ?? []).map((p) => [
    code(p.name),
    code(p.default ?? ''),
    prose(p.description),
  ]))}
    </section>`;
}

/** The whole page. */
export function generateDocs(manifest) {
  const elements = elementsOf(manifest);
  const details = eventDetails(manifest);
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="color-scheme" content="light dark" />
    <title>xmpp-elements: element reference</title>
    <meta name="description" content="Every xmpp-elements element with its attributes, properties, events, slots, CSS parts and custom properties, and live examples." />
    <link rel="icon" href="/demo/favicon.svg" type="image/svg+xml" />
    <link rel="stylesheet" href="docs.css" />
    <!-- Generated by scripts/docs.mjs from custom-elements.json: do not edit. -->
    <script type="module" src="docs.js"></script>
  </head>
  <body>
    <a class="skip" href="#content">Skip to the reference</a>
    <header class="masthead">
      <p class="brand">xmpp-elements <span class="tag">reference</span></p>
      <h1>Elements</h1>
      <p>Generated from <code>custom-elements.json</code>. The examples run live against the demo's local XMPP server (<code>npm start</code>); <span class="live-status" data-demo="status" role="status">loading the elements…</span></p>
      <p><a href="/demo/">Back to the demo</a></p>
    </header>
    <nav class="toc" aria-label="Elements">
      <ul>
${elements.map((d) => `        <li><a href="#${d.tagName}"><code>&lt;${d.tagName}&gt;</code></a></li>`).join('\n')}
      </ul>
    </nav>
    <main id="content">
      <section class="accounts" aria-labelledby="accounts-title">
        <h2 id="accounts-title">Demo accounts</h2>
        <p>To sign in to the chat, roster and presence examples (the page never fills in a password):</p>
        <ul data-demo="users"><li>Start the demo (<code>npm start</code>) and open this page from it.</li></ul>
      </section>
${elements.map((d) => elementSection(d, details)).join('\n')}
    </main>
  </body>
</html>
`;
}

// ---------------------------------------------------------------------------
// VS Code custom data (https://github.com/microsoft/vscode-custom-data, version 1.1)

const markdown = (value) => ({ kind: 'markdown', value });

export function customData(manifest) {
  return {
    version: 1.1,
    tags: elementsOf(manifest).map((d) => {
      const more = [
        d.events?.length && `Events: ${d.events.map((e) => `\`${e.name}\``).join(', ')}`,
        d.cssParts?.length && `Parts: ${d.cssParts.map((p) => `\`${p.name}\``).join(', ')}`,
        d.slots?.length && `Slots: ${d.slots.map((s) => (s.name ? `\`${s.name}\`` : 'default')).join(', ')}`,
      ].filter(Boolean);
      return {
        name: d.tagName,
        description: markdown([d.description ?? '', ...more].join('\n\n')),
        attributes: (d.attributes ?? []).map((a) => {
          const values = literalValues(a.type?.text);
          const notes = [a.description ?? '', a.default && a.default !== "''" ? `Default: \`${a.default}\`` : ''].filter(Boolean);
          return {
            name: a.name,
            description: markdown(notes.join('\n\n')),
            ...(a.type?.text === 'boolean' ? { valueSet: 'v' } : {}),
            ...(values ? { values: values.map((name) => ({ name })) } : {}),
          };
        }),
      };
    }),
  };
}

// ---------------------------------------------------------------------------

const require = createRequire(import.meta.url);

/** custom-elements.json, made first when it is missing. */
export function readManifest() {
  const file = join(ROOT, 'custom-elements.json');
  if (!existsSync(file)) {
    const cem = require.resolve('@custom-elements-manifest/analyzer/cem.js');
    const result = spawnSync(process.execPath, [cem, 'analyze', '--quiet'], { cwd: ROOT, stdio: 'inherit' });
    if (result.status !== 0) throw new Error('cem analyze failed');
  }
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** Writes the page, and the custom data where dist/ exists (or `data` says so). */
export function writeDocs({ data = existsSync(join(ROOT, 'dist')) } = {}) {
  const manifest = readManifest();
  mkdirSync(dirname(DOCS_PAGE), { recursive: true });
  writeFileSync(DOCS_PAGE, generateDocs(manifest));
  if (data) {
    mkdirSync(dirname(CUSTOM_DATA), { recursive: true });
    writeFileSync(CUSTOM_DATA, `${JSON.stringify(customData(manifest), null, 2)}\n`);
  }
  return { page: DOCS_PAGE, ...(data ? { data: CUSTOM_DATA } : {}), elements: elementsOf(manifest).map((d) => d.tagName) };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const written = writeDocs({ data: true });
  console.log(`docs: ${written.elements.map((t) => `<${t}>`).join(', ')} -> ${written.page.slice(ROOT.length + 1)}, ${written.data.slice(ROOT.length + 1)}`);
}
