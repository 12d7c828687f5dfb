/**
 * Property tests against an independent oracle: BigInt arithmetic and string handling
 * only (no decimal.js, no floats, no Intl), for en-US, whose layout is fixed:
 * `-$1,234.57`, `-¥1,235`, `-BHD 1,234.500`, `+1,234.57%`, `-$1.23M`. Compact amounts are
 * also checked in many locales: their digits against the oracle, their layout against Intl's.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  changeDirection,
  formatChange,
  formatCompact,
  formatPrice,
  isDecimalString,
  parseDecimal,
} from '../../../src/format/index.js';
import { parseExact, plainDecimal, pow10, roundSignificant, roundTo } from './oracle.js';

const NUM_RUNS = 5000;

// ---------------------------------------------------------------- oracle

/** The magnitude rounded to `places` decimals, half away from zero, as an integer count of 10^-places. */

const group = (integer: bigint) => integer.toString().replace(/\B(?=(\d{3})+$)/g, ',');

/** `units` × 10^-places written as `1,234.5600` (fixed, grouped). */
function fixed(units: bigint, places: number): string {
  if (places === 0) return group(units);
  return `${group(units / pow10(places))}.${(units % pow10(places)).toString().padStart(places, '0')}`;
}

const SUBSCRIPT = ['₀', '₁', '₂', '₃', '₄', '₅', '₆', '₇', '₈', '₉'];
const subscript = (n: number) => [...String(n)].map((d) => SUBSCRIPT[Number(d)]).join('');

/** en-US layout of each currency: what precedes and follows the number, and the currency's decimals. */
const CURRENCIES = {
  usd: { symbol: '$', suffix: '', decimals: 2 },
  jpy: { symbol: '¥', suffix: '', decimals: 0 },
  bhd: { symbol: 'BHD\u00a0', suffix: '', decimals: 3 },
  btc: { symbol: '₿', suffix: '', decimals: 2 }, // a crypto sign, where en-US puts `$`
  sol: { symbol: 'SOL\u00a0', suffix: '', decimals: 2 }, // a crypto code Intl accepts as well-formed
  link: { symbol: 'LINK\u00a0', suffix: '', decimals: 2 }, // a crypto code Intl rejects
  sats: { symbol: '', suffix: '\u00a0sats', decimals: 2 }, // a unit name after the number
} as const;
type Code = keyof typeof CURRENCIES;

function oraclePrice(text: string, subscriptZeros: number, code: Code = 'usd'): string {
  const { symbol, suffix, decimals } = CURRENCIES[code];
  const exact = parseExact(text);
  if (exact.magnitude === 0n) return `${symbol}${fixed(0n, Math.max(decimals, 2))}${suffix}`; // zero counts as below 100
  const sign = exact.negative ? '-' : '';
  const digits = exact.magnitude.toString().length;
  const adjusted = digits - 1 - exact.scale; // |p| = d.ddd × 10^adjusted
  if (adjusted < 0) {
    // Rule 2: 4 significant digits → 3 - adjusted decimals.
    const places = 3 - adjusted;
    const units = roundTo(exact, places);
    if (units < pow10(places)) {
      let fraction = units.toString().padStart(places, '0');
      while (fraction.length > 2 && fraction.endsWith('0')) fraction = fraction.slice(0, -1);
      const zeros = fraction.length - fraction.replace(/^0+/, '').length;
      if (subscriptZeros > 0 && zeros >= subscriptZeros) {
        fraction = `0${subscript(zeros)}${fraction.slice(zeros)}`;
      }
      return `${sign}${symbol}0.${fraction}${suffix}`;
    }
  }
  // Rule 1 (also for a value below 1 that rounded up to 1): at least 2 decimals below 100.
  const below100 = adjusted < 2;
  const places = below100 ? Math.max(decimals, 2) : decimals;
  return `${sign}${symbol}${fixed(roundTo(exact, places), places)}${suffix}`;
}

/** en-US short compact notation: none below 1000, then K, M, B, and T from 10^12 up. */
const COMPACT_UNITS = ['', 'K', 'M', 'B', 'T'];

