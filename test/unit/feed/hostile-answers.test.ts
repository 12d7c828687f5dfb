/**
 * Answers that real and hostile price APIs can send, each found breaking the ticker once and
 * kept here under its own name: the feed (Node, msw, the real source adapters) must neither
 * freeze, flood nor be fooled by them.
 */
import fc from 'fast-check';
import { http, HttpResponse, delay } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { SETTINGS } from '../../../src/config.js';
import { Feed, type FeedEvent, type FeedSubscriber } from '../../../src/feed/feed.js';
import { normaliseQuotes } from '../../../src/feed/quote.js';
import { MAX_CONCURRENT_REQUESTS, sourceLabel, sourceLoader } from '../../../src/feed/registry.js';
import { SOURCES, type FeedConfig } from '../../../src/feed/sources/index.js';
import { formatChange, formatPrice } from '../../../src/format/index.js';
import { fixture, sourceConfig } from '../../support/sources.js';
import { useFeedServer } from '../../support/feed-harness.js';

// Real timers: these feeds run as on a page, waited for with vi.waitFor.
const { server, warnings } = useFeedServer({ fakeTimers: false });

const jsonBody = (text: string, init: ResponseInit = {}) =>
  new HttpResponse(text, { ...init, headers: { 'Content-Type': 'application/json', ...(init.headers as object) } });

/** A feed for `config` as the page would make it, with a subscriber that records events. */
function feedFor(config: FeedConfig) {
  const adapter = SOURCES[config.source];
  const events: FeedEvent[] = [];
  const subscriber: FeedSubscriber = {
    interval: 3600,
    paused: false,
    onScreen: true,
    notify: (e) => void events.push(e),
  };
  const feed = new Feed(sourceLoader(config), {
    order: config.coins.length > 0 ? config.coins : adapter.defaultCoins,
    limit: config.limit,
    floor: 1,
    label: sourceLabel(config),
  });
  return { feed, events, start: () => feed.subscribe(subscriber), stop: () => feed.unsubscribe(subscriber) };
}

const errorOf = (events: FeedEvent[]) => events.findLast((e) => e.type === 'error');

describe('regression: an unformattable price is dropped when it arrives', () => {
  const TINY = `0.${'0'.repeat(1200)}1`;

  it('a CoinGecko price of 0.<1200 zeros>1 drops that coin alone, with a warning', async () => {
    const config = sourceConfig('coingecko', { endpoint: 'https://proxy.test/api/v3', coins: ['bitcoin', 'ethereum'] });
    const [btc] = JSON.parse(fixture('coingecko-markets-2024.json')) as Array<Record<string, unknown>>;
    const text = JSON.stringify([btc, { ...btc, id: 'ethereum', current_price: 0 }]).replace(
      '"current_price":0',
      `"current_price":${TINY}`,
    );
    server.use(http.get('https://proxy.test/api/v3/coins/markets', () => jsonBody(text)));
    const { feed, start, stop } = feedFor(config);
    start();
    await vi.waitFor(() => expect(feed.lastUpdated).not.toBeNull());
    expect(feed.quotes.map((q) => q.id)).toEqual(['bitcoin']);
    expect(warnings()).toEqual([
      `price-ticker: ${sourceLabel(config)}: 1 problem in the answer: "ethereum" has an invalid price`,
    ]);
    stop();
  });

  it('whatever decimal text it is sent, a quote that is kept can be formatted', () => {
    const digits = (max: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), maxLength: max });
    const decimalText = fc
      .tuple(
        fc.constantFrom('', '-', '+'),
        digits(40),
        fc.constantFrom('', '.'),
        digits(1300),
        fc.constantFrom('', 'e', 'E'),
        fc.integer({ min: -2000, max: 2000 }),
      )
      .map(([sign, int, point, frac, e, exp]) => `${sign}${int}${point}${frac}${e ? `${e}${exp}` : ''}`);
    fc.assert(
      fc.property(decimalText, decimalText, (price, change) => {
        const { quotes } = normaliseQuotes([{ id: 'x', price, change }], 0);
        for (const q of quotes) {
          expect(formatPrice(q.price)).not.toMatch(/NaN|Infinity|undefined/);
          if (q.change !== null) expect(formatChange(q.change)).not.toMatch(/NaN|Infinity|undefined/);
        }
      }),
      { numRuns: 3000 },
    );
  });
});

