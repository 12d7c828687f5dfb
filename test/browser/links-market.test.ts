/**
 * Links, the select event, market data and sparklines, in the shadow DOM of real engines.
 * Quotes come from a `fetcher`, so each test says exactly what the ticker was given.
 */
import axe from 'axe-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import type { PriceTickerElement, PriceTickerSelectEvent, QuoteInput } from '../../src/element.js';
import { formatCompact } from '../../src/format/index.js';
import { items, part, pointerAway, sleep, waitFor } from './support.js';

afterEach(async () => {
  await pointerAway(); // the clicks leave it over the strip
  document.body.replaceChildren();
  history.replaceState(null, '', location.pathname + location.search);
  vi.restoreAllMocks();
});

const COINS: QuoteInput[] = [
  {
    id: 'bitcoin',
    symbol: 'btc',
    name: 'Bitcoin',
    price: '63560.025',
    change: '0.73',
    marketCap: '1254300000000',
    volume: '35212345678.9',
    sparkline: ['61000', '62500.5', '61800', '63560.025'],
  },
  { id: 'a b/c?', symbol: 'x&y', name: 'Odd Coin', price: '0.5', change: '-2.5', volume: '999950' },
  { id: 'tiny', symbol: 'tny', name: 'Tiny', price: '0.000008123', change: null, sparkline: ['2', '1'] },
];

function ticker(attributes: Record<string, string>, quotes: QuoteInput[] = COINS): PriceTickerElement {
  const el = document.createElement('price-ticker');
  for (const [name, value] of Object.entries({ speed: '0', ...attributes })) el.setAttribute(name, value);
  el.fetcher = () => Promise.resolve(structuredClone(quotes));
  document.body.append(el);
  return el;
}

async function shown(el: PriceTickerElement, n = COINS.length): Promise<HTMLElement[]> {
  await waitFor(() => items(el).length === n);
  await el.updateComplete;
  return items(el);
}

const selects = (el: PriceTickerElement) => {
  const seen: PriceTickerSelectEvent[] = [];
  document.addEventListener('price-ticker-select', (event) => seen.push(event));
  return { seen, el };
};