/** 3 significant digits, then the en-US compact layout (`-$1.23M`, `$1230T`, `$1,230,000T`). */
function oracleCompact(text: string, code: Code = 'usd'): string {
  const { symbol, suffix } = CURRENCIES[code];
  const rounded = roundSignificant(parseExact(text), 3);
  if (rounded.magnitude === 0n) return `${symbol}0${suffix}`;
  const exponent = rounded.magnitude.toString().length - 1 - rounded.scale; // d.dd × 10^exponent
  const unit = Math.min(Math.max(Math.floor(exponent / 3), 0), COMPACT_UNITS.length - 1);
  const shown = plainDecimal({ negative: false, magnitude: rounded.magnitude, scale: rounded.scale + 3 * unit });
  const [integer = '', fraction] = shown.split('.');
  // Compact numbers are grouped from 5 integer digits on (Intl's `min2` grouping).
  const grouped = integer.length >= 5 ? group(BigInt(integer)) : integer;
  const sign = rounded.negative ? '-' : '';
  return `${sign}${symbol}${grouped}${fraction === undefined ? '' : `.${fraction}`}${COMPACT_UNITS[unit]}${suffix}`;
}

function oracleChange(text: string): string {
  const exact = parseExact(text);
  const units = roundTo(exact, 2);
  if (units === 0n) return '0.00%';
  return `${exact.negative ? '-' : '+'}${fixed(units, 2)}%`;
}

/** The grammar, hand-written as a scanner (independent of the implementation's regex). */
function grammarAccepts(text: string): boolean {
  const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
  let i = 0;
  if (text[i] === '+' || text[i] === '-') i++;
  let digits = 0;
  while (isDigit(text[i])) {
    i++;
    digits++;
  }
  if (text[i] === '.') {
    i++;
    while (isDigit(text[i])) {
      i++;
      digits++;
    }
  }
  if (digits === 0) return false;
  if (text[i] === 'e' || text[i] === 'E') {
    i++;
    if (text[i] === '+' || text[i] === '-') i++;
    let exponentDigits = 0;
    while (isDigit(text[i])) {
      i++;
      exponentDigits++;
    }
    if (exponentDigits === 0) return false;
  }
  return i === text.length;
}

// ---------------------------------------------------------------- generators

// Digits biased towards 0, 4, 5 and 9, so that rounding ties and carries (0.99995, 99.995)
// come up often.
const digit = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...'0123456789') },
  { weight: 2, arbitrary: fc.constantFrom('0', '4', '5', '9') },
);
const digits = (maxLength: number) => fc.array(digit, { maxLength }).map((list) => list.join(''));

const decimalString = fc
  .record({
    sign: fc.constantFrom('', '', '-', '+'),
    leadingZeros: fc.oneof(
      fc.constant(''),
      fc.integer({ min: 1, max: 3 }).map((n) => '0'.repeat(n)),
    ),
    integer: digits(20),
    dot: fc.boolean(),
    fractionZeros: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 20 })),
    fraction: digits(25),
    exponent: fc.option(
      fc.record({ letter: fc.constantFrom('e', 'E'), plus: fc.boolean(), value: fc.integer({ min: -30, max: 15 }) }),
      { nil: undefined },
    ),
  })
  .map(({ sign, leadingZeros, integer, dot, fractionZeros, fraction, exponent }) => {
    const whole = `${leadingZeros}${integer}`;
    const part = fraction === '' && fractionZeros > 0 && whole !== '' ? '' : `${'0'.repeat(fractionZeros)}${fraction}`;
    const body = whole === '' ? `.${part || '0'}` : `${whole}${part !== '' || dot ? `.${part}` : ''}`;
    const exp =
      exponent === undefined
        ? ''
        : `${exponent.letter}${exponent.value < 0 ? '-' : exponent.plus ? '+' : ''}${Math.abs(exponent.value)}`;
    return `${sign}${body}${exp}`;
  });

