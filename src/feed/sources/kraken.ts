import { baseUrl, changeFrom, coinsOr, isRecord, type FeedConfig, type SourceAdapter } from './source.js';

const pairs = (config: FeedConfig) => coinsOr(config, 'XBTUSD ETHUSD SOLUSD XDGUSD');

/**
 * One name for a pair whatever form it is written in: Kraken answers `XBTUSD` as `XXBTZUSD`,
 * so the X/Z prefixes of its 4+4 letter names go, then XBT → BTC and XDG → DOGE.
 */
const canonical = (pair: string) =>
  pair
    .toUpperCase()
    .replace(/^[XZ](\w{3})[XZ](\w{3})$/, '$1$2')
    .replace('XBT', 'BTC')
    .replace('XDG', 'DOGE');

/**
 * Kraken `/0/public/Ticker?pair=…`, all pairs in one request. Price: `c[0]` (last trade);
 * change: from `o` (today's open, 00:00 UTC) to `c[0]`. Kraken has no coin names: the pair as
 * asked (`XBTUSD`) is the id, the name and the symbol shown. Errors come with HTTP 200 as
 * `{"error":["EQuery:Unknown asset pair"]}`.
 */
export const kraken: SourceAdapter = {
  name: 'kraken',
  publicBase: 'https://api.kraken.com',

  requests(config: FeedConfig): string[] {
    return [`${baseUrl(this, config)}/0/public/Ticker?pair=${pairs(config).map(encodeURIComponent).join(',')}`];
  },

  parse([body], config: FeedConfig): unknown[] {
    if (!isRecord(body)) throw new Error('expected an object with "result"');
    const { error, result } = body;
    const keys = isRecord(result) ? Object.keys(result) : [];
    // Errors come alone (`{"error":["EQuery:Unknown asset pair"]}`); warnings ("W…") come with a result.
    if (keys.length === 0) {
      throw new Error(Array.isArray(error) && error.length > 0 ? `API error: ${error.join('; ').slice(0, 200)}` : 'no result');
    }
    return pairs(config).map((id) => {
      // Kraken's own key for the asked pair, which may be written another way (`XXBTZUSD`).
      const t = (result as Record<string, unknown>)[keys.find((k) => canonical(k) === canonical(id)) as string] as { c?: unknown[]; o?: unknown } | undefined;
      const last = Array.isArray(t?.c) ? t.c[0] : undefined;
      return { id, price: last, change: changeFrom(t?.o, last) };
    });
  },
};
