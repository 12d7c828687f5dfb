/**
 * The project's own Decimal and the decimal-string grammar of the contract.
 *
 * `ExactDecimal` is a clone so that nothing here changes the configuration of the shared
 * `decimal.js` constructor another bundle on the page may use (never `Decimal.set`).
 * Precision 64 is only the default of `toSignificantDigits()`; constructing from a string keeps
 * every digit, and the bundle keeps no arithmetic (scripts/slim-decimal.mjs).
 */
import Decimal from 'decimal.js';

/** A decimal, a decimal string or a number, wherever a method takes another value. */
export type DecimalInput = string | number | ExactDecimalValue;

/** decimal.js's rounding modes, ROUND_UP (0) to ROUND_HALF_FLOOR (8). */
export type Rounding = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

/**
 * An instance of {@link ExactDecimal}: only what scripts/slim-decimal.mjs keeps in the bundle
 * (each method under both of its names), so that calling a method it drops (`sqrt`) is a type
 * error instead of `x.sqrt is not a function` on a visitor's page. The unit tests hold these
 * names to what the slimmed decimal.js has.
 */
export interface ExactDecimalValue {
  /** decimal.js's own fields: the digits (base 1e7), the exponent (base 10) and the sign. */
  readonly d: number[];
  readonly e: number;
  readonly s: number;
  absoluteValue(): ExactDecimalValue;
  abs(): ExactDecimalValue;
  comparedTo(y: DecimalInput): number;
  cmp(y: DecimalInput): number;
  decimalPlaces(): number;
  dp(): number;
  greaterThan(y: DecimalInput): boolean;
  gt(y: DecimalInput): boolean;
  isFinite(): boolean;
  isNegative(): boolean;
  isNeg(): boolean;
  isZero(): boolean;
  lessThan(y: DecimalInput): boolean;
  lt(y: DecimalInput): boolean;
  toDecimalPlaces(decimalPlaces?: number, rounding?: Rounding): ExactDecimalValue;
  toDP(decimalPlaces?: number, rounding?: Rounding): ExactDecimalValue;
  toFixed(decimalPlaces?: number, rounding?: Rounding): string;
  toSignificantDigits(significantDigits?: number, rounding?: Rounding): ExactDecimalValue;
  toSD(significantDigits?: number, rounding?: Rounding): ExactDecimalValue;
  toString(): string;
  valueOf(): string;
  toJSON(): string;
}

/** The {@link ExactDecimal} constructor: its settings and the statics kept. */
export interface ExactDecimalConstructor {
  new (value: DecimalInput): ExactDecimalValue;
  readonly precision: number;
  readonly rounding: Rounding;
  readonly toExpNeg: number;
  readonly toExpPos: number;
  readonly minE: number;
  readonly maxE: number;
  readonly modulo: number;
  readonly crypto: boolean;
  /**
   * A copy with other settings, taken as given (the others are this constructor's):
   * decimal.js's `config` (alias `set`), which checks them, is not kept (scripts/slim-decimal.mjs).
   */
  clone(settings?: Decimal.Config): ExactDecimalConstructor;
}

export const ExactDecimal = Decimal.clone({
  precision: 64,
  // ROUND_HALF_UP: half away from zero, also for negatives. By its number: the bundle's decimal.js
  // has no named modes (Decimal.ROUND_HALF_UP would be undefined, and the tests fail).
  rounding: 4,
  toExpNeg: -9e15, // toString() never switches to exponent notation
  toExpPos: 9e15,
}) as unknown as ExactDecimalConstructor;

// Optional sign, digits with an optional fraction (`5`, `5.`, `.5`), optional exponent.
// ASCII digits only (no `u` flag, so `\d` is [0-9]). The alternation is unambiguous, so a
// long non-matching input cannot make it backtrack polynomially.
const GRAMMAR = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Whether `value` is a decimal string in the contract's grammar. */
export function isDecimalString(value: string): boolean {
  return typeof value === 'string' && GRAMMAR.test(value);
}

/** `text` cut to `max` characters, with `…` when it was longer. */
export const shorten = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}…` : text);

/** The value quoted for an error message, cut to about 40 characters. */
export function quote(value: unknown): string {
  return JSON.stringify(shorten(String(value), 40));
}

/**
 * Parses a decimal string exactly. Throws a `RangeError` for anything outside the grammar
 * (hex, `NaN`, `Infinity`, empty, spaces, …) and for exponents beyond decimal.js's range
 * (about ±9e15), which it could only turn into Infinity or a wrong zero.
 */
export function parseDecimal(value: string): ExactDecimalValue {
  if (!isDecimalString(value)) throw new RangeError(`Invalid decimal string: ${quote(value)}`);
  const d = new ExactDecimal(value);
  // A zero from a mantissa with a nonzero digit is an underflow.
  if (!d.isFinite() || (d.isZero() && /^[^eE]*[1-9]/.test(value))) {
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
