// Config for @custom-elements-manifest/analyzer (`npm run analyze`, and a step of `npm run build`).
// Writes ./custom-elements.json (package.json "customElements" points at it) from the JSDoc
// (@tag, @csspart, @cssprop, @fires) and the Lit decorators of the sources, inherited members
// included (XmppElement is the base class of every element).

/** Tidies what the analyzer guesses, so the manifest describes the published package. */
function xmppElementsPlugin() {
  /** define('tag', Class) calls (src/define-element.ts's guarded customElements.define). */
  const defineCalls = new Map(); // module path -> [{ tag, className }]
  const types = detailTypes();
  return {
    name: 'xmpp-elements',
    analyzePhase({ ts, node, moduleDoc }) {
      types.collect(ts, node);
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
      types.apply(manifest);
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

/**
 * The shape of each event's `detail`, which the analyzer does not follow (an interface, often
 * given as a constructor parameter property): the event classes' `detail` field gets the
 * interface written out, with string-literal unions and `Interface['member']` resolved, e.g.
 * `{ status: 'connecting' | 'online' | ... }`. The docs and the editors' custom data show it.
 */
function detailTypes() {
  const interfaces = new Map(); // name -> [{ name, optional, type, doc }]
  const aliases = new Map(); // name -> text of a string-literal union
  const details = new Map(); // event class name -> detail interface name
  const docOf = (ts, member) =>
    ts
      .getJSDocCommentsAndTags(member)
      .map((d) => (typeof d.comment === 'string' ? d.comment : ''))
      .join(' ')
      .trim();
  const resolve = (text, depth = 0) =>
    depth > 3
      ? text
      : text
          .replace(/\b(\w+)\['(\w+)'\]/g, (m, type, member) => {
            const found = interfaces.get(type)?.find((x) => x.name === member);
            return found ? resolve(found.type, depth + 1) : m;
          })
          .replace(/\b[A-Z]\w*\b/g, (name) => aliases.get(name) ?? name);
  return {
    collect(ts, node) {
      if (ts.isInterfaceDeclaration(node)) {
        interfaces.set(
          node.name.text,
          node.members.filter(ts.isPropertySignature).map((m) => ({
            name: m.name.getText(),
            optional: Boolean(m.questionToken),
            type: m.type?.getText() ?? 'unknown',
            doc: docOf(ts, m),
          })),
        );
      } else if (ts.isTypeAliasDeclaration(node) && ts.isUnionTypeNode(node.type)) {
        if (node.type.types.every((t) => ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal))) {
          aliases.set(node.name.text, node.type.getText());
        }
      } else if (ts.isClassDeclaration(node) && node.name && /Event$/.test(node.name.text)) {
        const field = node.members.find((m) => ts.isPropertyDeclaration(m) && m.name.getText() === 'detail');
        const ctor = node.members.find(ts.isConstructorDeclaration);
        const param = ctor?.parameters.find((p) => p.modifiers?.length && p.name.getText() === 'detail');
        const type = (field ?? param)?.type?.getText();
        if (type) details.set(node.name.text, type);
      }
    },
    apply(manifest) {
      for (const mod of manifest.modules) {
        for (const decl of mod.declarations ?? []) {
          const name = details.get(decl.name);
          const members = name && interfaces.get(name);
          if (decl.kind !== 'class' || !members) continue;
          const text = `{ ${members.map((m) => `${m.name}${m.optional ? '?' : ''}: ${resolve(m.type)}`).join('; ')} }`;
          const notes = members.filter((m) => m.doc).map((m) => `\`${m.name}\`: ${m.doc}`);
          const detail = { kind: 'field', name: 'detail', type: { text }, readonly: true, ...(notes.length ? { description: notes.join(' ') } : {}) };
          decl.members = [...(decl.members ?? []).filter((m) => m.name !== 'detail'), detail];
        }
      }
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
