/**
 * Every `vs_currency` CoinGecko supports, and docs/currencies.md, which is generated here
 * from the real functions: `npx vitest run --project unit test/unit/format/currencies -u`
 * rewrites it; without `-u` (and always in CI) a stale file fails this test.
 */
import { describe, it, expect } from 'vitest';
import { describePrice, formatChange, formatPrice } from '../../../src/format/index.js';

const NBSP = '\u00a0';

/** CoinGecko's /simple/supported_vs_currencies, in its order. */
const VS_CURRENCIES = (
  'btc eth ltc bch bnb eos xrp xlm link dot yfi sol usd aed ars aud bdt bhd bmd brl cad chf clp cny czk dkk eur ' +
  'gbp gel hkd huf idr ils inr jpy krw kwd lkr mmk mxn myr ngn nok nzd php pkr pln rub sar sek sgd thb try twd uah ' +
  'vef vnd zar xdr xag xau bits sats'
).split(' ');
const CRYPTO = VS_CURRENCIES.slice(0, 12);
const UNITS = ['bits', 'sats'];

const LOCALES = [
  'en-US',
  'de-DE',
  'de-CH',
  'fr-CH',
  'ar-EG',
  'he-IL',
  'fa-IR',
  'bn-BD',
  'mr-IN',
  'ja-JP',
  'nl-NL',
  'sv-SE',
];
const VALUES = [
  '0',
  '-0',
  '1234.5678',
  '-1234.5678',
  '0.00001234',
  '0.000008123456',
  '99.995',
  '1e-25',
  `${'9'.repeat(40)}.5`,
];

