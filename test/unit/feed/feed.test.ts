import { HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { Feed } from '../../../src/feed/feed.js';
import { sourceLabel, sourceLoader } from '../../../src/feed/registry.js';
import { MARKETS, answer, config, newFeed, ok, settle, subscriber, useFeedServer } from '../../support/feed-harness.js';

const { serve, hang } = useFeedServer();

describe('Feed scheduling', () => {
  it('polls at once, then every interval', async () => {
    const { times } = serve(ok);
    const feed = newFeed();
    const start = Date.now();
    const sub = subscriber(60);
    feed.subscribe(sub);
    await settle();
    expect(times).toEqual([start]);
    expect(feed.quotes[0]?.price).toBe('70187');
    expect(feed.status).toBe('live');
    await vi.advanceTimersByTimeAsync(59_000);
    expect(times).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1_000);
    await settle();
    expect(times).toHaveLength(2);
    expect(times[1]! - times[0]!).toBe(60_000);
    feed.unsubscribe(sub);
  });

  it('never has two requests in flight: refresh() joins the one running', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const { times } = serve(async () => {
      await gate;
      return ok();
    });
    const feed = newFeed();
    const sub = subscriber(1);
    feed.subscribe(sub);
    const a = feed.refresh();
    const b = feed.refresh();
    await settle();
    expect(times).toHaveLength(1);
    release();
    await Promise.all([a, b]);
    expect(times).toHaveLength(1);
    feed.unsubscribe(sub);
  });

  it('keeps the quotes on a failure, reports retryIn, retries then, and returns to the interval', async () => {
    const { times } = serve(
      ok,
      () => HttpResponse.json({ error: 'x' }, { status: 503 }),
      () => answer(MARKETS.replace('70187', '70000.5')),
    );
    const feed = newFeed();
    const sub = subscriber(60);
    feed.subscribe(sub);
    await settle();
    await vi.advanceTimersByTimeAsync(60_000);
    await settle();
    const error = sub.events.find((e) => e.type === 'error');
    // Full jitter with random() = 0.5: half of min(15 min, 60 s × 2^1) = 60 s.
    expect(error).toMatchObject({ type: 'error', status: 503, retryIn: 60 });
    expect(error?.type === 'error' && error.error.message).toBe(
      'coingecko: https://proxy.test/api/v3/coins/markets: HTTP 503 Service Unavailable: API error: x',
    );
    expect(feed.quotes[0]?.price).toBe('70187');
    await vi.advanceTimersByTimeAsync(59_999);
    expect(times).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    await settle();
    expect(times).toHaveLength(3);
    expect(feed.quotes[0]?.price).toBe('70000.5');
    await vi.advanceTimersByTimeAsync(60_000);
    await settle();
    expect(times).toHaveLength(4);
    expect(times[3]! - times[2]!).toBe(60_000);
    feed.unsubscribe(sub);
  });

  it('backs off exponentially, capped at 15 minutes', async () => {
    serve(() => HttpResponse.text('nope', { status: 500 }));
    const feed = new Feed(sourceLoader(config), { floor: 1, random: () => 1 });
    const sub = subscriber(60);
    feed.subscribe(sub);
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) {
      await settle();
      const last = sub.events.at(-1);
      if (last?.type !== 'error') throw new Error('expected an error event');
      waits.push(last.retryIn);
      await vi.advanceTimersByTimeAsync(last.retryIn * 1000);
    }
    expect(waits).toEqual([120, 240, 480, 900, 900, 900]);
    expect(feed.status).toBe('error');
    feed.unsubscribe(sub);
  });

  it('goes stale after twice the interval without data and says so', async () => {
    serve(ok, () => HttpResponse.error());
    const feed = newFeed();
    const sub = subscriber(60);
    feed.subscribe(sub);
    await settle();
    expect(feed.status).toBe('live');
    await vi.advanceTimersByTimeAsync(120_001);
    await settle();
    expect(feed.status).toBe('stale');
    expect(sub.events.some((e) => e.type === 'status')).toBe(true);
    expect(feed.quotes[0]?.price).toBe('70187');
    feed.unsubscribe(sub);
  });

  it('does not poll for paused subscribers only', async () => {
    const { times } = serve(ok);
    const feed = newFeed();
    const sub = subscriber(1, { paused: true });
    feed.subscribe(sub);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(times).toHaveLength(0);
    feed.unsubscribe(sub);
  });

  it('aborts the request in flight and leaves no timer when the last subscriber leaves', async () => {
    const request = hang();
    const feed = newFeed();
    const sub = subscriber(1);
    feed.subscribe(sub);
    await settle();
    expect(feed.unsubscribe(sub)).toBe(true);
    await settle();
    expect(request.aborted).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
    expect(sub.events).toEqual([]);
  });

  it('treats HTML pages, wrong content types and malformed JSON as failures that keep the data', async () => {
    serve(
      ok,
      () => new HttpResponse('<html>Cloudflare</html>', { headers: { 'Content-Type': 'text/html' } }),
      () => new HttpResponse('<!doctype html><p>error', { headers: { 'Content-Type': 'application/json' } }),
      () => new HttpResponse('[{"id":"bitcoin"', { headers: { 'Content-Type': 'application/json' } }),
      () => new HttpResponse('[]', { headers: { 'Content-Type': 'application/json' } }),
    );
    const feed = new Feed(sourceLoader(config), { floor: 1, random: () => 0, label: sourceLabel(config) });
    const sub = subscriber(1);
    feed.subscribe(sub);
    for (let i = 0; i < 5; i++) {
      await settle();
      await vi.advanceTimersByTimeAsync(1000);
    }
    await settle();
    const messages = sub.events.flatMap((e) => (e.type === 'error' ? [e.error.message] : []));
    expect(messages.slice(0, 4)).toEqual([
      'coingecko: https://proxy.test/api/v3/coins/markets: expected JSON, got "text/html"',
      'coingecko: https://proxy.test/api/v3/coins/markets: got an HTML page instead of JSON',
      'coingecko: https://proxy.test/api/v3/coins/markets: malformed JSON',
      'coingecko: https://proxy.test/api/v3/coins/markets: no coins in the answer',
    ]);
    expect(feed.quotes[0]?.price).toBe('70187');
    feed.unsubscribe(sub);
  });
});

