/**
 * `stream` end to end in each engine: a ticker of the element, its REST requests answered by msw,
 * its socket connected to a local server speaking the exchange's protocol (commands.exchange,
 * test/support/exchange-command.ts). Hidden and offline are emulated the way page-state.ts reads
 * them, as in polite.test.ts; tabs are same-origin iframes, as in tabs.test.ts.
 */
import { http } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { commands, server } from 'vitest/browser';
import krakenRest from '../fixtures/kraken-ticker.json?raw';
import type { PriceTickerElement } from '../../src/element.js';
import type { PriceTickerErrorEvent } from '../../src/events.js';
import type { ExchangeAction, ExchangeState } from '../support/exchange-command.js';
import { items, json, mount, sleep, startWorker, waitFor, worker } from './support.js';

beforeAll(startWorker);
const started: number[] = [];
afterEach(async () => {
  document.body.replaceChildren();
  worker.resetHandlers();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  for (const id of started.splice(0)) await commands.exchange({ id, stop: true });
});
afterAll(() => worker.stop());

type Exchange = 'binance' | 'coinbase' | 'kraken';

async function startExchange(
  exchange: Exchange,
  options: Omit<Extract<ExchangeAction, { start: Exchange }>, 'start'> = {},
) {
  const state = await commands.exchange({ start: exchange, ...options });
  started.push(state.id);
  return state;
}
const drive = (id: number, action: Omit<Extract<ExchangeAction, { id: number }>, 'id'> = {}): Promise<ExchangeState> =>
  commands.exchange({ id, ...action });

/** A REST base of this page (the 1 s floor of an own endpoint), unique per call. */
let counter = 0;
const restEndpoint = () => `${location.origin}/test-exchange-${++counter}`;

/** Kraken's REST ticker at `endpoint` (XBTUSDT at 73380.60), each request's time recorded. */
function serveKraken(endpoint: string) {
  const requests: number[] = [];
  worker.use(
    http.get(`${endpoint}/0/public/Ticker`, () => {
      requests.push(performance.now());
      return json(krakenRest);
    }),
  );
  return requests;
}

/** Every REST request under `endpoint` is left unanswered: the first prices can only come from the socket. */
function hangRest(endpoint: string) {
  worker.use(http.get(`${endpoint}/*`, () => new Promise<Response>(() => {})));
}

function mountStream(source: Exchange, coins: string, state: ExchangeState, endpoint: string, more = {}) {
  return mount({ source, coins, endpoint, 'stream-endpoint': state.url, stream: '', locale: 'en-US', ...more });
}

const priceText = (el: PriceTickerElement) => items(el)[0]?.querySelector('[part="price"]')?.textContent;

/** Records the element's update events: when, and what `changed` said. */
function recordUpdates(el: PriceTickerElement) {
  const updates: { at: number; changed: string[]; price: string | undefined }[] = [];
  el.addEventListener('price-ticker-update', (e) =>
    updates.push({ at: performance.now(), changed: e.detail.changed, price: e.detail.quotes[0]?.price }),
  );
  return updates;
}

/** waitFor with an async check. */
async function until<T>(check: () => Promise<T | false | undefined>, timeout = 8000): Promise<T> {
  const start = performance.now();
  for (;;) {
    const value = await check();
    if (value) return value;
    if (performance.now() - start > timeout) throw new Error(`timed out: ${check.toString()}`);
    await sleep(50);
  }
}

/**
 * Streams one BTC/USDT price to the ticker, sent again until it shows: on a busy machine, one
 * sent as the socket is set up may be lost.
 */
const streamPrice = (id: number, el: PriceTickerElement, price: string) =>
  until(async () => {
    if (el.quotes[0]?.price === price) return true;
    await drive(id, { tickers: [['BTC/USDT', price, '1']] });
    return false;
  });

/** Waits until the server has `open` connections open (and at least `connections` made). */
const connected = (id: number, open = 1, connections = 1) =>
  until(async () => {
    const s = await drive(id);
    return s.open === open && s.connections >= connections && s;
  });

