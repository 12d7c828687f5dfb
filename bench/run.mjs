// Benchmarks of the built bundle in headless Chromium: update cost, polling, idle cost, memory,
// first render, loop copies and size. Every figure is measured next to a baseline in the same
// run and reported as a ratio; absolute milliseconds and bytes depend on the machine, the
// ratios much less. Prints the table of targets first, then the detailed figures.
// Run after a build: `npm run build && npm run bench [-- --only update,idle]`. A full run writes
// bench/results.md. See bench/README.md for what each figure means.
import { readFileSync, writeFileSync, existsSync, statSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { brotliCompressSync, constants } from 'node:zlib';
import os from 'node:os';
import { chromiumPath, launchChromium } from '../test/support/chromium.mjs';
import { bundleFile, htmlFile, startPriceServer } from '../test/support/price-server.mjs';
import { marketsBody, syntheticCoins } from '../test/support/market.mjs';
import { BUDGET_BROTLI_BYTES } from '../scripts/budget.mjs';
import { benchStream, STREAM_RATES, STREAM_WINDOW_MS } from './stream.mjs';

/** @typedef {import('playwright-core').Page} Page */
/** @typedef {import('playwright-core').CDPSession} CDPSession */
/** @typedef {import('playwright-core').BrowserContext} BrowserContext */
/** @typedef {{ page: Page, cdp: CDPSession }} OpenPage */
/** A ticker to make in the page: its coins, endpoint, and how many coins it shows. */
/** @typedef {{ ids: string[], endpoint: string, n: number }} TickerArgs */
/** @typedef {{ js: number, blink: number, nodes: number, listeners: number }} Heap */
/** @typedef {{ task: number, styles: number, updates: number, loaf: number }} PollFigures */
/**
 * @typedef {object} IdleWindow
 * @property {number} layouts
 * @property {number} styles
 * @property {number} script
 * @property {number} task
 * @property {number} cpu
 * @property {number} frames at 60 per second
 * @property {number} raf
 * @property {number} loaf
 * @property {number | null} moved
 */

const BUNDLE_PATH = new URL('../dist/price-ticker.js', import.meta.url);
const RESULTS_PATH = new URL('./results.md', import.meta.url);
if (!existsSync(BUNDLE_PATH)) {
  console.error('bench: dist/price-ticker.js is missing: run `npm run build` first.');
  process.exit(1);
}
const BUNDLE = readFileSync(BUNDLE_PATH);
const BROTLI_BYTES = brotliCompressSync(BUNDLE, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
/** The bundle's first line when it is a compile hint for the engine (`//# …`), else empty. */
const COMPILE_HINT = /^\/\/#[^\n]*\n/.exec(BUNDLE.toString('utf8'))?.[0] ?? '';

/** Which source the bundle was built from, as far as git and file times can tell. */
function describeSource() {
  const built = statSync(BUNDLE_PATH).mtimeMs;
  /** @type {string[]} */
  const newer = [];
  const walk = (/** @type {string} */ dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && statSync(path).mtimeMs > built) newer.push(path);
    }
  };
  try {
    walk(fileURLToPath(new URL('../src', import.meta.url)));
  } catch {
    // no src/ next to the bundle: nothing to compare
  }
  let git = 'no git';
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    const dirty =
      execFileSync('git', ['status', '--porcelain', '--', 'src'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim() !== '';
    git = `HEAD ${head}${dirty ? ', src/ with uncommitted changes' : ''}`;
  } catch {
    // not a git checkout
  }
  const when = new Date(built).toISOString().replace(/\.\d+Z$/, 'Z');
  return `built ${when} (${git} at bench time)${newer.length ? `; STALE: ${newer.length} file(s) in src/ are newer than the bundle, run \`npm run build\`` : ''}`;
}
// Checked before the run: the state the measured bundle was in.
const sourceState = describeSource();
if (sourceState.includes('STALE'))
  console.error(`bench: warning: dist/price-ticker.js is older than src/ (npm run build)`);

// Sections, in the order they run; `--only update,idle` runs some of them (and does not write
// results.md, which keeps the last full run).
const SECTIONS = [
  'update',
  'update250',
  'polling',
  'idle',
  'memory',
  'first',
  'copies',
  'sparklines',
  'stream',
  'controls',
];
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt > 0 ? (process.argv[onlyAt + 1] ?? '').split(',').filter(Boolean) : SECTIONS;
for (const name of only)
  if (!SECTIONS.includes(name)) {
    console.error(`bench: unknown section "${name}" (sections: ${SECTIONS.join(', ')})`);
    process.exit(1);
  }
const runs = (/** @type {string} */ section) => only.includes(section);
const FULL_RUN = only.length === SECTIONS.length;

const COINS = 50;
const MANY_COINS = 250; // CoinGecko's most per request
const UPDATE_REPS = 8; // each with a 1.5 s window after the refresh
const UPDATE_WINDOW_MS = 1500; // the price flash lasts 1.2 s
const POLL_REPS = 5; // fresh pages each
const POLL_MS = 3000; // the 1 s polling window
const IDLE_REPS = 3; // fresh pages each, ticker and baseline alternating
const IDLE_MS = 4000;
const FRAMES_PER_S = 60; // headless Chromium draws at 60 Hz while something moves
const FIRST_RENDER_REPS = 10; // fresh pages each
const SLOW_ANSWER_MS = 150; // a first visit's answer, after its request
const MEMORY_TICKERS = 10;
const LEAK_ROUNDS = 10; // of MEMORY_TICKERS tickers each: 100 in all
const COPIES_COINS = [10, 3]; // loop copies: the target's 10 coins, and few enough to need more copies
const VIEWPORT = { width: 1280, height: 800 };
const started = Date.now();

// ---------------------------------------------------------------------------------------------
// The server: the bundle, a page shell, and a CoinGecko-format /coins/markets with 250
// synthetic coins over every price tier (test/support/market.mjs).

const UNIVERSE = syntheticCoins(250);
const idsOf = (/** @type {number} */ offset, n = COINS) =>
  Array.from(
    { length: n },
    (_, j) => /** @type {(typeof UNIVERSE)[number]} */ (UNIVERSE[(offset + j) % UNIVERSE.length]).id,
  );

const SHELL = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>bench</title>
<style>
  body { margin: 0; font: 14px system-ui, sans-serif; }
  price-ticker { display: block; min-block-size: calc(2.5rem + 2px); }
  /* The baseline: a plain row of coins, as close to the ticker's look as a few rules get. */
  ul.plain { display: flex; gap: 2rem; margin: 0; padding: 0 1rem; list-style: none; white-space: nowrap;
             block-size: 2.5rem; align-items: center; overflow: hidden; border-block: 1px solid #d7dbe0; }
  ul.plain li { display: inline-flex; gap: 0.4em; align-items: center; }
  ul.plain .name { font-weight: 600; }
  ul.plain .price, ul.plain .change { display: inline-block; font-variant-numeric: tabular-nums; }
  /* The moving baseline: the plain list in a window, moved by one CSS transform animation. */
  .marquee { overflow: hidden; border-block: 1px solid #d7dbe0; }
  .marquee > ul.plain { inline-size: max-content; overflow: visible; border: 0; }
  /* The floor's tint of the prices that moved (one class on the list). */
  ul.plain.tinting .price[data-flash=up] { background: #0a7d3b38; }
  ul.plain.tinting .price[data-flash=down] { background: #c5221f38; }
  /* The full floor's look of what it shows beyond the texts (as the ticker's stylesheet has it). */
  ul.plain .phrase { position: absolute; inline-size: 1px; block-size: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
  ul.plain .logo { inline-size: 1.25em; block-size: 1.25em; border-radius: 50%; flex: none;
                   background: color-mix(in srgb, currentColor 12%, transparent); }
  ul.plain .logo ~ .symbol { font-size: .85em; color: #59616b; }
  ul.plain [data-direction=up] { color: #0a7d3b; }
  ul.plain [data-direction=down] { color: #c5221f; }
  ul.plain [data-direction=flat] { color: #59616b; }
  ul.plain [data-direction]::before { font-size: .7em; margin-inline-end: .25em; }
  ul.plain [data-direction=up]::before { content: '\\25B2' / ''; }
  ul.plain [data-direction=down]::before { content: '\\25BC' / ''; }
  ul.plain [data-fit]::after { content: attr(data-fit); display: block; block-size: 0; overflow: hidden; }
</style>
<script type="module" src="/price-ticker.js"></script></head>
<body></body></html>`;

// Live data (/api/v3): different on every request, never cached. Cached data (/cached/api/v3):
// the same answer every time, cacheable, so after one request the browser's HTTP cache answers.
let sequence = 0;
const api = await startPriceServer({
  markets: async (url) => {
    if (url.pathname.startsWith('/cached/'))
      return {
        type: 'application/json',
        body: marketsBody(UNIVERSE, url, 0),
        headers: { 'Cache-Control': 'public, max-age=3600' },
      };
    // Slow data (/slow/api/v3): live data that comes a while after the request, as over a real network.
    if (url.pathname.startsWith('/slow/')) await new Promise((resolve) => setTimeout(resolve, SLOW_ANSWER_MS));
    return {
      type: 'application/json',
      body: marketsBody(UNIVERSE, url, ++sequence),
      headers: { 'Cache-Control': 'no-store' },
    };
  },
  files: {
    // The package's own modules, for the floors (exact parse and format alone), with the
    // bundle's compile hint as their first line: the floor's code is shipped as well as the ticker's.
    '/lib/': (url) => {
      const file = new URL(`../dist/lib/${url.pathname.slice('/lib/'.length)}`, import.meta.url);
      return existsSync(file) && url.pathname.endsWith('.js') && !url.pathname.includes('..')
        ? { type: 'text/javascript', body: COMPILE_HINT + readFileSync(file, 'utf8') }
        : undefined;
    },
    '/price-ticker.js': bundleFile(),
    '/': { ...htmlFile(SHELL), headers: { 'Cache-Control': 'no-store' } },
  },
});
const ORIGIN = api.origin;
const LIVE = `${ORIGIN}/api/v3`;
const CACHED = `${ORIGIN}/cached/api/v3`;
const SLOW = `${ORIGIN}/slow/api/v3`;
/** Requests that reached the server so far: live and cached. */
const requests = {
  get live() {
    return api.requests.filter((url) => !url.pathname.startsWith('/cached/')).length;
  },
  get cached() {
    return api.requests.filter((url) => url.pathname.startsWith('/cached/')).length;
  },
};

// ---------------------------------------------------------------------------------------------
// Browser helpers.

/** @type {string} */
let executablePath;
/** @type {import('playwright-core').Browser} */
let browser;
try {
  executablePath = await chromiumPath();
  browser = await launchChromium();
} catch (error) {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

/** CPU seconds used so far by every Chromium process (browser, renderers, GPU, network...). */
const browserCdp = await browser.newBrowserCDPSession();
async function cpuSeconds() {
  const { processInfo } = await browserCdp.send('SystemInfo.getProcessInfo');
  return processInfo.reduce((sum, p) => sum + p.cpuTime, 0);
}

/** Installed in every page before any script: counts requestAnimationFrame calls and long animation frames. */
function pageProbes() {
  window.__raf = 0;
  const raf = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (cb) => {
    window.__raf++;
    return raf(cb);
  };
  // Counts Web Animations started (the price flashes), without asking for them (getAnimations()
  // would itself update style).
  window.__animate = 0;
  // eslint-disable-next-line @typescript-eslint/unbound-method -- the original, called below with .call(this)
  const animate = Element.prototype.animate;
  /** @type {Element['animate']} */
  Element.prototype.animate = function (keyframes, options) {
    window.__animate++;
    return animate.call(this, keyframes, options);
  };
  /** @type {number[]} */
  const loaf = [];
  window.__loaf = loaf;
  try {
    new PerformanceObserver((list) => loaf.push(...list.getEntries().map((e) => e.duration))).observe({
      type: 'long-animation-frame',
      buffered: false,
    });
  } catch {
    window.__loaf = null; // not supported
  }
  // Page-side helpers shared by the measurements.
  window.__bench = {
    frame: () => new Promise((resolve) => raf(resolve)),
    sleep: (/** @type {number} */ ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    /** Waits until nothing is pending: a frame, then a task. */
    settle: async () => {
      await new Promise((resolve) => raf(resolve));
      await new Promise((resolve) => setTimeout(resolve, 0));
    },
    /** A ticker of `n` coins appended to the page, once it shows them. */
    async showTicker({ ids, endpoint, n }, interval = '3600') {
      const el = window.__bench.ticker({ coins: ids.join(','), endpoint, interval });
      document.body.append(el);
      await window.__bench.rendered(el, n);
      return el;
    },
    /**
     * The last request for prices, from Resource Timing (NaN: none). Its entry is queued as a
     * task of its own and may come after the render of a large answer: this waits for it.
     */
    async lastFetch() {
      const fetches = () =>
        /** @type {PerformanceResourceTiming[]} */ (performance.getEntriesByType('resource')).filter((e) =>
          e.name.includes('/coins/markets'),
        );
      for (let i = 0; i < 100 && fetches().length === 0; i++) await window.__bench.sleep(5);
      return fetches().at(-1);
    },
    /** The package's exact parse and format, from dist/lib (the floors' code). */
    async lib() {
      /** @type {(path: string) => Promise<unknown>} */
      const load = (path) => import(`${location.origin}/lib/${path}`);
      return {
        format: /** @type {BenchFormatModule} */ (await load('format/index.js')),
        json: /** @type {BenchJsonModule} */ (await load('feed/exact-json.js')),
      };
    },
    ticker(attrs) {
      const el = document.createElement('price-ticker');
      for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
      return el;
    },
    items: (el) => el.shadowRoot?.querySelectorAll('.track > .list:not([aria-hidden]) > [part~="item"]').length ?? 0,
    async rendered(el, n, timeout = 10_000) {
      const end = performance.now() + timeout;
      while (window.__bench.items(el) < n) {
        if (performance.now() > end)
          throw new Error(`ticker did not render ${n} coins in ${timeout} ms (status ${el.status})`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      await el.updateComplete;
    },
    /** A plain list of coins: [name, symbol, price, change] per row. */
    plainList(rows) {
      const ul = document.createElement('ul');
      ul.className = 'plain';
      for (const row of rows) {
        const li = document.createElement('li');
        ['name', 'symbol', 'price', 'change'].forEach((cls, i) => {
          const span = document.createElement('span');
          span.className = cls;
          span.textContent = row[i] ?? null;
          li.append(span);
        });
        ul.append(li);
      }
      return ul;
    },
    /**
     * Dresses a plain list in its window as the full floor does: what the strip shows beyond the
     * texts, the plain way. Each coin gets a phrase for screen readers in a visually hidden text
     * and a logo's box (these coins have no logo); the coins that show again after the list are
     * copied after it, so the loop has no gap; one animation of transform moves the list by one
     * period, retimed whenever the list's width changes. One layout is read, after the boxes are
     * in and before the copies. Returns that animation; what writes coin i beyond its two texts
     * (its phrase, its change's colour, arrow and room, and its copy); what writes its phrase
     * alone; and how many coins one window shows (those starting within its width).
     */
    dressFull(ul, speed, format) {
      const items = /** @type {HTMLElement[]} */ ([...ul.children]);
      const phrases = items.map((li) => {
        const logo = document.createElement('span');
        logo.className = 'logo';
        li.querySelector('.name')?.before(logo);
        const span = document.createElement('span');
        span.className = 'phrase';
        const text = new Text('');
        span.append(text);
        li.prepend(span);
        return text;
      });
      // Every coin that starts within one window's width of the list's start shows again after
      // it. The list's padding adds up to one gap, so a period is the list's width.
      const view = /** @type {HTMLElement} */ (ul.parentElement).clientWidth;
      const start = /** @type {HTMLElement} */ (items[0]).offsetLeft;
      const copies = items
        .filter((li) => li.offsetLeft - start < view)
        .map((li) => {
          const copy = /** @type {HTMLElement} */ (li.cloneNode(true));
          copy.querySelector('.phrase')?.remove();
          return copy;
        });
      let width = ul.getBoundingClientRect().width;
      ul.append(...copies);
      const keyframes = () => [{ transform: 'translateX(0px)' }, { transform: `translateX(${-width}px)` }];
      const strip = ul.animate(keyframes(), { duration: (width / speed) * 1000, iterations: Infinity });
      new ResizeObserver(() => {
        const now = /** @type {HTMLElement} */ (copies[0] ?? ul).offsetLeft - start;
        const effect = strip.effect;
        if (now === width || !(effect instanceof KeyframeEffect)) return;
        const progress = (Number(strip.currentTime) || 0) / Number(effect.getTiming().duration);
        width = now;
        effect.setKeyframes(keyframes());
        effect.updateTiming({ duration: (width / speed) * 1000 });
        strip.currentTime = (progress % 1) * (width / speed) * 1000;
      }).observe(ul);
      const percent = new Intl.NumberFormat('en-US', {
        style: 'unit',
        unit: 'percent',
        unitDisplay: 'long',
        minimumFractionDigits: 2,
        maximumFractionDigits: 2,
      });
      // Each coin's change boxes (in the list, and in its copy if it has one), and its copy's price.
      const boxes = items.map((li, i) => [li, copies[i]].flatMap((el) => (el ? [el.querySelector('.change')] : [])));
      const copyPrices = copies.map((copy) => copy.querySelector('.price'));
      const prices = items.map((li) => li.querySelector('.price'));
      /** @type {(i: number, coin: { name: string, symbol: string }, price: string, change: string) => string} */
      const speak = (i, coin, price, change) => {
        const direction = format.changeDirection(change);
        const amount = percent.format(/** @type {`${number}`} */ (format.parseDecimal(change).abs().toFixed(2)));
        const phrase = /** @type {Text} */ (phrases[i]);
        phrase.data = `${coin.name}, ${coin.symbol.toUpperCase()}, ${price}, ${direction === 'flat' ? 'unchanged' : `${direction} ${amount}`}`;
        return direction;
      };
      /** @type {(i: number, coin: { name: string, symbol: string }, price: string, change: string, changeText: string) => void} */
      const write = (i, coin, price, change, changeText) => {
        const direction = speak(i, coin, price, change);
        // The change's direction and its room (its text with every digit a 0), each written
        // only when it differs, in the list and in the coin's copy.
        const fit = `\u25B2+${changeText.replace(/[-+\u2212]/g, '').replace(/\d/g, '0')}`;
        for (const box of /** @type {HTMLElement[]} */ (boxes[i])) {
          if (box.dataset.direction !== direction) box.dataset.direction = direction;
          if (box.dataset.fit !== fit) box.dataset.fit = fit;
        }
        const copyPrice = /** @type {HTMLElement | null | undefined} */ (copyPrices[i]);
        const copyChange = boxes[i]?.[1];
        if (copyPrice && copyChange) {
          copyPrice.textContent = price;
          copyPrice.dataset.flash = /** @type {HTMLElement} */ (prices[i]).dataset.flash;
          copyChange.textContent = changeText;
        }
      };
      return { strip, write, speak, inView: copies.length };
    },
    /** The plain list in a window of the page's width that hides what overflows; its width. */
    plainInWindow(rows) {
      const box = document.createElement('div');
      box.className = 'marquee';
      const ul = window.__bench.plainList(rows);
      box.append(ul);
      document.body.append(box);
      return { ul, width: ul.getBoundingClientRect().width };
    },
    /** The plain list in a window, moved left at `speed` px/s over its own width by one CSS animation of transform. */
    plainMarquee(rows, speed) {
      const { ul, width } = window.__bench.plainInWindow(rows);
      const style = document.createElement('style');
      style.textContent = `@keyframes plain-scroll { from { transform: translateX(0px) } to { transform: translateX(${-width}px) } }`;
      document.head.append(style);
      ul.style.animation = `plain-scroll ${width / speed}s linear infinite`;
      return ul;
    },
    /** The plain list moved the wrong way, for the controls: its margin set by script in every frame. */
    plainMovedByScript(rows, speed) {
      const { ul, width } = window.__bench.plainInWindow(rows);
      const t0 = performance.now();
      const step = () => {
        ul.style.marginLeft = `${-((((performance.now() - t0) / 1000) * speed) % width)}px`;
        window.requestAnimationFrame(step);
      };
      window.requestAnimationFrame(step);
      return ul;
    },
    /** How fast a ticker's strip moves, px/s (0: not moving), from its one animation. */
    speedOf(el) {
      const animation = el.shadowRoot?.querySelector('.track')?.getAnimations()[0];
      const effect = animation?.effect;
      if (!(effect instanceof KeyframeEffect)) return 0;
      const last = String(effect.getKeyframes().at(-1)?.['transform'] ?? '');
      const first = String(effect.getKeyframes()[0]?.['transform'] ?? '');
      const px = (/** @type {string} */ t) => Number(/translateX\((-?[\d.]+)px\)/.exec(t)?.[1] ?? NaN);
      return Math.abs(px(last) - px(first)) / (Number(effect.getTiming().duration) / 1000);
    },
    /** The texts a ticker shows, in the baseline's row shape. */
    rowsOf(el) {
      const root = /** @type {ShadowRoot} */ (el.shadowRoot);
      return [...root.querySelectorAll('.track > .list:not([aria-hidden]) > [part~="item"]')].map((item) =>
        ['name', 'symbol', 'price', 'change'].map((p) => item.querySelector(`[part~="${p}"]`)?.textContent ?? ''),
      );
    },
  };
}

/** @type {string[]} */
const problems = [];
/**
 * A page with the probes and the bundle loaded; in its own browser context unless one is given.
 * @param {BrowserContext | null} [context]
 * @returns {Promise<OpenPage>}
 */
async function openPage(context = null) {
  const page = context ? await context.newPage() : await browser.newPage({ viewport: VIEWPORT });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  await page.addInitScript(pageProbes);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(`${ORIGIN}/`);
  await page.evaluate(() => customElements.whenDefined('price-ticker'));
  return { page, cdp };
}

const METRICS = /** @type {const} */ ([
  'LayoutCount',
  'RecalcStyleCount',
  'LayoutDuration',
  'RecalcStyleDuration',
  'ScriptDuration',
  'TaskDuration',
]);
/** @typedef {Record<(typeof METRICS)[number], number>} Metrics */
/** @type {readonly string[]} */
const METRIC_NAMES = METRICS;
/**
 * @param {CDPSession} cdp
 * @returns {Promise<Metrics>}
 */
async function metrics(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return /** @type {Metrics} */ (
    Object.fromEntries(
      metrics
        .filter((m) => METRIC_NAMES.includes(m.name))
        .map((m) => /** @type {[string, number]} */ ([m.name, m.value])),
    )
  );
}
const delta = (/** @type {Metrics} */ a, /** @type {Metrics} */ b) =>
  /** @type {Metrics} */ (Object.fromEntries(METRICS.map((k) => /** @type {[string, number]} */ ([k, b[k] - a[k]]))));

/**
 * @param {CDPSession} cdp
 * @returns {Promise<Heap>}
 */
async function heap(cdp) {
  // The page's resource timing buffer holds an entry per request (up to 250): not the element's.
  await cdp.send('Runtime.evaluate', { expression: 'performance.clearResourceTimings()' });
  for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
  const usage = await cdp.send('Runtime.getHeapUsage');
  const dom = await cdp.send('Memory.getDOMCounters');
  return {
    js: usage.usedSize,
    blink: usage.embedderHeapUsedSize ?? NaN,
    nodes: dom.nodes,
    listeners: dom.jsEventListeners,
  };
}

/** The median of the repetitions that gave a number (NaN when none did). */
const median = (/** @type {number[]} */ xs) => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = s.length >> 1;
  const at = (/** @type {number} */ k) => /** @type {number} */ (s[k]);
  return s.length % 2 ? at(m) : (at(m - 1) + at(m)) / 2;
};
/**
 * @template {string} K
 * @param {Array<Record<K, number>>} rows
 * @param {K} key
 */
const medianOf = (rows, key) => median(rows.map((r) => r[key]));

// ---------------------------------------------------------------------------------------------
// 1. Update cost: one refresh of an n-coin ticker vs writing the same texts into a plain list
//    moved by a CSS animation (both strips move, as they would on a page).

/**
 * The floor of an exact update: the same request, parsed exactly and formatted exactly with
 * the package's own functions (dist/lib), the two texts written into the plain list, and the
 * moved prices tinted in the colour of their move (compared exactly) while one class is on the
 * list, taken off after 1.2 s: what any ticker that shows exact prices and which way they
 * moved must do, without the element around it. The full floor also
 * shows, the plain way, everything else the strip shows: one phrase per coin for screen readers
 * (name, symbol, price, change in words) in a visually hidden text, a logo's box, the change's
 * colour and arrow and the room kept after it, and a seamless loop (copies of the coins that
 * show again after the list, written with it, the animation retimed when the width changes).
 * A page with the list of `rows` moving at `speed`, and `window.__floor.update()`, one update
 * from `url`, which returns when the answer was in and when the DOM was done (style and layout).
 * With `inViewOnly`, the full floor writes only the coins one window shows, and of the others
 * their phrase alone (`window.__floor.inView`: how many it writes): what writing the others only
 * as they come into view would leave of an update.
 * @param {{ rows: string[][], speed: number, url: string, full: boolean, inViewOnly?: boolean }} options
 * @returns {Promise<OpenPage>}
 */
async function openFloorPage({ rows, speed, url, full, inViewOnly = false }) {
  const open = await openPage();
  await open.page.evaluate(
    async ({ rows, speed, url, full, inViewOnly }) => {
      const b = window.__bench;
      const { format, json } = await b.lib();
      const ul = full ? b.plainInWindow(rows).ul : b.plainMarquee(rows, speed || 40);
      const dressed = full ? b.dressFull(ul, speed || 40, format) : undefined;
      window.__strip = dressed?.strip ?? ul.getAnimations()[0];
      const prices = /** @type {HTMLElement[]} */ ([...ul.querySelectorAll('.price')]);
      const changes = /** @type {HTMLElement[]} */ ([...ul.querySelectorAll('.change')]);
      /** @type {string[]} the prices as last shown */
      const shown = [];
      /** @type {ReturnType<typeof setTimeout> | undefined} */
      let timer;
      // How many coins an update writes (inViewOnly: the others get their phrase alone).
      const written = inViewOnly && dressed ? dressed.inView : prices.length;
      window.__floor = {
        inView: written,
        async update() {
          const body = await (await fetch(url, { headers: { Accept: 'application/json' } })).text();
          const tData = performance.now();
          const coins =
            /** @type {Array<{ name: string, symbol: string, current_price: string, price_change_percentage_24h: string }>} */ (
              json.parseExactJson(body)
            );
          const options = { currency: 'usd', locale: 'en-US' };
          coins.forEach((c, i) => {
            const price = /** @type {HTMLElement} */ (prices[i]);
            const before = shown[i];
            shown[i] = c.current_price;
            const change = c.price_change_percentage_24h;
            const text = format.formatPrice(c.current_price, options);
            const changeText = format.formatChange(change, options);
            if (i >= written) return void dressed?.speak(i, c, text, change);
            price.textContent = text;
            // Which way it moved, compared exactly.
            price.dataset.flash =
              before === undefined || before === c.current_price
                ? ''
                : format.parseDecimal(c.current_price).greaterThan(format.parseDecimal(before))
                  ? 'up'
                  : 'down';
            /** @type {HTMLElement} */ (changes[i]).textContent = changeText;
            dressed?.write(i, c, text, change, changeText);
          });
          ul.classList.add('tinting');
          clearTimeout(timer);
          timer = setTimeout(() => ul.classList.remove('tinting'), 1200);
          void ul.offsetWidth; // style and layout done now
          return { tData, tDom: performance.now() };
        },
      };
      await b.sleep(1300);
    },
    { rows, speed, url, full, inViewOnly },
  );
  return open;
}

/** @param {number} n coins */
async function benchUpdate(n) {
  // Both pages stay open and their repetitions alternate, so a change in the machine's load
  // (other processes) falls on both sides of the ratio alike.
  const tickerPage = await openPage();
  const plainPage = await openPage();
  const speed = await tickerPage.page.evaluate(
    async (/** @type {TickerArgs} */ { ids, endpoint, n }) => {
      const b = window.__bench;
      const el = (window.__el = await b.showTicker({ ids, endpoint, n }));
      for (let i = 0; i < 12; i++) await el.refresh(); // warm-up: JIT, Intl caches (a ticker refreshes for hours)
      await b.sleep(1300); // the warm-ups' flashes end
      const track = /** @type {Element} */ (el.shadowRoot?.querySelector('.track'));
      window.__strip = track.getAnimations()[0];
      return b.speedOf(el);
    },
    { ids: idsOf(0, n), endpoint: LIVE, n },
  );
  // Two sets of the texts the ticker shows, written alternately so every write changes them.
  const rows = await plainPage.page.evaluate(
    async (/** @type {TickerArgs} */ { ids, endpoint, n }) => {
      const b = window.__bench;
      const el = await b.showTicker({ ids, endpoint, n });
      const first = b.rowsOf(el);
      await el.refresh();
      await el.updateComplete;
      const second = b.rowsOf(el);
      el.remove();
      return [first, second];
    },
    { ids: idsOf(0, n), endpoint: LIVE, n },
  );
  await plainPage.page.evaluate(
    async ({ rows, speed }) => {
      const b = window.__bench;
      const ul = b.plainMarquee(/** @type {string[][]} */ (rows[0]), speed || 40);
      window.__strip = ul.getAnimations()[0];
      window.__plain = {
        ul,
        rows,
        turn: 0,
        prices: /** @type {HTMLElement[]} */ ([...ul.querySelectorAll('.price')]),
        changes: /** @type {HTMLElement[]} */ ([...ul.querySelectorAll('.change')]),
      };
      await b.sleep(1300);
    },
    { rows, speed },
  );

  /**
   * One measured window: `inPage` runs in the page (given the window's length), and the CDP
   * figures of that window are added to what it returns.
   * @template {object} T
   * @param {OpenPage} open
   * @param {(windowMs: number) => Promise<T>} inPage
   */
  const windowed = async ({ page, cdp }, inPage) => {
    const before = await metrics(cdp);
    const run = /** @type {T} */ (await page.evaluate(inPage, UPDATE_WINDOW_MS));
    const d = delta(before, await metrics(cdp));
    return { ...run, task: d.TaskDuration * 1000, styles: d.RecalcStyleCount, layouts: d.LayoutCount };
  };

  const url = await tickerPage.page.evaluate(
    () =>
      /** @type {PerformanceEntry[]} */ (performance.getEntriesByType('resource')).findLast((e) =>
        e.name.includes('/coins/markets'),
      )?.name ?? '',
  );
  const floorPage = await openFloorPage({ rows: /** @type {string[][]} */ (rows[0]), speed, url, full: false });
  const fullFloorPage = await openFloorPage({ rows: /** @type {string[][]} */ (rows[0]), speed, url, full: true });

  const floorRep = (/** @type {OpenPage} */ open) =>
    windowed(open, async (windowMs) => {
      const b = window.__bench;
      await b.settle();
      const t0 = performance.now();
      const { tData, tDom } = await window.__floor.update();
      await b.frame();
      const t1 = performance.now();
      await b.sleep(windowMs - (performance.now() - t0));
      return { total: t1 - t0, work: tDom - tData };
    });

  const tickerRep = async (/** @type {OpenPage} */ open) => {
    const run = await windowed(open, async (windowMs) => {
      const b = window.__bench;
      const el = window.__el;
      const root = /** @type {ShadowRoot} */ (el.shadowRoot);
      const price0 = root.querySelector('[part~="price"]')?.textContent;
      const animate0 = window.__animate;
      performance.clearResourceTimings();
      await b.settle();
      const t0 = performance.now();
      await el.refresh();
      await el.updateComplete;
      void (/** @type {HTMLElement} */ (root.querySelector('.list')).offsetWidth); // style and layout clean (they already are)
      const tDom = performance.now();
      await b.frame();
      const t1 = performance.now();
      const responseEnd = (await b.lastFetch())?.responseEnd ?? NaN;
      const animations = window.__animate - animate0;
      const changed = root.querySelector('[part~="price"]')?.textContent !== price0;
      await b.sleep(windowMs - (performance.now() - t0));
      return { total: t1 - t0, network: responseEnd - t0, work: tDom - responseEnd, animations, changed };
    });
    if (!run.changed) problems.push(`update (${n} coins): a refresh did not change the first price shown`);
    return run;
  };
  const plainRep = (/** @type {OpenPage} */ open) =>
    windowed(open, async (windowMs) => {
      const b = window.__bench;
      const p = window.__plain;
      const texts = /** @type {string[][]} */ (p.rows[++p.turn % 2]);
      await b.settle();
      const t0 = performance.now();
      for (let i = 0; i < texts.length; i++) {
        const row = /** @type {string[]} */ (texts[i]);
        /** @type {HTMLElement} */ (p.prices[i]).textContent = /** @type {string} */ (row[2]);
        /** @type {HTMLElement} */ (p.changes[i]).textContent = /** @type {string} */ (row[3]);
      }
      void p.ul.offsetWidth; // style and layout done now
      const tDom = performance.now();
      await b.frame();
      const t1 = performance.now();
      await b.sleep(windowMs - (performance.now() - t0));
      return { total: t1 - t0, work: tDom - t0 };
    });

  // While one side is measured, the other's strip is held still (its animation paused
  // directly) so that its motion does not compete for the CPU; it runs again for its own turn.
  const strip = (/** @type {OpenPage} */ { page }, /** @type {boolean} */ run) =>
    page.evaluate(async (run) => {
      if (run) window.__strip?.play();
      else window.__strip?.pause();
      await window.__bench.sleep(100);
    }, run);
  await strip(tickerPage, false);
  await plainRep(plainPage); // warm-up
  await strip(plainPage, false);
  for (const open of [floorPage, fullFloorPage]) {
    await strip(open, true);
    for (let i = 0; i < 3; i++) await floorRep(open); // warm-up: JIT, Intl caches
    await strip(open, false);
  }
  /** @type {Array<Awaited<ReturnType<typeof tickerRep>>>} */
  const ticker = [];
  /** @type {Array<Awaited<ReturnType<typeof plainRep>>>} */
  const plain = [];
  /** @type {Array<Awaited<ReturnType<typeof floorRep>>>} */
  const floor = [];
  /** @type {Array<Awaited<ReturnType<typeof floorRep>>>} */
  const fullFloor = [];
  for (let rep = 0; rep < UPDATE_REPS; rep++) {
    await strip(tickerPage, true);
    ticker.push(await tickerRep(tickerPage));
    await strip(tickerPage, false);
    await strip(plainPage, true);
    plain.push(await plainRep(plainPage));
    await strip(plainPage, false);
    await strip(floorPage, true);
    floor.push(await floorRep(floorPage));
    await strip(floorPage, false);
    await strip(fullFloorPage, true);
    fullFloor.push(await floorRep(fullFloorPage));
    await strip(fullFloorPage, false);
  }
  await tickerPage.page.close();
  await plainPage.page.close();
  await floorPage.page.close();
  await fullFloorPage.page.close();
  return { coins: n, speed, ticker, plain, floor, fullFloor };
}

// ---------------------------------------------------------------------------------------------
// 1b. Polling at the fastest interval allowed with an own endpoint (1 s): main-thread time per
//     second in steady state, vs a plain script doing the same job every second (fetch, parse,
//     format, write the texts into a plain list moved by a CSS animation).

/**
 * @param {OpenPage} open
 * @param {() => number} count what has been updated so far (polls or the baseline's updates)
 * @returns {Promise<PollFigures>}
 */
async function pollWindow({ page, cdp }, count) {
  const updates0 = count();
  const loaf0 = await page.evaluate(() => window.__loaf?.length ?? NaN);
  const before = await metrics(cdp);
  await page.waitForTimeout(POLL_MS);
  const d = delta(before, await metrics(cdp));
  const loaf = (await page.evaluate(() => window.__loaf?.length ?? NaN)) - loaf0;
  return {
    task: (d.TaskDuration * 1000) / (POLL_MS / 1000),
    styles: d.RecalcStyleCount / (POLL_MS / 1000),
    updates: count() - updates0,
    loaf,
  };
}

async function benchPolling() {
  /** @type {{ ticker: PollFigures[], plain: PollFigures[], floor: PollFigures[], fullFloor: PollFigures[], inViewFloor: PollFigures[], inView: number }} */
  const out = { ticker: [], plain: [], floor: [], fullFloor: [], inViewFloor: [], inView: 0 };
  const ids = idsOf(0);
  for (let rep = 0; rep < POLL_REPS; rep++) {
    const tickerPage = await openPage();
    const speed = await tickerPage.page.evaluate(
      async (/** @type {TickerArgs} */ { ids, endpoint, n }) => {
        const b = window.__bench;
        const el = (window.__el = await b.showTicker({ ids, endpoint, n }, '1'));
        await b.sleep(2500); // steady state: a few polls and flashes in
        return b.speedOf(el);
      },
      { ids, endpoint: LIVE, n: COINS },
    );
    out.ticker.push(await pollWindow(tickerPage, () => requests.live));
    // What the floors start from: the texts the ticker shows, and the request it makes.
    const { rows, url } = await tickerPage.page.evaluate(() => ({
      rows: window.__bench.rowsOf(window.__el),
      url:
        /** @type {PerformanceEntry[]} */ (performance.getEntriesByType('resource')).findLast((e) =>
          e.name.includes('/coins/markets'),
        )?.name ?? '',
    }));
    await tickerPage.page.close();

    // The floors of an update (see openFloorPage), every second; and the full floor writing only
    // the coins in view, with every coin's phrase (not a target: what that design would save).
    for (const [key, full, inViewOnly] of /** @type {const} */ ([
      ['floor', false, false],
      ['fullFloor', true, false],
      ['inViewFloor', true, true],
    ])) {
      const floorPage = await openFloorPage({ rows, speed, url, full, inViewOnly });
      const written = await floorPage.page.evaluate(async () => {
        setInterval(() => void window.__floor.update(), 1000);
        await window.__bench.sleep(2500);
        return window.__floor.inView;
      });
      if (inViewOnly) out.inView = written;
      out[key].push(await pollWindow(floorPage, () => requests.live));
      await floorPage.page.close();
    }

    const plainPage = await openPage();
    await plainPage.page.evaluate(
      async ({ url, speed }) => {
        const b = window.__bench;
        const money = new Intl.NumberFormat('en-US', {
          style: 'currency',
          currency: 'USD',
          maximumSignificantDigits: 6,
        });
        const pct = new Intl.NumberFormat('en-US', {
          minimumFractionDigits: 2,
          maximumFractionDigits: 2,
          signDisplay: 'exceptZero',
        });
        /** @returns {Promise<string[][]>} */
        const poll = async () => {
          /** @type {unknown} */
          const body = JSON.parse(await (await fetch(url, { headers: { Accept: 'application/json' } })).text());
          const coins =
            /** @type {Array<{ name: string, symbol: string, current_price: number, price_change_percentage_24h: number }>} */ (
              body
            );
          return coins.map((c) => [
            c.name,
            c.symbol.toUpperCase(),
            money.format(c.current_price),
            `${pct.format(c.price_change_percentage_24h)}%`,
          ]);
        };
        const ul = b.plainMarquee(await poll(), speed || 40);
        const prices = [...ul.querySelectorAll('.price')];
        const changes = [...ul.querySelectorAll('.change')];
        window.__updates = 0;
        setInterval(() => {
          void poll().then((rows) => {
            rows.forEach((row, i) => {
              const price = prices[i];
              const change = changes[i];
              if (price) price.textContent = row[2] ?? '';
              if (change) change.textContent = row[3] ?? '';
            });
            window.__updates++;
          });
        }, 1000);
        await b.sleep(2500);
      },
      { url: `${LIVE}/coins/markets?vs_currency=usd&ids=${ids.join(',')}&precision=full`, speed },
    );
    // The baseline's polls reach the same server: counted there, like the ticker's.
    out.plain.push(await pollWindow(plainPage, () => requests.live));
    await plainPage.page.close();
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// 2. Idle cost: the strip scrolling with no data change vs a plain list of the same texts moved
//    at the same speed by one CSS transform animation. Only one page is open at a time, so the
//    CPU time of all Chromium processes is that page's.

/**
 * @param {Page} page
 * @param {CDPSession} cdp
 * @returns {Promise<IdleWindow>}
 */
async function idleWindow(page, cdp) {
  // How far the strip travelled (animation time, ms): proof that it was moving all along.
  const evidence = () => {
    const a = window.__anim;
    return a && a.playState === 'running' ? Number(a.currentTime) : null;
  };
  await page.evaluate(() => {
    window.__raf0 = window.__raf;
    window.__loaf0 = window.__loaf?.length ?? 0;
  });
  const a0 = await page.evaluate(evidence);
  const before = await metrics(cdp);
  const cpu0 = await cpuSeconds();
  const t0 = Date.now();
  await page.waitForTimeout(IDLE_MS);
  const cpu1 = await cpuSeconds();
  const d = delta(before, await metrics(cdp));
  const seconds = (Date.now() - t0) / 1000;
  const a1 = await page.evaluate(evidence);
  const counts = await page.evaluate(() => ({
    raf: window.__raf - window.__raf0,
    loaf: window.__loaf ? window.__loaf.length - window.__loaf0 : NaN,
  }));
  return {
    layouts: d.LayoutCount,
    styles: d.RecalcStyleCount,
    script: d.ScriptDuration * 1000,
    task: d.TaskDuration * 1000,
    cpu: ((cpu1 - cpu0) * 1000) / seconds,
    frames: seconds * FRAMES_PER_S,
    ...counts,
    moved: a1 !== null && a0 !== null ? a1 - a0 : null,
  };
}

async function benchIdle() {
  /**
   * @type {{
   *   ticker: IdleWindow[], plain: IdleWindow[], speed: number, rows: string[][],
   *   animation: { count: number, playState: string | undefined, property: string } | null,
   * }}
   */
  const out = { ticker: [], plain: [], speed: 0, rows: [], animation: null };
  for (let rep = 0; rep < IDLE_REPS; rep++) {
    {
      const { page, cdp } = await openPage();
      const shown = await page.evaluate(
        async (/** @type {TickerArgs} */ { ids, endpoint, n }) => {
          const b = window.__bench;
          const el = (window.__el = await b.showTicker({ ids, endpoint, n }));
          await b.sleep(300); // loop copies rendered
          // Taken once, here: getAnimations() itself makes a style update, which would be counted.
          const track = /** @type {Element} */ (el.shadowRoot?.querySelector('.track'));
          window.__anim = track.getAnimations()[0];
          const speed = b.speedOf(el);
          await b.sleep(1500);
          return { rows: b.rowsOf(el), speed };
        },
        { ids: idsOf(0), endpoint: LIVE, n: COINS },
      );
      out.rows = shown.rows;
      out.speed = shown.speed;
      out.ticker.push(await idleWindow(page, cdp));
      out.animation ??= await page.evaluate(() => {
        const track = /** @type {Element} */ (window.__el.shadowRoot?.querySelector('.track'));
        const a = track.getAnimations();
        return {
          count: a.length,
          playState: a[0]?.playState,
          property: Object.keys(/** @type {KeyframeEffect | undefined} */ (a[0]?.effect)?.getKeyframes()[0] ?? {})
            .filter((k) => !['offset', 'easing', 'composite', 'computedOffset'].includes(k))
            .join(','),
        };
      });
      await page.close();
    }
    {
      const { page, cdp } = await openPage();
      await page.evaluate(
        async ({ rows, speed }) => {
          const ul = window.__bench.plainMarquee(rows, speed || 40);
          window.__anim = ul.getAnimations()[0];
          await window.__bench.sleep(1500);
        },
        { rows: out.rows, speed: out.speed },
      );
      out.plain.push(await idleWindow(page, cdp));
      await page.close();
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// 3. Memory: 10 tickers of 50 coins vs 10 plain lists of the same texts; then 100 tickers
//    created and removed (leak check).

async function benchMemory() {
  const result = {};
  let rows;
  {
    const { page, cdp } = await openPage();
    // One ticker first and gone, so lazily made things (Intl formatters, styles) exist before "before".
    await page.evaluate(
      async (/** @type {TickerArgs} */ { ids, endpoint, n }) => {
        const b = window.__bench;
        const el = await b.showTicker({ ids, endpoint, n });
        el.remove();
        await b.sleep(200);
      },
      { ids: idsOf(200), endpoint: LIVE, n: COINS },
    );
    const empty = await heap(cdp);
    rows = await page.evaluate(
      async ({ sets, endpoint, n }) => {
        const b = window.__bench;
        // Distinct coin lists: ten feeds, the worst case (identical tickers would share one).
        const els = sets.map((ids) => b.ticker({ coins: ids.join(','), endpoint, interval: '3600' }));
        document.body.append(...els);
        for (const el of els) await b.rendered(el, n);
        await b.sleep(1400); // nothing changes after the first render, but let any timer run
        window.__els = els;
        return els.map((el) => b.rowsOf(el));
      },
      { sets: Array.from({ length: MEMORY_TICKERS }, (_, k) => idsOf(k * 7)), endpoint: LIVE, n: COINS },
    );
    const full = await heap(cdp);
    // The same again once those are gone: now the code the first ten had V8 compile and optimise
    // (a once-per-page cost, not a per-ticker one) is there before "before", and only what ten
    // tickers hold is counted.
    await page.evaluate(async () => {
      for (const el of window.__els ?? []) el.remove();
      window.__els = null;
      await window.__bench.sleep(300);
    });
    const warmEmpty = await heap(cdp);
    await page.evaluate(
      async ({ sets, endpoint, n }) => {
        const b = window.__bench;
        const els = sets.map((ids) => b.ticker({ coins: ids.join(','), endpoint, interval: '3600' }));
        document.body.append(...els);
        for (const el of els) await b.rendered(el, n);
        await b.sleep(1400);
        window.__els = els;
      },
      { sets: Array.from({ length: MEMORY_TICKERS }, (_, k) => idsOf(k * 7 + 3)), endpoint: LIVE, n: COINS },
    );
    const warmFull = await heap(cdp);
    result.ticker = { empty, full, warmEmpty, warmFull };

    // Leak check: remove those, then 100 more (10 rounds of 10, each with its own feed) come and go.
    await page.evaluate(async () => {
      for (const el of window.__els ?? []) el.remove();
      window.__els = null;
      await window.__bench.sleep(300);
    });
    const churn = (/** @type {number} */ rounds, /** @type {number} */ first) =>
      page.evaluate(
        async ({ rounds, per, endpoint, n, universe, first }) => {
          const b = window.__bench;
          for (let r = 0; r < rounds; r++) {
            const els = Array.from({ length: per }, (_, k) => {
              const offset = (first + r * per + k) * 3;
              const ids = Array.from(
                { length: n },
                (_, j) => `coin-${String((offset + j) % universe).padStart(3, '0')}`,
              );
              return b.ticker({ coins: ids.join(','), endpoint, interval: '3600' });
            });
            document.body.append(...els);
            for (const el of els) await b.rendered(el, n);
            await b.settle();
            for (const el of els) el.remove();
            await b.sleep(20);
          }
          await b.sleep(300);
        },
        { rounds, per: MEMORY_TICKERS, endpoint: LIVE, n: COINS, universe: UNIVERSE.length, first },
      );
    // A first round, so that what is made once (compiled code, style caches) is there before "before".
    await churn(2, 1000);
    const before = await heap(cdp);
    await churn(LEAK_ROUNDS, 0);
    const after = await heap(cdp);
    result.leak = { before, after, count: LEAK_ROUNDS * MEMORY_TICKERS };
    await page.close();
  }
  {
    const { page, cdp } = await openPage();
    const empty = await heap(cdp);
    await page.evaluate(async (sets) => {
      for (const rows of sets) document.body.append(window.__bench.plainList(rows));
      await window.__bench.sleep(300);
    }, rows);
    const full = await heap(cdp);
    result.plain = { empty, full };
    await page.close();
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// 4. First render: from appending the element to its coins on screen on a fresh page, the data
//    already in the browser's HTTP cache, vs a plain script that fetches the same cached URL and
//    builds a list.

async function benchFirstRender() {
  // A first render happens once per page load, with nothing warmed up: every repetition is a
  // fresh page (in one browser context, so they share its HTTP cache), ticker and baseline
  // pages alternating.
  /**
   * @type {{
   *   ticker: Array<{ total: number, fetchStart: number, firstRaf: number, secondRaf: number, afterResponse: number, shared: number }>,
   *   shared: number[],
   *   plain: number[],
   *   plainRequest: Array<{ total: number, fetchStart: number, firstRaf: number }>,
   *   slow: Array<{ total: number, afterResponse: number }>,
   *   slowPlain: Array<{ total: number, afterResponse: number }>,
   *   floor: number[],
   *   fullFloor: number[],
   *   url?: string,
   *   networkRequests?: number,
   * }}
   */
  const out = {
    ticker: [],
    shared: [],
    plain: [],
    plainRequest: [],
    floor: [],
    fullFloor: [],
    slow: [],
    slowPlain: [],
  };
  const ids = idsOf(100);
  const args = { ids, endpoint: CACHED, n: COINS };
  const context = await browser.newContext({ viewport: VIEWPORT });
  // Warm the HTTP cache with the exact URL the ticker asks for, and learn that URL.
  {
    const { page } = await openPage(context);
    out.url = await page.evaluate(async (/** @type {TickerArgs} */ { ids, endpoint, n }) => {
      await window.__bench.showTicker({ ids, endpoint, n });
      return /** @type {PerformanceEntry} */ (
        performance.getEntriesByType('resource').find((e) => e.name.includes('/coins/markets'))
      ).name;
    }, args);
    await page.close();
  }
  const cachedBefore = requests.cached;

  const tickerRep = async () => {
    const { page } = await openPage(context);
    const result = await page.evaluate(async (/** @type {TickerArgs} */ { ids, endpoint, n }) => {
      const b = window.__bench;
      const el = b.ticker({ coins: ids.join(','), endpoint, interval: '3600' });
      await b.settle();
      const t0 = performance.now();
      document.body.append(el);
      // The first frame after connecting: its rAF callbacks run before its style, layout and paint.
      let firstRaf = NaN;
      let secondRaf = NaN;
      window.requestAnimationFrame(() => {
        firstRaf = performance.now();
        window.requestAnimationFrame(() => (secondRaf = performance.now()));
      });
      await new Promise((resolve) => el.addEventListener('price-ticker-update', resolve, { once: true }));
      await el.updateComplete;
      await b.frame();
      const t1 = performance.now();
      if (b.items(el) !== n) throw new Error(`first render: ${b.items(el)} coins shown`);
      const resources = /** @type {PerformanceResourceTiming[]} */ (performance.getEntriesByType('resource'));
      const fetched = resources.find((e) => e.name.includes('/coins/markets'));
      // A second ticker of the same data joins the shared feed: it has the data at once. The
      // first is held still so that its scrolling does not compete for the CPU.
      el.paused = true;
      await el.updateComplete;
      await b.sleep(100);
      const second = b.ticker({ coins: ids.join(','), endpoint, interval: '3600' });
      await b.settle();
      const t2 = performance.now();
      document.body.append(second);
      await second.updateComplete;
      if (b.items(second) !== n) await b.rendered(second, n);
      await b.frame();
      const t3 = performance.now();
      return {
        total: t1 - t0,
        fetchStart: fetched ? fetched.startTime - t0 : NaN,
        firstRaf: firstRaf - t0,
        secondRaf: secondRaf - t0,
        afterResponse: fetched ? t1 - fetched.responseEnd : NaN,
        shared: t3 - t2,
      };
    }, args);
    await page.close();
    return result;
  };
  const plainRep = async (
    /** @type {string} */ url,
    /** @type {import('playwright-core').BrowserContext} */ at = context,
  ) => {
    const { page } = await openPage(at);
    const result = await page.evaluate(async (url) => {
      const b = window.__bench;
      await b.settle();
      const t0 = performance.now();
      let firstRaf = NaN;
      window.requestAnimationFrame(() => (firstRaf = performance.now()));
      const answer = fetch(url, {
        headers: { Accept: 'application/json' },
        credentials: 'omit',
        referrerPolicy: 'no-referrer',
      });
      /** @type {unknown} */
      const body = JSON.parse(await (await answer).text());
      const coins =
        /** @type {Array<{ name: string, symbol: string, current_price: number, price_change_percentage_24h: number }>} */ (
          body
        );
      const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumSignificantDigits: 6 });
      const pct = new Intl.NumberFormat('en-US', {
        minimumFractionDigits: 2,
        maximumFractionDigits: 2,
        signDisplay: 'exceptZero',
      });
      const ul = b.plainList(
        coins.map((c) => [
          c.name,
          c.symbol.toUpperCase(),
          money.format(c.current_price),
          `${pct.format(c.price_change_percentage_24h)}%`,
        ]),
      );
      document.body.append(ul);
      await b.frame();
      const t1 = performance.now();
      const fetched = await b.lastFetch();
      return {
        total: t1 - t0,
        fetchStart: fetched ? fetched.startTime - t0 : NaN,
        firstRaf: firstRaf - t0,
        afterResponse: fetched ? t1 - fetched.responseEnd : NaN,
      };
    }, url);
    await page.close();
    return result;
  };

  // The floor of an exact first render: the plain script with the package's own exact parse and
  // format (dist/lib, loaded before the clock starts, its code as cold as the bundle's). The full
  // floor also shows the rest of what the ticker shows, as the update's full floor does (see
  // openFloorPage): the list moving in its window, a phrase per coin, logo boxes, the changes'
  // colour, arrow and room, and the loop copies.
  const floorRep = async (/** @type {boolean} */ full) => {
    const { page } = await openPage(context);
    const total = await page.evaluate(
      async ({ url, full }) => {
        const b = window.__bench;
        const { format, json } = await b.lib();
        await b.settle();
        const t0 = performance.now();
        const answer = fetch(url, {
          headers: { Accept: 'application/json' },
          credentials: 'omit',
          referrerPolicy: 'no-referrer',
        });
        const coins =
          /** @type {Array<{ name: string, symbol: string, current_price: string, price_change_percentage_24h: string }>} */ (
            json.parseExactJson(await (await answer).text())
          );
        const options = { currency: 'usd', locale: 'en-US' };
        const rows = coins.map((c) => [
          c.name,
          c.symbol.toUpperCase(),
          format.formatPrice(c.current_price, options),
          format.formatChange(c.price_change_percentage_24h, options),
        ]);
        const ul = b.plainList(rows);
        if (full) {
          const box = document.createElement('div');
          box.className = 'marquee';
          box.append(ul);
          document.body.append(box);
          const { write } = b.dressFull(ul, 40, format);
          coins.forEach((c, i) => {
            const [, , price = '', change = ''] = /** @type {string[]} */ (rows[i]);
            write(i, c, price, c.price_change_percentage_24h, change);
          });
        } else document.body.append(ul);
        await b.frame();
        return performance.now() - t0;
      },
      { url: out.url ?? '', full },
    );
    await page.close();
    return total;
  };
  // A first visit over a real network: nothing cached, the answer SLOW_ANSWER_MS after its
  // request, each page in a new browser context: nothing cached and nothing stored (no other
  // tab's claim on the feed to wait for), as on a visitor's first visit. What the ticker does
  // while it waits (its formatters made) shows after the answer.
  /**
   * @template T
   * @param {(at: import('playwright-core').BrowserContext) => Promise<T>} measure
   */
  const firstVisit = async (measure) => {
    const fresh = await browser.newContext({ viewport: VIEWPORT });
    try {
      return await measure(fresh);
    } finally {
      await fresh.close();
    }
  };
  const slowRep = async (/** @type {import('playwright-core').BrowserContext} */ at) => {
    const { page } = await openPage(at);
    const result = await page.evaluate(
      async (/** @type {TickerArgs} */ { ids, endpoint, n }) => {
        const b = window.__bench;
        const el = b.ticker({ coins: ids.join(','), endpoint, interval: '3600' });
        await b.settle();
        const t0 = performance.now();
        document.body.append(el);
        await new Promise((resolve) => el.addEventListener('price-ticker-update', resolve, { once: true }));
        await el.updateComplete;
        await b.frame();
        const t1 = performance.now();
        if (b.items(el) !== n) throw new Error(`first visit: ${b.items(el)} coins shown`);
        const fetched = await b.lastFetch();
        return { total: t1 - t0, afterResponse: fetched ? t1 - fetched.responseEnd : NaN };
      },
      { ...args, endpoint: SLOW },
    );
    await page.close();
    return result;
  };
  const slowUrl = (out.url ?? '').replace(CACHED, SLOW);
  for (let rep = 0; rep < FIRST_RENDER_REPS; rep++) {
    const t = await tickerRep();
    out.ticker.push(t);
    out.shared.push(t.shared);
    const p = await plainRep(out.url ?? '');
    out.plain.push(p.total);
    out.plainRequest.push(p);
    out.floor.push(await floorRep(false));
    out.fullFloor.push(await floorRep(true));
  }
  // Apart: closing a browser context is work of its own for the browser, not to fall on the
  // pages above.
  for (let rep = 0; rep < FIRST_RENDER_REPS; rep++) {
    out.slow.push(await firstVisit(slowRep));
    out.slowPlain.push(await firstVisit((at) => plainRep(slowUrl, at)));
  }
  out.networkRequests = requests.cached - cachedBefore; // should be 0: all from the HTTP cache
  await context.close();
  return out;
}

// ---------------------------------------------------------------------------------------------
// 5. Loop copies: how many coins the strip copies after its list at 1280 px vs how many a
//    seamless loop needs. The track moves left by one period (the list's width) and starts
//    over; at a shift s (0 ≤ s < period) the viewport shows [s, s + viewport], so after the list
//    the copies must hold every coin that starts less than one viewport width after the list's
//    end: the whole list floor(viewport / period) times, then the coins of the list that start
//    within what is left. None when the strip does not move.

// 7. Sparklines: what an update costs where only the coins' 7-day series changed, against one
//    where only their prices changed and one where nothing did, on one page of 50 coins with
//    `fields="… sparkline"` (168 points each) and a custom fetcher. A new series should move no
//    box: only the SVG lines' own geometry is laid out again.

async function benchSparklines() {
  const { page, cdp } = await openPage();
  await page.evaluate(async (n) => {
    const turn = { price: 0, series: 0 };
    const el = document.createElement('price-ticker');
    el.setAttribute('fields', 'logo name symbol price change sparkline');
    el.setAttribute('interval', '3600');
    el.fetcher = () =>
      Promise.resolve(
        Array.from({ length: n }, (_, i) => ({
          id: `c${i}`,
          symbol: `c${i}`,
          name: `Coin ${i}`,
          price: `${100 + i}.${turn.price % 2 ? 25 : 75}`,
          change: '1.5',
          sparkline: Array.from({ length: 168 }, (_, k) =>
            (100 + Math.sin((k + turn.series * 7 + i) / 9) * 10).toFixed(4),
          ),
        })),
      );
    document.body.append(el);
    window.__el = el;
    window.__turn = turn;
    while (el.quotes.length === 0) await window.__bench.sleep(10);
    for (let i = 0; i < 4; i++) {
      turn.price++;
      turn.series++;
      await el.refresh();
      await el.updateComplete;
    }
    await window.__bench.sleep(1500);
  }, COINS);
  /** @type {Record<'series' | 'price' | 'none', Array<{ layouts: number, layout: number, style: number }>>} */
  const out = { series: [], price: [], none: [] };
  for (let rep = 0; rep < 6; rep++)
    for (const kind of /** @type {const} */ (['series', 'price', 'none'])) {
      const before = await metrics(cdp);
      await page.evaluate(async (kind) => {
        if (kind !== 'none') window.__turn[kind]++;
        await window.__el.refresh();
        await window.__el.updateComplete;
        await window.__bench.sleep(1500); // the tint's end included
      }, kind);
      const d = delta(before, await metrics(cdp));
      out[kind].push({ layouts: d.LayoutCount, layout: d.LayoutDuration * 1000, style: d.RecalcStyleDuration * 1000 });
    }
  await page.close();
  return out;
}

async function benchCopies() {
  /**
   * @type {Array<{ coins: number, lists: number, copied: number, needed: number, viewport: number, period: number, moving: boolean }>}
   */
  const out = [];
  for (const n of COPIES_COINS) {
    const { page } = await openPage();
    out.push(
      await page.evaluate(
        async (/** @type {TickerArgs} */ { ids, endpoint, n }) => {
          const b = window.__bench;
          const el = await b.showTicker({ ids, endpoint, n });
          await b.sleep(500); // sizes observed, copies rendered
          const root = /** @type {ShadowRoot} */ (el.shadowRoot);
          const lists = root.querySelectorAll('.track > .list').length;
          const copied = root.querySelectorAll('.track > .list[aria-hidden] > [part~="item"]').length;
          const list = /** @type {Element} */ (root.querySelector('.track > .list:not([aria-hidden])'));
          const start = list.getBoundingClientRect().left;
          const lefts = [...list.querySelectorAll(':scope > [part~="item"]')].map(
            (item) => item.getBoundingClientRect().left - start,
          );
          const viewport = root.querySelector('.viewport')?.getBoundingClientRect().width ?? el.clientWidth;
          const speed = b.speedOf(el);
          const animation = root.querySelector('.track')?.getAnimations()[0];
          const period = (speed * Number(animation?.effect?.getTiming().duration)) / 1000;
          const moving = speed > 0 && animation?.playState === 'running';
          let needed = 0;
          if (moving)
            for (let k = 0; k * period < viewport; k++) needed += lefts.filter((x) => k * period + x < viewport).length;
          return { coins: n, lists, copied, needed, viewport, period, moving };
        },
        { ids: idsOf(0, n), endpoint: LIVE, n },
      ),
    );
    await page.close();
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// 6. Controls: the same measurements of things known to be bad, so that a "met" above means
//    the measurement could have said "not met".

async function benchControls() {
  const rows = Array.from({ length: COINS }, (_, i) => [`Coin ${i}`, `C${i}`, `$${1000 + i}.00`, '+1.00%']);
  const out = {};
  {
    // Style recalcs: writing 100 texts, then the same with 100 animations of the text colour
    // (never composited: style is recalculated in every frame while they run; Chromium may run
    // background-color animations on the compositor).
    const { page, cdp } = await openPage();
    await page.evaluate(async (rows) => {
      const ul = window.__bench.plainList(rows);
      document.body.append(ul);
      window.__plain = {
        ul,
        rows: [rows],
        turn: 0,
        prices: [...ul.querySelectorAll('.price')].map((e) => /** @type {HTMLElement} */ (e)),
        changes: [...ul.querySelectorAll('.change')].map((e) => /** @type {HTMLElement} */ (e)),
      };
      await window.__bench.sleep(300);
    }, rows);
    /** @param {boolean} animate */
    const window_ = async (animate) => {
      const before = await metrics(cdp);
      await page.evaluate(
        async ({ animate, windowMs }) => {
          const p = window.__plain;
          [...p.prices, ...p.changes].forEach((e, i) => {
            e.textContent = `${i}:${Math.random()}`;
            if (animate) e.animate({ color: ['#0a0', '#000'] }, { duration: 1200, easing: 'ease-out' });
          });
          await window.__bench.sleep(windowMs);
        },
        { animate, windowMs: UPDATE_WINDOW_MS },
      );
      const d = delta(before, await metrics(cdp));
      return { styles: d.RecalcStyleCount, task: d.TaskDuration * 1000 };
    };
    out.texts = await window_(false);
    out.flashes = await window_(true);
    await page.close();
  }
  {
    // Idle: the plain list moved by script (margin set in every frame) instead of by CSS.
    const { page, cdp } = await openPage();
    await page.evaluate(async (rows) => {
      window.__bench.plainMovedByScript(rows, 40);
      await window.__bench.sleep(1500);
    }, rows);
    out.scripted = await idleWindow(page, cdp);
    await page.close();
  }
  {
    // Memory: 10 plain lists of 50 rows add exactly 10 × (1 + 50 × 9) nodes; 100,000 small
    // objects held add at least 1.6 MB of JS heap.
    const { page, cdp } = await openPage();
    const empty = await heap(cdp);
    await page.evaluate((rows) => {
      for (let k = 0; k < 10; k++) document.body.append(window.__bench.plainList(rows));
    }, rows);
    const lists = await heap(cdp);
    await page.evaluate(() => {
      window.__hold = Array.from({ length: 100_000 }, (_, i) => ({ i }));
    });
    const held = await heap(cdp);
    out.nodes = { added: lists.nodes - empty.nodes, expected: 10 * (1 + COINS * 9) };
    out.heldJs = held.js - lists.js;
    await page.close();
  }
  return /** @type {{ texts: { styles: number, task: number }, flashes: { styles: number, task: number }, scripted: IdleWindow, nodes: { added: number, expected: number }, heldJs: number }} */ (
    out
  );
}

// ---------------------------------------------------------------------------------------------
// Run, print, write.

/** @type {Awaited<ReturnType<typeof benchUpdate>> | undefined} */
let update;
/** @type {Awaited<ReturnType<typeof benchUpdate>> | undefined} */
let update250;
/** @type {Awaited<ReturnType<typeof benchPolling>> | undefined} */
let polling;
/** @type {Awaited<ReturnType<typeof benchIdle>> | undefined} */
let idle;
/** @type {Awaited<ReturnType<typeof benchMemory>> | undefined} */
let memory;
/** @type {Awaited<ReturnType<typeof benchFirstRender>> | undefined} */
let first;
/** @type {Awaited<ReturnType<typeof benchCopies>> | undefined} */
let copies;
/** @type {Awaited<ReturnType<typeof benchSparklines>> | undefined} */
let sparklines;
/** @type {Awaited<ReturnType<typeof benchStream>> | undefined} */
let stream;
/** @type {Awaited<ReturnType<typeof benchControls>> | undefined} */
let controls;
/** @type {Record<string, string>} */
const timings = {};
/**
 * @template T
 * @param {string} name
 * @param {() => Promise<T>} fn
 * @returns {Promise<T | undefined>}
 */
const timed = async (name, fn) => {
  if (!runs(name)) return undefined;
  const t = Date.now();
  console.error(`bench: ${name}…`);
  const result = await fn();
  timings[name] = ((Date.now() - t) / 1000).toFixed(1);
  return result;
};
/** @type {string} */
let chromiumVersion;
try {
  update = await timed('update', () => benchUpdate(COINS));
  update250 = await timed('update250', () => benchUpdate(MANY_COINS));
  polling = await timed('polling', benchPolling);
  idle = await timed('idle', benchIdle);
  memory = await timed('memory', benchMemory);
  first = await timed('first', benchFirstRender);
  copies = await timed('copies', benchCopies);
  sparklines = await timed('sparklines', benchSparklines);
  stream = await timed('stream', () => benchStream(browser));
  controls = await timed('controls', benchControls);
} finally {
  chromiumVersion = browser.version();
  await browser.close();
  await api.close();
}

const f = (/** @type {number} */ x, digits = 1) => (Number.isFinite(x) ? x.toFixed(digits) : 'n/a');
const kb = (/** @type {number} */ bytes) => `${Math.round(bytes / 1024).toLocaleString('en-US')} KB`;
const times = (/** @type {number} */ a, /** @type {number} */ b) => (b > 0 && Number.isFinite(a) ? a / b : NaN);
const ratio = (/** @type {number} */ a, /** @type {number} */ b) =>
  b > 0 && Number.isFinite(a) ? `${(a / b).toFixed(a / b >= 10 ? 0 : 2)}×` : a === 0 && b === 0 ? '— (0 / 0)' : 'n/a';
const ms = (/** @type {number} */ x) => f(x, x < 10 ? 2 : 1);
const NOT_RUN = 'not run';

/** @param {NonNullable<typeof update>} u */
const updateMedians = (u) => ({
  total: medianOf(u.ticker, 'total'),
  network: medianOf(u.ticker, 'network'),
  work: medianOf(u.ticker, 'work'),
  task: medianOf(u.ticker, 'task'),
  styles: medianOf(u.ticker, 'styles'),
  animations: medianOf(u.ticker, 'animations'),
  plain: medianOf(u.plain, 'total'),
  plainWork: medianOf(u.plain, 'work'),
  plainTask: medianOf(u.plain, 'task'),
  plainStyles: medianOf(u.plain, 'styles'),
  floorWork: medianOf(u.floor, 'work'),
  floorTask: medianOf(u.floor, 'task'),
  floorStyles: medianOf(u.floor, 'styles'),
  fullFloorWork: medianOf(u.fullFloor, 'work'),
  fullFloorTask: medianOf(u.fullFloor, 'task'),
  fullFloorStyles: medianOf(u.fullFloor, 'styles'),
});
/** @param {IdleWindow[]} windows */
const idleMedians = (windows) => ({
  layouts: medianOf(windows, 'layouts'),
  styles: medianOf(windows, 'styles'),
  script: medianOf(windows, 'script'),
  task: medianOf(windows, 'task'),
  cpu: medianOf(windows, 'cpu'),
  frames: medianOf(windows, 'frames'),
  raf: medianOf(windows, 'raf'),
  loaf: medianOf(windows, 'loaf'),
});
/** @param {PollFigures[]} windows */
const pollMedians = (windows) => ({
  task: medianOf(windows, 'task'),
  styles: medianOf(windows, 'styles'),
  updates: medianOf(windows, 'updates'),
  loaf: medianOf(windows, 'loaf'),
});

const u = update && updateMedians(update);
const u250 = update250 && updateMedians(update250);
const pt = polling && pollMedians(polling.ticker);
const pp = polling && pollMedians(polling.plain);
const pf = polling && pollMedians(polling.floor);
const pff = polling && pollMedians(polling.fullFloor);
const pif = polling?.inViewFloor.length ? pollMedians(polling.inViewFloor) : null;
const it = idle && idleMedians(idle.ticker);
const ip = idle && idleMedians(idle.plain);
const moved = idle && median(idle.ticker.map((r) => r.moved ?? 0));
const plainMoved = idle && median(idle.plain.map((r) => r.moved ?? 0));
const mem = memory && {
  js: memory.ticker.warmFull.js - memory.ticker.warmEmpty.js,
  coldJs: memory.ticker.full.js - memory.ticker.empty.js,
  blink: memory.ticker.full.blink - memory.ticker.empty.blink,
  nodes: memory.ticker.full.nodes - memory.ticker.empty.nodes,
  plainJs: memory.plain.full.js - memory.plain.empty.js,
  plainBlink: memory.plain.full.blink - memory.plain.empty.blink,
  plainNodes: memory.plain.full.nodes - memory.plain.empty.nodes,
};
const fr = first && {
  ticker: medianOf(first.ticker, 'total'),
  fetchStart: medianOf(first.ticker, 'fetchStart'),
  firstRaf: medianOf(first.ticker, 'firstRaf'),
  beforeFrame: first.ticker.filter((r) => r.fetchStart <= r.firstRaf).length,
  beforeSecondFrame: first.ticker.filter((r) => r.fetchStart <= r.secondRaf).length,
  plainBeforeFrame: first.plainRequest.filter((r) => r.fetchStart <= r.firstRaf).length,
  afterResponse: medianOf(first.ticker, 'afterResponse'),
  shared: median(first.shared),
  plain: median(first.plain),
  floor: median(first.floor),
  fullFloor: median(first.fullFloor),
  slow: medianOf(first.slow, 'total'),
  slowAfter: medianOf(first.slow, 'afterResponse'),
  slowPlain: medianOf(first.slowPlain, 'total'),
  slowPlainAfter: medianOf(first.slowPlain, 'afterResponse'),
};

// ---- the targets -----------------------------------------------------------------------------

/** One row: what was measured, the target, and whether it is met (null: not measured). */
/**
 * `met`: true, false, null (not measured), or `'floor'`: not met, and its floor, measured in the
 * same run, is itself beyond the target in at least three quarters of its repetitions (the
 * proof that the target is beyond the platform: a floor that sits on the target, beyond it in
 * some repetitions and not in others, proves nothing).
 * @typedef {[figure: string, measured: string, target: string, met: boolean | 'floor' | null]} TargetRow
 */
const metText = (/** @type {TargetRow[3]} */ met) =>
  met === null
    ? NOT_RUN
    : met === 'floor'
      ? '**not met**: its floor is beyond the target too'
      : met
        ? 'met'
        : '**not met**';
/** @type {TargetRow[]} */
const targets = [];
/**
 * @param {string} figure
 * @param {string} goal
 * @param {[measured: string, met: TargetRow[3]] | null} result null when its section did not run
 */
const target = (figure, goal, result) => {
  const [measured, met] = result ?? [NOT_RUN, null];
  targets.push([figure, measured, goal, met]);
};
/** Repetitions a floor must be beyond its target in, for the target to count as beyond the platform. */
const FLOOR_SHARE = 0.75;
/**
 * A target "price-ticker ÷ baseline ≤ limit".
 * @param {string} figure
 * @param {number} limit
 * @param {[number, number] | null | undefined} sides price-ticker's and the baseline's medians
 * @param {(x: number) => string} show one side with its unit
 * @param {string} [note] what else the figure needs said (a floor measured beside it)
 * @param {number[]} [floor] the floor's repetitions, on the same scale, when one was measured
 */
const ratioTarget = (figure, limit, sides, show, note = '', floor = []) => {
  if (!sides) return target(figure, `≤ ${limit}×`, null);
  const [mine, theirs] = sides;
  const r = times(mine, theirs);
  const beyond = floor.filter((x) => times(x, theirs) > limit).length;
  const met = r <= limit || (floor.length > 0 && beyond >= FLOOR_SHARE * floor.length && 'floor');
  const reps =
    floor.length && r > limit ? `; the full floor beyond the target in ${beyond} of ${floor.length} repetitions` : '';
  target(figure, `≤ ${limit}×`, [`${f(r, r >= 10 ? 0 : 2)}× (${show(mine)} vs ${show(theirs)})${note}${reps}`, met]);
};
const msText = (/** @type {number} */ x) => `${ms(x)} ms`;
/** What the full floor shows beyond the exact floor (see openFloorPage). */
const FULL_FLOOR_SHOWS =
  "a spoken phrase per coin, logo boxes, the changes' colour, arrow and room, a seamless loop with its copies";
/**
 * What the floors of an update cost: the exact floor (fetch, exact parse and format, the texts,
 * the tint), and the full floor (also the rest of what the strip shows).
 */
const floorNote = (/** @type {ReturnType<typeof updateMedians>} */ m) =>
  `; the exact floor, ${ms(m.floorTask)} ms, is ${f(times(m.floorTask, m.plainTask), 2)}× the texts; ` +
  `the full floor (also ${FULL_FLOOR_SHOWS}), ${ms(m.fullFloorTask)} ms, ` +
  `is ${f(times(m.fullFloorTask, m.plainTask), 2)}×, and the ticker ${f(times(m.task, m.fullFloorTask), 2)}× the full floor`;
ratioTarget(
  `update of ${COINS} changed prices, main-thread work vs writing the texts`,
  2,
  u && [u.task, u.plainTask],
  msText,
  u ? floorNote(u) : '',
  update?.fullFloor.map((r) => r.task),
);
ratioTarget(
  `the same at ${MANY_COINS} coins`,
  2,
  u250 && [u250.task, u250.plainTask],
  msText,
  u250 ? floorNote(u250) : '',
  update250?.fullFloor.map((r) => r.task),
);
target(
  'style recalcs per update',
  '≤ 3',
  u || u250
    ? [
        [u && `${u.styles} at ${COINS} coins`, u250 && `${u250.styles} at ${MANY_COINS}`].filter(Boolean).join(', ') +
          ` (the plain list: ${u?.plainStyles ?? u250?.plainStyles}, counting the bench's own frame and layout reads; ` +
          `the exact floor, the plain list with the moved prices tinted by the way they moved for 1.2 s: ${u?.floorStyles ?? u250?.floorStyles}; ` +
          `the full floor, with the rest of what the strip shows: ${[u?.fullFloorStyles, u250?.fullFloorStyles].filter((x) => x !== undefined).join(' and ')})`,
        Math.max(u?.styles ?? 0, u250?.styles ?? 0) <= 3 ||
          (Math.min(u?.fullFloorStyles ?? Infinity, u250?.fullFloorStyles ?? Infinity) > 3 && 'floor'),
      ]
    : null,
);
ratioTarget(
  'polling every 1 s, main-thread ms per s vs the baseline',
  2,
  pt && pp && [pt.task, pp.task],
  (x) => `${f(x)} ms/s`,
  pt && pp && pf && pff
    ? `; the exact floor (the update's, every second), ${f(pf.task)} ms/s, is ${f(times(pf.task, pp.task), 2)}× the baseline; ` +
        `the full floor, ${f(pff.task)} ms/s, is ${f(times(pff.task, pp.task), 2)}×, and the ticker ${f(times(pt.task, pff.task), 2)}× the full floor` +
        (pif && polling
          ? `; the full floor writing only the coins in view (${polling.inView} of ${COINS}, every coin's phrase still), ${f(pif.task)} ms/s, is ${f(times(pif.task, pp.task), 2)}× (not a target)`
          : '')
    : '',
  polling?.fullFloor.map((r) => r.task),
);
const FLOOD_RATE = STREAM_RATES[STREAM_RATES.length - 1] ?? 0;
/** The median of one figure of the stream section's pages: polling, or streaming at `rate`. */
const streamMedian = (
  /** @type {number} */ rate,
  /** @type {'task' | 'script' | 'updates' | 'connections' | 'floodWarnings' | 'sent'} */ key,
) => (stream ? median((rate ? (stream.streams[rate] ?? []) : stream.poll).map((r) => r[key])) : NaN);
ratioTarget(
  `a stream flooded with ${FLOOD_RATE.toLocaleString('en-US')} messages a second, main-thread ms per s vs polling every 1 s`,
  2,
  stream && [streamMedian(FLOOD_RATE, 'task'), streamMedian(0, 'task')],
  (x) => `${f(x)} ms/s`,
  stream
    ? `; below the flood limit, ${STREAM_RATES.slice(0, -1)
        .map(
          (rate) =>
            `${rate} messages a second cost ${f(times(streamMedian(rate, 'task'), streamMedian(0, 'task')), 2)}×`,
        )
        .join(', ')}`
    : '',
);
target(
  'idle scrolling: layouts / style recalcs / script per frame',
  '0 / 0 / 0',
  it
    ? [
        `${f(it.layouts / it.frames, 2)} / ${f(it.styles / it.frames, 2)} / ${f(it.script / it.frames, 3)} ms (${it.layouts} / ${it.styles} / ${ms(it.script)} ms in ${f(it.frames, 0)} frames)`,
        it.layouts === 0 && it.styles === 0 && it.script / it.frames < 0.0005,
      ]
    : null,
);
ratioTarget(
  'idle scrolling, CPU of all browser processes vs a plain list moved by one CSS transform animation',
  1.5,
  it && ip && [it.cpu, ip.cpu],
  (x) => `${f(x)} ms/s`,
);
ratioTarget(
  `DOM nodes, ${MEMORY_TICKERS} tickers × ${COINS} coins, vs the plain list`,
  2,
  mem && [mem.nodes, mem.plainNodes],
  String,
);
ratioTarget(
  'JS heap added, same (code compiled once per page not counted; see below)',
  5,
  mem && [mem.js, mem.plainJs],
  kb,
);
ratioTarget(
  'first render of cached data, append → prices on screen, vs fetch + parse + format + plain list',
  1.5,
  fr && [fr.ticker, fr.plain],
  msText,
  fr
    ? `; with the package's exact parse and format instead of JSON.parse and Intl alone (the exact floor), the plain list takes ${ms(fr.floor)} ms (${f(times(fr.floor, fr.plain), 2)}×); ` +
        `the full floor (also ${FULL_FLOOR_SHOWS}) takes ${ms(fr.fullFloor)} ms (${f(times(fr.fullFloor, fr.plain), 2)}×), and the ticker ${f(times(fr.ticker, fr.fullFloor), 2)}× the full floor`
    : '',
  first?.fullFloor,
);
target(
  'request start after connect, ticker on screen',
  'within the first frame',
  fr && first
    ? [
        `${ms(fr.fetchStart)} ms after the append, the first rAF at ${ms(fr.firstRaf)} ms: before it in ${fr.beforeFrame} of ${first.ticker.length} (before the next frame's rAF in ${fr.beforeSecondFrame})`,
        fr.beforeFrame === first.ticker.length,
      ]
    : null,
);
const copies10 = copies?.find((c) => c.coins === COPIES_COINS[0]);
target(
  `loop copies at ${VIEWPORT.width} px, ${COPIES_COINS[0]} coins`,
  'only as many as the width needs',
  copies10
    ? [
        `copies hold ${copies10.copied} coins (${copies10.lists} lists in all); ${copies10.needed} needed (those starting within ${f(copies10.viewport, 0)} px of the end of a ${f(copies10.period, 0)} px list)`,
        copies10.copied === copies10.needed,
      ]
    : null,
);
target('dist/price-ticker.js brotli', `≤ ${BUDGET_BROTLI_BYTES.toLocaleString('en-US')} B`, [
  `${BROTLI_BYTES.toLocaleString('en-US')} B`,
  BROTLI_BYTES <= BUDGET_BROTLI_BYTES,
]);

const targetTable = [
  '| figure (medians) | measured: price-ticker vs baseline | target | |',
  '| --- | --- | --- | --- |',
  ...targets.map(([figure, measured, goal, met]) => `| ${figure} | ${measured} | ${goal} | ${metText(met)} |`),
].join('\n');
const metCount = targets.filter((t) => t[3] === true).length;
const floorCount = targets.filter((t) => t[3] === 'floor').length;
const measuredCount = targets.filter((t) => t[3] !== null).length;

// ---- the details -----------------------------------------------------------------------------

/** @type {string[][]} */
const rows = [];
/** @param {ReturnType<typeof updateMedians>} m @param {number} n */
const updateRows = (m, n) => [
  [
    `**1. Update** of ${n} coins: refresh() → updateComplete → next frame, ms`,
    ms(m.total),
    ms(m.plain),
    ratio(m.total, m.plain),
  ],
  [
    '  main-thread work once the data is there, to DOM updated and laid out, ms',
    ms(m.work),
    ms(m.plainWork),
    ratio(m.work, m.plainWork),
  ],
  [
    `  main-thread busy in the ${UPDATE_WINDOW_MS / 1000} s after one refresh, ms (style recalcs)`,
    `${ms(m.task)} (${m.styles})`,
    `${ms(m.plainTask)} (${m.plainStyles})`,
    ratio(m.task, m.plainTask),
  ],
  [
    `  the exact floor (fetch, exact parse and format with the package's functions, the texts, the moved prices tinted up or down by one class): busy ms (style recalcs); work once the data is there, ms`,
    `${ms(m.task)} (${m.styles}); ${ms(m.work)}`,
    `${ms(m.floorTask)} (${m.floorStyles}); ${ms(m.floorWork)}`,
    `${ratio(m.task, m.floorTask)}; ${ratio(m.work, m.floorWork)}`,
  ],
  [
    `  the full floor (the exact floor, and ${FULL_FLOOR_SHOWS}): busy ms (style recalcs); work once the data is there, ms`,
    `${ms(m.task)} (${m.styles}); ${ms(m.work)}`,
    `${ms(m.fullFloorTask)} (${m.fullFloorStyles}); ${ms(m.fullFloorWork)}`,
    `${ratio(m.task, m.fullFloorTask)}; ${ratio(m.work, m.fullFloorWork)}`,
  ],
];
if (u) rows.push(...updateRows(u, COINS));
if (u250) rows.push(...updateRows(u250, MANY_COINS));
if (pt && pp)
  rows.push([
    `  polling every 1 s (interval="1"), main-thread busy ms per s (style recalcs/s)`,
    `${f(pt.task)} (${f(pt.styles, 0)})`,
    `${f(pp.task)} (${f(pp.styles, 0)})`,
    ratio(pt.task, pp.task),
  ]);
if (pt && pf && pff)
  rows.push(
    [
      `  polling every 1 s, against the exact floor of an update every second: busy ms per s (style recalcs/s)`,
      `${f(pt.task)} (${f(pt.styles, 0)})`,
      `${f(pf.task)} (${f(pf.styles, 0)})`,
      ratio(pt.task, pf.task),
    ],
    [
      `  polling every 1 s, against the full floor of an update every second: busy ms per s (style recalcs/s)`,
      `${f(pt.task)} (${f(pt.styles, 0)})`,
      `${f(pff.task)} (${f(pff.styles, 0)})`,
      ratio(pt.task, pff.task),
    ],
  );
if (pt && pif && polling)
  rows.push([
    `  polling every 1 s, against the full floor writing only the ${polling.inView} coins one window shows, and every coin's phrase: busy ms per s (style recalcs/s)`,
    `${f(pt.task)} (${f(pt.styles, 0)})`,
    `${f(pif.task)} (${f(pif.styles, 0)})`,
    ratio(pt.task, pif.task),
  ]);
if (stream)
  for (const rate of STREAM_RATES)
    rows.push([
      `  a stream of ${rate.toLocaleString('en-US')} Kraken messages a second (${f(streamMedian(rate, 'sent'), 0)} sent): main-thread busy ms per s (script); updates/s; connections and flood warnings in ${STREAM_WINDOW_MS / 1000} s`,
      `${f(streamMedian(rate, 'task'))} (${f(streamMedian(rate, 'script'))}); ${f(streamMedian(rate, 'updates'), 2)}; ${streamMedian(rate, 'connections')}, ${streamMedian(rate, 'floodWarnings')}`,
      `polling every 1 s: ${f(streamMedian(0, 'task'))} (${f(streamMedian(0, 'script'))}); ${f(streamMedian(0, 'updates'), 2)}`,
      ratio(streamMedian(rate, 'task'), streamMedian(0, 'task')),
    ]);
if (it && ip)
  rows.push(
    [
      `**2. Idle** ${IDLE_MS / 1000} s, scrolling: LayoutCount / RecalcStyleCount`,
      `${it.layouts} / ${it.styles}`,
      `${ip.layouts} / ${ip.styles}`,
      ratio(it.layouts + it.styles, ip.layouts + ip.styles),
    ],
    [
      '  ScriptDuration / TaskDuration, ms',
      `${ms(it.script)} / ${ms(it.task)}`,
      `${ms(ip.script)} / ${ms(ip.task)}`,
      ratio(it.task, ip.task),
    ],
    [
      '  CPU time of all Chromium processes (compositor and raster included), ms per s',
      f(it.cpu),
      f(ip.cpu),
      ratio(it.cpu, ip.cpu),
    ],
    [
      '  rAF calls / long animation frames',
      `${it.raf} / ${it.loaf}`,
      `${ip.raf} / ${ip.loaf}`,
      ratio(it.raf + it.loaf, ip.raf + ip.loaf),
    ],
  );
if (mem && memory) {
  const leak = memory.leak;
  rows.push(
    [
      `**3. Memory**, ${MEMORY_TICKERS} × ${COINS} coins: JS heap added (the page's second ten)`,
      kb(mem.js),
      kb(mem.plainJs),
      ratio(mem.js, mem.plainJs),
    ],
    [
      `  JS heap added by the page's first ten (with the code V8 compiles and optimises for them)`,
      kb(mem.coldJs),
      kb(mem.plainJs),
      ratio(mem.coldJs, mem.plainJs),
    ],
    ['  Blink (DOM) heap added', kb(mem.blink), kb(mem.plainBlink), ratio(mem.blink, mem.plainBlink)],
    ['  DOM nodes added', String(mem.nodes), String(mem.plainNodes), ratio(mem.nodes, mem.plainNodes)],
    [
      `  leak: ${leak.count} tickers made and removed, JS heap after / before`,
      `${kb(leak.after.js)} / ${kb(leak.before.js)}`,
      '',
      ratio(leak.after.js, leak.before.js),
    ],
    [
      '  leak: Blink heap after / before',
      `${kb(leak.after.blink)} / ${kb(leak.before.blink)}`,
      '',
      ratio(leak.after.blink, leak.before.blink),
    ],
    [
      '  leak: DOM nodes; JS event listeners, after / before',
      `${leak.after.nodes} / ${leak.before.nodes}; ${leak.after.listeners} / ${leak.before.listeners}`,
      '',
      ratio(leak.after.nodes, leak.before.nodes),
    ],
  );
}
if (fr)
  rows.push(
    [
      '**4. First render**, data in the HTTP cache: append → coins on screen, ms',
      ms(fr.ticker),
      ms(fr.plain),
      ratio(fr.ticker, fr.plain),
    ],
    ['  of which after the response arrived, ms', ms(fr.afterResponse), '', ''],
    [
      `  a first visit, nothing cached, the answer ${SLOW_ANSWER_MS} ms after the request: from the response to coins on screen, ms (append → coins on screen)`,
      `${ms(fr.slowAfter)} (${ms(fr.slow)})`,
      `${ms(fr.slowPlainAfter)} (${ms(fr.slowPlain)})`,
      ratio(fr.slowAfter, fr.slowPlainAfter),
    ],
    [
      "  the floor: the plain script with the package's exact parse and format (dist/lib), ms",
      ms(fr.ticker),
      ms(fr.floor),
      ratio(fr.ticker, fr.floor),
    ],
    [
      `  the full floor: the same, and ${FULL_FLOOR_SHOWS}, ms`,
      ms(fr.ticker),
      ms(fr.fullFloor),
      ratio(fr.ticker, fr.fullFloor),
    ],
    [
      '  request start after the append, ms (first rAF after it, ms)',
      `${ms(fr.fetchStart)} (${ms(fr.firstRaf)})`,
      first
        ? `${ms(medianOf(first.plainRequest, 'fetchStart'))} (${ms(medianOf(first.plainRequest, 'firstRaf'))})`
        : '',
      '',
    ],
    [
      '  a second ticker of the same data on that page (shared feed), ms',
      ms(fr.shared),
      ms(fr.plain),
      ratio(fr.shared, fr.plain),
    ],
  );
for (const c of copies ?? [])
  rows.push([
    `**5. Loop copies**, ${c.coins} coins at ${VIEWPORT.width} px: coins copied (needed), lists`,
    `${c.copied} (${c.needed}), ${c.lists}`,
    '',
    c.copied === c.needed ? 'as needed' : c.copied > c.needed ? 'too many' : 'too few: a gap shows',
  ]);
rows.push([
  '**6. Size**, dist/price-ticker.js, brotli (quality 11) / raw',
  `${BROTLI_BYTES.toLocaleString('en-US')} B / ${BUNDLE.length.toLocaleString('en-US')} B`,
  `budget ${BUDGET_BROTLI_BYTES.toLocaleString('en-US')} B`,
  ratio(BROTLI_BYTES, BUDGET_BROTLI_BYTES),
]);
if (sparklines) {
  const s = sparklines;
  const m = (/** @type {'series' | 'price' | 'none'} */ kind, /** @type {'layouts' | 'layout' | 'style'} */ key) =>
    median(s[kind].map((r) => r[key]));
  rows.push(
    [
      `**7. Sparklines**, ${COINS} coins of 168 points: an update of the series alone vs the prices alone: layouts, layout ms`,
      `${m('series', 'layouts')}, ${ms(m('series', 'layout'))}`,
      `${m('price', 'layouts')}, ${ms(m('price', 'layout'))}`,
      ratio(m('series', 'layout'), m('price', 'layout')),
    ],
    [
      '  style recalc ms: the series alone vs an update that changed nothing',
      ms(m('series', 'style')),
      ms(m('none', 'style')),
      ratio(m('series', 'style'), m('none', 'style')),
    ],
  );
}

const header = ['figure (medians)', 'price-ticker', 'baseline', 'ratio'];
const table = [
  `| ${header.join(' | ')} |`,
  `| --- | ---: | ---: | ---: |`,
  ...rows.map((r) => `| ${r.join(' | ')} |`),
].join('\n');

// ---- the controls ----------------------------------------------------------------------------

/** @type {Array<[string, string, boolean]>} what the measurement said about a known-bad case, and whether it told it apart */
const controlRows = [];
if (controls) {
  const c = controls;
  controlRows.push([
    `style recalcs in ${UPDATE_WINDOW_MS / 1000} s: 100 texts written, then the same with 100 colour animations`,
    `${c.texts.styles} → ${c.flashes.styles}`,
    c.texts.styles <= 3 && c.flashes.styles > 3,
  ]);
  controlRows.push([
    `main-thread busy in the same windows, ms`,
    `${ms(c.texts.task)} → ${ms(c.flashes.task)} (${ratio(c.flashes.task, c.texts.task)})`,
    c.flashes.task > 2 * c.texts.task,
  ]);
  const s = c.scripted;
  controlRows.push([
    'idle: a plain list moved by script (margin in every frame): layouts / style recalcs / script per frame',
    `${f(s.layouts / s.frames, 2)} / ${f(s.styles / s.frames, 2)} / ${f(s.script / s.frames, 3)} ms`,
    s.layouts > 0 && s.styles > 0 && s.script > 0,
  ]);
  if (ip)
    controlRows.push([
      'idle CPU of that list vs the same list moved by a CSS transform animation',
      `${f(s.cpu)} vs ${f(ip.cpu)} ms/s = ${ratio(s.cpu, ip.cpu)}`,
      times(s.cpu, ip.cpu) > 1.5,
    ]);
  controlRows.push([
    'DOM nodes added by 10 plain lists of 50 coins (counted / expected)',
    `${c.nodes.added} / ${c.nodes.expected}`,
    c.nodes.added === c.nodes.expected,
  ]);
  controlRows.push([
    'JS heap added by 100,000 small objects held (at least 1,600 KB)',
    kb(c.heldJs),
    c.heldJs >= 1_600_000,
  ]);
}
if (fr && first)
  controlRows.push([
    'request start before the first rAF: the plain script (fetch called at once)',
    `${fr.plainBeforeFrame} of ${first.plainRequest.length}`,
    fr.plainBeforeFrame === first.plainRequest.length,
  ]);
const controlTable = controlRows.length
  ? [
      '| control: a case known to be bad (or good) | measured | told apart |',
      '| --- | --- | --- |',
      ...controlRows.map(([what, value, ok]) => `| ${what} | ${value} | ${ok ? 'yes' : '**no**'} |`),
    ].join('\n')
  : '';

// ---- notes -----------------------------------------------------------------------------------

const notes = [];
if (u && update)
  notes.push(
    `Update: ${UPDATE_REPS} refreshes of one ${COINS}-coin ticker${u250 ? ` and of one ${MANY_COINS}-coin ticker` : ''}, every price changing each time (of the ${COINS}-coin total, ${ms(u.network)} ms is the request to a local server); ` +
      `baseline: the same price and change texts written with textContent into a plain list moved by a CSS transform animation at the ticker's speed (${f(update.speed, 0)} px/s); each side's strip runs during its own turn and is paused during the other's. ` +
      `"Main-thread work" in the targets is CDP TaskDuration over the ${UPDATE_WINDOW_MS / 1000} s after the refresh (the request, render, style, layout, paint and any price flash); "next frame" waits for a 16.7 ms frame, so a cheap update reads as up to one frame. ${u.animations} animations started with Element.animate() per refresh (CSS animations are not counted here; their cost is in the window).`,
  );
if (pt && pp)
  notes.push(
    `Polling: ${POLL_REPS} fresh pages each, ${POLL_MS / 1000} s windows at interval="1" after 2.5 s of warm-up (${pt.updates} polls, ${pt.loaf} long animation frames per window) vs a plain script that every second fetches the same URL, parses, formats with Intl and writes the texts into a plain list moved by a CSS animation (${pp.updates} polls, ${pp.loaf} long frames)${pf && pff ? `; the floors: the update's exact and full floor pages (see Update) run every second, each on a fresh page of its own (${pf.updates} and ${pff.updates} updates per window)` : ''}${pif && polling ? `; and the full floor writing only the coins that start within one window's width of the list's start (${polling.inView}), the other coins' phrases alone, formatting every coin as before (${pif.updates} updates per window): what writing off-screen coins only as they come into view would save, not a target` : ''}.`,
  );
if (idle && it && ip) {
  const animation = idle.animation;
  notes.push(
    `Idle: ${IDLE_REPS} fresh pages each, ${IDLE_MS / 1000} s windows with no data change, ticker and baseline alternating, one page open at a time; the strip's animation (${animation?.count} × ${animation?.property}, ${animation?.playState}, ${f(idle.speed, 0)} px/s) advanced ${f((moved ?? 0) / 1000, 2)} s per window, the baseline's ${f((plainMoved ?? 0) / 1000, 2)} s, so both were moving; ` +
      `baseline: the same texts in a plain list moved by one CSS @keyframes transform animation at the same speed. "Per frame" divides by ${FRAMES_PER_S} frames per second. rAF calls are counted by wrapping requestAnimationFrame before any script.`,
  );
}
if (memory)
  notes.push(
    `Memory: after 3 forced GCs; "added" is the difference on the same page before and after; tickers have distinct coin lists (10 feeds); the plain lists are static. ` +
      `The JS heap target counts a second set of ten tickers, made after the first ten are removed: the first ten also make V8 compile and optimise the code that formats and writes coins, a cost paid once per page (shown in its own row), not per ticker. ` +
      `Leak check: ${memory.leak.count} tickers in rounds of ${MEMORY_TICKERS}, each its own feed, after a first round of 20; the Blink heap moves by a few hundred KB between GCs (style and font caches), so only the JS heap, nodes and listeners are a sharp test.`,
  );
if (fr && first)
  notes.push(
    `First render: ${FIRST_RENDER_REPS} fresh pages each (nothing warmed up, as on a real page load), the response from the HTTP cache (${first.networkRequests} requests reached the server). ` +
      `Request start: the ticker's fetch (Resource Timing startTime) vs the first requestAnimationFrame callback registered right after the append; a request made in that frame's rAF callbacks or before counts as within the first frame. ` +
      `Baseline: fetch the same cached URL, JSON.parse, Intl-format and build a plain list of ${COINS}. ` +
      `A first visit: the same on fresh pages, with live data that the server sends ${SLOW_ANSWER_MS} ms after the request (nothing cached).`,
  );
if (copies)
  notes.push(
    `Loop copies: the strip moves left by one period (the list's width) and starts over, so at a shift s the viewport shows [s, s + viewport]; after the list, the copies must hold every coin that starts less than one viewport width after the list's end (the whole list as often as it fits, then the first coins of the next), measured from the rendered positions; none when the strip does not move. ` +
      copies
        .map(
          (c) =>
            `${c.coins} coins: period ${f(c.period, 0)} px, viewport ${f(c.viewport, 0)} px, ${c.copied} coins copied in ${c.lists - 1} copies, ${c.needed} needed`,
        )
        .join('; ') +
      '.',
  );
if (problems.length) notes.push(`Problems seen: ${[...new Set(problems)].slice(0, 5).join('; ')}`);

const seconds = ((Date.now() - started) / 1000).toFixed(0);
const machine = `${os.availableParallelism?.() ?? os.cpus().length} CPUs (nproc), ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}; Chromium ${chromiumVersion} headless (${executablePath}), Node ${process.version}`;
const runTime = `${seconds} s (${Object.entries(timings)
  .map(([k, v]) => `${k} ${v} s`)
  .join(', ')})`;

const targetLine = `Targets: ${metCount} of ${measuredCount} met; ${floorCount} not met with a floor beyond the target too`;
console.log(`\n${targetLine}\n\n${targetTable}\n\n${table}\n`);
if (controlTable) console.log(`${controlTable}\n`);
for (const n of notes) console.log(`- ${n}`);
console.log(`\n${machine}\nbundle: ${sourceState}\nrun: ${runTime}`);

if (!FULL_RUN) {
  console.log(`\n--only ${only.join(',')}: bench/results.md left as it was (it keeps the last full run)`);
} else {
  writeFileSync(
    RESULTS_PATH,
    `# Benchmark results

${targetLine}.

${targetTable}

${table}

Ratios are price-ticker ÷ baseline, both measured in the same run; only the ratios compare
across machines (see [README.md](README.md)).

Controls: the same measurements of cases known to be bad, to show they can tell bad from good.

${controlTable}

${notes.map((n) => `- ${n}`).join('\n')}

- Date: ${new Date().toISOString()}
- Machine: ${machine}
- Bundle: dist/price-ticker.js (${(BUNDLE.length / 1024).toFixed(1)} KB), ${sourceState}
- Run time: ${runTime}

Rerun: \`npm run build && npm run bench\`

<details><summary>Raw repetitions</summary>

\`\`\`json
${JSON.stringify({ update, update250, polling, idle: idle && { ...idle, rows: undefined }, memory, first, copies, stream, controls }, (_key, /** @type {unknown} */ v) => (typeof v === 'number' && !Number.isInteger(v) ? Math.round(v * 100) / 100 : v))}
\`\`\`

</details>
`,
  );
  console.log('wrote bench/results.md');
}
