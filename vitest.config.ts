import { defineConfig } from 'vitest/config';
import { playwright } from '@vitest/browser-playwright';
import { slimDecimal } from './scripts/slim-decimal.mjs';

// Flags that keep Chromium quiet on a machine with no network (see design.md).
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export default defineConfig({
  // Serves public/mockServiceWorker.js at the root, where msw's browser worker expects it.
  publicDir: 'public',
  // Tests run against the same slimmed decimal.js as the bundle ships (scripts/slim-decimal.mjs):
  // it is transformed, not pre-bundled (browser) nor loaded untouched from node_modules (Node).
  plugins: [slimDecimal()],
  // Every dependency the browser tests import is pre-bundled up front: one found mid-run makes
  // Vite re-optimise and reload the page, failing the test files being imported.
  optimizeDeps: {
    exclude: ['decimal.js'],
    include: ['lit', 'msw', 'msw/browser', 'axe-core', 'fast-check'],
  },
  test: {
    // The fuzz suites' seed: fixed, so a run can be repeated; FUZZ_SEED=<n> npm test tries another.
    provide: { fuzzSeed: Number(process.env.FUZZ_SEED) || 20261130 },
    server: { deps: { inline: [/decimal\.js/] } },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: ['test/unit/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          browser: {
            enabled: true,
            headless: true,
            screenshotFailures: false,
            provider: playwright({
              launchOptions: {
                ...(process.env.CHROMIUM_PATH ? { executablePath: process.env.CHROMIUM_PATH } : {}),
                args: CHROMIUM_ARGS,
              },
            }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
    ],
  },
});
