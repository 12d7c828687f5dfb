import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import markets2024 from '../fixtures/coingecko-markets-2024.json?raw';
import { hasSourceTextAccess, parseExactJson } from '../../src/feed/exact-json.js';

describe('exact JSON in Chromium', () => {
  it('uses the native JSON.parse source text access here', () => {
    expect(hasSourceTextAccess).toBe(true);
  });

  it('native and fallback give identical results on long-digit bodies', () => {
    const bodies = [
      markets2024,
      '[{"id":"tiny","current_price":0.000008123456789012345678,"x":-1.0e-30,"y":12345678901234567890123}]',
      '{"__proto__":{"a":1},"n":[0,-0,1E+2,"3.10"]}',
    ];
    for (const body of bodies) expect(parseExactJson(body, true)).toEqual(parseExactJson(body, false));
    expect((parseExactJson(bodies[1]!, true) as Array<Record<string, string>>)[0]!.current_price).toBe('0.000008123456789012345678');
  });

  it('native and fallback agree on random JSON', () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        expect(parseExactJson(text, true)).toEqual(parseExactJson(text, false));
      }),
      { numRuns: 300 },
    );
  });
});

describe('the decimal.js under test in Chromium', () => {
  it('is the slimmed one that ships', async () => {
    const { ExactDecimal } = await import('../../src/format/decimal.js');
    expect((new ExactDecimal('2') as unknown as Record<string, unknown>).sqrt).toBeUndefined();
  });
});
