import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import markets2024 from '../fixtures/coingecko-markets-2024.json?raw';
import {
  holdMarkets,
  items,
  json,
  mount,
  part,
  releaseHeld,
  serveMarkets,
  startWorker,
  testEndpoint,
  waitFor,
  worker,
} from './support.js';

beforeAll(startWorker);
afterEach(() => {
  document.body.replaceChildren();
  releaseHeld();
  worker.resetHandlers();
});
afterAll(() => worker.stop());

describe('rendering CoinGecko /coins/markets', () => {
  it('shows the fixture with the exact texts in each part', async () => {
    const endpoint = testEndpoint();
    const requests = serveMarkets(endpoint, [() => json(markets2024)]);
    const el = mount({ coins: 'bitcoin', endpoint });
    const [item] = await waitFor(() => items(el).length === 1 && items(el));
    expect(item!.dataset.id).toBe('bitcoin');
    const text = (name: string) => item!.querySelector(`[part~="${name}"]`)?.textContent;
    expect(text('name')).toBe('Bitcoin');
    expect(text('symbol')).toBe('BTC');
    expect(text('price')).toBe('$70,187.00');
    expect(text('change')).toBe('+3.13%');
    const change = item!.querySelector('[part~="change"]')!;
    expect(change.getAttribute('part')).toBe('change up');
    expect(change.getAttribute('data-direction')).toBe('up');
    const logo = item!.querySelector<HTMLImageElement>('img[part="logo"]')!;
    expect(logo.src).toBe('https://assets.coingecko.com/coins/images/1/large/bitcoin.png?1696501400');
    expect(logo.referrerPolicy).toBe('no-referrer');
    expect(el.quotes).toEqual([
      expect.objectContaining({ id: 'bitcoin', symbol: 'btc', name: 'Bitcoin', price: '70187', change: '3.12502' }),
    ]);
    expect(el.status).toBe('live');
    const query = Object.fromEntries(requests[0]!.searchParams);
    expect(query).toEqual({
      vs_currency: 'usd',
      ids: 'bitcoin',
      order: 'market_cap_desc',
      per_page: '1',
      price_change_percentage: '24h',
      precision: 'full',
    });
    // Loop copies (made once the strip's width is known) are hidden from assistive technology
    // and inert.
    const copies = await waitFor(() => {
      const lists = part(el, '.track > .list[aria-hidden="true"]');
      return lists.length > 0 && lists;
    });
    for (const copy of copies) expect(copy.hasAttribute('inert')).toBe(true);
    expect(part(el, '[part="pause-button"]')).toHaveLength(1);
  });

  // The same texts in every engine: its Intl lays out digits that were rounded in decimal.
  it.each([
    ['usd', 'tiny', '0.000008123456789012345678', '-2.574', '$0.0₅8123', '-2.57%', 'down'],
    ['usd', 'huge', '123456789012.345', '0.004', '$123,456,789,012.35', '0.00%', 'flat'],
    ['usd', 'below 1', '0.99996', '-0.73', '$1.00', '-0.73%', 'down'],
    ['jpy', '0 decimals', '10234567.5', '12.345', '¥10,234,568', '+12.35%', 'up'],
    ['bhd', '3 decimals', '1234.5675', '-100', 'BHD\u00a01,234.568', '-100.00%', 'down'],
  ])(
    '%s, %s: price and change written exactly',
    async (currency, _kind, price, change, priceText, changeText, direction) => {
      const endpoint = testEndpoint();
      serveMarkets(endpoint, [
        () =>
          json(`[{"id":"x","symbol":"x","name":"X","current_price":${price},"price_change_percentage_24h":${change}}]`),
      ]);
      const el = mount({ coins: 'x', endpoint, currency, locale: 'en-US' });
      const [item] = await waitFor(() => items(el).length === 1 && items(el));
      expect(item!.querySelector('[part="price"]')!.textContent).toBe(priceText);
      expect(item!.querySelector('[part~="change"]')!.textContent).toBe(changeText);
      expect(item!.querySelector('[part~="change"]')!.getAttribute('data-direction')).toBe(direction);
    },
  );
});

describe('while the first request is out', () => {
  // Records the options of every number formatter made until `stop()` (a subclass keeps Intl's
  // own statics, such as supportedLocalesOf).
  function recordFormatters() {
    const made: Intl.NumberFormatOptions[] = [];
    const Made = Intl.NumberFormat;
    Intl.NumberFormat = class extends Made {
      constructor(locales?: string | string[], options: Intl.NumberFormatOptions = {}) {
        super(locales, options);
        made.push(options);
      }
    } as typeof Intl.NumberFormat;
    return { made, stop: () => (Intl.NumberFormat = Made) };
  }
  const francs = (options: Intl.NumberFormatOptions) => options.currency?.toLowerCase() === 'chf';

  it('makes the formatters its coins need, not after the answer', async () => {
    const { made, stop } = recordFormatters();
    const endpoint = testEndpoint();
    const { release } = holdMarkets(endpoint, '[]');
    try {
      // A currency and locale no other test here formats with: nothing cached for them yet.
      const el = mount({ coins: 'bitcoin', endpoint, currency: 'chf', locale: 'de-CH' });
      await waitFor(() => made.some(francs));
      expect(el.status).toBe('loading');
      expect(made).toContainEqual(expect.objectContaining({ style: 'unit', unit: 'percent' }));
    } finally {
      stop();
      release();
    }
  });

  it('makes none for a ticker off screen, which asks for nothing until it is scrolled to', async () => {
    const { made, stop } = recordFormatters();
    const endpoint = testEndpoint();
    const { release } = holdMarkets(endpoint, '[]');
    try {
      const spacer = document.createElement('div');
      spacer.style.height = '5000px';
      document.body.append(spacer);
      // Francs in another locale than the test above: a formatter of its own.
      mount({ coins: 'bitcoin', endpoint, currency: 'chf', locale: 'fr-CH' });
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(made.filter(francs)).toEqual([]);
    } finally {
      stop();
      release();
    }
  });
});
