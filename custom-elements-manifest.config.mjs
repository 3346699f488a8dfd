// Config for @custom-elements-manifest/analyzer (`npm run analyze`, and a step of `npm run build`).
// Writes ./custom-elements.json (package.json "customElements" points at it) from the JSDoc
// (@tag, @csspart, @cssprop, @fires) and the Lit decorators of the sources, inherited members
// included (XmppElement is the base class of every element).

/** Tidies what the analyzer guesses, so the manifest describes the published package. */
function xmppElementsPlugin() {
  /** define('tag', Class) calls (src/define-element.ts's guarded customElements.define). */
  const defineCalls = new Map(); // module path -> [{ tag, className }]
  return {
    name: 'xmpp-elements',
    analyzePhase({ ts, node, moduleDoc }) {
      if (
        ts.isCallExpression(node) &&
        ts.isIdentifier(node.expression) &&
        node.expression.text === 'define' &&
        node.arguments.length === 2 &&
        ts.isStringLiteralLike(node.arguments[0]) &&
        ts.isIdentifier(node.arguments[1])
      ) {
        const calls = defineCalls.get(moduleDoc.path) ?? [];
        calls.push({ tag: node.arguments[0].text, className: node.arguments[1].text });
        defineCalls.set(moduleDoc.path, calls);
      }
    },
    packageLinkPhase({ customElementsManifest: manifest }) {
      const classModule = new Map(); // class name -> module path
      for (const mod of manifest.modules) {
        for (const decl of mod.declarations ?? []) if (decl.kind === 'class') classModule.set(decl.name, mod.path);
      }
      for (const mod of manifest.modules) {
        // Drop the analyzer's guess at define-element.ts's `customElements.define(tag, constructor)`
        // (a parameter, not a class) ...
        mod.exports = (mod.exports ?? []).filter(
          (e) => e.kind !== 'custom-element-definition' || classModule.has(e.declaration?.name),
        );
        // ... and record the real registrations: define('xmpp-room', XmppRoom) in define.ts / room.ts.
        for (const { tag, className } of defineCalls.get(mod.path) ?? []) {
          const module = classModule.get(className);
          if (module) mod.exports.push({ kind: 'custom-element-definition', name: tag, declaration: { name: className, module } });
        }
        for (const decl of mod.declarations ?? []) {
          if (!decl.events) continue;
          // `dispatchEvent(new XmppMessageEvent(message))` makes the analyzer guess an event named
          // after the argument ("message", "error", or none). The real names come from @fires,
          // which gives each event class its documented name: keep only those.
          const documented = new Set(decl.events.filter((e) => e.name && e.description).map((e) => e.type?.text));
          decl.events = decl.events.filter(
            (e) => e.name && (e.description || !documented.has(e.type?.text)),
          );
        }
      }
      // src/ is not published: point every module path at the compiled file in dist/.
      const toDist = (p) =>
        typeof p === 'string' ? p.replace(/^\/?src\/(.*)\.(ts|js)$/, 'dist/$1.js') : p;
      const walk = (value) => {
        if (Array.isArray(value)) return value.forEach(walk);
        if (!value || typeof value !== 'object') return;
        for (const key of Object.keys(value)) {
          if ((key === 'path' || key === 'module') && typeof value[key] === 'string') value[key] = toDist(value[key]);
          else walk(value[key]);
        }
      };
      walk(manifest.modules);
    },
  };
}

export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts'],
  outdir: '.',
  litelement: true,
  // package.json already has "customElements"; don't let the analyzer rewrite the file.
  packagejson: false,
  plugins: [xmppElementsPlugin()],
};
