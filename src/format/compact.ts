/**
 * Compact amounts (market cap, volume), exactly: `1234567890123` → `$1.23T`. The value is
 * rounded once with decimal.js to 3 significant digits; Intl's compact notation then gets
 * that rounded value as a *string*, with at most 3 significant digits, so it only lays it
 * out (symbol, `K`/`Mio.`/`万`, separators, sign) and has nothing left to round.
 */
import { parseDecimal, quote } from './decimal.js';
import { currencyOf } from './currency.js';
import { getNumberFormat } from './intl-cache.js';

export interface CompactFormatOptions {
  /** ISO 4217 or crypto code, any case. Default `usd`. */
  currency?: string | undefined;
  /** BCP 47 tag. Default, and fallback for an invalid or unsupported tag: `en-US`. */
  locale?: string | undefined;
}

/**
 * Formats an amount given as a decimal string in the locale's short compact notation, with
 * at most 3 significant digits, half away from zero (`'999950'` → `'$1M'`, `'0'` → `'$0'`).
 * Currencies are written as by formatPrice. Throws a RangeError for a non-decimal string
 * and outside 1e-300 <= |value| < 1e300 (zero is fine).
 */
export function formatCompact(value: string, options: CompactFormatOptions = {}): string {
  const decimal = parseDecimal(value);
  // Intl prints `∞` past ~1e308, and Firefox's Intl writes 0 for a string below ~1e-323.
  if (decimal.e > 299 || decimal.e < -300) {
    throw new RangeError(`Amount out of range (1e-300 to 1e300): ${quote(value)}`);
  }
  // Rounded here, in decimal: Intl then has nothing left to round, however an engine reads
  // the string, and a carry is already in the value (999950 → 1000000 → 1M, never 1000K).
  const rounded = decimal.toSignificantDigits(3); // half away from zero: ExactDecimal's rounding
  const currency = currencyOf(options.currency);
  const format = getNumberFormat(options.locale, {
    ...currency.style,
    notation: 'compact',
    maximumSignificantDigits: 3,
  })!; // valid options: a currency Intl accepts, a placeholder, or none
  let text = '';
  // toString() writes plain digits (no exponent), and -0 unsigned: Intl would write `-$0`.
  for (const part of format.formatToParts(rounded.toString() as `${number}`)) {
    text += part.type === 'currency' && currency.mark ? currency.mark : part.value;
  }
  return text + (currency.unit ?? '');
}
