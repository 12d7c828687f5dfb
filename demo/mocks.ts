/**
 * The demo's offline backend: an msw browser worker that answers CoinGecko's
 * `/coins/markets` from the SIMULATED market of market.ts, on ANY origin (the public
 * `https://api.coingecko.com/api/v3` as well as a local `endpoint`), and serves the
 * generated logos at `/demo-logos/<id>.svg`.
 *
 * `settings.mode = 'real'` lets `/coins/markets` through to the network (`passthrough()`);
 * `'stream'` shows a Kraken ticker with `stream`: Kraken's REST `/0/public/Ticker` and its
 * WebSocket v2 ticker channel (`wss://ws.kraken.com/v2`, through msw's `ws` handlers), both from
 * the same simulated market, which then moves every {@link STREAM_TICK_MS} ms;
 * `settings.failure` makes the simulated API fail, to show the ticker's stale/error states, or
 * answer slowly, to show what a ticker shows before its first answer.
 */
import { delay, http, HttpResponse, passthrough, ws } from 'msw';
import { setupWorker } from 'msw/browser';
import seed from './data/seed-coins.json';
import { logoSvg } from './logos';
import { createMarket } from './market';

export type DataMode = 'simulated' | 'real' | 'stream';
export type Failure = 'none' | '429' | '500' | 'network' | 'slow';

export const settings: { mode: DataMode; failure: Failure; latency: readonly [number, number] } = {
  mode: 'simulated',
  failure: 'none',
  /** Simulated response time, ms (random in this range). */
  latency: [120, 450],
};

/** How long a `slow` answer takes, ms. */
const SLOW_MS = 3000;

/** Seconds between market steps. */
export const TICK_SECONDS = 3;

export const market = createMarket(seed, Math.random, { logoBase: `${location.origin}/demo-logos/` });

/** The stream mode's coins: Kraken's REST pairs, with the market's coin and the WebSocket symbol of each. */
export const KRAKEN_PAIRS: Readonly<Record<string, readonly [id: string, symbol: string]>> = {
  XBTUSD: ['bitcoin', 'BTC/USD'],
  ETHUSD: ['ethereum', 'ETH/USD'],
  SOLUSD: ['solana', 'SOL/USD'],
  XDGUSD: ['dogecoin', 'DOGE/USD'],
};

/** Milliseconds between market steps while a stream is open: a stream is for prices that move often. */
export const STREAM_TICK_MS = 700;

/** Kraken's 24 h change in percent, two decimals as Kraken sends it (display only: a float is fine here). */
const changePct = (price: string, open: string) => ((Number(price) / Number(open) - 1) * 100).toFixed(2);

/** Kraken's REST ticker for the pairs asked: last trade `c`, 24 h `o` and `v`, from the market. */
function krakenTickerBody(url: URL): string {
  const pairs = (url.searchParams.get('pair') ?? '').split(',').filter((pair) => KRAKEN_PAIRS[pair]);
  const result = pairs.map((pair) => {
    const coin = market.coin(KRAKEN_PAIRS[pair]![0])!;
    return `"${pair}":{"c":["${coin.price}","1"],"o":"${coin.open24h}","v":["0","0"]}`;
  });
  return `{"error":[],"result":{${result.join(',')}}}`;
}

/** One Kraken v2 ticker message for a pair: `last` and `change_pct` as JSON numbers, as Kraken sends them. */
function krakenTickerMessage(pair: string, type: 'snapshot' | 'update'): string {
  const [id, symbol] = KRAKEN_PAIRS[pair]!;
  const coin = market.coin(id)!;
  return `{"channel":"ticker","type":"${type}","data":[{"symbol":"${symbol}","last":${coin.price},"change_pct":${changePct(coin.price, coin.open24h)}}]}`;
}

/** The open simulated Kraken connections, each with the pairs it subscribed to. */
const streamClients = new Map<{ send(text: string): void }, Set<string>>();
let streamTicking: ReturnType<typeof setInterval> | undefined;

/** Moves the market and sends each moved coin to the connections that asked for it. */
function streamTick(): void {
  const moved = new Set(market.step());
  for (const [client, pairs] of streamClients)
    for (const pair of pairs) if (moved.has(KRAKEN_PAIRS[pair]![0])) client.send(krakenTickerMessage(pair, 'update'));
}

