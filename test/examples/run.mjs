// The framework examples in examples/, each as a user would run it: copied into a fresh project
// outside the repository, installed from the packed package, built with Vite, served, and driven
// in Chromium against a local server that speaks CoinGecko's /coins/markets.
// The same checks run against Vite's dev server too, where the frameworks' development builds warn
// about misuse (an unknown component, a wrong prop) that production builds stay silent on.
// Run: `npm run test:examples [-- plain-html react ...] [--no-build] [--screenshot-react out.png]`.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchChromium } from '../support/chromium.mjs';
import { REPO_ROOT, installedVersion, makeConsumer, packPackage } from '../support/packed-package.mjs';
import { startPriceServer } from '../support/price-server.mjs';

/**
 * @param {string} file
 * @returns {unknown}
 */
const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));

const ALL_EXAMPLES = ['plain-html', 'react', 'vue', 'svelte'];
const args = process.argv.slice(2);
const screenshotAt = args.indexOf('--screenshot-react');
const reactScreenshot = screenshotAt >= 0 ? args.splice(screenshotAt, 2)[1] : undefined;
// `--no-build` packs dist/ as it is, for quick reruns while editing an example.
const noBuildAt = args.indexOf('--no-build');
const build = noBuildAt < 0;
if (!build) args.splice(noBuildAt, 1);
const examples = args.length > 0 ? args : ALL_EXAMPLES;
for (const name of examples) if (!ALL_EXAMPLES.includes(name)) throw new Error(`unknown example "${name}"`);

// The fake CoinGecko's coins. Bitcoin is the fixture's record as CoinGecko's docs give it.
// CoinGecko's docs show one coin only, so Ethereum and Solana are that record with their own
// id, names and prices; their prices carry a third decimal to check the half-away-from-zero
// rounding on the way to the screen (a float would write 178.245 as 178.24).
/** @typedef {{ id: string } & Record<string, unknown>} MarketCoin */
const [fixtureBitcoin] = /** @type {MarketCoin[]} */ (
  readJson(join(REPO_ROOT, 'test/fixtures/coingecko-markets-2024.json'))
);
if (fixtureBitcoin?.id !== 'bitcoin') throw new Error('the CoinGecko fixture no longer starts with bitcoin');
/** @type {MarketCoin[]} */
const MARKET = [
  fixtureBitcoin,
  { ...fixtureBitcoin, id: 'ethereum', symbol: 'eth', name: 'Ethereum', current_price: 3456.785 },
  { ...fixtureBitcoin, id: 'solana', symbol: 'sol', name: 'Solana', current_price: 178.245 },
];
// What each price must read as on screen (en-US, USD), written out by hand.
/** @type {Record<string, string>} */
const EXPECTED_PRICE = { bitcoin: '$70,187.00', ethereum: '$3,456.79', solana: '$178.25' };
const FIRST_COINS = ['bitcoin', 'ethereum'];
const ADDED_COIN = 'solana';
const WAITING_TEXT = 'Waiting for prices…';

/**
 * CoinGecko's /api/v3/coins/markets for the ids asked, in market-cap order, with CORS (the pages
 * are served from another origin). Logos point at this server: the fixture's CDN is not
 * reachable here, and a failed image would show up as a console error.
 */
async function startFakeCoinGecko() {
  /** @type {string[][]} the ids of each request, in order */
  const asked = [];
  // While held, answers wait: the page's text from before the first update can then be read.
  let release = () => {};
  /** @type {Promise<void>} */
  let held = Promise.resolve();
  const api = await startPriceServer({
    async markets(url, origin) {
      const ids = (url.searchParams.get('ids') ?? '').split(',').filter(Boolean);
      asked.push(ids);
      await held;
      const body = MARKET.filter((coin) => ids.includes(coin.id)).map((coin) => ({
        ...coin,
        image: `${origin}/logos/${coin.id}.svg`,
      }));
      return JSON.stringify(body);
    },
    files: {
      '/logos/': {
        type: 'image/svg+xml',
        body: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 20 20"><circle cx="10" cy="10" r="10" fill="#f7931a"/></svg>',
      },
    },
  });
  return {
    server: api.server,
    origin: api.origin,
    asked,
    hold() {
      held = new Promise((resolve) => (release = () => resolve()));
    },
    release: () => release(),
  };
}

