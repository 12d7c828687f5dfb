/**
 * Fault injection: msw answers the feed's requests with every kind of
 * trouble a price API can send, on fake timers. For each case: the quotes kept, the error event
 * (message, status, retryIn), the exact time of the next request, one console.warn per distinct
 * problem, and no uncaught exception or unhandled rejection anywhere.
 */
import { HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Feed, MAX_BACKOFF_SECONDS } from '../../../src/feed/feed.js';
import { MAX_BODY_BYTES, REQUEST_TIMEOUT_MS } from '../../../src/feed/http.js';
import {
  MARKETS,
  MARKETS_URL,
  answer,
  newFeed,
  ok,
  settle,
  subscriber,
  useFeedServer,
  type Respond,
  type Timed,
} from '../../support/feed-harness.js';

const BITCOIN = (JSON.parse(MARKETS) as Array<Record<string, unknown>>)[0]!;
const WHERE = `coingecko: ${MARKETS_URL}`;
/** The subscriber's interval, seconds (the harness's default). */
const INTERVAL = 60;

// Whole seconds: HTTP dates are exact.
const { server, serve, hang, warnings } = useFeedServer({ systemTime: new Date('2026-01-01T00:00:00Z') });
const uncaught: unknown[] = [];
const collect = (error: unknown) => void uncaught.push(error);

beforeAll(() => {
  process.on('uncaughtException', collect);
  process.on('unhandledRejection', collect);
});
afterAll(() => {
  process.off('uncaughtException', collect);
  process.off('unhandledRejection', collect);
});
afterEach(async () => {
  // Real time, so that anything left over surfaces before checking that nothing escaped.
  vi.useRealTimers();
  await new Promise((r) => setTimeout(r, 5));
  expect(uncaught).toEqual([]);
  expect(Object.prototype).not.toHaveProperty('current_price');
  expect(Object.prototype).not.toHaveProperty('polluted');
});

const coins = (...entries: unknown[]) => JSON.stringify(entries);
const errors = (events: Timed[]) => events.flatMap((e) => (e.type === 'error' ? [e] : []));

/** A body that yields 64 KiB chunks for as long as it is read, counting what was pulled. */
function endless() {
  const chunk = new Uint8Array(64 * 1024).fill(0x20);
  const stats = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      stats.pulled += chunk.byteLength;
      controller.enqueue(chunk);
    },
    cancel() {
      stats.cancelled = true;
    },
  });
  return { stream, stats };
}

interface Fault {
  name: string;
  respond: Respond;
  /** What the message says after `coingecko: <url>: `. */
  message: string;
  status?: number;
  /** retryIn of the first and second failure in a row (random() = 0.5, interval 60). */
  retryIn?: [number, number];
  /** How long the failing request takes to fail (timeouts). */
  takes?: number;
}

