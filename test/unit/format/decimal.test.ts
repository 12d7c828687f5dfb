import fc from 'fast-check';
import { describe, it, expect, expectTypeOf } from 'vitest';
import { KEPT_METHODS, KEPT_STATICS } from '../../../scripts/slim-decimal.mjs';
import {
  ExactDecimal,
  isDecimalString,
  parseDecimal,
  parsePrice,
  type ExactDecimalConstructor,
  type ExactDecimalValue,
} from '../../../src/format/decimal.js';
import { parseExact, pow10, type Exact } from './oracle.js';

const valid = [
  '5',
  '-0.5',
  '.5',
  '5.',
  '1e-7',
  '1E5',
  '+5',
  '-5',
  '0',
  '-0',
  '+0',
  '0.000',
  '000123',
  '00.5',
  '-.5',
  '+.5',
  '5.e3',
  '1.5E+3',
  '1e-0',
  '12345678901234567890.125',
  '0.00000000000000003928',
  '1e999',
  '-1e-999',
];
const invalid = [
  '',
  ' ',
  ' 1',
  '1 ',
  '1 000',
  '0x10',
  '0X1f',
  '0b1',
  '0o7',
  'NaN',
  'nan',
  'Infinity',
  '-Infinity',
  '+-1',
  '-+1',
  '--1',
  '.',
  '-.',
  'e5',
  '.e5',
  '5e',
  '5e+',
  '5e-',
  '1e5.5',
  '1.2.3',
  '1,5',
  '1_000',
  '١٢٣',
  '５',
  '1\n',
  '\t1',
  'abc',
  '$1',
  '1%',
  '1e5e5',
  'undefined',
  'null',
  '+',
  '-',
];

