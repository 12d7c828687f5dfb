import { canonical } from '../sources/kraken.js';
import { apiError, isRecord } from '../sources/source.js';
import { idsBy, other, priceOf, reader, refused, type StreamSource } from './stream.js';

/** The quote currencies a REST pair can end with, longest first where one ends another. */
const SPLIT = /^(\w+?)(USDT|USDC|USD|EUR|GBP|CAD|JPY|CHF|AUD|BTC|ETH|DAI)$/;

/**
 * The WebSocket v2 symbol of a REST pair: `XBTUSD`, `XXBTZUSD` → `BTC/USD`, `XDGUSD` → `DOGE/USD`,
 * `ETHXBT` → `ETH/BTC`. A pair with none of the quotes above is sent as it is, and Kraken's refusal
 * (`Currency pair not supported …`) says so; one already written `BASE/QUOTE` is kept.
 */
export const krakenSymbol = (pair: string): string =>
  pair.includes('/') ? pair.toUpperCase() : canonical(pair).replace(SPLIT, '$1/$2');

/**
 * Kraken's WebSocket v2: one subscribe message for the `ticker` channel (a snapshot, then an
 * update on every trade). Prices are JSON numbers, read as their exact text: `last`, and Kraken's
 * own 24 h `change_pct`. Kraken sends `{"channel":"heartbeat"}` about once a second when nothing
 * else comes. Each symbol refused answers `{"method":"subscribe","success":false,"error":…}`.
 */
export const kraken: StreamSource = {
  url: 'wss://ws.kraken.com/v2',
  heartbeat: 1,

  subscribe(ids, endpoint) {
    const idOf = idsBy(ids, krakenSymbol);
    return {
      url: endpoint ?? this.url,
      send: [JSON.stringify({ method: 'subscribe', params: { channel: 'ticker', symbol: [...idOf.keys()] } })],
      read: reader((m) => {
        const t: unknown = Array.isArray(m.data) && m.channel === 'ticker' ? m.data[0] : undefined;
        if (isRecord(t)) return priceOf(idOf, t.symbol, t.last, t.change_pct);
        if (m.success === false) return refused(apiError(undefined, m.error));
        // Acknowledgements ({"method":"subscribe","success":true,…}), heartbeats, the status on connecting.
        return other(m.method || m.channel === 'heartbeat' || m.channel === 'status');
      }),
    };
  },
};
