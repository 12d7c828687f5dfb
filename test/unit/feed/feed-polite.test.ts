/**
 * When the feed does not poll, in Node with the page's signals stubbed:
 * `window` an EventTarget, `document.visibilityState` and `navigator.onLine` plain values.
 * And one poller per browser: two feeds with the same key stand for two tabs, sharing
 * Node's real BroadcastChannel and a small Web Locks stand-in.
 */
import { HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeLocks } from '../../support/fake-locks.js';
import { newFeed as feedOf, ok, settle, subscriber, useFeedServer, type Timed } from '../../support/feed-harness.js';

const { serve } = useFeedServer();

const win = new EventTarget();
const doc = { visibilityState: 'visible' as DocumentVisibilityState };
const nav: { onLine: boolean; locks?: unknown } = { onLine: true };
let added = 0;
let removed = 0;

beforeEach(() => {
  doc.visibilityState = 'visible';
  nav.onLine = true;
  delete nav.locks;
  added = removed = 0;
  vi.spyOn(win, 'addEventListener').mockImplementation(function (this: EventTarget, ...args) {
    added++;
    return EventTarget.prototype.addEventListener.apply(this, args);
  });
  vi.spyOn(win, 'removeEventListener').mockImplementation(function (this: EventTarget, ...args) {
    removed++;
    return EventTarget.prototype.removeEventListener.apply(this, args);
  });
  vi.stubGlobal('window', win);
  vi.stubGlobal('document', doc);
  vi.stubGlobal('navigator', nav);
});
afterEach(() => {
  vi.unstubAllGlobals();
});

const newFeed = (share?: string, random = () => 0.5) => feedOf({ share, random });
const fire = (type: string) => win.dispatchEvent(new Event(type));

