import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import markets2024 from '../fixtures/coingecko-markets-2024.json?raw';
import { PriceTickerErrorEvent, PriceTickerUpdateEvent } from '../../src/element.js';
import { items, json, mount, serveMarkets, sleep, startWorker, testEndpoint, waitFor, worker } from './support.js';

beforeAll(startWorker);
afterEach(() => {
  document.body.replaceChildren();
  worker.resetHandlers();
});
afterAll(() => worker.stop());

const priceText = (el: HTMLElement) =>
  el.shadowRoot!.querySelector('.track > .list:not([aria-hidden]) [part="price"]')?.textContent;

describe('the feed in Chromium', () => {
  it('three identical tickers make one request per interval', async () => {
    const endpoint = testEndpoint();
    const requests = serveMarkets(endpoint, [() => json(markets2024)]);
    const attrs = { coins: 'bitcoin', endpoint, interval: '1' };
    const tickers = [mount(attrs), mount(attrs), mount(attrs)];
    await waitFor(() => tickers.every((t) => items(t).length === 1));
    expect(requests).toHaveLength(1);
    // Over the next ~2.5 intervals: one request per interval, not three.
    await sleep(2500);
    expect(requests.length).toBeGreaterThanOrEqual(2);
    expect(requests.length).toBeLessThanOrEqual(4);
    // A different currency is different data: its own feed, its own request.
    const other = mount({ ...attrs, currency: 'eur' });
    await waitFor(() => items(other).length === 1);
    expect(requests.some((u) => u.searchParams.get('vs_currency') === 'eur')).toBe(true);
  });

  it('keeps the prices through a 500, with the error event in between, then replaces them', async () => {
    const endpoint = testEndpoint();
    const second = markets2024.replace('"current_price": 70187', '"current_price": 71234.5');
    const requests = serveMarkets(endpoint, [
      () => json(markets2024),
      () => json('{"error":"boom"}', { status: 500 }),
      () => json(second),
    ]);
    const el = mount({ coins: 'bitcoin', endpoint, interval: '1' });
    const events: string[] = [];
    el.addEventListener('price-ticker-update', (e) => {
      expect(e).toBeInstanceOf(PriceTickerUpdateEvent);
      events.push(`update:${e.detail.quotes[0]?.price}:${e.detail.changed.join(',')}`);
    });
    let errorEvent: PriceTickerErrorEvent | undefined;
    el.addEventListener('price-ticker-error', (e) => {
      errorEvent = e;
      events.push(`error:${e.detail.status}`);
      // During the failure the last good price is still on screen.
      expect(priceText(el)).toBe('$70,187.00');
      expect(el.quotes[0]?.price).toBe('70187');
    });
    await waitFor(() => priceText(el) === '$70,187.00');
    // The retry after a failure waits at least the floor (1 s) with jitter up to 2 intervals.
    await waitFor(() => priceText(el) === '$71,234.50', 8000);
    expect(requests.length).toBeGreaterThanOrEqual(3);
    expect(events.slice(0, 3)).toEqual(['update:70187:bitcoin', 'error:500', 'update:71234.5:bitcoin']);
    expect(errorEvent!.detail.error.message).toContain(`${endpoint}/coins/markets`);
    expect(errorEvent!.detail.error.message).toContain('500');
    expect(errorEvent!.detail.retryIn).toBeGreaterThanOrEqual(1);
    expect(errorEvent!.bubbles && errorEvent!.composed).toBe(true);
    expect(el.status).toBe('live');
  });

  it('stops polling and aborts when the last ticker of a feed is removed', async () => {
    const endpoint = testEndpoint();
    const requests = serveMarkets(endpoint, [() => json(markets2024)]);
    const el = mount({ coins: 'bitcoin', endpoint, interval: '1' });
    await waitFor(() => items(el).length === 1);
    el.remove();
    const count = requests.length;
    await sleep(2200);
    expect(requests.length).toBe(count);
  });

  it('refresh() polls at once and shares the request in flight', async () => {
    const endpoint = testEndpoint();
    const requests = serveMarkets(endpoint, [() => json(markets2024)]);
    const el = mount({ coins: 'bitcoin', endpoint, interval: '600' });
    await waitFor(() => items(el).length === 1);
    await Promise.all([el.refresh(), el.refresh()]);
    expect(requests).toHaveLength(2);
    expect(el.lastUpdated).toBeInstanceOf(Date);
  });
});
