import axe from 'axe-core';
import { http } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { commands, server, userEvent } from 'vitest/browser';
import type { PriceTickerElement } from '../../src/element.js';
import { items, json, mount, part, sleep, startWorker, testEndpoint, trackX, waitFor, worker } from './support.js';

beforeAll(startWorker);
afterEach(async () => {
  document.body.replaceChildren();
  worker.resetHandlers();
  await emulate([]);
});
afterAll(() => worker.stop());

/**
 * Emulates media features (prefers-reduced-motion, prefers-color-scheme) in this page, the others
 * reset (test/engines/media.ts). False when this engine cannot change them at runtime (Firefox
 * and WebKit set them at launch only).
 */
function emulate(features: Array<{ name: string; value: string }>): Promise<boolean> {
  return commands.emulateMedia(features);
}

/** Emulates `features` or skips the test in an engine that cannot, saying so. */
async function emulateOrSkip(context: TestContext, features: Array<{ name: string; value: string }>): Promise<void> {
  if (await emulate(features)) return;
  const what = features.map((f) => `${f.name}: ${f.value}`).join(', ');
  const reason = `${server.browser} cannot emulate ${what} at runtime (only at launch)`;
  console.warn(`skipped "${context.task.name}": ${reason}`);
  context.skip(reason);
}

/** A market of n coins whose prices come from price(i), served at a fresh endpoint. */
function market(n: number, price: (i: number) => string = (i) => `${i + 1}.5`) {
  const endpoint = testEndpoint();
  const state = { price };
  worker.use(
    http.get(`${endpoint}/coins/markets`, () =>
      json(
        `[${Array.from({ length: n }, (_, i) => `{"id":"coin-${i}","symbol":"c${i}","name":"Coin ${i}","image":null,"current_price":${state.price(i)},"price_change_percentage_24h":${i % 2 ? '-' : ''}1.25}`).join(',')}]`,
      ),
    ),
  );
  return { endpoint, state };
}

async function ready(el: PriceTickerElement, n: number) {
  await waitFor(() => items(el).length === n);
  await el.updateComplete;
  await sleep(50);
}

async function moving(el: PriceTickerElement, ms = 250): Promise<boolean> {
  const x = trackX(el);
  await sleep(ms);
  return trackX(el) !== x;
}

