import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { http } from 'msw';
import {
  items,
  json,
  mount,
  part,
  pointerAway,
  sleep,
  startWorker,
  testEndpoint,
  trackX,
  waitFor,
  worker,
} from './support.js';
import type { PriceTickerElement } from '../../src/element.js';

beforeAll(startWorker);
// These tests watch the strip move: no pointer left over it by an earlier test may hold it.
beforeEach(pointerAway);
afterEach(() => {
  document.body.replaceChildren();
  worker.resetHandlers();
});
afterAll(() => worker.stop());

/** A /coins/markets body for n coins whose prices come from `price(i)`. */
function marketBody(n: number, price: (i: number) => string): string {
  const coins = Array.from(
    { length: n },
    (_, i) =>
      `{"id":"coin-${i}","symbol":"c${i}","name":"Coin ${i}","image":null,"current_price":${price(i)},"price_change_percentage_24h":1.5}`,
  );
  return `[${coins.join(',')}]`;
}

/** Samples the track's position: its travelled distance, unwrapped across loop restarts. */
async function travelled(el: PriceTickerElement, ms: number): Promise<number> {
  const width = part(el, '.track > .list')[0]!.getBoundingClientRect().width;
  let last = trackX(el);
  let total = 0;
  const end = performance.now() + ms;
  while (performance.now() < end) {
    await new Promise((r) => requestAnimationFrame(r));
    const x = trackX(el);
    let step = last - x; // leftwards is positive
    if (step < -width / 2) step += width; // wrapped back to the start of the loop
    total += step;
    last = x;
  }
  return total;
}

