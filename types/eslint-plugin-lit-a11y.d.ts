// eslint-plugin-lit-a11y ships no types; eslint.config.js uses its recommended flat config.
declare module 'eslint-plugin-lit-a11y' {
  import type { ESLint, Linter } from 'eslint';
  const plugin: ESLint.Plugin & { configs: { recommended: Linter.Config } };
  export default plugin;
}
