/**
 * `price-ticker/format`: exact, pure formatting of prices, percent changes and compact amounts.
 * No DOM, no Lit: safe to import in Node, workers and server rendering.
 */
export { formatPrice, describePrice } from './price.js';
export type { PriceFormatOptions, PriceDescription } from './price.js';
export { formatChange, changeDirection } from './change.js';
export type { ChangeFormatOptions, ChangeDirection } from './change.js';
export { formatCompact } from './compact.js';
export type { CompactFormatOptions } from './compact.js';
export { parseDecimal, isDecimalString } from './decimal.js';
export type { ExactDecimalValue } from './decimal.js';
export { percentChange } from './percent-change.js';
