import {
  apiError,
  changeFrom,
  coinsOf,
  isRecord,
  quoteVolume,
  sourceUrl,
  type FeedConfig,
  type SourceAdapter,
} from './source.js';

/**
 * Coinbase Exchange: `/products/<id>/ticker` (the price) and `/products/<id>/stats` (the 24 h
 * `open` and `last`, for the change) for each product: two requests per product, a few at a
 * time; bodies come in that order. Name and symbol are the product's base (`BTC` of `BTC-USD`).
 * The ticker's 24 h `volume` is in the base currency: times its `price`, it is in the quote
 * currency. Coinbase has no market cap. One product that fails (`{"message":"NotFound"}`) fails the whole poll with its message.
 */
export const coinbase: SourceAdapter = {
  name: 'coinbase',
  publicBase: 'https://api.exchange.coinbase.com',
  defaultCoins: 'BTC-USD ETH-USD SOL-USD DOGE-USD'.split(' '),

  requests(config: FeedConfig): string[] {
    return coinsOf(this, config).flatMap((id) => {
      // `.` and `..` would be path segments even when encoded: an id never changes the path.
      if (/^\.+$/.test(id)) throw new Error(`invalid product id "${id}"`);
      const path = `/products/${encodeURIComponent(id)}/`;
      return [sourceUrl(this, config, path + 'ticker'), sourceUrl(this, config, path + 'stats')];
    });
  },

  // Errors come as {"message":"NotFound"}.
  explain(body: unknown): string | undefined {
    return isRecord(body) ? apiError(undefined, body.message) : undefined;
  },

  parse(bodies, config: FeedConfig): unknown[] {
    return coinsOf(this, config).map((id, i) => {
      const [ticker, stats] = [bodies[2 * i], bodies[2 * i + 1]].map((body) => {
        if (!isRecord(body)) throw new Error(`${id}: expected an object`);
        const error = this.explain(body);
        if (error) throw new Error(`${id}: ${error}`);
        return body;
      }) as [Record<string, unknown>, Record<string, unknown>];
      const base = id.split('-')[0];
      return {
        id,
        symbol: base,
        name: base,
        price: ticker.price,
        change: changeFrom(stats.open, stats.last),
        volume: quoteVolume(ticker.volume, ticker.price),
        updatedAt: ticker.time, // ISO 8601; checked with every quote
      };
    });
  },
};
