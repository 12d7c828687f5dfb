/**
 * multiplyDecimals(a, b) = a × b rounded once to 64 significant digits, half away from zero,
 * written plain. Hand-computed values first, then random decimals against the whole,
 * unslimmed decimal.js.
 */
import { createRequire } from 'node:module';
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type DecimalJs from 'decimal.js';
import { multiplyDecimals } from '../../../src/format/bigint-decimal.js';

describe('multiplyDecimals: hand-computed values', () => {
  it.each<[string, string, string]>([
    // Kraken's 24 h base volume × last price (fixture), Coinbase's stats volume × last.
    ['598.03698452', '73380.60000', '43884312.746268312'],
    ['53687.76764233', '6250.02000000', '335549621.5199153466'],
    ['2', '3', '6'],
    ['0', '123.45', '0'],
    ['-0', '5', '0'], // zero is written unsigned
    ['1.5e2', '-2', '-300'],
    ['-1.5', '-2', '3'],
    ['1e-3', '2e5', '200'],
    ['.5', '5.', '2.5'],
    ['+0.1', '0.1', '0.01'],
    ['1e299', '1e299', `1${'0'.repeat(598)}`],
    ['1e-20', '3e-20', `0.${'0'.repeat(39)}3`],
    // 33 nines squared is 32 nines, 8, 32 zeros, 1: rounded at the 64th digit, the 1 goes.
    ['9'.repeat(33), '9'.repeat(33), `${'9'.repeat(32)}8${'0'.repeat(33)}`],
  ])('%s × %s → %s', (a, b, product) => {
    expect(multiplyDecimals(a, b)).toBe(product);
  });

  it('rounds the 65th digit half away from zero, also below zero', () => {
    // (10^64 + 1) × 0.5 = 5 × 10^63 + 0.5: 64 digits then a 5, which rounds up.
    const a = `1${'0'.repeat(63)}1`; // 65 digits
    expect(multiplyDecimals(a, '0.5')).toBe(`5${'0'.repeat(62)}1`);
    expect(multiplyDecimals(a, '-0.5')).toBe(`-5${'0'.repeat(62)}1`);
  });

  it.each([
    ['abc', '1'],
    ['1', ''],
    ['0x10', '1'],
    ['NaN', '1'],
    ['1', 'Infinity'],
    ['1e300', '1'],
    ['1', '1e-1001'],
    [' 1', '1'],
  ])('%j × %j: RangeError', (a, b) => {
    expect(() => multiplyDecimals(a, b)).toThrow(RangeError);
  });
});

describe('multiplyDecimals against the whole decimal.js', () => {
  const digit = fc.oneof(fc.constantFrom(...'0123456789'), fc.constantFrom('0', '9'));
  const decimal = fc
    .record({
      sign: fc.constantFrom('', '', '', '-'),
      integer: fc.array(digit, { minLength: 1, maxLength: 30 }),
      fraction: fc.array(digit, { maxLength: 40 }),
      exponent: fc.integer({ min: -60, max: 40 }),
    })
    .map(({ sign, integer, fraction, exponent }) => `${sign}${integer.join('')}.${fraction.join('')}e${exponent}`);

  // The CommonJS file, which the slimming of the bundle does not touch.
  const Decimal = createRequire(import.meta.url)('decimal.js') as typeof DecimalJs;
  const Rounded = Decimal.clone({ precision: 64, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -9e15, toExpPos: 9e15 });

  it('random decimals: the same digits', () => {
    fc.assert(
      fc.property(decimal, decimal, (a, b) => {
        const expected = new Rounded(a).times(b);
        // decimal.js writes a negative zero as "-0"; the product's zero is unsigned.
        expect(multiplyDecimals(a, b)).toBe(expected.isZero() ? '0' : expected.toString());
      }),
      { numRuns: 3000 },
    );
  });
});
