/**
 * Percent change from an open price to the last one, exactly (contract: "Sources": "a
 * change computed from open and last is exact to 64 significant digits before rounding").
 * On BigInts rather than decimal.js: this module is a fraction of the size of decimal.js's
 * subtraction and long division, which the bundle leaves out (scripts/slim-decimal.mjs).
 */
import { parsePrice, quote } from './decimal.js';

/** A decimal string of the grammar as an integer and a power of ten: `-1.5e3` → `-15n`, `-2`. */
function unitsOf(text: string): [units: bigint, scale: number] {
  const [mantissa = '', exponent = '0'] = text.split(/[eE]/);
  const [integer = '', fraction = ''] = mantissa.split('.');
  return [BigInt(integer + fraction), fraction.length - Number(exponent)];
}

const TEN = 10n;
const abs = (x: bigint): bigint => (x < 0n ? -x : x);

/**
 * `numerator / denominator` rounded once to 64 significant digits, half away from zero,
 * written plain (no exponent, no trailing zeros; zero unsigned).
 */
function divide(numerator: bigint, denominator: bigint): string {
  if (numerator === 0n) return '0';
  const n = abs(numerator);
  const d = abs(denominator);
  // `n / d × 10^shift` as a fraction `a / b` of integers.
  const scaled = (shift: number) =>
    shift < 0 ? ([n, d * TEN ** BigInt(-shift)] as const) : ([n * TEN ** BigInt(shift), d] as const);
  // The shift that leaves 64 digits before the point: the lengths of n and d give it, or one less.
  let shift = 64 - (n.toString().length - d.toString().length);
  let [a, b] = scaled(shift);
  if (a / b >= TEN ** 64n) [a, b] = scaled(--shift);
  const q = a / b + (2n * (a % b) >= b ? 1n : 0n); // the magnitude: half rounds up
  // q × 10^-shift, written plain.
  let digits = q.toString();
  if (shift <= 0) digits += '0'.repeat(-shift);
  else {
    digits = digits.padStart(shift + 1, '0');
    digits = `${digits.slice(0, -shift)}.${digits.slice(-shift)}`.replace(/\.?0+$/, '');
  }
  return numerator < 0n !== denominator < 0n ? `-${digits}` : digits;
}

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
