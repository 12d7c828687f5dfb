import { describe, it, expect } from 'vitest';
import { describePrice, formatPrice } from '../../../src/format/index.js';
import type { PriceFormatOptions } from '../../../src/format/index.js';
import { clearFormatCache } from '../../../src/format/intl-cache.js';

const NBSP = '\u00a0';

/** Intl's own rendering of an already-rounded string, for parts that vary (symbols). */
const intl = (value: string, currency: string, digits: number, locale = 'en-US') =>
  new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value as `${number}`);

describe('formatPrice: the contract examples, verbatim', () => {
  it.each<[string, PriceFormatOptions | undefined, string]>([
    ['63560.025', undefined, '$63,560.03'],
    ['0.99996', undefined, '$1.00'],
    ['0.171234', undefined, '$0.1712'],
    ['0.5', undefined, '$0.50'],
    ['0.00001523', undefined, '$0.00001523'],
    ['0.000008123456', undefined, '$0.0₅8123'],
    ['0.00000000000000003928', undefined, '$0.0₁₆3928'],
    ['0', undefined, '$0.00'],
    ['63560.025', { locale: 'de-DE', currency: 'eur' }, `63.560,03${NBSP}€`],
  ])('%s %j → %s', (value, options, expected) => {
    expect(formatPrice(value, options)).toBe(expected);
  });

  it('title form of a subscripted price: $0.000008123', () => {
    expect(describePrice('0.000008123456')).toEqual({ text: '$0.0₅8123', plain: '$0.000008123', subscripted: true });
  });

  it('currency decimals: USD 2, JPY 0, BHD 3, crypto codes 2', () => {
    expect(formatPrice('1234.5678', { currency: 'usd' })).toBe('$1,234.57');
    expect(formatPrice('1234.5678', { currency: 'jpy' })).toBe('¥1,235');
    expect(formatPrice('1234.5678', { currency: 'bhd' })).toBe(intl('1234.568', 'BHD', 3));
    expect(formatPrice('1234.5678', { currency: 'btc' })).toBe('₿1,234.57');
    expect(formatPrice('1234.5678', { currency: 'eth' })).toBe('Ξ1,234.57');
    expect(formatPrice('1234.5678', { currency: 'sol' })).toBe(`SOL${NBSP}1,234.57`);
    expect(formatPrice('1234.5678', { currency: 'sats' })).toBe(`1,234.57${NBSP}sats`);
  });

  it.each(['0x10', 'NaN', 'Infinity', '-Infinity', '', ' ', ' 1', '1 ', '+-1', '.', 'e5', '1,5', 'abc'])(
    'throws a RangeError for %j',
    (value) => {
      expect(() => formatPrice(value)).toThrow(RangeError);
      expect(() => describePrice(value)).toThrow(RangeError);
    },
  );
});

