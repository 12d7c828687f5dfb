/**
 * Every locale, every CoinGecko currency: a formatted price or change, read back, is exactly
 * the value the contract's rounding gives.
 *
 * The output is read back with what Intl says about the locale (formatToParts: grouping and
 * decimal separators, minus and plus signs, percent sign, currency symbol; its ten digits),
 * never with per-locale constants, and compared with an independent oracle written with
 * BigInt and strings only (no decimal.js, no floats). Nothing may be left over: a stray
 * character, a second sign or a misplaced symbol is a mismatch.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { changeDirection, describePrice, formatChange, formatPrice } from '../../../src/format/index.js';
import { parseExact, pow10, roundTo } from './oracle.js';

// ---------------------------------------------------------------- the lists

/** CoinGecko's /simple/supported_vs_currencies, in its order. */
const VS_CURRENCIES = (
  'btc eth ltc bch bnb eos xrp xlm link dot yfi sol usd aed ars aud bdt bhd bmd brl cad chf clp cny czk dkk eur ' +
  'gbp gel hkd huf idr ils inr jpy krw kwd lkr mmk mxn myr ngn nok nzd php pkr pln rub sar sek sgd thb try twd uah ' +
  'vef vnd zar xdr xag xau bits sats'
).split(' ');

const SIGNS: Record<string, string> = { btc: '₿', eth: 'Ξ' };
const UNITS = ['bits', 'sats'];
const CRYPTO = ['btc', 'eth', 'ltc', 'bch', 'bnb', 'eos', 'xrp', 'xlm', 'link', 'dot', 'yfi', 'sol', ...UNITS];

const LOCALES = [
  'en-US',
  'en-GB',
  'en-IN',
  'de-DE',
  'de-CH',
  'fr-FR',
  'fr-CH',
  'es-ES',
  'es-MX',
  'pt-BR',
  'it-IT',
  'nl-NL',
  'pl-PL',
  'tr-TR',
  'ru-RU',
  'uk-UA',
  'ar-EG',
  'ar-SA',
  'he-IL',
  'fa-IR',
  'hi-IN',
  'bn-BD',
  'mr-IN',
  'ja-JP',
  'ko-KR',
  'zh-CN',
  'zh-TW',
  'id-ID',
  'vi-VN',
  'th-TH',
  'sv-SE',
  'da-DK',
  'nb-NO',
  'fi-FI',
  'cs-CZ',
  'hu-HU',
  'ro-RO',
  'el-GR',
  // More locales with their own digits, and digits asked for with a Unicode extension.
  'ne-NP',
  'my-MM',
  'th-TH-u-nu-thai',
  'en-US-u-nu-arab',
];

const PRICE_RUNS = 100_000;
const CHANGE_RUNS = 20_000;

// ---------------------------------------------------------------- oracle (BigInt only)

/** `units` × 10^-places as plain ASCII, no grouping: `1234.50`. */
function plainFixed(units: bigint, places: number): string {
  if (places === 0) return units.toString();
  const text = units.toString().padStart(places + 1, '0');
  return `${text.slice(0, -places)}.${text.slice(-places)}`;
}

interface Expected {
  /** The rounded value in plain ASCII, sign included (`-0.000008123`). */
  value: string;
  /** Zeros written as a subscript count, or 0. */
  subscript: number;
}

/** The contract's rules 1–4 for prices. */
function oraclePrice(text: string, decimals: number, subscriptZeros: number): Expected {
  const exact = parseExact(text);
  if (exact.magnitude === 0n) return { value: plainFixed(0n, Math.max(decimals, 2)), subscript: 0 };
  const adjusted = exact.magnitude.toString().length - 1 - exact.scale; // |p| = d.ddd × 10^adjusted
  let value: string | undefined;
  let subscript = 0;
  if (adjusted < 0) {
    const places = 3 - adjusted; // 4 significant digits
    const units = roundTo(exact, places);
    if (units < pow10(places)) {
      let fraction = units.toString().padStart(places, '0');
      while (fraction.length > 2 && fraction.endsWith('0')) fraction = fraction.slice(0, -1);
      const zeros = fraction.length - fraction.replace(/^0+/, '').length;
      if (subscriptZeros > 0 && zeros >= subscriptZeros) subscript = zeros;
      value = `0.${fraction}`;
    }
  }
  if (value === undefined) {
    const places = adjusted < 2 ? Math.max(decimals, 2) : decimals;
    value = plainFixed(roundTo(exact, places), places);
  }
  return { value: `${exact.negative && /[1-9]/.test(value) ? '-' : ''}${value}`, subscript };
}

