import { describe, expect, it } from 'vitest';
import { changedIds, normaliseQuotes, safeLogoUrl, summariseProblems } from '../../../src/feed/quote.js';

describe('normaliseQuotes', () => {
  const q = (id: string, price: unknown, extra: Record<string, unknown> = {}) => ({
    id,
    symbol: id,
    name: id,
    price,
    ...extra,
  });

  it('keeps good entries, drops bad ones with a reason each', () => {
    const { quotes, problems } = normaliseQuotes(
      [
        q('a', '1.5'),
        q('a', '2'),
        q('b', 'abc'),
        q('c', '-1'),
        { symbol: 'x', price: '1' },
        q('d', '1', { change: 'NaN' }),
        q('e', 3),
      ],
      1000,
    );
    expect(quotes.map((x) => [x.id, x.price])).toEqual([
      ['a', '1.5'],
      ['e', '3'],
    ]);
    expect(problems).toEqual([
      'duplicate id "a"',
      '"b" has an invalid price',
      '"c" has an invalid price',
      'entry 4 has no valid id',
      '"d" has an invalid change',
    ]);
  });

  it('shows coins in the order asked for', () => {
    const { quotes } = normaliseQuotes([q('ethereum', '1'), q('bitcoin', '2'), q('solana', '3')], 0, {
      order: ['solana', 'bitcoin', 'ethereum'],
    });
    expect(quotes.map((x) => x.id)).toEqual(['solana', 'bitcoin', 'ethereum']);
  });

  it('stamps quotes without a time with now, and keeps a null change as null', () => {
    const { quotes } = normaliseQuotes([q('a', '1', { change: null })], 42);
    expect(quotes[0]).toEqual({ id: 'a', symbol: 'a', name: 'a', price: '1', change: null, updatedAt: 42 });
  });

  it('rejects absurd magnitudes without evaluating them', () => {
    const { quotes } = normaliseQuotes(
      [q('a', '1e400'), q('b', '1e-400'), q('c', '99999999999999999999999999999999999'), q('d', '1e-20')],
      0,
    );
    expect(quotes.map((x) => x.id)).toEqual(['d']);
  });

  it('keeps only https logos (http only on an http page)', () => {
    expect(safeLogoUrl('https://x.test/a.png')).toBe('https://x.test/a.png');
    expect(safeLogoUrl('javascript:alert(1)')).toBeUndefined();
    expect(safeLogoUrl('data:image/svg+xml,<svg/>')).toBeUndefined();
    expect(safeLogoUrl('http://x.test/a.png')).toBeUndefined();
    expect(safeLogoUrl('/relative.png')).toBeUndefined();
  });

  it('lists the ids whose price or change moved', () => {
    const before = normaliseQuotes([q('a', '1'), q('b', '2', { change: '1' })], 0).quotes;
    const after = normaliseQuotes([q('a', '1'), q('b', '2', { change: '1.5' }), q('c', '3')], 0).quotes;
    expect(changedIds(before, after)).toEqual(['b', 'c']);
  });
});

describe('a coin asked for that an answer lacks keeps its last good quote', () => {
  const q = (id: string, price: unknown) => ({ id, symbol: id, name: id, price });

  it('holds the previous quote of an asked coin that is missing or unusable, in the asked order', () => {
    const previous = normaliseQuotes([q('a', '1'), q('b', '2'), q('c', '3')], 10).quotes;
    const next = normaliseQuotes([q('a', '1.5'), q('b', 'NaN')], 20, { order: ['c', 'b', 'a'], previous });
    expect(next.quotes.map((x) => [x.id, x.price, x.updatedAt])).toEqual([
      ['c', '3', 10],
      ['b', '2', 10],
      ['a', '1.5', 20],
    ]);
    expect(next.held).toEqual(['b', 'c']);
  });

  it('holds nothing when the source picks the coins (no ids asked), or for coins no longer asked', () => {
    const previous = normaliseQuotes([q('a', '1'), q('b', '2')], 10).quotes;
    expect(normaliseQuotes([q('a', '1')], 20, { previous }).held).toEqual([]);
    expect(normaliseQuotes([q('a', '1')], 20, { order: ['a'], previous }).quotes.map((x) => x.id)).toEqual(['a']);
  });
});

