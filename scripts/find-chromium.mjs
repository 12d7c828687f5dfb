// Finds a Chromium for the browser tests, installing one if there is none.
// Order: $CHROMIUM_PATH, the usual system names, Playwright's own download; then
// `npx playwright install chromium`, then (as root) `apt-get install -y chromium`.
// Prints the path on stdout when run directly; exits 1 with one line saying how otherwise.
import { existsSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SYSTEM_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

/**
 * @param {string} name
 * @returns {string | null}
 */
function onPath(name) {
  const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

async function playwrightsOwn() {
  try {
    const { chromium } = await import('playwright-core');
    const path = chromium.executablePath();
    return path && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

async function lookUp() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  for (const p of SYSTEM_PATHS) if (existsSync(p)) return p;
  for (const n of ['chromium', 'chromium-browser', 'google-chrome']) {
    const p = onPath(n);
    if (p) return p;
  }
  return playwrightsOwn();
}

/**
 * @param {string} cmd
 * @param {string[]} args
 */
function tryRun(cmd, args) {
  try {
    execFileSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], timeout: 15 * 60_000 });
    return true;
  } catch {
    return false;
  }
}

/** @returns {Promise<string | null>} */
export async function findChromium() {
  let path = await lookUp();
  if (path) return path;
  console.error('[find-chromium] no Chromium found; trying `npx playwright install chromium`');
  if (tryRun('npx', ['--no-install', 'playwright', 'install', 'chromium'])) path = await lookUp();
  if (path) return path;
  if (process.getuid?.() === 0 && onPath('apt-get')) {
    console.error('[find-chromium] trying `apt-get install -y chromium`');
    tryRun('apt-get', ['update', '-qq']);
    if (tryRun('apt-get', ['install', '-y', '-qq', 'chromium'])) path = await lookUp();
  }
  return path;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const path = await findChromium();
  if (!path) {
    console.error(
      'No Chromium found: install one (e.g. `sudo apt-get install -y chromium`) or set CHROMIUM_PATH=/path/to/chrome.',
    );
    process.exit(1);
  }
  console.log(path);
}
