/** Which elements share a feed: equal data share one, a different request gets its own. */
import { describe, expect, it, vi } from 'vitest';
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

describe('feed keys and streams', () => {
  it('the exchanges: streaming and polling are two feeds, and each stream endpoint its own', () => {
    for (const source of ['binance', 'coinbase', 'kraken'] as const) {
      const polling = sourceConfig(source);
      const streaming = { ...polling, stream: true, streamEndpoint: null };
      const relay = { ...streaming, streamEndpoint: 'wss://relay.example/' };
      expect(shared(streaming, { ...streaming }, polling, relay), source).toEqual([true, true, false, false]);
      // The endpoint of a stream that is off does not matter.
      expect(shared(polling, { ...polling, streamEndpoint: 'wss://relay.example/' }), source).toEqual([true, true]);
    }
  });

  it('a source without a stream ignores `stream`, with one warning per feed', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const coingecko = sourceConfig('coingecko', { coins: ['bitcoin'] });
      expect(shared(coingecko, { ...coingecko, stream: true }, { ...coingecko, stream: true })).toEqual([
        true,
        true,
        true,
      ]);
      // The warning comes when the feed is made: there the first config did not ask for a stream.
      expect(warn).not.toHaveBeenCalled();
      shared(sourceConfig('json', { endpoint: 'https://example.com/prices.json', stream: true }));
      shared({ ...coingecko, stream: true }, coingecko);
      expect(warn.mock.calls.map((call) => String(call[0]))).toEqual([
        'price-ticker: json: no stream; polling',
        'price-ticker: coingecko: no stream; polling',
      ]);
    } finally {
      warn.mockRestore();
    }
  });
});
