import { baseUrl, isRecord, type FeedConfig, type SourceAdapter } from './source.js';

/**
 * CoinGecko `/coins/markets`. With `precision=full` prices come with every digit CoinGecko has.
 * Its public API sends CORS headers on success but not on 429s, which a page sees as a network error.
 */
export const coingecko: SourceAdapter = {
  name: 'coingecko',
  publicBase: 'https://api.coingecko.com/api/v3',

  requests(config: FeedConfig): string[] {
    const query = new URLSearchParams({ vs_currency: config.currency });
    if (config.coins.length > 0) query.set('ids', config.coins.join(','));
    query.set('order', 'market_cap_desc');
    query.set('per_page', String(config.coins.length > 0 ? Math.min(config.coins.length, 250) : config.limit));
    query.set('price_change_percentage', config.change);
    query.set('precision', 'full');
    return [`${baseUrl(this, config)}/coins/markets?${query}`];
  },

  parse([body], config: FeedConfig): unknown[] {
    // Errors come as {"status":{"error_code":429,"error_message":"…"}} or {"error":"…"}.
    if (isRecord(body)) {
      const status = isRecord(body.status) ? body.status : undefined;
      const message = status?.error_message ?? body.error;
      const code = status?.error_code;
      throw new Error(
        message !== undefined || code !== undefined
          ? `API error${code !== undefined ? ` ${String(code)}` : ''}: ${String(message ?? 'unknown').slice(0, 200)}`
          : 'expected an array of coins, got an object',
      );
    }
    if (!Array.isArray(body)) throw new Error(`expected an array of coins, got ${body === null ? 'null' : typeof body}`);
    const changeKey = `price_change_percentage_${config.change}_in_currency`;
    return body.map((coin) => {
      if (!isRecord(coin)) return coin;
      const updated = typeof coin.last_updated === 'string' ? Date.parse(coin.last_updated) : NaN;
      return {
        id: coin.id,
        symbol: coin.symbol,
        name: coin.name,
        price: coin.current_price,
        change: coin[changeKey] ?? coin.price_change_percentage_24h ?? null,
        logo: coin.image,
        ...(Number.isFinite(updated) ? { updatedAt: updated } : {}),
      };
    });
  },
};
