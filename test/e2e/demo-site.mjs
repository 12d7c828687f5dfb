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
