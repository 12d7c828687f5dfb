import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseExactJson } from '../../../../src/feed/exact-json.js';
import { normaliseQuotes } from '../../../../src/feed/quote.js';
import { sourceLabel, sourceLoader } from '../../../../src/feed/registry.js';
import type { FeedConfig } from '../../../../src/feed/sources/index.js';
import { json } from '../../../../src/feed/sources/json.js';

const config = (over: Partial<FeedConfig> = {}): FeedConfig => ({
  source: 'json',
  endpoint: 'https://example.com/prices.json',
  coins: [],
  currency: 'usd',
  limit: 20,
  change: '24h',
  sparkline: false,
  ...over,
});
const QUOTES =
  '[{"id":"tiny","symbol":"tny","name":"Tiny","price":0.000008123456789012345678,"change":-0.004},{"id":"big","symbol":"BIG","name":"Big","price":"63560.025","change":null,"logo":"https://example.com/big.png","updatedAt":1700000000000}]';

describe('json source: requests', () => {
  it('GETs the endpoint as given, its trailing slash and query kept', () => {
    expect(json.requests(config())).toEqual(['https://example.com/prices.json']);
    expect(json.requests(config({ endpoint: 'https://example.com/api/?key=1&x=%2F' }))).toEqual([
      'https://example.com/api/?key=1&x=%2F',
    ]);
  });

  it('fails with a clear error when there is no endpoint', () => {
    expect(() => json.requests(config({ endpoint: null }))).toThrow('json: the endpoint attribute is required');
  });
});

describe('json source: answers', () => {
  const expected = [
    { id: 'tiny', symbol: 'tny', name: 'Tiny', price: '0.000008123456789012345678', change: '-0.004', updatedAt: 5 },
    {
      id: 'big',
      symbol: 'BIG',
      name: 'Big',
      price: '63560.025',
      change: null,
      logo: 'https://example.com/big.png',
      updatedAt: 1700000000000,
    },
  ];

  it('reads an array of QuoteInput, every digit kept', () => {
    expect(normaliseQuotes(json.parse([parseExactJson(QUOTES)], config()), 5).quotes).toEqual(expected);
  });

  it('reads { "quotes": [...] } the same way', () => {
    expect(normaliseQuotes(json.parse([parseExactJson(`{"quotes":${QUOTES}}`)], config()), 5).quotes).toEqual(expected);
  });

  it('says what is wrong with a body of the wrong shape', () => {
    for (const text of ['{"a":1}', '{"quotes":{"id":"x"}}', '"hello"', 'null', '7']) {
      expect(() => json.parse([parseExactJson(text)], config())).toThrow(
        'expected an array of quotes or {"quotes":[…]}',
      );
    }
  });

  it('passes marketCap, volume and sparkline through, every digit kept; bad ones are reported, the coin kept', () => {
    const body = parseExactJson(
      '[{"id":"a","price":1,"marketCap":1381651251183.000001,"volume":"20154184933","sparkline":[68100.0,"68201.33055737257",70187]},' +
        '{"id":"b","price":2,"marketCap":"big","volume":-1,"sparkline":"1,2"}]',
    );
    const { quotes, problems } = normaliseQuotes(json.parse([body], config()), 0);
    expect(quotes.map((q) => [q.id, q.marketCap, q.volume, q.sparkline])).toEqual([
      ['a', '1381651251183.000001', '20154184933', ['68100.0', '68201.33055737257', '70187']],
      ['b', undefined, undefined, undefined],
    ]);
    expect(problems).toEqual([
      '"b" has an invalid market cap (left out)',
      '"b" has an invalid volume (left out)',
      '"b" has an invalid sparkline (left out)',
    ]);
  });

  it('passes odd entries on for the feed to drop one by one', () => {
    const body = parseExactJson('[{"id":"ok","price":1}, {"id":"neg","price":-1}, {"price":2}, "x"]');
    const { quotes, problems } = normaliseQuotes(json.parse([body], config()), 0);
    expect(quotes.map((q) => [q.id, q.name, q.price])).toEqual([['ok', 'ok', '1']]);
    expect(problems).toHaveLength(3);
  });
});

describe('json source: end to end (msw, sourceLoader, normaliseQuotes)', () => {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());

  it('fetches the endpoint and shows exact prices in the order of coins', async () => {
    server.use(
      http.get(
        'https://example.com/prices.json',
        () => new HttpResponse(`{"quotes":${QUOTES}}`, { headers: { 'Content-Type': 'application/json' } }),
      ),
    );
    const cfg = config({ coins: ['big', 'tiny'] });
    const { quotes } = normaliseQuotes(await sourceLoader(cfg)(new AbortController().signal), 0, { order: cfg.coins });
    expect(quotes.map((q) => [q.id, q.price, q.change])).toEqual([
      ['big', '63560.025', null],
      ['tiny', '0.000008123456789012345678', '-0.004'],
    ]);
  });

  it('fails the poll, with no request, when there is no endpoint', async () => {
    const cfg = config({ endpoint: null });
    await expect(sourceLoader(cfg)(new AbortController().signal)).rejects.toThrow(
      'json: the endpoint attribute is required',
    );
    expect(sourceLabel(cfg)).toBe('json');
  });
});

describe('json source: updatedAt', () => {
  it('reads updatedAt (milliseconds) as a number, and stamps the time of receipt when it is missing or not a number', () => {
    const body = parseExactJson(
      '[{"id":"a","price":1,"updatedAt":1700000000123},{"id":"b","price":1,"updatedAt":null},{"id":"c","price":1,"updatedAt":"soon"},{"id":"d","price":1}]',
    );
    expect(normaliseQuotes(json.parse([body], config()), 5).quotes.map((q) => q.updatedAt)).toEqual([
      1700000000123, 5, 5, 5,
    ]);
  });
});