const kraken = ws.link('wss://ws.kraken.com/v2');
// msw answers the sockets this page opens (it stands in for the page's WebSocket), not those of
// a worker, where the ticker keeps its socket when it can. Without Worker the ticker runs its
// socket on the page, as it does where a page's security policy refuses workers.
Object.defineProperty(globalThis, 'Worker', { value: undefined, configurable: true });

const JSON_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'Retry-After',
};

export const handlers = [
  http.get('*/coins/markets', async ({ request }) => {
    if (settings.mode === 'real') return passthrough();
    const [lo, hi] = settings.latency;
    await delay(Math.round(lo + Math.random() * (hi - lo)));
    switch (settings.failure) {
      case 'network':
        return HttpResponse.error();
      case '429':
        // What CoinGecko's public API answers when rate-limited.
        return new HttpResponse(
          '{"status":{"error_code":429,"error_message":"You\'ve exceeded the Rate Limit. (simulated)"}}',
          { status: 429, headers: { ...JSON_HEADERS, 'retry-after': '10' } },
        );
      case '500':
        return new HttpResponse('{"error":"simulated server error"}', { status: 500, headers: JSON_HEADERS });
      case 'slow':
        await delay(SLOW_MS);
        break;
      case 'none':
        break;
    }
    const { status, body } = market.respond(new URL(request.url));
    // The body is text written by market.ts: every digit of every price is kept.
    return new HttpResponse(body, { status, headers: JSON_HEADERS });
  }),
  http.get('*/0/public/Ticker', async ({ request }) => {
    await delay(150);
    return new HttpResponse(krakenTickerBody(new URL(request.url)), { headers: JSON_HEADERS });
  }),
  kraken.addEventListener('connection', ({ client }) => {
    const pairs = new Set<string>();
    streamClients.set(client, pairs);
    streamTicking ??= setInterval(streamTick, STREAM_TICK_MS);
    client.send('{"channel":"status","type":"update","data":[{"system":"online","api_version":"v2"}]}');
    client.addEventListener('message', ({ data }) => {
      let m: { method?: string; params?: { channel?: string; symbol?: string[] } } = {};
      try {
        m = JSON.parse(typeof data === 'string' ? data : '') as typeof m;
      } catch {
        return;
      }
      if (m.method !== 'subscribe' || m.params?.channel !== 'ticker') return;
      for (const symbol of m.params.symbol ?? []) {
        const pair = Object.keys(KRAKEN_PAIRS).find((p) => KRAKEN_PAIRS[p]![1] === symbol);
        if (!pair) {
          client.send(
            `{"method":"subscribe","success":false,"error":"Currency pair not supported ${symbol}","symbol":${JSON.stringify(symbol)}}`,
          );
          continue;
        }
        pairs.add(pair);
        client.send(
          `{"method":"subscribe","result":{"channel":"ticker","symbol":"${symbol}","snapshot":true},"success":true}`,
        );
        client.send(krakenTickerMessage(pair, 'snapshot'));
      }
    });
    client.addEventListener('close', () => {
      streamClients.delete(client);
      if (!streamClients.size) {
        clearInterval(streamTicking);
        streamTicking = undefined;
      }
    });
  }),
  http.get('*/demo-logos/:file', ({ params }) => {
    const file = String(params['file'] ?? '');
    const id = decodeURIComponent(file.replace(/\.svg$/, ''));
    const symbol = market.coin(id)?.symbol ?? id;
    return new HttpResponse(logoSvg(id, symbol), {
      headers: { 'content-type': 'image/svg+xml', 'cache-control': 'max-age=3600' },
    });
  }),
];

export const worker = setupWorker(...handlers);

let ticking: ReturnType<typeof setInterval> | undefined;

/** Starts the worker (resolves once it controls the page) and the market's clock. */
export async function startMocks(): Promise<void> {
  await worker.start({
    onUnhandledRequest: 'bypass',
    quiet: true,
    // Next to the page, wherever the site is served from; its scope is then the page's folder.
    serviceWorker: { url: new URL('mockServiceWorker.js', document.baseURI).pathname },
  });
  ticking ??= setInterval(() => market.step(), TICK_SECONDS * 1000);
}