/** Counts the sockets this page opens from now on (a worker's are not its own); returns the count so far. */
function countPageSockets() {
  let made = 0;
  vi.stubGlobal(
    'WebSocket',
    class extends WebSocket {
      constructor(...args: ConstructorParameters<typeof WebSocket>) {
        super(...args);
        made++;
      }
    },
  );
  return () => made;
}

/** A Kraken ticker of XBTUSDT streaming from a new local exchange, once its REST price is in and its socket open. */
async function streamingKraken(more = {}) {
  const exchange = await startExchange('kraken', { heartbeat: true });
  const endpoint = restEndpoint();
  const requests = serveKraken(endpoint);
  const el = mountStream('kraken', 'XBTUSDT', exchange, endpoint, more);
  await waitFor(() => el.quotes.length === 1, 8000);
  await connected(exchange.id);
  return { exchange, requests, el };
}

describe('stream: the three exchanges', () => {
  it('kraken: subscribes to BTC/USDT, shows the REST price, then each streamed price exactly', async () => {
    const pageSockets = countPageSockets();
    const exchange = await startExchange('kraken');
    const endpoint = restEndpoint();
    serveKraken(endpoint);
    const el = mountStream('kraken', 'XBTUSDT', exchange, endpoint);
    await waitFor(() => priceText(el) === '$73,380.60', 8000);
    const s = await until(async () => {
      const state = await drive(exchange.id);
      return state.received.length > 0 && state;
    });
    expect(s.received.map((m) => JSON.parse(m) as unknown)).toEqual([
      { method: 'subscribe', params: { channel: 'ticker', symbol: ['BTC/USDT'] } },
    ]);
    // 1.005 as a float rounds down to 1.00; as the exact decimal Kraken sent, half-up to 1.01.
    await drive(exchange.id, { tickers: [['BTC/USDT', '1.005', '-2.25']] });
    await waitFor(() => priceText(el) === '$1.01', 5000);
    expect(el.quotes[0]).toMatchObject({ id: 'XBTUSDT', price: '1.005', change: '-2.25' });
    expect(el.status).toBe('live');
    // The socket lives in a worker: the page made none itself.
    expect(pageSockets()).toBe(0);
  });

  it('coinbase: one subscribe message for ticker and heartbeat; a refusal is an error event with Coinbase’s reason', async () => {
    const exchange = await startExchange('coinbase', { refuse: ['BTC-XYZ'] });
    const endpoint = restEndpoint();
    hangRest(endpoint);
    const el = mountStream('coinbase', 'BTC-XYZ', exchange, endpoint);
    const errors: PriceTickerErrorEvent[] = [];
    el.addEventListener('price-ticker-error', (e) => errors.push(e));
    await waitFor(() => errors.length > 0, 8000);
    expect(errors[0]!.detail.error.message).toBe(
      'coinbase stream: API error: Failed to subscribe: BTC-XYZ is not a valid product',
    );
    const s = await drive(exchange.id);
    expect(s.received.map((m) => JSON.parse(m) as unknown)).toEqual([
      {
        type: 'subscribe',
        channels: [
          { name: 'ticker', product_ids: ['BTC-XYZ'] },
          { name: 'heartbeat', product_ids: ['BTC-XYZ'] },
        ],
      },
    ]);
  });

  it('binance: subscribes by the URL; with REST silent, the first prices come from the stream', async () => {
    const exchange = await startExchange('binance');
    const endpoint = restEndpoint();
    hangRest(endpoint);
    const el = mountStream('binance', 'BTCUSDT,ETHUSDT', exchange, endpoint);
    await connected(exchange.id);
    expect((await drive(exchange.id)).paths).toEqual(['/stream?streams=btcusdt@miniTicker/ethusdt@miniTicker']);
    await drive(exchange.id, { tickers: [['ETHUSDT', '3000.5', '3100']] });
    await waitFor(() => el.quotes.length === 1, 5000);
    expect(el.quotes[0]).toMatchObject({ id: 'ETHUSDT', price: '3000.5' });
    expect(priceText(el)).toBe('$3,000.50');
    expect(el.status).toBe('live');
  });
});