describe('links', () => {
  it('make each coin a link, its placeholders filled in percent-encoded, with one tab stop', async () => {
    const el = ticker({ href: '#coin/{id}/{symbol}' });
    const coins = await shown(el);
    const links = coins.map((li) => li.querySelector<HTMLAnchorElement>('a[part="link"]')!);
    expect(links.map((a) => a.getAttribute('href'))).toEqual([
      '#coin/bitcoin/btc',
      '#coin/a%20b%2Fc%3F/x%26y',
      '#coin/tiny/tny',
    ]);
    // The link holds everything the coin shows, and the tab stop moves from the item to it.
    expect(links[0]!.querySelector('[part="price"]')!.textContent).toBe('$63,560.03');
    expect(coins.map((li) => li.getAttribute('tabindex'))).toEqual([null, null, null]);
    expect(links.map((a) => a.getAttribute('tabindex'))).toEqual(['0', '-1', '-1']);
    // The link's name is the coin's one spoken phrase.
    expect(links[0]!.querySelector('.visually-hidden')!.textContent).toMatch(/^Bitcoin, BTC, \$63,560\.03, up/);
    expect(links[0]!.hasAttribute('target')).toBe(false);
    expect(links[0]!.hasAttribute('rel')).toBe(false);
  });

  it('pass target through, and _blank adds rel="noopener noreferrer"', async () => {
    const el = ticker({ href: 'https://example.com/c/{id}', target: '_blank' });
    const [first] = await shown(el);
    const a = first!.querySelector('a')!;
    expect(a.getAttribute('href')).toBe('https://example.com/c/bitcoin');
    expect(a.target).toBe('_blank');
    expect(a.rel).toBe('noopener noreferrer');
    el.target = 'prices';
    await el.updateComplete;
    expect(a.target).toBe('prices');
    expect(a.hasAttribute('rel')).toBe(false);
  });

  it.each([
    'javascript:alert(1)//{id}',
    'data:text/html,{id}',
    ' JaVaScRiPt:alert(1)',
    'https://user:pw@example.com/{id}',
  ])('refuse %j with one warning, and show no links', async (href) => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const el = ticker({ href });
    const coins = await shown(el);
    el.requestUpdate();
    await el.updateComplete;
    expect(coins.some((li) => li.querySelector('a'))).toBe(false);
    expect(coins[0]!.getAttribute('tabindex')).toBe('0');
    expect(warn.mock.calls.filter(([m]) => String(m).includes('invalid href'))).toHaveLength(1);
  });

  it('refuse a target with spaces with one warning, and open links in place', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const el = ticker({ href: '/c/{id}', target: 'two words' });
    const [first] = await shown(el);
    expect(first!.querySelector('a')!.hasAttribute('target')).toBe(false);
    expect(warn.mock.calls.filter(([m]) => String(m).includes('invalid target="two words"'))).toHaveLength(1);
  });

  it('come and go with href, and arrow keys move between them', async () => {
    const el = ticker({});
    const coins = await shown(el);
    expect(coins.some((li) => li.querySelector('a'))).toBe(false);
    el.href = '/markets/{id}';
    await el.updateComplete;
    const links = coins.map((li) => li.querySelector('a')!);
    expect(links.map((a) => a.getAttribute('href'))).toEqual([
      '/markets/bitcoin',
      '/markets/a%20b%2Fc%3F',
      '/markets/tiny',
    ]);
    links[0]!.focus();
    await userEvent.keyboard('{ArrowRight}');
    expect(el.shadowRoot!.activeElement).toBe(links[1]);
    expect(links.map((a) => a.getAttribute('tabindex'))).toEqual(['-1', '0', '-1']);
    el.href = null;
    await el.updateComplete;
    expect(coins.some((li) => li.querySelector('a'))).toBe(false);
    expect(coins[0]!.querySelector('[part="price"]')!.textContent).toBe('$63,560.03');
  });

  it('are not made in the loop copies, which stay hidden and inert', async () => {
    const el = ticker({ href: '#c/{id}', speed: '40' });
    await shown(el);
    const copies = await waitFor(
      () => part(el, '.list[aria-hidden="true"]').length > 0 && part(el, '.list[aria-hidden="true"]'),
    );
    for (const copy of copies) {
      expect(copy.hasAttribute('inert')).toBe(true);
      expect(copy.querySelector('a, [tabindex]')).toBeNull();
    }
  });
});

describe('accessibility', () => {
  it('has no axe violations with links, market data and sparklines', async () => {
    const el = ticker({ href: '/markets/{id}', fields: 'logo name symbol price change market-cap volume sparkline' });
    await shown(el);
    const result = await axe.run(el, { resultTypes: ['violations'] });
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });
});

