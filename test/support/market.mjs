// A synthetic market for scripts that need many coins (the bench, load checks): coins over
// every price tier the formatter treats differently, answered in CoinGecko's /coins/markets
// format with prices as exact JSON number text.

/** Thousands, about a thousand, about 1, hundreds, below 1, tiny (shown with subscript zeros). */
export const PRICE_TIERS = Object.freeze([63560.025, 2620.33, 0.99996, 149.9, 0.1712345, 0.000008123456789]);

/** @typedef {{ id: string, symbol: string, name: string, base: number }} SyntheticCoin */

/**
 * `count` coins, `coin-000` upwards, cycling through the price tiers (each a little higher
 * than the last of its tier, so no two prices are the same).
 * @param {number} [count]
 * @returns {SyntheticCoin[]}
 */
export function syntheticCoins(count = 250) {
  return Array.from({ length: count }, (_, i) => ({
    id: `coin-${String(i).padStart(3, '0')}`,
    symbol: `c${i}`,
    name: `Coin ${i}`,
    base: /** @type {number} */ (PRICE_TIERS[i % PRICE_TIERS.length]) * (1 + i / 97),
  }));
}

/**
 * The coins a /coins/markets query asks for: its `ids` in the order given (unknown ids left
 * out), or without `ids` the first `per_page` (default 20).
 * @param {SyntheticCoin[]} coins
 * @param {URL} url
 */
export function coinsAsked(coins, url) {
  const ids = url.searchParams.get('ids');
  if (!ids) return coins.slice(0, Number(url.searchParams.get('per_page')) || 20);
  const byId = new Map(coins.map((c) => [c.id, c]));
  return ids
    .split(',')
    .map((id) => byId.get(id))
    .filter((c) => c !== undefined);
}

/**
 * The /coins/markets body for a query at moment `seq`: every price moves with `seq` (within
 * ±1 %), written as JSON number text with 12 significant digits (exponents for tiny ones), so
 * the same `seq` gives the same text and any two differ in every price.
 * @param {SyntheticCoin[]} coins
 * @param {URL} url
 * @param {number} seq
 */
export function marketsBody(coins, url, seq) {
  return `[${coinsAsked(coins, url)
    .map((c, i) => {
      const price = (c.base * (1 + 0.01 * Math.sin(seq * 7.1 + i))).toPrecision(12);
      const change = (4 * Math.sin(seq * 1.3 + i * 0.7)).toFixed(5);
      return `{"id":"${c.id}","symbol":"${c.symbol}","name":"${c.name}","image":null,"current_price":${price},"price_change_percentage_24h":${change},"last_updated":"2024-04-07T16:49:31.736Z"}`;
    })
    .join(',')}]`;
}