describe('stream: behaviour', () => {
  it('updates come at most once a second, `changed` covering the batch, the last price shown', async () => {
    const exchange = await startExchange('kraken');
    const endpoint = restEndpoint();
    serveKraken(endpoint);
    const el = mountStream('kraken', 'XBTUSDT', exchange, endpoint);
    const updates = recordUpdates(el);
    await waitFor(() => updates.length === 1, 8000);
    await connected(exchange.id);
    // Five bursts over about 2.5 s, each of many prices at once.
    let last = '';
    for (let burst = 0; burst < 5; burst++) {
      const tickers = Array.from({ length: 200 }, (_, i): [string, string, string] => {
        last = `${70000 + burst}.${String(i).padStart(3, '0')}`;
        return ['BTC/USDT', last, '1.5'];
      });
      await drive(exchange.id, { tickers });
      await sleep(500);
    }
    await waitFor(() => updates.at(-1)?.price === last, 3000);
    const streamed = updates.slice(1);
    expect(streamed.length).toBeGreaterThan(1);
    expect(streamed.length).toBeLessThanOrEqual(5);
    for (let i = 1; i < streamed.length; i++)
      expect(streamed[i]!.at - streamed[i - 1]!.at, 'the time between two updates').toBeGreaterThanOrEqual(990);
    for (const update of streamed) expect(update.changed).toEqual(['XBTUSDT']);
    expect(el.quotes[0]!.price).toBe(last);
  });

  it('on a close: polls REST at the interval meanwhile, reconnects, and stops polling once prices flow again', async () => {
    const { exchange, requests, el } = await streamingKraken({ interval: '1' });
    await drive(exchange.id, { tickers: [['BTC/USDT', '71000.5', '1']] });
    await waitFor(() => el.quotes[0]?.price === '71000.5', 5000);
    const whileStreaming = requests.length;
    await sleep(2500);
    expect(requests.length, 'no poll while it streams').toBe(whileStreaming);

    // The exchange goes away: every new connection is closed at once, for about 3 s.
    await drive(exchange.id, { closeOnConnect: true, closeAll: true });
    await waitFor(() => requests.length >= whileStreaming + 2, 5000);
    expect(el.quotes[0]?.price).toBe('73380.60000'); // the REST price
    await drive(exchange.id, { closeOnConnect: false });
    const before = (await drive(exchange.id)).connections;
    await connected(exchange.id, 1, before + 1); // the backoff is at most 1 s, 2 s, 4 s… so far
    await drive(exchange.id, { tickers: [['BTC/USDT', '72000.25', '1']] });
    await waitFor(() => el.quotes[0]?.price === '72000.25', 5000);
    await sleep(300);
    const after = requests.length;
    await sleep(2500);
    expect(requests.length, 'no poll once it streams again').toBe(after);
  });

  it('a socket open but silent: stale, polls REST at the interval; messages again, and the polls stop', async () => {
    // This server sends no heartbeats: after the price, the socket falls silent.
    const exchange = await startExchange('kraken');
    const endpoint = restEndpoint();
    const requests = serveKraken(endpoint);
    const el = mountStream('kraken', 'XBTUSDT', exchange, endpoint, { interval: '1' });
    await connected(exchange.id);
    await streamPrice(exchange.id, el, '71000.5');
    const polls = requests.length;
    // Kraken beats every second: silent for 3 s (2 s, and 1 s for a batch), the stream is stale,
    // and the polls take over.
    await waitFor(() => requests.length >= polls + 2, 9000);
    expect(el.quotes[0]?.price).toBe('73380.60000'); // the REST price
    expect(el.status).toBe('live');
    // Heartbeats and a price again: no more polls.
    const heartbeat = JSON.stringify({ channel: 'heartbeat' });
    await drive(exchange.id, { tickers: [['BTC/USDT', '72000.25', '1']], texts: [heartbeat] });
    await waitFor(() => el.quotes[0]?.price === '72000.25', 5000);
    await sleep(300);
    const after = requests.length;
    for (let i = 0; i < 6; i++) {
      await drive(exchange.id, { texts: [heartbeat] });
      await sleep(500);
    }
    expect(requests.length, 'no poll while it beats').toBe(after);
  });

  it('no socket while the page is hidden, offline, or the ticker paused or off screen; opened again at once', async () => {
    const { exchange, el } = await streamingKraken();
    const setHidden = (hidden: boolean) => {
      if (hidden) Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
      else delete (document as { visibilityState?: unknown }).visibilityState;
      document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
    };
    const setOnline = (online: boolean) => {
      if (online) delete (navigator as { onLine?: unknown }).onLine;
      else Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
      window.dispatchEvent(new Event(online ? 'online' : 'offline'));
    };
    const setPaused = (paused: boolean) => el.toggleAttribute('paused', paused);
    // Far below the fold (the IntersectionObserver tells), then back.
    const setOffScreen = (off: boolean) => void (el.style.marginTop = off ? '5000px' : '');
    let connections = 1;
    for (const [what, set] of [
      ['hidden', setHidden],
      ['offline', (off: boolean) => setOnline(!off)],
      ['paused', setPaused],
      ['off screen', setOffScreen],
    ] as const) {
      set(true);
      await connected(exchange.id, 0, connections).catch(() => {
        throw new Error(`${what}: the socket stayed open`);
      });
      await sleep(1500);
      expect((await drive(exchange.id)).connections, `${what}: none opened meanwhile`).toBe(connections);
      const at = performance.now();
      set(false);
      await connected(exchange.id, 1, ++connections);
      expect(performance.now() - at, `${what}: opened again at once`).toBeLessThan(1000);
    }
  });

  it('the driver really hides the page: the socket closes; shown again, it opens at once', async (context) => {
    const { exchange } = await streamingKraken();
    if (!(await commands.hidePage(true)))
      context.skip(
        `${server.browser}: the driver cannot hide the page here (the test above hides it by its visibilityState)`,
      );
    try {
      await waitFor(() => document.visibilityState === 'hidden', 3000);
      await connected(exchange.id, 0);
      const shown = performance.now();
      await commands.hidePage(false);
      await connected(exchange.id, 1, 2);
      expect(performance.now() - shown).toBeLessThan(1500);
    } finally {
      await commands.hidePage(false);
    }
  });

  it('bad input: hundreds of garbage and huge messages are counted in one warning; the screen keeps valid prices', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const exchange = await startExchange('kraken');
    const endpoint = restEndpoint();
    serveKraken(endpoint);
    const el = mountStream('kraken', 'XBTUSDT', exchange, endpoint);
    const updates = recordUpdates(el);
    await waitFor(() => el.quotes.length === 1, 8000);
    await connected(exchange.id);
    await drive(exchange.id, {
      garbage: true,
      tickers: [
        ['ETH/USD', '1', '1'], // not asked for
        ['BTC/USDT', '"NaN"', '1'], // not a price
      ],
      repeat: 50,
    });
    await waitFor(() => warn.mock.calls.some((call) => String(call[0]).includes('unusable')), 5000);
    const lines = warn.mock.calls.map((call) => String(call[0])).filter((line) => line.includes('unusable'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^price-ticker: kraken stream: \d+ unusable messages, the first: /);
    expect(Number(/(\d+) unusable/.exec(lines[0]!)![1])).toBeGreaterThan(100);
    expect(el.quotes[0]!.price).toBe('73380.60000');
    expect(updates).toHaveLength(1);
    expect(priceText(el)).toBe('$73,380.60');
    // Still streaming: a good price after all that is shown.
    await drive(exchange.id, { tickers: [['BTC/USDT', '73500', '1']] });
    await waitFor(() => priceText(el) === '$73,500.00', 5000);
    await sleep(1500);
    expect(warn.mock.calls.filter((call) => String(call[0]).includes('unusable'))).toHaveLength(1);
  });

  /** Floods the stream of a Kraken ticker: it closes with one warning, the prices stay, REST polling goes on. */
  async function flood(exchange: ExchangeState, requests: number[], el: PriceTickerElement) {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await streamPrice(exchange.id, el, '71000.5');
    const polls = requests.length;
    // 2,000 good prices at once: four times what a second may bring.
    await drive(exchange.id, { tickers: [['BTC/USDT', '72000.5', '1']], repeat: 2000 });
    await until(async () => (await drive(exchange.id)).open === 0, 5000);
    const floods = () => warn.mock.calls.map((call) => String(call[0])).filter((line) => line.includes('a second'));
    await waitFor(() => floods().length === 1, 5000);
    expect(floods()[0]).toBe(
      'price-ticker: kraken stream: more than 500 messages a second; closed, polling until it reopens',
    );
    // The screen holds a price, never NaN, and REST polling carries on while the socket is closed.
    await waitFor(() => requests.length >= polls + 2, 5000);
    expect(priceText(el)).toMatch(/^\$7[0-9],[0-9]{3}\.[0-9]{2}$/);
    return floods;
  }

  it('a flood: the socket closes with one warning, the prices stay and polling goes on', async () => {
    const { exchange, requests, el } = await streamingKraken({ interval: '1' });
    await flood(exchange, requests, el);
  });

  it('where the page allows no worker, the socket runs on the page: a flood closes it, and it reopens later', async () => {
    // As under a policy without `worker-src blob:` (the real policy is csp.test.ts's).
    vi.stubGlobal('Worker', undefined);
    const pageSockets = countPageSockets();
    const { exchange, requests, el } = await streamingKraken({ interval: '1' });
    expect(pageSockets()).toBe(1);
    // The wait before reopening (up to 16 s after a first flood) is made short here: a twentieth of it.
    vi.spyOn(Math, 'random').mockReturnValue(0.05);
    const floods = await flood(exchange, requests, el);
    // It comes back (after 0.8 s), and a calm stream is shown again.
    await connected(exchange.id, 1, 2);
    await drive(exchange.id, { tickers: [['BTC/USDT', '73000.25', '1']] });
    await waitFor(() => el.quotes[0]?.price === '73000.25', 5000);
    expect(floods()).toHaveLength(1);
  });

  it('two tabs share one socket; when the one holding it closes, the other opens its own', async () => {
    const exchange = await startExchange('kraken');
    const endpoint = restEndpoint();
    serveKraken(endpoint);
    type Tab = Window & { ticker?: PriceTickerElement };
    const openTab = async () => {
      const frame = document.createElement('iframe');
      frame.src = `/test/browser/pages/stream-tab.html?endpoint=${encodeURIComponent(endpoint)}&stream=${encodeURIComponent(exchange.url)}`;
      document.body.append(frame);
      const tab = await waitFor(() => {
        const w: Tab | null = frame.contentWindow;
        return w?.ticker?.quotes.length === 1 && w;
      }, 10_000);
      return { frame, ticker: tab.ticker! };
    };
    const a = await openTab();
    await connected(exchange.id);
    const b = await openTab();
    await sleep(1500);
    expect((await drive(exchange.id)).connections, 'one socket for both tabs').toBe(1);
    await drive(exchange.id, { tickers: [['BTC/USDT', '74000.5', '1']] });
    await waitFor(() => a.ticker.quotes[0]?.price === '74000.5' && b.ticker.quotes[0]?.price === '74000.5', 5000);
    a.frame.remove();
    await connected(exchange.id, 1, 2);
    await drive(exchange.id, { tickers: [['BTC/USDT', '74100', '1']] });
    await waitFor(() => b.ticker.quotes[0]?.price === '74100', 5000);
  });
});
