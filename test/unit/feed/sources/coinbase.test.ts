import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseExactJson } from '../../../../src/feed/exact-json.js';
import { normaliseQuotes } from '../../../../src/feed/quote.js';
import { sourceLoader } from '../../../../src/feed/registry.js';
import { coinbase } from '../../../../src/feed/sources/coinbase.js';
import type { FeedConfig } from '../../../../src/feed/sources/index.js';
import { formatChange, percentChange } from '../../../../src/format/index.js';
import { fixture, sourceConfig } from '../../../support/sources.js';

const TICKER = fixture('coinbase-exchange-ticker-docs.json');
const STATS = fixture('coinbase-exchange-stats.json');
const config = (over: Partial<FeedConfig> = {}) => sourceConfig('coinbase', over);
const body = (text: string) => parseExactJson(text);

/**
 * (last − open) / open × 100 by hand: BigInt long division of the exact decimals, then rounded
 * half up to 64 significant digits. For positive changes of at least 1 %, as in the fixtures.
 */
function percentByHand(open: string, last: string): string {
  const units = (s: string) => {
    const [int, frac = ''] = s.split('.');
    return BigInt(int! + frac.padEnd(20, '0'));
  };
  const extra = 80;
  const q = ((units(last) - units(open)) * 100n * 10n ** BigInt(extra)) / units(open);
  const digits = q.toString();
  const kept = (BigInt(digits.slice(0, 64)) + (Number(digits[64]) >= 5 ? 1n : 0n)).toString();
  const decimals = extra - (digits.length - 64);
  return `${kept.slice(0, kept.length - decimals)}.${kept.slice(kept.length - decimals)}`.replace(/\.?0+$/, '');
}

describe('coinbase source: requests', () => {
  it('asks /products/<id>/ticker and /products/<id>/stats for each product, in that order', () => {
    expect(coinbase.requests(config({ coins: ['BTC-USD', 'ETH-EUR'] }))).toEqual([
      'https://api.exchange.coinbase.com/products/BTC-USD/ticker',
      'https://api.exchange.coinbase.com/products/BTC-USD/stats',
      'https://api.exchange.coinbase.com/products/ETH-EUR/ticker',
      'https://api.exchange.coinbase.com/products/ETH-EUR/stats',
    ]);
  });

  it('asks for its four default products when no coins are given', () => {
    const urls = coinbase.requests(config());
    expect(urls.filter((u) => u.endsWith('/ticker')).map((u) => new URL(u).pathname.split('/')[2])).toEqual([
      'BTC-USD',
      'ETH-USD',
      'SOL-USD',
      'DOGE-USD',
    ]);
    expect(urls).toHaveLength(8);
  });

  it('puts the same paths below a custom endpoint', () => {
    expect(coinbase.requests(config({ coins: ['BTC-USD'], endpoint: 'https://proxy.example/cb/' }))).toEqual([
      'https://proxy.example/cb/products/BTC-USD/ticker',
      'https://proxy.example/cb/products/BTC-USD/stats',
    ]);
  });

  it('never lets an id change the path: it is encoded, and a dot segment is refused', () => {
    const [url] = coinbase.requests(config({ coins: ['../../x?y=1#z'] }));
    const u = new URL(url!);
    expect(u.pathname).toBe('/products/..%2F..%2Fx%3Fy%3D1%23z/ticker');
    expect(u.search + u.hash).toBe('');
    for (const id of ['..', '.']) {
      expect(() => coinbase.requests(config({ coins: ['BTC-USD', id] }))).toThrow(`invalid product id "${id}"`);
    }
  });
});

