import { baseUrl, coinsOr, isRecord, type FeedConfig, type SourceAdapter } from './source.js';

/**
 * Binance spot `/api/v3/ticker/24hr` on the market-data-only host, all symbols in one request
 * (`symbols=["BTCUSDT","ETHUSDT"]`, URL-encoded). Binance has no coin names: the symbol
 * (`BTCUSDT`) is the id, the name and the symbol shown. The change is Binance's rolling 24 h one.
 */
export const binance: SourceAdapter = {
  name: 'binance',
  publicBase: 'https://data-api.binance.vision',

  requests(config: FeedConfig): string[] {
    const symbols = coinsOr(config, 'BTCUSDT ETHUSDT BNBUSDT SOLUSDT XRPUSDT DOGEUSDT');
    return [`${baseUrl(this, config)}/api/v3/ticker/24hr?symbols=${encodeURIComponent(JSON.stringify(symbols))}`];
  },

  parse([body]): unknown[] {
    // Errors come as {"code":-1121,"msg":"Invalid symbol."}.
    if (!Array.isArray(body)) {
      throw new Error(isRecord(body) && body.msg !== undefined ? `API error ${body.code as string}: ${String(body.msg).slice(0, 200)}` : 'expected an array of tickers');
    }
    return body.map((t) => (isRecord(t) ? { id: t.symbol, price: t.lastPrice, change: t.priceChangePercent } : t));
  },
};
