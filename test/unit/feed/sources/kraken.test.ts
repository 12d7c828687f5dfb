import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseExactJson } from '../../../../src/feed/exact-json.js';
import { normaliseQuotes } from '../../../../src/feed/quote.js';
import { sourceLoader } from '../../../../src/feed/registry.js';
import type { FeedConfig } from '../../../../src/feed/sources/index.js';
import { kraken } from '../../../../src/feed/sources/kraken.js';
import { formatChange, percentChange } from '../../../../src/format/index.js';
import { fixture, sourceConfig } from '../../../support/sources.js';

const TICKER = fixture('kraken-ticker.json');
const config = (over: Partial<FeedConfig> = {}) => sourceConfig('kraken', over);
/** A Ticker answer with these result keys, each with last price `c[0]` and open `o`. */
const answer = (entries: Record<string, [string, string]>) =>
  parseExactJson(
    JSON.stringify({
      error: [],
      result: Object.fromEntries(
        Object.entries(entries).map(([key, [last, open]]) => [key, { c: [last, '1'], o: open }]),
      ),
    }),
  );
const parse = (body: unknown, coins: string[] = []) => normaliseQuotes(kraken.parse([body], config({ coins })), 0);

describe('kraken source: requests', () => {
  it('asks /0/public/Ticker for all pairs at once, comma-separated', () => {
    expect(kraken.requests(config({ coins: ['XBTUSD', 'ETHUSD'] }))).toEqual([
      'https://api.kraken.com/0/public/Ticker?pair=XBTUSD,ETHUSD',
    ]);
  });

  it('asks for its four default pairs when no coins are given', () => {
    expect(kraken.requests(config())).toEqual([
      'https://api.kraken.com/0/public/Ticker?pair=XBTUSD,ETHUSD,SOLUSD,XDGUSD',
    ]);
  });

  it('puts the same path and query below a custom endpoint', () => {
    expect(kraken.requests(config({ coins: ['XBTUSD'], endpoint: 'https://proxy.example/kr/' }))).toEqual([
      'https://proxy.example/kr/0/public/Ticker?pair=XBTUSD',
    ]);
  });

  it('never lets an id change the path or add a parameter', () => {
    const [url] = kraken.requests(config({ coins: ['../x', 'A&b=c#d'] }));
    const u = new URL(url!);
    expect(u.pathname).toBe('/0/public/Ticker');
    expect([...u.searchParams]).toEqual([['pair', '../x,A&b=c#d']]);
    expect(u.hash).toBe('');
  });
});

