import { http } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { items, json, mount, part, startWorker, testEndpoint, waitFor, worker } from './support.js';

beforeAll(startWorker);
afterEach(() => {
  document.body.replaceChildren();
  worker.resetHandlers();
});
afterAll(() => worker.stop());

const HOSTILE = [
  '<img src=x onerror="window.__xss=1">',
  '"><svg onload="window.__xss=2">',
  "</li><script>window.__xss=3</script>",
  '{{constructor.constructor("window.__xss=4")()}}',
  '\u202eevil\u202c',
];

describe('hostile strings', () => {
  it('shows names, symbols and ids as text, runs nothing, and drops unsafe logo URLs', async () => {
    const endpoint = testEndpoint();
    const logos = ['javascript:window.__xss=5', 'data:image/svg+xml,<svg onload="window.__xss=6"/>', 'https://logos.example/ok.png', '//logos.example/proto-relative.png', 'http://logos.example/plain-http.png'];
    const coins = HOSTILE.map((text, i) =>
      JSON.stringify({ id: `${text}-${i}`, symbol: text, name: text, image: logos[i], current_price: '1.5', price_change_percentage_24h: '1' }),
    );
    worker.use(http.get(`${endpoint}/coins/markets`, () => json(`[${coins.join(',')}]`)));
    const el = mount({ endpoint, interval: '600' });
    await waitFor(() => items(el).length === HOSTILE.length);
    await el.refresh(); // a second render over the same nodes
    await el.updateComplete;
    const shown = items(el);
    HOSTILE.forEach((text, i) => {
      expect(shown[i]!.dataset.id).toBe(`${text}-${i}`);
      expect(shown[i]!.querySelector('[part="name"]')!.textContent).toBe(text);
      expect(shown[i]!.querySelector('[part="symbol"]')!.textContent).toBe(text.toUpperCase());
    });
    expect((window as { __xss?: number }).__xss).toBeUndefined();
    expect(part(el, 'script, svg:not(.pause svg), [onerror], [onload]')).toEqual([]);
    const srcs = part(el, '.track > .list:not([aria-hidden]) img[part="logo"]').map((img) => img.getAttribute('src'));
    // https is kept; javascript:, data: and protocol-relative URLs are dropped; plain http is
    // kept only because this test page itself is served over http.
    expect(srcs).toEqual(['https://logos.example/ok.png', 'http://logos.example/plain-http.png']);
    for (const img of part(el, 'img')) expect(img.getAttribute('referrerpolicy')).toBe('no-referrer');
  });
});