// Values just around the edges of the rules, followed by random digits.
const edgeString = fc
  .tuple(
    fc.constantFrom('', '-'),
    fc.constantFrom(
      '0.9999',
      '0.09999',
      '99.99',
      '9.999',
      '0.00009999',
      '0.000009999',
      '0.000000099',
      '100.00',
      '1.00',
      '0.0',
      '0.00000',
    ),
    digits(6),
  )
  .map(([sign, prefix, tail]) => `${sign}${prefix}${tail}`);

const anyDecimal = fc.oneof({ weight: 4, arbitrary: decimalString }, { weight: 1, arbitrary: edgeString });

// Amounts just below a rounding carry or a tie at 3 significant digits (999.5, 99949, 1.235e9),
// at every power of ten, so that carries into the next compact unit come up often; and ties
// hidden past a float's 17 digits (1.2349999999999999999), which a float would round up.
const compactEdge = fc
  .tuple(
    fc.constantFrom('', '-'),
    fc.constantFrom(
      '999',
      '9995',
      '99949',
      '1005',
      '1235',
      '1234',
      '9999',
      '12349999999999999999',
      '99949999999999999999',
    ),
    digits(4),
    fc.integer({ min: -12, max: 20 }),
  )
  .map(([sign, head, tail, exponent]) => `${sign}${head}${tail}e${exponent}`);

const anyAmount = fc.oneof({ weight: 3, arbitrary: anyDecimal }, { weight: 1, arbitrary: compactEdge });

// ---------------------------------------------------------------- properties

