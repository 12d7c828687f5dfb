import { describe, expect, it } from 'vitest';
import { changedIds, normaliseQuotes, safeLogoUrl } from '../../../src/feed/quote.js';

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