describe('kraken source: answers', () => {
  it('reads the real 2024 answer exactly: c[0] as the price, the change from o, the pair as asked as id, name and symbol', () => {
    const { quotes, problems } = parse(parseExactJson(TICKER), ['XBTUSDT']);
    expect(problems).toEqual([]);
    expect(quotes).toEqual([
      {
        id: 'XBTUSDT',
        symbol: 'XBTUSDT',
        name: 'XBTUSDT',
        price: '73380.60000',
        change: percentChange('71450.70000', '73380.60000'),
        volume: '43884312.746268312', // v[1] × c[0], checked below
        updatedAt: 0,
      },
    ]);
  });

  it('computes the change exactly to 64 significant digits (checked by hand with BigInt)', () => {
    const { quotes } = parse(parseExactJson(TICKER), ['XBTUSDT']);
    // (73380.6 − 71450.7) / 71450.7 × 100 = 192990 / 71450.7: long division with BigInt,
    // 80 digits, then rounded half up to 64 significant digits.
    const q = (19299000000n * 10n ** 80n) / 7145070000n; // 1929.9 × 100 / 71450.7, scaled by 10^80
    const digits = q.toString();
    const kept = BigInt(digits.slice(0, 64)) + (Number(digits[64]) >= 5 ? 1n : 0n);
    const byHand = `${kept.toString().slice(0, 1)}.${kept.toString().slice(1)}`;
    expect(byHand).toBe('2.701023223005512892106025553283592742968228442828411758037360026');
    expect(quotes[0]!.change).toBe(byHand);
    expect(formatChange(quotes[0]!.change!)).toBe('+2.70%');
  });

  it("maps Kraken's own result keys back to the pairs as asked", () => {
    const body = answer({
      XXBTZUSD: ['70000.1', '69000'],
      XETHZUSD: ['3500.5', '3500.5'],
      SOLUSD: ['150.25', '160'],
      XDGUSD: ['0.1234567', '0.1'],
      XETHXXBT: ['0.05', '0.05'],
    });
    const { quotes, problems } = parse(body, ['XBTUSD', 'ETHUSD', 'SOLUSD', 'XDGUSD', 'ETHXBT']);
    expect(problems).toEqual([]);
    expect(quotes.map((q) => [q.id, q.price])).toEqual([
      ['XBTUSD', '70000.1'],
      ['ETHUSD', '3500.5'],
      ['SOLUSD', '150.25'],
      ['XDGUSD', '0.1234567'],
      ['ETHXBT', '0.05'],
    ]);
  });

  it('matches the other names of a pair too: BTC for XBT, DOGE for XDG, X/Z-prefixed or not, any case', () => {
    const body = answer({ XXBTZUSD: ['70000.1', '69000'], XXDGZUSD: ['0.2', '0.1'], XBTUSDT: ['70001', '69000'] });
    const { quotes } = parse(body, ['btcusd', 'DOGEUSD', 'BTCUSDT']);
    expect(quotes.map((q) => [q.id, q.price])).toEqual([
      ['btcusd', '70000.1'],
      ['DOGEUSD', '0.2'],
      ['BTCUSDT', '70001'],
    ]);
    // An exact key is found as it is.
    expect(parse(answer({ XXBTZUSD: ['1', '1'] }), ['XXBTZUSD']).quotes[0]?.id).toBe('XXBTZUSD');
  });

  it('uses its default pairs (and their order) when no coins are given', () => {
    const body = answer({ SOLUSD: ['3', '3'], XDGUSD: ['4', '4'], XETHZUSD: ['2', '2'], XXBTZUSD: ['1', '1'] });
    expect(parse(body).quotes.map((q) => q.id)).toEqual(['XBTUSD', 'ETHUSD', 'SOLUSD', 'XDGUSD']);
  });

  it("fails with Kraken's message on an error array, with or without an empty result", () => {
    expect(() =>
      kraken.parse([parseExactJson(fixture('kraken-error-unknown-pair.json'))], config({ coins: ['NOPE'] })),
    ).toThrow('API error: EQuery:Unknown asset pair');
    const body = parseExactJson('{"error":["EQuery:Unknown asset pair"],"result":{}}');
    expect(() => kraken.parse([body], config({ coins: ['NOPE'] }))).toThrow('API error: EQuery:Unknown asset pair');
  });

  it('keeps the result when the error array holds only warnings', () => {
    const body = parseExactJson(
      `{"error":["WGeneral:Deprecated"],"result":${JSON.stringify((JSON.parse(TICKER) as { result: unknown }).result)}}`,
    );
    expect(parse(body, ['XBTUSDT']).quotes[0]?.price).toBe('73380.60000');
  });

  it('says what is wrong with a body of the wrong shape', () => {
    for (const text of ['[]', 'null', '"hi"', '42']) {
      expect(() => kraken.parse([parseExactJson(text)], config())).toThrow('expected an object with "result"');
    }
    expect(() => kraken.parse([parseExactJson('{"error":[]}')], config())).toThrow('no result');
    expect(() => kraken.parse([parseExactJson('{"error":[],"result":[1]}')], config())).toThrow('no result');
  });

  it('drops, alone, a pair missing from the result or with a malformed ticker; a bad open only loses the change', () => {
    const body = parseExactJson(
      '{"error":[],"result":{"XXBTZUSD":{"c":"70000.1","o":"1"},"XETHZUSD":{"c":["3500.5"],"o":"0"},"SOLUSD":null}}',
    );
    const { quotes, problems } = parse(body, ['XBTUSD', 'ETHUSD', 'SOLUSD', 'ADAUSD']);
    expect(quotes).toEqual([
      { id: 'ETHUSD', symbol: 'ETHUSD', name: 'ETHUSD', price: '3500.5', change: null, updatedAt: 0 },
    ]);
    expect(problems).toEqual([
      '"XBTUSD" has an invalid price',
      '"SOLUSD" has an invalid price',
      '"ADAUSD" has an invalid price',
    ]);
  });

  it("gives the 24 h volume in the quote currency: v[1] (the last 24 h, base) × c[0], exactly; not today's v[0]", () => {
    // 598.03698452 × 73380.6 by hand: 59803698452 × 733806 = 43884312746268312, 8 + 1 decimals.
    expect(59803698452n * 733806n).toBe(43884312746268312n);
    const { quotes } = parse(parseExactJson(TICKER), ['XBTUSDT']);
    expect(quotes[0]!.volume).toBe('43884312.746268312');
    expect(quotes[0]).not.toHaveProperty('marketCap');
  });

  it('a pair without a usable v[1] has no volume; garbage is reported, the pair kept', () => {
    const pair = (v: string) => `{"c":["2","1"],"o":"1"${v}}`;
    const body = parseExactJson(
      `{"error":[],"result":{"AUSD":${pair('')},"BUSD":${pair(',"v":["1"]')},"CUSD":${pair(',"v":"5"')},"DUSD":${pair(',"v":["1","-5"]')},"EUSD":${pair(',"v":["1","x"]')}}}`,
    );
    const { quotes, problems } = parse(body, ['AUSD', 'BUSD', 'CUSD', 'DUSD', 'EUSD']);
    expect(quotes.map((q) => [q.id, q.price, q.volume])).toEqual([
      ['AUSD', '2', undefined],
      ['BUSD', '2', undefined],
      ['CUSD', '2', undefined],
      ['DUSD', '2', undefined],
      ['EUSD', '2', undefined],
    ]);
    expect(problems).toEqual(['"DUSD" has an invalid volume (left out)', '"EUSD" has an invalid volume (left out)']);
  });
});

describe('kraken source: end to end (msw, sourceLoader, normaliseQuotes)', () => {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  const json = (text: string) => () => new HttpResponse(text, { headers: { 'Content-Type': 'application/json' } });

  it('fetches the public URL and shows the exact price and change', async () => {
    const urls: string[] = [];
    server.use(
      http.get('https://api.kraken.com/0/public/Ticker', ({ request }) => {
        urls.push(request.url);
        return json(TICKER)();
      }),
    );
    const cfg = config({ coins: ['XBTUSDT'] });
    const { quotes } = normaliseQuotes(await sourceLoader(cfg)(new AbortController().signal), 0, { order: cfg.coins });
    expect(urls).toEqual(['https://api.kraken.com/0/public/Ticker?pair=XBTUSDT']);
    expect(quotes.map((q) => [q.id, q.price, formatChange(q.change!)])).toEqual([['XBTUSDT', '73380.60000', '+2.70%']]);
  });

  it("fails the poll with Kraken's message (sent with HTTP 200)", async () => {
    server.use(http.get('https://api.kraken.com/0/public/Ticker', json(fixture('kraken-error-unknown-pair.json'))));
    await expect(sourceLoader(config({ coins: ['NOPE'] }))(new AbortController().signal)).rejects.toThrow(
      'kraken: https://api.kraken.com/0/public/Ticker: API error: EQuery:Unknown asset pair',
    );
  });
});