describe('isDecimalString / parseDecimal: the contract grammar', () => {
  it.each(valid)('accepts %j', (value) => {
    expect(isDecimalString(value)).toBe(true);
    expect(() => parseDecimal(value)).not.toThrow();
  });

  it.each(invalid)('rejects %j with a RangeError', (value) => {
    expect(isDecimalString(value)).toBe(false);
    expect(() => parseDecimal(value)).toThrow(RangeError);
  });

  it('quotes the value in the message, truncated to about 40 characters', () => {
    expect(() => parseDecimal('0x10')).toThrow('"0x10"');
    const long = `${'9'.repeat(60)}x`;
    let message = '';
    try {
      parseDecimal(long);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain(`"${'9'.repeat(40)}…"`);
    expect(message).not.toContain('9'.repeat(41));
  });

  it('rejects non-strings from untyped callers with a RangeError', () => {
    expect(isDecimalString(5 as unknown as string)).toBe(false);
    expect(() => parseDecimal(5 as unknown as string)).toThrow(RangeError);
    expect(() => parseDecimal(undefined as unknown as string)).toThrow(RangeError);
  });

  it('rejects exponents decimal.js cannot represent instead of returning Infinity or a false zero', () => {
    expect(() => parseDecimal('1e99999999999999999')).toThrow(RangeError);
    expect(() => parseDecimal('1e-99999999999999999')).toThrow(RangeError);
    expect(parseDecimal('0e-99999999999999999').isZero()).toBe(true);
  });

  it('keeps every digit (no float, no precision cut on construction)', () => {
    expect(
      parseDecimal(
        '12345678901234567890.123456789012345678901234567890123456789012345678901234567890123456789',
      ).toFixed(),
    ).toBe('12345678901234567890.123456789012345678901234567890123456789012345678901234567890123456789');
    expect(parseDecimal('.5').toFixed()).toBe('0.5');
    expect(parseDecimal('5.').toFixed()).toBe('5');
    expect(parseDecimal('1E5').toFixed()).toBe('100000');
    expect(parseDecimal('-1e-7').toString()).toBe('-0.0000001'); // toExpNeg: never exponent notation
  });

  it('is a clone with precision 64 and half away from zero, leaving the shared Decimal alone', async () => {
    const { default: Decimal } = await import('decimal.js');
    expect(ExactDecimal).not.toBe(Decimal);
    expect(ExactDecimal.precision).toBe(64);
    expect(Decimal.precision).toBe(20);
    expect(parseDecimal('-2.5').toDecimalPlaces(0).toFixed()).toBe('-3');
    expect(parseDecimal('2.5').toDecimalPlaces(0).toFixed()).toBe('3');
    expect(
      parseDecimal(`0.${'3'.repeat(80)}`)
        .toSignificantDigits()
        .toFixed().length,
    ).toBe(66); // "0." + 64 digits
  });
});

/** The exact value as toFixed() writes it, from the BigInt oracle: no exponent, no trailing zeros, zero unsigned. */
function plainOf(exact: Exact): string {
  if (exact.magnitude === 0n) return '0';
  const places = Math.max(exact.scale, 0);
  const digits = (exact.magnitude * pow10(places - exact.scale)).toString().padStart(places + 1, '0');
  const fraction = digits.slice(digits.length - places).replace(/0+$/, '');
  return `${exact.negative ? '-' : ''}${digits.slice(0, digits.length - places)}${fraction ? `.${fraction}` : ''}`;
}

/** Where the first significant digit is: |value| = d.ddd × 10^adjusted. */
const adjustedOf = ({ magnitude, scale }: Exact) => magnitude.toString().length - 1 - scale;

describe('parsePrice: the formattable magnitudes', () => {
  it.each([
    ['0', '0'],
    ['-0', '0'],
    ['0e99999', '0'],
    ['+1.50e2', '150'],
    ['00.0500', '0.05'],
    ['1e-1000', `0.${'0'.repeat(999)}1`],
    ['-1e-1000', `-0.${'0'.repeat(999)}1`],
    [`${'9'.repeat(300)}.999`, `${'9'.repeat(300)}.999`],
    ['-9.99e299', `-999${'0'.repeat(297)}`],
  ])('accepts %j as exactly %j', (value, plain) => {
    expect(parsePrice(value).toFixed()).toBe(plain);
  });

  it.each(['1e300', '-1e300', `1${'0'.repeat(300)}`, '9.99e-1001', '1e-1001', `0.${'0'.repeat(1000)}1`, 'abc', ''])(
    'rejects %j with a RangeError',
    (value) => {
      expect(() => parsePrice(value)).toThrow(RangeError);
    },
  );

  it('accepts exactly zero and 1e-1000 <= |p| < 1e300, keeping every digit (BigInt oracle)', () => {
    const digits = fc.string({ unit: fc.constantFrom(...'0123456789'), maxLength: 60, size: 'large' });
    // The exponent of the first significant digit, often right at a boundary.
    const exponent = fc.oneof(
      fc.integer({ min: -1100, max: 400 }),
      fc.constantFrom(-1002, -1001, -1000, -999, 298, 299, 300, 301),
    );
    const price = fc
      .oneof(
        {
          weight: 20,
          arbitrary: fc.tuple(
            fc.constantFrom('', '-', '+'),
            fc.constantFrom(...'123456789'),
            digits,
            exponent,
            fc.boolean(),
          ),
        },
        { weight: 1, arbitrary: fc.constant(['', '0', '', 0, false] as const) },
      )
      .map(([sign, first, more, e, integerForm]) =>
        integerForm ? `${sign}${first}${more}E${e - more.length}` : `${sign}${first}${more ? `.${more}` : ''}e${e}`,
      );
    let accepted = 0;
    let rejected = 0;
    fc.assert(
      fc.property(price, (text) => {
        const exact = parseExact(text);
        const adjusted = adjustedOf(exact);
        if (exact.magnitude === 0n || (adjusted >= -1000 && adjusted < 300)) {
          expect(parsePrice(text).toFixed()).toBe(plainOf(exact));
          accepted++;
        } else {
          expect(() => parsePrice(text)).toThrow(RangeError);
          rejected++;
        }
      }),
      { numRuns: 2000, seed: 20261130 },
    );
    // Both sides of the boundaries were tried.
    expect(accepted).toBeGreaterThan(500);
    expect(rejected).toBeGreaterThan(100);
  });
});

// The keys of the two types as values; tsc checks (expectTypeOf below) that each object has
// exactly the keys of its type, and the tests hold those keys to the bundle.
const VALUE_SHAPE = {
  ...{ d: 0, e: 0, s: 0, absoluteValue: 0, abs: 0, comparedTo: 0, cmp: 0, decimalPlaces: 0, dp: 0 },
  ...{ greaterThan: 0, gt: 0, isFinite: 0, isNegative: 0, isNeg: 0, isZero: 0 },
  ...{ lessThan: 0, lt: 0, toDecimalPlaces: 0, toDP: 0 },
  ...{ toFixed: 0, toSignificantDigits: 0, toSD: 0, toString: 0, valueOf: 0, toJSON: 0 },
};
const CONSTRUCTOR_SHAPE = {
  ...{ precision: 0, rounding: 0, toExpNeg: 0, toExpPos: 0, minE: 0, maxE: 0, modulo: 0, crypto: 0 },
  ...{ clone: 0 },
};
expectTypeOf<keyof typeof VALUE_SHAPE>().toEqualTypeOf<keyof ExactDecimalValue>();
expectTypeOf<keyof typeof CONSTRUCTOR_SHAPE>().toEqualTypeOf<keyof ExactDecimalConstructor>();
const VALUE_KEYS = Object.keys(VALUE_SHAPE);
const CONSTRUCTOR_KEYS = Object.keys(CONSTRUCTOR_SHAPE);
const FIELDS = ['d', 'e', 's'];
const sorted = (names: Iterable<string>) => [...names].sort();

describe('the decimal.js that ships', () => {
  it('is the slimmed one (scripts/slim-decimal.mjs), so these tests cover what users get', () => {
    /* eslint-disable @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return -- a call tsc rejects, on purpose */
    // @ts-expect-error sqrt is dropped from the bundle: calling it is a type error, and throws.
    expect(() => new ExactDecimal('2').sqrt()).toThrow(TypeError);
    /* eslint-enable @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return */
    // @ts-expect-error so are the static shortcuts.
    expect(ExactDecimal.sin).toBeUndefined();
  });

  it('has exactly the methods ExactDecimalValue names: KEPT_METHODS and their aliases', () => {
    const prototype = Object.getPrototypeOf(new ExactDecimal('1')) as Record<string, unknown>;
    // Functions only: the prototype also holds decimal.js's `toStringTag` marker.
    const methods = Object.getOwnPropertyNames(prototype).filter(
      (name) => name !== 'constructor' && typeof prototype[name] === 'function',
    );
    expect(sorted(methods)).toEqual(sorted(VALUE_KEYS.filter((key) => !FIELDS.includes(key))));
    // Each kept method under both of its names (`absoluteValue` and `abs` are one function).
    const named = methods.filter((name) => KEPT_METHODS.some((kept) => prototype[kept] === prototype[name]));
    expect(sorted(named)).toEqual(sorted(methods));
  });

  it('has exactly the fields ExactDecimalValue names', () => {
    const fields = Object.keys(new ExactDecimal('-1.5')).filter((key) => key !== 'constructor');
    expect(sorted(fields)).toEqual(sorted(FIELDS));
  });

  it('has exactly the statics ExactDecimalConstructor names', () => {
    const statics = Object.getOwnPropertyNames(ExactDecimal).filter(
      (n) => !['length', 'name', 'prototype'].includes(n),
    );
    expect(sorted(statics)).toEqual(sorted(CONSTRUCTOR_KEYS));
    expect(KEPT_STATICS.every((name) => statics.includes(name))).toBe(true);
  });
});
