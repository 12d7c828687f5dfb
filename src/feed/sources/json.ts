import { apiError, isRecord, type FeedConfig, type SourceAdapter } from './source.js';

/**
 * Your own JSON: `GET endpoint` (the full URL, used as given) answering an array of
 * `QuoteInput` or `{ "quotes": [...] }`. Each entry is validated on its own by the feed,
 * `updatedAt` included (epoch milliseconds or ISO 8601), and `marketCap`, `volume` and
 * `sparkline` pass through as sent.
 */
export const json: SourceAdapter = {
  name: 'json',
  publicBase: null,
  defaultCoins: [],

  requests(config: FeedConfig): string[] {
    if (!config.endpoint) throw new Error('json: the endpoint attribute is required');
    return [config.endpoint];
  },

  // Your server's errors, if it says why: {"error":"…"} or {"message":"…"}.
  explain(body: unknown): string | undefined {
    return isRecord(body) ? apiError(undefined, body.error ?? body.message) : undefined;
  },

  parse([body]): unknown[] {
    const quotes = isRecord(body) ? body.quotes : body;
    if (!Array.isArray(quotes)) throw new Error(this.explain(body) ?? 'expected an array of quotes or {"quotes":[…]}');
    return quotes;
  },
};
