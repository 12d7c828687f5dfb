/**
 * Percent change from an open price to the last one, exactly (contract: "Sources": "a
 * change computed from open and last is exact to 64 significant digits before rounding").
 */
import { ExactDecimal, parsePrice, quote } from './decimal.js';

/**
 * For the difference only: decimal.js's largest precision, so `last - open` keeps every
 * digit (both are prices of 1e-1000 <= |p| < 1e300, so it has at most ~1,300 + their
 * digits). A clone of the clone: same rounding and string form, nothing shared changed.
 */
const Unrounded = /* @__PURE__ */ ExactDecimal.clone({ precision: 1e9 });

/**
 * `(last - open) / open * 100` as a decimal string, the exact value rounded once to 64
 * significant digits, half away from zero (`percentChange('3', '4')` → `'33.33…33'`,
 * `percentChange('0.000001', '0.0000015')` → `'50'`), never in exponent notation; for
 * {@link formatChange}, which rounds it to the 2 decimals shown. Prices of either sign are
 * taken as given. Throws a `RangeError` for an `open` of zero, a string that is not a
 * decimal, or a price outside 1e-1000 <= |p| < 1e300.
 */
export function percentChange(open: string, last: string): string {
  const from = parsePrice(open);
  if (from.isZero()) throw new RangeError(`No percent change from an open of zero: ${quote(open)}`);
  // The difference is exact, the division rounds once, and ÷ 0.01 (× 100: the slimmed
  // decimal.js has no `times`) only moves the point.
  return new ExactDecimal(new Unrounded(parsePrice(last)).minus(from)).div(from).div('0.01').toString();
}
