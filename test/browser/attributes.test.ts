import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { http } from 'msw';
import markets2024 from '../fixtures/coingecko-markets-2024.json?raw';
import { PriceTickerElement } from '../../src/element.js';
import type { Settings } from '../../src/config.js';
import { items, json, mount, part, serveMarkets, startWorker, testEndpoint, waitFor, worker } from './support.js';

beforeAll(startWorker);
afterEach(() => {
  document.body.replaceChildren();
  document.documentElement.removeAttribute('lang');
  worker.resetHandlers();
  vi.restoreAllMocks();
});
afterAll(() => worker.stop());

// attribute, a valid value and the property it gives, an invalid value, the default.
const CASES: Array<[string, string, unknown, string, unknown]> = [
  ['source', 'coingecko', 'coingecko', 'nasdaq', 'coingecko'],
  ['coins', 'bitcoin, ethereum solana', ['bitcoin', 'ethereum', 'solana'], 'bit<coin>', []],
  ['currency', 'EUR', 'eur', 'e u r', 'usd'],
  ['limit', '50', 50, '251', 20],
  ['interval', '90', 90, '-5', 60],
  ['endpoint', 'https://proxy.example/cg', 'https://proxy.example/cg', 'javascript:alert(1)', null],
  ['change', '7d', '7d', '2w', '24h'],
  ['locale', 'de-DE', 'de-DE', 'not a locale!', null],
  ['speed', '0', 0, 'fast', 40],
  ['direction', 'right', 'right', 'up', 'auto'],
  [
    'fields',
    'sparkline price VOLUME name market-cap',
    ['name', 'price', 'market-cap', 'volume', 'sparkline'],
    'price marketcap',
    ['logo', 'name', 'symbol', 'price', 'change'],
  ],
  ['subscript-zeros', '0', 0, '2.5', 5],
  ['theme', 'dark', 'dark', 'blue', 'auto'],
  ['label', 'Markets', 'Markets', '   ', 'Cryptocurrency prices'],
];
const property = (attribute: string) => attribute.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());

describe('attributes', () => {
  it('defines <price-ticker>, and defining it again is not an error', () => {
    expect(customElements.get('price-ticker')).toBe(PriceTickerElement);
    expect(() => PriceTickerElement.define()).not.toThrow();
  });

  it.each(CASES)(
    '%s: read into its property, invalid values fall back with one warning',
    async (attribute, valid, parsed, invalid, fallback) => {
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
      worker.use(http.get('*/coins/markets', () => json('[]')));
      const el = mount(attribute === 'endpoint' ? {} : { endpoint: testEndpoint() });
      const prop = property(attribute) as keyof Settings;
      expect(el[prop]).toEqual(fallback);
      el.setAttribute(attribute, valid);
      expect(el[prop]).toEqual(parsed);
      el.setAttribute(attribute, invalid);
      expect(el[prop]).toEqual(fallback);
      el.setAttribute(attribute, invalid); // same value again: no second warning
      await el.updateComplete;
      const mine = warn.mock.calls.map((c) => String(c[0])).filter((m) => m.startsWith('<price-ticker>'));
      expect(mine).toHaveLength(1);
      expect(mine[0]).toContain(attribute);
      el.removeAttribute(attribute);
      expect(el[prop]).toEqual(fallback);
    },
  );

  it('reads property values set from JavaScript the same way', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    worker.use(http.get('*/coins/markets', () => json('[]')));
    const el = mount({ endpoint: testEndpoint() });
    (el as unknown as { coins: string }).coins = 'bitcoin,solana';
    el.limit = 0;
    await el.updateComplete;
    expect(el.coins).toEqual(['bitcoin', 'solana']);
    expect(el.limit).toBe(20);
    expect(warn.mock.calls.some((c) => String(c[0]).includes('limit'))).toBe(true);
  });

  it('reflects paused as an attribute', async () => {
    worker.use(http.get('*/coins/markets', () => json('[]')));
    const el = mount({ endpoint: testEndpoint() });
    el.paused = true;
    await el.updateComplete;
    expect(el.getAttribute('paused')).toBe('');
    el.removeAttribute('paused');
    expect(el.paused).toBe(false);
  });

  it('reacts to currency, locale, fields, subscript-zeros and label changed after connection', async () => {
    const endpoint = testEndpoint();
    const tiny = markets2024.replace('"current_price": 70187', '"current_price": 0.000008123456');
    const requests = serveMarkets(endpoint, [() => json(tiny)]);
    const el = mount({ coins: 'bitcoin', endpoint, interval: '600' });
    await waitFor(() => items(el).length === 1);
    const price = () => part(el, '.track > .list:not([aria-hidden]) [part="price"]')[0]!;
    expect(price().textContent).toBe('$0.0₅8123');
    expect(price().title).toBe('$0.000008123');
    el.setAttribute('subscript-zeros', '0');
    await el.updateComplete;
    expect(price().textContent).toBe('$0.000008123');
    expect(price().hasAttribute('title')).toBe(false);

    el.setAttribute('currency', 'eur');
    await waitFor(() => requests.some((u) => u.searchParams.get('vs_currency') === 'eur') && items(el).length === 1);
    el.setAttribute('locale', 'de-DE');
    await el.updateComplete;
    expect(price().textContent).toBe(
      new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR', maximumFractionDigits: 9 }).format(
        0.000008123,
      ),
    );

    el.setAttribute('fields', 'symbol change');
    await el.updateComplete;
    const shown = items(el)[0]!.querySelectorAll('[part]');
    expect([...shown].map((n) => n.getAttribute('part'))).toEqual(['symbol', 'change up']);

    el.setAttribute('label', 'Crypto markets');
    await el.updateComplete;
    expect(part(el, '[part="ticker"]')[0]!.getAttribute('aria-label')).toBe('Crypto markets');
    expect(part(el, '[part="ticker"]')[0]!.getAttribute('role')).toBe('region');
  });

  it('takes the locale from the closest lang, else the browser', async () => {
    const endpoint = testEndpoint();
    serveMarkets(endpoint, [() => json(markets2024)]);
    const wrapper = document.createElement('div');
    wrapper.lang = 'de-DE';
    document.body.append(wrapper);
    const el = mount({ coins: 'bitcoin', endpoint, interval: '600' }, wrapper);
    await waitFor(() => items(el).length === 1);
    expect(part(el, '.track > .list:not([aria-hidden]) [part="price"]')[0]!.textContent).toBe('70.187,00\u00a0$');
    expect(part(el, '.track > .list:not([aria-hidden]) [part~="change"]')[0]!.textContent).toBe('+3,13\u00a0%');
  });

  it('asks for the top `limit` coins by market cap when coins is empty, and for the change window', async () => {
    const endpoint = testEndpoint();
    const requests = serveMarkets(endpoint, [() => json(markets2024)]);
    const el = mount({ endpoint, limit: '5', change: '1h', interval: '600' });
    await waitFor(() => items(el).length === 1);
    expect(requests[0]!.searchParams.get('per_page')).toBe('5');
    expect(requests[0]!.searchParams.get('ids')).toBeNull();
    expect(requests[0]!.searchParams.get('price_change_percentage')).toBe('1h');
  });
});
