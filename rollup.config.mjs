// The two drop-in bundles, built from tsc's output (dist/main.js, so they hold exactly the code that
// npm users get, decorators compiled by tsc with experimentalDecorators + useDefineForClassFields false):
//   dist/xmpp-elements.js      one classic script (IIFE, global `XmppElements`) for <script src>
//   dist/xmpp-elements.esm.js  the same as one ES module
// Both are self-contained (lit and Strophe.js inside), minified, and define every element.
// Run `tsc -p tsconfig.build.json` first: `npm run build` does both.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transform } from 'esbuild';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import minifyHTML from '@lit-labs/rollup-plugin-minify-html-literals';
import { domprops } from './node_modules/terser/tools/domprops.js';
import ts from 'typescript';

const banner = `/*! xmpp-elements ${JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')).version} | MIT | bundles lit (BSD-3-Clause) and Strophe.js (MIT) */`;

/**
 * tsc writes its decorator helper into each file that has decorators (experimentalDecorators):
 * the builds import one copy instead. At a module's top level `this` is undefined, so the
 * `(this && this.__decorate) ||` in front of tsc's is never taken: the shared one is the same function.
 */
const TSC_DECORATE = `var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};`;
const DECORATE = '\0tsc-decorate';

/** Hands rollup tsc's source maps, so the bundles' maps point at src/*.ts rather than dist/*.js. */
function tscSourceMaps() {
  const distDir = new URL('./dist/', import.meta.url).pathname;
  return {
    name: 'tsc-source-maps',
    resolveId: (source) => (source === DECORATE ? source : null),
    load(id) {
      if (id === DECORATE) return TSC_DECORATE.replace('var __decorate = (this && this.__decorate) ||', 'export var __decorate =');
      if (!id.startsWith(distDir) || !id.endsWith('.js')) return null;
      // The helper's lines stay (empty), so tsc's map still fits.
      const code = readFileSync(id, 'utf8').replace(TSC_DECORATE, () => `import { __decorate } from '${DECORATE}';${TSC_DECORATE.replace(/[^\n]/g, '')}`);
      let map = null;
      try {
        map = JSON.parse(readFileSync(`${id}.map`, 'utf8'));
      } catch {
        // no map: fine
      }
      return { code: code.replace(/\n\/\/# sourceMappingURL=.*$/, ''), map };
    },
  };
}

/**
 * Strophe.js's one browser module builds a `Strophe` object that holds every part of the
 * library (and sets it as a global), so nothing in it can be left out. The bundles take
 * the parts strophe-transport.ts uses from Strophe's own TypeScript sources (shipped in
 * its package) instead, and no `window.Strophe` is written over a page's own copy. npm
 * users get the package's module as it is.
 *
 * What a guest room over BOSH needs stays static: Connection, Bosh, SASL ANONYMOUS. The rest
 * is cut out of connection.ts's static imports and handed to it when a page needs it
 * (`Strophe.loadParts([...])`, which strophe-transport.ts awaits before it connects):
 *   websocket          transports/websocket.ts                    a ws:// or wss:// endpoint
 *   sasl               SCRAM-SHA-1/256/384/512, PLAIN, EXTERNAL,  a user login (a JID with a node)
 *                      OAUTHBEARER, X-OAUTH2
 *   stream-management  XEP-0198 engine, storage, mirror           `enableStreamManagement`
 * connection.ts imports each of them from a "slot": a live binding that holds a stand-in until
 * its part is loaded (a SASL mechanism no server offers; a transport that throws). In the
 * one-file bundles the dynamic imports are inlined: every part is there, loaded in a microtask.
 * The SharedWorker transport is only reached with the `worker` option, which xmpp-elements
 * never sets: it is left out.
 */
/**
 * Strophe.js methods xmpp-elements never reaches, given new bodies in the builds (every page
 * loads Strophe's Connection, so its dead code costs every page): XEP-0078 legacy authentication,
 * which servers without SASL needed (a server that offers no mechanism we have now fails with
 * `no-auth-mech`), `restore()` and the session cache behind it (strophe-transport.ts keeps the
 * session itself), `sendPresence()`, and the Builder's XHTML-IM `h()` (we build stanzas with core/xml.ts). A method that is not found fails the build: Strophe changed, look again.
 */
const UNUSED_METHODS = {
  'connection.ts': {
    _attemptLegacyAuth: `{
        this._changeConnectStatus(Status.CONNFAIL, ErrorCondition.NO_AUTH_MECH);
        this.disconnect(ErrorCondition.NO_AUTH_MECH);
    }`,
    _onLegacyAuthIQResult: '{ return false; }',
    _auth2_cb: '{ return false; }',
    restore: `{
        throw new SessionError('xmpp-elements: Strophe restore() is left out of this build.');
    }`,
    _sessionCachingSupported: '{ return false; }',
    // We send presence with send(); the iq round trips are core/connection.ts's own.
    sendPresence: `{
        throw new Error('xmpp-elements: Strophe sendPresence() is left out of this build.');
    }`,
    sendIQ: `{
        throw new Error('xmpp-elements: Strophe sendIQ() is left out of this build.');
    }`,
    // strophe-transport.ts sets neither `protocol` nor `worker` (nor calls addProtocol): the service URL's scheme picks the transport.
    setProtocol: `{
        this._proto = this.service.indexOf('ws:') === 0 || this.service.indexOf('wss:') === 0 ? new Websocket(this) : new Bosh(this);
    }`,
    // Only sendIQ() and sendPresence() used these two (ids and timeouts are core/connection.ts's).
    getUniqueId: `{
        throw new Error('xmpp-elements: Strophe getUniqueId() is left out of this build.');
    }`,
    addTimedHandler: `{
        throw new Error('xmpp-elements: Strophe addTimedHandler() is left out of this build.');
    }`,
  },
  'transports/bosh.ts': {
    _restore: '{}',
    _cacheSession: '{}',
  },
  // XHTML-IM bodies (XEP-0071, deprecated): the sanitiser and its tag tables go with it.
  'builder.ts': {
    h: `{
        throw new Error('xmpp-elements: Strophe Builder.h() (XHTML-IM) is left out of this build.');
    }`,
  },
};

/**
 * Top-level functions of Strophe's utils.ts the same way: its default export lists every one, and
 * the SASL parts import that, so none is tree-shaken. The XHTML-IM sanitiser behind Builder.h()
 * (trimmed above) and cookies (a connection option we never set) go.
 */
const UNUSED_FUNCTIONS = {
  'utils.ts': {
    addCookies: '{}',
    validTag: '{ return false; }',
    validAttribute: '{ return false; }',
    validCSS: '{ return false; }',
    createHtml: '{ return undefined; }',
  },
};

/**
 * Statements inside Strophe.js methods xmpp-elements never needs, cut out of the builds: the
 * connection plugins (`Connection.addConnectionPlugin`: we register none; adding one now throws)
 * and the debugging hooks `xmlInput`, `rawInput`, `xmlOutput`, `rawOutput` (never set: the
 * connection is inside strophe-transport.ts). Each snippet must be found exactly once, as written
 * in Strophe's source: one that is not fails the build (Strophe changed, look again).
 */
const UNUSED_CODE = {
  'connection.ts': [
    `
        // initialize plugins
        for (const k in connectionPlugins) {
            if (Object.prototype.hasOwnProperty.call(connectionPlugins, k)) {
                const F = function () {};
                F.prototype = connectionPlugins[k];
                // @ts-ignore
                this[k] = new F();
                // @ts-ignore
                this[k].init(this);
            }
        }`,
    [
      `connectionPlugins[name] = ptype;`,
      `throw new Error('xmpp-elements: Strophe connection plugins are left out of this build.');`,
    ],
    `
        // notify all plugins listening for status changes
        for (const k in connectionPlugins) {
            if (Object.prototype.hasOwnProperty.call(connectionPlugins, k)) {
                // @ts-ignore
                const plugin = this[k];
                if (plugin.statusChanged) {
                    try {
                        plugin.statusChanged(status, condition);
                    } catch (err) {
                        log.error(\`\${k} plugin caused an exception changing status: \${err}\`);
                    }
                }
            }
        }`,
    `
        if (this.xmlInput !== Connection.prototype.xmlInput) {
            if (elem.nodeName === this._proto.strip && elem.childNodes.length) {
                this.xmlInput(elem.childNodes[0]);
            } else {
                this.xmlInput(elem);
            }
        }
        if (this.rawInput !== Connection.prototype.rawInput) {
            if (raw) {
                this.rawInput(raw);
            } else {
                this.rawInput(Builder.serialize(elem));
            }
        }`,
    `
        if (this.xmlInput !== Connection.prototype.xmlInput) {
            if (bodyWrap.nodeName === this._proto.strip && bodyWrap.childNodes.length) {
                this.xmlInput(bodyWrap.childNodes[0]);
            } else {
                this.xmlInput(bodyWrap);
            }
        }
        if (this.rawInput !== Connection.prototype.rawInput) {
            if (raw) {
                this.rawInput(raw);
            } else {
                this.rawInput(Builder.serialize(bodyWrap));
            }
        }`,
  ],
  'transports/bosh.ts': [
    // Bosh's timeout multipliers stay at Strophe's defaults: nothing sets them.
    `
    static setTimeoutMultiplier(m: number): void {
        timeoutMultiplier = m;
    }

    static getTimeoutMultplier(): number {
        return timeoutMultiplier;
    }

    static setSecondaryTimeoutMultiplier(m: number): void {
        secondaryTimeoutMultiplier = m;
    }

    static getSecondaryTimeoutMultplier(): number {
        return secondaryTimeoutMultiplier;
    }
`,
    `
            if (this.strip && req.xmlData.nodeName === 'body' && req.xmlData.childNodes.length) {
                this._conn.xmlOutput?.(req.xmlData.children[0]);
            } else {
                this._conn.xmlOutput?.(req.xmlData);
            }
            this._conn.rawOutput?.(req.data);`,
  ],
};

/** Cuts (or replaces: `[snippet, replacement]`) each of `snippets` in a Strophe source file. */
function cutCode(code, snippets = [], id) {
  let out = code;
  for (const entry of snippets) {
    const [snippet, replacement] = Array.isArray(entry) ? entry : [entry, ''];
    const at = out.indexOf(snippet);
    if (at < 0 || out.indexOf(snippet, at + 1) >= 0) throw new Error(`strophe-from-source: not found once in ${id}: ${snippet.trim().split('\n')[0]}`);
    out = out.slice(0, at) + replacement + out.slice(at + snippet.length);
  }
  return out;
}

/**
 * Connection methods only XEP-0198 reaches (they run once `this.sm` exists, which needs the
 * stream-management part): in the loader's modules they leave connection.ts and that part puts
 * them on Connection.prototype when it loads, as they are in Strophe's source.
 */
const SM_METHODS = ['_registerSMHandlers', '_onStreamResumed', '_onStreamResumptionFailed', '_onSessionReady', '_onStreamFeaturesAfterSASL'];
/**
 * What stays of them in Connection meanwhile (the others go): what they do without `this.sm`.
 * _onSessionReady only starts XEP-0198 (or tells the shared worker, never used); the features
 * after SASL: bind and session, then bind.
 */
const SM_STAND_INS = {
  _onSessionReady: '_onSessionReady(): void {}',
  _onStreamFeaturesAfterSASL: `_onStreamFeaturesAfterSASL(elem: Element): boolean {
        this.features = elem;
        for (let i = 0; i < elem.childNodes.length; i++) {
            const child = elem.childNodes[i];
            if (child.nodeName === 'bind') this.do_bind = true;
            if (child.nodeName === 'session') this.do_session = true;
        }
        this._proceedToBind();
        return false;
    }`,
};

/**
 * What only a password login needs of connection.ts (the SCRAM mechanisms are in the sasl part):
 * answering the server's challenges, checking its signature in <success/> (SCRAM's last step), and
 * choosing among several mechanisms. In the loader's modules they go with the sasl part, which puts
 * them back on Connection.prototype when it loads, before such a login starts. Without it the only
 * mechanism a server can match is ANONYMOUS (the slots' stand-ins have a name no server offers), so
 * Connection keeps: a challenge handled as ANONYMOUS handles one (its onChallenge throws), no signature
 * to check (only SCRAM sets one), and one mechanism to sort.
 */
const SASL_METHODS = ['sortMechanismsByPriority', '_sasl_challenge_cb'];
const SASL_STAND_INS = {
  sortMechanismsByPriority: `sortMechanismsByPriority(mechanisms: SASLMechanism[]): SASLMechanism[] {
        return mechanisms;
    }`,
  _sasl_challenge_cb: `async _sasl_challenge_cb(): Promise<boolean> {
        await this._sasl_mechanism.onChallenge(this);
        return true;
    }`,
};
/** The server signature's check at the start of _sasl_success_cb: the sasl part wraps the method with it. */
const SERVER_SIGNATURE = `
        if (this._sasl_data['server-signature']) {
            let serverSignature: string;
            const success = atob(getText(elem));
            const attribMatch = /([a-z]+)=([^,]+)(,|$)/;
            const matches = success.match(attribMatch);
            if (matches[1] === 'v') {
                serverSignature = matches[2];
            }
            if (serverSignature !== this._sasl_data['server-signature']) {
                // remove old handlers
                this.deleteHandler(this._sasl_failure_handler);
                this._sasl_failure_handler = null;
                if (this._sasl_challenge_handler) {
                    this.deleteHandler(this._sasl_challenge_handler);
                    this._sasl_challenge_handler = null;
                }
                this._sasl_data = {};
                return this._sasl_failure_cb(null);
            }
        }`;

/** The text of a class method of connection.ts (four spaces of indent), from its name to its closing brace. */
function methodText(code, name) {
  const start = code.search(new RegExp(`\\n    (?:async )?${name}\\(`));
  const close = start < 0 ? -1 : code.indexOf('\n    }\n', start);
  if (close < 0) throw new Error(`strophe-from-source: ${name}() not found in connection.ts`);
  return code.slice(start + 1, close + '\n    }'.length);
}

/** Replaces the bodies of class methods (at four spaces of indent), or of top-level functions (`indent` ''), of a Strophe source file. */
function trimMethods(code, methods, id, indent = '    ') {
  let out = code;
  for (const [name, body] of Object.entries(methods)) {
    const start = out.search(new RegExp(`\\n${indent ? indent : 'export function '}${name}\\(`));
    if (start < 0) throw new Error(`strophe-from-source: ${name}() not found in ${id}`);
    const open = out.indexOf('{\n', start);
    const close = out.indexOf(`\n${indent}}\n`, open);
    if (close < 0) throw new Error(`strophe-from-source: the end of ${name}() not found in ${id}`);
    out = `${out.slice(0, open)}${body}${out.slice(close + `\n${indent}}`.length)}`;
  }
  return out;
}

function stropheFromSource({ smApart = true } = {}) {
  const src = fileURLToPath(new URL('./node_modules/strophe.js/src/', import.meta.url));
  const file = (path) => JSON.stringify(`${src}${path}.ts`);
  const virtual = '\0strophe-parts';
  const slots = '\0strophe-slots';
  const slot = '\0strophe-slot:';
  const part = '\0strophe-part-';
  const noWorker = '\0strophe-no-worker';
  // Attaching to a BOSH session (Connection.attach, Bosh._attach) is only done by bosh-session.ts,
  // which loads on demand (a reload, a tab taking over): in the loader's modules its `strophe.js`
  // is this module, which puts the two methods back on the prototypes and so goes in its chunk.
  const attacher = '\0strophe-attach';
  const saslUtils = `${src}utils.sasl.ts`;
  /** connection.ts's imports that become slots: module -> what it exports there. */
  const slotted = {
    'sasl-external': 'default: SASLExternal',
    'sasl-oauthbearer': 'default: SASLOAuthBearer',
    'sasl-xoauth2': 'default: SASLXOAuth2',
    'sasl-plain': 'default: SASLPlain',
    'sasl-sha1': 'default: SASLSHA1',
    'sasl-sha256': 'default: SASLSHA256',
    'sasl-sha384': 'default: SASLSHA384',
    'sasl-sha512': 'default: SASLSHA512',
    'transports/websocket': 'default: Websocket',
    'stream-management':
      'default: StreamManagement, SessionStorageBackend, StreamManagementMirror, isCountableStanza, toStanzaView',
  };
  /** The parts, each one chunk: what it provides to the slots. */
  const parts = {
    websocket: `import Websocket from ${file('transports/websocket')};
export default { Websocket };`,
    sasl: `import SASLExternal from ${file('sasl-external')};
import SASLOAuthBearer from ${file('sasl-oauthbearer')};
import SASLXOAuth2 from ${file('sasl-xoauth2')};
import SASLPlain from ${file('sasl-plain')};
import SASLSHA1 from ${file('sasl-sha1')};
import SASLSHA256 from ${file('sasl-sha256')};
import SASLSHA384 from ${file('sasl-sha384')};
import SASLSHA512 from ${file('sasl-sha512')};
${
      smApart
        ? `import Connection from ${file('connection')};
import { $build } from ${file('builder')};
import { NS } from ${file('constants')};
import { getText } from ${file('utils')};
const { _sasl_success_cb: succeeded } = Connection.prototype;
Object.assign(Connection.prototype, {
    ${SASL_METHODS.map((name) => methodText(readFileSync(`${src}connection.ts`, 'utf8'), name)).join(',\n')},
    _sasl_success_cb(elem: Element): boolean {${SERVER_SIGNATURE}
        return succeeded.call(this, elem);
    },
});`
        : ''
    }
export default { SASLExternal, SASLOAuthBearer, SASLXOAuth2, SASLPlain, SASLSHA1, SASLSHA256, SASLSHA384, SASLSHA512 };`,
    // XEP-0198, for accounts over WebSocket (strophe-transport.ts sets `enableStreamManagement`).
    'stream-management': `import StreamManagement, { SessionStorageBackend, StreamManagementMirror,
  isCountableStanza, toStanzaView } from ${file('stream-management/index')};
import Connection from ${file('connection')};
import { NS, Status } from ${file('constants')};
import { Websocket } from ${JSON.stringify(slots)};
${smApart ? `Object.assign(Connection.prototype, { ${SM_METHODS.map((name) => methodText(readFileSync(`${src}connection.ts`, 'utf8'), name)).join(',\n')} });` : ''}
export default { StreamManagement, SessionStorageBackend, StreamManagementMirror, isCountableStanza, toStanzaView };`,
  };
  const slotNames = [...new Set(Object.values(slotted).flatMap((list) => list.replace('default: ', '').split(', ')))];
  const stand_ins = slotNames
    .map((name) =>
      name.startsWith('SASL')
        ? `export let ${name} = NotLoaded;`
        : name === 'isCountableStanza'
          ? `export let ${name} = () => false;`
          : name === 'toStanzaView'
            ? `export let ${name} = (element) => element;`
            : `export let ${name} = Missing;`,
    )
    .join('\n');
  return {
    name: 'strophe-from-source',
    resolveId(source, importer) {
      if (source === 'strophe.js') return smApart && /[\\/]bosh-session\.[jt]s$/.test(importer ?? '') ? attacher : virtual;
      if (source === slots || source === noWorker || source.startsWith(slot) || source.startsWith(part)) return source;
      if (importer?.startsWith(src) && source.startsWith('.')) {
        const base = resolve(dirname(importer), source);
        if (base === `${src}transports/worker-websocket`) return noWorker;
        const name = base.slice(src.length);
        if (importer === `${src}connection.ts` && name in slotted) return slot + name;
        // utils.ts's default export is the SASL mechanisms' byte helpers (utf16to8, base64 and
        // ArrayBuffer conversions): a copy of the file for them, so they go with the sasl part
        // and not into every page's core chunk (which tree-shakes what it does not use).
        if (name === 'utils' && /^(scram|sasl-[\w-]+)\.ts$/.test(importer.slice(src.length))) return saslUtils;
        for (const candidate of [`${base}.ts`, `${base}/index.ts`]) if (existsSync(candidate)) return candidate;
      }
      return null;
    },
    load(id) {
      if (id === saslUtils) return readFileSync(`${src}utils.ts`, 'utf8');
      if (id === attacher) {
        const code = `import Connection from ${file('connection')};
import Bosh from ${file('transports/bosh')};
import WorkerWebsocket from ${JSON.stringify(noWorker)};
import { SessionError } from ${file('errors')};
import { Status } from ${file('constants')};
import { getDomainFromJid } from ${file('utils')};
Object.assign(Connection.prototype, { ${methodText(readFileSync(`${src}connection.ts`, 'utf8'), 'attach')} });
Object.assign(Bosh.prototype, { ${methodText(readFileSync(`${src}transports/bosh.ts`, 'utf8'), '_attach')} });
export { Strophe } from 'strophe.js';`;
        return transform(code, { loader: 'ts', target: 'es2021', sourcefile: id }).then((out) => out.code);
      }
      if (id === noWorker) {
        return `export default class WorkerWebsocket {
  constructor() { throw new Error('xmpp-elements does not use the shared-worker transport'); }
}`;
      }
      if (id.startsWith(slot)) {
        const [first, ...rest] = slotted[id.slice(slot.length)].replace('default: ', '').split(', ');
        return `export { ${[`${first} as default`, ...rest].join(', ')} } from ${JSON.stringify(slots)};`;
      }
      if (id.startsWith(part)) return transform(parts[id.slice(part.length)], { loader: 'ts', target: 'es2021', sourcefile: id }).then((out) => out.code);
      if (id === slots) {
        return `import SASLMechanism from ${file('sasl')};
/** A mechanism whose part is not loaded: registered under a name no server offers, never chosen. */
class NotLoaded extends SASLMechanism {
  constructor() { super('X-NOT-LOADED', false, -1); }
  test() { return false; }
}
class Missing {
  constructor() { throw new Error('xmpp-elements: this part of Strophe.js is not loaded (Strophe.loadParts)'); }
}
${stand_ins}
export function provide(parts) {
${slotNames.map((name) => `  if (parts.${name}) ${name} = parts.${name};`).join('\n')}
}`;
      }
      if (id !== virtual) return null;
      return `import Connection from ${file('connection')};
import Bosh from ${file('transports/bosh')};
import log from ${file('log')};
import { LOG_LEVELS, Status } from ${file('constants')};
import { getDomainFromJid } from ${file('utils')};
import { provide } from ${JSON.stringify(slots)};
const importers = {
${Object.keys(parts).map((name) => `  ${JSON.stringify(name)}: () => import(${JSON.stringify(part + name)}),`).join('\n')}
};
const loading = {};
const ready = new Set();
/** Loads the named parts; undefined when they are all there already (so a caller may go on synchronously). */
function loadParts(names) {
  const missing = names.filter((name) => !ready.has(name));
  if (missing.length === 0) return undefined;
  return Promise.all(
    missing.map((name) => {
      if (!importers[name]) return Promise.reject(new Error('no Strophe part ' + name));
      return (loading[name] ??= importers[name]().then(
        (module) => { provide(module.default); ready.add(name); },
        (error) => { delete loading[name]; throw error; },
      ));
    }),
  ).then(() => undefined);
}
export const Strophe = { Connection, Bosh, Status, LogLevel: LOG_LEVELS, setLogLevel: (level) => log.setLogLevel(level), getDomainFromJid, loadParts };`;
    },
    async transform(code, id) {
      if (!id.startsWith(src) || !id.endsWith('.ts')) return null;
      const source = id === saslUtils ? 'utils.ts' : id.slice(src.length);
      let trimmed = cutCode(trimMethods(trimMethods(code, UNUSED_METHODS[source] ?? {}, id), UNUSED_FUNCTIONS[source] ?? {}, id, ''), UNUSED_CODE[source], id);
      if (source === 'transports/bosh.ts' && smApart) trimmed = trimmed.replace(methodText(trimmed, '_attach'), '');
      if (source === 'connection.ts' && smApart) {
        trimmed = trimmed.replace(methodText(trimmed, 'attach'), '');
        for (const name of SM_METHODS) trimmed = trimmed.replace(methodText(trimmed, name), SM_STAND_INS[name] ?? '');
        for (const name of SASL_METHODS) trimmed = trimmed.replace(methodText(trimmed, name), SASL_STAND_INS[name]);
        trimmed = cutCode(trimmed, [SERVER_SIGNATURE], id);
      }
      // The Builder's ES private fields (#nodeTree, #node, #name, #attrs) would be lowered to ES2021 with a
      // WeakMap each and five helpers (as Strophe's own build does): plain properties of their own names instead.
      // (builder.ts has no other '#'; one that comes is a new private field: the build says so.)
      if (source === 'builder.ts') {
        trimmed = trimmed.replace(/#(nodeTree|node|name|attrs)\b/g, '_b_$1');
        if (trimmed.includes('#')) throw new Error(`strophe-from-source: a '#' left in ${id}`);
      }
      // Class fields as Strophe's own build compiles them (its tsc target < ES2022: plain assignments
      // in the constructor, nothing for a bare `name: Type;`), not esbuild's default for no tsconfig,
      // which lowers each one to a defineProperty helper call (about 80 in the core chunk).
      const out = await transform(trimmed, {
        loader: 'ts',
        target: 'es2021',
        tsconfigRaw: { compilerOptions: { useDefineForClassFields: false } },
        sourcemap: true,
        sourcefile: id,
      });
      return { code: out.code, map: out.map };
    },
  };
}

const plugins = [
  tscSourceMaps(),
  stropheFromSource(),
  // lit's html`` and css`` templates keep their indentation otherwise: minify them (lit team's plugin).
  minifyHTML(),
  // Browser builds: Strophe.js -> dist/strophe.esm.js (no Node shims), lit -> its production build.
  nodeResolve({ browser: true, exportConditions: ['browser', 'production'] }),
];

/**
 * The names of the private members of our classes (`private stateValue`, `private handleStanza()`…)
 * that nothing else can reach: not decorated (lit reads a reactive property's name), not also a
 * public member, an interface's, an object literal's key, a destructured name or a function's, class's
 * or variable's (a module's exports are its namespace's properties) anywhere in src/,
 * not in any string there, not a DOM name (terser's list) nor a protocol one (`handleEvent`, `then`…).
 * shortPrivateNames() also leaves out any name lit's or Strophe's code uses.
 */
function privateMembers() {
  const src = fileURLToPath(new URL('./src/', import.meta.url));
  const files = readdirSync(src, { recursive: true })
    .map((name) => join(src, name))
    .filter((path) => /\.ts$/.test(path) && !/\.(test|d|sample)\.ts$/.test(path));
  const privates = new Set();
  const others = new Set(['handleEvent', 'then', 'toJSON', 'toString', 'valueOf', 'constructor', 'next', 'done', 'value']);
  const isPrivate = (node) => ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.PrivateKeyword);
  const words = (text) => text.match(/[A-Za-z_$][\w$]*/g) ?? [];
  for (const file of files) {
    const visit = (node) => {
      const name = node.name && ts.isIdentifier(node.name) ? node.name.text : undefined;
      if (name && (ts.isPropertyDeclaration(node) || ts.isMethodDeclaration(node) || ts.isGetAccessor(node) || ts.isSetAccessor(node) || ts.isParameter(node))) {
        if (isPrivate(node) && !ts.getDecorators(node)?.length) privates.add(name);
        else if (!ts.isParameter(node)) others.add(name);
      } else if (name && (ts.isPropertySignature(node) || ts.isMethodSignature(node) || ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node) || ts.isEnumMember(node) || ts.isBindingElement(node))) {
        others.add(name);
      }
      if (ts.isBindingElement(node) && node.propertyName && ts.isIdentifier(node.propertyName)) others.add(node.propertyName.text);
      // A module's exports are properties too, of its namespace (`(await import('./x.js')).renderX`).
      if (name && (ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node) || ts.isVariableDeclaration(node) || ts.isExportSpecifier(node))) others.add(name);
      if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) for (const word of words(node.text)) others.add(word);
      ts.forEachChild(node, visit);
    };
    visit(ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true));
  }
  for (const name of domprops) others.add(name);
  return [...privates].filter((name) => !others.has(name));
}