async function axeViolations(el: HTMLElement) {
  const result = await axe.run(el, { resultTypes: ['violations'] });
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('pausing', () => {
  it('the pause button is reachable by keyboard, named by its action, and Play starts at once with focus on it', async () => {
    const { endpoint } = market(6);
    const before = document.createElement('button');
    before.textContent = 'before';
    document.body.append(before);
    const el = mount({ endpoint, interval: '600', speed: '80', limit: '30' });
    await ready(el, 6);
    before.focus();
    await userEvent.tab();
    const button = part(el, '[part="pause-button"]')[0]!;
    expect(el.shadowRoot!.activeElement).toBe(button);
    expect(button.getAttribute('aria-label')).toBe('Pause');
    await userEvent.keyboard('{Enter}');
    await el.updateComplete;
    expect(el.paused).toBe(true);
    expect(button.getAttribute('aria-label')).toBe('Play');
    await sleep(50);
    expect(await moving(el)).toBe(false);
    await userEvent.keyboard(' ');
    await el.updateComplete;
    expect(el.paused).toBe(false);
    expect(el.shadowRoot!.activeElement).toBe(button); // focus still on the button…
    expect(await moving(el)).toBe(true); // …and the strip moves all the same
  });

  it('hovering the coins holds the motion while it lasts', async () => {
    const { endpoint } = market(6);
    const el = mount({ endpoint, interval: '600', speed: '80', limit: '30' });
    await ready(el, 6);
    const viewport = el.shadowRoot!.querySelector<HTMLElement>('.viewport')!;
    await userEvent.hover(viewport);
    await sleep(50);
    expect(await moving(el)).toBe(false);
    await userEvent.unhover(viewport);
    expect(await moving(el)).toBe(true);
  });

  it('keyboard users move through the coins with the arrow keys; the focused coin is in view', async () => {
    const { endpoint } = market(30);
    const el = mount({ endpoint, interval: '600', speed: '80', limit: '30' });
    await ready(el, 30);
    part(el, '[part="pause-button"]')[0]!.focus();
    await userEvent.tab();
    const list = items(el);
    expect(el.shadowRoot!.activeElement).toBe(list[0]);
    expect(list.filter((i) => i.tabIndex === 0)).toHaveLength(1); // one tab stop for the list
    await userEvent.keyboard('{End}');
    const last = list[29]!;
    expect(el.shadowRoot!.activeElement).toBe(last);
    const view = el.shadowRoot!.querySelector('.viewport')!.getBoundingClientRect();
    const box = last.getBoundingClientRect();
    expect(box.left).toBeGreaterThanOrEqual(view.left);
    expect(box.right).toBeLessThanOrEqual(view.right);
    // Focus holds the motion. Firefox settles a pause a frame or more late under load (the shift
    // set meanwhile moves by that much once): the motion is judged once the pause has settled.
    await el.shadowRoot!.querySelector('.track')!.getAnimations()[0]?.ready;
    await new Promise((r) => requestAnimationFrame(r));
    expect(await moving(el)).toBe(false);
    await userEvent.keyboard('{ArrowLeft}');
    expect(el.shadowRoot!.activeElement).toBe(list[28]);
  });

  it('the coin last focused keeps the tab stop through later renders, prices changed or not', async () => {
    const { endpoint, state } = market(5);
    const el = mount({ endpoint, interval: '600' });
    await ready(el, 5);
    items(el)[3]!.focus(); // as a click or a screen reader would: no arrow key wrote the tab stops
    expect(el.shadowRoot!.activeElement).toBe(items(el)[3]);
    const stops = () => items(el).map((item) => item.tabIndex);
    await el.refresh(); // the same prices
    await el.updateComplete;
    expect(stops()).toEqual([-1, -1, -1, 0, -1]);
    state.price = (i) => (i === 0 ? '7.25' : `${i + 1}.5`); // another coin's price moves
    await el.refresh();
    await el.updateComplete;
    expect(stops()).toEqual([-1, -1, -1, 0, -1]);
  });
});

describe('reduced motion', () => {
  it('nothing moves by itself: no animation, no loop copy, a scrollable row; prices still update', async (context) => {
    await emulateOrSkip(context, [{ name: 'prefers-reduced-motion', value: 'reduce' }]);
    const { endpoint, state } = market(30);
    const el = mount({ endpoint, interval: '1', limit: '30' });
    await ready(el, 30);
    const track = el.shadowRoot!.querySelector<HTMLElement>('.track')!;
    expect(track.getAnimations()).toHaveLength(0);
    expect(part(el, '.track > .list')).toHaveLength(1);
    const viewport = el.shadowRoot!.querySelector<HTMLElement>('.viewport')!;
    expect(getComputedStyle(viewport).overflowX).toBe('auto');
    expect(viewport.scrollWidth).toBeGreaterThan(viewport.clientWidth);
    state.price = (i) => `${i + 100}.5`;
    await waitFor(() => items(el)[0]!.querySelector('[part="price"]')!.textContent === '$100.50', 4000);
    // No flash either: no animation on the price or its flash layer, no data-flash.
    expect(part(el, '.price')[0]!.getAnimations({ subtree: true })).toHaveLength(0);
    expect(part(el, '[data-flash]')).toEqual([]);
  });
});

describe('updates in place', () => {
  it('a refresh changes only the texts that changed: same nodes, none added or removed', async () => {
    const { endpoint, state } = market(5);
    const el = mount({ endpoint, interval: '600' });
    await ready(el, 5);
    const nodes = part(el, '*');
    const records: MutationRecord[] = [];
    const observer = new MutationObserver((list) => records.push(...list));
    observer.observe(el.shadowRoot!, { subtree: true, childList: true, characterData: true, attributes: true });
    state.price = (i) => (i === 2 ? '9.75' : `${i + 1}.5`);
    await el.refresh();
    await el.updateComplete;
    records.push(...observer.takeRecords());
    observer.disconnect();
    expect(records.filter((r) => r.type === 'childList')).toEqual([]);
    const changedTexts = records.filter((r) => r.type === 'characterData').map((r) => r.target);
    const texts = new Set(changedTexts.map((t) => t.textContent));
    // The one changed price, in the list and its copies, and its coin's spoken phrase.
    expect(texts).toEqual(new Set(['$9.75', 'Coin 2, C2, $9.75, up 1.25 percent']));
    expect(changedTexts.every((t) => t.parentElement!.closest<HTMLElement>('[data-id]')!.dataset.id === 'coin-2')).toBe(
      true,
    );
    expect(part(el, '*')).toEqual(nodes);
    // The changed price is tinted (one attribute, no animation), and only it; its direction is
    // in the attribute.
    const tinted = part(el, '[data-flash]');
    expect(tinted.length).toBeGreaterThan(0);
    expect(tinted.every((p) => p.matches('.price') && p.textContent === '$9.75')).toBe(true);
    expect(tinted.every((p) => p.dataset.flash === 'up')).toBe(true);
    expect(part(el, '.price').every((p) => p.getAnimations({ subtree: true }).length === 0)).toBe(true);
  });
});

describe('price flashes', () => {
  it('each update tints the prices it moved in the colour of the move and untints the others; one timer ends them all', async () => {
    const { endpoint, state } = market(5);
    const el = mount({ endpoint, interval: '600' });
    await ready(el, 5);
    const prices = () => items(el).map((item) => item.querySelector<HTMLElement>('.price')!);
    const tint = (p: HTMLElement) => getComputedStyle(p).backgroundColor;
    const clear = 'rgba(0, 0, 0, 0)';
    expect(prices().map(tint)).toEqual(Array(5).fill(clear)); // not for the first data
    for (let round = 1; round <= 3; round++) {
      state.price = (i) => `${i + 1}.${round}`;
      await el.refresh();
      await el.updateComplete;
    }
    // Every price moved up in the last round: every one tinted, the same colour, and no
    // animation anywhere on them.
    expect(prices().map((p) => p.dataset.flash)).toEqual(Array(5).fill('up'));
    const up = tint(prices()[0]!);
    expect(up).not.toBe(clear);
    expect(prices().map(tint)).toEqual(Array(5).fill(up));
    expect(prices().every((p) => p.getAnimations({ subtree: true }).length === 0)).toBe(true);
    // Only the first moves now, down: it takes the other colour, the rest are untinted.
    state.price = (i) => (i === 0 ? '0.5' : `${i + 1}.3`);
    await el.refresh();
    await el.updateComplete;
    expect(prices().map((p) => p.dataset.flash ?? '')).toEqual(['down', '', '', '', '']);
    const down = tint(prices()[0]!);
    expect([down === up, down === clear]).toEqual([false, false]);
    expect(prices().slice(1).map(tint)).toEqual(Array(4).fill(clear));
    // The tint lasts a moment, then goes, all at once with the ticker's one class, no render.
    const ticker = el.shadowRoot!.querySelector('.ticker')!;
    await sleep(600);
    expect([ticker.classList.contains('flashing'), tint(prices()[0]!)]).toEqual([true, down]);
    await waitFor(() => !ticker.classList.contains('flashing'), 2000);
    expect(prices().map(tint)).toEqual(Array(5).fill(clear));
  });
});

describe('no layout shift', () => {
  it('has its final height from the first paint and shifts nothing during load and 20 updates', async () => {
    const shifts: number[] = [];
    const moved: string[] = [];
    const start = performance.now();
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (entry.startTime < start) continue;
        const shift = entry as unknown as {
          value: number;
          sources: Array<{ previousRect: DOMRectReadOnly; currentRect: DOMRectReadOnly }>;
        };
        shifts.push(shift.value);
        // Kept to explain a failure: what moved, from where to where.
        moved.push(
          shift.sources.map((s) => `${JSON.stringify(s.previousRect)} -> ${JSON.stringify(s.currentRect)}`).join('; '),
        );
      }
    });
    observer.observe({ type: 'layout-shift', buffered: true });
    // The market opens at these prices; twenty ticks follow, as a market makes them: small
    // moves, some across a digit boundary ($99.99 → $100.01, $999.98 → $1,000.02), changes
    // flipping sign.
    const start0 = [99.99, 999.98, 0.05123, 2620.33, 1.0, 63560.03, 9.99, 149.9];
    const { endpoint, state } = market(8, (i) => String(start0[i]));
    // Page text around the ticker; no margins, so that adding the first paragraph to the test
    // page's empty body cannot itself move the page (margin collapsing through the body).
    const above = document.createElement('p');
    above.textContent = 'Text above';
    const below = document.createElement('p');
    below.textContent = 'Text below the ticker';
    above.style.margin = below.style.margin = '0';
    document.body.append(above);
    const el = mount({ endpoint, interval: '600' });
    document.body.append(below);
    await el.updateComplete;
    const height = el.getBoundingClientRect().height;
    const belowTop = below.getBoundingClientRect().top;
    expect(part(el, '[part~="skeleton"]').length).toBeGreaterThan(0);
    await ready(el, 8);
    for (let round = 1; round <= 20; round++) {
      state.price = (i) => (start0[i]! * (1 + (round % 3 === 0 ? -1 : 1) * 0.0002 * round)).toPrecision(7);
      await el.refresh();
      await el.updateComplete;
    }
    await sleep(100);
    observer.disconnect();
    expect(el.getBoundingClientRect().height).toBe(height);
    expect(below.getBoundingClientRect().top).toBe(belowTop);
    expect(
      shifts.reduce((a, b) => a + b, 0),
      moved.join('\n'),
    ).toBe(0);
  });
});

