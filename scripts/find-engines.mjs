// Finds the browser engines for the browser tests: Chromium (scripts/find-chromium.mjs), Firefox
// (Debian's firefox-esr, driven over WebDriver BiDi) and WebKit (WebKitGTK's MiniBrowser through
// Debian's WebKitWebDriver, on an Xvfb display). An engine that is required but missing is
// installed with apt-get when running as root (as CI does); otherwise it is reported missing.
import { existsSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import { findChromium } from './find-chromium.mjs';

/** @typedef {'chromium' | 'firefox' | 'webkit'} EngineName */
/** @typedef {{ path: string, version: string }} FoundEngine */

/** @type {readonly EngineName[]} */
export const ENGINE_NAMES = ['chromium', 'firefox', 'webkit'];
export const MINIBROWSER = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
/** @type {Record<Exclude<EngineName, 'chromium'>, string[]>} */
const PACKAGES = { firefox: ['firefox-esr'], webkit: ['webkit2gtk-driver', 'xvfb'] };

/**
 * @param {string} name
 * @returns {string | null}
 */
function onPath(name) {
  const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

function firefox() {
  const path = [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox'].find((p) => p && existsSync(p));
  return path ?? onPath('firefox-esr') ?? onPath('firefox');
}

function webkit() {
  const driver = onPath('WebKitWebDriver');
  const xvfb = onPath('Xvfb');
  return driver && xvfb && existsSync(MINIBROWSER) ? driver : null;
}

/**
 * @param {string} cmd
 * @param {string[]} [args]
 */
function version(cmd, args = ['--version']) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 20_000 });
  return (r.stdout || r.stderr || '').trim().split('\n').at(-1) ?? '';
}

let aptUpdated = false;
/** @param {string[]} packages */
function aptInstall(packages) {
  if (process.getuid?.() !== 0 || !onPath('apt-get')) return false;
  console.error(`[find-engines] installing ${packages.join(' ')} with apt-get`);
  try {
    if (!aptUpdated)
      execFileSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'inherit', 'inherit'], timeout: 10 * 60_000 });
    aptUpdated = true;
    execFileSync('apt-get', ['install', '-y', '-qq', ...packages], {
      stdio: ['ignore', 'inherit', 'inherit'],
      timeout: 20 * 60_000,
    });
    return true;
  } catch {
    return false;
  }
}

/**
 * The engines found, each with its path and version; `required` ones are installed when missing
 * (as root). Chromium is always looked for (and installed if it can be), as before.
 * @param {string[]} [required]
 */
export async function findEngines(required = []) {
  /** @type {Partial<Record<EngineName, FoundEngine>>} */
  const found = {};
  const chromium = await findChromium();
  if (chromium) found.chromium = { path: chromium, version: version(chromium) };
  let ff = firefox();
  if (!ff && required.includes('firefox') && aptInstall(PACKAGES.firefox)) ff = firefox();
  if (ff) found.firefox = { path: ff, version: version(ff) };
  let wk = webkit();
  if (!wk && required.includes('webkit') && aptInstall(PACKAGES.webkit)) wk = webkit();
  // MiniBrowser --version needs a display; the package says the same.
  if (wk)
    found.webkit = {
      path: wk,
      version: `WebKitGTK ${version('dpkg-query', ['-W', '-f=${Version}', 'libwebkit2gtk-4.1-0'])}`,
    };
  return found;
}

/**
 * How to get an engine that is missing.
 * @param {EngineName} engine
 */
export function howToGet(engine) {
  if (engine === 'chromium') return 'apt-get install chromium, or set CHROMIUM_PATH';
  return `apt-get install ${PACKAGES[engine].join(' ')}`;
}
