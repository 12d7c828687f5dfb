// End-to-end check of the built bundle, as a site owner uses it: a plain HTML page that loads
// only dist/price-ticker.js, with `endpoint` pointing at a local server speaking CoinGecko's
// /coins/markets format. Checks the texts of every part in headless Chromium.
// Also: a streaming ticker, its socket in a worker (the transport's source text, minified, runs
// there) against a local Kraken server.
// Run after `npm run build`: `node test/e2e/plain-page.mjs [--screenshot out.png]`.
import { readFileSync } from 'node:fs';
import { launchChromium } from '../support/chromium.mjs';
import { bundleFile, htmlFile, startPriceServer } from '../support/price-server.mjs';
import { fixtureText, krakenTicker, startExchange } from '../support/ws-server.mjs';

// Numbers are written as JSON text with more digits than a float holds.
const MARKETS = `[
  {"id":"bitcoin","symbol":"btc","name":"Bitcoin","image":null,"current_price":63560.025,"price_change_percentage_24h":0.73},
  {"id":"ethereum","symbol":"eth","name":"Ethereum","image":null,"current_price":2620.33,"price_change_percentage_24h":-2.574},
  {"id":"tether","symbol":"usdt","name":"Tether","image":null,"current_price":0.99996,"price_change_percentage_24h":-0.004},
  {"id":"solana","symbol":"sol","name":"Solana","image":null,"current_price":149.9,"price_change_percentage_24h":2.27},
  {"id":"shiba-inu","symbol":"shib","name":"Shiba Inu","image":null,"current_price":0.000008123456789012345678,"price_change_percentage_24h":1.2}
]`;
const EXPECTED = [
  ['bitcoin', 'Bitcoin', 'BTC', '$63,560.03', '+0.73%', 'up'],
  ['ethereum', 'Ethereum', 'ETH', '$2,620.33', '-2.57%', 'down'],
  ['tether', 'Tether', 'USDT', '$1.00', '0.00%', 'flat'],
  ['solana', 'Solana', 'SOL', '$149.90', '+2.27%', 'up'],
  ['shiba-inu', 'Shiba Inu', 'SHIB', '$0.0₅8123', '+1.20%', 'up'],
];