const jitter: [number, number] = [60, 120]; // 0.5 × min(900, 60 × 2^n), n = 1, 2
const FAULTS: Fault[] = [
  {
    name: 'HTTP 500',
    respond: () => answer('oops', { 'Content-Type': 'text/plain' }, { status: 500 }),
    message: 'HTTP 500 Internal Server Error',
    status: 500,
  },
  {
    name: 'HTTP 404 with a JSON body',
    respond: () => answer('{"error":"not found"}', undefined, { status: 404 }),
    message: 'HTTP 404 Not Found: API error: not found',
    status: 404,
  },
  {
    name: 'HTTP 429 with Retry-After in seconds (longer than the backoff)',
    respond: () => answer('{}', { 'Content-Type': 'application/json', 'Retry-After': '300' }, { status: 429 }),
    message: 'HTTP 429 Too Many Requests',
    status: 429,
    retryIn: [300, 300],
  },
  {
    name: 'HTTP 503 with Retry-After as an HTTP date',
    respond: () => answer('', { 'Retry-After': new Date(Date.now() + 200_000).toUTCString() }, { status: 503 }),
    message: 'HTTP 503 Service Unavailable',
    status: 503,
    retryIn: [200, 200],
  },
  {
    name: 'Retry-After shorter than the backoff (the backoff wins)',
    respond: () => answer('', { 'Retry-After': '5' }, { status: 503 }),
    message: 'HTTP 503 Service Unavailable',
    status: 503,
  },
  {
    name: 'Retry-After of a day (capped at 15 minutes)',
    respond: () => answer('', { 'Retry-After': '86400' }, { status: 503 }),
    message: 'HTTP 503 Service Unavailable',
    status: 503,
    retryIn: [MAX_BACKOFF_SECONDS, MAX_BACKOFF_SECONDS],
  },
  {
    name: 'an unreadable Retry-After (ignored)',
    respond: () => answer('', { 'Retry-After': 'soon' }, { status: 503 }),
    message: 'HTTP 503 Service Unavailable',
    status: 503,
  },
  {
    // What a browser sees of CoinGecko's 429, which carries no CORS headers.
    name: 'a network error',
    respond: () => HttpResponse.error(),
    message: 'network error (offline, blocked by CORS, or rate-limited)',
  },
  {
    name: 'an HTML page (text/html)',
    respond: () => answer('<html>Cloudflare</html>', { 'Content-Type': 'text/html; charset=utf-8' }),
    message: 'expected JSON, got "text/html"',
    status: 200,
  },
  {
    name: 'text/plain',
    respond: () => answer(MARKETS, { 'Content-Type': 'text/plain' }),
    message: 'expected JSON, got "text/plain"',
    status: 200,
  },
  {
    name: 'no content type',
    respond: () => new HttpResponse(new TextEncoder().encode(MARKETS)),
    message: 'expected JSON, got no content type',
    status: 200,
  },
  {
    name: 'an HTML error page served with 200 as JSON',
    respond: () => answer('\n<!DOCTYPE html><title>502</title>'),
    message: 'got an HTML page instead of JSON',
    status: 200,
  },
  { name: 'truncated JSON', respond: () => answer(MARKETS.slice(0, 300)), message: 'malformed JSON', status: 200 },
  {
    name: 'malformed JSON (NaN)',
    respond: () => answer('[{"id":"bitcoin","current_price":NaN}]'),
    message: 'malformed JSON',
    status: 200,
  },
  { name: 'an empty body', respond: () => answer(''), message: 'malformed JSON', status: 200 },
  {
    name: 'JSON of the wrong shape: an object',
    respond: () => answer('{"coins":[]}'),
    message: 'expected an array of coins, got an object',
  },
  {
    name: 'JSON of the wrong shape: a string',
    respond: () => answer('"bitcoin"'),
    message: 'expected an array of coins, got string',
  },
  {
    name: 'JSON of the wrong shape: null',
    respond: () => answer('null'),
    message: 'expected an array of coins, got null',
  },
  {
    name: 'JSON of the wrong shape: an object with __proto__',
    respond: () => answer('{"__proto__":{"polluted":1}}'),
    message: 'expected an array of coins, got an object',
  },
  {
    name: "CoinGecko's error body",
    respond: () => answer('{"status":{"error_code":429,"error_message":"You\'ve exceeded the Rate Limit."}}'),
    message: "API error 429: You've exceeded the Rate Limit.",
  },
  {
    name: 'an {"error": …} body',
    respond: () => answer('{"error":"invalid vs_currency"}'),
    message: 'API error: invalid vs_currency',
  },
  { name: 'an empty array', respond: () => answer('[]'), message: 'no coins in the answer' },
  {
    name: 'an array of nothing valid',
    respond: () => answer(coins({ ...BITCOIN, current_price: -1 }, null)),
    message: 'no valid coins in the answer ("bitcoin" has an invalid price; entry 1 is not an object)',
  },
  {
    name: 'a declared body over the cap',
    respond: () => answer('[]', { 'Content-Type': 'application/json', 'Content-Length': String(2 * MAX_BODY_BYTES) }),
    message: `body of ${2 * MAX_BODY_BYTES} bytes is over the ${MAX_BODY_BYTES}-byte cap`,
  },
  {
    name: 'a streamed body over the cap',
    respond: () => new HttpResponse(endless().stream, { headers: { 'Content-Type': 'application/json' } }),
    message: `body is over the ${MAX_BODY_BYTES}-byte cap`,
  },
  {
    name: 'no answer within 15 s',
    respond: () => new Promise<Response>(() => {}),
    message: `no answer within ${REQUEST_TIMEOUT_MS / 1000} s`,
    takes: REQUEST_TIMEOUT_MS,
  },
  {
    name: 'a body that stalls',
    respond: () =>
      new HttpResponse(new ReadableStream({ start: (c) => c.enqueue(new TextEncoder().encode('[{"id":')) }), {
        headers: { 'Content-Type': 'application/json' },
      }),
    message: `body not received within ${REQUEST_TIMEOUT_MS / 1000} s`,
    takes: REQUEST_TIMEOUT_MS,
  },
];

