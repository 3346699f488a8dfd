// `npm run lint`: ESLint (flat config), then lit-analyzer.
//
// ESLint: typescript-eslint with type information for src/ and test/ (recommendedTypeChecked,
// through tsconfig.json, which includes both), eslint-plugin-lit (lit-html template syntax) and
// eslint-plugin-lit-a11y (accessibility of the templates' markup). Everything else (Node scripts
// and configs *.mjs, the demo's and the CSP page's plain *.js) is outside tsconfig.json and stays
// untyped: the syntax-only typescript-eslint rules, no type-checked ones.
//
// lit-analyzer (the CLI of the lit team's lit-plugin, run by the "lint" script in package.json as
// `lit-analyzer src --strict --maxWarnings 0 ...`) type-checks the templates themselves: unknown
// tags, attributes, properties and events, bindings of the wrong type, elements used but not
// imported or not in HTMLElementTagNameMap. `--strict` and `--maxWarnings 0` make every finding
// fail the lint. Its flags there:
// - `--rules.no-unknown-event error`, `--rules.no-missing-element-type-definition error`: off even
//   in strict mode, on here because our events are in GlobalEventHandlersEventMap and our tags in
//   HTMLElementTagNameMap (../shared/STYLE.md), so these findings are real.
// - `--rules.no-invalid-css off`: its CSS checker (vscode-css-languageservice 4.3, 2020) does not
//   know container queries (`container-type`, `@container`), which the room's styles use.
// - no-missing-import stays on: it resolves our `.js` import specifiers through tsconfig.json's
//   `moduleResolution: bundler` and has not misfired.
import js from '@eslint/js';
import lit from 'eslint-plugin-lit';
import litA11y from 'eslint-plugin-lit-a11y';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'custom-elements.json', 'bench/results/'] },
  js.configs.recommended,
  {
    // TypeScript: type-aware rules, with the types tsconfig.json gives the project service.
    files: ['src/**/*.ts', 'test/**/*.ts', 'test/**/*.tsx'],
    extends: [...tseslint.configs.recommendedTypeChecked, lit.configs['flat/recommended'], litA11y.configs.recommended],
    languageOptions: {
      globals: globals.browser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // A promise nobody awaits hides its rejection: await it, or mark a deliberate one with
      // `void` and say why in a comment.
      //
      // Chai's `equal` (`expect(x).to.equal(y)`, `.deep.equal`, `.eq`) is synchronous: it throws.
      // But @open-wc/semantic-dom-diff (through @open-wc/testing) merges call signatures returning
      // `Promise<Assertion>` into chai's `Equal` interface (chai-dom-diff-plugin.d.ts), for its
      // `.dom.equal`, which is synchronous too (its `equal` override returns nothing). Without this
      // every equality assertion would be a "floating promise".
      '@typescript-eslint/no-floating-promises': [
        'error',
        { allowForKnownSafeCalls: [{ from: 'package', name: 'Equal', package: 'chai' }] },
      ],
      // `async` is how a method that may throw (send(), login()) hands its caller a rejection
      // instead of an exception; such a method need not await anything.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // lit calls a template's event listeners (`@click=${this.handleX}`) with the element as
    // `this` (lit-html's `host` render option), so passing a method unbound there is safe.
    files: ['src/components/**/*.ts'],
    rules: { '@typescript-eslint/unbound-method': 'off' },
  },
  {
    // JavaScript: no type information (not in tsconfig.json).
    files: ['**/*.js', '**/*.mjs'],
    extends: [...tseslint.configs.recommended, tseslint.configs.disableTypeChecked],
  },
  {
    files: ['demo/**/*.js', 'test/**/*.js'],
    languageOptions: { globals: globals.browser },
  },
  {
    // Node scripts and configs. Some drive a browser: their page.evaluate() callbacks use `document`.
    files: ['*.mjs', 'scripts/**/*.mjs', 'bench/**/*.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    rules: {
      // Unused parameters named _x are deliberate (callbacks with a fixed signature).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
);