describe('the scrolling strip', () => {
  it('moves at about the set speed whatever the content width', async () => {
    for (const [n, speed] of [
      [3, 40],
      [12, 120],
    ] as const) {
      const endpoint = testEndpoint();
      worker.use(http.get(`${endpoint}/coins/markets`, () => json(marketBody(n, (i) => `${i + 1}.25`))));
      const el = mount({ endpoint, interval: '600', speed: String(speed), fields: 'name price change' });
      await waitFor(() => items(el).length === n);
      await sleep(100);
      const t0 = performance.now();
      const distance = await travelled(el, 1000);
      const seconds = (performance.now() - t0) / 1000;
      expect(distance / seconds).toBeGreaterThan(speed * 0.85);
      expect(distance / seconds).toBeLessThan(speed * 1.15);
      el.remove();
    }
  });

  it('keeps its on-screen position across a data refresh that changes the width', async () => {
    const endpoint = testEndpoint();
    let round = 0;
    worker.use(
      http.get(`${endpoint}/coins/markets`, () => {
        round++;
        // Each refresh makes every price three digits longer, beyond the room kept for growth, so the content width changes.
        return json(marketBody(6, (i) => `${(i + 1) * 1000 ** round}.5`));
      }),
    );
    const el = mount({ endpoint, interval: '600', speed: '60', fields: 'name price' });
    await waitFor(() => items(el).length === 6);
    await sleep(700);
    const widthBefore = part(el, '.track > .list')[0]!.getBoundingClientRect().width;
    const itemBefore = items(el)[0]!;
    // Positions are read with the animation clock's time, so the expected travel is exact.
    const clock = () => Number(document.timeline.currentTime);
    const xBefore = trackX(el);
    const tBefore = clock();
    await el.refresh();
    await el.updateComplete;
    await new Promise((r) => requestAnimationFrame(r));
    await new Promise((r) => requestAnimationFrame(r));
    const xAfter = trackX(el);
    const expected = xBefore - (60 * (clock() - tBefore)) / 1000;
    const widthAfter = part(el, '.track > .list')[0]!.getBoundingClientRect().width;
    expect(widthAfter).toBeGreaterThan(widthBefore);
    // Within two frames' travel (2 px at 60 px/s) of where steady motion puts it: an engine may paint the
    // position one frame apart from the timeline's time under load. A restart would jump by hundreds.
    expect(Math.abs(xAfter - expected)).toBeLessThan(2);
    expect(xAfter).toBeLessThan(-20);
    // The same DOM node is updated in place.
    expect(items(el)[0]).toBe(itemBefore);
    // And it still moves at the same speed.
    const t0 = performance.now();
    const distance = await travelled(el, 600);
    const seconds = (performance.now() - t0) / 1000;
    expect(distance / seconds).toBeGreaterThan(60 * 0.8);
    expect(distance / seconds).toBeLessThan(60 * 1.2);
  });

  it('a data update leaves the running animation as it is (no play() again)', async () => {
    const endpoint = testEndpoint();
    let round = 0;
    worker.use(http.get(`${endpoint}/coins/markets`, () => json(marketBody(6, (i) => `${i + 1}.${++round}`))));
    const el = mount({ endpoint, interval: '600', speed: '60', fields: 'name price' });
    await waitFor(() => items(el).length === 6);
    await sleep(300);
    const play = vi.spyOn(Animation.prototype, 'play');
    const pause = vi.spyOn(Animation.prototype, 'pause');
    try {
      for (let i = 0; i < 3; i++) {
        await el.refresh();
        await el.updateComplete;
      }
      expect(play).not.toHaveBeenCalled();
      expect(pause).not.toHaveBeenCalled();
      // A change of state still reaches it, once each.
      el.paused = true;
      await el.updateComplete;
      el.paused = false;
      await el.updateComplete;
      expect(pause).toHaveBeenCalledTimes(1);
      expect(play).toHaveBeenCalledTimes(1);
    } finally {
      vi.restoreAllMocks();
    }
  });

  it('fills a wide viewport with inert, aria-hidden loop copies', async () => {
    const endpoint = testEndpoint();
    worker.use(http.get(`${endpoint}/coins/markets`, () => json(marketBody(1, () => '2'))));
    const el = mount({ endpoint, interval: '600', fields: 'price' });
    await waitFor(() => items(el).length === 1);
    await sleep(50);
    const lists = part(el, '.track > .list');
    const viewport = el.shadowRoot!.querySelector('.viewport')!.getBoundingClientRect().width;
    const [list, ...copies] = lists.map((l) => l.getBoundingClientRect());
    // Whatever the shift (0 to one list width), the viewport shows coins wherever the list
    // repeated would: the copies reach every coin that starts within a viewport's width.
    const firstCoin = items(el)[0]!.getBoundingClientRect().left - list!.left;
    const copiesWidth = copies.reduce((sum, r) => sum + r.width, 0);
    expect(copiesWidth + firstCoin).toBeGreaterThanOrEqual(viewport);
    // And no more than that: one coin less would leave a hole.
    expect(copiesWidth - list!.width).toBeLessThan(viewport);
    for (const copy of lists.slice(1)) {
      expect(copy.getAttribute('aria-hidden')).toBe('true');
      expect(copy.hasAttribute('inert')).toBe(true);
    }
  });

  it('stands still when paused and at speed 0, and the pause button toggles `paused`', async () => {
    const endpoint = testEndpoint();
    worker.use(http.get(`${endpoint}/coins/markets`, () => json(marketBody(4, (i) => `${i + 3}`))));
    const el = mount({ endpoint, interval: '600' });
    await waitFor(() => items(el).length === 4);
    const button = part(el, '[part="pause-button"]')[0] as HTMLButtonElement;
    button.click();
    await el.updateComplete;
    expect(el.paused).toBe(true);
    expect(el.hasAttribute('paused')).toBe(true);
    await sleep(50); // a pause takes effect on the next animation frame
    const x = trackX(el);
    await sleep(300);
    expect(trackX(el)).toBe(x);
    button.click();
    await el.updateComplete;
    expect(el.paused).toBe(false);
    await sleep(300);
    expect(trackX(el)).not.toBe(x);
    el.setAttribute('speed', '0');
    await el.updateComplete;
    await sleep(50);
    const still = trackX(el);
    await sleep(300);
    expect(trackX(el)).toBe(still);
  });

  it('turns round in place when direction changes, and moves rightwards on a right-to-left page', async () => {
    const endpoint = testEndpoint();
    worker.use(http.get(`${endpoint}/coins/markets`, () => json(marketBody(5, (i) => `${i + 3}.5`))));
    const wrapper = document.createElement('div');
    wrapper.dir = 'rtl';
    document.body.append(wrapper);
    const el = mount({ endpoint, interval: '600', speed: '80' }, wrapper);
    await waitFor(() => items(el).length === 5);
    await sleep(300);
    const step = async () => {
      const a = trackX(el);
      await sleep(250);
      return trackX(el) - a;
    };
    expect(await step()).toBeGreaterThan(5); // rightwards on rtl with direction auto
    const clock = () => Number(document.timeline.currentTime);
    const x0 = trackX(el);
    const t0 = clock();
    el.direction = 'left';
    await el.updateComplete;
    await new Promise((r) => requestAnimationFrame(r));
    await new Promise((r) => requestAnimationFrame(r));
    // At most one frame's travel either way from where it was; never a jump to the start.
    const drift = Math.abs(trackX(el) - x0);
    expect(drift).toBeLessThanOrEqual((80 * (clock() - t0)) / 1000 + 1);
    expect(await step()).toBeLessThan(-5);
  });
});
