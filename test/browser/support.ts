/** Shared helpers for the Chromium tests: the msw worker, mounting tickers, waiting. */
import { http, HttpResponse } from 'msw';
import { setupWorker } from 'msw/browser';
import { userEvent } from 'vitest/browser';
import type { PriceTickerElement } from '../../src/element.js';
import '../../src/index.js';

export const worker = setupWorker();

export async function startWorker(): Promise<void> {
  await worker.start({ quiet: true, onUnhandledRequest: 'bypass', serviceWorker: { url: '/mockServiceWorker.js' } });
}

/** A base URL that is not CoinGecko's public one (1 s poll floor), unique per test. */
let counter = 0;
export function testEndpoint(): string {
  return `${location.origin}/test-api-${++counter}/api/v3`;
}

export function json(text: string, init: ResponseInit = {}): Response {
  return new HttpResponse(text, {
    ...init,
    headers: { 'Content-Type': 'application/json', ...(init.headers as Record<string, string> | undefined) },
  });
}

/** Serves bodies in turn for `<endpoint>/coins/markets`, counting requests; the last repeats. */
export function serveMarkets(endpoint: string, responses: Array<() => Response>) {
  const requests: URL[] = [];
  worker.use(
    http.get(`${endpoint}/coins/markets`, ({ request }) => {
      requests.push(new URL(request.url));
      const next = responses[Math.min(requests.length - 1, responses.length - 1)]!;
      return next();
    }),
  );
  return requests;
}

/** The release of every answer still held (see holdMarkets). */
const held = new Set<() => void>();

/**
 * Answers `<endpoint>/coins/markets` with `body` only when `release()` is called, counting
 * requests: until then a request is held, so what is on screen meanwhile did not come from it.
 * Call releaseHeld() after each test: a request its page gave up on still keeps the service
 * worker's fetch event open, and a browser may stop a worker whose events stay open too long.
 */
export function holdMarkets(endpoint: string, body: string) {
  const requests: URL[] = [];
  let answer: () => void = () => {};
  const answered = new Promise<void>((resolve) => (answer = resolve));
  held.add(answer);
  worker.use(
    http.get(`${endpoint}/coins/markets`, async ({ request }) => {
      requests.push(new URL(request.url));
      await answered;
      return json(body);
    }),
  );
  return { requests, release: () => answer() };
}

/** Answers every request still held by holdMarkets. */
export function releaseHeld(): void {
  held.forEach((release) => release());
  held.clear();
}

export function mount(attributes: Record<string, string>, parent: HTMLElement = document.body): PriceTickerElement {
  const el = document.createElement('price-ticker');
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  parent.append(el);
  return el;
}

export async function waitFor<T>(check: () => T | undefined | null | false, timeout = 5000): Promise<T> {
  const start = performance.now();
  for (;;) {
    const value = check();
    if (value) return value;
    if (performance.now() - start > timeout)
      throw new Error(`waitFor timed out after ${timeout} ms: ${check.toString()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export function part(el: PriceTickerElement, selector: string): HTMLElement[] {
  return [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
}

/** The items of the real list (not the aria-hidden loop copies). */
export function items(el: PriceTickerElement): HTMLElement[] {
  return part(el, '.track > .list:not([aria-hidden]) [part~="item"]');
}

/** The track's current translateX in px, as the compositor sees it. */
export function trackX(el: PriceTickerElement): number {
  const track = el.shadowRoot!.querySelector<HTMLElement>('.track')!;
  return new DOMMatrixReadOnly(getComputedStyle(track).transform).m41;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Moves the pointer to the page's bottom-right corner: a ticker drawn under a pointer left
 * where an earlier test clicked would be held by the hover, and not move.
 */
export async function pointerAway(): Promise<void> {
  const away = document.createElement('div');
  away.style.cssText = 'position: fixed; right: 0; bottom: 0; width: 8px; height: 8px';
  document.body.append(away);
  await userEvent.hover(away);
  away.remove();
}
