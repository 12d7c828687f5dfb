import { Feed } from './feed.js';
import { FeedError, fetchExactJson, urlForMessages } from './http.js';
import type { QuoteInput } from './quote.js';
import { SOURCES, type FeedConfig } from './sources/index.js';

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
  const adapter = SOURCES[config.source];
  try {
    return `${config.source}: ${urlForMessages(adapter?.requests(config)[0] ?? '')}`;
  } catch {
    return config.source;
  }
}

export function sourceLoader(config: FeedConfig) {
  const adapter = SOURCES[config.source];
  return async (signal: AbortSignal): Promise<readonly unknown[]> => {
    if (!adapter) throw new Error(`${config.source}: this source is not supported by this build`);
    const urls = adapter.requests(config);
    const bodies = await Promise.all(urls.map((url) => fetchExactJson(url, adapter.name, signal)));
    try {
      return adapter.parse(bodies, config);
    } catch (cause) {
      const what = cause instanceof Error ? cause.message : String(cause);
      throw new FeedError(`${adapter.name}: ${urlForMessages(urls[0] ?? '')}: ${what}`, { cause });
    }
  };
}

function fetcherLoader(fetcher: Fetcher) {
  return async (signal: AbortSignal): Promise<readonly unknown[]> => {
    const result: unknown = await fetcher(signal);
    if (!Array.isArray(result)) throw new Error('fetcher: expected an array of quotes');
    return result;
  };
}

const feeds = new Map<string, Feed>();
const fetcherIds = new WeakMap<Fetcher, number>();
let nextFetcherId = 0;

/** Equal configs (and the same fetcher function) give the same key, and so share one feed. */
function feedKey(config: FeedConfig, fetcher: Fetcher | null): string {
  if (fetcher) {
    if (!fetcherIds.has(fetcher)) fetcherIds.set(fetcher, ++nextFetcherId);
    return `fetcher:${fetcherIds.get(fetcher)}:${config.coins.join(',')}`;
  }
  const { source, endpoint, coins, currency, limit, change } = config;
  return JSON.stringify([source, endpoint, coins, currency, coins.length > 0 ? 0 : limit, change]);
}

/** The page's feed for this data, made on first use. Callers must `releaseFeed` when done. */
export function acquireFeed(config: FeedConfig, fetcher: Fetcher | null): { key: string; feed: Feed } {
  const key = feedKey(config, fetcher);
  let feed = feeds.get(key);
  if (!feed) {
    feed = new Feed(fetcher ? fetcherLoader(fetcher) : sourceLoader(config), {
      order: config.coins,
      floor: intervalFloor(config, fetcher),
      label: fetcher ? 'fetcher' : sourceLabel(config),
      // A fetcher is a function of this page: other tabs cannot know it is the same one.
      share: fetcher ? undefined : key,
    });
    feeds.set(key, feed);
  }
  return { key, feed };
}

export function forgetFeed(key: string, feed: Feed): void {
  if (feeds.get(key) === feed) feeds.delete(key);
}
