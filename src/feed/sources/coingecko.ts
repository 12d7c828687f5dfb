import { apiError, isRecord, sourceUrl, type FeedConfig, type SourceAdapter } from './source.js';

/**
 * CoinGecko `/coins/markets`. With `precision=full` prices come with every digit CoinGecko has;
 * market cap and 24 h volume are in the quote currency, the 7-day series (`sparkline=true`) hourly.
 * Its public API sends CORS headers on success but not on 429s, which a page sees as a network error.
 */
export const coingecko: SourceAdapter = {
  name: 'coingecko',
  publicBase: 'https://api.coingecko.com/api/v3',
  defaultCoins: [],

  requests(config: FeedConfig): string[] {
    const query = new URLSearchParams({ vs_currency: config.currency });
    if (config.coins.length > 0) query.set('ids', config.coins.join(','));
    query.set('order', 'market_cap_desc');
    query.set('per_page', String(config.coins.length > 0 ? Math.min(config.coins.length, 250) : config.limit));
    query.set('price_change_percentage', config.change);
    query.set('precision', 'full');
    // 168 hourly prices a coin: asked for only when shown.
    if (config.sparkline) query.set('sparkline', 'true');
    return [sourceUrl(this, config, '/coins/markets', String(query))];
  },

  // Errors come as {"status":{"error_code":429,"error_message":"…"}} or {"error":"…"}.
  explain(body: unknown): string | undefined {
    if (!isRecord(body)) return undefined;
    const status = isRecord(body.status) ? body.status : {};
    return apiError(status.error_code, status.error_message ?? body.error);
  },

  parse([body], config: FeedConfig): unknown[] {
    if (isRecord(body)) throw new Error(this.explain(body) ?? 'expected an array of coins, got an object');
    if (!Array.isArray(body))
      throw new Error(`expected an array of coins, got ${body === null ? 'null' : typeof body}`);
    const changeKey = `price_change_percentage_${config.change}_in_currency`;
    return (body as unknown[]).map((coin) =>
      isRecord(coin)
        ? {
            id: coin.id,
            symbol: coin.symbol,
            name: coin.name,
            price: coin.current_price,
            change: coin[changeKey] ?? coin.price_change_percentage_24h ?? null,
            logo: coin.image,
            // 0 is CoinGecko's market cap of a coin whose supply it does not know: none.
            marketCap: coin.market_cap == 0 ? null : coin.market_cap,
            volume: coin.total_volume,
            sparkline: config.sparkline && isRecord(coin.sparkline_in_7d) ? coin.sparkline_in_7d.price : null,
            updatedAt: coin.last_updated, // ISO 8601; checked with every quote
          }
        : coin,
    );
  },
};
