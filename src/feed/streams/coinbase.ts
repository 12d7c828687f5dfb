import { apiError, changeFrom } from '../sources/source.js';
import { idsBy, other, priceOf, reader, refused, type StreamSource } from './stream.js';

/**
 * Coinbase Exchange's feed: one subscribe message for the `ticker` channel of the products asked
 * for, and the `heartbeat` channel (one message a second) of the first, so a quiet market still
 * shows the connection alive. Each ticker message (one per match) gives `price`; the change is
 * computed exactly from `open_24h`. A refused subscription answers
 * `{"type":"error","message":"Failed to subscribe","reason":"BTC-XYZ is not a valid product"}` and
 * subscribes to nothing.
 */
export const coinbase: StreamSource = {
  url: 'wss://ws-feed.exchange.coinbase.com',
  heartbeat: 1,

  subscribe(ids, endpoint) {
    const idOf = idsBy(ids);
    return {
      url: endpoint ?? this.url,
      send: [
        JSON.stringify({
          type: 'subscribe',
          // Product ids inside each channel: Coinbase no longer takes them at the top level.
          channels: [
            { name: 'ticker', product_ids: ids },
            { name: 'heartbeat', product_ids: ids.slice(0, 1) },
          ],
        }),
      ],
      read: reader((m) => {
        if (m.type === 'ticker') return priceOf(idOf, m.product_id, m.price, changeFrom(m.open_24h, m.price));
        if (m.type === 'error')
          return refused(
            apiError(undefined, [m.message, m.reason].filter((part) => typeof part === 'string').join(': ')),
          );
        return other(m.type === 'subscriptions' || m.type === 'heartbeat');
      }),
    };
  },
};
