/**
 * One poller per browser. Same-origin iframes share BroadcastChannel and Web
 * Locks exactly as tabs do, so each "tab" is an iframe of pages/tab.html with one ticker in it.
 * msw, started in this test page, answers the iframes' requests too (its service worker hands a
 * request from a frame that did not start msw to the page that did), so `requests` counts all.
 * Removing an iframe discards its document the way closing a tab does: no disconnectedCallback,
 * the browser drops its locks and channels.
 */
import { http } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import markets2024 from '../fixtures/coingecko-markets-2024.json?raw';
import type { PriceTickerElement } from '../../src/element.js';
import { json, mount, sleep, startWorker, testEndpoint, waitFor, worker } from './support.js';

beforeAll(startWorker);
afterEach(() => {
  document.body.replaceChildren();
  worker.resetHandlers();
});
afterAll(() => worker.stop());

type Tab = Window & { ticker?: PriceTickerElement; updates?: number[] };

function serve(endpoint: string) {
  const requests: number[] = [];
  worker.use(
    http.get(`${endpoint}/coins/markets`, () => {
      requests.push(performance.now());
      return json(markets2024);
    }),
  );
  return requests;
}

/** Opens a tab and waits for its ticker to show prices. */
async function openTab(endpoint: string, query = '&interval=1'): Promise<{ frame: HTMLIFrameElement; tab: Tab }> {
  const frame = document.createElement('iframe');
  frame.src = `/test/browser/pages/tab.html?endpoint=${encodeURIComponent(endpoint)}${query}`;
  document.body.append(frame);
  const tab = await waitFor(() => {
    const w: Tab | null = frame.contentWindow;
    return w?.ticker?.quotes.length === 1 && w;
  }, 10_000);
  return { frame, tab };
}

const since = (times: number[], t: number) => times.filter((x) => x >= t).length;
/** The claim in localStorage of the feed of this endpoint, if any: the time of its leader's next poll. */
const claimKey = (endpoint: string) =>
  Object.keys(localStorage).find((key) => key.startsWith('price-ticker:') && key.includes(endpoint));
const heldLocks = async () => (await navigator.locks.query()).held!.filter((l) => l.name!.startsWith('price-ticker:'));