describe('regression: a flood of quotes keeps what was asked for', () => {
  const ENDPOINT = 'https://proxy.test/quotes.json';
  // Small entries: 25,000 of them fit under the 1 MiB body cap.
  const flood = JSON.stringify(Array.from({ length: 25_000 }, (_, i) => ({ id: `c${i}`, price: `${i}.5` })));

  it.each([
    ['no coins: the first `limit`', {}, Array.from({ length: 20 }, (_, i) => `c${i}`)],
    ['limit 250', { limit: 250 }, Array.from({ length: 250 }, (_, i) => `c${i}`)],
    ['coins: those, in their order', { coins: ['c24999', 'c7'] }, ['c24999', 'c7']],
  ])('a json endpoint answering 25,000 entries, %s', async (_name, over, ids) => {
    server.use(http.get(ENDPOINT, () => jsonBody(flood)));
    const config = sourceConfig('json', { endpoint: ENDPOINT, ...over });
    const { feed, start, stop } = feedFor(config);
    start();
    await vi.waitFor(() => expect(feed.lastUpdated).not.toBeNull());
    expect(feed.quotes.map((q) => q.id)).toEqual(ids);
    // Asked-for ids: the others are counted in one line; a limit: the rest is not read at all.
    expect(warnings()).toEqual(
      'coins' in over
        ? [`price-ticker: ${sourceLabel(config)}: 1 problem in the answer: 24998 entries not asked for`]
        : [],
    );
    stop();
  });
});

describe('regression: a failed multi-request poll stops its other requests', () => {
  const BASE = 'https://coinbase.test';
  const TICKER = fixture('coinbase-exchange-ticker-docs.json');
  const STATS = fixture('coinbase-exchange-stats.json');

  /** Serves Coinbase, slowly, counting requests in flight and the ones cut off by an abort. */
  function serveCoinbase(failing?: string) {
    const stats = { inFlight: 0, most: 0, started: 0, aborted: 0 };
    server.use(
      http.get(`${BASE}/products/:id/:what`, async ({ params, request }) => {
        stats.started++;
        stats.most = Math.max(stats.most, ++stats.inFlight);
        request.signal.addEventListener('abort', () => stats.aborted++);
        try {
          if (params.id === failing) return jsonBody('{"message":"NotFound"}', { status: 404 });
          await delay(30);
          return jsonBody(params.what === 'ticker' ? TICKER : STATS);
        } finally {
          stats.inFlight--;
        }
      }),
    );
    return stats;
  }
  const products = (n: number) => Array.from({ length: n }, (_, i) => `P${i}-USD`);

  it(`250 products, 500 requests, at most ${MAX_CONCURRENT_REQUESTS} at a time`, async () => {
    const stats = serveCoinbase();
    const load = sourceLoader(sourceConfig('coinbase', { endpoint: BASE, coins: products(250) }));
    const entries = await load(new AbortController().signal);
    expect(entries).toHaveLength(250);
    expect(stats.started).toBe(500);
    expect(stats.most).toBe(MAX_CONCURRENT_REQUESTS);
  }, 30_000);

  it('one product that fails aborts the requests still running, and no more start', async () => {
    const stats = serveCoinbase('P2-USD');
    const load = sourceLoader(sourceConfig('coinbase', { endpoint: BASE, coins: products(20) }));
    await expect(load(new AbortController().signal)).rejects.toThrow(
      'coinbase: https://coinbase.test/products/P2-USD/ticker: HTTP 404 Not Found: API error: NotFound',
    );
    await delay(100); // what was running when the poll failed had time to end, or to start more
    expect(stats.inFlight).toBe(0);
    expect(stats.started).toBeLessThanOrEqual(MAX_CONCURRENT_REQUESTS);
    expect(stats.aborted).toBeGreaterThanOrEqual(1);
  });
});

describe('regression: Kraken answers are read in linear time', () => {
  it('250 pairs against 70,000 result keys: each key is put in canonical form once', () => {
    const pairs = Array.from({ length: 250 }, (_, i) => `P${String(i).padStart(3, '0')}USD`);
    const result: Record<string, unknown> = {};
    for (let i = 0; i < 70_000; i++) result[`K${i}ZUSD`] = { c: ['1', '1'], o: '1' };
    for (const pair of pairs) result[pair] = { c: ['2.5', '1'], o: '2' };
    // Counted by hand, not with a spy: the quadratic version made 17.5 million calls.
    // eslint-disable-next-line @typescript-eslint/unbound-method -- kept to be restored, and called with .call(this)
    const toUpperCase = String.prototype.toUpperCase;
    let calls = 0;
    String.prototype.toUpperCase = function (this: string) {
      calls++;
      return toUpperCase.call(this);
    };
    let entries: Array<{ price: string }>;
    try {
      entries = SOURCES.kraken.parse([{ error: [], result }], sourceConfig('kraken', { coins: pairs })) as Array<{
        price: string;
      }>;
    } finally {
      String.prototype.toUpperCase = toUpperCase;
    }
    expect(entries.map((e) => e.price)).toEqual(pairs.map(() => '2.5'));
    // A canonical name per key and per pair asked, not per key for every pair (17.5 million).
    expect(calls).toBeLessThanOrEqual(70_250 + 250);
  });
});