describe('coinbase source: answers', () => {
  it('reads the documented ticker and stats exactly: price from the ticker, change from stats open and last', () => {
    const raw = coinbase.parse([body(TICKER), body(STATS)], config({ coins: ['BTC-USD'] }));
    const { quotes, problems } = normaliseQuotes(raw, 0);
    expect(problems).toEqual([]);
    expect(quotes).toEqual([
      {
        id: 'BTC-USD',
        symbol: 'BTC',
        name: 'BTC',
        price: '6268.48',
        change: percentChange('5414.18000000', '6250.02000000'),
        volume: '336003311.9477654592', // the ticker's 24 h volume × its price, checked below
        updatedAt: Date.parse('2020-03-20T00:22:57.833Z'),
      },
    ]);
  });

  it('computes the change exactly to 64 significant digits (checked by hand with BigInt)', () => {
    const [quote] = coinbase.parse([body(TICKER), body(STATS)], config({ coins: ['BTC-USD'] })) as { change: string }[];
    // (6250.02 − 5414.18) / 5414.18 × 100
    expect(percentByHand('5414.18000000', '6250.02000000')).toBe(
      '15.43797952783246955217595277585894816943655364247217491845487221',
    );
    expect(quote!.change).toBe(percentByHand('5414.18000000', '6250.02000000'));
    expect(formatChange(quote!.change)).toBe('+15.44%');
  });

  it('pairs each product with its own two bodies, and uses its defaults when no coins are given', () => {
    const products = ['BTC-USD', 'ETH-USD', 'SOL-USD', 'DOGE-USD'];
    const bodies = products.flatMap((_, i) => [
      body(`{"price":"${i + 1}.5","time":"2024-01-01T00:00:0${i}Z"}`),
      body(`{"open":"${i + 1}","last":"${2 * (i + 1)}"}`),
    ]);
    const { quotes } = normaliseQuotes(coinbase.parse(bodies, config()), 0);
    expect(quotes.map((q) => [q.id, q.symbol, q.price, q.change])).toEqual([
      ['BTC-USD', 'BTC', '1.5', '100'],
      ['ETH-USD', 'ETH', '2.5', '100'],
      ['SOL-USD', 'SOL', '3.5', '100'],
      ['DOGE-USD', 'DOGE', '4.5', '100'],
    ]);
  });

  it("fails the poll with Coinbase's message when a product is not found", () => {
    const bodies = [body(TICKER), body(STATS), body('{"message":"NotFound"}'), body(STATS)];
    expect(() => coinbase.parse(bodies, config({ coins: ['BTC-USD', 'NOPE-USD'] }))).toThrow(
      'NOPE-USD: API error: NotFound',
    );
  });

  it('says what is wrong with a body of the wrong shape', () => {
    for (const bad of ['[]', 'null', '"hello"']) {
      expect(() => coinbase.parse([body(bad), body(STATS)], config({ coins: ['BTC-USD'] }))).toThrow(
        'BTC-USD: expected an object',
      );
      expect(() => coinbase.parse([body(TICKER), body(bad)], config({ coins: ['BTC-USD'] }))).toThrow(
        'BTC-USD: expected an object',
      );
    }
  });

  it('shows a product without a change when stats have no usable open (zero, missing, not a number)', () => {
    for (const stats of ['{"open":"0","last":"5"}', '{}', '{"open":"abc","last":"5"}', '{"open":"5","last":null}']) {
      const { quotes } = normaliseQuotes(
        coinbase.parse([body(TICKER), body(stats)], config({ coins: ['BTC-USD'] })),
        0,
      );
      expect(quotes.map((q) => [q.price, q.change])).toEqual([['6268.48', null]]);
    }
  });

  it('drops a product whose ticker has no valid price, alone', () => {
    const bodies = [body('{"price":"NaN"}'), body(STATS), body(TICKER), body(STATS)];
    const { quotes, problems } = normaliseQuotes(coinbase.parse(bodies, config({ coins: ['A-USD', 'B-USD'] })), 0);
    expect(quotes.map((q) => q.id)).toEqual(['B-USD']);
    expect(problems).toEqual(['"A-USD" has an invalid price']);
  });

  it('gives the 24 h volume in the quote currency: the ticker volume (base) × its price, exactly', () => {
    // 53602.03940154 × 6268.48 by hand: 5360203940154 × 626848 = 3360033119477654592, 8 + 2 decimals.
    expect(5360203940154n * 626848n).toBe(3360033119477654592n);
    const [quote] = coinbase.parse([body(TICKER), body(STATS)], config({ coins: ['BTC-USD'] })) as {
      volume: string;
    }[];
    expect(quote!.volume).toBe('336003311.9477654592');
  });

  it('a product without a usable volume has none; garbage is reported, the product kept; no market cap', () => {
    const bodies = ['', ',"volume":null', ',"volume":"lots"', ',"volume":"-1"', ',"volume":{"a":1}'].flatMap((v) => [
      body(`{"price":"2"${v}}`),
      body('{"open":"1","last":"2"}'),
    ]);
    const ids = ['A-USD', 'B-USD', 'C-USD', 'D-USD', 'E-USD'];
    const { quotes, problems } = normaliseQuotes(coinbase.parse(bodies, config({ coins: ids })), 0);
    expect(quotes.map((q) => [q.id, q.price, q.volume, q.marketCap])).toEqual(
      ids.map((id) => [id, '2', undefined, undefined]),
    );
    expect(problems).toEqual([
      '"C-USD" has an invalid volume (left out)',
      '"D-USD" has an invalid volume (left out)',
      '"E-USD" has an invalid volume (left out)',
    ]);
  });
});