describe('tabs of one origin', () => {
  it('a tab opened next to one that polls gets its prices at once, without a request of its own', async () => {
    const endpoint = testEndpoint();
    const requests = serve(endpoint);
    const a = await openTab(endpoint, '&interval=60');
    const b = await openTab(endpoint, '&interval=60');
    const c = await openTab(endpoint, '&interval=60');
    expect(requests).toHaveLength(1);
    for (const { tab } of [b, c]) {
      expect(tab.ticker!.quotes).toEqual(a.tab.ticker!.quotes);
      expect(tab.ticker!.lastUpdated).toEqual(a.tab.ticker!.lastUpdated);
      expect(tab.ticker!.status).toBe('live');
    }
  });

  it('share one poller, every tab updated; when the polling tab closes another takes over within one interval', async () => {
    const endpoint = testEndpoint();
    const requests = serve(endpoint);
    const a = await openTab(endpoint);
    const b = await openTab(endpoint);

    // Over 4 intervals: about one request per interval, not two; both tabs get every update.
    const t0 = performance.now();
    const [ua, ub] = [a.tab.updates!.length, b.tab.updates!.length];
    await sleep(4000);
    const made = since(requests, t0);
    expect(made).toBeGreaterThanOrEqual(2);
    expect(made).toBeLessThanOrEqual(5);
    expect(a.tab.updates!.length - ua).toBeGreaterThanOrEqual(made - 1);
    expect(b.tab.updates!.length - ub).toBeGreaterThanOrEqual(made - 1);
    expect(await heldLocks()).toHaveLength(1);

    // The polling tab closes: the other one polls now, within one interval (1 s) of the last poll.
    const last = requests.at(-1)!;
    const closed = performance.now();
    a.frame.remove();
    await waitFor(() => since(requests, closed) > 0, 3000);
    expect(requests.at(-1)! - last).toBeLessThan(1000 + 400);
    const updates = b.tab.updates!.length;
    // It goes on polling: two more updates (about 2 s; a loaded machine's timers run late).
    await waitFor(() => b.tab.updates!.length >= updates + 2, 4000);
    expect(since(requests, closed)).toBeLessThanOrEqual(Math.ceil((performance.now() - closed) / 1000) + 1);
    expect(await heldLocks()).toHaveLength(1);
    b.frame.remove();
    await sleep(100);
    expect(await heldLocks()).toHaveLength(0);
  });

  it('a tab alone posts no prices on the channel; once it hears another tab, it posts every poll', async () => {
    const endpoint = testEndpoint();
    const requests = serve(endpoint);
    const a = await openTab(endpoint);
    await waitFor(() => claimKey(endpoint) !== undefined);
    // A listener that has not spoken yet: the leading tab does not know of it.
    const channel = new BroadcastChannel(claimKey(endpoint)!);
    const heard: unknown[] = [];
    channel.onmessage = (event: MessageEvent) => heard.push(event.data);
    try {
      const polled = requests.length;
      await waitFor(() => requests.length >= polled + 2, 4000);
      expect(heard).toEqual([]);
      // It says hello: the tab answers with its prices, then posts each poll's.
      channel.postMessage({ h: 1 });
      await waitFor(() => heard.length >= 1);
      expect(heard[0]).toMatchObject({ q: a.tab.ticker!.quotes });
      const answered = requests.length;
      await waitFor(() => requests.length >= answered + 2, 4000);
      await waitFor(() => heard.length >= 3);
      expect(heard.every((m) => Array.isArray((m as { q?: unknown }).q))).toBe(true);
    } finally {
      channel.close();
    }
  });

  it('a tab with no prices yet answers a hello with its own, so tabs that open together hear each other', async () => {
    const endpoint = testEndpoint();
    // No answer from the API for now: the tab has no prices to answer with.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    worker.use(
      http.get(`${endpoint}/coins/markets`, async () => {
        await held;
        return json(markets2024);
      }),
    );
    const frame = document.createElement('iframe');
    frame.src = `/test/browser/pages/tab.html?endpoint=${encodeURIComponent(endpoint)}&interval=1`;
    document.body.append(frame);
    await waitFor(() => claimKey(endpoint) !== undefined);
    const channel = new BroadcastChannel(claimKey(endpoint)!);
    const heard: unknown[] = [];
    channel.onmessage = (event: MessageEvent) => heard.push(event.data);
    try {
      channel.postMessage({ h: 1 });
      await waitFor(() => heard.length >= 1);
      expect(heard[0]).toEqual({ h: 2 });
      // Having heard of this listener, the tab posts its first prices when they come.
      release();
      await waitFor(() => heard.some((m) => Array.isArray((m as { q?: unknown }).q)), 4000);
    } finally {
      release();
      channel.close();
    }
  });

  it('a hidden tab stops polling for the others: a visible one takes over, the hidden one still gets the prices', async () => {
    const endpoint = testEndpoint();
    const requests = serve(endpoint);
    const a = await openTab(endpoint);
    const b = await openTab(endpoint);
    // Hide the leading tab, the way page-state.ts reads it.
    Object.defineProperty(a.tab.document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    a.tab.document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
    const hidden = performance.now();
    const ua = a.tab.updates!.length;
    await sleep(3000);
    const made = since(requests, hidden);
    expect(made).toBeGreaterThanOrEqual(2);
    expect(made).toBeLessThanOrEqual(4);
    expect(a.tab.updates!.length - ua).toBeGreaterThanOrEqual(made - 1);
    // Both hidden: nobody polls.
    Object.defineProperty(b.tab.document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    b.tab.document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
    await sleep(200);
    const quiet = requests.length;
    await sleep(2000);
    expect(requests.length).toBe(quiet);
    expect(await heldLocks()).toHaveLength(0);
    // Nor claims: a tab that opens now polls at once.
    expect(claimKey(endpoint)).toBeUndefined();
  });

  it('where Web Locks are missing, each tab polls for itself', async () => {
    const endpoint = testEndpoint();
    const requests = serve(endpoint);
    const a = await openTab(endpoint, '&interval=1&nolocks');
    const b = await openTab(endpoint, '&interval=1&nolocks');
    const t0 = performance.now();
    const [ua, ub] = [a.tab.updates!.length, b.tab.updates!.length];
    await sleep(3000);
    const [na, nb] = [a.tab.updates!.length - ua, b.tab.updates!.length - ub];
    expect(na).toBeGreaterThanOrEqual(2);
    expect(nb).toBeGreaterThanOrEqual(2);
    // Every update in either tab took a request of its own (shared, they would take half).
    expect(since(requests, t0)).toBeGreaterThanOrEqual(na + nb - 1);
  });
});

describe('the first request of a tab', () => {
  /** An endpoint of its own, so that no other test file's claim or lock is in the way. */
  const freshEndpoint = () => `${location.origin}/first-${crypto.randomUUID()}/api/v3`;

  /**
   * Appends a ticker in this page and tells whether its request had started once the update
   * that follows the append was done (no task ran yet: a lock's grant is one), and by the first
   * requestAnimationFrame callback registered right after the append.
   */
  async function append(endpoint: string) {
    const fetches = vi.spyOn(window, 'fetch');
    const requested = () =>
      fetches.mock.calls.some(([input]) => (input instanceof Request ? input.url : String(input)).startsWith(endpoint));
    const el = mount({ coins: 'bitcoin', endpoint, interval: '60' });
    const firstFrame = new Promise<boolean>((resolve) => requestAnimationFrame(() => resolve(requested())));
    await el.updateComplete;
    const inUpdate = requested();
    const beforeFirstFrame = await firstFrame;
    fetches.mockRestore();
    return { el, inUpdate, beforeFirstFrame };
  }

  it('with no tab polling, a ticker on screen asks for its prices before the first frame after it is appended', async () => {
    const endpoint = freshEndpoint();
    const requests = serve(endpoint);
    const { el, inUpdate, beforeFirstFrame } = await append(endpoint);
    expect(inUpdate).toBe(true);
    expect(beforeFirstFrame).toBe(true);
    await waitFor(() => el.quotes.length === 1);
    expect(requests).toHaveLength(1);
    // Then it leads: it holds the lock, and claims the feed until its next poll.
    await waitFor(() => Number(localStorage.getItem(claimKey(endpoint) ?? '')) > Date.now() + 30_000);
    expect(await heldLocks()).toHaveLength(1);
  });

  it('a claim run out or malformed does not hold the request back; a live one does, until the lock is granted', async () => {
    const endpoint = freshEndpoint();
    const requests = serve(endpoint);
    const first = await append(endpoint);
    await waitFor(() => first.el.quotes.length === 1);
    await waitFor(() => Number(localStorage.getItem(claimKey(endpoint) ?? '')) > Date.now() + 30_000);
    const key = claimKey(endpoint)!;
    first.el.remove();
    expect(localStorage.getItem(key)).toBeNull(); // it let go of the lock, and of its claim
    for (const value of [String(Date.now() - 60_000), 'soon', '', '{"t":1}', '-1']) {
      localStorage.setItem(key, value);
      const { el, inUpdate } = await append(endpoint);
      expect(inUpdate, `claim ${JSON.stringify(value)}`).toBe(true);
      await waitFor(() => el.quotes.length === 1);
      el.remove();
    }
    expect(requests).toHaveLength(6);
    // A live claim whose tab is gone: the lock comes free, and the ticker polls then.
    localStorage.setItem(key, String(Date.now() + 60_000));
    const { el, inUpdate } = await append(endpoint);
    expect(inUpdate).toBe(false);
    await waitFor(() => el.quotes.length === 1);
    expect(requests).toHaveLength(7);
  });
});