/**
 * Short names for long property names that only the build's own code reaches: Strophe.js keeps its
 * internals in `_`-prefixed properties (`_conn`, `_proto`, `_requests`, `_changeConnectStatus`…, about
 * a hundred), and our classes have their private members (see privateMembers). Each gets a short name,
 * the same in every chunk of a build (strophe-transport.ts and the on-demand chunks reach the same
 * ones), chosen among the names that appear nowhere in the build's code, so it can never meet a real
 * property of the same object. lit's `_$…` and `__…` names are not touched, nor is a private name that
 * lit's or Strophe's code uses too; Strophe reaches none of its `_` names by a computed string. npm
 * users get tsc's output and Strophe's module as they are.
 */
function shortNames(privates) {
  const stropheSrc = fileURLToPath(new URL('./node_modules/strophe.js/src/', import.meta.url));
  const distDir = fileURLToPath(new URL('./dist/', import.meta.url));
  const cache = { props: {} };
  return {
    name: 'short-names',
    cache,
    buildEnd(error) {
      if (error) return;
      const words = new Set();
      const libWords = new Set();
      const counts = new Map();
      const count = (word) => counts.set(word, (counts.get(word) ?? 0) + 1);
      const own = new Set(privates);
      for (const id of this.getModuleIds()) {
        const code = this.getModuleInfo(id)?.code ?? '';
        const ours = id.startsWith(distDir);
        for (const [word] of code.matchAll(/[A-Za-z_$][\w$]*/g)) {
          words.add(word);
          if (!ours) libWords.add(word);
          if (id.startsWith(stropheSrc) && /^_(?![_$])\w/.test(word)) count(word);
          else if (ours && own.has(word)) count(word);
        }
      }
      // Candidate names, shortest first: a…$, then aa, ab…
      const first = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ$';
      const next = `${first}0123456789_`;
      const candidates = (function* () {
        yield* first;
        for (const a of first) for (const b of next) yield a + b;
        for (const a of first) for (const b of next) for (const c of next) yield a + b + c;
      })();
      const RESERVED = new Set('do if in for let new try var case else enum eval null this true void with await break catch class const false super throw while yield delete export import public return static switch typeof default extends finally package private continue debugger function arguments interface protected implements instanceof'.split(' '));
      cache.props = {};
      const names = [...counts].filter(([name]) => name.startsWith('_') || !libWords.has(name));
      for (const [name] of names.sort((a, b) => b[1] * b[0].length - a[1] * a[0].length || (a[0] < b[0] ? -1 : 1))) {
        let short;
        do short = candidates.next().value;
        while (words.has(short) || RESERVED.has(short));
        cache.props[`$${name}`] = short;
      }
    },
  };
}

