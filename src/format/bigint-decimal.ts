/**
 * Exact arithmetic on decimal strings, on BigInts: the bundle's decimal.js keeps no arithmetic
 * (scripts/slim-decimal.mjs), and these few lines are a fraction of its size.
 */
import { parsePrice } from './decimal.js';

/** A decimal string of the grammar as an integer and a power of ten: `-1.5e3` → `-15n`, `-2`. */
export function unitsOf(text: string): [units: bigint, scale: number] {
  const [mantissa = '', exponent = '0'] = text.split(/[eE]/);
  const [integer = '', fraction = ''] = mantissa.split('.');
  return [BigInt(integer + fraction), fraction.length - Number(exponent)];
}

export const TEN = 10n;
const abs = (x: bigint): bigint => (x < 0n ? -x : x);

/**
 * `numerator / denominator` rounded once to 64 significant digits, half away from zero,
 * written plain (no exponent, no trailing zeros; zero unsigned).
 */
export function divide(numerator: bigint, denominator: bigint): string {
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
 * `a × b` as a decimal string, rounded once to 64 significant digits, half away from zero
 * (so exact for any two prices of up to 32 digits each), written plain like {@link divide}:
 * `multiplyDecimals('598.03698452', '73380.60000')` → `'43884312.746268312'`. For volumes given in
 * the base currency, times the price. Throws a `RangeError` for a string that is not a
 * decimal, or a value outside 1e-1000 <= |x| < 1e300.
 */
export function multiplyDecimals(a: string, b: string): string {
  parsePrice(a);
  parsePrice(b);
  const [x, xScale] = unitsOf(a);
  const [y, yScale] = unitsOf(b);
  const scale = xScale + yScale;
  return scale < 0 ? divide(x * y * TEN ** BigInt(-scale), 1n) : divide(x * y, TEN ** BigInt(scale));
}
