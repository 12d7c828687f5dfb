import { baseUrl, changeFrom, coinsOr, isRecord, type FeedConfig, type SourceAdapter } from './source.js';

const products = (config: FeedConfig) => coinsOr(config, 'BTC-USD ETH-USD SOL-USD DOGE-USD');

/**
 * Coinbase Exchange: `/products/<id>/ticker` (the price) and `/products/<id>/stats` (the 24 h
 * `open` and `last`, for the change) for each product, all fetched in parallel; bodies come in
 * that order, two per product. Name and symbol are the product's base (`BTC` of `BTC-USD`).
 * One product that fails (`{"message":"NotFound"}`) fails the whole poll with its message.
 */
export const coinbase: SourceAdapter = {
  name: 'coinbase',
  publicBase: 'https://api.exchange.coinbase.com',

  requests(config: FeedConfig): string[] {
    const base = baseUrl(this, config);
    return products(config).flatMap((id) => {
      // `.` and `..` would be path segments even when encoded: an id never changes the path.
      if (/^\.+$/.test(id)) throw new Error(`invalid product id "${id}"`);
      const path = `${base}/products/${encodeURIComponent(id)}/`;
      return [path + 'ticker', path + 'stats'];
    });
  },

  parse(bodies, config: FeedConfig): unknown[] {
    return products(config).map((id, i) => {
      const [ticker, stats] = [bodies[2 * i], bodies[2 * i + 1]].map((body) => {
        if (!isRecord(body)) throw new Error(`${id}: expected an object`);
        if (body.message !== undefined) throw new Error(`${id}: API error: ${String(body.message).slice(0, 200)}`);
        return body;
      }) as [Record<string, unknown>, Record<string, unknown>];
      const base = id.split('-')[0];
      return {
        id,
        symbol: base,
        name: base,
        price: ticker.price,
        change: changeFrom(stats.open, stats.last),
        updatedAt: Date.parse(ticker.time as string),
      };
    });
  },
};