/**
 * Serves a built folder as a static site.
 * @param {string} folder
 */
async function serveFolder(folder) {
  const site = await startPriceServer({ folder: { root: folder }, cors: false });
  return { server: site.server, origin: site.origin };
}

/**
 * Starts Vite's dev server in the project; resolves once it answers.
 * @param {string} dir
 */
async function startDevServer(dir) {
  const probe = await startPriceServer();
  const port = String(probe.port);
  await probe.close();
  const vite = spawn(join(dir, 'node_modules/.bin/vite'), ['--host', '127.0.0.1', '--port', port, '--strictPort'], {
    cwd: dir,
    stdio: 'ignore',
  });
  const origin = `http://127.0.0.1:${port}`;
  const stop = () => void vite.kill();
  try {
    await until(
      'Vite dev server answering',
      () =>
        fetch(origin).then(
          (response) => response.ok,
          () => false,
        ),
      Boolean,
      20_000,
    );
  } catch (error) {
    stop();
    throw error;
  }
  return { origin, stop };
}

/** @param {string} folder */
function filesUnder(folder) {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .map((name) => join(folder, name))
    .filter((file) => statSync(file).isFile());
}

/**
 * Bytes of the JavaScript a visitor downloads: raw and gzipped.
 * @param {string} distFolder
 */
function bundleSize(distFolder) {
  const scripts = filesUnder(distFolder).filter((file) => file.endsWith('.js'));
  const raw = scripts.reduce((sum, file) => sum + statSync(file).size, 0);
  const gzip = scripts.reduce((sum, file) => sum + gzipSync(readFileSync(file), { level: 9 }).length, 0);
  return { raw, gzip };
}

/**
 * @typedef {{
 *   scripts?: Record<string, string>,
 *   dependencies?: Record<string, string>,
 *   devDependencies?: Record<string, string>,
 * }} Manifest
 */

/** @param {string} file */
const readManifest = (file) => /** @type {Manifest} */ (readJson(file));

/**
 * The example copied into a fresh project with the packed package and its own dependencies.
 * @param {string} name
 * @param {string} tarball
 */
function installExample(name, tarball) {
  const source = join(REPO_ROOT, 'examples', name);
  const manifest = readManifest(join(source, 'package.json'));
  const repoManifest = readManifest(join(REPO_ROOT, 'package.json'));
  const wanted = { ...manifest.dependencies, ...manifest.devDependencies };
  delete wanted['price-ticker'];
  // The examples ask for the versions the repository develops with, so this run tests those.
  /** @type {Record<string, string>} */
  const versions = {};
  for (const [dependency, range] of Object.entries(wanted)) {
    const repoRange = repoManifest.devDependencies?.[dependency];
    if (range !== repoRange) {
      throw new Error(`examples/${name}: ${dependency} is "${range}", the repository has "${repoRange}"`);
    }
    versions[dependency] = String(installedVersion(dependency));
  }
  const dir = makeConsumer(`example-${name}`, tarball, versions, { scripts: manifest.scripts });
  cpSync(source, dir, {
    recursive: true,
    filter: (from) => !/(^|\/)(node_modules|dist|package\.json|package-lock\.json)$/.test(relative(source, from)),
  });
  return dir;
}

/**
 * Runs a command in the project; on failure, throws with its output.
 * @param {string} dir
 * @param {string} command
 * @param {string[]} commandArgs
 */
