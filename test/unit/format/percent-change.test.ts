/**
 * percentChange(open, last) = (last - open) / open × 100, the exact value rounded once to 64
 * significant digits, half away from zero. Expected values are written out by hand; the
 * long repeating ones are checked digit by digit against BigInt long division here, and a
 * property compares random prices with a BigInt oracle (no decimal.js, no floats), another
 * with the whole, unslimmed decimal.js.
 */
import { createRequire } from 'node:module';
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type DecimalJs from 'decimal.js';
import { formatChange, percentChange } from '../../../src/format/index.js';

// ---------------------------------------------------------------- BigInt oracle

const pow10 = (n: number) => 10n ** BigInt(Math.max(n, 0));

/** A decimal string as a signed integer × 10^-scale. */
function parse(text: string): { units: bigint; scale: number } {
  const [mantissa = '', exponent = '0'] = text.toLowerCase().split('e');
  const negative = mantissa.startsWith('-');
  const [integer = '', fraction = ''] = mantissa.replace(/^[+-]/, '').split('.');
  const units = BigInt(`${integer}${fraction}` || '0');
  return { units: negative ? -units : units, scale: fraction.length - Number(exponent) };
}

/** `numerator / denominator` rounded half away from zero to 64 significant digits, plain, no trailing zeros. */
function divide64(numerator: bigint, denominator: bigint): string {
  if (numerator === 0n) return '0';
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  // Find k with 10^63 <= n × 10^k / d < 10^64.
  let k = 63 - (n.toString().length - d.toString().length);
  const scaled = (k: number): [bigint, bigint] => (k >= 0 ? [n * pow10(k), d] : [n, d * pow10(-k)]);
  for (;;) {
    const [a, b] = scaled(k);
    const q = a / b;
    if (q < pow10(63)) k++;
    else if (q >= pow10(64)) k--;
    else break;
  }
  const [a, b] = scaled(k);
  let q = a / b;
  if (2n * (a % b) >= b) q++; // may become 10^64: still exact, one digit more that is a zero
  // q × 10^-k in plain notation.
  let digits = q.toString();
  let text: string;
  if (k <= 0) text = digits + '0'.repeat(-k);
  else {
    digits = digits.padStart(k + 1, '0');
    text = `${digits.slice(0, -k)}.${digits.slice(-k)}`.replace(/\.?0+$/, '');
  }
  return `${negative ? '-' : ''}${text}`;
}

function oracle(open: string, last: string): string {
  const o = parse(open);
  const l = parse(last);
  const scale = Math.max(o.scale, l.scale);
  const openUnits = o.units * pow10(scale - o.scale);
  const lastUnits = l.units * pow10(scale - l.scale);
  return divide64((lastUnits - openUnits) * 100n, openUnits);
}

// ---------------------------------------------------------------- hand-computed values

const threes = (n: number) => '3'.repeat(n);

