/**
 * Feed.seed: quotes that came with the page, shown before any poll. Validated like an answer,
 * dated by the oldest, ignored when the feed has data as new; the first poll is still due at
 * once, and the polls after it count from the poll, not from the seed.
 */
import { describe, expect, it, vi } from 'vitest';
import { newFeed, ok, settle, subscriber, useFeedServer } from '../../support/feed-harness.js';

const { serve, hang, warnings } = useFeedServer();

const coin = (updatedAt: number | string | undefined, price: unknown = '1') => ({
  id: 'bitcoin',
  symbol: 'btc',
  name: 'Bitcoin',
  price,
  ...(updatedAt === undefined ? {} : { updatedAt }),
});

describe('Feed.seed', () => {
  it('shows the quotes before any poll; the first poll is still made at once and replaces them', async () => {
    const { times } = serve(ok);
    const feed = newFeed({ order: ['bitcoin', 'ethereum'] });
    const start = Date.now();
    feed.seed([coin(start - 10_000), { ...coin(start - 20_000, 2), id: 'ethereum' }]);
    expect(feed.quotes.map((q) => [q.id, q.price])).toEqual([
      ['bitcoin', '1'],
      ['ethereum', '2'],
    ]);
    expect(feed.lastUpdated).toBe(start - 20_000); // the oldest
    expect(feed.status).toBe('live');
    expect(times).toEqual([]);
    const sub = subscriber(60);
    feed.subscribe(sub);
    await settle();
    expect(times).toEqual([start]);
    expect(feed.quotes[0]!.price).toBe('70187');
    expect(feed.held).toEqual(new Set(['ethereum'])); // the answer lacks it: the seeded quote is held
    expect(sub.events.map((e) => e.type)).toEqual(['update']);
    // The next poll counts from the poll, not from the seed's older date.
    await vi.advanceTimersByTimeAsync(59_000);
    expect(times).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1_000);
    await settle();
    expect(times).toHaveLength(2);
    feed.unsubscribe(sub);
  });

  it('tells the subscribers already there with a seed event, not an update', () => {
    hang();
    const feed = newFeed();
    const sub = subscriber(60);
    feed.subscribe(sub);
    feed.seed([coin(Date.now())]);
    expect(sub.events).toEqual([{ type: 'seed', quotes: feed.quotes, at: Date.now() }]);
    feed.unsubscribe(sub);
  });

  it('goes stale on its own: a status event once older than twice the interval', async () => {
    hang();
    const feed = newFeed();
    const start = Date.now();
    feed.seed([coin(start - 119_000)]);
    const sub = subscriber(60);
    feed.subscribe(sub);
    expect(feed.status).toBe('live');
    await vi.advanceTimersByTimeAsync(1_001);
    expect(feed.status).toBe('stale');
    expect(sub.events.map((e) => [e.type, e.at - start])).toEqual([['status', 1_001]]);
    feed.unsubscribe(sub);
  });

  it('is ignored when the feed already has data as new', async () => {
    serve(ok);
    const feed = newFeed();
    const sub = subscriber(60);
    feed.subscribe(sub);
    await settle();
    const polled = feed.lastUpdated!;
    feed.seed([coin(polled - 1)]);
    feed.seed([coin(polled)]);
    expect(feed.quotes[0]!.price).toBe('70187');
    expect(feed.lastUpdated).toBe(polled);
    await vi.advanceTimersByTimeAsync(1);
    feed.seed([coin(polled + 1)]);
    expect(feed.quotes[0]!.price).toBe('1');
    feed.unsubscribe(sub);
  });

  it('dates quotes from the future, or without updatedAt, now', () => {
    const feed = newFeed();
    feed.seed([coin(Date.now() + 3_600_000)]);
    expect(feed.lastUpdated).toBe(Date.now());
    expect(feed.quotes[0]!.updatedAt).toBe(Date.now() + 3_600_000);
    const other = newFeed();
    other.seed([coin(undefined)]);
    expect(other.lastUpdated).toBe(Date.now());
  });

  it('drops bad entries with one warning; with none usable, shows nothing', () => {
    const feed = newFeed({ order: ['bitcoin', 'ethereum'] });
    feed.seed([coin(Date.now()), { ...coin(Date.now(), 'NaN'), id: 'ethereum' }]);
    expect(feed.quotes.map((q) => q.id)).toEqual(['bitcoin']);
    const empty = newFeed();
    empty.seed([null, coin('yesterday', -1)]);
    expect(empty.quotes).toEqual([]);
    expect(empty.lastUpdated).toBeNull();
    expect(empty.status).toBe('loading');
    expect(warnings()).toEqual([
      'price-ticker: initial quotes: "ethereum" has an invalid price',
      'price-ticker: initial quotes: ignored, entry 0 is not an object; "bitcoin" has an invalid price',
    ]);
  });
});