describe('coinbase source: end to end (msw, sourceLoader, normaliseQuotes)', () => {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  const json = (text: string, status = 200) =>
    new HttpResponse(text, { status, headers: { 'Content-Type': 'application/json' } });

  it('fetches ticker and stats of every product and shows exact prices and changes', async () => {
    const paths: string[] = [];
    server.use(
      http.get('https://proxy.example/cb/products/:id/:kind', ({ request, params }) => {
        paths.push(new URL(request.url).pathname);
        if (params.id === 'ETH-USD')
          return json(params.kind === 'ticker' ? '{"price":"3000.123456789"}' : '{"open":"3000","last":"2970"}');
        return json(params.kind === 'ticker' ? TICKER : STATS);
      }),
    );
    const cfg = config({ coins: ['ETH-USD', 'BTC-USD'], endpoint: 'https://proxy.example/cb' });
    const raw = await sourceLoader(cfg)(new AbortController().signal);
    const { quotes } = normaliseQuotes(raw, 0, { order: cfg.coins });
    expect(paths.sort()).toEqual([
      '/cb/products/BTC-USD/stats',
      '/cb/products/BTC-USD/ticker',
      '/cb/products/ETH-USD/stats',
      '/cb/products/ETH-USD/ticker',
    ]);
    expect(quotes.map((q) => [q.id, q.price, q.change && formatChange(q.change)])).toEqual([
      ['ETH-USD', '3000.123456789', '-1.00%'],
      ['BTC-USD', '6268.48', '+15.44%'],
    ]);
  });

  it('fails the whole poll with the message of a NotFound body that comes with HTTP 200', async () => {
    server.use(http.get('https://api.exchange.coinbase.com/products/:id/:kind', () => json('{"message":"NotFound"}')));
    await expect(sourceLoader(config({ coins: ['NOPE-USD'] }))(new AbortController().signal)).rejects.toThrow(
      'coinbase: https://api.exchange.coinbase.com/products/NOPE-USD/ticker: NOPE-USD: API error: NotFound',
    );
  });

  it("fails the whole poll with the HTTP status and Coinbase's own message when it answers 404", async () => {
    server.use(
      http.get('https://api.exchange.coinbase.com/products/:id/:kind', () => json('{"message":"NotFound"}', 404)),
    );
    await expect(sourceLoader(config({ coins: ['NOPE-USD'] }))(new AbortController().signal)).rejects.toThrow(
      /: HTTP 404 Not Found: API error: NotFound$/,
    );
  });
});
