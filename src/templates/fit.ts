/**
 * The room kept after a price and a change, without measuring anything: each box carries in
 * `data-fit` its text with the digits it may gain at its next updates, and the stylesheet lays
 * that out in a hidden line of no height, so the box is as wide as the wider of the two. A
 * price at 99.5 keeps room for one more digit (100.00), one just above 1 for two (0.9999), a
 * price below 1 for its four significant digits; most prices keep none, and sit at the usual
 * gap. Either side of such a point the fit is as wide, so crossing it moves nothing.
 *
 * Latin digits are written as `0` in the fit: the strip sets tabular figures, so every digit is
 * as wide, and the fit stays the same string while only the digits change. Most updates then
 * leave `data-fit` alone, and the browser has no style to recompute for it.
 */
import { parseDecimal, type ExactDecimalValue } from '../format/decimal.js';
import type { PriceDescription } from '../format/price.js';

/** A digit for a magnitude of 9… that may become 10…, and a group separator with it. */
function nines(abs: ExactDecimalValue): string {
  return String(abs)[0] === '9' ? `0${(abs.e + 1) % 3 ? '' : ','}` : '';
}

/** The text with every Latin digit a `0` (as wide, in tabular figures). */
const zeros = (text: string) => text.replace(/\d/g, '0');

/**
 * The price's fit, or `''` when it would add nothing to the text (most prices): in tabular
 * figures the text is as wide as its fit, and no hidden line is laid out for it.
 */
export function priceFit(price: string, shown: PriceDescription): string {
  const abs = parseDecimal(price).abs();
  const more = abs.lessThan('1.1') ? smallRoom(shown.plain) : nines(abs);
  return more && zeros(shown.text) + more;
}

/**
 * Below 1.1 (4 significant digits below 1, trailing zeros dropped; $1.00 may fall to $0.9999):
 * room for four significant digits, and one more when the first is a 1 (it may fall below the
 * next power of ten). Counted on the plain form's Latin digits.
 */
function smallRoom(plain: string): string {
  const digits = plain.replace(/\D/g, '').replace(/^0+/, '');
  return '0'.repeat(Math.max(0, 4 - digits.length + (digits[0] === '1' ? 1 : 0)));
}

/**
 * Unsigned, after one plus sign, so a change that flips sign or leaves zero keeps its width;
 * and after the arrow at full size, as wide as the small one drawn before the text and its
 * margin.
 */
export function changeFit(change: string, text: string): string {
  const abs = parseDecimal(change).abs();
  return `▲+${zeros(text.replace(/[-+\u2212]/g, ''))}${abs.lessThan(1) ? '' : nines(abs)}`;
}
