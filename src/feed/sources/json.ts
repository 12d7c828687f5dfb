import { baseUrl, isRecord, type FeedConfig, type SourceAdapter } from './source.js';

/**
 * Your own JSON: `GET endpoint` (the full URL, used as given) answering an array of
 * `QuoteInput` or `{ "quotes": [...] }`. Each entry is validated on its own by the feed.
 */
export const json: SourceAdapter = {
  name: 'json',
  publicBase: null,

  requests(config: FeedConfig): string[] {
    // No public URL: baseUrl() throws "the endpoint attribute is required".
    return [config.endpoint ?? baseUrl(this, config)];
  },

  parse([body]): unknown[] {
    const quotes = isRecord(body) ? body.quotes : body;
    if (!Array.isArray(quotes)) throw new Error('expected an array of quotes or {"quotes":[…]}');
    // Numbers arrive as their exact text; `updatedAt` is a time in milliseconds, wanted as a number.
    return quotes.map((q) => (isRecord(q) ? { ...q, updatedAt: parseFloat(q.updatedAt as string) } : q));
  },
};