const exchange = await startExchange('kraken');
const api = await startPriceServer({
  markets: () => MARKETS,
  files: {
    '/price-ticker.js': bundleFile(),
    '/': (_url, origin) =>
      htmlFile(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Plain page</title>
<script type="module" src="price-ticker.js"></script>
<script type="module" src="price-ticker.js?again"></script></head>
<body><p>Prices:</p>
<price-ticker coins="shiba-inu,bitcoin,ethereum,tether,solana" currency="usd" endpoint="${origin}/api/v3"></price-ticker>
</body></html>`),
    // A strict policy: no inline script or style, no eval, Trusted Types enforced.
    '/csp': (_url, origin) => ({
      ...htmlFile(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Strict CSP</title>
<script src="csp-watch.js"></script>
<script type="module" src="price-ticker.js"></script></head>
<body><price-ticker coins="bitcoin,ethereum" endpoint="${origin}/api/v3"></price-ticker></body></html>`),
      headers: {
        'Content-Security-Policy':
          "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' https:; connect-src 'self'; " +
          "require-trusted-types-for 'script'; trusted-types lit-html",
      },
    }),
    '/stream': (_url, origin) =>
      htmlFile(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Streaming</title>
<script type="module" src="price-ticker.js"></script></head>
<body><price-ticker source="kraken" coins="XBTUSDT" endpoint="${origin}/kraken" stream stream-endpoint="${exchange.url}" locale="en-US"></price-ticker></body></html>`),
    '/kraken/0/public/Ticker': { type: 'application/json', body: fixtureText('kraken-ticker.json') },
    '/csp-watch.js': {
      type: 'text/javascript',
      body: "window.__violations = []; document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));",
    },
  },
});

const browser = await launchChromium();
/** @type {string[]} */
const failures = [];
// The first line, where Chromium reads its compile hint (scripts/build.mjs).
if (
  !readFileSync(new URL('../../dist/price-ticker.js', import.meta.url), 'utf8').startsWith(
    '//# allFunctionsCalledOnLoad\n',
  )
)
  failures.push('the bundle does not start with the compile hint');
try {
  const page = await browser.newPage({ viewport: { width: 1100, height: 300 } });
  /** @type {string[]} */
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && problems.push(`console error: ${m.text()}`));
  await page.goto(`${api.origin}/`);
  await page.waitForFunction(
    () => (document.querySelector('price-ticker')?.shadowRoot?.querySelectorAll('[part~="item"]').length ?? 0) >= 5,
    null,
    { timeout: 10_000 },
  );
  const shown = await page.evaluate(() => {
    const el = /** @type {HTMLElementTagNameMap['price-ticker']} */ (document.querySelector('price-ticker'));
    const root = /** @type {ShadowRoot} */ (el.shadowRoot);
    const list = /** @type {Element} */ (root.querySelector('.track > .list:not([aria-hidden])'));
    return [.../** @type {NodeListOf<HTMLElement>} */ (list.querySelectorAll('[part~="item"]'))].map((item) => {
      const text = (/** @type {string} */ p) => item.querySelector(`[part~="${p}"]`)?.textContent ?? null;
      const change = /** @type {HTMLElement | null} */ (item.querySelector('[part~="change"]'));
      return [
        item.dataset.id,
        text('name'),
        text('symbol'),
        text('price'),
        text('change'),
        change?.dataset.direction,
        change?.getAttribute('part'),
        /** @type {HTMLElement} */ (item.querySelector('[part="price"]')).title,
      ];
    });
  });
  // Shown in the order of the coins attribute.
  const order = ['shiba-inu', 'bitcoin', 'ethereum', 'tether', 'solana'];
  const expected = order.map((id) => /** @type {string[]} */ (EXPECTED.find((e) => e[0] === id)));
  expected.forEach((want, i) => {
    const got = shown[i] ?? [];
    const [id, name, symbol, price, change, direction] = want;
    const ok =
      got[0] === id &&
      got[1] === name &&
      got[2] === symbol &&
      got[3] === price &&
      got[4] === change &&
      got[5] === direction &&
      got[6] === `change ${direction}`;
    if (!ok) failures.push(`item ${i}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
  });
  if (shown[0]?.[7] !== '$0.000008123')
    failures.push(`tiny price title: expected "$0.000008123", got ${JSON.stringify(shown[0]?.[7])}`);
  const quotes = await page.evaluate(() =>
    /** @type {HTMLElementTagNameMap['price-ticker']} */ (document.querySelector('price-ticker')).quotes.map(
      (q) => q.price,
    ),
  );
  if (!quotes.includes('0.000008123456789012345678')) failures.push(`quotes lost digits: ${JSON.stringify(quotes)}`);
  if (api.requests.length !== 1) failures.push(`expected 1 request, saw ${api.requests.length}`);
  failures.push(...problems);

  // The bundle's CSS is squeezed at build time: it must read as the same rules as the source's.
  const sourceMatch = /** @type {RegExpMatchArray} */ (
    readFileSync(new URL('../../src/price-ticker.styles.ts', import.meta.url), 'utf8').match(/=\s*css`([^`]*)`/)
  );
  const sourceCss = /** @type {string} */ (sourceMatch[1]);
  const [built, source] = await page.evaluate((text) => {
    // Custom property values keep their spaces as written: only those after commas and brackets differ.
    const rules = (/** @type {CSSStyleSheet} */ sheet) =>
      [...sheet.cssRules].map((r) => r.cssText.replace(/([,(])\s+/g, '$1'));
    const fromSource = new CSSStyleSheet();
    fromSource.replaceSync(text);
    const el = /** @type {HTMLElementTagNameMap['price-ticker']} */ (document.querySelector('price-ticker'));
    const built = /** @type {CSSStyleSheet} */ (/** @type {ShadowRoot} */ (el.shadowRoot).adoptedStyleSheets[0]);
    return [rules(built), rules(fromSource)];
  }, sourceCss);
  if (JSON.stringify(built) !== JSON.stringify(source)) {
    const at = source.findIndex((rule, i) => rule !== built[i]);
    failures.push(
      `built CSS differs from the source's at rule ${at}: ${JSON.stringify(built[at])} vs ${JSON.stringify(source[at])}`,
    );
  }
  const shot = process.argv.indexOf('--screenshot');
  if (shot > 0) await page.screenshot({ path: /** @type {string} */ (process.argv[shot + 1]) });

  // The same bundle under a strict Content Security Policy with Trusted Types enforced.
  const strict = await browser.newPage();
  /** @type {string[]} */
  const strictProblems = [];
  strict.on('pageerror', (e) => strictProblems.push(`csp page error: ${e.message}`));
  strict.on('console', (m) => m.type() === 'error' && strictProblems.push(`csp console error: ${m.text()}`));
  await strict.goto(`${api.origin}/csp`);
  await strict
    .waitForFunction(
      () => (document.querySelector('price-ticker')?.shadowRoot?.querySelectorAll('[part~="item"]').length ?? 0) >= 2,
      null,
      { timeout: 10_000 },
    )
    .catch(() => strictProblems.push('csp page: the ticker did not render its coins'));
  const violations = await strict.evaluate(
    () => /** @type {{ __violations: string[] }} */ (/** @type {unknown} */ (window)).__violations,
  );
  if (violations.length > 0) failures.push(`csp page: ${violations.length} violations: ${violations.join('; ')}`);
  failures.push(...strictProblems);

  // Streaming: the socket is opened by the worker, never by the page.
  const streaming = await browser.newPage();
  await streaming.addInitScript(() => {
    const PageSocket = WebSocket;
    const w = /** @type {{ __pageSockets: number }} */ (/** @type {unknown} */ (window));
    w.__pageSockets = 0;
    window.WebSocket = class extends PageSocket {
      /** @param {ConstructorParameters<typeof WebSocket>} args */
      constructor(...args) {
        super(...args);
        w.__pageSockets++;
      }
    };
  });
  streaming.on('pageerror', (e) => failures.push(`stream page error: ${e.message}`));
  await streaming.goto(`${api.origin}/stream`);
  const priceShown = (/** @type {string} */ text) =>
    streaming.waitForFunction(
      (t) => document.querySelector('price-ticker')?.shadowRoot?.querySelector('[part="price"]')?.textContent === t,
      text,
      { timeout: 10_000 },
    );
  try {
    await priceShown('$73,380.60'); // REST first
    for (let tries = 0; exchange.openCount() !== 1; tries++) {
      if (tries > 100) throw new Error('the socket did not open');
      await new Promise((r) => setTimeout(r, 50));
    }
    exchange.send(krakenTicker('BTC/USDT', '74000.505', '1.5'));
    await priceShown('$74,000.51');
    const pageSockets = await streaming.evaluate(
      () => /** @type {{ __pageSockets: number }} */ (/** @type {unknown} */ (window)).__pageSockets,
    );
    if (pageSockets !== 0) failures.push(`stream page: ${pageSockets} sockets opened by the page, not its worker`);
  } catch (error) {
    failures.push(`stream page: ${String(error)}`);
  }
} finally {
  await browser.close();
  await api.close();
  await exchange.stop();
}
if (failures.length > 0) {
  console.error(`dist plain page: ${failures.length} failed\n- ${failures.join('\n- ')}`);
  process.exit(1);
}
console.log(
  'dist plain page: 5 items with exact texts, 1 request, no errors, the CSS rules of the source; strict CSP + Trusted Types page: rendered, 0 violations; streaming: a Kraken price through the worker',
);