describe('regression: endpoint URLs that cannot work are refused, queries are kept', () => {
  const read = (value: string) => SETTINGS.endpoint.read(value);

  it.each([
    'https://user:pw@proxy.test/api',
    'https://user@proxy.test/api',
    'https://proxy.test/api#top',
    'https://proxy.test/api?key=K#x',
  ])('refuses %s (the element then warns once and uses the default)', (value) => expect(read(value)).toBeUndefined());

  it("keeps the endpoint's own query and merges it with the source's", () => {
    const endpoint = read('https://proxy.test/api/v3/?key=K&vs_currency=ignored')!;
    const [url] = SOURCES.coingecko.requests(sourceConfig('coingecko', { endpoint, coins: ['bitcoin'] }));
    const u = new URL(url!);
    expect(u.pathname).toBe('/api/v3/coins/markets');
    expect(u.searchParams.get('key')).toBe('K');
    expect(u.searchParams.getAll('vs_currency')).toEqual(['usd']);
    expect(u.searchParams.get('ids')).toBe('bitcoin');
    const [kraken] = SOURCES.kraken.requests(
      sourceConfig('kraken', { endpoint: 'https://proxy.test/k?token=a%2Fb', coins: ['XBTUSD', 'ETHUSD'] }),
    );
    expect(kraken).toBe('https://proxy.test/k/0/public/Ticker?pair=XBTUSD,ETHUSD&token=a%2Fb');
    const coinbase = SOURCES.coinbase.requests(
      sourceConfig('coinbase', { endpoint: 'https://proxy.test/cb?k=1', coins: ['BTC-USD'] }),
    );
    expect(coinbase).toEqual([
      'https://proxy.test/cb/products/BTC-USD/ticker?k=1',
      'https://proxy.test/cb/products/BTC-USD/stats?k=1',
    ]);
  });
});

describe('regression: the json source reads updatedAt as a time', () => {
  it.each([
    ['an ISO 8601 string', '"2024-06-01T12:00:00Z"', Date.UTC(2024, 5, 1, 12), false],
    [
      'an ISO 8601 string with an offset',
      '"2024-06-01T14:00:00.500+02:00"',
      Date.UTC(2024, 5, 1, 12, 0, 0, 500),
      false,
    ],
    ['epoch milliseconds', '1717243200000', Date.UTC(2024, 5, 1, 12), false],
    ['epoch milliseconds as text', '"1717243200000"', Date.UTC(2024, 5, 1, 12), false],
    ['1e300 (past the Date range)', '1e300', 42, true],
    ['a date Date.parse reads loosely', '"June 1, 2024"', 42, true],
    ['garbage', '"soon"', 42, true],
    ['an object', '{"t":1}', 42, true],
    ['an array', '[1717243200000]', 42, true],
  ])('%s', (_name, value, expected, warned) => {
    const body: unknown = JSON.parse(`[{"id":"a","price":"1","updatedAt":${value}}]`);
    const { quotes, problems } = normaliseQuotes(SOURCES.json.parse([body], sourceConfig('json')), 42);
    expect(quotes.map((q) => q.updatedAt)).toEqual([expected]);
    expect(new Date(quotes[0]!.updatedAt).getTime()).toBe(expected); // never an Invalid Date
    expect(problems).toEqual(warned ? ['"a" has an invalid updatedAt (time of receipt used)'] : []);
  });
});

