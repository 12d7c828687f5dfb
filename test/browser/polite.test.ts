/**
 * In every engine: the HTTP cache and the request's own settings; no polling while the tab is
 * hidden, offline, paused or off screen, and a poll at once when that ends; nothing left behind.
 * Hidden and offline are emulated the way page-state.ts reads them: `document.visibilityState` /
 * `navigator.onLine` overridden on the instance, then the real event dispatched; where the driver
 * can, one test also hides the page for real (commands.hidePage).
 */
import { http } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { commands, server } from 'vitest/browser';
import markets2024 from '../fixtures/coingecko-markets-2024.json?raw';
import { fetchExactJson } from '../../src/feed/http.js';
import { items, json, mount, sleep, startWorker, testEndpoint, waitFor, worker } from './support.js';

const fixtureUrl = () => `${location.origin}/test/fixtures/coingecko-markets-2024.json?run=${Math.random()}`;

describe('the HTTP cache, against the Vite dev server (no msw yet)', () => {
  it("is respected: the feed's second request for a URL is a revalidation (304), not a download", async (context) => {
    // Only Chromium's resource timing tells a revalidation from a download: Firefox reports a 304
    // as a 200 of full size, and WebKitGTK's automation session has no HTTP cache at all.
    if (server.browser !== 'chromium')
      context.skip(`${server.browser}: a revalidation cannot be seen from the page here`);
    // Vite answers `Cache-Control: no-cache` with an ETag: a browser that uses its HTTP cache asks
    // again with If-None-Match and gets a 304 (headers only); one that bypasses it downloads again.
    const url = fixtureUrl();
    const signal = new AbortController().signal;
    const first = await fetchExactJson(url, 'test', signal);
    const second = await fetchExactJson(url, 'test', signal);
    expect(second).toEqual(first);
    await (await fetch(url, { cache: 'no-store' })).text(); // the control: the cache bypassed
    const [a, b, c] = performance.getEntriesByName(url) as PerformanceResourceTiming[];
    // A service worker still mocking for another page would hide the network (transfer sizes 0);
    // test/unit/feed-http.test.ts proves the same (and max-age) against a plain Node server.
    if (a!.transferSize === 0) context.skip('a service worker answered: the HTTP cache is not visible here');
    expect(a!.encodedBodySize).toBe(markets2024.length);
    expect(a!.transferSize).toBeGreaterThan(a!.encodedBodySize); // downloaded
    expect(b!.transferSize).toBeGreaterThan(0); // went to the server…
    expect(b!.transferSize).toBeLessThan(b!.encodedBodySize); // …and got no body back: a 304
    expect(c!.transferSize).toBeGreaterThan(c!.encodedBodySize); // no-store: downloaded again
  });
});

