// The demo as a static site: `npm run build:demo` writes dist-demo/, which is served here by
// a plain file server from a subfolder (as a project page on a static host would be), with
// nothing behind it but files. The simulated market runs in the page's service worker, so
// prices must show although the server answers no API path.
// Run: `npm run test:demo-site [-- --screenshot out.png]`.
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../support/chromium.mjs';
import { startPriceServer } from '../support/price-server.mjs';

/**
 * Market cap, volume and the 7-day sparkline, as the playground's field boxes turn them on: the
 * simulated market answers `sparkline=true` with 168 points, and each coin shows them.
 * @param {import('playwright').Page} page
 */
async function checkMarketData(page) {
  const problems = [];
  for (const field of ['market-cap', 'volume', 'sparkline']) await page.check(`#fields input[value="${field}"]`);
  await page.waitForFunction(
    () =>
      (document.querySelector('price-ticker')?.shadowRoot?.querySelectorAll('svg[part~="sparkline"]').length ?? 0) > 5,
    null,
    { timeout: 20_000 },
  );
  const coins = await page.evaluate(() => {
    const ticker = /** @type {(HTMLElement & { quotes: { sparkline?: string[] }[] }) | null} */ (
      document.querySelector('price-ticker')
    );
    const list = ticker?.shadowRoot?.querySelector('.track > .list:not([aria-hidden])');
    return [...(list?.querySelectorAll('[part~="item"]') ?? [])].map((item, i) => {
      const line = item.querySelector('[part~="sparkline"] polyline');
      const box = item.querySelector('[part~="sparkline"]')?.getBoundingClientRect();
      return {
        id: item.getAttribute('data-id'),
        cap: item.querySelector('[part~="market-cap"]')?.textContent ?? '',
        volume: item.querySelector('[part~="volume"]')?.textContent ?? '',
        points: line?.getAttribute('points')?.split(' ').length ?? 0,
        direction: line?.getAttribute('data-direction') ?? '',
        stroke: line ? getComputedStyle(line).stroke : '',
        width: Math.round(box?.width ?? 0),
        height: Math.round(box?.height ?? 0),
        series: ticker?.quotes[i]?.sparkline?.length ?? 0,
      };
    });
  });
  if (coins.length === 0) problems.push('market data: no coins shown');
  for (const c of coins) {
    if (!/^\$\d{1,3}(\.\d{1,2})?[KMBT]?$/.test(c.cap)) problems.push(`${c.id}: market cap "${c.cap}"`);
    if (!/^\$\d{1,3}(\.\d{1,2})?[KMBT]?$/.test(c.volume)) problems.push(`${c.id}: volume "${c.volume}"`);
    if (c.points !== 168 || c.series !== 168)
      problems.push(`${c.id}: sparkline of ${c.points} points, quote ${c.series}`);
    if (!['up', 'down', 'flat'].includes(c.direction)) problems.push(`${c.id}: sparkline direction "${c.direction}"`);
    if (c.width < 20 || c.height < 8) problems.push(`${c.id}: sparkline box ${c.width}×${c.height}`);
    if (c.stroke === '' || c.stroke === 'none') problems.push(`${c.id}: sparkline not stroked`);
  }
  // Bitcoin's line goes one way or the other in a week (it is never flat in the simulation).
  const bitcoin = coins.find((c) => c.id === 'bitcoin');
  if (bitcoin?.direction === 'flat') problems.push('bitcoin: a flat 7-day line');
  return problems;
}

/**
 * The playground's link, select event log and page prices.
 * @param {import('playwright').Page} page
 */
async function checkPlayground(page) {
  const problems = [];
  await page.fill('[data-attr="href"]', '#coin/{id}');
  await page.press('[data-attr="href"]', 'Enter');
  await page.fill('[data-attr="speed"]', '0');
  const link = page.locator('price-ticker').locator('a[part~="link"]').first();
  await link.waitFor();
  const href = await link.getAttribute('href');
  if (href !== '#coin/bitcoin') problems.push(`first link: ${href}`);
  await page.check('#cancel-navigation');
  await link.click();
  const cancelled = await page.locator('#event-log li').first().textContent();
  if (!/select bitcoin: Bitcoin at \d+(\.\d+)? usd \(navigation cancelled\)$/.test(cancelled ?? ''))
    problems.push(`event log after a cancelled select: "${cancelled}"`);
  if (await page.evaluate(() => location.hash)) problems.push('a cancelled select still navigated');
  await page.uncheck('#cancel-navigation');
  await link.click();
  const followed = await page
    .waitForFunction(() => location.hash === '#coin/bitcoin', null, { timeout: 5_000 })
    .then(
      () => true,
      () => false,
    );
  if (!followed) problems.push('an uncancelled select did not follow the link');
  // Page prices: with answers slowed to 3 s, the new ticker's first paint still has prices.
  await page.selectOption('#failure', 'slow');
  await page.check('#page-quotes');
  const madeAgain = await page
    .waitForFunction(() => document.querySelector('#event-log li')?.textContent?.includes('new ticker'), null, {
      timeout: 2_000,
    })
    .then(() => page.locator('#event-log li').first().textContent());
  if (!/new ticker with page prices: first paint shows 12 coins$/.test(madeAgain ?? ''))
    problems.push(`page prices: "${madeAgain}"`);
  await page.selectOption('#failure', 'none');
  return problems;
}

