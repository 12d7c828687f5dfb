/**
 * The project's own Decimal and the decimal-string grammar of the contract.
 *
 * `ExactDecimal` is a clone so that nothing here changes the configuration of the shared
 * `decimal.js` constructor another bundle on the page may use (never `Decimal.set`).
 * Precision 64 only limits arithmetic results; constructing from a string keeps every digit.
 */
import Decimal from 'decimal.js';

export const ExactDecimal = Decimal.clone({
  precision: 64,
  rounding: Decimal.ROUND_HALF_UP, // half away from zero, also for negatives
  toExpNeg: -9e15, // toString() never switches to exponent notation
  toExpPos: 9e15,
});

/** An instance of {@link ExactDecimal}. */
export type ExactDecimalValue = InstanceType<typeof ExactDecimal>;

// Optional sign, digits with an optional fraction (`5`, `5.`, `.5`), optional exponent.
// ASCII digits only (no `u` flag, so `\d` is [0-9]). The alternation is unambiguous, so a
// long non-matching input cannot make it backtrack polynomially.
const GRAMMAR = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Whether `value` is a decimal string in the contract's grammar. */
export function isDecimalString(value: string): boolean {
  return typeof value === 'string' && GRAMMAR.test(value);
}

/** The value quoted for an error message, cut to about 40 characters. */
export function quote(value: unknown): string {
  const text = typeof value === 'string' ? value : String(value);
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

/**
 * Parses a decimal string exactly. Throws a `RangeError` for anything outside the grammar
 * (hex, `NaN`, `Infinity`, empty, spaces, …) and for exponents beyond decimal.js's range
 * (about ±9e15), which it could only turn into Infinity or a wrong zero.
 */
export function parseDecimal(value: string): ExactDecimalValue {
  if (!isDecimalString(value)) throw new RangeError(`Invalid decimal string: ${quote(value)}`);
  const d = new ExactDecimal(value);
  const mantissa = value.split(/[eE]/)[0] ?? '';
  if (!d.isFinite() || (d.isZero() && /[1-9]/.test(mantissa))) {
    throw new RangeError(`Decimal string out of range: ${quote(value)}`);
  }
  return d;
}

/**
 * {@link parseDecimal} for a price: zero, or 1e-1000 <= |p| < 1e300, else a `RangeError`
 * (Intl prints `∞` past ~1e308, and the plain form of a tiny price has a digit per zero).
 */
export function parsePrice(value: string): ExactDecimalValue {
  const d = parseDecimal(value);
  if (!d.isZero() && (d.e > 299 || d.e < -1000)) {
    throw new RangeError(`Price out of the formattable range (1e-1000 to 1e300): ${quote(value)}`);
  }
  return d;
}
