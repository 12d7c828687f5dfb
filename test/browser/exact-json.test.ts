import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import markets2024 from '../fixtures/coingecko-markets-2024.json?raw';
import { JsonDepthError, MAX_JSON_DEPTH, parseExactJson } from '../../src/feed/exact-json.js';
import { bracketVerdict, depthOf, documents, nest, outcome } from '../support/json-documents.js';

// The oracle: Chromium's JSON.parse source text access, which gives a reviver each number's text.
// Only the tests use it; the shipped code quotes numbers with its own scanner instead.
const oracle = (text: string): unknown =>
  JSON.parse(text, ((_key: string, value: unknown, context: { source: string }) =>
    typeof value === 'number' ? context.source : value) as never);

/** How the oracle ended: the value, or that it threw (JSON.parse's SyntaxError, or anything else). */
function oracleOutcome(text: string): { value: unknown } | { error: unknown } {
  try {
    return { value: oracle(text) };
  } catch (error) {
    return { error };
  }
}

describe('exact JSON in Chromium, against the source-text reviver as oracle', () => {
  it('the oracle works here: Chromium gives a reviver each number’s source text', () => {
    expect(oracle('[0.10,-0,1E+2,{"a":12345678901234567890123}]')).toEqual([
      '0.10',
      '-0',
      '1E+2',
      { a: '12345678901234567890123' },
    ]);
  });

  it('keeps every digit: the real CoinGecko fixture and long-digit bodies read as the oracle reads them', () => {
    const bodies = [
      markets2024,
      '[{"id":"tiny","current_price":0.000008123456789012345678,"x":-1.0e-30,"y":12345678901234567890123}]',
      '{"__proto__":{"a":1},"n":[0,-0,1E+2,"3.10"]}',
    ];
    for (const body of bodies) expect(parseExactJson(body)).toEqual(oracle(body));
    expect((parseExactJson(markets2024) as Array<Record<string, unknown>>)[0]).toMatchObject({
      current_price: '70187',
      market_cap: '1381651251183',
      price_change_percentage_24h: '3.12502',
      atl_change_percentage: '103455.83335',
    });
    expect(parseExactJson(bodies[1]!)).toEqual([
      { id: 'tiny', current_price: '0.000008123456789012345678', x: '-1.0e-30', y: '12345678901234567890123' },
    ]);
    expect(Object.hasOwn(parseExactJson(bodies[2]!) as object, '__proto__')).toBe(true);
  });

  it('on random valid and invalid documents: the oracle’s value, or an error when it throws, JsonDepthError past 32 levels', () => {
    const kinds = { value: 0, syntax: 0, depth: 0 };
    fc.assert(
      fc.property(documents, (text) => {
        const ours = outcome(text);
        const theirs = oracleOutcome(text);
        const verdict = bracketVerdict(text);
        // On valid JSON, the bracket model says too deep exactly when the oracle's value is.
        if ('value' in theirs) expect(verdict).toBe(depthOf(theirs.value) > MAX_JSON_DEPTH ? 'depth' : undefined);
        if (verdict === 'depth') expect(ours).toEqual({ error: 'depth' });
        else if ('value' in theirs) expect(ours).toEqual(theirs);
        else expect(ours).toEqual({ error: 'syntax' });
        kinds['error' in ours ? ours.error : 'value']++;
      }),
      { numRuns: 3000, seed: 20240611 },
    );
    // Each kind is well represented, so the property tests more than "both accept".
    expect(kinds.value).toBeGreaterThan(600);
    expect(kinds.syntax).toBeGreaterThan(600);
    expect(kinds.depth).toBeGreaterThan(150);
  });

  it('5,000 levels deep: a JsonDepthError, not a stack overflow', () => {
    for (const text of [nest(5000, '[', '1', ']'), nest(5000, '{"a":', '1', '}'), '['.repeat(5000)]) {
      let thrown: unknown;
      try {
        parseExactJson(text);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(JsonDepthError);
      expect(thrown).toMatchObject({ name: 'JsonDepthError', message: 'nested too deep (more than 32 levels)' });
    }
  });

  it('32 levels deep: accepted, read as the oracle reads it', () => {
    for (const text of [
      nest(16, '{"a":[', '0.10', ']}'),
      nest(32, '[', '-1.50e3', ']'),
      nest(31, '[', '{"1":2}', ']'),
    ]) {
      expect(outcome(text)).toEqual({ value: oracle(text) });
    }
    expect(parseExactJson(nest(16, '{"a":[', '0.10', ']}'))).toEqual(JSON.parse(nest(16, '{"a":[', '"0.10"', ']}')));
  });

  it.each(['{1:2}', '{"a":1,2:3}', '{-1:0}', '[{"a":{"b":1,2.5e3:0}}]'])(
    '%j is rejected as malformed, as the oracle rejects it',
    (text) => {
      expect(outcome(text)).toEqual({ error: 'syntax' });
      expect(() => oracle(text)).toThrow(SyntaxError);
    },
  );

  it.each(['[]]', ']]]]', '{]', '[}', `]${'['.repeat(40)}`])('unbalanced %j is rejected as malformed', (text) => {
    expect(outcome(text)).toEqual({ error: 'syntax' });
    expect(() => oracle(text)).toThrow(SyntaxError);
  });
});

describe('the decimal.js under test in Chromium', () => {
  it('is the slimmed one that ships', async () => {
    const { ExactDecimal } = await import('../../src/format/decimal.js');
    expect((new ExactDecimal('2') as unknown as Record<string, unknown>).sqrt).toBeUndefined();
  });
});
