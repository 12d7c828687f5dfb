import { describe, it, expect } from 'vitest';
import { formatCompact } from '../../../src/format/index.js';
import type { CompactFormatOptions } from '../../../src/format/index.js';
import { clearFormatCache } from '../../../src/format/intl-cache.js';

const NBSP = '\u00a0';

/** Intl's own compact layout of an already-rounded string, for parts that vary by locale. */
const intl = (value: string, locale: string, options: Intl.NumberFormatOptions = {}) =>
  new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: 'USD',
    notation: 'compact',
    maximumSignificantDigits: 3,
    ...options,
  }).format(value as `${number}`);

describe('formatCompact: the contract examples, verbatim', () => {
  it.each<[string, CompactFormatOptions | undefined, string]>([
    ['1234567890123', undefined, '$1.23T'],
    ['999950', undefined, '$1M'],
    ['0', undefined, '$0'],
    ['1234567890123', { locale: 'de-DE' }, `1,23${NBSP}Bio.${NBSP}$`],
  ])('%s %j → %s', (value, options, expected) => {
    expect(formatCompact(value, options)).toBe(expected);
  });

  it.each(['0x10', 'NaN', 'Infinity', '-Infinity', '', ' ', ' 1', '1 ', '+-1', '.', 'e5', '1,5', '1_000', 'abc'])(
    'throws a RangeError for %j',
    (value) => {
      expect(() => formatCompact(value)).toThrow(RangeError);
    },
  );
});

describe('formatCompact: rounding', () => {
  it.each<[string, string]>([
    // 3 significant digits, half away from zero, trailing zeros dropped.
    ['1234', '$1.23K'],
    ['1235', '$1.24K'],
    ['-1235', '-$1.24K'],
    ['1234.999', '$1.23K'],
    ['12345', '$12.3K'],
    ['123456', '$123K'],
    ['1200000', '$1.2M'],
    ['5', '$5'],
    ['0.5', '$0.5'],
    ['999.4999', '$999'],
    ['0.0012345', '$0.00123'],
    ['0.0012355', '$0.00124'],
    ['1.5e-7', '$0.00000015'],
    // A carry goes to the next unit, never `1000K`.
    ['999.5', '$1K'],
    ['99950', '$100K'],
    ['999950', '$1M'],
    ['-999950', '-$1M'],
    ['999949999', '$1B'],
    ['9.995', '$10'],
    // Past T, en-US has no unit: the digits stand in front of it.
    ['1e15', '$1000T'],
    ['1.23456e18', '$1,230,000T'],
    // A tie past a float's 17 digits: a float would read 1.005e12 and round up.
    ['1004999999999.99999', '$1T'],
    ['1005000000000', '$1.01T'],
    // Zero, whatever its sign or form, is written without one.
    ['-0', '$0'],
    ['-0.000', '$0'],
    ['0e-7', '$0'],
    // Every form of the grammar.
    ['+1.2345E6', '$1.23M'],
    ['.5e3', '$500'],
    ['5.', '$5'],
  ])('%s → %s', (value, expected) => {
    expect(formatCompact(value)).toBe(expected);
  });

  it('range: |value| up to below 1e300 and down to 1e-300, and zero; beyond, a RangeError', () => {
    expect(formatCompact('9.99e299')).toBe(`$999${',000'.repeat(95)}T`);
    expect(formatCompact('9.9999e299')).toBe(`$1${',000'.repeat(96)}T`);
    expect(formatCompact('-1e-300')).toBe(`-$0.${'0'.repeat(299)}1`);
    expect(formatCompact('0e99999')).toBe('$0');
    expect(formatCompact('0e-99999')).toBe('$0');
    expect(() => formatCompact('1e300')).toThrow(RangeError);
    expect(() => formatCompact('-9.9e-301')).toThrow(RangeError);
    expect(() => formatCompact('1e-1000')).toThrow(RangeError);
    expect(() => formatCompact('1e9999999999999999')).toThrow(RangeError);
  });
});