describe('axe', () => {
  const cases: Array<[string, (context: TestContext) => unknown, Record<string, string>]> = [
    ['light', async () => {}, { theme: 'light' }],
    ['dark', async () => {}, { theme: 'dark' }],
    ['auto in dark mode', (context) => emulateOrSkip(context, [{ name: 'prefers-color-scheme', value: 'dark' }]), {}],
    ['paused', async () => {}, { paused: '' }],
    ['reduced motion', (context) => emulateOrSkip(context, [{ name: 'prefers-reduced-motion', value: 'reduce' }]), {}],
    ['right to left', () => document.documentElement.setAttribute('dir', 'rtl'), { locale: 'ar-EG' }],
  ];
  it.for(cases)('finds no violations: %s', async ([, setup, attrs], context) => {
    await setup(context);
    const { endpoint } = market(6);
    const el = mount({ endpoint, interval: '600', ...attrs });
    await ready(el, 6);
    expect(await axeViolations(el)).toEqual([]);
    document.documentElement.removeAttribute('dir');
  });
});

describe('screen readers', () => {
  it('a named region, not a live region; each coin one phrase, a tiny price in its plain form', async () => {
    const endpoint = testEndpoint();
    worker.use(
      http.get(`${endpoint}/coins/markets`, () =>
        json(
          '[{"id":"bitcoin","symbol":"btc","name":"Bitcoin","image":null,"current_price":63560.03,"price_change_percentage_24h":0.73},{"id":"shib","symbol":"shib","name":"Shiba Inu","image":null,"current_price":0.000008123456,"price_change_percentage_24h":-2.574},{"id":"usdt","symbol":"usdt","name":"Tether","image":null,"current_price":1,"price_change_percentage_24h":-0.004}]',
        ),
      ),
    );
    const el = mount({ endpoint, interval: '600', coins: 'bitcoin shib usdt' });
    await ready(el, 3);
    const region = part(el, '[part="ticker"]')[0]!;
    expect(region.getAttribute('role')).toBe('region');
    expect(region.getAttribute('aria-label')).toBe('Cryptocurrency prices');
    expect(part(el, '[aria-live], [role="status"], [role="alert"], [role="marquee"]')).toEqual([]);
    const phrases = items(el).map((item) => item.querySelector('.visually-hidden')!.textContent);
    expect(phrases).toEqual([
      'Bitcoin, BTC, $63,560.03, up 0.73 percent',
      'Shiba Inu, SHIB, $0.000008123, down 2.57 percent',
      'Tether, USDT, $1.00, unchanged',
    ]);
    // What is seen is hidden from the accessibility tree, so nothing is read twice.
    for (const seen of items(el)[0]!.querySelectorAll('[part]')) expect(seen.getAttribute('aria-hidden')).toBe('true');
  });

  it('speaks the page language: label, pause button and phrases in German', async () => {
    const { endpoint } = market(2);
    const page = document.createElement('div');
    page.lang = 'de';
    document.body.append(page);
    const el = mount({ endpoint, interval: '600' }, page);
    await ready(el, 2);
    expect(part(el, '[part="ticker"]')[0]!.getAttribute('aria-label')).not.toBe('Cryptocurrency prices');
    expect(part(el, '[part="pause-button"]')[0]!.getAttribute('aria-label')).not.toBe('Pause');
    const phrase = items(el)[0]!.querySelector('.visually-hidden')!.textContent;
    expect(phrase).toContain('1,50\u00a0$');
    expect(phrase).toContain('Prozent');
    // A lang change on the page re-renders in the new language.
    page.lang = 'en';
    await waitFor(() => part(el, '[part="pause-button"]')[0]!.getAttribute('aria-label') === 'Pause');
  });
});