/** Intl's rendering of an already-rounded string (for the parts that are Intl's). */
const intl = (value: string, locale: string, options: Intl.NumberFormatOptions, digits: number) =>
  new Intl.NumberFormat(locale, { ...options, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(
    value as `${number}`,
  );

describe('every CoinGecko vs_currency', () => {
  it('is the list CoinGecko documents: 12 crypto codes, 46 fiat, XDR, XAG, XAU, bits and sats', () => {
    expect(VS_CURRENCIES).toHaveLength(63);
    expect(new Set(VS_CURRENCIES).size).toBe(63);
  });

  it('formats without throwing in every locale, in upper and lower case', () => {
    for (const currency of [...VS_CURRENCIES, ...VS_CURRENCIES.map((c) => c.toUpperCase())]) {
      for (const locale of LOCALES) {
        for (const value of VALUES) {
          const { text, plain } = describePrice(value, { currency, locale });
          expect(text.length).toBeGreaterThan(0);
          expect(plain).not.toMatch(/[₀-₉]/);
        }
      }
    }
  });

  it('crypto codes have 2 decimals, although Intl takes the 3-letter ones for ISO codes', () => {
    for (const code of CRYPTO.filter((c) => c.length === 3)) {
      // The hazard: Intl accepts them as well-formed (unknown) ISO codes.
      expect(() => new Intl.NumberFormat('en', { style: 'currency', currency: code })).not.toThrow();
    }
    for (const code of [...CRYPTO, ...UNITS]) {
      expect(formatPrice('1234.5678', { currency: code })).toMatch(/1,234\.57(?!\d)/);
      expect(formatPrice('63560.025', { currency: code })).toMatch(/63,560\.03(?!\d)/);
      expect(formatPrice('0.171234', { currency: code })).toMatch(/0\.1712(?!\d)/);
    }
  });

  it('fiat, metals and XDR: Intl’s symbol, placement and decimals', () => {
    for (const code of VS_CURRENCIES.filter((c) => !CRYPTO.includes(c) && !UNITS.includes(c))) {
      const options = { style: 'currency', currency: code } as const;
      const decimals = new Intl.NumberFormat('en', options).resolvedOptions().maximumFractionDigits ?? 2;
      for (const locale of LOCALES) {
        const rounded = decimals === 0 ? '1235' : decimals === 2 ? '1234.57' : '1234.568';
        expect(formatPrice('1234.5678', { currency: code, locale })).toBe(intl(rounded, locale, options, decimals));
        expect(formatPrice('-0.0000012345', { currency: code, locale, subscriptZeros: 0 })).toBe(
          intl('-0.000001235', locale, options, 9),
        );
      }
    }
    // Intl's decimals: ISO 4217's, e.g. KWD 3, CLP 0; and XAU, XAG, XDR as Intl has them.
    expect(formatPrice('1234.5678', { currency: 'kwd' })).toBe(`KWD${NBSP}1,234.568`);
    expect(formatPrice('1234.5678', { currency: 'clp' })).toBe(`CLP${NBSP}1,235`);
    expect(formatPrice('1234.5678', { currency: 'xau' })).toBe(`XAU${NBSP}1,234.57`);
    expect(formatPrice('1234.5678', { currency: 'xdr' })).toBe(`XDR${NBSP}1,234.57`);
  });

  it('₿ and Ξ: where the locale puts a currency symbol, as `$` is', () => {
    const dollar = { style: 'currency', currency: 'USD', currencyDisplay: 'narrowSymbol' } as const;
    for (const [code, sign] of [
      ['btc', '₿'],
      ['eth', 'Ξ'],
    ] as const) {
      for (const locale of LOCALES) {
        for (const [value, rounded] of [
          ['-1234.5678', '-1234.57'],
          ['0.5', '0.50'],
        ] as const) {
          const expected = new Intl.NumberFormat(locale, { ...dollar, minimumFractionDigits: 2 })
            .formatToParts(rounded as `${number}`)
            .map((part) => (part.type === 'currency' ? sign : part.value))
            .join('');
          expect(formatPrice(value, { currency: code, locale })).toBe(expected);
        }
      }
    }
    expect(formatPrice('63560.025', { currency: 'btc' })).toBe('₿63,560.03');
    expect(formatPrice('63560.025', { currency: 'btc', locale: 'de-DE' })).toBe(`63.560,03${NBSP}₿`);
    expect(formatPrice('-0.000008123456', { currency: 'eth' })).toBe('-Ξ0.0₅8123');
    expect(describePrice('-0.000008123456', { currency: 'eth' }).plain).toBe('-Ξ0.000008123');
  });

  it('bits and sats: unit names after the number, laid out as a plain number of the locale', () => {
    for (const unit of UNITS) {
      for (const locale of LOCALES) {
        expect(formatPrice('-1234.5678', { currency: unit, locale })).toBe(
          `${intl('-1234.57', locale, {}, 2)}${NBSP}${unit}`,
        );
      }
    }
    expect(formatPrice('1234.5678', { currency: 'sats' })).toBe(`1,234.57${NBSP}sats`);
    expect(formatPrice('0', { currency: 'bits' })).toBe(`0.00${NBSP}bits`);
    expect(formatPrice('0.000008123456', { currency: 'SATS' })).toBe(`0.0₅8123${NBSP}sats`);
  });

  it('other crypto codes: by their upper-case code, where the locale puts currency codes', () => {
    const code = { style: 'currency', currency: 'XXX', currencyDisplay: 'code' } as const;
    for (const currency of CRYPTO.filter((c) => c !== 'btc' && c !== 'eth')) {
      for (const locale of LOCALES) {
        const expected = intl('-1234.57', locale, code, 2).replace('XXX', currency.toUpperCase());
        expect(formatPrice('-1234.5678', { currency, locale })).toBe(expected);
      }
    }
    expect(formatPrice('1234.5678', { currency: 'link' })).toBe(`LINK${NBSP}1,234.57`);
    expect(formatPrice('1234.5678', { currency: 'sol', locale: 'de-DE' })).toBe(`1.234,57${NBSP}SOL`);
  });
});

// ---------------------------------------------------------------- docs/currencies.md

function kindOf(code: string): string {
  if (code === 'btc' || code === 'eth') return 'crypto, sign';
  if (UNITS.includes(code)) return 'crypto, unit name';
  if (CRYPTO.includes(code)) return 'crypto, code';
  if (code === 'xau' || code === 'xag') return 'metal (ISO 4217)';
  if (code === 'xdr') return 'IMF SDR (ISO 4217)';
  return 'fiat (ISO 4217)';
}

const cell = (text: string) => `\`${text}\``;

function currenciesDoc(): string {
  const rows = VS_CURRENCIES.map((code) => {
    const decimals = (formatPrice('1234', { currency: code }).match(/[.](\d+)/)?.[1] ?? '').length;
    return `| \`${code}\` | ${kindOf(code)} | ${decimals} | ${cell(formatPrice('1234.5678', { currency: code }))} | ${cell(
      formatPrice('0.00001234', { currency: code }),
    )} | ${cell(formatPrice('0.000008123456', { currency: code }))} | ${cell(
      formatPrice('-1234.5678', { currency: code, locale: 'de-DE' }),
    )} |`;
  });
  const sample = (locale: string) =>
    `| ${locale} | ${cell(formatPrice('1234.5678', { locale }))} | ${cell(formatPrice('0.000008123456', { locale }))} | ${cell(
      describePrice('0.000008123456', { locale }).plain,
    )} | ${cell(formatChange('-2.574', { locale }))} |`;
  return `# Currencies and digits

This page is generated from the real formatting functions by
\`test/unit/format/currencies.test.ts\`, which fails when it is out of date; rewrite it with
\`npx vitest run --project unit test/unit/format/currencies -u\`. Spaces in the examples are
no-break spaces (U+00A0) or narrow no-break spaces (U+202F), as Intl writes them.

## Digits and subscript zeros

In locales with their own digits (\`ar-EG\`, \`fa-IR\`, \`bn-BD\`, \`mr-IN\`, \`ne-NP\`, \`my-MM\`, or any
locale with \`-u-nu-…\`), prices and changes are written entirely in those digits, as Intl writes
them, and a subscript-zero price keeps the zero before the count and the significant digits in
the locale's digits, but writes the count of zeros in the Unicode subscript digits ₀–₉. Unicode
has subscript forms of the ASCII digits only, so the choice was between those and a full-size
count in the locale's digits, which would read as part of the number (\`٠٫٠٥٨١٢٣\` is 0.058123);
a small lowered ₅ cannot be misread as a digit of the value. The plain form (the \`title\` of
\`part="price"\`) has no subscript and only the locale's digits.

| locale | \`1234.5678\` | \`0.000008123456\` | plain form (\`title\`) | change \`-2.574\` |
| --- | --- | --- | --- | --- |
${['en-US', 'ar-EG', 'fa-IR', 'bn-BD', 'mr-IN', 'ne-NP', 'my-MM'].map(sample).join('\n')}

(The Arabic-script rows start with bidi marks, as Intl writes them; they are invisible here.)

## Every CoinGecko \`vs_currency\`

All ${VS_CURRENCIES.length} codes of CoinGecko's \`/simple/supported_vs_currencies\` format without error, in any
case (\`BTC\` or \`btc\`):

- **Fiat, metals and the IMF's SDR** (ISO 4217): Intl's currency style, symbol and decimals.
  \`vef\` (the bolívar fuerte, replaced by VES in 2018) and the metals have no symbol in Intl
  and are written by their code.
- **\`btc\` ₿ and \`eth\` Ξ**: the customary sign, where the locale puts a currency symbol (Intl
  formats the placeholder \`$\`, and its part is replaced), with no space unless the locale puts
  one before or after \`$\`. \`ltc\` is written \`LTC\`: \`Ł\`, the sign Litecoin's author chose, is
  a letter of Polish and several other alphabets, and exchanges, wallets and CoinGecko itself
  write LTC.
- **\`bits\` and \`sats\`**: the unit name after the number, laid out as a plain number of the
  locale (\`1,234.57 sats\`).
- **Other crypto codes** (\`bch\`, \`bnb\`, \`eos\`, \`xrp\`, \`xlm\`, \`link\`, \`dot\`, \`yfi\`, \`sol\`, and
  \`ltc\`): the upper-case code where the locale puts currency codes.
- Every crypto code, units included, has **2 decimals** from 1 up (the contract's rule), even
  though Intl takes \`BTC\`, \`SOL\`… for ISO codes; a code outside this list that Intl rejects
  (\`xyz12\`) is written by its code, 2 decimals.

Below 1, every currency follows the contract's rule 2 (4 significant digits, at least 2
decimals) and rule 3 (5 or more zeros as a subscript count). "decimals" is the number of
decimals from 100 up (below 100 at least 2).

| code | kind | decimals | \`1234.5678\` | \`0.00001234\` | \`0.000008123456\` | \`-1234.5678\`, de-DE |
| --- | --- | --- | --- | --- | --- | --- |
${rows.join('\n')}
`;
}

describe('docs/currencies.md', () => {
  it('is what the functions write', async () => {
    await expect(currenciesDoc()).toMatchFileSnapshot('../../../docs/currencies.md');
  });
});