/** The contract's rule for changes: 2 decimals, a sign unless zero. */
function oracleChange(text: string): string {
  const exact = parseExact(text);
  const units = roundTo(exact, 2);
  return units === 0n ? '0.00' : `${exact.negative ? '-' : '+'}${plainFixed(units, 2)}`;
}

// ---------------------------------------------------------------- what Intl says about a locale

interface Layout {
  digits: string[];
  group: string;
  decimal: string;
  minus: string;
  plus: string;
  /** The currency's symbol, sign, code or unit name, or the percent sign. */
  mark: string;
  /** The currency's decimals (Intl's for fiat, 2 for crypto). */
  decimals: number;
}

const partOf = (parts: Intl.NumberFormatPart[], type: Intl.NumberFormatPart['type']) =>
  parts.find((part) => part.type === type)?.value ?? '';

function layoutOf(locale: string, options: Intl.NumberFormatOptions, mark?: string, decimals = 2): Layout {
  const parts = new Intl.NumberFormat(locale, {
    ...options,
    signDisplay: 'always',
    minimumFractionDigits: 2,
  }).formatToParts(-1234567.5);
  const plusParts = new Intl.NumberFormat(locale, { ...options, signDisplay: 'always' }).formatToParts(1);
  const numberingSystem = new Intl.NumberFormat(locale, options).resolvedOptions().numberingSystem;
  const tens = new Intl.NumberFormat(locale, { useGrouping: false, numberingSystem }).format(9876543210);
  const digits = [...tens].reverse();
  expect(digits).toHaveLength(10);
  for (const type of ['group', 'decimal', 'minusSign'] as const) expect(partOf(parts, type)).not.toBe('');
  const found = partOf(parts, options.style === 'unit' ? 'unit' : 'currency');
  return {
    digits,
    group: partOf(parts, 'group'),
    decimal: partOf(parts, 'decimal'),
    minus: partOf(parts, 'minusSign'),
    plus: partOf(plusParts, 'plusSign'),
    mark: mark ?? found,
    decimals,
  };
}

const layouts = new Map<string, Layout>();

/** Prices: fiat by Intl's own currency; crypto signs and codes by a currency's layout; units by a plain number's. */
function priceLayout(locale: string, currency: string): Layout {
  const key = `${locale} ${currency}`;
  let layout = layouts.get(key);
  if (!layout) {
    const code = currency.toUpperCase();
    if (UNITS.includes(currency)) layout = layoutOf(locale, {}, currency);
    else if (CRYPTO.includes(currency))
      layout = layoutOf(locale, { style: 'currency', currency: 'USD' }, SIGNS[currency] ?? code);
    else {
      const decimals = new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions()
        .maximumFractionDigits;
      layout = layoutOf(locale, { style: 'currency', currency: code }, undefined, decimals);
    }
    layouts.set(key, layout);
  }
  return layout;
}

function changeLayout(locale: string): Layout {
  const key = `${locale} %`;
  let layout = layouts.get(key);
  if (!layout) {
    layout = layoutOf(locale, { style: 'unit', unit: 'percent' });
    layouts.set(key, layout);
  }
  return layout;
}

const BIDI = /[\u200e\u200f\u061c]/g;
const SUBSCRIPTS = '₀₁₂₃₄₅₆₇₈₉';

/** Removes `mark` (exactly once, at either end of the text once signs and spaces are set aside). */
function withoutMark(text: string, mark: string): string {
  const at = text.indexOf(mark);
  if (mark === '' || at < 0 || text.indexOf(mark, at + mark.length) >= 0)
    throw new Error(`${JSON.stringify(mark)} not once in ${JSON.stringify(text)}`);
  const filler = /^[\s\u200e\u200f\u061c+\-\u2212]*$/;
  if (!filler.test(text.slice(0, at)) && !filler.test(text.slice(at + mark.length))) {
    throw new Error(`${JSON.stringify(mark)} inside the number in ${JSON.stringify(text)}`);
  }
  return text.slice(0, at) + text.slice(at + mark.length);
}

/**
 * The text read back as plain ASCII (`-1234.50`, `+0.73`): mark, bidi marks and spaces
 * removed, the locale's digits, separators and signs mapped to ASCII, subscript zeros
 * expanded. Returns the number and how many zeros were subscripted.
 */
