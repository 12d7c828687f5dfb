// The stream section of the bench: what a stream costs the main thread, next to polling every
// second, in the same run. One Kraken ticker per page (only one page open at a time):
//   poll:    `interval="1"` against a local REST server whose price moves on every request;
//   stream:  `stream` against a local Kraken WebSocket server sending `rate` ticker messages a
//            second (in bursts every 10 ms), each with a new price; `interval="1"` too, so that
//            while a flood keeps the socket closed it polls as the other page does.
// After a warm-up, the main thread's task time (CDP Performance.getMetrics, TaskDuration) over a
// window, the screen updates seen (price-ticker-update events), the connections the page made and
// its flood warnings. The batching holds the screen to one update a second; what is left of a
// stream's cost is delivering and reading its messages, which a flood's closing bounds.
import { readFileSync } from 'node:fs';
import { bundleFile, htmlFile, startPriceServer } from '../test/support/price-server.mjs';
import { krakenTicker, startExchange } from '../test/support/ws-server.mjs';

/** @typedef {{ task: number, script: number, updates: number, connections: number, floodWarnings: number, sent: number }} StreamFigures */

export const STREAM_RATES = [100, 400, 5000];
const WARM_UP_MS = 3000;
export const STREAM_WINDOW_MS = 8000;
const BURST_MS = 10;

const KRAKEN_REST = readFileSync(new URL('../test/fixtures/kraken-ticker.json', import.meta.url), 'utf8');

const page = (/** @type {Record<string, string>} */ attributes) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>bench: stream</title></head><body>
<script type="module">
  import '/price-ticker.js';
  window.__streamUpdates = 0;
  const el = document.createElement('price-ticker');
  for (const [k, v] of Object.entries(${JSON.stringify(attributes)})) el.setAttribute(k, v);
  el.addEventListener('price-ticker-update', () => window.__streamUpdates++);
  document.body.append(el);
</script></body></html>`;

/**
 * @param {import('playwright-core').Browser} browser
 * @param {number} reps pages of each kind, alternating
 * @returns {Promise<{ poll: StreamFigures[], streams: Record<number, StreamFigures[]> }>}
 */
export async function benchStream(browser, reps = 2) {
  let restPrice = 70000;
  const exchange = await startExchange('kraken');
  /** @type {Record<string, { type: string, body: string }>} */
  const pages = {};
  const server = await startPriceServer({
    files: {
      '/price-ticker.js': bundleFile(),
      // Kraken's REST ticker, its last price moving on every request.
      '/rest/0/public/Ticker': () => ({
        type: 'application/json',
        body: KRAKEN_REST.replace('"c": ["73380.60000"', `"c": ["${(restPrice += 0.5).toFixed(5)}"`),
      }),
      '/pages/': (url) => pages[url.pathname],
    },
  });
  const common = { source: 'kraken', coins: 'XBTUSDT', endpoint: `${server.origin}/rest`, locale: 'en-US', speed: '0' };

  /** Sends `rate` messages a second until the returned function is called; it returns how many went. */
  const flood = (/** @type {number} */ rate) => {
    const perBurst = Math.max(1, Math.round((rate * BURST_MS) / 1000));
    let price = 71000;
    let sent = 0;
    const timer = setInterval(() => {
      for (let i = 0; i < perBurst; i++) exchange.send(krakenTicker('BTC/USDT', (price += 0.01).toFixed(2), '1.5'));
      sent += perBurst;
    }, BURST_MS);
    return () => {
      clearInterval(timer);
      return sent;
    };
  };

  /**
   * @param {string} name
   * @param {Record<string, string>} attributes
   * @param {number} rate stream messages a second, 0 for none
   * @returns {Promise<StreamFigures>}
   */
  const measure = async (name, attributes, rate) => {
    const context = await browser.newContext();
    const tab = await context.newPage();
    let floodWarnings = 0;
    tab.on('console', (message) => {
      if (message.text().includes('messages a second')) floodWarnings++;
    });
    pages[`/pages/${name}.html`] = htmlFile(page(attributes));
    await tab.goto(`${server.origin}/pages/${name}.html`);
    await tab.waitForFunction(() => window.__streamUpdates > 0, undefined, { timeout: 10_000 });
    const stop = rate > 0 ? flood(rate) : () => 0;
    await tab.waitForTimeout(WARM_UP_MS);
    const cdp = await context.newCDPSession(tab);
    await cdp.send('Performance.enable');
    /** Main-thread task and script time so far, in ms. */
    const metric = async () => {
      const { metrics } = await cdp.send('Performance.getMetrics');
      const value = (/** @type {string} */ name) => (metrics.find((m) => m.name === name)?.value ?? NaN) * 1000;
      return { task: value('TaskDuration'), script: value('ScriptDuration') };
    };
    const before = await metric();
    const updatesBefore = await tab.evaluate(() => window.__streamUpdates);
    const connectionsBefore = exchange.connections;
    await tab.waitForTimeout(STREAM_WINDOW_MS);
    const after = await metric();
    const updates = (await tab.evaluate(() => window.__streamUpdates)) - updatesBefore;
    const connections = exchange.connections - connectionsBefore;
    const sent = stop();
    await context.close();
    const perSecond = (/** @type {number} */ x) => x / (STREAM_WINDOW_MS / 1000);
    return {
      task: perSecond(after.task - before.task),
      script: perSecond(after.script - before.script),
      updates: perSecond(updates),
      connections,
      floodWarnings,
      sent: sent / ((WARM_UP_MS + STREAM_WINDOW_MS) / 1000),
    };
  };

  /** @type {StreamFigures[]} */
  const poll = [];
  /** @type {Record<number, StreamFigures[]>} */
  const streams = Object.fromEntries(STREAM_RATES.map((rate) => [rate, []]));
  try {
    for (let rep = 0; rep < reps; rep++) {
      poll.push(await measure(`poll-${rep}`, { ...common, interval: '1' }, 0));
      for (const rate of STREAM_RATES)
        streams[rate]?.push(
          await measure(
            `stream-${rate}-${rep}`,
            { ...common, stream: '', 'stream-endpoint': exchange.url, interval: '1' },
            rate,
          ),
        );
    }
  } finally {
    await exchange.stop();
    await server.close();
  }
  return { poll, streams };
}