describe('regression: warnings stay few and their memory bounded', () => {
  const ENDPOINT = 'https://proxy.test/bad.json';

  it('5 polls of 40,000 bad entries with fresh ids log 5 lines, each a summary', async () => {
    let poll = 0;
    server.use(
      http.get(ENDPOINT, () => {
        poll++;
        const bad = Array.from({ length: 40_000 }, (_, i) => `{"id":"p${poll}-${i}"}`); // no price; under the body cap
        return jsonBody(`[{"id":"ok","price":"${poll}"},${bad.join(',')}]`);
      }),
    );
    const { feed, start, stop } = feedFor(sourceConfig('json', { endpoint: ENDPOINT, limit: 250 }));
    start();
    for (let i = 1; i <= 5; i++) {
      await vi.waitFor(() => expect(feed.quotes[0]?.price).toBe(String(i)));
      if (i < 5) await feed.refresh();
    }
    stop();
    expect(warnings()).toHaveLength(5);
    expect(warnings()[4]).toBe(
      `price-ticker: json: ${ENDPOINT}: 40000 problems in the answer: "p5-0" has an invalid price; "p5-1" has an invalid price; "p5-2" has an invalid price; and 39997 more`,
    );
  });

  it('remembers only the latest warnings: an old one is said again once it has been forgotten', async () => {
    let id = 'a0';
    server.use(http.get(ENDPOINT, () => jsonBody(`[{"id":"ok","price":"1"},{"id":"${id}","price":"x"}]`)));
    const { feed, start, stop } = feedFor(sourceConfig('json', { endpoint: ENDPOINT }));
    start();
    await vi.waitFor(() => expect(warnings()).toHaveLength(1));
    await feed.refresh(); // the same problem again: not repeated
    expect(warnings()).toHaveLength(1);
    for (let i = 1; i <= 100; i++) {
      id = `a${i}`;
      await feed.refresh();
    }
    expect(warnings()).toHaveLength(101);
    id = 'a0'; // forgotten by now (100 remembered): said again
    await feed.refresh();
    expect(warnings()).toHaveLength(102);
    stop();
  });
});

describe('regression: error answers say what the API said', () => {
  const cases: Array<[string, FeedConfig, string, number, string]> = [
    [
      'Binance 400',
      sourceConfig('binance', { endpoint: 'https://b.test', coins: ['NOPE'] }),
      fixture('binance-error-invalid-symbol.json'),
      400,
      'HTTP 400 Bad Request: API error -1121: Invalid symbol.',
    ],
    [
      'Coinbase 404',
      sourceConfig('coinbase', { endpoint: 'https://c.test', coins: ['NOPE-USD'] }),
      '{"message":"NotFound"}',
      404,
      'HTTP 404 Not Found: API error: NotFound',
    ],
    [
      'Kraken 400',
      sourceConfig('kraken', { endpoint: 'https://k.test', coins: ['NOPE'] }),
      fixture('kraken-error-unknown-pair.json'),
      400,
      'HTTP 400 Bad Request: API error: EQuery:Unknown asset pair',
    ],
    [
      'CoinGecko 429',
      sourceConfig('coingecko', { endpoint: 'https://g.test' }),
      '{"status":{"error_code":429,"error_message":"You\'ve exceeded the Rate Limit."}}',
      429,
      "HTTP 429 Too Many Requests: API error 429: You've exceeded the Rate Limit.",
    ],
    [
      'a 10,000-character message with control characters',
      sourceConfig('json', { endpoint: 'https://j.test/q' }),
      JSON.stringify({ error: `bad\n\u0000\u001b[31m${'x'.repeat(10_000)}` }),
      500,
      `HTTP 500 Internal Server Error: API error: bad [31m${'x'.repeat(192)}…`,
    ],
    [
      'a code that is an object',
      sourceConfig('binance', { endpoint: 'https://b.test', coins: ['X'] }),
      '{"code":{"a":1},"msg":"m"}',
      400,
      'HTTP 400 Bad Request: API error: m',
    ],
    [
      'an HTML error page',
      sourceConfig('binance', { endpoint: 'https://b.test', coins: ['X'] }),
      '<html>busy</html>',
      503,
      'HTTP 503 Service Unavailable',
    ],
  ];

  it.each(cases)('%s', async (_name, config, text, status, message) => {
    const html = text.startsWith('<');
    server.use(
      http.get(
        /.*/,
        () => new HttpResponse(text, { status, headers: { 'Content-Type': html ? 'text/html' : 'application/json' } }),
      ),
    );
    const error = await sourceLoader(config)(new AbortController().signal).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error?.message.endsWith(`: ${message}`)).toBe(true);
    expect(error?.message.length).toBeLessThan(400);
  });

  it('a 2 MB error body is read no further than its first 16 KiB', async () => {
    const { feed, events, start, stop } = feedFor(sourceConfig('json', { endpoint: 'https://j.test/q' }));
    server.use(http.get('https://j.test/q', () => jsonBody(`{"error":"${'y'.repeat(2_000_000)}"}`, { status: 502 })));
    start();
    await vi.waitFor(() => expect(errorOf(events)).toBeDefined());
    // Cut off mid-string, the body is not JSON: the status alone is reported.
    expect(errorOf(events)!.error.message).toBe('json: https://j.test/q: HTTP 502 Bad Gateway');
    expect(feed.status).toBe('error');
    stop();
  });
});
