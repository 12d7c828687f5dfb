// Screenshots of the built ticker for the README, taken in headless Chromium:
// light and dark, docked at the bottom and the top of a page, inline in text, in
// ar-EG (right to left), ja-JP and de-DE, and the strip with market data and 7-day
// sparklines in light and dark. Run `npm run build` first, then
// `node scripts/screenshots.mjs` (writes docs/screenshots/*.png).
// Prices come from demo/data/seed-coins.json, served in CoinGecko's format by a local server.
import { mkdirSync, readFileSync } from 'node:fs';
import { launchChromium } from '../test/support/chromium.mjs';
import { bundleFile, htmlFile, startPriceServer } from '../test/support/price-server.mjs';

const OUT = new URL('../docs/screenshots/', import.meta.url);
mkdirSync(OUT, { recursive: true });
/** @typedef {{ id: string, name: string, symbol: string, price: string, change: string }} Coin */
/** @type {unknown} */
const seedJson = JSON.parse(readFileSync(new URL('../demo/data/seed-coins.json', import.meta.url), 'utf8'));
const SEED = /** @type {Coin[]} */ (seedJson);
// The seed's changes are magnitudes; alternate signs so both directions show.
const coins = SEED.map((c, i) => ({ ...c, change: i % 3 === 1 ? `-${c.change}` : c.change }));
const TINY = { id: 'tiny-inu', name: 'Tiny Inu', symbol: 'TINU', price: '0.000008123456', change: '12.5' };

/** A number from a coin's id, the same in every run. @param {string} id */
function idHash(id) {
  let h = 2166136261;
  for (const ch of id) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return h >>> 0;
}

/** A price as plain decimal text with 8 significant digits (never an exponent). @param {number} x */
const plain = (x) => x.toFixed(Math.max(2, 7 - Math.floor(Math.log10(x))));

/**
 * A made-up but steady 7-day series, 168 hourly prices from a week's open to exactly `price`:
 * a straight line times a wave pinned at both ends, both from the coin's id; the week's
 * direction alternates down the list, so both colours show.
 * @param {Coin} coin @param {number} index
 */
