import { apiError, coinsOf, isRecord, sourceUrl, type FeedConfig, type SourceAdapter } from './source.js';

/**
 * Binance spot `/api/v3/ticker/24hr` on the market-data-only host, all symbols in one request
 * (`symbols=["BTCUSDT","ETHUSDT"]`, URL-encoded). Binance has no coin names: the symbol
 * (`BTCUSDT`) is the id, the name and the symbol shown. The change is Binance's rolling 24 h one,
 * the volume its `quoteVolume` (in the quote asset); Binance has no market cap.
 */
export const binance: SourceAdapter = {
  name: 'binance',
  publicBase: 'https://data-api.binance.vision',
  defaultCoins: 'BTCUSDT ETHUSDT BNBUSDT SOLUSDT XRPUSDT DOGEUSDT'.split(' '),

  requests(config: FeedConfig): string[] {
    const symbols = coinsOf(this, config);
    return [sourceUrl(this, config, '/api/v3/ticker/24hr', `symbols=${encodeURIComponent(JSON.stringify(symbols))}`)];
  },

  // Errors come as {"code":-1121,"msg":"Invalid symbol."}, with HTTP 400 or 200.
  explain(body: unknown): string | undefined {
    return isRecord(body) ? apiError(body.code, body.msg) : undefined;
  },

  parse([body]): unknown[] {
    if (!Array.isArray(body)) throw new Error(this.explain(body) ?? 'expected an array of tickers');
    return (body as unknown[]).map((t) =>
      isRecord(t) ? { id: t.symbol, price: t.lastPrice, change: t.priceChangePercent, volume: t.quoteVolume } : t,
    );
  },
};
