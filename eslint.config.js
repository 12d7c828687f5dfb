// ESLint flat config: type-aware TypeScript rules, Lit templates, web component and template
// accessibility rules, over every folder with code. `npm run lint` runs it with no warning allowed.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import { configs as lit } from 'eslint-plugin-lit';
import litA11y from 'eslint-plugin-lit-a11y';
import { configs as wc } from 'eslint-plugin-wc';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  globalIgnores([
    'dist/',
    'dist-demo/',
    'coverage/',
    '**/node_modules/',
    'public/mockServiceWorker.js',
    'custom-elements.json',
    '**/.vitest-attachments/',
    '**/__screenshots__/',
  ]),
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        // Each file is type-checked with the tsconfig.json nearest to it.
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
  lit['flat/recommended'],
  wc['flat/recommended'],
  wc['flat/best-practice'],
  litA11y.configs.recommended,
  {
    // Lit elements are custom elements too.
    settings: { wc: { elementBaseClasses: ['LitElement'] } },
    rules: {
      // LitElement defines every lifecycle callback, so a guard before super.connectedCallback() is dead code.
      'wc/guard-super-call': 'off',
      // role="list" on the ticker's <ul> is deliberate: WebKit drops list semantics when list-style is none.
      'lit-a11y/no-redundant-role': 'off',
    },
  },
  {
    // TypeScript checks every name in the files it checks (JavaScript too: checkJs), with both the DOM
    // and Node globals, which scripts need for the functions they run in a page.
    ignores: ['examples/**'],
    rules: { 'no-undef': 'off' },
  },
  {
    files: ['src/**', 'demo/**', 'examples/**', 'test/browser/**', 'test/support/**'],
    languageOptions: { globals: globals.browser },
  },
  {
    files: [
      '*.{js,mjs,ts}',
      'scripts/**',
      'bench/**',
      'deploy/**',
      'test/**',
      'demo/vite.config.ts',
      'demo/*.mjs',
      'examples/*/vite.config.*',
    ],
    languageOptions: { globals: globals.node },
  },
  {
    // Each example is its own package, built and type-checked against the packed tarball by its own
    // tools (tsc, vue-tsc, svelte-check), so it is linted here without type information. So are the
    // consumers of the packed-package test.
    files: ['examples/**', 'test/package/consumers/**'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { parserOptions: { projectService: false } },
  },
);