const terserOptions = (module, names) => ({
  module,
  ecma: 2021,
  ...(names && { mangle: { properties: { only_cache: true, cache: names.cache } } }),
  // Strophe's debug and info logging is below the WARN level strophe-transport.ts sets: drop the calls.
  // Its warnings go too (retries, timeouts: the transport reports what matters to the elements); errors stay.
  compress: { passes: 2, pure_getters: true, unsafe_arrows: true, unsafe_methods: true, pure_funcs: ['log.debug', 'log.info', 'log.warn'] },
  format: { comments: /^!/ },
});

const onwarn = (warning, warn) => {
  // A warning is a bug in a self-contained build (an unresolved import, a circular chunk...).
  if (warning.code === 'UNRESOLVED_IMPORT') throw new Error(warning.message);
  // tsc's inlined `__decorate` helper starts `(this && this.__decorate) || ...`: `this` is
  // undefined at a module's top level, as intended.
  if (warning.code === 'THIS_IS_UNDEFINED' && /\/dist\//.test(warning.id ?? '')) return;
  warn(warning);
};

/**
 * rollup's manualChunks, for the fewest files on the pages that matter: a module that two or
 * more entries import statically goes into `core` when the room (the guest page) needs it, else
 * into `signed-in` (the roster and chats of a user's page); one that a single entry imports stays
 * in that entry's file; what is only imported dynamically (other languages, Strophe's optional
 * parts, forms) keeps a chunk of its own.
 */
function sharedCoreChunk(entries) {
  let closures;
  const closureOf = (entry, getModuleInfo) => {
    const seen = new Set();
    const stack = [resolve(entry)];
    while (stack.length) {
      const id = stack.pop();
      if (seen.has(id)) continue;
      seen.add(id);
      for (const next of getModuleInfo(id)?.importedIds ?? []) stack.push(next);
    }
    return seen;
  };
  return (id, { getModuleInfo }) => {
    // The room imports @lit/context for its consumer; the provider is the launcher's alone.
    if (/@lit[\\/]context[\\/].*(context-provider|value-notifier)\.js$/.test(id)) return 'context-provider';
    // Loaded by a room with the first message from someone else: every guest page with others in it
    // loads it, so it belongs to the page's own file (one request fewer, and the budget counts it).
    if (/[\\/]unread-controller\.[jt]s$/.test(id)) return 'core';
    // XEP-0191's block list: the roster imports it, and a signed-in user's room loads it on demand
    // (room-signed-in.ts). With the roster's other shared code, not a file of its own.
    if (/[\\/]core[\\/]blocking\.[jt]s$/.test(id)) return 'signed-in';
    closures ??= entries.map((entry) => closureOf(entry, getModuleInfo));
    const shared = closures.filter((closure) => closure.has(id)).length;
    // The room's own code goes into core too: one file compresses better than two, and the pages
    // that load core without the room (a lone roster or chat) are not the ones that must be light.
    if (closures[0].has(id)) return 'core';
    if (shared >= 2) return 'signed-in';
    // Loaded on demand by one element and statically by another (the archive: the room pages back
    // on demand, the chat at once): a chunk of its own, so the room never imports the chat's file.
    const info = getModuleInfo(id);
    if (shared === 1 && info?.dynamicImporters.length) return basename(id).replace(/\.[jt]s$/, '');
    return undefined;
  };
}

/** The per-element modules the loader imports: `<tag>` -> dist/xmpp-elements/<name>.js (src/loader.ts has the same table). */
export const ELEMENT_MODULES = { room: 'dist/room.js', chat: 'dist/chat.js', roster: 'dist/roster.js', presence: 'dist/presence.js', launcher: 'dist/launcher.js' };

// One of each for the two builds with Strophe in them (each names its own).
const privates = privateMembers();
const loaderNames = shortNames(privates);
const bundleNames = shortNames(privates);

export default [
  // 1. dist/xmpp-elements.js: the loader, a small classic script with no imports of its own.
  {
    input: 'dist/loader.js',
    plugins: [tscSourceMaps()],
    onwarn,
    output: { file: 'dist/xmpp-elements.js', format: 'iife', banner, sourcemap: true, plugins: [terser(terserOptions(false))] },
  },
  // 2. dist/xmpp-elements/: what the loader loads. One ES module per element (registers it), chunks
  //    shared between them, every import relative: lit and Strophe.js are inside the chunks.
  {
    input: ELEMENT_MODULES,
    plugins: [...plugins, loaderNames],
    onwarn,
    output: {
      dir: 'dist/xmpp-elements',
      format: 'es',
      entryFileNames: '[name].js',
      // What every element stands on (lit, Strophe's core, our core, controllers, the shared
      // components and styles, the English table) is ONE chunk: rollup would otherwise make a chunk
      // for each set of entries that share a module (room + chat, room + roster…), more files for
      // every page, each compressed on its own. On-demand modules (other languages, Strophe's
      // optional parts, the data form) keep chunks of their own.
      manualChunks: sharedCoreChunk(Object.values(ELEMENT_MODULES)),
      // Virtual modules' names start with `_` (from their \0 ids): drop it.
      chunkFileNames: (chunk) => `chunks/${chunk.name.replace(/^_+/, '')}-[hash].js`,
      banner,
      sourcemap: true,
      plugins: [terser(terserOptions(true, loaderNames))],
    },
  },
  // 3. The one-file bundles: everything inlined (dynamic imports too); they fetch no other file.
  {
    input: 'dist/main.js',
    // Every part is inlined here: the XEP-0198 methods may stay in Connection (it compresses better so).
    plugins: [...plugins.map((plugin) => (plugin.name === 'strophe-from-source' ? stropheFromSource({ smApart: false }) : plugin)), bundleNames],
    onwarn,
    output: [
      {
        file: 'dist/xmpp-elements.bundle.js',
        format: 'iife',
        name: 'XmppElements',
        exports: 'named',
        inlineDynamicImports: true,
        banner,
        sourcemap: true,
        plugins: [terser(terserOptions(false, bundleNames))],
      },
      {
        file: 'dist/xmpp-elements.esm.js',
        format: 'es',
        inlineDynamicImports: true,
        banner,
        sourcemap: true,
        plugins: [terser(terserOptions(true, bundleNames))],
      },
    ],
  },
];