function readBack(text: string, layout: Layout): { value: string; subscript: number } {
  if (layout.digits[0] !== '0' && /[0-9]/.test(text)) throw new Error(`Latin digits in ${JSON.stringify(text)}`);
  let rest = withoutMark(text, layout.mark).replace(BIDI, '').replace(/\s/g, '');
  rest = [...rest]
    .map((c) => {
      const digit = layout.digits.indexOf(c);
      return digit >= 0 ? String(digit) : c;
    })
    .join('');
  const bare = (s: string) => s.replace(BIDI, '').replace(/\s/g, '');
  if (bare(layout.group) !== '') rest = rest.split(bare(layout.group)).join('');
  rest = rest.split(bare(layout.decimal)).join('.');
  for (const minus of new Set([bare(layout.minus), '-', '\u2212'])) rest = rest.split(minus).join('-');
  if (bare(layout.plus) !== '') rest = rest.split(bare(layout.plus)).join('+');
  let subscript = 0;
  rest = rest.replace(/^([+-]?\d+\.)0([₀-₉]+)/, (_, head: string, count: string) => {
    subscript = Number([...count].map((c) => SUBSCRIPTS.indexOf(c)).join(''));
    return head + '0'.repeat(subscript);
  });
  if (!/^[+-]?\d+(\.\d+)?$/.test(rest))
    throw new Error(`${JSON.stringify(text)} reads back as ${JSON.stringify(rest)}`);
  return { value: rest, subscript };
}

// ---------------------------------------------------------------- generators

const digit = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...'0123456789') },
  { weight: 2, arbitrary: fc.constantFrom('0', '4', '5', '9') },
);

/**
 * Decimal strings of 1 to 30 significant digits with 1e-20 <= |value| < 1e12, any sign,
 * written plain (`0.00012`), with a mantissa exponent (`1.2e-4`) or an integer one (`12E-5`);
 * and a few zeros.
 */
const decimalString = fc.oneof(
  {
    weight: 50,
    arbitrary: fc
      .record({
        sign: fc.constantFrom('', '-', '+'),
        first: fc.constantFrom(...'123456789'),
        more: fc.array(digit, { maxLength: 29 }),
        exponent: fc.integer({ min: -20, max: 11 }), // of the first digit
        form: fc.constantFrom('plain', 'plain', 'mantissa', 'integer'),
      })
      .map(({ sign, first, more, exponent, form }) => {
        const significant = first + more.join('');
        if (form === 'mantissa') return `${sign}${first}${more.length ? `.${more.join('')}` : ''}e${exponent}`;
        if (form === 'integer') return `${sign}${significant}E${exponent - more.length}`;
        const point = exponent + 1; // digits before the point
        const text =
          point <= 0
            ? `0.${'0'.repeat(-point)}${significant}`
            : point >= significant.length
              ? significant + '0'.repeat(point - significant.length)
              : `${significant.slice(0, point)}.${significant.slice(point)}`;
        return `${sign}${text}`;
      }),
  },
  { weight: 1, arbitrary: fc.constantFrom('0', '-0', '+0.000', '0e-7', '-0.00') },
);

// ---------------------------------------------------------------- locales with their own digits