describe('properties against a BigInt oracle', () => {
  it('the generators only make strings of the grammar', () => {
    fc.assert(
      fc.property(anyDecimal, (text) => grammarAccepts(text)),
      { numRuns: 1000 },
    );
  });

  it('formatPrice (en-US, default USD) matches the oracle', () => {
    fc.assert(
      fc.property(
        anyDecimal,
        fc.option(fc.integer({ min: 0, max: 12 }), { nil: undefined }),
        (text, subscriptZeros) => {
          const actual = formatPrice(text, subscriptZeros === undefined ? {} : { subscriptZeros });
          expect(actual).toBe(oraclePrice(text, subscriptZeros ?? 5));
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });

  it('formatPrice (en-US) in USD, JPY, BHD, BTC, SOL, LINK and SATS matches the oracle', () => {
    const code = fc.constantFrom(...(Object.keys(CURRENCIES) as Code[]));
    fc.assert(
      fc.property(anyDecimal, code, fc.integer({ min: 0, max: 12 }), (text, currency, subscriptZeros) => {
        expect(formatPrice(text, { currency, subscriptZeros })).toBe(oraclePrice(text, subscriptZeros, currency));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('formatChange (en-US) and changeDirection match the oracle', () => {
    fc.assert(
      fc.property(anyDecimal, (text) => {
        const expected = oracleChange(text);
        expect(formatChange(text)).toBe(expected);
        expect(changeDirection(text)).toBe(
          expected.startsWith('+') ? 'up' : expected.startsWith('-') ? 'down' : 'flat',
        );
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('formatCompact (en-US) in USD, JPY, BHD, BTC, SOL, LINK and SATS matches the oracle', () => {
    const code = fc.constantFrom(...(Object.keys(CURRENCIES) as Code[]));
    fc.assert(
      fc.property(anyAmount, code, (text, currency) => {
        expect(formatCompact(text, { currency })).toBe(oracleCompact(text, currency));
        expect(formatCompact(text)).toBe(oracleCompact(text));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('strings outside the grammar throw a RangeError everywhere', () => {
    const char = fc.constantFrom(...'0123456789..eE+-+- xXaN_,$%', '\u00a0', '\t', '١', '５', 'Infinity', 'NaN', '0x');
    const nearMiss = fc.array(char, { maxLength: 12 }).map((list) => list.join(''));
    const anything = fc.oneof(nearMiss, fc.string(), fc.string({ unit: 'grapheme' }));
    fc.assert(
      fc.property(
        anything.filter((text) => !grammarAccepts(text)),
        (text) => {
          expect(isDecimalString(text)).toBe(false);
          expect(() => parseDecimal(text)).toThrow(RangeError);
          expect(() => formatPrice(text)).toThrow(RangeError);
          expect(() => formatChange(text)).toThrow(RangeError);
          expect(() => formatCompact(text)).toThrow(RangeError);
          expect(() => changeDirection(text)).toThrow(RangeError);
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });

  it('isDecimalString agrees with the hand-written scanner on near misses and valid strings', () => {
    const char = fc.constantFrom(...'0123456789.eE+-');
    fc.assert(
      fc.property(
        fc.oneof(
          fc.array(char, { maxLength: 10 }).map((list) => list.join('')),
          anyDecimal,
        ),
        (text) => {
          expect(isDecimalString(text)).toBe(grammarAccepts(text));
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });
});

describe('formatCompact in many locales and currencies', () => {
  // Locales with compact units of their own size (万 = 10^4, lakh = 10^5, no unit for thousands
  // in de), their own digits, and their own minus signs.
  const LOCALES = [
    ...['en-US', 'en-GB', 'en-IN', 'hi-IN', 'bn-BD', 'mr-IN', 'ne-NP', 'de-DE', 'de-CH', 'fr-FR', 'es-ES', 'it-IT'],
    ...['pt-BR', 'nl-NL', 'pl-PL', 'ru-RU', 'tr-TR', 'sv-SE', 'fi-FI', 'el-GR', 'ja-JP', 'ko-KR', 'zh-CN', 'zh-TW'],
    ...['ar-EG', 'ar-SA', 'fa-IR', 'he-IL', 'th-TH', 'vi-VN', 'id-ID', 'sw-KE', 'my-MM', 'en-US-u-nu-deva'],
  ];
  const FIAT = ['usd', 'eur', 'jpy', 'inr', 'bhd', 'krw', 'xau'];
  const CRYPTO_AND_UNITS = ['btc', 'eth', 'sol', 'link', 'sats'];

  const digitTables = new Map<string, string[]>();
  /** The locale's ten digits, 0 to 9, as Intl writes them. */
  function digitsOf(locale: string): string[] {
    let digits = digitTables.get(locale);
    if (!digits) {
      const { numberingSystem } = new Intl.NumberFormat(locale).resolvedOptions();
      digits = [...new Intl.NumberFormat(locale, { useGrouping: false, numberingSystem }).format(9876543210)].reverse();
      expect(digits).toHaveLength(10);
      digitTables.set(locale, digits);
    }
    return digits;
  }

  const compactFormats = new Map<string, Intl.NumberFormat>();
  /** Intl's own compact layout of a fiat currency, fed the exactly rounded value. */
  function intlCompact(locale: string, currency: string, value: string): string {
    const key = `${locale} ${currency}`;
    let format = compactFormats.get(key);
    if (!format) {
      const options = { style: 'currency', currency, notation: 'compact', maximumSignificantDigits: 3 } as const;
      format = new Intl.NumberFormat(locale, options);
      compactFormats.set(key, format);
    }
    return format.format(value as `${number}`);
  }

  it('shows exactly the oracle’s significant digits and sign, laid out as Intl lays out that value', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...LOCALES),
        fc.constantFrom(...FIAT, ...CRYPTO_AND_UNITS),
        anyAmount,
        (locale, currency, text) => {
          const actual = formatCompact(text, { locale, currency });
          const rounded = roundSignificant(parseExact(text), 3);
          const digits = digitsOf(locale);
          if (digits[0] !== '0') expect(actual).not.toMatch(/[0-9]/);
          const shown = [...actual]
            .map((c) => digits.indexOf(c))
            .filter((d) => d >= 0)
            .join('');
          // Leading zeros (0.00123) and zeros that stand for a power of ten (1230T) are not significant.
          expect(shown.replace(/^0+/, '').replace(/0+$/, '') || '0').toBe(
            rounded.magnitude === 0n ? '0' : rounded.magnitude.toString(),
          );
          expect(/[-\u2212]/.test(actual)).toBe(rounded.negative && rounded.magnitude !== 0n);
          if (FIAT.includes(currency)) {
            expect(actual).toBe(intlCompact(locale, currency.toUpperCase(), plainDecimal(rounded)));
          }
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });
});

describe('the oracle itself', () => {
  // The oracle is only worth something if it is right on the contract's own examples.
  it.each([
    ['63560.025', '$63,560.03'],
    ['0.99996', '$1.00'],
    ['0.171234', '$0.1712'],
    ['0.5', '$0.50'],
    ['0.00001523', '$0.00001523'],
    ['0.000008123456', '$0.0₅8123'],
    ['0.00000000000000003928', '$0.0₁₆3928'],
    ['0', '$0.00'],
    ['-0.000', '$0.00'],
    ['-1.005', '-$1.01'],
  ])('price %s → %s', (text, expected) => {
    expect(oraclePrice(text, 5)).toBe(expected);
  });

  it('its currency layouts are what Intl writes in en-US', () => {
    // Crypto: ₿ where Intl puts `$`, a code where it puts `XXX` shown as a code, a unit after a plain number.
    const options: Record<string, Intl.NumberFormatOptions> = {
      btc: { style: 'currency', currency: 'USD', currencyDisplay: 'narrowSymbol' },
      link: { style: 'currency', currency: 'XXX', currencyDisplay: 'code' },
      sats: { minimumFractionDigits: 2 },
    };
    for (const [code, { symbol, suffix, decimals }] of Object.entries(CURRENCIES)) {
      const intl = new Intl.NumberFormat('en-US', options[code] ?? { style: 'currency', currency: code });
      const layout = intl
        .format('-1234.5' as `${number}`)
        .replace('$', code === 'btc' ? '₿' : '$')
        .replace('XXX', 'LINK');
      expect(`${layout}${code === 'sats' ? suffix : ''}`).toBe(
        `-${symbol}${fixed(decimals === 0 ? 1235n : 12345n * pow10(decimals - 1), decimals)}${suffix}`,
      );
    }
    expect(oraclePrice('99.5', 5, 'jpy')).toBe('¥99.50');
    expect(oraclePrice('100.5', 5, 'jpy')).toBe('¥101');
    expect(oraclePrice('0.99996', 5, 'bhd')).toBe('BHD\u00a01.000');
    expect(oraclePrice('0', 5, 'jpy')).toBe('¥0.00');
  });

  it.each([
    ['1234567890123', '$1.23T'],
    ['999950', '$1M'],
    ['0', '$0'],
    ['-0.00', '$0'],
    ['-1235', '-$1.24K'],
    ['999.4999', '$999'],
    ['0.0012345', '$0.00123'],
    ['1.23456e15', '$1230T'],
    ['1.23456e19', '$12,300,000T'],
  ])('compact %s → %s', (text, expected) => {
    expect(oracleCompact(text)).toBe(expected);
  });

  it('its currency layouts are what Intl writes in en-US compact notation too', () => {
    const options: Record<string, Intl.NumberFormatOptions> = {
      btc: { style: 'currency', currency: 'USD', currencyDisplay: 'narrowSymbol' },
      sol: { style: 'currency', currency: 'XXX', currencyDisplay: 'code' },
      link: { style: 'currency', currency: 'XXX', currencyDisplay: 'code' },
      sats: {},
    };
    for (const [code, { symbol, suffix }] of Object.entries(CURRENCIES)) {
      const intl = new Intl.NumberFormat('en-US', {
        ...(options[code] ?? { style: 'currency', currency: code }),
        notation: 'compact',
        maximumSignificantDigits: 3,
      });
      const layout = intl
        .format('-1234567' as `${number}`)
        .replace('$', code === 'btc' ? '₿' : '$')
        .replace('XXX', code.toUpperCase());
      expect(`${layout}${code === 'sats' ? suffix : ''}`).toBe(`-${symbol}1.23M${suffix}`);
    }
  });

  it.each([
    ['0.73', '+0.73%'],
    ['-2.574', '-2.57%'],
    ['-0.004', '0.00%'],
  ])('change %s → %s', (text, expected) => {
    expect(oracleChange(text)).toBe(expected);
  });
});