describe('price-ticker-select', () => {
  it('fires on a click, with the id and quote, and follows the link', async () => {
    const el = ticker({ href: '#coin-{id}' });
    const { seen } = selects(el);
    const coins = await shown(el);
    await userEvent.click(coins[0]!.querySelector('[part="name"]')!);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.detail.id).toBe('bitcoin');
    expect(seen[0]!.detail.quote).toBe(el.quotes[0]);
    expect(seen[0]!.bubbles && seen[0]!.composed && seen[0]!.cancelable).toBe(true);
    expect(location.hash).toBe('#coin-bitcoin');
  });

  it('cancelled, keeps the link from being followed', async () => {
    const el = ticker({ href: '#coin-{id}' });
    document.addEventListener('price-ticker-select', (event) => event.preventDefault(), { once: true });
    const coins = await shown(el);
    await userEvent.click(coins[1]!.querySelector('[part="price"]')!);
    expect(location.hash).toBe('');
  });

  it('fires on Enter and Space without links, and on Enter with them', async () => {
    const el = ticker({});
    const { seen } = selects(el);
    const coins = await shown(el);
    coins[2]!.focus();
    await userEvent.keyboard('{Enter}');
    await userEvent.keyboard(' ');
    expect(seen.map((e) => e.detail.id)).toEqual(['tiny', 'tiny']);
    el.href = '#k-{id}';
    await el.updateComplete;
    coins[1]!.querySelector('a')!.focus();
    await userEvent.keyboard('{Enter}');
    expect(seen.map((e) => e.detail.id)).toEqual(['tiny', 'tiny', 'a b/c?']);
    expect(location.hash).toBe('#k-a%20b%2Fc%3F');
  });

  it('fires for the real coin when its loop copy is clicked, and follows its link', async () => {
    const el = ticker({ href: '#copy-{id}', speed: '40', paused: '' });
    const { seen } = selects(el);
    await shown(el);
    const copy = await waitFor(() => part(el, '.list[aria-hidden="true"] [data-id]')[0]);
    const viewport = part(el, '.viewport')[0]!;
    // Bring the copy into view: the paused strip moved on until the copy starts near the left.
    const strip = part(el, '.track')[0]!.getAnimations()[0]!;
    const period = Number(strip.effect!.getTiming().duration);
    const start = copy.getBoundingClientRect().left - viewport.getBoundingClientRect().left;
    const listWidth = part(el, '.list')[0]!.getBoundingClientRect().width;
    strip.currentTime = (period * (start - 20)) / listWidth;
    await sleep(50);
    const view = viewport.getBoundingClientRect();
    const box = copy.getBoundingClientRect();
    expect(box.left).toBeGreaterThan(view.left);
    expect(box.left).toBeLessThan(view.right - 10);
    await userEvent.click(viewport, {
      position: { x: box.left - view.left + 3, y: box.top - view.top + box.height / 2 },
    });
    expect(seen.map((e) => e.detail.id)).toEqual([copy.dataset.id]);
    expect(location.hash).toBe(`#copy-${encodeURIComponent(copy.dataset.id!)}`);
  });

  it('does not fire on the pause button', async () => {
    const el = ticker({});
    const { seen } = selects(el);
    await shown(el);
    await userEvent.click(part(el, '[part="pause-button"]')[0]!);
    expect(seen).toHaveLength(0);
  });
});

describe('market data', () => {
  it('shows exactly formatCompact of the market cap and volume, and nothing where there is none', async () => {
    const el = ticker({ fields: 'name price market-cap volume', locale: 'de-DE', currency: 'eur' });
    const coins = await shown(el);
    const text = (li: HTMLElement, name: string) => li.querySelector(`[part="${name}"]`)?.textContent;
    expect(text(coins[0]!, 'market-cap')).toBe(formatCompact('1254300000000', { currency: 'eur', locale: 'de-DE' }));
    expect(text(coins[0]!, 'volume')).toBe(formatCompact('35212345678.9', { currency: 'eur', locale: 'de-DE' }));
    expect(text(coins[1]!, 'volume')).toBe(formatCompact('999950', { currency: 'eur', locale: 'de-DE' }));
    // No value: an empty part that takes no room, never 0 or a dash.
    const empty = coins[1]!.querySelector<HTMLElement>('[part="market-cap"]')!;
    expect(empty.textContent).toBe('');
    expect(empty.getBoundingClientRect().width).toBe(0);
    // Heard with a label, in the page's language.
    const spoken = coins[0]!.querySelector('.visually-hidden')!.textContent;
    expect(spoken).toContain(`Marktkapitalisierung ${text(coins[0]!, 'market-cap')}`);
    expect(spoken).toContain(`Volumen ${text(coins[0]!, 'volume')}`);
    expect(coins[1]!.querySelector('.visually-hidden')!.textContent).not.toContain('Marktkapitalisierung');
    // Seen after a label drawn in CSS, outside the text: the part is wider than its text.
    const volume = coins[0]!.querySelector<HTMLElement>('[part="volume"]')!;
    expect(volume.dataset.label).toBe('Volumen');
    const range = document.createRange();
    range.selectNodeContents(volume.firstChild!);
    expect(volume.getBoundingClientRect().width).toBeGreaterThan(range.getBoundingClientRect().width + 20);
  });

  it('updates when only the market data changed', async () => {
    const el = ticker({ fields: 'price market-cap', interval: '1', endpoint: 'https://example.invalid/' });
    let cap = '1000';
    el.fetcher = () => Promise.resolve([{ id: 'a', symbol: 'a', name: 'A', price: '1', change: '0', marketCap: cap }]);
    await shown(el, 1);
    expect(part(el, '[part="market-cap"]')[0]!.textContent).toBe('$1K');
    cap = '2000';
    await el.refresh();
    await el.updateComplete;
    expect(part(el, '[part="market-cap"]')[0]!.textContent).toBe('$2K');
  });
});