function sevenDays(coin, index) {
  let seed = idHash(coin.id);
  const random = () => {
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = Math.imul(seed ^ (seed >>> 15), seed | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const price = Number(coin.price);
  const stable = Math.abs(price - 1) < 0.02;
  const week = (index % 2 ? -1 : 1) * (stable ? 0.001 : 0.02 + random() * 0.06);
  const open = price / (1 + week);
  // A walk whose hourly moves keep most of the last (waves, not noise), pinned at both ends.
  const walk = [0];
  let move = 0;
  let level = 0;
  for (let i = 1; i < 168; i++) {
    move = 0.8 * move + (random() * 2 - 1) * (stable ? 2e-4 : 3e-3);
    walk.push((level += move));
  }
  const end = level;
  return walk.map((w, i) =>
    i === 167 ? coin.price : plain((open + ((price - open) * i) / 167) * (1 + w - (end * i) / 167)),
  );
}

/**
 * The markets body, in CoinGecko's shape: made-up market caps and volumes that fall with the
 * seed's order, and the 7-day series when the request asks for it.
 * @param {string | undefined} host @param {URL} url
 */
function marketsBody(host, url) {
  const list = [...coins.slice(0, 12), TINY];
  const series = url.searchParams.get('sparkline') === 'true';
  return `[${list
    .map((c, i) => {
      const cap = Math.round(1.25e12 / Math.pow(i + 1, 1.6));
      const volume = Math.round(cap * (0.02 + (idHash(c.id) % 1000) / 6000));
      const sparkline = series ? `,"sparkline_in_7d":{"price":[${sevenDays(c, i).join(',')}]}` : '';
      return `{"id":"${c.id}","symbol":"${c.symbol.toLowerCase()}","name":"${c.name}","image":"http://${host}/logos/${c.id}.svg","current_price":${c.price},"market_cap":${cap},"total_volume":${volume},"price_change_percentage_24h":${c.change}${sparkline}}`;
    })
    .join(',')}]`;
}

/** @param {string} id */
function logo(id) {
  let h = 0;
  for (const ch of id) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  const letter = (SEED.find((c) => c.id === id)?.symbol ?? id).charAt(0).toUpperCase();
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><circle cx="16" cy="16" r="16" fill="hsl(${h % 360} 60% 45%)"/><text x="16" y="21.5" font-family="sans-serif" font-size="15" font-weight="700" fill="#fff" text-anchor="middle">${letter}</text></svg>`;
}

const ARTICLE = `<h1>Markets steady after a week of swings</h1>
<p>Bitcoin held its range on Friday while smaller tokens moved on thin trading. Desk heads said the calm
owed more to exhaustion than conviction, and that volumes stayed well below their monthly average.</p>`;

/**
 * @typedef {object} Shot
 * @property {string} name
 * @property {'bottom' | 'top' | 'inline' | 'strip'} layout strip: the ticker alone, on the page's background
 * @property {number} [height] viewport height (default 420)
 * @property {'light' | 'dark'} [scheme]
 * @property {string} [lang]
 * @property {'ltr' | 'rtl'} [dir]
 * @property {string} [attrs]
 */

/**
 * @param {string | undefined} host
 * @param {Shot} shot
 */
function page(host, { lang = 'en', dir = 'ltr', layout = 'bottom', scheme = 'light', attrs = '' }) {
  const ticker = `<price-ticker coins="${[...coins.slice(0, 12), TINY].map((c) => c.id).join(',')}" endpoint="http://${host}/api/v3" speed="0" ${attrs}></price-ticker>`;
  const dark = scheme === 'dark';
  const css = `body{margin:0;font:17px/1.6 Georgia,serif;background:${dark ? '#0e1012' : '#fbfaf7'};color:${dark ? '#e8eaed' : '#1a1d21'}}
main{max-width:760px;margin:0 auto;padding:24px}h1{font-size:30px;line-height:1.2}
price-ticker{display:block;min-block-size:calc(2.5rem + 2px)}
.bottom price-ticker{position:fixed;left:0;right:0;bottom:0}.top price-ticker{position:sticky;top:0}.strip{padding:20px 0}`;
  const body =
    layout === 'strip'
      ? ticker
      : layout === 'inline'
        ? `<main>${ARTICLE}${ticker}<p>Analysts expect the quiet to last into the weekend, when liquidity usually thins further.</p></main>`
        : layout === 'top'
          ? `${ticker}<main>${ARTICLE}</main>`
          : `<main>${ARTICLE}</main>${ticker}`;
  return `<!doctype html><html lang="${lang}" dir="${dir}"><head><meta charset="utf-8"><style>${css}</style>
<script type="module" src="/price-ticker.js"></script></head><body class="${layout}">${body}</body></html>`;
}

/** Shot names to take (`node scripts/screenshots.mjs market-light market-dark`); none: all. */
const ONLY = process.argv.slice(2);
const MARKET_FIELDS = 'logo symbol price change market-cap volume sparkline';
/** @type {Shot[]} */
const SHOTS = [
  { name: 'light-bottom', layout: 'bottom', scheme: 'light' },
  { name: 'dark-bottom', layout: 'bottom', scheme: 'dark' },
  { name: 'light-top', layout: 'top', scheme: 'light' },
  { name: 'dark-inline', layout: 'inline', scheme: 'dark' },
  { name: 'ar-EG', layout: 'inline', lang: 'ar-EG', dir: 'rtl', attrs: 'paused' },
  { name: 'ja-JP', layout: 'inline', lang: 'ja-JP', attrs: 'currency="jpy"' },
  { name: 'de-DE', layout: 'inline', lang: 'de-DE', attrs: 'currency="eur"' },
  { name: 'market-light', layout: 'strip', height: 84, scheme: 'light', attrs: `fields="${MARKET_FIELDS}"` },
  { name: 'market-dark', layout: 'strip', height: 84, scheme: 'dark', attrs: `fields="${MARKET_FIELDS}"` },
];

const server = await startPriceServer({
  markets: (url, origin) => marketsBody(new URL(origin).host, url),
  files: {
    '/price-ticker.js': bundleFile(),
    '/logos/': (url) => ({ type: 'image/svg+xml', body: logo(url.pathname.slice(7, -4)) }),
    ...Object.fromEntries(
      SHOTS.map((shot) => [
        `/${shot.name}`,
        (/** @type {URL} */ _url, /** @type {string} */ origin) => htmlFile(page(new URL(origin).host, shot)),
      ]),
    ),
  },
});
const browser = await launchChromium();
try {
  for (const shot of SHOTS.filter((s) => ONLY.length === 0 || ONLY.includes(s.name))) {
    const tab = await browser.newPage({
      viewport: { width: 1100, height: shot.height ?? 420 },
      colorScheme: shot.scheme ?? 'light',
      locale: shot.lang ?? 'en-US',
    });
    await tab.goto(`${server.origin}/${shot.name}`);
    await tab.waitForFunction(
      () =>
        (document.querySelector('price-ticker')?.shadowRoot?.querySelectorAll('[part~="item"] img').length ?? 0) > 5,
    );
    await tab.waitForTimeout(400); // logos decode
    const file = new URL(`${shot.name}.png`, OUT);
    await tab.screenshot({ path: file.pathname });
    console.log(`docs/screenshots/${shot.name}.png`);
    await tab.close();
  }
} finally {
  await browser.close();
  await server.close();
}
