/**
 * Percent change from an open price to the last one, exactly (contract: "Sources": "a
 * change computed from open and last is exact to 64 significant digits before rounding").
 * On BigInts (./bigint-decimal.ts) rather than decimal.js, whose subtraction and long division
 * the bundle leaves out (scripts/slim-decimal.mjs).
 */
import { divide, TEN, unitsOf } from './bigint-decimal.js';
import { parsePrice, quote } from './decimal.js';

/**
 * `(last - open) / open * 100` as a decimal string, the exact value rounded once to 64
 * significant digits, half away from zero (`percentChange('3', '4')` → `'33.33…33'`,
 * `percentChange('0.000001', '0.0000015')` → `'50'`), never in exponent notation; for
 * {@link formatChange}, which rounds it to the 2 decimals shown. Prices of either sign are
 * taken as given. Throws a `RangeError` for an `open` of zero, a string that is not a
 * decimal, or a price outside 1e-1000 <= |p| < 1e300.
 */
export function percentChange(open: string, last: string): string {
  if (parsePrice(open).isZero()) throw new RangeError(`No percent change from an open of zero: ${quote(open)}`);
  parsePrice(last); // the same checks for last
  // Both as integers over one power of ten, which the quotient cancels.
  const [o, oScale] = unitsOf(open);
  const [l, lScale] = unitsOf(last);
  const scale = Math.max(oScale, lScale);
  const from = o * TEN ** BigInt(scale - oScale);
  return divide((l * TEN ** BigInt(scale - lScale) - from) * 100n, from);
}
