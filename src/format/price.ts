/**
 * Prices, exactly (contract: "Formatting"). The value is rounded once with decimal.js (half away
 * from zero: ExactDecimal's own rounding); Intl
 * then receives the rounded fixed-point *string* with minimum = maximum fraction digits =
 * the digits we kept, so it only lays the number out (symbol, separators, sign, digits)
 * and never rounds or converts to a float.
 */
import { parsePrice } from './decimal.js';
import { currencyOf } from './currency.js';
import { getNumberFormat, keepLast } from './intl-cache.js';

export interface PriceFormatOptions {
  /** ISO 4217 or crypto code, any case. Default `usd`. */
  currency?: string | undefined;
  /** BCP 47 tag. Default, and fallback for an invalid or unsupported tag: `en-US`. */
  locale?: string | undefined;
  /** Zeros after the decimal point from which they are written `0.0₅…`; `0` = never. Default 5. */
  subscriptZeros?: number | undefined;
}

export interface PriceDescription {
  /** Exactly what {@link formatPrice} returns. */
  text: string;
  /** The same rounded value without subscript (`$0.000008123`), for a `title`. */
  plain: string;
  /** Whether `text` uses subscript zeros. */
  subscripted: boolean;
}

const SUBSCRIPT = '₀₁₂₃₄₅₆₇₈₉';
/** Node 20's Intl allows at most 20 fraction digits; longer fractions are spliced in. */
const INTL_MAX_FRACTION = 20;

function subscriptZerosOf(value: number | undefined): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.floor(value) : 5;
}

/**
 * The locale's ten digits when it does not use Latin ones (`ar-EG`: ٠١٢…), for the digits
 * we write ourselves. Read from Intl with the formatter's own numbering system.
 */
const localDigits = keepLast((locale: string | undefined) => readDigits(getNumberFormat(locale, {})!));

function readDigits(format: Intl.NumberFormat): string[] | undefined {
  const { locale, numberingSystem } = format.resolvedOptions();
  if (numberingSystem === 'latn') return undefined;
  const digits = getNumberFormat(locale, { useGrouping: false, numberingSystem })?.format('9876543210' as `${number}`);
  const list = Array.from(digits ?? '').reverse();
  return list.length === 10 ? list : undefined;
}

/** Everything the element needs to show a price: the text and its plain form. */
export function describePrice(value: string, options: PriceFormatOptions = {}): PriceDescription {
  const decimal = parsePrice(value); // formattable magnitudes only
  const abs = decimal.abs();
  const currency = currencyOf(options.currency);
  const zeros = subscriptZerosOf(options.subscriptZeros);

  // Rule 2 (0 < |p| < 1): 4 significant digits, trailing zeros dropped down to 2 decimals.
  let fixed: string | undefined;
  let lead = 0; // zeros right after the decimal point, rule 2 only
  if (!abs.isZero() && abs.lt(1)) {
    const rounded = abs.toSignificantDigits(4);
    if (rounded.lt(1)) {
      fixed = rounded.toFixed(Math.max(rounded.decimalPlaces(), 2));
      lead = -rounded.e - 1;
    } // else it rounded up to 1: written by rule 1
  }
  // Rule 1 (and zero, which counts as below 100): the currency's decimals, >= 2 below 100.
  fixed ??= abs.toFixed(abs.lt(100) ? Math.max(currency.digits, 2) : currency.digits);
  const negative = decimal.isNegative() && /[1-9]/.test(fixed); // never `-$0.00`
  const subscripted = zeros > 0 && lead >= zeros;

  const [integer = '0', fraction = ''] = fixed.split('.');
  const shown = Math.min(fraction.length, INTL_MAX_FRACTION);
  const format = getNumberFormat(options.locale, {
    ...currency.style,
    minimumFractionDigits: shown,
    maximumFractionDigits: shown,
  })!; // valid options: a currency Intl accepts, a placeholder, or none
  const input = `${negative ? '-' : ''}${integer}${shown > 0 ? `.${fraction.slice(0, shown)}` : ''}`;

  const digits = localDigits(options.locale);
  const local = (text: string) => (digits ? text.replace(/[0-9]/g, (c) => digits[+c]!) : text);
  let text = '';
  let plain = '';
  for (const part of format.formatToParts(input as `${number}`)) {
    let plainPart = part.value;
    let textPart = part.value;
    if (part.type === 'currency' && currency.mark) {
      plainPart = textPart = currency.mark;
    } else if (part.type === 'fraction') {
      if (fraction.length > shown) plainPart = textPart = local(fraction);
      // Rule 3: `0.0` then the count in subscript digits, then the significant digits.
      // The count is in Unicode subscript digits whatever the locale's digits (there are
      // no others); the zero and the significant digits are the locale's.
      if (subscripted) {
        const count = String(lead).replace(/[0-9]/g, (c) => SUBSCRIPT[+c]!);
        textPart = local('0') + count + local(fraction.slice(lead));
      }
    }
    text += textPart;
    plain += plainPart;
  }
  const unit = currency.unit ?? '';
  return { text: text + unit, plain: plain + unit, subscripted };
}

/**
 * Formats a price given as a decimal string (`'63560.025'` → `'$63,560.03'`,
 * `'0.000008123456'` → `'$0.0₅8123'`). Throws a RangeError for a non-decimal string.
 */
export function formatPrice(value: string, options?: PriceFormatOptions): string {
  return describePrice(value, options).text;
}