describe('sparklines', () => {
  it('draw the series as a hidden SVG line, coloured by its 7-day direction; none without a series', async () => {
    const el = ticker({ fields: 'name change sparkline' });
    const coins = await shown(el);
    const svg = coins[0]!.querySelector('svg')!;
    expect(svg.getAttribute('part')).toBe('sparkline');
    expect(svg.getAttribute('aria-hidden')).toBe('true');
    const line = svg.querySelector('polyline')!;
    expect(line.getAttribute('data-direction')).toBe('up');
    // In the colour of a rising change, as the change of the same coin is.
    expect(getComputedStyle(line).stroke).toBe(getComputedStyle(coins[0]!.querySelector('[part~="change"]')!).color);
    const points = line
      .getAttribute('points')!
      .split(' ')
      .map((p) => p.split(',').map(Number));
    expect(points).toHaveLength(4);
    expect(points.map(([x]) => x)).toEqual([0, 33.3, 66.7, 100]);
    // The lowest price at the bottom (y 98), the highest at the top (y 2).
    expect(points[0]![1]).toBe(98);
    expect(points[3]![1]).toBe(2);
    expect(coins[1]!.querySelector('svg')).toBeNull();
    expect(coins[2]!.querySelector('polyline')!.getAttribute('data-direction')).toBe('down');
    // 4em × 1.25em by default.
    const em = parseFloat(getComputedStyle(svg).fontSize);
    const box = svg.getBoundingClientRect();
    expect([box.width, box.height]).toEqual([4 * em, 1.25 * em]);
  });

  it('take their size from the custom properties, and a new series moves nothing', async () => {
    const el = ticker({ fields: 'name sparkline price', interval: '1', endpoint: 'https://example.invalid/' });
    el.style.setProperty('--price-ticker-sparkline-width', '80px');
    el.style.setProperty('--price-ticker-sparkline-height', '20px');
    let series = ['1', '2', '3'];
    el.fetcher = () =>
      Promise.resolve([{ id: 'a', symbol: 'a', name: 'A', price: '1', change: '0', sparkline: series }]);
    const [coin] = await shown(el, 1);
    const svg = coin!.querySelector('svg')!;
    const box = svg.getBoundingClientRect();
    expect([box.width, box.height]).toEqual([80, 20]);
    const price = coin!.querySelector('[part="price"]')!.getBoundingClientRect();
    series = ['3', '1', '2', '5', '1'];
    await el.refresh();
    await el.updateComplete;
    expect(svg.querySelector('polyline')!.getAttribute('points')!.split(' ')).toHaveLength(5);
    expect(coin!.querySelector('svg')).toBe(svg);
    expect(coin!.querySelector('[part="price"]')!.getBoundingClientRect().left).toBe(price.left);
    await sleep(0);
  });
});
