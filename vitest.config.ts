import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';
import { playwright } from '@vitest/browser-playwright';
import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { slimDecimal } from './scripts/slim-decimal.mjs';
import { cspPage } from './test/support/csp-page.js';
// commands.exchange: the local exchange WebSocket servers, for the stream tests.
import { exchange } from './test/support/exchange-command.js';
import { emulateMedia } from './test/engines/media.js';
import { hidePage } from './test/engines/visibility.js';
import { engines } from './test/engines/provider.js';
import type { LaunchMedia } from './test/engines/engine.js';
import { MINIBROWSER } from './test/engines/webkit.js';

// Flags that keep Chromium quiet on a machine with no network (no background requests, no updates).
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

// Which browser engines run the browser tests: ENGINES=chromium,firefox,webkit (any of them),
// by default every one found here. Chromium runs through Playwright (CHROMIUM_PATH or its own);
// Firefox and WebKit through the engines provider (test/engines/provider.ts).
function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const file = join(dir, name);
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // Not here, or not executable: the next directory on PATH.
    }
  }
  return undefined;
}
const FIREFOX_PATH = [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr'].find((p): p is string => !!p && existsSync(p));
const ENGINE_FOUND: Record<string, () => boolean> = {
  chromium: () => true,
  firefox: () => FIREFOX_PATH !== undefined,
  webkit: () => !!onPath('WebKitWebDriver') && !!onPath('Xvfb') && existsSync(MINIBROWSER),
};
const ENGINES_ASKED = (process.env.ENGINES ?? '')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);
for (const name of ENGINES_ASKED) {
  if (!(name in ENGINE_FOUND)) throw new Error(`ENGINES: unknown engine "${name}" (chromium, firefox, webkit)`);
  if (!ENGINE_FOUND[name]!()) {
    throw new Error(
      name === 'firefox'
        ? 'ENGINES asks for firefox, not found: install firefox-esr or set FIREFOX_PATH'
        : `ENGINES asks for webkit, not found: it needs WebKitWebDriver and Xvfb on PATH and ${MINIBROWSER} (apt-get install webkit2gtk-driver xvfb)`,
    );
  }
}
const runs = (engine: string) => (ENGINES_ASKED.length ? ENGINES_ASKED.includes(engine) : ENGINE_FOUND[engine]!());

/**
 * The same browser test files in Firefox or WebKit: one browser, one page, one file at a time.
 * Vitest runs Playwright's pool (unit and chromium alongside) first, then each provider that
 * cannot run files in parallel, one after the other: chromium, then firefox, then webkit, so
 * that a 2-core machine never has two browsers busy at once.
 */
function engineProject(browser: 'firefox' | 'webkit'): TestProjectInlineConfiguration {
  return launchProject(browser, browser, {}, ['test/browser/**/*.test.ts']);
}

/**
 * Firefox and WebKit can set these media features only when they start: the scenarios that
 * need them run in a browser launched with them (emulateMedia then says yes), the rest of
 * their file is left out by name.
 */
const LAUNCH_MEDIA: Array<[suffix: string, media: LaunchMedia, tests: RegExp]> = [
  ['reduced-motion', { 'prefers-reduced-motion': 'reduce' }, /reduced motion/],
  ['dark', { 'prefers-color-scheme': 'dark' }, /auto in dark mode/],
];

function mediaProjects(browser: 'firefox' | 'webkit'): TestProjectInlineConfiguration[] {
  return LAUNCH_MEDIA.map(([suffix, media, tests]) =>
    launchProject(browser, `${browser}-${suffix}`, media, ['test/browser/a11y.test.ts'], tests),
  );
}

function launchProject(
  browser: 'firefox' | 'webkit',
  name: string,
  media: LaunchMedia,
  include: string[],
  testNamePattern?: RegExp,
): TestProjectInlineConfiguration {
  return {
    extends: true,
    // The locators init script's import, pre-bundled up front like the tests' own (see below).
    optimizeDeps: { include: ['@vitest/browser/locators'] },
    test: {
      name,
      include,
      ...(testNamePattern ? { testNamePattern } : {}),
      browser: {
        enabled: true,
        headless: true,
        screenshotFailures: false,
        provider: engines({ ...(browser === 'firefox' && FIREFOX_PATH ? { firefoxPath: FIREFOX_PATH } : {}), media }),
        instances: [{ browser }],
        commands: { emulateMedia, hidePage, exchange },
      },
    },
  };
}

export default defineConfig({
  // Serves public/mockServiceWorker.js at the root, where msw's browser worker expects it.
  publicDir: 'public',
  // Tests run against the same slimmed decimal.js as the bundle ships (scripts/slim-decimal.mjs):
  // it is transformed, not pre-bundled (browser) nor loaded untouched from node_modules (Node).
  plugins: [slimDecimal(), cspPage()],
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
      ...(runs('chromium')
        ? ([
            {
              extends: true,
              test: {
                name: 'chromium',
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
                  commands: { emulateMedia, hidePage, exchange },
                },
              },
            },
          ] satisfies TestProjectInlineConfiguration[])
        : []),
      ...(runs('firefox') ? [engineProject('firefox'), ...mediaProjects('firefox')] : []),
      ...(runs('webkit') ? [engineProject('webkit'), ...mediaProjects('webkit')] : []),
    ],
  },
});
