import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasSourceTextAccess, parseExactJson, quoteNumbers } from '../../src/feed/exact-json.js';
import { readFileSync } from 'node:fs';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');

describe('exact JSON parsing (the fallback scanner, which Node 20 uses)', () => {
  it('Node 20 has no JSON.parse source text access, so these tests exercise the fallback', () => {
    expect(hasSourceTextAccess).toBe(false);
  });

  it('keeps every digit of long numbers', () => {
    const body = '[{"id":"tiny","current_price":0.000008123456789012345678,"big":123456789012345678901234567890.5}]';
    expect(parseExactJson(body)).toEqual([{ id: 'tiny', current_price: '0.000008123456789012345678', big: '123456789012345678901234567890.5' }]);
  });

  it('keeps exponents, negatives and trailing zeros exactly as sent', () => {
    expect(parseExactJson('[1e-7, -0.50, 1E+5, 0, -0, 2.500e3]')).toEqual(['1e-7', '-0.50', '1E+5', '0', '-0', '2.500e3']);
  });

  it('leaves numbers inside strings and escaped quotes alone', () => {
    expect(parseExactJson('{"a":"1.5 \\"2\\" 3","b\\\\":4}')).toEqual({ a: '1.5 "2" 3', 'b\\': '4' });
  });

  it('reads a number sent as a string the same way', () => {
    expect(parseExactJson('{"p":"0.5994","q":0.5994}')).toEqual({ p: '0.5994', q: '0.5994' });
  });

  it('keeps __proto__ as a plain own key, never the prototype', () => {
    const value = parseExactJson('{"__proto__":{"polluted":1}}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.hasOwn(value, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each(['[01]', '[1.]', '[-]', '[.5]', '[1e]', '[0x10]', '[NaN]', '[Infinity]', '{"a":1', '<html>', '', '[1 2]'])(
    'rejects malformed JSON %j with a SyntaxError',
    (text) => {
      expect(() => parseExactJson(text)).toThrow(SyntaxError);
    },
  );

  it('reads the real CoinGecko fixture', () => {
    const [btc] = parseExactJson(fixture('coingecko-markets-2024.json')) as Array<Record<string, unknown>>;
    expect(btc).toMatchObject({ id: 'bitcoin', current_price: '70187', price_change_percentage_24h: '3.12502', roi: null });
  });

  it('agrees with JSON.parse on any JSON value, numbers coming back as their text', () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        const plain = JSON.parse(text);
        const exact = parseExactJson(text);
        const quoted = quoteNumbers(text);
        expect(() => JSON.parse(quoted)).not.toThrow();
        // Every string in the exact result that was a number parses back to the same float.
        const check = (p: unknown, e: unknown): void => {
          if (typeof p === 'number') {
            expect(typeof e).toBe('string');
            expect(Number(e)).toBe(p);
          } else if (Array.isArray(p)) p.forEach((x, i) => check(x, (e as unknown[])[i]));
          else if (p && typeof p === 'object') for (const [k, x] of Object.entries(p)) check(x, (e as Record<string, unknown>)[k]);
          else expect(e).toEqual(p);
        };
        check(plain, exact);
      }),
      { numRuns: 500 },
    );
  });
});