describe('formatCompact: currencies, written as formatPrice writes them', () => {
  it.each<[string, string]>([
    ['usd', '-$1.23M'],
    ['USD', '-$1.23M'],
    ['eur', '-€1.23M'],
    ['jpy', '-¥1.23M'], // significant digits, not the currency's decimals
    ['bhd', `-BHD${NBSP}1.23M`],
    ['xau', `-XAU${NBSP}1.23M`],
    ['btc', '-₿1.23M'],
    ['eth', '-Ξ1.23M'],
    ['sol', `-SOL${NBSP}1.23M`], // a crypto code Intl takes for a well-formed ISO code
    ['link', `-LINK${NBSP}1.23M`], // a crypto code Intl rejects
    ['xyz12', `-XYZ12${NBSP}1.23M`], // not a currency at all
    ['sats', `-1.23M${NBSP}sats`],
    ['bits', `-1.23M${NBSP}bits`],
  ])('%s', (currency, expected) => {
    expect(formatCompact('-1234567', { currency })).toBe(expected);
  });

  it.each<[string, string, string]>([
    ['de-DE', 'btc', `-1,23${NBSP}Mio.${NBSP}₿`],
    ['de-DE', 'link', `-1,23${NBSP}Mio.${NBSP}LINK`],
    ['de-DE', 'sats', `-1,23${NBSP}Mio.${NBSP}sats`],
    ['ja-JP', 'btc', '-₿123万'],
    ['ja-JP', 'link', `-LINK${NBSP}123万`],
  ])('%s %s: where the locale puts the currency', (locale, currency, expected) => {
    expect(formatCompact('-1234567', { locale, currency })).toBe(expected);
  });
});

describe('formatCompact: other locales, laid out by Intl', () => {
  it.each([
    ['ja-JP', '123456789', '123000000', '$1.23億'],
    ['ja-JP', '12345', '12300', '$1.23万'],
    ['zh-CN', '1234567890123', '1230000000000', 'US$1.23万亿'],
    ['en-IN', '1234567', '1230000', '$12.3L'],
    ['de-DE', '-1234567', '-1230000', `-1,23${NBSP}Mio.${NBSP}$`],
    // de has no unit for thousands: 3 significant digits, then the plain number.
    ['de-DE', '-12345', '-12300', `-12.300${NBSP}$`],
  ])('%s: %s → %s → %s', (locale, value, rounded, expected) => {
    expect(formatCompact(value, { locale })).toBe(expected);
    expect(formatCompact(value, { locale })).toBe(intl(rounded, locale));
  });

  it('the rounding is ours: Intl gets the rounded value, whatever its unit sizes', () => {
    // 万 (10^4), lakh (10^5) and crore (10^7) carry at other places than K, M and B.
    expect(formatCompact('99995', { locale: 'ja-JP' })).toBe(intl('100000', 'ja-JP'));
    expect(formatCompact('99950', { locale: 'en-IN' })).toBe(intl('100000', 'en-IN'));
    expect(formatCompact('99949999999999999999', { locale: 'ja-JP' })).toBe(intl('99900000000000000000', 'ja-JP'));
  });

  it('the locale’s digits and minus sign', () => {
    const arabic = formatCompact('-1234567', { locale: 'ar-EG' });
    expect(arabic).toBe(intl('-1230000', 'ar-EG'));
    expect(arabic).toContain('١٫٢٣');
    expect(arabic).not.toMatch(/[0-9]/);
    const persian = formatCompact('-1234567', { locale: 'fa-IR' });
    expect(persian).toContain('۱٫۲۳');
    expect(persian).toContain('\u2212');
    expect(formatCompact('1234567', { locale: 'en-US-u-nu-deva' })).toBe('$१.२३M');
  });

  it('an invalid or unsupported locale falls back to en-US', () => {
    expect(formatCompact('1234567', { locale: 'not a locale!' })).toBe('$1.23M');
    expect(formatCompact('1234567', { locale: 'tlh' })).toBe('$1.23M');
  });

  it('gives the same answers after the formatter cache is cleared or overflows', () => {
    const first = formatCompact('-1234567', { locale: 'de-DE', currency: 'eur' });
    clearFormatCache();
    for (let i = 0; i < 40; i++) formatCompact('1', { currency: `c${i}x` }); // evicts everything
    expect(formatCompact('-1234567', { locale: 'de-DE', currency: 'eur' })).toBe(first);
    expect(first).toBe(`-1,23${NBSP}Mio.${NBSP}€`);
  });
});