describe('formatPrice: more cases', () => {
  it.each<[string, PriceFormatOptions, string]>([
    // Tier edges (rule 2 → rule 1 when a value below 1 rounds up to 1; rule from the value as given).
    ['0.999995', {}, '$1.00'],
    ['0.99995', {}, '$1.00'],
    ['0.99994', {}, '$0.9999'],
    ['0.999949999999', {}, '$0.9999'],
    ['99.995', {}, '$100.00'],
    ['99.994', {}, '$99.99'],
    ['100', {}, '$100.00'],
    ['100.005', {}, '$100.01'],
    ['100.004999', {}, '$100.00'],
    ['1', {}, '$1.00'],
    ['1.005', {}, '$1.01'], // 1.005 is 1.00499999… as a float: proves no float is involved
    ['1.015', {}, '$1.02'],
    ['0.5', {}, '$0.50'],
    ['0.1', {}, '$0.10'],
    ['0.01', {}, '$0.01'],
    ['0.0001', {}, '$0.0001'],
    ['0.12', {}, '$0.12'],
    ['0.1200', {}, '$0.12'],
    ['0.1201', {}, '$0.1201'],
    ['0.120049', {}, '$0.12'],
    ['0.12345', {}, '$0.1235'],
    ['0.00012345', {}, '$0.0001235'],
    ['0.000012345', {}, '$0.00001235'],
    ['0.0000012345', {}, '$0.0₅1235'],
    ['0.000099999', {}, '$0.0001'], // rounds up across a power of ten: 3 leading zeros, not 4
    ['0.0000099999', {}, '$0.00001'], // 4 zeros after rounding: no subscript at 5
    ['0.00000099999', {}, '$0.0₅1'],
    // subscriptZeros 0 (off), 1, 3, 5, 8, and invalid values (default 5).
    ['0.000008123456', { subscriptZeros: 0 }, '$0.000008123'],
    ['0.00000000000000003928', { subscriptZeros: 0 }, '$0.00000000000000003928'],
    ['0.05', { subscriptZeros: 1 }, '$0.0₁5'],
    ['0.5', { subscriptZeros: 1 }, '$0.50'],
    ['0.0001', { subscriptZeros: 3 }, '$0.0₃1'],
    ['0.00123', { subscriptZeros: 3 }, '$0.00123'],
    ['0.000123', { subscriptZeros: 3 }, '$0.0₃123'],
    ['0.000008123456', { subscriptZeros: 5 }, '$0.0₅8123'],
    ['0.0000008123456', { subscriptZeros: 5 }, '$0.0₆8123'],
    ['0.000008123456', { subscriptZeros: 8 }, '$0.000008123'],
    ['0.0000000012345', { subscriptZeros: 8 }, '$0.0₈1235'],
    ['0.00000001', { subscriptZeros: 8 }, '$0.00000001'],
    ['0.000001', { subscriptZeros: -1 }, '$0.0₅1'],
    ['0.000001', { subscriptZeros: Number.NaN }, '$0.0₅1'],
    ['0.000001', { subscriptZeros: 5.9 }, '$0.0₅1'],
    ['0.00001', { subscriptZeros: 4.5 }, '$0.0₄1'],
    // Negatives; zero never gets a sign.
    ['-0.0000000001', {}, '-$0.0₉1'],
    ['-63560.025', {}, '-$63,560.03'],
    ['-0.00001', {}, '-$0.00001'],
    ['-0.99996', {}, '-$1.00'],
    ['-0.5', {}, '-$0.50'],
    ['-1.005', {}, '-$1.01'],
    ['0', {}, '$0.00'],
    ['-0', {}, '$0.00'],
    ['0.000', {}, '$0.00'],
    ['-0.000', {}, '$0.00'],
    ['+0', {}, '$0.00'],
    ['0e-50', {}, '$0.00'],
    ['-0', { currency: 'eur', locale: 'de-DE' }, `0,00${NBSP}€`],
    // Exponents and the short forms of the grammar.
    ['1e-7', {}, '$0.0₆1'],
    ['1E5', {}, '$100,000.00'],
    ['5.', {}, '$5.00'],
    ['.5', {}, '$0.50'],
    ['-.5', {}, '-$0.50'],
    ['+5', {}, '$5.00'],
    ['1.5e-3', {}, '$0.0015'],
    ['123456e-8', {}, '$0.001235'],
    ['6.3560025E+4', {}, '$63,560.03'],
    ['000123.4500', {}, '$123.45'],
    ['-1e-30', {}, '-$0.0₂₉1'],
    ['1e-30', { subscriptZeros: 0 }, `$0.${'0'.repeat(29)}1`], // > 20 fraction digits
    ['1.23456e-25', { subscriptZeros: 0 }, `$0.${'0'.repeat(24)}1235`],
    // JPY: 0 decimals from 100 up, 2 below 100 (and for zero).
    ['63560.5', { currency: 'jpy' }, '¥63,561'],
    ['0.5', { currency: 'jpy' }, '¥0.50'],
    ['99.5', { currency: 'jpy' }, '¥99.50'],
    ['99.995', { currency: 'jpy' }, '¥100.00'],
    ['100.5', { currency: 'jpy' }, '¥101'],
    ['100', { currency: 'jpy' }, '¥100'],
    ['99.4', { currency: 'jpy' }, '¥99.40'],
    ['0', { currency: 'jpy' }, '¥0.00'],
    ['0.99996', { currency: 'jpy' }, '¥1.00'],
    ['0.000008123456', { currency: 'JPY' }, '¥0.0₅8123'],
    // EUR in de-DE.
    ['63560.025', { currency: 'eur', locale: 'de-DE' }, `63.560,03${NBSP}€`],
    ['-63560.025', { currency: 'eur', locale: 'de-DE' }, `-63.560,03${NBSP}€`],
    ['0.000008123456', { currency: 'eur', locale: 'de-DE' }, `0,0₅8123${NBSP}€`],
    ['0.171234', { currency: 'eur', locale: 'de-DE' }, `0,1712${NBSP}€`],
    // Large values keep every digit.
    ['12345678901234567890.125', {}, '$12,345,678,901,234,567,890.13'],
    ['12345678901234567.89', {}, '$12,345,678,901,234,567.89'],
    ['-12345678901234567890.125', {}, '-$12,345,678,901,234,567,890.13'],
    ['9007199254740993', {}, '$9,007,199,254,740,993.00'], // 2^53 + 1: not a float
    ['12345678901234567890.5', { currency: 'jpy' }, '¥12,345,678,901,234,567,891'],
    // Crypto: ₿ and Ξ where the locale puts a currency symbol, bits and sats as unit names
    // after the number, other codes (and codes Intl does not know) where it puts a code.
    ['1.5', { currency: 'btc' }, '₿1.50'],
    ['0.5', { currency: 'BTC' }, '₿0.50'],
    ['-1.5', { currency: 'eth' }, '-Ξ1.50'],
    ['1.5', { currency: 'btc', locale: 'de-DE' }, `1,50${NBSP}₿`],
    ['1.5', { currency: 'sats' }, `1.50${NBSP}sats`],
    ['-1.5', { currency: 'SATS' }, `-1.50${NBSP}sats`],
    ['1.5', { currency: 'sats', locale: 'de-DE' }, `1,50${NBSP}sats`],
    ['1234.5', { currency: 'bits', locale: 'fr-CH' }, `1${'\u202f'}234,50${NBSP}bits`], // the plain number's comma, not fr-CH's currency point
    ['1.5', { currency: 'ltc' }, `LTC${NBSP}1.50`],
    ['1.5', { currency: 'sol', locale: 'de-DE' }, `1,50${NBSP}SOL`],
    ['1.5', { currency: 'link', locale: 'de-DE' }, `1,50${NBSP}LINK`],
    ['1234.5', { currency: 'xyz12' }, `XYZ12${NBSP}1,234.50`],
    ['-0.000008123456', { currency: 'link' }, `-LINK${NBSP}0.0₅8123`],
    ['1.5', { currency: '' }, '$1.50'],
    // Invalid or unsupported locales fall back to en-US rather than the host's locale.
    ['1234.5', { locale: 'not a locale!!' }, '$1,234.50'],
    ['1234.5', { locale: '' }, '$1,234.50'],
    ['1234.5', { locale: 'zz' }, '$1,234.50'],
    ['1234.5', { locale: 'en-us' }, '$1,234.50'],
  ])('%s %j → %s', (value, options, expected) => {
    expect(formatPrice(value, options)).toBe(expected);
  });

  it('BHD (3 decimals): the symbol part as Intl writes it', () => {
    expect(formatPrice('1.2345', { currency: 'bhd' })).toBe(intl('1.235', 'BHD', 3));
    expect(formatPrice('-1.2345', { currency: 'bhd' })).toBe(intl('-1.235', 'BHD', 3));
    expect(formatPrice('1234.5', { currency: 'bhd' })).toBe(intl('1234.500', 'BHD', 3));
    expect(formatPrice('0.5', { currency: 'bhd' })).toBe(intl('0.50', 'BHD', 2));
    expect(formatPrice('0', { currency: 'bhd' })).toBe(intl('0.000', 'BHD', 3));
    expect(formatPrice('0.99996', { currency: 'bhd' })).toBe(intl('1.000', 'BHD', 3));
    expect(formatPrice('1.2345', { currency: 'bhd', locale: 'ar-BH' })).toBe(intl('1.235', 'BHD', 3, 'ar-BH'));
  });

  it('other locales: the layout is Intl’s, the rounding ours', () => {
    for (const locale of ['fr-FR', 'de-CH', 'en-IN', 'ja-JP', 'pt-BR', 'he-IL']) {
      expect(formatPrice('1234567.125', { locale, currency: 'eur' })).toBe(intl('1234567.13', 'EUR', 2, locale));
      expect(formatPrice('-0.171234', { locale, currency: 'usd' })).toBe(intl('-0.1712', 'USD', 4, locale));
    }
  });

  it('non-Latin digits: subscript count in Unicode subscripts, zero and digits the locale’s', () => {
    const { text, plain, subscripted } = describePrice('-0.000008123456', { locale: 'ar-EG' });
    const expectedPlain = intl('-0.000008123', 'USD', 9, 'ar-EG');
    expect(plain).toBe(expectedPlain);
    expect(plain).toContain('٠٠٠٠٠٨١٢٣');
    expect(text).toBe(expectedPlain.replace('٠٠٠٠٠٨١٢٣', '٠₅٨١٢٣'));
    expect(subscripted).toBe(true);
    // More than Intl's 20 fraction digits: our digits are transliterated to the locale's.
    expect(describePrice('1e-25', { locale: 'en-US-u-nu-arab', subscriptZeros: 0 }).text).toBe(
      intl('0.00000000000000000000', 'USD', 20, 'en-US-u-nu-arab').replace(/٠{20}/, `${'٠'.repeat(24)}١`),
    );
  });

  it('describePrice: text is formatPrice, plain has no subscript', () => {
    for (const [value, options] of [
      ['0.00000000000000003928', {}],
      ['63560.025', { currency: 'eur', locale: 'de-DE' }],
      ['-1e-30', { currency: 'sats' }],
      ['0.5', { subscriptZeros: 1 }],
    ] as const) {
      const description = describePrice(value, options);
      expect(description.text).toBe(formatPrice(value, options));
      expect(description.plain).not.toMatch(/[₀-₉]/);
    }
    expect(describePrice('0.00000000000000003928').plain).toBe('$0.00000000000000003928');
    expect(describePrice('-1e-30', { currency: 'sats' }).plain).toBe(`-0.${'0'.repeat(29)}1${NBSP}sats`);
    expect(describePrice('-1e-30', { currency: 'sats' }).text).toBe(`-0.0₂₉1${NBSP}sats`);
    expect(describePrice('63560.025')).toEqual({ text: '$63,560.03', plain: '$63,560.03', subscripted: false });
  });

  it('range: |p| up to below 1e300 and down to 1e-1000; beyond, a RangeError', () => {
    expect(formatPrice(`${'9'.repeat(300)}.994`)).toMatch(/^\$(999,){99}999\.99$/);
    expect(() => formatPrice('1e300')).toThrow(RangeError);
    expect(() => formatPrice('-1e400')).toThrow(RangeError);
    expect(formatPrice('1e-1000')).toBe('$0.0₉₉₉1');
    expect(() => formatPrice('1e-1001')).toThrow(RangeError);
    expect(formatPrice('0e99999')).toBe('$0.00');
  });

  it('gives the same answers after the formatter cache is cleared or overflows', () => {
    const before = formatPrice('63560.025', { locale: 'de-DE', currency: 'eur' });
    clearFormatCache();
    for (let i = 0; i < 40; i++) formatPrice('1', { currency: `c${i}x` }); // evicts everything
    expect(formatPrice('63560.025', { locale: 'de-DE', currency: 'eur' })).toBe(before);
  });
});
