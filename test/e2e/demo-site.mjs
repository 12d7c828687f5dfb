// The demo as a static site: `npm run build:demo` writes dist-demo/, which is served here by
// a plain file server from a subfolder (as a project page on a static host would be), with
// nothing behind it but files. The simulated market runs in the page's service worker, so
// prices must show although the server answers no API path.
// Run: `npm run test:demo-site [-- --screenshot out.png]`.
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { findChromium } from '../../scripts/find-chromium.mjs';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const SITE = join(ROOT, 'dist-demo');
const SUBFOLDER = '/price-ticker/playground/';
/** @type {Record<string, string>} */
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

execFileSync('npm', ['run', '--silent', 'build:demo'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });

/** Every path the page asked the file server for, to show no API request reached it. */
/** @type {string[]} */
const served = [];
const server = createServer((req, res) => {
  const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
  served.push(path);
  if (!path.startsWith(SUBFOLDER)) return res.writeHead(404).end();
  let file = normalize(join(SITE, path.slice(SUBFOLDER.length)));
  if (!file.startsWith(SITE)) return res.writeHead(403).end();
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
  if (!existsSync(file)) return res.writeHead(404).end();
  res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
});
await new Promise((done) => server.listen(0, '127.0.0.1', () => done(undefined)));
const address = server.address();
const port = typeof address === 'object' && address ? address.port : 0;

const executablePath = await findChromium();
if (!executablePath) throw new Error('No Chromium found (see scripts/find-chromium.mjs)');
const browser = await chromium.launch({
  executablePath,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});
const failures = [];
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('pageerror', (e) => failures.push(`page error: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && failures.push(`console error: ${m.text()}`));
  await page.goto(`http://127.0.0.1:${port}${SUBFOLDER}`);
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
  server.close();
}
if (failures.length) {
  console.error(`demo-site: FAILED\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
console.log('demo-site: passed');
