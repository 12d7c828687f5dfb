// Screenshots the running demo in headless Chromium and prints what the ticker shows.
//
// Usage (with the demo server running: `npm start`, or
//   `npx vite --config demo/vite.config.ts --port 5173 &`):
//
//   node demo/screenshot.mjs [url] [out.png] [waitMs]
//
//   url     default http://localhost:5173/
//   out     default /tmp/demo-<timestamp>.png; the ticker alone goes to <out>-ticker.png
//   waitMs  default 6000 (time to let msw start, the first polls land and the strip move)
//
// Environment: CHROMIUM_PATH (default: what scripts/find-chromium.mjs finds), VIEWPORT (default 1280x800),
// THEME=dark|light (emulated prefers-color-scheme), FULL=1 (full-page screenshot),
// SETUP='js expression' (run in the page after load, before waiting; e.g. to set attributes:
//   SETUP="document.querySelector('price-ticker').setAttribute('locale','de-DE')").
// Prints console messages, page errors, failed requests and the ticker's shadow-DOM items.
import { launchChromium } from '../test/support/chromium.mjs';

const url = process.argv[2] ?? 'http://localhost:5173/';
const out = process.argv[3] ?? `/tmp/demo-${new Date().toISOString().replace(/[:.]/g, '-')}.png`;
const waitMs = Number(process.argv[4] ?? 6000);
const [width, height] = (process.env.VIEWPORT ?? '1280x800').split('x').map(Number);

const browser = await launchChromium();
try {
  const context = await browser.newContext({
    viewport: { width: width || 1280, height: height || 800 },
    ...(process.env.THEME ? { colorScheme: /** @type {'light' | 'dark'} */ (process.env.THEME) } : {}),
  });
  const page = await context.newPage();
  page.on('console', (m) => console.log(`[console.${m.type()}] ${m.text()}`));
  page.on('pageerror', (e) => console.log(`[pageerror] ${e.stack ?? e.message}`));
  page.on('requestfailed', (r) => console.log(`[requestfailed] ${r.url()} ${r.failure()?.errorText ?? ''}`));

  await page.goto(url, { waitUntil: 'load' });
  if (process.env.SETUP) await page.evaluate(process.env.SETUP);
  await page.waitForTimeout(waitMs);

  await page.screenshot({ path: out, fullPage: process.env.FULL === '1' });
  const ticker = page.locator('price-ticker');
  if ((await ticker.count()) > 0 && (await ticker.first().isVisible())) {
    await ticker.first().screenshot({ path: out.replace(/\.png$/, '') + '-ticker.png' });
  }

  const summary = await page.evaluate(() => {
    const el = document.querySelector('price-ticker');
    if (!el) return { error: 'no <price-ticker> on the page' };
    const root = el.shadowRoot;
    const text = (/** @type {Element} */ item, /** @type {string} */ part) =>
      item.querySelector(`[part~="${part}"]`)?.textContent ?? null;
    const items = root ? [...root.querySelectorAll('[part~="item"]')] : [];
    const box = el.getBoundingClientRect();
    return {
      defined: customElements.get('price-ticker') !== undefined,
      status: el.status,
      lastUpdated: el.lastUpdated instanceof Date ? el.lastUpdated.toISOString() : el.lastUpdated,
      quotes: Array.isArray(el.quotes) ? el.quotes.length : el.quotes,
      attributes: Object.fromEntries([...el.attributes].map((a) => [a.name, a.value])),
      box: { top: Math.round(box.top), height: Math.round(box.height), width: Math.round(box.width) },
      statusPart: root?.querySelector('[part~="status"]')?.textContent?.trim() ?? null,
      items: items.length,
      copies: items.filter((i) => i.closest('[aria-hidden="true"]')).length,
      first: items
        .filter((i) => !i.closest('[aria-hidden="true"]'))
        .slice(0, 14)
        .map((i) => ({
          id: i.getAttribute('data-id'),
          name: text(i, 'name'),
          symbol: text(i, 'symbol'),
          price: text(i, 'price'),
          title: i.querySelector('[part~="price"]')?.getAttribute('title') ?? null,
          change: text(i, 'change'),
          direction: i.querySelector('[part~="change"]')?.getAttribute('data-direction') ?? null,
          logo: i.querySelector('[part~="logo"]')?.getAttribute('src') ?? null,
          logoLoaded: (() => {
            const img = /** @type {HTMLImageElement | null} */ (i.querySelector('img[part~="logo"]'));
            return img ? img.complete && img.naturalWidth > 0 : null;
          })(),
        })),
      panel: {
        badge: document.querySelector('#status-badge')?.textContent,
        updated: document.querySelector('#status-updated')?.textContent,
        detail: document.querySelector('#status-detail')?.textContent,
        request: document.querySelector('#status-request')?.textContent,
      },
    };
  });
  console.log(JSON.stringify(summary, null, 2));
  console.log(`screenshot: ${out}`);
} finally {
  await browser.close();
}