describe('every fault keeps the quotes, reports once, and retries on time', () => {
  it.each(FAULTS)('$name', async (fault) => {
    // Good data, the fault twice, then good data again.
    const { times } = serve(ok, fault.respond, fault.respond, ok);
    const feed = newFeed();
    const sub = subscriber();
    const start = Date.now();
    feed.subscribe(sub);
    await settle();
    expect(times).toEqual([start]);
    expect(feed.quotes.map((q) => q.price)).toEqual(['70187']);

    const expected = fault.retryIn ?? jitter;
    for (let n = 0; n < 2; n++) {
      // The next request comes when it is due: the interval after a success, retryIn after a failure.
      const due = n === 0 ? start + INTERVAL * 1000 : errors(sub.events)[0]!.at + expected[0] * 1000;
      await vi.advanceTimersByTimeAsync(due - Date.now() - 1);
      expect(times).toHaveLength(2 + n - 1);
      await vi.advanceTimersByTimeAsync(1);
      await settle();
      expect(times.at(-1)).toBe(due);
      if (fault.takes) await vi.advanceTimersByTimeAsync(fault.takes);
      await settle();
      const error = errors(sub.events)[n];
      expect(error, 'an error event').toBeDefined();
      expect(error!.error).toBeInstanceOf(Error);
      expect(error!.error.message).toBe(`${WHERE}: ${fault.message}`);
      expect(error!.status).toBe(fault.status);
      expect(error!.retryIn).toBe(expected[n]);
      expect(error!.at - due).toBe(fault.takes ?? 0);
      // The prices last shown stay; the status stays live (< 2 intervals old) or turns stale.
      expect(feed.quotes.map((q) => q.price)).toEqual(['70187']);
      expect(feed.error).toBe(error!.error);
      expect(feed.status).not.toBe('error');
    }
    // One warning for the problem, though it happened twice.
    expect(warnings()).toEqual([`price-ticker: ${WHERE}: ${fault.message}`]);

    // The retry after the second failure succeeds, and polling returns to the interval.
    const retryAt = errors(sub.events)[1]!.at + expected[1] * 1000;
    await vi.advanceTimersByTimeAsync(retryAt - Date.now());
    await settle();
    expect(times).toHaveLength(4);
    expect(times[3]).toBe(retryAt);
    expect(sub.events.at(-1)?.type).toBe('update');
    expect(feed.status).toBe('live');
    expect(feed.error).toBeNull();
    await vi.advanceTimersByTimeAsync(INTERVAL * 1000);
    await settle();
    expect(times[4]! - times[3]!).toBe(INTERVAL * 1000);

    expect(feed.unsubscribe(sub)).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('stops reading a body over the cap instead of buffering it, and cancels it', async () => {
    // A plain Response (msw's Node interceptor buffers ahead and does not pass a cancel on).
    const { stream, stats } = endless();
    vi.stubGlobal('fetch', () =>
      Promise.resolve(new Response(stream, { headers: { 'Content-Type': 'application/json' } })),
    );
    const feed = newFeed();
    const sub = subscriber();
    feed.subscribe(sub);
    await settle();
    vi.unstubAllGlobals();
    expect(errors(sub.events)[0]?.error.message).toBe(`${WHERE}: body is over the ${MAX_BODY_BYTES}-byte cap`);
    expect(stats.cancelled).toBe(true);
    // Read up to the cap and one chunk past it, then no more.
    expect(stats.pulled).toBeGreaterThan(MAX_BODY_BYTES);
    expect(stats.pulled).toBeLessThanOrEqual(MAX_BODY_BYTES + 2 * 64 * 1024);
    const pulled = stats.pulled;
    await settle();
    expect(stats.pulled).toBe(pulled);
    feed.unsubscribe(sub);
  });

  it('the first failure, with no data yet, is status error; the prices come with the retry', async () => {
    const { times } = serve(() => HttpResponse.error(), ok);
    const feed = newFeed();
    const sub = subscriber();
    feed.subscribe(sub);
    await settle();
    expect(feed.status).toBe('error');
    expect(feed.quotes).toEqual([]);
    const [error] = errors(sub.events);
    await vi.advanceTimersByTimeAsync(error!.retryIn * 1000);
    await settle();
    expect(times[1]! - times[0]!).toBe(error!.retryIn * 1000);
    expect(feed.status).toBe('live');
    feed.unsubscribe(sub);
  });
});

describe('a bad entry is dropped alone, the good ones kept', () => {
  const bad: Array<[string, unknown, string]> = [
    ['missing price', { id: 'x', symbol: 'x', name: 'X' }, '"x" has an invalid price'],
    ['null price', { id: 'x', current_price: null }, '"x" has an invalid price'],
    ['negative price', { id: 'x', current_price: -0.5 }, '"x" has an invalid price'],
    ['"NaN" price', { id: 'x', current_price: 'NaN' }, '"x" has an invalid price'],
    ['"Infinity" price', { id: 'x', current_price: 'Infinity' }, '"x" has an invalid price'],
    ['hex price', { id: 'x', current_price: '0x1A' }, '"x" has an invalid price'],
    ['empty string price', { id: 'x', current_price: '' }, '"x" has an invalid price'],
    ['boolean price', { id: 'x', current_price: true }, '"x" has an invalid price'],
    ['object price', { id: 'x', current_price: { value: 1 } }, '"x" has an invalid price'],
    ['absurd price 1e400 (a JSON number)', '{"id":"x","current_price":1e400}', '"x" has an invalid price'],
    ['absurd price "1e400"', { id: 'x', current_price: '1e400' }, '"x" has an invalid price'],
    ['absurd price 1e-400', '{"id":"x","current_price":1e-400}', '"x" has an invalid price'],
    ['absurd price, 40 digits', { id: 'x', current_price: '1'.repeat(40) }, '"x" has an invalid price'],
    ['invalid change', { id: 'x', current_price: 1, price_change_percentage_24h: 'up' }, '"x" has an invalid change'],
    ['missing id', { current_price: 1 }, 'entry 1 has no valid id'],
    ['empty id', { id: ' ', current_price: 1 }, 'entry 1 has no valid id'],
    ['object id', { id: { toString: 1 }, current_price: 1 }, 'entry 1 has no valid id'],
    ['null entry', null, 'entry 1 is not an object'],
    ['array entry', [1, 2], 'entry 1 is not an object'],
    ['duplicate id', { ...BITCOIN, current_price: 1 }, 'duplicate id "bitcoin"'],
    ['a __proto__ key', '{"__proto__":{"current_price":5,"polluted":1},"id":"x"}', '"x" has an invalid price'],
    ['a constructor key', '{"constructor":{"prototype":{"polluted":1}},"id":"x"}', '"x" has an invalid price'],
  ];

  it.each(bad)('%s', async (_name, entry, problem) => {
    const raw = typeof entry === 'string' ? entry : JSON.stringify(entry);
    const { times } = serve(() => answer(`[${JSON.stringify(BITCOIN)},${raw}]`));
    const feed = newFeed({ order: ['bitcoin', 'x'] });
    const sub = subscriber();
    feed.subscribe(sub);
    await settle();
    await vi.advanceTimersByTimeAsync(INTERVAL * 1000);
    await settle();
    // Two polls, both successes: the good coin is shown, the bad entry dropped, nothing failed.
    expect(times[1]! - times[0]!).toBe(INTERVAL * 1000);
    expect(feed.quotes.map((q) => [q.id, q.price])).toEqual([['bitcoin', '70187']]);
    expect(sub.events.map((e) => e.type)).toEqual(['update', 'update']);
    expect(feed.status).toBe('live');
    // One warning, naming the source, the URL and what was wrong, for both polls.
    expect(warnings()).toEqual([`price-ticker: ${WHERE}: 1 problem in the answer: ${problem}`]);
    feed.unsubscribe(sub);
  });

  it('keeps an exact price and the id "__proto__" as plain data', async () => {
    serve(() =>
      answer(coins(BITCOIN, { id: '__proto__', symbol: 'p', name: 'P', current_price: '0.000008123456789012345678' })),
    );
    const feed = newFeed({ order: ['bitcoin', '__proto__'] });
    const sub = subscriber();
    feed.subscribe(sub);
    await settle();
    expect(feed.quotes.map((q) => [q.id, q.price])).toEqual([
      ['bitcoin', '70187'],
      ['__proto__', '0.000008123456789012345678'],
    ]);
    feed.unsubscribe(sub);
  });
});

describe('scheduling', () => {
  it('polls at once when a page loads, whatever the jitter', async () => {
    const { times } = serve(ok);
    const feed = newFeed({ random: () => 0.999 });
    const sub = subscriber();
    const start = Date.now();
    feed.subscribe(sub);
    await settle();
    expect(times).toEqual([start]);
    feed.unsubscribe(sub);
  });

  it('schedules each poll after the previous one settles: a slow answer never overlaps the next', async () => {
    // Each answer takes 12 s, longer than the 5 s interval (and shorter than the 15 s timeout).
    const { times } = serve(() => new Promise((r) => setTimeout(() => r(answer(MARKETS)), 12_000)));
    const feed = newFeed();
    const sub = subscriber(5);
    feed.subscribe(sub);
    await settle();
    await vi.advanceTimersByTimeAsync(11_999);
    await settle();
    expect(times).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1); // the answer arrives at 12 s
    await settle();
    expect(sub.events.map((e) => e.type)).toEqual(['update']);
    await vi.advanceTimersByTimeAsync(4_999);
    expect(times).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await settle();
    expect(times).toHaveLength(2);
    expect(times[1]! - times[0]!).toBe(12_000 + 5_000);
    feed.unsubscribe(sub);
  });

  it('backs off exponentially with full jitter, capped at 15 minutes, and a success returns to the interval', async () => {
    const { times } = serve(...Array.from({ length: 6 }, () => () => HttpResponse.error()), ok);
    const random = vi.fn(() => 1);
    const feed = newFeed({ random });
    const sub = subscriber();
    feed.subscribe(sub);
    for (let i = 0; i < 6; i++) {
      await settle();
      await vi.advanceTimersByTimeAsync(errors(sub.events).at(-1)!.retryIn * 1000);
    }
    await settle();
    const waits = errors(sub.events).map((e) => e.retryIn);
    expect(waits).toEqual([120, 240, 480, 900, 900, 900]);
    // Each request came exactly retryIn after the failure before it.
    expect(times.slice(1).map((t, i) => (t - times[i]!) / 1000)).toEqual(waits);
    expect(feed.status).toBe('live');
    await vi.advanceTimersByTimeAsync(INTERVAL * 1000);
    await settle();
    expect(times[7]! - times[6]!).toBe(INTERVAL * 1000);
    feed.unsubscribe(sub);
  });

  it('spreads the retries of a crowd uniformly: full jitter from the floor up to the ceiling', async () => {
    const seen: number[] = [];
    for (const r of [0, 0.1, 0.37, 0.5, 0.81, 1]) {
      serve(() => HttpResponse.error());
      const feed = newFeed({ random: () => r });
      const sub = subscriber();
      feed.subscribe(sub);
      await settle();
      seen.push(errors(sub.events)[0]!.retryIn);
      feed.unsubscribe(sub);
      server.resetHandlers();
    }
    // ceiling = 2 × interval for the first failure; never below the floor (1 s here).
    expect(seen).toEqual([1, 12, 44, 60, 97, 120]);
  });

  it('refresh() skips a backoff wait but never a Retry-After', async () => {
    const { times } = serve(
      () => HttpResponse.error(),
      ok,
      () => answer('', { 'Retry-After': '120' }, { status: 429 }),
      ok,
    );
    const feed = newFeed();
    const sub = subscriber();
    feed.subscribe(sub);
    await settle();
    expect(errors(sub.events)).toHaveLength(1);
    await feed.refresh(); // backoff skipped
    expect(times).toHaveLength(2);
    await feed.refresh(); // → 429, Retry-After: 120
    expect(times).toHaveLength(3);
    expect(errors(sub.events)[1]!.retryIn).toBe(120);
    await vi.advanceTimersByTimeAsync(60_000);
    await feed.refresh(); // within the Retry-After: no request
    expect(times).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(60_000);
    await settle();
    expect(times).toHaveLength(4);
    expect(times[3]! - times[2]!).toBe(120_000);
    feed.unsubscribe(sub);
  });
});

describe('every request', () => {
  it('omits credentials and the referrer, leaves the HTTP cache on (mode "default"), and asks only for JSON', async () => {
    const { requests } = serve(ok);
    const feed = newFeed();
    const sub = subscriber();
    feed.subscribe(sub);
    await settle();
    const [request] = requests;
    expect(request!.method).toBe('GET');
    expect(request!.credentials).toBe('omit');
    expect(request!.referrerPolicy).toBe('no-referrer');
    expect(request!.cache).toBe('default');
    // One header, a CORS-safelisted one: no preflight.
    expect([...request!.headers]).toEqual([['accept', 'application/json']]);
    expect(new URL(request!.url).searchParams.get('precision')).toBe('full');
    feed.unsubscribe(sub);
  });

  it('aborts the request when the last subscriber leaves, and leaves no timer', async () => {
    const request = hang();
    const feed = newFeed();
    const sub = subscriber();
    feed.subscribe(sub);
    await settle();
    expect(vi.getTimerCount()).toBeGreaterThan(0); // the 15 s timeout
    feed.unsubscribe(sub);
    await settle();
    expect(request.aborted).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
    expect(sub.events).toEqual([]);
    expect(warnings()).toEqual([]);
  });
});

describe('nothing escapes', () => {
  it('a loader that throws synchronously, or rejects with a non-Error, is a failure like any other', async () => {
    const feed = new Feed(
      () => {
        // eslint-disable-next-line @typescript-eslint/only-throw-error -- a loader that throws a non-Error, on purpose
        throw 'boom';
      },
      { floor: 1, random: () => 0.5 },
    );
    const sub = subscriber();
    feed.subscribe(sub);
    await settle();
    expect(errors(sub.events)[0]?.error.message).toBe('boom');
    feed.unsubscribe(sub);
  });

  it('a subscriber that throws does not stop the others', async () => {
    serve(ok);
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const feed = newFeed();
    const good = subscriber();
    feed.subscribe({
      interval: INTERVAL,
      paused: false,
      onScreen: true,
      notify: () => {
        throw new Error('listener');
      },
    });
    feed.subscribe(good);
    await settle();
    expect(good.events.map((e) => e.type)).toEqual(['update']);
    expect(error).toHaveBeenCalled();
    feed.stop();
  });
});
