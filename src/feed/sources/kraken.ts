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
 * One name for a pair whatever form it is written in: Kraken answers `XBTUSD` as `XXBTZUSD`,
 * so the X/Z prefixes of its 4+4 letter names go, then XBT → BTC and XDG → DOGE.
 */
export const canonical = (pair: string) =>
  pair
    .toUpperCase()
    .replace(/^[XZ](\w{3})[XZ](\w{3})$/, '$1$2')
    .replace('XBT', 'BTC')
    .replace('XDG', 'DOGE');

/**
 * Kraken `/0/public/Ticker?pair=…`, all pairs in one request. Price: `c[0]` (last trade);
 * change: from `o` (today's open, 00:00 UTC) to `c[0]`; volume: `v[1]` (the last 24 h, in the base
 * currency) × `c[0]`, exactly; no market cap. Kraken has no coin names: the pair as
 * asked (`XBTUSD`) is the id, the name and the symbol shown. Errors come with HTTP 200 as
 * `{"error":["EQuery:Unknown asset pair"]}`.
 */
export const kraken: SourceAdapter = {
  name: 'kraken',
  publicBase: 'https://api.kraken.com',
  defaultCoins: 'XBTUSD ETHUSD SOLUSD XDGUSD'.split(' '),

  requests(config: FeedConfig): string[] {
    return [
      sourceUrl(this, config, '/0/public/Ticker', `pair=${coinsOf(this, config).map(encodeURIComponent).join(',')}`),
    ];
  },

  explain(body: unknown): string | undefined {
    const error = isRecord(body) && Array.isArray(body.error) ? body.error.filter((e) => typeof e === 'string') : [];
    return apiError(undefined, error.slice(0, 5).join('; '));
  },

  parse([body], config: FeedConfig): unknown[] {
    if (!isRecord(body)) throw new Error('expected an object with "result"');
    const { result } = body;
    // Kraken's own key for each pair, by canonical name: built once, read once per pair asked.
    const keyOf = new Map<string, string>();
    for (const key of isRecord(result) ? Object.keys(result) : []) {
      const name = canonical(key);
      if (!keyOf.has(name)) keyOf.set(name, key);
    }
    // Errors come alone (`{"error":["EQuery:Unknown asset pair"]}`); warnings ("W…") come with a result.
    if (keyOf.size === 0) throw new Error(this.explain(body) ?? 'no result');
    return coinsOf(this, config).map((id) => {
      const key = keyOf.get(canonical(id));
      const t =
        key === undefined
          ? undefined
          : ((result as Record<string, unknown>)[key] as { c?: unknown[]; o?: unknown; v?: unknown[] } | undefined);
      const last = Array.isArray(t?.c) ? t.c[0] : undefined;
      const volume = Array.isArray(t?.v) ? t.v[1] : undefined;
      return { id, price: last, change: changeFrom(t?.o, last), volume: quoteVolume(volume, last) };
    });
  },
};
