import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import markets2024 from '../fixtures/coingecko-markets-2024.json?raw';
import {
  items,
  json,
  mount,
  part,
  serveMarkets,
  sleep,
  startWorker,
  testEndpoint,
  waitFor,
  worker,
} from './support.js';

beforeAll(startWorker);
afterEach(() => {
  document.body.replaceChildren();
  worker.resetHandlers();
});
afterAll(() => worker.stop());

/** Left edges of an element's text's first and last characters on screen. */
function ends(element: Element): [number, number] {
  const node = [...element.childNodes].find((n): n is Text => n.nodeType === Node.TEXT_NODE && n.textContent !== '')!;
  const range = document.createRange();
  range.setStart(node, 0);
  range.setEnd(node, 1);
  const first = range.getBoundingClientRect().left;
  range.setStart(node, node.length - 1);
  range.setEnd(node, node.length);
  return [first, range.getBoundingClientRect().left];
}

describe('on a right-to-left page', () => {
  it('keeps coins in view all the time and prices and changes in their own direction', async () => {
    const endpoint = testEndpoint();
    const coins = markets2024.trim().slice(1, -1);
    const many = `[${Array.from({ length: 12 }, (_, i) => coins.replace('"bitcoin"', `"bitcoin-${i}"`)).join(',')}]`;
    serveMarkets(endpoint, [() => json(many)]);
    const page = document.createElement('div');
    page.dir = 'rtl';
    page.lang = 'ar';
    document.body.append(page);
    const el = mount({ endpoint, interval: '600', speed: '400', locale: 'en-US' }, page);
    await waitFor(() => items(el).length === 12);
    const viewport = el.shadowRoot!.querySelector('.viewport')!.getBoundingClientRect();
    // Sampled over a whole loop at a high speed: some coin always overlaps the viewport.
    for (let i = 0; i < 12; i++) {
      const visible = part(el, '[part~="item"]').some((item) => {
        const r = item.getBoundingClientRect();
        return r.right > viewport.left + 10 && r.left < viewport.right - 10;
      });
      expect(visible).toBe(true);
      await sleep(150);
    }
    const change = items(el)[0]!.querySelector('[part~="change"]')!;
    expect(change.textContent).toBe('+3.13%');
    const [plus, percent] = ends(change);
    expect(plus).toBeLessThan(percent); // `+3.13%`, not `3.13%+`
    const price = items(el)[0]!.querySelector('[part="price"]')!;
    const [dollar, last] = ends(price);
    expect(dollar).toBeLessThan(last); // `$70,187.00` reads left to right
  });
});