describe('percentChange: hand-computed values', () => {
  it.each<[string, string, string, string]>([
    // open, last, exact to 64 significant digits, then as formatChange shows it
    ['3', '4', `33.${threes(62)}`, '+33.33%'], // 100/3: 2 + 62 digits
    ['3', '2', `-33.${threes(62)}`, '-33.33%'],
    ['3', '5', `66.${'6'.repeat(61)}7`, '+66.67%'], // 200/3: the 64th digit rounds up
    ['3', '1', `-66.${'6'.repeat(61)}7`, '-66.67%'], // half away from zero, also below zero
    ['0.000001', '0.0000015', '50', '+50.00%'],
    ['0.0000015', '0.000001', `-33.${threes(62)}`, '-33.33%'],
    ['4', '3', '-25', '-25.00%'],
    ['100', '100', '0', '0.00%'],
    ['100', '100.000', '0', '0.00%'],
    ['63560.025', '0', '-100', '-100.00%'],
    ['1', '2', '100', '+100.00%'],
    ['2', '1', '-50', '-50.00%'],
    ['0.5', '1e3', '199900', '+199,900.00%'],
    ['8', '9', '12.5', '+12.50%'],
    ['64000', '63999.99', '-0.000015625', '0.00%'],
    ['64000', '64003.2', '0.005', '+0.01%'], // exactly half a hundredth: away from zero
    ['64000', '63996.8', '-0.005', '-0.01%'],
    ['-2', '-1', '-50', '-50.00%'], // taken as given: (−1 − −2) / −2
    ['1e-20', '3e-20', '200', '+200.00%'],
    ['1e299', '2e299', '100', '+100.00%'],
  ])('open %s, last %s → %s → %s', (open, last, exact, shown) => {
    const result = percentChange(open, last);
    expect(result).toBe(exact);
    expect(formatChange(result)).toBe(shown);
    expect(result).toBe(oracle(open, last));
  });

  it('1/7-type repeating results: the 64th digit, by BigInt long division', () => {
    // 100/7 = 14.285714 285714 …: 64 significant digits are 2 + 62 decimals.
    // The 65th digit decides: 10^62 × 100 / 7, remainder × 2 against 7.
    const a = 100n * 10n ** 62n;
    const q = a / 7n;
    const rounded = 2n * (a % 7n) >= 7n ? q + 1n : q;
    const expected = `${rounded.toString().slice(0, 2)}.${rounded.toString().slice(2)}`;
    expect(expected).toBe('14.28571428571428571428571428571428571428571428571428571428571429'); // …857|142…: rounds up
    expect(percentChange('7', '8')).toBe(expected);
    expect(percentChange('7', '6')).toBe(`-${expected}`);
    expect(formatChange(percentChange('7', '8'))).toBe('+14.29%');

    // 1/13 = 0.076923 076923 …; (14 − 13) / 13 × 100 = 7.692307…: 1 + 63 decimals.
    const b = 100n * 10n ** 63n;
    const r = 2n * (b % 13n) >= 13n ? b / 13n + 1n : b / 13n;
    expect(`${r}`.length).toBe(64);
    expect(percentChange('13', '14')).toBe(`${`${r}`.slice(0, 1)}.${`${r}`.slice(1)}`);
    expect(percentChange('13', '14')).toBe('7.692307692307692307692307692307692307692307692307692307692307692'); // …3076|923: down

    // 1/97 has a period of 96 digits: 100/97 = 1.030927835…
    const c = 100n * 10n ** 63n;
    const s = 2n * (c % 97n) >= 97n ? c / 97n + 1n : c / 97n;
    expect(percentChange('97', '98')).toBe(`${`${s}`.slice(0, 1)}.${`${s}`.slice(1)}`);
    expect(percentChange('97', '98')).toBe('1.030927835051546391752577319587628865979381443298969072164948454');
  });

  it('the difference is exact before the division: nothing lost between far-apart digits', () => {
    // A difference of 1e-1000 on an open of 1e299: a 64-digit subtraction would say 0.
    const open = '1e299';
    const last = `1${'0'.repeat(299)}.${'0'.repeat(999)}1`;
    expect(percentChange(open, last)).toBe(`0.${'0'.repeat(1296)}1`); // 1e-1297
    expect(formatChange(percentChange(open, last))).toBe('0.00%');
    // Long prices, 40 significant digits each; the difference has 41.
    const o = '1234567890.123456789012345678901234567891';
    const l = '9876543210.987654321098765432109876543219';
    expect(percentChange(o, l)).toBe(oracle(o, l));
    expect(percentChange(o, l)).toBe('700.0000072900000663390006036849054935327209911418480193376728755');
  });

  it('ties at the 65th digit round away from zero', () => {
    // (last − open) / open × 100 = 1 + 5e-64 exactly: open 2, difference 0.02 + 1e-65.
    const last = `2.02${'0'.repeat(62)}1`;
    expect(percentChange('2', last)).toBe(`1.${'0'.repeat(62)}1`);
    const lower = `1.97${'9'.repeat(62)}9`; // difference −(0.02 + 1e-65)
    expect(percentChange('2', lower)).toBe(`-1.${'0'.repeat(62)}1`);
  });

  it('huge and tiny magnitudes', () => {
    expect(percentChange('1e-1000', '2e-1000')).toBe('100');
    expect(percentChange('0.0001', '1e299')).toBe(`1${'0'.repeat(305)}`); // 1e305 − 100 rounds up to 1e305
    expect(percentChange('1e299', '0.0001')).toBe('-100'); // −99.999…(301 nines): rounds to −100
    expect(percentChange('123456789012345678901234567890', '123456789012345678901234567891')).toBe(
      oracle('123456789012345678901234567890', '123456789012345678901234567891'),
    );
    expect(percentChange('123456789012345678901234567890', '123456789012345678901234567891')).toBe(
      '0.0000000000000000000000000008100000072900000663390006036857154935399299912133629200416033824',
    );
  });

  it.each([
    ['0', '1'],
    ['-0', '1'],
    ['0.000', '1'],
    ['0e5', '1'],
    ['abc', '1'],
    ['1', 'abc'],
    ['', '1'],
    ['1', ''],
    ['NaN', '1'],
    ['Infinity', '1'],
    ['0x10', '1'],
    [' 1', '2'],
    ['1e300', '1'],
    ['1', '1e300'],
    ['1e-1001', '1'],
  ])('open %j, last %j: RangeError', (open, last) => {
    expect(() => percentChange(open, last)).toThrow(RangeError);
  });
});