/**
 * The simulated stream: a Kraken ticker whose socket the page's msw answers, moving every
 * 700 ms; the ticker shows about one update a second from it, with no REST poll between.
 * @param {import('playwright').Page} page
 */
async function checkStream(page) {
  const problems = [];
  await page.check('input[name=data-mode][value=stream]');
  await page.waitForFunction(
    () => {
      const ticker = /** @type {(HTMLElement & { quotes: unknown[], status: string }) | null} */ (
        document.querySelector('price-ticker[source=kraken][stream]')
      );
      return ticker?.status === 'live' && ticker.quotes.length > 0;
    },
    null,
    { timeout: 20_000 },
  );
  const updates = await page.evaluate(async () => {
    const ticker = /** @type {HTMLElement} */ (document.querySelector('price-ticker'));
    let count = 0;
    const count1 = () => count++;
    ticker.addEventListener('price-ticker-update', count1);
    await new Promise((r) => setTimeout(r, 4000));
    ticker.removeEventListener('price-ticker-update', count1);
    return count;
  });
  if (updates < 2) problems.push(`stream mode: ${updates} updates in 4 s (the simulated exchange moves every 0.7 s)`);
  await page.check('input[name=data-mode][value=simulated]');
  return problems;
}

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const SITE = join(ROOT, 'dist-demo');
const SUBFOLDER = '/price-ticker/playground/';

execFileSync('npm', ['run', '--silent', 'build:demo'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });

// Files only: no market behind it, so an API request would be a 404 (and listed below).
const site = await startPriceServer({ folder: { root: SITE, at: SUBFOLDER } });
/** Every path the page asked the file server for, to show no API request reached it. */
const served = site.served;

const browser = await launchChromium();
const failures = [];
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('pageerror', (e) => failures.push(`page error: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && failures.push(`console error: ${m.text()}`));
  await page.goto(`${site.origin}${SUBFOLDER}`);
  await page.waitForFunction(
    () => {
      const ticker = document.querySelector('price-ticker');
      return ticker?.status === 'live' && ticker.shadowRoot?.querySelector('[part~="price"]');
    },
    null,
    { timeout: 20_000 },
  );
  const shown = await page.evaluate(() => {
    const ticker = /** @type {(HTMLElement & { coins: string[] }) | null} */ (document.querySelector('price-ticker'));
    const list = ticker?.shadowRoot?.querySelector('.track > .list:not([aria-hidden])');
    const items = [...(list?.querySelectorAll('[part~="item"]') ?? [])].map((item) => ({
      id: item instanceof HTMLElement ? (item.dataset['id'] ?? '') : '',
      price: item.querySelector('[part~="price"]')?.textContent ?? '',
    }));
    return { items, asked: ticker?.coins ?? [], controlled: Boolean(navigator.serviceWorker.controller) };
  });
  if (!shown.controlled) failures.push('the simulated market (service worker) does not control the page');
  const ids = shown.items.map((item) => item.id);
  if (ids.join() !== shown.asked.join()) failures.push(`coins shown ${ids.join()} but asked ${shown.asked.join()}`);
  for (const item of shown.items) {
    if (!/^\$\d[\d,]*(\.\d+)?$|^\$0\.0[₀-₉]+\d+$/.test(item.price)) failures.push(`${item.id}: price "${item.price}"`);
  }
  const tiny = shown.items.find((item) => item.id === 'sim-nanocat');
  if (!/[₀-₉]/.test(tiny?.price ?? '')) failures.push(`sim-nanocat not in subscript zeros: "${tiny?.price}"`);
  // Logos are drawn by the service worker, too (images off screen load lazily, so ask for one).
  const logo = await page.evaluate(async () => {
    const img = document.querySelector('price-ticker')?.shadowRoot?.querySelector('img[part~="logo"]');
    if (!(img instanceof HTMLImageElement)) return 'no logo shown';
    const answer = await fetch(img.src);
    return `${answer.status} ${answer.headers.get('content-type')}`;
  });
  if (logo !== '200 image/svg+xml') failures.push(`logo: ${logo}`);
  failures.push(...(await checkMarketData(page)), ...(await checkPlayground(page)), ...(await checkStream(page)));
  const apiRequests = served.filter((path) => path.includes('/coins/markets') || path.includes('demo-logos'));
  if (apiRequests.length > 0) failures.push(`the file server was asked for API paths: ${apiRequests.join(', ')}`);
  const screenshotAt = process.argv.indexOf('--screenshot');
  if (screenshotAt > 0) await page.screenshot({ path: process.argv[screenshotAt + 1] ?? 'demo-site.png' });
  console.log(
    `demo-site: ${SUBFOLDER} from a plain file server: ${shown.items.length} coins shown, ` +
      `${served.length} files served, ${apiRequests.length} API requests reached the server`,
  );
} finally {
  await browser.close();
  await site.close();
}
if (failures.length) {
  console.error(`demo-site: FAILED\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
console.log('demo-site: passed');
