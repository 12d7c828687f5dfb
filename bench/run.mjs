// Benchmarks of the built bundle in headless Chromium: update cost, idle cost, memory, first
// render. Every figure is measured next to a baseline in the same run and reported as a ratio;
// absolute milliseconds and bytes depend on the machine, the ratios much less.
// Run after a build: `npm run build && npm run bench`. Writes bench/results.md.
// See bench/README.md for what each figure means.
import { createServer } from 'node:http';
import { readFileSync, writeFileSync, existsSync, statSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { chromium } from 'playwright-core';
import { findChromium } from '../scripts/find-chromium.mjs';

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

const COINS = 50;
const UPDATE_REPS = 8; // each with a 1.5 s window after the refresh
const UPDATE_WINDOW_MS = 1500; // the price flash lasts 1.2 s
const POLL_MS = 3000; // the 1 s polling window
const IDLE_REPS = 3;
const IDLE_MS = 3000;
const FIRST_RENDER_REPS = 10; // fresh pages each
const MEMORY_TICKERS = 10;
const LEAK_ROUNDS = 10; // of MEMORY_TICKERS tickers each: 100 in all
const VIEWPORT = { width: 1280, height: 800 };
const started = Date.now();

// ---------------------------------------------------------------------------------------------
// The server: the bundle, a page shell, and a CoinGecko-format /coins/markets.

/** 250 synthetic coins over every price tier: thousands, tens, about 1, below 1, tiny (subscript zeros). */
const UNIVERSE = Array.from({ length: 250 }, (_, i) => {
  const tiers = [63560.025, 2620.33, 0.99996, 149.9, 0.1712345, 0.000008123456789];
  return {
    id: `coin-${String(i).padStart(3, '0')}`,
    symbol: `c${i}`,
    name: `Coin ${i}`,
    base: /** @type {number} */ (tiers[i % tiers.length]) * (1 + i / 97),
  };
});
const idsOf = (/** @type {number} */ offset, n = COINS) =>
  Array.from(
    { length: n },
    (_, j) => /** @type {(typeof UNIVERSE)[number]} */ (UNIVERSE[(offset + j) % UNIVERSE.length]).id,
  );

let sequence = 0;
const requests = { live: 0, cached: 0 };
/**
 * Prices are written as JSON number text with 12 significant digits (exponents for tiny ones).
 * @param {URL} url
 * @param {number} seq
 */
function marketsBody(url, seq) {
  const ids = url.searchParams.get('ids');
  const coins = ids
    ? ids
        .split(',')
        .map((id) => UNIVERSE.find((c) => c.id === id))
        .filter((c) => c !== undefined)
    : UNIVERSE.slice(0, Number(url.searchParams.get('per_page')) || 20);
  return `[${coins
    .map((c, i) => {
      const price = (c.base * (1 + 0.01 * Math.sin(seq * 7.1 + i))).toPrecision(12);
      const change = (4 * Math.sin(seq * 1.3 + i * 0.7)).toFixed(5);
      return `{"id":"${c.id}","symbol":"${c.symbol}","name":"${c.name}","image":null,"current_price":${price},"price_change_percentage_24h":${change},"last_updated":"2024-04-07T16:49:31.736Z"}`;
    })
    .join(',')}]`;
}

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
</style>
<script type="module" src="/price-ticker.js"></script></head>
<body></body></html>`;

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname === '/price-ticker.js') {
    res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(BUNDLE);
  } else if (url.pathname === '/api/v3/coins/markets') {
    // Live data: different on every request, never cached.
    requests.live++;
    res
      .writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' })
      .end(marketsBody(url, ++sequence));
  } else if (url.pathname === '/cached/api/v3/coins/markets') {
    // The same answer every time, cacheable: after one request the browser's HTTP cache answers.
    requests.cached++;
    res
      .writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'public, max-age=3600' })
      .end(marketsBody(url, 0));
  } else if (url.pathname === '/') {
    res.writeHead(200, { 'Content-Type': 'text/html', 'Cache-Control': 'no-store' }).end(SHELL);
  } else if (url.pathname === '/favicon.ico') {
    res.writeHead(204).end();
  } else {
    res.writeHead(404).end();
  }
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
const ORIGIN = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}`;
const LIVE = `${ORIGIN}/api/v3`;
const CACHED = `${ORIGIN}/cached/api/v3`;

// ---------------------------------------------------------------------------------------------
// Browser helpers.

const executablePath = await findChromium();
if (!executablePath) {
  console.error('bench: no Chromium found (see scripts/find-chromium.mjs; CHROMIUM_PATH=/path/to/chrome works too).');
  process.exit(1);
}
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

const median = (/** @type {number[]} */ xs) => {
  const s = [...xs].sort((a, b) => a - b);
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
// 1. Update cost: one refresh of a 50-coin ticker vs writing the same texts into a plain list.

async function benchUpdate() {
  // Both pages stay open and their repetitions alternate, so a change in the machine's load
  // (other processes) falls on both sides of the ratio alike.
  const tickerPage = await openPage();
  const plainPage = await openPage();
  await tickerPage.page.evaluate(
    async (/** @type {TickerArgs} */ { ids, endpoint, n }) => {
      const b = window.__bench;
      const el = (window.__el = b.ticker({ coins: ids.join(','), endpoint, interval: '3600' }));
      document.body.append(el);
      await b.rendered(el, n);
      for (let i = 0; i < 12; i++) await el.refresh(); // warm-up: JIT, Intl caches (a ticker refreshes for hours)
      await b.sleep(1300); // the warm-ups' flashes end
    },
    { ids: idsOf(0), endpoint: LIVE, n: COINS },
  );
  // Two sets of the texts the ticker shows, written alternately so every write changes them.
  const rows = await plainPage.page.evaluate(
    async (/** @type {TickerArgs} */ { ids, endpoint, n }) => {
      const b = window.__bench;
      const el = b.ticker({ coins: ids.join(','), endpoint, interval: '3600' });
      document.body.append(el);
      await b.rendered(el, n);
      const first = b.rowsOf(el);
      await el.refresh();
      await el.updateComplete;
      const second = b.rowsOf(el);
      el.remove();
      return [first, second];
    },
    { ids: idsOf(0), endpoint: LIVE, n: COINS },
  );
  await plainPage.page.evaluate(async (/** @type {string[][][]} */ rows) => {
    const b = window.__bench;
    const ul = b.plainList(/** @type {string[][]} */ (rows[0]));
    document.body.append(ul);
    window.__plain = {
      ul,
      rows,
      turn: 0,
      prices: /** @type {HTMLElement[]} */ ([...ul.querySelectorAll('.price')]),
      changes: /** @type {HTMLElement[]} */ ([...ul.querySelectorAll('.change')]),
    };
    await b.sleep(1300);
  }, rows);

  const tickerRep = async (/** @type {OpenPage} */ { page, cdp }) => {
    const before = await metrics(cdp);
    const run = await page.evaluate(async (/** @type {number} */ windowMs) => {
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
      const resources = /** @type {PerformanceResourceTiming[]} */ (performance.getEntriesByType('resource'));
      const fetches = resources.filter((e) => e.name.includes('/coins/markets'));
      const responseEnd = fetches.at(-1)?.responseEnd ?? NaN;
      const animations = window.__animate - animate0;
      const changed = root.querySelector('[part~="price"]')?.textContent !== price0;
      await b.sleep(windowMs - (performance.now() - t0));
      return { total: t1 - t0, network: responseEnd - t0, work: tDom - responseEnd, animations, changed };
    }, UPDATE_WINDOW_MS);
    const d = delta(before, await metrics(cdp));
    if (!run.changed) problems.push('update: a refresh did not change the first price shown');
    return { ...run, task: d.TaskDuration * 1000, styles: d.RecalcStyleCount, layouts: d.LayoutCount };
  };
  const plainRep = async (/** @type {OpenPage} */ { page, cdp }) => {
    const before = await metrics(cdp);
    const run = await page.evaluate(async (/** @type {number} */ windowMs) => {
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
    }, UPDATE_WINDOW_MS);
    const d = delta(before, await metrics(cdp));
    return { ...run, task: d.TaskDuration * 1000, styles: d.RecalcStyleCount, layouts: d.LayoutCount };
  };

  // While the baseline is measured, the ticker's strip is held still (its animation paused
  // directly) so that its scrolling does not compete for the CPU; it runs again for its own turn.
  const strip = (/** @type {boolean} */ run) =>
    tickerPage.page.evaluate(async (run) => {
      const track = /** @type {Element} */ (window.__el.shadowRoot?.querySelector('.track'));
      const a = (window.__strip ??= track.getAnimations()[0]);
      if (run) a?.play();
      else a?.pause();
      await window.__bench.sleep(100);
    }, run);
  await strip(false);
  await plainRep(plainPage); // warm-up
  /** @type {Array<Awaited<ReturnType<typeof tickerRep>>>} */
  const ticker = [];
  /** @type {Array<Awaited<ReturnType<typeof plainRep>>>} */
  const plain = [];
  for (let rep = 0; rep < UPDATE_REPS; rep++) {
    await strip(true);
    ticker.push(await tickerRep(tickerPage));
    await strip(false);
    plain.push(await plainRep(plainPage));
  }
  await tickerPage.page.close();
  await plainPage.page.close();
  return { ticker, plain };
}

// ---------------------------------------------------------------------------------------------
// 1b. Polling at the fastest interval allowed with an own endpoint (1 s): main-thread time per
//     second in steady state, vs a plain list whose texts are rewritten every second.

async function benchPolling() {
  const out = /** @type {{ ticker: PollFigures, plain: PollFigures }} */ ({});
  {
    const { page, cdp } = await openPage();
    await page.evaluate(
      async (/** @type {TickerArgs} */ { ids, endpoint, n }) => {
        const b = window.__bench;
        const el = (window.__el = b.ticker({ coins: ids.join(','), endpoint, interval: '1' }));
        document.body.append(el);
        await b.rendered(el, n);
        await b.sleep(2500); // steady state: a few polls and flashes in
      },
      { ids: idsOf(0), endpoint: LIVE, n: COINS },
    );
    const polls0 = requests.live;
    const loaf0 = await page.evaluate(() => window.__loaf?.length ?? NaN);
    const before = await metrics(cdp);
    await page.waitForTimeout(POLL_MS);
    const d = delta(before, await metrics(cdp));
    const loaf = (await page.evaluate(() => window.__loaf?.length ?? NaN)) - loaf0;
    out.ticker = {
      task: (d.TaskDuration * 1000) / (POLL_MS / 1000),
      styles: d.RecalcStyleCount / (POLL_MS / 1000),
      updates: requests.live - polls0,
      loaf,
    };
    await page.close();
  }
  {
    const { page, cdp } = await openPage();
    await page.evaluate(async (n) => {
      const b = window.__bench;
      const rows = (/** @type {number} */ k) =>
        Array.from({ length: n }, (_, i) => [
          `Coin ${i}`,
          `C${i}`,
          `$${(1000 + i + k / 100).toFixed(2)}`,
          `+${(k % 7) + 0.01 * i}%`,
        ]);
      const ul = b.plainList(rows(0));
      document.body.append(ul);
      let k = 0;
      window.__updates = 0;
      setInterval(() => {
        const texts = rows(++k);
        ul.querySelectorAll('.price').forEach((el, i) => (el.textContent = texts[i]?.[2] ?? ''));
        ul.querySelectorAll('.change').forEach((el, i) => (el.textContent = texts[i]?.[3] ?? ''));
        window.__updates++;
      }, 1000);
      await b.sleep(2500);
    }, COINS);
    const u0 = await page.evaluate(() => window.__updates);
    const loaf0 = await page.evaluate(() => window.__loaf?.length ?? NaN);
    const before = await metrics(cdp);
    await page.waitForTimeout(POLL_MS);
    const d = delta(before, await metrics(cdp));
    const [updates, loaf] = await page.evaluate(() => [window.__updates, window.__loaf?.length ?? NaN]);
    out.plain = {
      task: (d.TaskDuration * 1000) / (POLL_MS / 1000),
      styles: d.RecalcStyleCount / (POLL_MS / 1000),
      updates: /** @type {number} */ (updates) - u0,
      loaf: /** @type {number} */ (loaf) - loaf0,
    };
    await page.close();
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// 2. Idle cost: the strip scrolling with no data change vs a static list of the same texts.

/**
 * @param {Page} page
 * @param {CDPSession} cdp
 * @param {() => number | null} evidence
 * @returns {Promise<IdleWindow>}
 */
async function idleWindow(page, cdp, evidence) {
  await page.evaluate(() => {
    window.__raf0 = window.__raf;
    window.__loaf0 = window.__loaf?.length ?? 0;
  });
  const a0 = await page.evaluate(evidence);
  const before = await metrics(cdp);
  const cpu0 = await cpuSeconds();
  await page.waitForTimeout(IDLE_MS);
  const cpu1 = await cpuSeconds();
  const d = delta(before, await metrics(cdp));
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
    cpu: ((cpu1 - cpu0) * 1000) / (IDLE_MS / 1000),
    ...counts,
    moved: a1 !== null && a0 !== null ? a1 - a0 : null,
  };
}

async function benchIdle() {
  /** @type {{ ticker: IdleWindow[], plain: IdleWindow[], animation: { count: number, playState: string | undefined, property: string } | null }} */
  const out = { ticker: [], plain: [], animation: null };
  /** @type {string[][]} */
  let rows;
  {
    const { page, cdp } = await openPage();
    rows = await page.evaluate(
      async (/** @type {TickerArgs} */ { ids, endpoint, n }) => {
        const b = window.__bench;
        const el = (window.__el = b.ticker({ coins: ids.join(','), endpoint, interval: '3600' }));
        document.body.append(el);
        await b.rendered(el, n);
        // Taken once, here: getAnimations() itself makes a style update, which would be counted.
        const track = /** @type {Element} */ (el.shadowRoot?.querySelector('.track'));
        window.__anim = track.getAnimations()[0];
        await b.sleep(1500);
        return b.rowsOf(el);
      },
      { ids: idsOf(0), endpoint: LIVE, n: COINS },
    );
    // How far the strip travelled (animation time, ms): proof that it was moving all along.
    const evidence = () => {
      const a = window.__anim;
      return a && a.playState === 'running' ? Number(a.currentTime) : null;
    };
    for (let rep = 0; rep < IDLE_REPS; rep++) out.ticker.push(await idleWindow(page, cdp, evidence));
    out.animation = await page.evaluate(() => {
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
    await page.evaluate(async (/** @type {string[][]} */ rows) => {
      document.body.append(window.__bench.plainList(rows));
      await window.__bench.sleep(500);
    }, rows);
    for (let rep = 0; rep < IDLE_REPS; rep++) out.plain.push(await idleWindow(page, cdp, () => null));
    await page.close();
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
        const el = b.ticker({ coins: ids.join(','), endpoint, interval: '3600' });
        document.body.append(el);
        await b.rendered(el, n);
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
    result.ticker = { empty, full };

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
   *   ticker: Array<{ total: number, fetchStart: number, afterResponse: number, shared: number }>,
   *   shared: number[],
   *   plain: number[],
   *   url?: string,
   *   networkRequests?: number,
   * }}
   */
  const out = { ticker: [], shared: [], plain: [] };
  const ids = idsOf(100);
  const args = { ids, endpoint: CACHED, n: COINS };
  const context = await browser.newContext({ viewport: VIEWPORT });
  // Warm the HTTP cache with the exact URL the ticker asks for, and learn that URL.
  {
    const { page } = await openPage(context);
    out.url = await page.evaluate(async (/** @type {TickerArgs} */ { ids, endpoint, n }) => {
      const b = window.__bench;
      const el = b.ticker({ coins: ids.join(','), endpoint, interval: '3600' });
      document.body.append(el);
      await b.rendered(el, n);
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
        afterResponse: fetched ? t1 - fetched.responseEnd : NaN,
        shared: t3 - t2,
      };
    }, args);
    await page.close();
    return result;
  };
  const plainRep = async () => {
    const { page } = await openPage(context);
    const ms = await page.evaluate(async (/** @type {string | undefined} */ url) => {
      const b = window.__bench;
      await b.settle();
      const t0 = performance.now();
      /** @type {unknown} */
      const body = JSON.parse(
        await (
          await fetch(/** @type {string} */ (url), {
            headers: { Accept: 'application/json' },
            credentials: 'omit',
            referrerPolicy: 'no-referrer',
          })
        ).text(),
      );
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
      return performance.now() - t0;
    }, out.url);
    await page.close();
    return ms;
  };

  for (let rep = 0; rep < FIRST_RENDER_REPS; rep++) {
    const t = await tickerRep();
    out.ticker.push(t);
    out.shared.push(t.shared);
    out.plain.push(await plainRep());
  }
  out.networkRequests = requests.cached - cachedBefore; // should be 0: all from the HTTP cache
  await context.close();
  return out;
}

// ---------------------------------------------------------------------------------------------
// Run, print, write.

let update, polling, idle, memory, first;
/** @type {Record<string, string>} */
const timings = {};
/**
 * @template T
 * @param {string} name
 * @param {() => Promise<T>} fn
 */
const timed = async (name, fn) => {
  const t = Date.now();
  const result = await fn();
  timings[name] = ((Date.now() - t) / 1000).toFixed(1);
  return result;
};
try {
  update = await timed('update', benchUpdate);
  polling = await timed('polling', benchPolling);
  idle = await timed('idle', benchIdle);
  memory = await timed('memory', benchMemory);
  first = await timed('first render', benchFirstRender);
} finally {
  var chromiumVersion = browser.version();
  await browser.close();
  server.close();
}

const f = (/** @type {number} */ x, digits = 1) => (Number.isFinite(x) ? x.toFixed(digits) : 'n/a');
const kb = (/** @type {number} */ bytes) => `${Math.round(bytes / 1024).toLocaleString('en-US')} KB`;
const ratio = (/** @type {number} */ a, /** @type {number} */ b) =>
  b > 0 && Number.isFinite(a) ? `${(a / b).toFixed(a / b >= 10 ? 0 : 2)}×` : a === 0 && b === 0 ? '— (0 / 0)' : 'n/a';

const u = {
  total: medianOf(update.ticker, 'total'),
  network: medianOf(update.ticker, 'network'),
  work: medianOf(update.ticker, 'work'),
  task: medianOf(update.ticker, 'task'),
  styles: medianOf(update.ticker, 'styles'),
  animations: medianOf(update.ticker, 'animations'),
  plain: medianOf(update.plain, 'total'),
  plainWork: medianOf(update.plain, 'work'),
  plainTask: medianOf(update.plain, 'task'),
  plainStyles: medianOf(update.plain, 'styles'),
};
/** @param {IdleWindow[]} windows */
const idleMedians = (windows) => ({
  layouts: medianOf(windows, 'layouts'),
  styles: medianOf(windows, 'styles'),
  script: medianOf(windows, 'script'),
  task: medianOf(windows, 'task'),
  cpu: medianOf(windows, 'cpu'),
  raf: medianOf(windows, 'raf'),
  loaf: medianOf(windows, 'loaf'),
});
const i = { ticker: idleMedians(idle.ticker), plain: idleMedians(idle.plain) };
const moved = median(idle.ticker.map((r) => r.moved ?? 0));
const mem = {
  js: memory.ticker.full.js - memory.ticker.empty.js,
  blink: memory.ticker.full.blink - memory.ticker.empty.blink,
  nodes: memory.ticker.full.nodes - memory.ticker.empty.nodes,
  plainJs: memory.plain.full.js - memory.plain.empty.js,
  plainBlink: memory.plain.full.blink - memory.plain.empty.blink,
  plainNodes: memory.plain.full.nodes - memory.plain.empty.nodes,
};
const leak = memory.leak;
const fr = {
  ticker: medianOf(first.ticker, 'total'),
  fetchStart: medianOf(first.ticker, 'fetchStart'),
  afterResponse: medianOf(first.ticker, 'afterResponse'),
  shared: median(first.shared),
  plain: median(first.plain),
};
const pt = polling.ticker;
const pp = polling.plain;
const ms = (/** @type {number} */ x) => f(x, x < 10 ? 2 : 1);

const rows = [
  [
    '**1. Update** of 50 coins: refresh() → updateComplete → next frame, ms',
    ms(u.total),
    ms(u.plain),
    ratio(u.total, u.plain),
  ],
  [
    '  main-thread work once the data is there, to DOM updated and laid out, ms',
    ms(u.work),
    ms(u.plainWork),
    ratio(u.work, u.plainWork),
  ],
  [
    `  main-thread busy in the ${UPDATE_WINDOW_MS / 1000} s after one refresh, ms (style recalcs)`,
    `${ms(u.task)} (${u.styles})`,
    `${ms(u.plainTask)} (${u.plainStyles})`,
    ratio(u.task, u.plainTask),
  ],
  [
    `  polling every 1 s (interval="1"), main-thread busy ms per s (style recalcs/s)`,
    `${f(pt.task)} (${f(pt.styles, 0)})`,
    `${f(pp.task)} (${f(pp.styles, 0)})`,
    ratio(pt.task, pp.task),
  ],
  [
    `**2. Idle** ${IDLE_MS / 1000} s, scrolling: LayoutCount / RecalcStyleCount`,
    `${i.ticker.layouts} / ${i.ticker.styles}`,
    `${i.plain.layouts} / ${i.plain.styles}`,
    ratio(i.ticker.layouts + i.ticker.styles, i.plain.layouts + i.plain.styles),
  ],
  [
    '  ScriptDuration / TaskDuration, ms',
    `${ms(i.ticker.script)} / ${ms(i.ticker.task)}`,
    `${ms(i.plain.script)} / ${ms(i.plain.task)}`,
    ratio(i.ticker.task, i.plain.task),
  ],
  [
    '  CPU time of all Chromium processes (compositor and raster included), ms per s',
    f(i.ticker.cpu),
    f(i.plain.cpu),
    ratio(i.ticker.cpu, i.plain.cpu),
  ],
  [
    '  rAF calls / long animation frames',
    `${i.ticker.raf} / ${i.ticker.loaf}`,
    `${i.plain.raf} / ${i.plain.loaf}`,
    ratio(i.ticker.raf + i.ticker.loaf, i.plain.raf + i.plain.loaf),
  ],
  [
    `**3. Memory**, ${MEMORY_TICKERS} × ${COINS} coins: JS heap added`,
    kb(mem.js),
    kb(mem.plainJs),
    ratio(mem.js, mem.plainJs),
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
  [
    '**4. First render**, data in the HTTP cache: append → coins on screen, ms',
    ms(fr.ticker),
    ms(fr.plain),
    ratio(fr.ticker, fr.plain),
  ],
  ['  of which after the response arrived, ms', ms(fr.afterResponse), '', ''],
  [
    '  a second ticker of the same data on that page (shared feed), ms',
    ms(fr.shared),
    ms(fr.plain),
    ratio(fr.shared, fr.plain),
  ],
];

const header = ['figure (medians)', 'price-ticker', 'baseline', 'ratio'];
const table = [
  `| ${header.join(' | ')} |`,
  `| --- | ---: | ---: | ---: |`,
  ...rows.map((r) => `| ${r.join(' | ')} |`),
].join('\n');

const notes = [];
notes.push(
  `Update: ${UPDATE_REPS} refreshes of one ${COINS}-coin ticker, every price changing each time (of the total, ${ms(u.network)} ms is the request to a local server); ` +
    `baseline: the same ${COINS} price and ${COINS} change texts written with textContent into a plain list. "Next frame" waits for a 16.7 ms frame, so a cheap update reads as up to one frame: ` +
    `the "main-thread work" row (no frame wait) is the fairer ratio. ${u.animations} price-flash animations start per refresh. ` +
    `Polling: ${POLL_MS / 1000} s at interval="1" (${pt.updates} polls, ${pt.loaf} long animation frames) vs a plain list rewritten every second (${pp.updates} updates, ${pp.loaf} long frames).`,
);
const animation = /** @type {NonNullable<typeof idle.animation>} */ (idle.animation); // set by benchIdle
notes.push(
  `Idle: ${IDLE_REPS} windows of ${IDLE_MS / 1000} s, no data change; the strip's animation (${animation.count} × ${animation.property}, ${animation.playState}) advanced ${f(moved / 1000, 2)} s per window, ` +
    `so it was moving; baseline: a static plain list of the same texts. rAF calls are counted by wrapping requestAnimationFrame before any script.`,
);
notes.push(
  `Memory: after 3 forced GCs; "added" is the difference on the same page before and after; tickers have distinct coin lists (10 feeds). ` +
    `Leak check: ${leak.count} tickers in rounds of ${MEMORY_TICKERS}, each its own feed, after a first round of 20; the Blink heap moves by a few hundred KB between GCs (style and font caches), so only the JS heap, nodes and listeners are a sharp test.`,
);
notes.push(
  `First render: ${FIRST_RENDER_REPS} fresh pages each (nothing warmed up, as on a real page load), the response from the HTTP cache (${first.networkRequests} requests reached the server); the ticker's request starts ${ms(fr.fetchStart)} ms after the append (its IntersectionObserver's first report and the Web Lock come first). ` +
    `Baseline: fetch the same cached URL, JSON.parse, Intl-format and build a plain list of ${COINS}.`,
);
if (problems.length) notes.push(`Problems seen: ${[...new Set(problems)].slice(0, 5).join('; ')}`);

const seconds = ((Date.now() - started) / 1000).toFixed(0);
const machine = `${os.availableParallelism?.() ?? os.cpus().length} CPUs (nproc), ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}; Chromium ${chromiumVersion} headless (${executablePath}), Node ${process.version}`;

console.log(`\n${table}\n`);
for (const n of notes) console.log(`- ${n}`);
console.log(
  `\n${machine}\nbundle: ${sourceState}\nrun: ${seconds} s (${Object.entries(timings)
    .map(([k, v]) => `${k} ${v} s`)
    .join(', ')})`,
);

writeFileSync(
  RESULTS_PATH,
  `# Benchmark results

${table}

Ratios are price-ticker ÷ baseline, both measured in the same run; only the ratios compare
across machines (see [README.md](README.md)).

${notes.map((n) => `- ${n}`).join('\n')}

- Date: ${new Date().toISOString()}
- Machine: ${machine}
- Bundle: dist/price-ticker.js (${(BUNDLE.length / 1024).toFixed(1)} KB), ${sourceState}
- Run time: ${seconds} s (${Object.entries(timings)
    .map(([k, v]) => `${k} ${v} s`)
    .join(', ')})

Rerun: \`npm run build && npm run bench\`

<details><summary>Raw repetitions</summary>

\`\`\`json
${JSON.stringify({ update, polling, idle, memory, first }, (_key, /** @type {unknown} */ v) => (typeof v === 'number' && !Number.isInteger(v) ? Math.round(v * 100) / 100 : v))}
\`\`\`

</details>
`,
);
console.log('wrote bench/results.md');
