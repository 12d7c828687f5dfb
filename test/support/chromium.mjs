// One way to start Chromium for the scripts that drive the built bundle (end-to-end checks,
// examples, the proxy test, screenshots, the bench): found by scripts/find-chromium.mjs and
// launched headless with flags that keep it quiet and offline.
import { chromium } from 'playwright-core';
import { findChromium } from '../../scripts/find-chromium.mjs';

/**
 * No sandbox (containers and CI run as root), software rendering, and none of the background
 * requests a fresh profile makes (updates, sync, first-run pages), so nothing but the page
 * under test uses the network or the CPU.
 */
export const QUIET_FLAGS = Object.freeze([
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]);

/** The Chromium to run; throws with how to get one when there is none. */
export async function chromiumPath() {
  const path = await findChromium();
  if (!path)
    throw new Error(
      'No Chromium found (see scripts/find-chromium.mjs): install one or set CHROMIUM_PATH=/path/to/chrome.',
    );
  return path;
}

/**
 * Launches headless Chromium with the quiet flags (and any `args` given after them).
 * @param {import('playwright-core').LaunchOptions} [options]
 */
export async function launchChromium(options = {}) {
  return chromium.launch({
    ...options,
    executablePath: await chromiumPath(),
    args: [...QUIET_FLAGS, ...(options.args ?? [])],
  });
}