describe('locales with their own digits: subscript count in ₀–₉, every other digit the locale’s', () => {
  // The locale's digits for 0.000008123 and 2.57, and the subscript form of the price.
  it.each([
    ['ar-EG', '٠٫٠٠٠٠٠٨١٢٣', '٠٫٠₅٨١٢٣', '٢٫٥٧', '١٬٢٣٤٫٥٧'],
    ['fa-IR', '۰٫۰۰۰۰۰۸۱۲۳', '۰٫۰₅۸۱۲۳', '۲٫۵۷', '۱٬۲۳۴٫۵۷'],
    ['bn-BD', '০.০০০০০৮১২৩', '০.০₅৮১২৩', '২.৫৭', '১,২৩৪.৫৭'],
    ['mr-IN', '०.०००००८१२३', '०.०₅८१२३', '२.५७', '१,२३४.५७'],
  ])('%s', (locale, plainDigits, subscriptDigits, changeDigits, grouped) => {
    const usd = { style: 'currency', currency: 'USD' } as const;
    const plainIntl = new Intl.NumberFormat(locale, { ...usd, minimumFractionDigits: 9 }).format(
      '-0.000008123' as `${number}`,
    );
    expect(plainIntl).toContain(plainDigits);

    const price = describePrice('-0.000008123456', { locale });
    expect(price).toEqual({
      text: plainIntl.replace(plainDigits, subscriptDigits),
      plain: plainIntl,
      subscripted: true,
    });
    expect(price.text).not.toMatch(/[0-9]/);

    // Other currencies and units: the same digits.
    expect(formatPrice('0.000008123456', { locale, currency: 'btc' })).toContain(`${subscriptDigits}`);
    expect(formatPrice('0.000008123456', { locale, currency: 'btc' })).toContain('₿');
    expect(formatPrice('0.000008123456', { locale, currency: 'sats' })).toMatch(
      new RegExp(`${subscriptDigits}\u00a0sats$`),
    );
    expect(formatPrice('1234.5678', { locale, currency: 'eur' })).toContain(grouped);
    // Past Intl's 20 fraction digits (spliced in by the formatter): still the locale's.
    expect(formatPrice('1e-25', { locale, subscriptZeros: 0 })).toContain(
      `${plainDigits.slice(0, 3)}${plainDigits[2]!.repeat(23)}${[...grouped][0]}`,
    );
    expect(formatPrice('1e-25', { locale })).toContain(`${plainDigits.slice(0, 3)}₂₄${[...grouped][0]}`);

    // Changes: Intl's percent layout, the locale's digits.
    const percent = { style: 'unit', unit: 'percent', signDisplay: 'exceptZero', minimumFractionDigits: 2 } as const;
    expect(formatChange('-2.574', { locale })).toBe(
      new Intl.NumberFormat(locale, percent).format('-2.57' as `${number}`),
    );
    expect(formatChange('-2.574', { locale })).toContain(changeDigits);
    expect(formatChange('0.004', { locale })).not.toMatch(/[0-9+\-\u2212]/);
  });

  it('in a locale with Latin digits asked for other digits (-u-nu-)', () => {
    expect(formatPrice('0.000008123456', { locale: 'en-US-u-nu-deva' })).toBe('$०.०₅८१२३');
    expect(formatChange('12.345', { locale: 'en-US-u-nu-beng' })).toBe('+১২.৩৫%');
  });
});

// ---------------------------------------------------------------- properties

/** Throws (failing the property) when the text read back is not the oracle's. */
function check(actual: string, expected: string, what: string): void {
  if (actual !== expected)
    throw new Error(`${what}: read back ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`);
}

describe('every locale × every CoinGecko currency, read back through Intl, matches a BigInt oracle', () => {
  it(`formatPrice: ${PRICE_RUNS.toLocaleString('en-US')} cases`, () => {
    let cases = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(...LOCALES),
        fc.constantFrom(...VS_CURRENCIES),
        decimalString,
        fc.integer({ min: 0, max: 8 }),
        (locale, currency, value, subscriptZeros) => {
          const layout = priceLayout(locale, currency);
          const { text, plain, subscripted } = describePrice(value, { locale, currency, subscriptZeros });
          const expected = oraclePrice(value, layout.decimals, subscriptZeros);
          const back = readBack(text, layout);
          const where = `${value} ${locale} ${currency} ${subscriptZeros} → ${JSON.stringify(text)}`;
          check(back.value, expected.value, where);
          check(String(back.subscript), String(expected.subscript), `${where} (zeros in subscript)`);
          check(String(subscripted), String(expected.subscript > 0), `${where} (subscripted)`);
          const plainBack = readBack(plain, layout);
          check(plainBack.value, expected.value, `${where} (plain form ${JSON.stringify(plain)})`);
          check(String(plainBack.subscript), '0', `${where} (plain form ${JSON.stringify(plain)} has no subscript)`);
          cases++;
        },
      ),
      { numRuns: PRICE_RUNS },
    );
    expect(cases).toBe(PRICE_RUNS);
    console.log(`format-locales: ${cases} prices read back, no mismatch`);
  }, 300_000);

  it(`formatChange and changeDirection: ${CHANGE_RUNS.toLocaleString('en-US')} cases`, () => {
    let cases = 0;
    fc.assert(
      fc.property(fc.constantFrom(...LOCALES), decimalString, (locale, value) => {
        const layout = changeLayout(locale);
        const text = formatChange(value, { locale });
        const expected = oracleChange(value);
        const where = `${value} ${locale} → ${JSON.stringify(text)}`;
        check(readBack(text, layout).value, expected, where);
        const direction = expected.startsWith('+') ? 'up' : expected.startsWith('-') ? 'down' : 'flat';
        check(changeDirection(value), direction, `${where} (direction)`);
        cases++;
      }),
      { numRuns: CHANGE_RUNS },
    );
    expect(cases).toBe(CHANGE_RUNS);
    console.log(`format-locales: ${cases} changes read back, no mismatch`);
  }, 300_000);
});
