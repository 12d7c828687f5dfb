/** Percent changes, exactly: rounded once in decimal to 2 places, half away from zero. */
import { parseDecimal, quote } from './decimal.js';
import type { ExactDecimalValue } from './decimal.js';
import { getNumberFormat } from './intl-cache.js';

export interface ChangeFormatOptions {
  /** BCP 47 tag. Default, and fallback for an invalid or unsupported tag: `en-US`. */
  locale?: string | undefined;
}

export type ChangeDirection = 'up' | 'down' | 'flat';

/** Same ceiling as prices: Intl prints `∞` for integer parts past ~1e308. */
const MAX_EXPONENT = 299;

/** {@link parseDecimal} for a change: below 1e300 in size, else a `RangeError`. */
export function parseChange(value: string): ExactDecimalValue {
  const decimal = parseDecimal(value);
  if (!decimal.isZero() && decimal.e > MAX_EXPONENT) {
    throw new RangeError(`Change out of the formattable range (below 1e300): ${quote(value)}`);
  }
  return decimal;
}

function roundChange(value: string): ExactDecimalValue {
  return parseChange(value).toDecimalPlaces(2); // half away from zero: ExactDecimal's rounding
}

/**
 * Formats a change in percent (`'0.73'` → `'+0.73%'`, `'-0.004'` → `'0.00%'`). The `percent`
 * *unit* style writes the sign and `%` the locale's way without multiplying by 100 as the
 * `percent` style would; `exceptZero` leaves a zero unsigned.
 */
export function formatChange(value: string, options: ChangeFormatOptions = {}): string {
  const rounded = roundChange(value);
  const format = getNumberFormat(options.locale, {
    style: 'unit',
    unit: 'percent',
    signDisplay: 'exceptZero',
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  })!; // fixed, valid options
  // A rounded zero is passed unsigned: decimal.js keeps the sign of -0.
  return format.format((rounded.isZero() ? '0.00' : rounded.toFixed(2)) as `${number}`);
}

/** `up`, `down` or `flat`, following the value rounded as {@link formatChange} shows it. */
export function changeDirection(value: string): ChangeDirection {
  const rounded = roundChange(value);
  return rounded.isZero() ? 'flat' : rounded.isNegative() ? 'down' : 'up';
}
