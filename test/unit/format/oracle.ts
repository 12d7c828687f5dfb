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