describe('when the feed does not poll', () => {
  it('not while the page is hidden; on showing, at once when its data is older than the interval', async () => {
    const { times } = serve(ok);
    const feed = newFeed();
    const sub = subscriber(10);
    feed.subscribe(sub);
    await settle();
    expect(times).toHaveLength(1);
    doc.visibilityState = 'hidden';
    fire('visibilitychange');
    await vi.advanceTimersByTimeAsync(60_000);
    await settle();
    expect(times).toHaveLength(1);
    expect(feed.status).toBe('stale'); // and its subscribers were told
    expect(sub.events.filter((e) => e.type === 'status')).toHaveLength(1);
    doc.visibilityState = 'visible';
    fire('visibilitychange');
    await settle();
    expect(times).toHaveLength(2);
    expect(times[1]! - times[0]!).toBe(60_000);
    // Hidden and shown again within the interval: the next poll stays on schedule.
    await vi.advanceTimersByTimeAsync(3_000);
    doc.visibilityState = 'hidden';
    fire('visibilitychange');
    await vi.advanceTimersByTimeAsync(3_000);
    doc.visibilityState = 'visible';
    fire('visibilitychange');
    await settle();
    expect(times).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(4_000);
    await settle();
    expect(times).toHaveLength(3);
    expect(times[2]! - times[1]!).toBe(10_000);
    feed.unsubscribe(sub);
  });

  it('a page that loads hidden polls once it is shown, without delay', async () => {
    doc.visibilityState = 'hidden';
    const { times } = serve(ok);
    const feed = newFeed();
    const sub = subscriber(10);
    feed.subscribe(sub);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(times).toHaveLength(0);
    expect(feed.status).toBe('loading');
    doc.visibilityState = 'visible';
    fire('visibilitychange');
    const shown = Date.now();
    await settle();
    expect(times).toEqual([shown]);
    feed.unsubscribe(sub);
  });

  it('not while offline; back online it polls at once, its network backoff forgotten, a Retry-After kept', async () => {
    const { times } = serve(
      ok,
      () => HttpResponse.error(),
      ok,
      () => new HttpResponse(null, { status: 429, headers: { 'Retry-After': '600' } }),
      ok,
    );
    const feed = newFeed();
    const sub = subscriber(10);
    feed.subscribe(sub);
    await settle();
    await vi.advanceTimersByTimeAsync(10_000);
    await settle();
    expect(times).toHaveLength(2); // the network error: backoff 0.5 × 20 s = 10 s
    nav.onLine = false;
    fire('offline');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(times).toHaveLength(2);
    nav.onLine = true;
    fire('online');
    const online = Date.now();
    await settle();
    expect(times[2]).toBe(online);
    await vi.advanceTimersByTimeAsync(10_000);
    await settle();
    expect(times).toHaveLength(4); // 429, Retry-After: 600
    const limited = times[3]!;
    nav.onLine = false;
    fire('offline');
    await vi.advanceTimersByTimeAsync(5_000);
    nav.onLine = true;
    fire('online');
    await settle();
    expect(times).toHaveLength(4);
    await vi.advanceTimersByTimeAsync(limited + 600_000 - Date.now());
    await settle();
    expect(times).toHaveLength(5);
    expect(times[4]! - limited).toBe(600_000);
    feed.unsubscribe(sub);
  });

  it('not while every subscriber is paused or off screen; polls as soon as one is neither', async () => {
    const { times } = serve(ok);
    const feed = newFeed();
    const paused = subscriber(10, { paused: true });
    const away = subscriber(10, { onScreen: false });
    feed.subscribe(paused);
    feed.subscribe(away);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(times).toHaveLength(0);
    away.onScreen = true;
    feed.reschedule();
    await settle();
    expect(times).toHaveLength(1);
    away.onScreen = false;
    feed.reschedule();
    await vi.advanceTimersByTimeAsync(30_000);
    expect(times).toHaveLength(1);
    // Unpaused with data 30 s old (> interval): at once. Both subscribers hear of it.
    paused.paused = false;
    feed.reschedule();
    await settle();
    expect(times).toHaveLength(2);
    expect(away.events.filter((e) => e.type === 'update')).toHaveLength(2);
    feed.unsubscribe(paused);
    feed.unsubscribe(away);
  });

  it('listens to the page only while it has subscribers', async () => {
    serve(ok);
    const a = newFeed();
    const b = newFeed();
    const sa = subscriber();
    const sb = subscriber();
    a.subscribe(sa);
    b.subscribe(sb);
    expect(added).toBe(3); // visibilitychange, online, offline: once for all feeds
    a.unsubscribe(sa);
    expect(removed).toBe(0);
    b.unsubscribe(sb);
    expect(removed).toBe(3);
    await settle();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('tells its subscribers once when the data goes stale, and no more', async () => {
    serve(ok, () => HttpResponse.error());
    const feed = newFeed(undefined, () => 1);
    const sub = subscriber(10);
    feed.subscribe(sub);
    await settle();
    const record = sub.notify;
    sub.notify = (e) => {
      record(e);
      feed.reschedule(); // what an element does on every event (it re-renders)
    };
    await vi.advanceTimersByTimeAsync(25_000);
    await settle();
    expect(feed.status).toBe('stale');
    expect(sub.events.filter((e) => e.type === 'status')).toHaveLength(1);
    feed.unsubscribe(sub);
  });
});

describe('one poller per browser: two feeds of one key stand for two tabs', () => {
  const KEY = 'test-key';
  const LOCK = `price-ticker:${KEY}`;
  /** Two tabs' feeds of one key, and a subscriber for each polling every 10 s (not yet subscribed). */
  const newTabs = () => ({ a: newFeed(KEY), b: newFeed(KEY), sa: subscriber(10), sb: subscriber(10) });

  it('the first tab polls for both; the second gets the data at once and every poll after, without a request', async () => {
    const locks = fakeLocks();
    nav.locks = locks;
    const { times } = serve(ok);
    const { a, b, sa, sb } = newTabs();
    a.subscribe(sa);
    await settle();
    expect(times).toHaveLength(1);
    b.subscribe(sb);
    await settle();
    expect(times).toHaveLength(1);
    expect(sb.events.map((e) => e.type)).toEqual(['update']);
    expect(b.quotes).toEqual(a.quotes);
    expect(b.lastUpdated).toBe(a.lastUpdated);
    for (let i = 0; i < 3; i++) {
      await vi.advanceTimersByTimeAsync(10_000);
      await settle();
    }
    expect(times).toHaveLength(4);
    expect(sb.events.filter((e) => e.type === 'update')).toHaveLength(4);
    expect(locks.held.has(LOCK)).toBe(true);
    expect(locks.queued(LOCK)).toBe(1);

    // The leading tab closes: the other takes over, on schedule (its data is fresh).
    const last = times.at(-1)!;
    a.unsubscribe(sa);
    await settle();
    await vi.advanceTimersByTimeAsync(last + 10_000 - Date.now());
    await settle();
    expect(times).toHaveLength(5);
    expect(times[4]! - last).toBe(10_000);
    b.unsubscribe(sb);
    await settle();
    expect(locks.held.size).toBe(0);
    expect(locks.queued(LOCK)).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('failures are shared too: the same error and retryIn, and the backoff holds when another tab takes over', async () => {
    nav.locks = fakeLocks();
    const { times } = serve(ok, () => new HttpResponse('x', { status: 503 }), ok);
    const { a, b, sa, sb } = newTabs();
    a.subscribe(sa);
    b.subscribe(sb);
    await settle();
    await vi.advanceTimersByTimeAsync(10_000);
    await settle();
    const errorA = sa.events.at(-1);
    const errorB = sb.events.at(-1);
    expect(errorA).toMatchObject({ type: 'error', status: 503, retryIn: 10 });
    expect(errorB).toMatchObject({ type: 'error', status: 503, retryIn: 10 });
    expect(errorB?.type === 'error' && errorB.error.message).toBe(errorA?.type === 'error' && errorA.error.message);
    expect(b.quotes.map((q) => q.price)).toEqual(['70187']);
    const failed = Date.now();
    a.unsubscribe(sa);
    await settle();
    expect(times).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(failed + 10_000 - Date.now());
    await settle();
    expect(times).toHaveLength(3);
    b.unsubscribe(sb);
  });

  it('a tab that no longer wants data (hidden, paused, off screen) lets another lead', async () => {
    const locks = fakeLocks();
    nav.locks = locks;
    const { times } = serve(ok);
    const { a, b, sa, sb } = newTabs();
    a.subscribe(sa);
    await settle();
    b.subscribe(sb);
    await settle();
    sa.paused = true;
    a.reschedule();
    await settle();
    for (let i = 0; i < 2; i++) {
      await vi.advanceTimersByTimeAsync(10_000);
      await settle();
    }
    expect(times).toHaveLength(3); // b polls now, on the same schedule
    expect(sa.events.filter((e) => e.type === 'update')).toHaveLength(3); // a still hears
    // Nobody wants data: nobody polls, and nobody holds the lock.
    sb.onScreen = false;
    b.reschedule();
    await vi.advanceTimersByTimeAsync(60_000);
    await settle();
    expect(times).toHaveLength(3);
    expect(locks.held.size).toBe(0);
    a.unsubscribe(sa);
    b.unsubscribe(sb);
  });

  it('where Web Locks are missing each tab polls for itself', async () => {
    const { times } = serve(ok);
    const { a, b, sa, sb } = newTabs();
    a.subscribe(sa);
    b.subscribe(sb);
    await settle();
    expect(times).toHaveLength(2);
    a.unsubscribe(sa);
    b.unsubscribe(sb);
  });

  it('where the lock is refused (a sandboxed frame) the tab polls for itself', async () => {
    nav.locks = { request: () => Promise.reject(new DOMException('denied', 'SecurityError')) };
    const { times } = serve(ok);
    const a = newFeed(KEY);
    const sa = subscriber(10);
    a.subscribe(sa);
    await settle();
    expect(times).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(10_000);
    await settle();
    expect(times).toHaveLength(2);
    a.unsubscribe(sa);
  });

  it('ignores what is not a message of its own', async () => {
    nav.locks = fakeLocks();
    serve(ok);
    const a = newFeed(KEY);
    const sa = subscriber(10);
    a.subscribe(sa);
    await settle();
    const intruder = new BroadcastChannel(`price-ticker:${KEY}`);
    for (const junk of [null, 5, 'x', { q: 'nope', t: 1 }, { q: [], t: 'x' }, []]) intruder.postMessage(junk);
    await settle();
    intruder.close();
    expect(a.quotes.map((q) => q.price)).toEqual(['70187']);
    a.unsubscribe(sa);
  });
  describe('regression: messages from other tabs are checked field by field', () => {
    const DAY = 86_400_000;

    /** A follower tab (b) behind a leader (a), and a same-origin script posting on their channel. */
    async function twoTabs() {
      nav.locks = fakeLocks();
      const { times } = serve(ok);
      const { a, b, sa, sb } = newTabs();
      a.subscribe(sa);
      await settle();
      b.subscribe(sb);
      await settle();
      const intruder = new BroadcastChannel(`price-ticker:${KEY}`);
      const post = async (message: unknown) => {
        intruder.postMessage(message);
        await settle();
      };
      const close = () => {
        intruder.close();
        a.unsubscribe(sa);
        b.unsubscribe(sb);
      };
      return { a, b, sb, times, post, close };
    }

    it('data from 20 days in the future is ignored: the status does not stay live forever', async () => {
      const { b, post, close } = await twoTabs();
      const before = b.lastUpdated;
      await post({ q: [{ id: 'bitcoin', symbol: 'b', name: 'B', price: '1' }], t: Date.now() + 20 * DAY });
      expect(b.lastUpdated).toBe(before);
      expect(b.quotes.map((q) => q.price)).toEqual(['70187']);
      await vi.advanceTimersByTimeAsync(3 * 10_000); // the leader's polls stop being heard
      close();
    });

    it('quotes in a message are validated like any answer: a bad one is dropped, the good ones taken', async () => {
      const { b, post, close } = await twoTabs();
      await vi.advanceTimersByTimeAsync(1000); // a newer poll than the one the tabs share
      const t = Date.now();
      await post({
        q: [
          { id: 'bitcoin', symbol: 'b', name: 'B', price: '71000.5' },
          { id: 'bitcoin', price: 'NaN' },
          { id: '\u202e', price: '1' },
        ],
        t,
      });
      expect(b.quotes.map((q) => [q.id, q.price])).toEqual([['bitcoin', '71000.5']]);
      expect(b.lastUpdated).toBe(t);
      await post({ q: [{ id: 'bitcoin', price: 'NaN' }], t: t + 1 }); // nothing usable: not applied
      expect(b.quotes.map((q) => q.price)).toEqual(['71000.5']);
      close();
    });

    it.each([
      ['a wait of 20 days', { r: 20 * 86_400, n: 1 }, 900],
      ['a wait of NaN', { r: NaN, n: 1 }, null],
      ['a negative wait', { r: -5, n: 1 }, null],
      ['a wait given as text', { r: '5', n: 1 }, null],
      ['a Retry-After of 20 days', { r: 1, a: 20 * 86_400, n: 1 }, 900],
      ['a failure count of 1e9', { r: 30, n: 1e9 }, 30],
      ['a status of 42', { r: 30, n: 1, s: 42 }, null],
    ])('%s is clamped to the backoff range, or the message ignored', async (_name, fields, retryIn) => {
      const { sb, post, close } = await twoTabs();
      const errorsBefore = sb.events.filter((e) => e.type === 'error').length;
      await post({ e: `forged ${'x'.repeat(1000)}`, ...fields });
      const errors = sb.events.filter((e): e is Extract<Timed, { type: 'error' }> => e.type === 'error');
      if (retryIn === null) {
        expect(errors).toHaveLength(errorsBefore);
      } else {
        expect(errors.at(-1)?.retryIn).toBe(retryIn);
        expect(errors.at(-1)?.error.message.length).toBeLessThanOrEqual(300);
      }
      close();
    });
  });
});

/**
 * A Web Locks stand-in whose grants the test hands out: the lock comes late, as on a fresh page
 * (an asynchronous round trip), or never (another tab holds it).
 */
function lateLocks() {
  const waiting: Array<() => void> = [];
  return {
    requested: () => waiting.length,
    /** Grants the oldest request still waiting; its hold lasts until its signal aborts. */
    grant: () => waiting.shift()?.(),
    request(_name: string, { signal }: { signal: AbortSignal }, callback: () => unknown): Promise<unknown> {
      return new Promise((resolve, reject) => {
        signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
        waiting.push(() => void Promise.resolve().then(callback).then(resolve, reject));
      });
    },
  };
}

describe('the first request of a tab: a claim in localStorage, read at once, instead of the lock', () => {
  const KEY = 'claim-key';
  const CLAIM = `price-ticker:${KEY}`;
  let storage: Record<string, unknown>;
  beforeEach(() => {
    storage = {};
    vi.stubGlobal('localStorage', storage);
  });
  /** A tab whose Web Lock is granted only when the test says, its feed, and one ticker in it. */
  const openTab = async (claim?: string) => {
    const locks = lateLocks();
    nav.locks = locks;
    const { times } = serve(ok);
    if (claim !== undefined) storage[CLAIM] = claim;
    const a = newFeed(KEY);
    const sa = subscriber(10);
    a.subscribe(sa);
    await settle();
    return { locks, times, a, sa };
  };

  it('with no claim, a tab polls without waiting for the lock, claims the feed, and leads from the grant on', async () => {
    const { locks, times, a, sa } = await openTab();
    expect(locks.requested()).toBe(1); // it asked for the lock all the same
    expect(times).toHaveLength(1); // and polled before the grant
    expect(sa.events.map((e) => e.type)).toEqual(['update']);
    // The grant, 3 s late: the next poll is due from the data's age, not at once.
    await vi.advanceTimersByTimeAsync(3000);
    locks.grant();
    await settle();
    expect(times).toHaveLength(1);
    expect(Number(storage[CLAIM])).toBe(a.lastUpdated! + 10_000);
    await vi.advanceTimersByTimeAsync(7000);
    await settle();
    expect(times).toHaveLength(2);
    expect(Number(storage[CLAIM])).toBe(a.lastUpdated! + 10_000);
    // Letting go of the lock (the tab hidden) drops the claim: a tab that opens next need not wait.
    doc.visibilityState = 'hidden';
    fire('visibilitychange');
    expect(storage).not.toHaveProperty(CLAIM);
    a.unsubscribe(sa);
  });

  it('with a live claim, a tab waits for the lock or the claiming tab’s data, however long', async () => {
    const { locks, times, a, sa } = await openTab(String(Date.now() + 60_000));
    await vi.advanceTimersByTimeAsync(120_000);
    await settle();
    expect(times).toHaveLength(0);
    // No tab sends data (the claimer is gone): the grant comes, and it polls at once.
    locks.grant();
    await settle();
    expect(times).toHaveLength(1);
    a.unsubscribe(sa);
    expect(storage).not.toHaveProperty(CLAIM);
  });

  it('a tab that polled before its grant answers a tab that joins: that one makes no request', async () => {
    nav.locks = lateLocks(); // never granted here
    const { times } = serve(ok);
    const a = newFeed(KEY);
    const b = newFeed(KEY);
    const [sa, sb] = [subscriber(10), subscriber(10)];
    a.subscribe(sa);
    await settle();
    b.subscribe(sb);
    await settle();
    expect(times).toHaveLength(1);
    expect(sb.events.map((e) => e.type)).toEqual(['update']);
    expect(b.lastUpdated).toBe(a.lastUpdated);
    a.unsubscribe(sa);
    b.unsubscribe(sb);
  });

  it.each([
    ['run out (older than a request may take)', () => String(Date.now() - 16_000)],
    ['not a number', () => 'soon'],
    ['empty', () => ''],
    ['JSON', () => JSON.stringify({ t: Date.now() + 60_000 })],
    ['a number with junk after it', () => `${Date.now() + 60_000}ms`],
    ['negative', () => '-1'],
  ])('a claim that is %s is no claim: the tab polls at once', async (_name, value) => {
    const { times, a, sa } = await openTab(value());
    expect(times).toHaveLength(1);
    a.unsubscribe(sa);
  });

  it('where storage is refused, a tab waits for the lock as without claims, and nothing throws', async () => {
    const refuse = () => {
      throw new DOMException('denied', 'SecurityError');
    };
    vi.stubGlobal('localStorage', new Proxy({}, { get: refuse, set: refuse, deleteProperty: refuse }));
    const { locks, times, a, sa } = await openTab();
    expect(times).toHaveLength(0);
    locks.grant();
    await settle();
    expect(times).toHaveLength(1);
    a.unsubscribe(sa);
  });
});
