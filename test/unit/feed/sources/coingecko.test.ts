import { describe, expect, it } from 'vitest';
import { parseExactJson } from '../../../../src/feed/exact-json.js';
import { normaliseQuotes } from '../../../../src/feed/quote.js';
import { coingecko } from '../../../../src/feed/sources/coingecko.js';
import type { FeedConfig } from '../../../../src/feed/sources/index.js';
import { fixture, sourceConfig } from '../../../support/sources.js';

const config = (over: Partial<FeedConfig> = {}) => sourceConfig('coingecko', over);

describe('coingecko source', () => {
  it('asks /coins/markets with the contract query on the public URL', () => {
    const [url] = coingecko.requests(config({ coins: ['bitcoin', 'ethereum'], currency: 'eur', change: '7d' }));
    const u = new URL(url!);
    expect(u.origin + u.pathname).toBe('https://api.coingecko.com/api/v3/coins/markets');
    expect([...u.searchParams]).toEqual([
      ['vs_currency', 'eur'],
      ['ids', 'bitcoin,ethereum'],
      ['order', 'market_cap_desc'],
      ['per_page', '2'],
      ['price_change_percentage', '7d'],
      ['precision', 'full'],
    ]);
  });

  it('ranks by market cap with per_page = limit when no coins are given, below a custom endpoint', () => {
    const [url] = coingecko.requests(config({ limit: 7, endpoint: 'https://proxy.example/cg/' }));
    const u = new URL(url!);
    expect(u.origin + u.pathname).toBe('https://proxy.example/cg/coins/markets');
    expect(u.searchParams.get('ids')).toBeNull();
    expect(u.searchParams.get('per_page')).toBe('7');
  });

  it('reads the real 2024 fixture exactly', () => {
    const raw = coingecko.parse([parseExactJson(fixture('coingecko-markets-2024.json'))], config());
    const { quotes, problems } = normaliseQuotes(raw, 0);
    expect(problems).toEqual([]);
    expect(quotes).toEqual([
      {
        id: 'bitcoin',
        symbol: 'btc',
        name: 'Bitcoin',
        price: '70187',
        change: '3.12502',
        logo: 'https://assets.coingecko.com/coins/images/1/large/bitcoin.png?1696501400',
        marketCap: '1381651251183',
        volume: '20154184933',
        updatedAt: Date.parse('2024-04-07T16:49:31.736Z'),
      },
    ]);
  });

  it('takes the change of the asked window, else the 24 h one', () => {
    const body = parseExactJson(
      '[{"id":"a","symbol":"a","name":"A","current_price":1,"price_change_percentage_24h":2,"price_change_percentage_1h_in_currency":-0.123456789}]',
    );
    expect((coingecko.parse([body], config({ change: '1h' }))[0] as { change: string }).change).toBe('-0.123456789');
    expect((coingecko.parse([body], config({ change: '7d' }))[0] as { change: string }).change).toBe('2');
  });

  it('turns its error bodies into errors that say what CoinGecko said', () => {
    const body = parseExactJson('{"status":{"error_code":429,"error_message":"You\'ve exceeded the Rate Limit."}}');
    expect(() => coingecko.parse([body], config())).toThrow(/API error 429: You've exceeded the Rate Limit/);
    expect(() => coingecko.parse([parseExactJson('{"error":"coin not found"}')], config())).toThrow(/coin not found/);
    expect(() => coingecko.parse([parseExactJson('{"a":1}')], config())).toThrow(/expected an array/);
    expect(() => coingecko.parse([parseExactJson('"hello"')], config())).toThrow(
      /expected an array of coins, got string/,
    );
  });

  it('passes odd entries on for the feed to drop one by one', () => {
    const body = parseExactJson(
      '[1, null, {"id":"good","symbol":"g","name":"G","current_price":"0.5"}, {"id":"bad","current_price":"0x10"}, {"id":"nan","current_price":"NaN"}, {"id":"huge","current_price":1e400}, {"id":"neg","current_price":-1}]',
    );
    const { quotes, problems } = normaliseQuotes(coingecko.parse([body], config()), 0);
    expect(quotes.map((q) => q.id)).toEqual(['good']);
    expect(problems).toHaveLength(6);
  });

  it('asks for the 7-day series (sparkline=true) only when it is shown', () => {
    const query = (sparkline: boolean) => new URL(coingecko.requests(config({ sparkline }))[0]!).searchParams;
    expect(query(false).has('sparkline')).toBe(false);
    expect(query(true).get('sparkline')).toBe('true');
    // Everything else is asked for as without it.
    const rest = [...query(true)].filter(([key]) => key !== 'sparkline');
    expect(rest).toEqual([...query(false)]);
  });

  it('reads market cap, volume and the 7-day series of the sparkline fixture exactly', () => {
    const text = fixture('coingecko-markets-sparkline.json');
    const raw = coingecko.parse([parseExactJson(text)], config({ sparkline: true }));
    const { quotes, problems } = normaliseQuotes(raw, 0);
    expect(problems).toEqual([]);
    const [bitcoin] = quotes;
    expect(bitcoin).toMatchObject({ marketCap: '1381651251183', volume: '20154184933' });
    // Every point as the body wrote it, in its order: the numbers' own text, read from the file.
    const written = /"price": \[([^\]]*)\]/
      .exec(text)![1]!
      .split(',')
      .map((p) => p.trim());
    expect(written).toHaveLength(168);
    expect(bitcoin!.sparkline).toEqual(written);
    expect(bitcoin!.sparkline![0]).toBe('68100.0');
    expect(bitcoin!.sparkline!.at(-1)).toBe('70187.0');
  });

  it('leaves out a series sent although not asked for (a proxy that always adds it)', () => {
    const raw = coingecko.parse([parseExactJson(fixture('coingecko-markets-sparkline.json'))], config());
    expect(normaliseQuotes(raw, 0).quotes[0]).not.toHaveProperty('sparkline');
  });

  it("a market cap of 0 is CoinGecko's unknown: none; a volume of 0 is a volume", () => {
    const body = parseExactJson(
      '[{"id":"a","current_price":1,"market_cap":0,"total_volume":0},{"id":"b","current_price":1,"market_cap":0.0,"total_volume":null,"sparkline_in_7d":{"price":[]}}]',
    );
    const { quotes, problems } = normaliseQuotes(coingecko.parse([body], config({ sparkline: true })), 0);
    expect(problems).toEqual([]);
    expect(quotes.map((q) => [q.marketCap, q.volume, q.sparkline])).toEqual([
      [undefined, '0', undefined],
      [undefined, undefined, undefined],
    ]);
  });

  it('bad market data is left out and reported; the coin stays', () => {
    const body = parseExactJson(
      '[{"id":"a","current_price":1,"market_cap":"lots","total_volume":-5,"sparkline_in_7d":{"price":[1,"x"]}},{"id":"b","current_price":2,"sparkline_in_7d":[1,2]}]',
    );
    const { quotes, problems } = normaliseQuotes(coingecko.parse([body], config({ sparkline: true })), 0);
    // b's series is not in CoinGecko's shape (`{"price":[…]}`): it has none, as if not sent.
    expect(quotes.map((q) => [q.id, q.price, q.marketCap, q.volume, q.sparkline])).toEqual([
      ['a', '1', undefined, undefined, undefined],
      ['b', '2', undefined, undefined, undefined],
    ]);
    expect(problems).toEqual([
      '"a" has an invalid market cap (left out)',
      '"a" has an invalid volume (left out)',
      '"a" has an invalid sparkline (left out)',
    ]);
  });
});
