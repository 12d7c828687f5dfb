/**
 * The independent oracle of the formatting property tests: exact decimals as BigInt
 * magnitudes and scales, rounded half away from zero. No decimal.js, no floats, no Intl.
 */

/** |value| = magnitude × 10^-scale; the sign is separate so that -0 stays zero. */
export interface Exact {
  negative: boolean;
  magnitude: bigint;
  scale: number;
}

export const pow10 = (n: number) => 10n ** BigInt(n);

/** Reads a string of the contract's decimal grammar (`-1.5e-7`, `.5`, `5.`). */
export function parseExact(text: string): Exact {
  const negative = text.startsWith('-');
  const body = /^[+-]/.test(text) ? text.slice(1) : text;
  const [mantissa = '', exponent = '0'] = body.toLowerCase().split('e');
  const [integer = '', fraction = ''] = mantissa.split('.');
  return { negative, magnitude: BigInt(`${integer}${fraction}` || '0'), scale: fraction.length - Number(exponent) };
}

/** |value| rounded half away from zero to `places` decimals, in units of 10^-places. */
export function roundTo({ magnitude, scale }: Exact, places: number): bigint {
  if (places >= scale) return magnitude * pow10(places - scale);
  const divisor = pow10(scale - places);
  const quotient = magnitude / divisor;
  return 2n * (magnitude % divisor) >= divisor ? quotient + 1n : quotient;
}

/** |value| rounded half away from zero to `digits` significant digits, trailing zeros dropped (0 → 0). */
export function roundSignificant(exact: Exact, digits: number): Exact {
  if (exact.magnitude === 0n) return { negative: exact.negative, magnitude: 0n, scale: 0 };
  const places = exact.scale - exact.magnitude.toString().length + digits; // decimals keeping `digits` digits
  let magnitude = roundTo(exact, places);
  let scale = places;
  while (magnitude % 10n === 0n) {
    magnitude /= 10n;
    scale--;
  }
  return { negative: exact.negative, magnitude, scale };
}

/** The value in plain ASCII, no grouping, no exponent, unsigned when zero (`-1230000`, `0.00123`). */
export function plainDecimal({ negative, magnitude, scale }: Exact): string {
  const sign = negative && magnitude !== 0n ? '-' : '';
  if (scale <= 0) return `${sign}${magnitude * pow10(-scale)}`;
  const text = magnitude.toString().padStart(scale + 1, '0');
  return `${sign}${text.slice(0, -scale)}.${text.slice(-scale)}`;
}