describe('poll floor', () => {
  it('is 30 s on the public URL and 1 s below a custom endpoint', async () => {
    const { acquireFeed, forgetFeed } = await import('../../../src/feed/registry.js');
    const publicFeed = acquireFeed({ ...config, endpoint: null }, null);
    const ownFeed = acquireFeed(config, null);
    const eager = subscriber(1, { paused: true });
    publicFeed.feed.subscribe(eager);
    ownFeed.feed.subscribe(eager);
    expect(publicFeed.feed.interval).toBe(30);
    expect(ownFeed.feed.interval).toBe(1);
    publicFeed.feed.unsubscribe(eager);
    ownFeed.feed.unsubscribe(eager);
    forgetFeed(publicFeed.key, publicFeed.feed);
    forgetFeed(ownFeed.key, ownFeed.feed);
  });

  it('shares one feed between equal requests, and the shortest interval wins', async () => {
    const { acquireFeed, forgetFeed } = await import('../../../src/feed/registry.js');
    const a = acquireFeed(config, null);
    const b = acquireFeed({ ...config, coins: ['bitcoin'] }, null);
    const c = acquireFeed({ ...config, currency: 'eur' }, null);
    expect(b.feed).toBe(a.feed);
    expect(c.feed).not.toBe(a.feed);
    const slow = subscriber(300, { paused: true });
    const fast = subscriber(45, { paused: true });
    a.feed.subscribe(slow);
    a.feed.subscribe(fast);
    expect(a.feed.interval).toBe(45);
    a.feed.unsubscribe(fast);
    expect(a.feed.interval).toBe(300);
    a.feed.unsubscribe(slow);
    forgetFeed(a.key, a.feed);
    forgetFeed(c.key, c.feed);
  });
});