describe('contrast', () => {
  /** WCAG relative luminance contrast of two computed `rgb(…)` colours. */
  function contrast(a: string, b: string): number {
    const lum = (c: string) => {
      const [r, g, bl] = c
        .match(/[\d.]+/g)!
        .slice(0, 3)
        .map((v) => {
          const x = Number(v) / 255;
          return x <= 0.04045 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
        });
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
    };
    const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
    return (hi! + 0.05) / (lo! + 0.05);
  }

  it.each(['light', 'dark'])(
    'text is at least 4.5:1 and up/down colours at least 3:1 in the %s theme',
    async (theme) => {
      const { endpoint } = market(4);
      const el = mount({ endpoint, interval: '600', theme });
      await ready(el, 4);
      const background = getComputedStyle(el).backgroundColor;
      const color = (selector: string) => getComputedStyle(el.shadowRoot!.querySelector(selector)!).color;
      expect(contrast(color('.name'), background)).toBeGreaterThanOrEqual(4.5);
      expect(contrast(color('.symbol'), background)).toBeGreaterThanOrEqual(4.5);
      expect(contrast(color('.price'), background)).toBeGreaterThanOrEqual(4.5);
      expect(contrast(color('[data-direction="up"]'), background)).toBeGreaterThanOrEqual(4.5);
      expect(contrast(color('[data-direction="down"]'), background)).toBeGreaterThanOrEqual(4.5);
    },
  );
});