function run(dir, command, commandArgs) {
  try {
    execFileSync(command, commandArgs, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  } catch (error) {
    const { stdout = '', stderr = '' } = /** @type {{ stdout?: string, stderr?: string }} */ (error);
    throw new Error(`${command} ${commandArgs.join(' ')} failed in ${dir}:\n${stdout}${stderr}`, { cause: error });
  }
}

/** @param {unknown} error */
const messageOf = (error) => (error instanceof Error ? error.message : String(error));

/**
 * The ticker's shown coins (loop copies left out) with their price texts.
 * @param {Page} page
 */
function shownPrices(page) {
  return page
    .locator('price-ticker')
    .evaluate((ticker) =>
      [...(ticker.shadowRoot?.querySelectorAll('[part~="item"]') ?? [])]
        .filter((item) => !item.closest('[aria-hidden="true"]'))
        .map((item) => [item.getAttribute('data-id'), item.querySelector('[part~="price"]')?.textContent ?? null]),
    );
}

/**
 * @param {Page} page
 * @param {string} selector
 */
const textOf = (page, selector) => page.locator(selector).textContent({ timeout: 2_000 });

/**
 * Waits until `read()` gives a value `accept` takes; fails with the last value read.
 * @template T
 * @param {string} what
 * @param {() => Promise<T>} read
 * @param {(value: T) => boolean} accept
 */
async function until(what, read, accept, timeout = 10_000) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    last = await read();
    if (accept(last)) return last;
    if (Date.now() > deadline) throw new Error(`${what}: last seen ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** @type {(a: unknown, b: unknown) => boolean} */
const sameList = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/** @typedef {import('playwright-core').Page} Page */

/**
 * Drives one built example; returns what went wrong (nothing when it all worked).
 * @param {import('playwright-core').Browser} browser
 * @param {string} site the built example's origin
 * @param {Awaited<ReturnType<typeof startFakeCoinGecko>>} api
 * @param {{ screenshot?: string | undefined, devServer?: boolean }} options where to save a screenshot, if
 *   anywhere; whether the site is Vite's dev server
 */
async function checkExample(browser, site, api, { screenshot, devServer = false } = {}) {
  /** @type {string[]} */
  const failures = [];
  const page = await browser.newPage({ viewport: { width: 900, height: 400 } });
  // The examples have no favicon; the browser's request for one is not the page's doing.
  await page.route('**/favicon.ico', (route) => route.fulfill({ status: 204 }));
  page.on('pageerror', (error) => failures.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (!['error', 'warning'].includes(message.type())) return;
    // Lit's development build says so once; that is what a dev server serves.
    if (devServer && message.text().startsWith('Lit is in dev mode.')) return;
    failures.push(`console ${message.type()}: ${message.text()}`);
  });
  api.asked.length = 0;
  api.hold();
  try {
    await page.goto(`${site}/?endpoint=${encodeURIComponent(`${api.origin}/api/v3`)}`);
    const before = await textOf(page, '#last-update');
    if (before !== WAITING_TEXT) failures.push(`before any update: expected "${WAITING_TEXT}", got "${before}"`);
    api.release();

    // Prices render, in the order asked, with the fixture's prices formatted.
    const expectFirst = FIRST_COINS.map((id) => [id, EXPECTED_PRICE[id]]);
    await until(
      'first prices',
      () => shownPrices(page),
      (shown) => sameList(shown, expectFirst),
    );

    // The update event reached the framework's handler, which rendered from its detail.
    const afterFirst = await until(
      'update text after the first poll',
      () => textOf(page, '#last-update'),
      (text) => text !== before && /^Last update: 2 coins\b/.test(text ?? ''),
    );

    // The framework's button adds a coin to its array; the ticker asks for it and shows it.
    // Its buttons are found by id: the ticker has a Pause button of its own.
    await page.locator('button#add-solana').click();
    const expectAll = [...FIRST_COINS, ADDED_COIN].map((id) => [id, EXPECTED_PRICE[id]]);
    await until(
      'prices after adding Solana',
      () => shownPrices(page),
      (shown) => sameList(shown, expectAll),
    );
    await until(
      'update text after adding Solana',
      () => textOf(page, '#last-update'),
      (text) => text !== afterFirst && /^Last update: 3 coins\b/.test(text ?? ''),
    );
    if (!api.asked.some((ids) => ids.includes(ADDED_COIN))) failures.push(`no request asked for ${ADDED_COIN}`);

    // The framework's pause button sets `paused`, reflected as an attribute, and says so itself.
    if (await page.locator('price-ticker').evaluate((el) => el.hasAttribute('paused'))) {
      failures.push('paused before the pause button was pressed');
    }
    const pauseButton = page.locator('button#toggle-pause');
    if ((await pauseButton.textContent()) !== 'Pause') failures.push('the pause button does not read "Pause"');
    await pauseButton.click();
    await until(
      'paused attribute after pressing Pause',
      () =>
        page
          .locator('price-ticker')
          .evaluate((el) => el.hasAttribute('paused') && 'paused' in el && el.paused === true),
      Boolean,
    );
    await until(
      'paused shown by the framework',
      () => textOf(page, '#motion'),
      (text) => text === 'Ticker: paused',
    );
    await until(
      'pause button relabelled',
      () => pauseButton.textContent(),
      (text) => text === 'Resume',
      2_000,
    );

    if (screenshot) {
      await pauseButton.click();
      await page.screenshot({ path: screenshot });
    }
  } catch (error) {
    failures.push(messageOf(error).split('\n')[0] ?? '');
  } finally {
    api.release();
    await page.close();
  }
  return failures;
}

const started = Date.now();
const tarball = packPackage({ build });
const api = await startFakeCoinGecko();
const browser = await launchChromium();

let failed = 0;
try {
  for (const name of examples) {
    const exampleStarted = Date.now();
    /** @type {string[]} */
    let failures = [];
    /** @type {{ raw: number, gzip: number } | undefined} */
    let size;
    /** @type {string | undefined} */
    let dir;
    let checker = 'no type check';
    let checksPassed = 'Chromium checks passed';
    try {
      dir = installExample(name, tarball);
      const check = readManifest(join(dir, 'package.json')).scripts?.check;
      if (check) {
        run(dir, 'npm', ['run', '--silent', 'check']);
        checker = `${check.split(' ')[0]} ok`;
      }
      run(dir, 'npm', ['run', '--silent', 'build']);
      size = bundleSize(join(dir, 'dist'));
      const site = await serveFolder(join(dir, 'dist'));
      try {
        failures = await checkExample(browser, site.origin, api, {
          screenshot: name === 'react' ? reactScreenshot : undefined,
        });
      } finally {
        site.server.close();
      }
      if (failures.length === 0) {
        const dev = await startDevServer(dir);
        try {
          failures = (await checkExample(browser, dev.origin, api, { devServer: true })).map((f) => `dev server: ${f}`);
        } finally {
          dev.stop();
        }
        checksPassed = 'Chromium checks passed (built and dev server)';
      }
    } catch (error) {
      failures = [messageOf(error)];
    }
    const seconds = ((Date.now() - exampleStarted) / 1000).toFixed(1);
    const sizeText = size
      ? `built ${size.raw.toLocaleString('en-US')} B of JS (${size.gzip.toLocaleString('en-US')} B gzipped)`
      : 'not built';
    if (failures.length === 0) {
      console.log(`ok   ${name.padEnd(10)} ${checker}, ${sizeText}, ${checksPassed}, ${seconds} s`);
      if (dir) rmSync(dir, { recursive: true, force: true });
    } else {
      failed++;
      console.log(`FAIL ${name.padEnd(10)} ${checker}, ${sizeText}, ${seconds} s`);
      for (const failure of failures) console.log(`       ${failure}`);
      if (dir) console.log(`       (project kept in ${dir})`);
    }
  }
} finally {
  await browser.close();
  api.server.close();
  rmSync(dirname(tarball), { recursive: true, force: true });
}
console.log(
  `${examples.length - failed}/${examples.length} examples passed in ${((Date.now() - started) / 1000).toFixed(0)} s`,
);
process.exitCode = failed > 0 ? 1 : 0;
