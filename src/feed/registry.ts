import { Feed } from './feed.js';
import { FeedError, fetchExactJson, urlForMessages } from './http.js';
import type { QuoteInput } from './quote.js';
import { SOURCES, type FeedConfig } from './sources/index.js';
import { coinsOf } from './sources/source.js';
import { streamOf } from './streams/feed-stream.js';
import { STREAMS } from './streams/index.js';

/** A custom source set through the `fetcher` property. */
export type Fetcher = (signal: AbortSignal) => Promise<QuoteInput[]>;

/** Public URLs are shared by every visitor of every page: poll them at most every 30 s. */
export const PUBLIC_FLOOR_SECONDS = 30;
export const OWN_ENDPOINT_FLOOR_SECONDS = 1;

export function intervalFloor(config: FeedConfig, fetcher: Fetcher | null): number {
  return fetcher || config.endpoint !== null ? OWN_ENDPOINT_FLOOR_SECONDS : PUBLIC_FLOOR_SECONDS;
}

/** `coingecko: https://api.coingecko.com/api/v3/coins/markets`, for messages. */
export function sourceLabel(config: FeedConfig): string {
  try {
    return `${config.source}: ${urlForMessages(SOURCES[config.source].requests(config)[0]!)}`;
  } catch {
    return config.source;
  }
}

/** Requests of one poll in flight at once: a browser's connections per host under HTTP/1.1. */
export const MAX_CONCURRENT_REQUESTS = 6;

export function sourceLoader(config: FeedConfig) {
  const adapter = SOURCES[config.source];
  return async (signal: AbortSignal): Promise<readonly unknown[]> => {
    const urls = adapter.requests(config);
    // This poll's own signal: a failed request, or the feed's abort, stops all of its requests.
    const poll = new AbortController();
    const abort = () => poll.abort(signal.reason);
    signal.addEventListener('abort', abort);
    // Every URL, at most MAX_CONCURRENT_REQUESTS at a time, the bodies in the order of the URLs;
    // the first failure aborts the others (in `finally`).
    const bodies: unknown[] = [];
    let next = 0;
    const worker = async () => {
      while (next < urls.length && !poll.signal.aborted) {
        const i = next++;
        bodies[i] = await fetchExactJson(urls[i]!, adapter.name, poll.signal, (body) => adapter.explain(body));
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.min(MAX_CONCURRENT_REQUESTS, urls.length) }, worker));
    } finally {
      poll.abort();
      signal.removeEventListener('abort', abort);
    }
    if (signal.aborted) throw signal.reason; // the workers may have stopped short of the last URLs
    try {
      return adapter.parse(bodies, config);
    } catch (cause) {
      // The adapters throw only Errors.
      throw new FeedError(`${sourceLabel(config)}: ${(cause as Error).message}`, { cause });
    }
  };
}

function fetcherLoader(fetcher: Fetcher) {
  return async (signal: AbortSignal): Promise<readonly unknown[]> => {
    const result: unknown = await fetcher(signal);
    if (!Array.isArray(result)) throw new Error('fetcher: expected an array of quotes');
    return result as unknown[];
  };
}

const feeds = new Map<string, Feed>();
const fetcherIds = new WeakMap<Fetcher, number>();
let nextFetcherId = 0;

/**
 * Equal configs (and the same fetcher function) give the same key, and so share one feed. With
 * `streamed` (the feed has a stream) the stream's endpoint counts too.
 */
function feedKey(config: FeedConfig, fetcher: Fetcher | null, streamed: boolean): string {
  if (fetcher) {
    if (!fetcherIds.has(fetcher)) fetcherIds.set(fetcher, ++nextFetcherId);
    return `fetcher:${fetcherIds.get(fetcher)}:${config.coins.join(',')}`;
  }
  const { source, endpoint, coins, currency, limit, change, sparkline, streamEndpoint } = config;
  // Only CoinGecko's request differs with the series (`sparkline=true`); the others send what they have.
  const series = sparkline && source === 'coingecko';
  const key = [source, endpoint, coins, currency, coins.length > 0 ? 0 : limit, change, series];
  return JSON.stringify(streamed ? [...key, streamEndpoint] : key);
}

/** The page's feed for this data, made on first use. Callers must `releaseFeed` when done. */
export function acquireFeed(config: FeedConfig, fetcher: Fetcher | null): { key: string; feed: Feed } {
  // A source without a stream ignores `stream`: its feed is the polling one.
  const stream = config.stream && !fetcher ? STREAMS[config.source] : undefined;
  const key = feedKey(config, fetcher, !!stream);
  let feed = feeds.get(key);
  if (!feed) {
    // Only what was asked for is kept: these ids, else the first `limit` of the answer.
    const order = fetcher ? config.coins : coinsOf(SOURCES[config.source], config);
    if (config.stream && !stream)
      console.warn(`price-ticker: ${fetcher ? 'fetcher' : config.source}: no stream; polling`);
    feed = new Feed(fetcher ? fetcherLoader(fetcher) : sourceLoader(config), {
      order,
      limit: config.limit,
      floor: intervalFloor(config, fetcher),
      label: fetcher ? 'fetcher' : sourceLabel(config),
      // A fetcher is a function of this page: other tabs cannot know it is the same one.
      share: fetcher ? undefined : key,
      stream: stream ? streamOf(stream, config, order) : undefined,
    });
    feeds.set(key, feed);
  }
  return { key, feed };
}

export function forgetFeed(key: string, feed: Feed): void {
  if (feeds.get(key) === feed) feeds.delete(key);
}
