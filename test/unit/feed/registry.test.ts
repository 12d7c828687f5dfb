/** Which elements share a feed: equal data share one, a different request gets its own. */
import { describe, expect, it } from 'vitest';
import { acquireFeed, forgetFeed } from '../../../src/feed/registry.js';
import type { FeedConfig } from '../../../src/feed/sources/index.js';
import { sourceConfig } from '../../support/sources.js';

/** Acquires a feed for each config, returns whether each shares the first one's, and forgets them. */
function shared(...configs: FeedConfig[]): boolean[] {
  const acquired = configs.map((config) => acquireFeed(config, null));
  for (const { key, feed } of acquired) forgetFeed(key, feed);
  return acquired.map(({ feed }) => feed === acquired[0]!.feed);
}

describe('feed keys and the 7-day series', () => {
  it('CoinGecko with and without the series are two feeds: only one asks sparkline=true', () => {
    const without = sourceConfig('coingecko', { coins: ['bitcoin'] });
    const withSeries = { ...without, sparkline: true };
    expect(shared(without, withSeries, { ...withSeries })).toEqual([true, false, false]);
    expect(shared(withSeries, { ...withSeries })).toEqual([true, true]);
  });

  it('sources whose request does not change with it share one feed either way', () => {
    for (const source of ['binance', 'coinbase', 'kraken'] as const) {
      const without = sourceConfig(source);
      expect(shared(without, { ...without, sparkline: true }), source).toEqual([true, true]);
    }
    const json = sourceConfig('json', { endpoint: 'https://example.com/prices.json' });
    expect(shared(json, { ...json, sparkline: true })).toEqual([true, true]);
  });
});