describe('market cap, volume and sparkline', () => {
  const q = (id: string, extra: Record<string, unknown>) => ({ id, symbol: id, name: id, price: '1', ...extra });
  const only = (extra: Record<string, unknown>) => {
    const { quotes, problems } = normaliseQuotes([q('a', extra)], 0);
    return { quote: quotes[0]!, problems };
  };

  it('keeps good values as exact strings, numbers by their source text', () => {
    const { quote, problems } = only({
      marketCap: 1381651251183,
      volume: '20154184933.123456789012345678901',
      sparkline: ['70187.5', 69000, '6.9e4'],
    });
    expect(quote).toEqual({
      id: 'a',
      symbol: 'a',
      name: 'a',
      price: '1',
      change: null,
      marketCap: '1381651251183',
      volume: '20154184933.123456789012345678901',
      sparkline: ['70187.5', '69000', '6.9e4'],
      updatedAt: 0,
    });
    expect(problems).toEqual([]);
  });

  it('a zero is a value; absent, null and a series of under 2 points are none, and no problem', () => {
    expect(only({ marketCap: '0', volume: 0 }).quote).toMatchObject({ marketCap: '0', volume: '0' });
    for (const none of [
      {},
      { marketCap: null, volume: null, sparkline: null },
      { sparkline: [] },
      { sparkline: ['1'] },
    ]) {
      const { quote, problems } = only(none);
      expect(Object.keys(quote)).toEqual(['id', 'symbol', 'name', 'price', 'change', 'updatedAt']);
      expect(problems).toEqual([]);
    }
  });

  it.each<[string, unknown]>([
    ['not a decimal', 'abc'],
    ['hex', '0x10'],
    ['negative', '-5'],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['absurdly large', '1e40'],
    ['absurdly small', '1e-400'],
    ['too long', `1.${'1'.repeat(200)}`],
    ['an object', { valueOf: () => 5 }],
    ['an array', ['5']],
    ['a boolean', true],
    ['markup', '<img src=x onerror=alert(1)>'],
    ['empty', ''],
  ])('a market cap or volume that is %s is left out and reported; the coin stays', (_, bad) => {
    const { quotes, problems } = normaliseQuotes([q('a', { marketCap: bad, volume: bad }), q('b', {})], 0);
    expect(quotes.map((x) => x.id)).toEqual(['a', 'b']);
    expect(quotes[0]).not.toHaveProperty('marketCap');
    expect(quotes[0]).not.toHaveProperty('volume');
    expect(problems).toEqual(['"a" has an invalid market cap (left out)', '"a" has an invalid volume (left out)']);
  });

  it.each<[string, unknown]>([
    ['not an array', '1,2,3'],
    ['an object', { price: ['1', '2'] }],
    ['a number', 5],
    ['too long', Array.from({ length: 501 }, () => '1')],
    ['a bad point', ['1', 'abc', '3']],
    ['a negative point', ['1', '-2']],
    ['a missing point', ['1', null, '3']],
    ['a NaN point', [1, Number.NaN]],
    ['an absurd point', ['1', '1e99']],
  ])('a sparkline that is %s is left out and reported; the coin stays', (_, bad) => {
    const { quote, problems } = only({ sparkline: bad });
    expect(quote.price).toBe('1');
    expect(quote).not.toHaveProperty('sparkline');
    expect(problems).toEqual(['"a" has an invalid sparkline (left out)']);
  });

  it('a series of the longest length allowed is kept', () => {
    expect(only({ sparkline: Array.from({ length: 500 }, (_, i) => String(i)) }).quote.sparkline).toHaveLength(500);
  });

  it('bad market data counts into the poll’s problems like any other', () => {
    const entries = Array.from({ length: 12 }, (_, i) => q(`c${i}`, { volume: 'x' }));
    const result = normaliseQuotes(entries, 0);
    expect(result.quotes).toHaveLength(12);
    expect(result.problemCount).toBe(12);
    expect(summariseProblems(result)).toBe(
      '"c0" has an invalid volume (left out); "c1" has an invalid volume (left out); "c2" has an invalid volume (left out); and 9 more',
    );
  });
});
