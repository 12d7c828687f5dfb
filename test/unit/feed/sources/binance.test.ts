import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseExactJson } from '../../../../src/feed/exact-json.js';
import { normaliseQuotes } from '../../../../src/feed/quote.js';
import { sourceLoader } from '../../../../src/feed/registry.js';
import { binance } from '../../../../src/feed/sources/binance.js';
import type { FeedConfig } from '../../../../src/feed/sources/index.js';
import { fixture, sourceConfig } from '../../../support/sources.js';

const config = (over: Partial<FeedConfig> = {}) => sourceConfig('binance', over);
const symbolsOf = (url: string) => JSON.parse(new URL(url).searchParams.get('symbols')!) as string[];

describe('binance source: requests', () => {
  it('asks /api/v3/ticker/24hr for all symbols at once, as a URL-encoded JSON array', () => {
    expect(binance.requests(config({ coins: ['BTCUSDT', 'ETHUSDT'] }))).toEqual([
      'https://data-api.binance.vision/api/v3/ticker/24hr?symbols=%5B%22BTCUSDT%22%2C%22ETHUSDT%22%5D',
    ]);
  });

  it('asks for its six default symbols when no coins are given (limit does not apply)', () => {
    const [url] = binance.requests(config({ limit: 2 }));
    expect(symbolsOf(url!)).toEqual(['BTCUSDT', 'ETHUSDT', 'BNBUSDT', 'SOLUSDT', 'XRPUSDT', 'DOGEUSDT']);
  });

  it('puts the same path and query below a custom endpoint', () => {
    expect(binance.requests(config({ coins: ['BTCUSDT'], endpoint: 'https://proxy.example/bn/' }))).toEqual([
      'https://proxy.example/bn/api/v3/ticker/24hr?symbols=%5B%22BTCUSDT%22%5D',
    ]);
  });

  it('never lets an id change the path or add a parameter', () => {
    const coins = ['../../x', 'A"B', 'c&d=e#f'];
    const [url] = binance.requests(config({ coins }));
    const u = new URL(url!);
    expect(u.pathname).toBe('/api/v3/ticker/24hr');
    expect([...u.searchParams.keys()]).toEqual(['symbols']);
    expect(u.hash).toBe('');
    expect(symbolsOf(url!)).toEqual(coins);
  });
});

describe('binance source: answers', () => {
  it('reads the documented 24 h ticker exactly: lastPrice, priceChangePercent, the symbol as id, name and symbol', () => {
    const raw = binance.parse([parseExactJson(fixture('binance-ticker-24hr-docs-array.json'))], config());
    const { quotes, problems } = normaliseQuotes(raw, 0);
    expect(problems).toEqual([]);
    expect(quotes).toEqual([
      {
        id: 'BNBBTC',
        symbol: 'BNBBTC',
        name: 'BNBBTC',
        price: '4.00000200',
        change: '-95.960',
        volume: '15.30000000', // quoteVolume: in the quote asset (BTC), not the base's 8913.3
        updatedAt: 0,
      },
    ]);
  });

  it("turns Binance's error body into an error with Binance's message", () => {
    const body = parseExactJson(fixture('binance-error-invalid-symbol.json'));
    expect(() => binance.parse([body], config())).toThrow('API error -1121: Invalid symbol.');
  });

  it('says what is wrong with a body of the wrong shape', () => {
    for (const text of ['{"a":1}', '"hello"', 'null', '42']) {
      expect(() => binance.parse([parseExactJson(text)], config())).toThrow('expected an array of tickers');
    }
  });

  it('passes odd entries on for the feed to drop one by one, and keeps a missing change as none', () => {
    const body = parseExactJson(
      '[1, null, {"symbol":"OKUSDT","lastPrice":"0.00000812"}, {"symbol":"BADUSDT","lastPrice":"NaN","priceChangePercent":"1"}, {"lastPrice":"1"}]',
    );
    const { quotes, problems } = normaliseQuotes(binance.parse([body], config()), 0);
    expect(quotes).toEqual([
      { id: 'OKUSDT', symbol: 'OKUSDT', name: 'OKUSDT', price: '0.00000812', change: null, updatedAt: 0 },
    ]);
    expect(problems).toHaveLength(4);
  });

  it('has no market cap; a bad quoteVolume is left out and reported, the coin kept', () => {
    const body = parseExactJson(
      '[{"symbol":"AUSDT","lastPrice":"1","quoteVolume":"-3","marketCap":"5"},{"symbol":"BUSDT","lastPrice":"2","quoteVolume":"1e99"},{"symbol":"CUSDT","lastPrice":"3"}]',
    );
    const { quotes, problems } = normaliseQuotes(binance.parse([body], config()), 0);
    expect(quotes.map((q) => [q.id, q.marketCap, q.volume])).toEqual([
      ['AUSDT', undefined, undefined],
      ['BUSDT', undefined, undefined],
      ['CUSDT', undefined, undefined],
    ]);
    expect(problems).toEqual(['"AUSDT" has an invalid volume (left out)', '"BUSDT" has an invalid volume (left out)']);
  });
});

describe('binance source: end to end (msw, sourceLoader, normaliseQuotes)', () => {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());

  it('fetches the public URL and shows exact prices', async () => {
    const urls: string[] = [];
    server.use(
      http.get('https://data-api.binance.vision/api/v3/ticker/24hr', ({ request }) => {
        urls.push(request.url);
        return new HttpResponse(fixture('binance-ticker-24hr-docs-array.json'), {
          headers: { 'Content-Type': 'application/json' },
        });
      }),
    );
    const cfg = config({ coins: ['BNBBTC'] });
    const raw = await sourceLoader(cfg)(new AbortController().signal);
    const { quotes } = normaliseQuotes(raw, 0, { order: cfg.coins });
    expect(urls).toEqual(['https://data-api.binance.vision/api/v3/ticker/24hr?symbols=%5B%22BNBBTC%22%5D']);
    expect(quotes.map((q) => [q.id, q.price, q.change])).toEqual([['BNBBTC', '4.00000200', '-95.960']]);
  });

  it('fails the poll with the message of an error body that comes with HTTP 200', async () => {
    server.use(
      http.get('https://data-api.binance.vision/api/v3/ticker/24hr', () =>
        HttpResponse.json({ code: -1121, msg: 'Invalid symbol.' }),
      ),
    );
    await expect(sourceLoader(config({ coins: ['NOPE'] }))(new AbortController().signal)).rejects.toThrow(
      'binance: https://data-api.binance.vision/api/v3/ticker/24hr: API error -1121: Invalid symbol.',
    );
  });

  it("fails the poll with the HTTP status and Binance's own message when it answers 400", async () => {
    server.use(
      http.get('https://data-api.binance.vision/api/v3/ticker/24hr', () =>
        HttpResponse.json({ code: -1121, msg: 'Invalid symbol.' }, { status: 400 }),
      ),
    );
    await expect(sourceLoader(config({ coins: ['NOPE'] }))(new AbortController().signal)).rejects.toThrow(
      /: HTTP 400 Bad Request: API error -1121: Invalid symbol\.$/,
    );
  });
});
