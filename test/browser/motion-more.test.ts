import { http } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PriceTickerElement } from '../../src/element.js';
import { items, json, mount, part, sleep, startWorker, testEndpoint, trackX, waitFor, worker } from './support.js';

beforeAll(startWorker);
afterEach(() => {
  document.body.replaceChildren();
  worker.resetHandlers();
});
afterAll(() => worker.stop());

function market(n: number, image: (i: number) => string | null = () => null) {
  const endpoint = testEndpoint();
  worker.use(
    http.get(`${endpoint}/coins/markets`, () =>
      json(
        `[${Array.from({ length: n }, (_, i) => JSON.stringify({ id: `coin-${i}`, symbol: `c${i}`, name: `Coin ${i}`, image: image(i), current_price: `${i + 1}.5`, price_change_percentage_24h: '1.25' })).join(',')}]`,
      ),
    ),
  );
  return endpoint;
}

const frame = () => new Promise((r) => requestAnimationFrame(r));
const clock = () => Number(document.timeline.currentTime);

/**
 * The most a track may be off where steady motion puts it: two frames' travel at `speed`, since an
 * engine's computed transform may lag its timeline by a frame or two on a loaded machine (seen in
 * WebKit); a jump to the start would be off by up to a whole list width.
 */
const slack = (speed: number) => 1 + (2 * speed) / 60;

/** The jump (px) of the track across `change`, less the steady motion at `speed` meanwhile. */
async function jumpAcross(el: PriceTickerElement, speed: number, change: () => void | Promise<void>): Promise<number> {
  const x0 = trackX(el);
  const t0 = clock();
  await change();
  await frame();
  await frame();
  return Math.abs(trackX(el) - (x0 - (speed * (clock() - t0)) / 1000));
}

describe('motion across resizes', () => {
  it('keeps its position when the content width changes (a font size change, as when fonts load)', async () => {
    const el = mount({ endpoint: market(8), interval: '600', speed: '50' });
    await waitFor(() => items(el).length === 8);
    await sleep(600);
    const before = part(el, '.track > .list')[0]!.getBoundingClientRect().width;
    const jump = await jumpAcross(el, 50, () => {
      el.style.fontSize = '20px';
    });
    expect(part(el, '.track > .list')[0]!.getBoundingClientRect().width).toBeGreaterThan(before);
    expect(jump).toBeLessThan(slack(50));
  });

  it('keeps its position when the ticker itself is resized', async () => {
    const el = mount({ endpoint: market(3), interval: '600', speed: '50' });
    await waitFor(() => items(el).length === 3);
    await sleep(600);
    const copies = part(el, '.track > .list').length;
    const jump = await jumpAcross(el, 50, async () => {
      el.style.width = '2400px';
      await sleep(50); // the ResizeObserver adds loop copies for the wider viewport
    });
    expect(part(el, '.track > .list').length).toBeGreaterThan(copies);
    expect(jump).toBeLessThan(slack(50));
    // The new loop copies repeat the list's coins at exactly their widths, reserved room
    // included (the last copy may stop early): the loop stays seamless.
    const [list, ...loopCopies] = part(el, '.track > .list');
    const widths = (l: HTMLElement) => [...l.children].map((item) => item.getBoundingClientRect().width);
    expect(loopCopies.length).toBeGreaterThan(0);
    for (const copy of loopCopies) {
      const copied = widths(copy);
      expect(copied.length).toBeGreaterThan(0);
      copied.forEach((width, i) => expect(width).toBeCloseTo(widths(list!)[i]!, 1));
    }
  });
});

describe('touch', () => {
  it('a tap holds the motion and the next tap releases it', async () => {
    const el = mount({ endpoint: market(6), interval: '600', speed: '80' });
    await waitFor(() => items(el).length === 6);
    const viewport = el.shadowRoot!.querySelector('.viewport')!;
    const tap = () => {
      for (const type of ['pointerdown', 'pointerup'])
        viewport.dispatchEvent(new PointerEvent(type, { pointerType: 'touch', bubbles: true, composed: true }));
    };
    tap();
    await sleep(50);
    const x = trackX(el);
    await sleep(250);
    expect(trackX(el)).toBe(x);
    tap();
    await sleep(250);
    expect(trackX(el)).not.toBe(x);
  });
});

describe('logos', () => {
  it('sit in a fixed box, load lazily, and a broken one leaves its box (no hole, no shift)', async () => {
    const el = mount({
      endpoint: market(2, (i) => `${location.origin}/missing-logo-${i}.png`),
      interval: '600',
      speed: '0',
    });
    await waitFor(() => items(el).length === 2);
    const img = part(el, '.track > .list:not([aria-hidden]) img[part="logo"]')[0] as HTMLImageElement;
    expect(img.loading).toBe('lazy');
    const box = img.getBoundingClientRect();
    const name = items(el)[0]!.querySelector('[part="name"]')!.getBoundingClientRect().left;
    await waitFor(() => img.style.visibility === 'hidden', 4000);
    expect(img.getBoundingClientRect().width).toBe(box.width);
    expect(img.getBoundingClientRect().height).toBe(box.height);
    expect(items(el)[0]!.querySelector('[part="name"]')!.getBoundingClientRect().left).toBe(name);
  });
});

describe('languagechange', () => {
  it('re-renders in the browser language when it changes and no lang is set', async () => {
    const html = document.documentElement;
    const lang = html.getAttribute('lang');
    html.removeAttribute('lang');
    const original = Object.getOwnPropertyDescriptor(Navigator.prototype, 'language')!;
    try {
      Object.defineProperty(navigator, 'language', { configurable: true, get: () => 'en-US' });
      const el = mount({ endpoint: market(1), interval: '600' });
      await waitFor(() => items(el).length === 1);
      const price = () => items(el)[0]!.querySelector('[part="price"]')!.textContent;
      expect(price()).toBe('$1.50');
      Object.defineProperty(navigator, 'language', { configurable: true, get: () => 'de-DE' });
      dispatchEvent(new Event('languagechange'));
      await waitFor(() => price() === '1,50\u00a0$');
      expect(part(el, '[part="pause-button"]')[0]!.getAttribute('aria-label')).not.toBe('Pause');
    } finally {
      delete (navigator as unknown as Record<string, unknown>).language;
      Object.defineProperty(Navigator.prototype, 'language', original);
      if (lang !== null) html.setAttribute('lang', lang);
    }
  });
});