describe('with msw', () => {
  beforeAll(startWorker);
  afterEach(() => {
    document.body.replaceChildren();
    worker.resetHandlers();
    setHidden(false);
    setOnline(true);
  });
  afterAll(() => worker.stop());

  /** Answers `<endpoint>/coins/markets`, recording each request with its time. */
  function serve(endpoint: string) {
    const requests: Array<{ at: number; request: Request }> = [];
    worker.use(
      http.get(`${endpoint}/coins/markets`, ({ request }) => {
        requests.push({ at: performance.now(), request });
        return json(markets2024);
      }),
    );
    return requests;
  }

  function setHidden(hidden: boolean) {
    if (hidden) Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    else delete (document as { visibilityState?: unknown }).visibilityState;
    document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
  }

  function setOnline(online: boolean) {
    if (online) delete (navigator as { onLine?: unknown }).onLine;
    else Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
    window.dispatchEvent(new Event(online ? 'online' : 'offline'));
  }

  /** Checks nothing is requested for `ms`, then that ending the pause polls at once (well within the 1 s interval). */
  async function quietThenAtOnce(requests: unknown[], ms: number, resume: () => void) {
    await sleep(100); // a request already in flight lands
    const count = requests.length;
    await sleep(ms);
    expect(requests.length, 'no request while it should not poll').toBe(count);
    const resumed = performance.now();
    resume();
    await waitFor(() => requests.length > count, 2000);
    expect((requests as Array<{ at: number }>)[count]!.at - resumed).toBeLessThan(700);
  }

  it('every request: no cookies, no referrer, the default cache mode, one Accept: application/json header', async () => {
    const endpoint = testEndpoint();
    const requests = serve(endpoint);
    const el = mount({ coins: 'bitcoin', endpoint, interval: '60' });
    await waitFor(() => items(el).length === 1);
    // msw's service worker hands over the request as the browser made it.
    const { request } = requests[0]!;
    expect(request.credentials).toBe('omit');
    expect(request.referrerPolicy).toBe('no-referrer');
    expect(request.cache).toBe('default');
    expect(request.mode).toBe('cors');
    // The only header set is Accept; Firefox shows the service worker the Accept-Language it adds
    // itself (a CORS-safelisted header: still no preflight).
    expect([...request.headers].filter(([name]) => name !== 'accept-language')).toEqual([
      ['accept', 'application/json'],
    ]);
  });

  it('does not poll while the tab is hidden; shown again with data older than the interval, polls at once', async () => {
    const endpoint = testEndpoint();
    const requests = serve(endpoint);
    const el = mount({ coins: 'bitcoin', endpoint, interval: '1' });
    await waitFor(() => items(el).length === 1);
    setHidden(true);
    await quietThenAtOnce(requests, 2500, () => setHidden(false));
    // Back on the interval afterwards.
    await waitFor(() => requests.length >= 3 + 1, 3000);
  });

  it('does not poll while the driver really hides the page; shown again, polls at once', async (context) => {
    const endpoint = testEndpoint();
    const requests = serve(endpoint);
    const el = mount({ coins: 'bitcoin', endpoint, interval: '1' });
    await waitFor(() => items(el).length === 1);
    if (!(await commands.hidePage(true)))
      context.skip(
        `${server.browser}: the driver cannot hide the page here (the test above hides it by its visibilityState)`,
      );
    try {
      await waitFor(() => document.visibilityState === 'hidden', 3000);
      await sleep(100); // a request already in flight lands
      const count = requests.length;
      await sleep(2500);
      expect(requests.length, 'no request while hidden').toBe(count);
      const shown = performance.now();
      await commands.hidePage(false);
      await waitFor(() => requests.length > count, 3000);
      expect(requests[count]!.at - shown).toBeLessThan(1500);
    } finally {
      await commands.hidePage(false);
    }
  });

  it('a ticker on a page that loads hidden polls only once the tab is shown', async () => {
    const endpoint = testEndpoint();
    const requests = serve(endpoint);
    setHidden(true);
    const el = mount({ coins: 'bitcoin', endpoint, interval: '1' });
    await quietThenAtOnce(requests, 1500, () => setHidden(false));
    await waitFor(() => items(el).length === 1);
  });

  it('does not poll while the browser is offline; back online, polls at once', async () => {
    const endpoint = testEndpoint();
    const requests = serve(endpoint);
    const el = mount({ coins: 'bitcoin', endpoint, interval: '1' });
    await waitFor(() => items(el).length === 1);
    setOnline(false);
    await quietThenAtOnce(requests, 2500, () => setOnline(true));
  });

  it('a paused ticker loads its first prices once, then polls no more until unpaused', async () => {
    const endpoint = testEndpoint();
    const requests = serve(endpoint);
    const el = mount({ coins: 'bitcoin', endpoint, interval: '1', paused: '' });
    await waitFor(() => items(el).length === 1);
    expect(requests).toHaveLength(1);
    await quietThenAtOnce(requests, 2500, () => (el.paused = false));
    expect(requests.length).toBeLessThanOrEqual(2 + 1);
  });

  it('does not poll while every ticker of the feed is off screen; back on screen, polls at once', async () => {
    const endpoint = testEndpoint();
    const requests = serve(endpoint);
    const attrs = { coins: 'bitcoin', endpoint, interval: '1' };
    const [a, b] = [mount(attrs), mount(attrs)];
    await waitFor(() => items(a).length === 1 && items(b).length === 1);
    const away = (el: HTMLElement) =>
      Object.assign(el.style, { position: 'absolute', top: '5000px', left: '0', width: '300px' });
    // One of two off screen: the other still wants prices.
    away(a);
    const count = requests.length;
    await sleep(2300);
    expect(requests.length).toBeGreaterThanOrEqual(count + 2);
    // Both off screen: quiet. One back: at once.
    away(b);
    await quietThenAtOnce(requests, 2500, () => b.removeAttribute('style'));
    await waitFor(() => items(b).length === 1);
  });

  it('a ticker mounted off screen does not poll until it is scrolled into view', async () => {
    const endpoint = testEndpoint();
    const requests = serve(endpoint);
    const spacer = document.createElement('div');
    spacer.style.height = '5000px';
    document.body.append(spacer);
    const el = mount({ coins: 'bitcoin', endpoint, interval: '1' });
    await quietThenAtOnce(requests, 1500, () => el.scrollIntoView());
    await waitFor(() => items(el).length === 1);
  });

  it('removing the last ticker of a feed aborts its request and leaves no timer, listener, observer, channel, lock or claim', async () => {
    const restore: Array<() => void> = [];
    const patch = <T extends object, K extends keyof T>(target: T, key: K, value: T[K]) => {
      const original = target[key];
      target[key] = value;
      restore.push(() => (target[key] = original));
      return original;
    };
    // Timers: pending ones, with their delays.
    const pending = new Map<number, number>();
    const realSet = patch(window, 'setTimeout', ((fn: () => void, delay = 0, ...args: unknown[]) => {
      const id: number = realSet(() => (pending.delete(id), fn(...(args as []))), delay);
      pending.set(id, delay);
      return id;
    }) as typeof setTimeout);
    const realClear = patch(
      window,
      'clearTimeout',
      ((id?: number) => (pending.delete(id!), realClear(id))) as typeof clearTimeout,
    );
    // Listeners for the page's state, on window and document.
    const listening = new Map<string, number>();
    const PAGE_EVENTS = ['visibilitychange', 'online', 'offline'];
    for (const target of [window, document] as EventTarget[]) {
      const add = patch(target, 'addEventListener', function (this: EventTarget, type: string, ...rest: unknown[]) {
        if (PAGE_EVENTS.includes(type)) listening.set(type, (listening.get(type) ?? 0) + 1);
        return (add as (...a: unknown[]) => void).call(this, type, ...rest);
      });
      const remove = patch(
        target,
        'removeEventListener',
        function (this: EventTarget, type: string, ...rest: unknown[]) {
          if (PAGE_EVENTS.includes(type)) listening.set(type, (listening.get(type) ?? 0) - 1);
          return (remove as (...a: unknown[]) => void).call(this, type, ...rest);
        },
      );
    }
    // Channels and observers still open.
    const channels = new Set<BroadcastChannel>();
    const RealChannel = patch(
      window,
      'BroadcastChannel',
      class extends BroadcastChannel {
        constructor(name: string) {
          super(name);
          channels.add(this);
        }
        override close() {
          channels.delete(this);
          super.close();
        }
      },
    );
    const observing = new Set<IntersectionObserver>();
    patch(
      window,
      'IntersectionObserver',
      class extends IntersectionObserver {
        override observe(target: Element) {
          observing.add(this);
          super.observe(target);
        }
        override disconnect() {
          observing.delete(this);
          super.disconnect();
        }
      },
    );
    // The signals of the requests made.
    const signals: AbortSignal[] = [];
    const realFetch: typeof fetch = patch(window, 'fetch', (input: RequestInfo | URL, init?: RequestInit) => {
      if (init?.signal) signals.push(init.signal);
      return realFetch(input, init);
    });
    void RealChannel;

    try {
      const endpoint = testEndpoint();
      let answered = 0;
      // The first answer comes at once; the second never does, so it is in flight at removal.
      worker.use(
        http.get(`${endpoint}/coins/markets`, () =>
          answered++ === 0 ? json(markets2024) : new Promise<Response>(() => {}),
        ),
      );
      const attrs = { coins: 'bitcoin', endpoint, interval: '1' };
      const tickers = [mount(attrs), mount(attrs), mount(attrs)];
      await waitFor(() => tickers.every((t) => items(t).length === 1));
      await waitFor(() => answered === 2, 3000);
      expect(channels.size).toBe(1);
      expect(observing.size).toBe(3);
      expect(listening.get('visibilitychange')).toBe(1);
      const locks = await navigator.locks.query();
      expect(locks.held!.filter((l) => l.name!.startsWith('price-ticker:'))).toHaveLength(1);
      const claims = () => Object.keys(localStorage).filter((key) => key.includes(endpoint));
      expect(claims()).toHaveLength(1); // the polling tab's claim on the feed
      const inFlight = signals.at(-1)!;
      expect(inFlight.aborted).toBe(false);

      tickers[0]!.remove();
      tickers[1]!.remove();
      expect(inFlight.aborted).toBe(false); // one ticker left: the feed lives on
      tickers[2]!.remove();
      expect(inFlight.aborted).toBe(true);
      await sleep(50);
      expect(channels.size).toBe(0);
      expect(observing.size).toBe(0);
      expect(Object.fromEntries(listening)).toEqual({ visibilitychange: 0, online: 0, offline: 0 });
      const after = await navigator.locks.query();
      expect([...after.held!, ...after.pending!].filter((l) => l.name!.startsWith('price-ticker:'))).toEqual([]);
      expect(claims()).toEqual([]);
      // The feed's timers are all ≥ 1 s (interval, staleness, the 15 s request timeout).
      expect([...pending.values()].filter((delay) => delay >= 1000)).toEqual([]);
      const before = signals.length;
      await sleep(1500);
      expect(signals.length).toBe(before);
    } finally {
      for (const undo of restore.reverse()) undo();
    }
  });
});