describe('percentChange against the BigInt oracle', () => {
  const digit = fc.oneof(fc.constantFrom(...'0123456789'), fc.constantFrom('0', '9'));
  const price = fc
    .record({
      sign: fc.constantFrom('', '', '', '-'),
      integer: fc.array(digit, { minLength: 1, maxLength: 20 }),
      fraction: fc.array(digit, { maxLength: 30 }),
      exponent: fc.integer({ min: -40, max: 20 }),
    })
    .map(({ sign, integer, fraction, exponent }) => `${sign}${integer.join('')}.${fraction.join('')}e${exponent}`);
  // A last close to the open: the same digits with a few changed, so the difference is small.
  const nearby = fc.tuple(price, fc.integer({ min: 0, max: 60 }), digit).map(([open, at, d]) => {
    const i = Math.min(at, open.indexOf('e') - 1);
    return [open, `${open.slice(0, i)}${/\d/.test(open[i] ?? '') ? d : open[i]}${open.slice(i + 1)}`] as const;
  });

  it('random prices, far apart and close together', () => {
    fc.assert(
      fc.property(fc.oneof(fc.tuple(price, price), nearby), ([open, last]) => {
        fc.pre(/[1-9]/.test(open.split('e')[0] ?? ''));
        expect(percentChange(open, last)).toBe(oracle(open, last));
      }),
      { numRuns: 3000 },
    );
  });

  // The whole decimal.js (its CommonJS file, which the slimming does not touch) as a second,
  // independent oracle: the exact difference, one division rounded to 64 digits, then × 100.
  const Decimal = createRequire(import.meta.url)('decimal.js') as typeof DecimalJs;
  const plain = { rounding: Decimal.ROUND_HALF_UP, toExpNeg: -9e15, toExpPos: 9e15 };
  const Exact = Decimal.clone({ ...plain, precision: 1e9 });
  const Rounded = Decimal.clone({ ...plain, precision: 64 });

  it('random prices: the same digits as the whole decimal.js', () => {
    fc.assert(
      fc.property(fc.oneof(fc.tuple(price, price), nearby), ([open, last]) => {
        fc.pre(/[1-9]/.test(open.split('e')[0] ?? ''));
        const expected = new Rounded(new Exact(last).minus(open)).div(open).times(100).toString();
        expect(percentChange(open, last)).toBe(expected);
      }),
      { numRuns: 3000 },
    );
  });
});
