/**
 * What the feed's tests in Node share: an msw server standing in for a CoinGecko proxy, fake
 * timers, a silenced console.warn, and helpers to serve answers in turn, make a feed and a
 * subscriber that records its events, and let the feed's promises settle.
 *
 * `useFeedServer()` at the top of a test file registers the hooks; every test starts with no
 * handlers, fake `setTimeout`, `clearTimeout` and `Date`, and a fresh console.warn spy.
 */
import { readFileSync } from 'node:fs';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, vi, type MockInstance } from 'vitest';
import { Feed, type FeedEvent, type FeedSubscriber } from '../../src/feed/feed.js';
import { sourceLabel, sourceLoader } from '../../src/feed/registry.js';
import type { FeedConfig } from '../../src/feed/sources/index.js';

/** CoinGecko's /coins/markets answer as sent (test/fixtures): Bitcoin first, at 70187. */
export const MARKETS = readFileSync(new URL('../fixtures/coingecko-markets-2024.json', import.meta.url), 'utf8');
export const ENDPOINT = 'https://proxy.test/api/v3';
export const MARKETS_URL = `${ENDPOINT}/coins/markets`;

/** Bitcoin in US dollars from CoinGecko, through the proxy at ENDPOINT. */
export const config: FeedConfig = {
  source: 'coingecko',
  endpoint: ENDPOINT,
  coins: ['bitcoin'],
  currency: 'usd',
  limit: 20,
  change: '24h',
  sparkline: false,
};

/** One answer to a request. */
export type Respond = (request: Request) => Response | Promise<Response>;

/** An answer with `text` as its body, JSON by default. */
export const answer = (
  text = MARKETS,
  headers: Record<string, string> = { 'Content-Type': 'application/json' },
  init: ResponseInit = {},
) => new HttpResponse(text, { ...init, headers });

/** The markets fixture, as JSON. */
export const ok = () => answer();

/** An event with the (fake) time it arrived. */
export type Timed = FeedEvent & { at: number };

/** A subscriber whose state a test may change, recording its events. */
export interface RecordingSubscriber extends FeedSubscriber {
  interval: number;
  paused: boolean;
  onScreen: boolean;
  readonly events: Timed[];
  notify: (event: FeedEvent) => void;
}

/** A subscriber, active and on screen unless `state` says otherwise, that records its events. */
export function subscriber(interval = 60, state: { paused?: boolean; onScreen?: boolean } = {}): RecordingSubscriber {
  const events: Timed[] = [];
  return {
    interval,
    paused: false,
    onScreen: true,
    ...state,
    events,
    notify: (e) => void events.push({ ...e, at: Date.now() }),
  };
}

/** A feed for {@link config} as the registry makes one, with a 1 s floor and a fixed jitter. */
export function newFeed({
  random = () => 0.5,
  order = config.coins,
  share,
}: { random?: () => number; order?: readonly string[]; share?: string | undefined } = {}): Feed {
  return new Feed(sourceLoader(config), { order, floor: 1, random, label: sourceLabel(config), share });
}

/**
 * Lets msw answer, the body streams run and BroadcastChannel deliver: their work is promises
 * and real macrotasks, not the fake timers.
 */
export async function settle(): Promise<void> {
  for (let i = 0; i < 30; i++) {
    await vi.advanceTimersByTimeAsync(0);
    await new Promise((r) => setImmediate(r));
  }
}

/**
 * Registers the hooks (msw server, fake timers unless `fakeTimers: false`, console.warn spy) and
 * returns the server, `serve` and the warnings so far.
 */
export function useFeedServer({ fakeTimers = true, systemTime }: { fakeTimers?: boolean; systemTime?: Date } = {}) {
  const server = setupServer();
  let warn: MockInstance<typeof console.warn> | undefined;
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => server.close());
  beforeEach(() => {
    if (fakeTimers) vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    if (systemTime) vi.setSystemTime(systemTime);
    warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  });
  afterEach(() => {
    server.resetHandlers();
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  /** Serves the markets URL with `responses` in turn (the last repeats); records each request and its time. */
  function serve(...responses: Respond[]) {
    const times: number[] = [];
    const requests: Request[] = [];
    server.use(
      http.get(MARKETS_URL, ({ request }) => {
        times.push(Date.now());
        requests.push(request);
        return responses[Math.min(times.length - 1, responses.length - 1)]!(request);
      }),
    );
    return { times, requests };
  }

  /** Serves the markets URL with an answer that never comes; `aborted` turns true when the feed gives up. */
  function hang() {
    const request = { aborted: false };
    server.use(
      http.get(MARKETS_URL, ({ request: { signal } }) => {
        signal.addEventListener('abort', () => (request.aborted = true));
        return new Promise<Response>(() => {});
      }),
    );
    return request;
  }

  /** What console.warn was given in this test, first arguments only. */
  const warnings = () => (warn?.mock.calls ?? []).map((call) => String(call[0]));

  return { server, serve, hang, warnings };
}
