import { html, render } from 'lit';
import { http } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { FIELDS } from '../../src/config.js';
import type { Quote } from '../../src/feed/quote.js';
import { formatPrice } from '../../src/format/index.js';
import { messagesFor } from '../../src/i18n/messages.js';
import { coinList } from '../../src/templates/coin-list.js';
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
  '</li><script>window.__xss=3</script>',
  '{{constructor.constructor("window.__xss=4")()}}',
  '\u202eevil\u202c',
];

describe('hostile strings', () => {
  it('shows names, symbols and ids as text, runs nothing, and drops unsafe logo URLs', async () => {
    const endpoint = testEndpoint();
    const logos = [
      'javascript:window.__xss=5',
      'data:image/svg+xml,<svg onload="window.__xss=6"/>',
      'https://logos.example/ok.png',
      '//logos.example/proto-relative.png',
      'http://logos.example/plain-http.png',
    ];
    const coins = HOSTILE.map((text, i) =>
      JSON.stringify({
        id: `${text}-${i}`,
        symbol: text,
        name: text,
        image: logos[i],
        current_price: '1.5',
        price_change_percentage_24h: '1',
      }),
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

describe('regression: one unwritable coin never freezes the ticker', () => {
  const TINY = `0.${'0'.repeat(1200)}1`;

  it('a price of 0.<1200 zeros>1 is dropped; the other coins keep updating and the status tells the truth', async () => {
    const endpoint = testEndpoint();
    const pageErrors: unknown[] = [];
    const onError = (e: ErrorEvent | PromiseRejectionEvent) => void pageErrors.push('reason' in e ? e.reason : e.error);
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onError);
    let poll = 0;
    worker.use(
      http.get(`${endpoint}/coins/markets`, () => {
        poll++;
        return json(
          `[{"id":"bitcoin","symbol":"btc","name":"Bitcoin","current_price":6000${poll}},{"id":"tiny","symbol":"t","name":"Tiny","current_price":${TINY}}]`,
        );
      }),
    );
    const el = mount({ endpoint, interval: '600', coins: 'bitcoin,tiny' });
    await waitFor(() => items(el).length === 1);
    for (let i = 0; i < 3; i++) {
      await el.refresh();
      await el.updateComplete;
      const shown = items(el).map((item) => [item.dataset.id, item.querySelector('[part="price"]')!.textContent]);
      // The screen follows the quotes, poll after poll.
      expect(shown).toEqual(el.quotes.map((q) => [q.id, formatPrice(q.price)]));
      expect(shown).toEqual([['bitcoin', formatPrice(`6000${poll}`)]]);
      expect(el.status).toBe('live');
    }
    window.removeEventListener('error', onError);
    window.removeEventListener('unhandledrejection', onError);
    expect(pageErrors).toEqual([]);
  });

  it('a coin the formatter cannot write is left out of the render, alone, and reported once', () => {
    const quote = (id: string, price: string): Quote => ({
      id,
      symbol: id,
      name: id,
      price,
      change: null,
      updatedAt: 0,
    });
    const quotes = [quote('a', '1'), quote('bad', '1e400'), quote('c', '3')];
    const view = {
      fields: [...FIELDS],
      currency: 'usd',
      locale: 'en-US',
      subscriptZeros: 5,
      words: messagesFor('en'),
      href: null,
      target: null,
      focusIndex: 0,
      held: new Set<string>(),
      flash: () => undefined,
    };
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const host = document.createElement('div');
    document.body.append(host);
    render(html`<ul ${coinList(quotes, view, false)}></ul>`, host);
    render(html`<ul ${coinList(quotes, view, false)}></ul>`, host); // a second render over the same nodes
    const reported = errors.mock.calls.length;
    errors.mockRestore();
    expect([...host.querySelectorAll<HTMLElement>('[part~="item"]')].map((li) => li.dataset.id)).toEqual(['a', 'c']);
    expect(host.querySelector('[data-id="c"] [part="price"]')!.textContent).toBe('$3.00');
    expect(reported).toBe(1);
  });

  it.each(['https://user:pw@proxy.example/api', 'https://proxy.example/api#frag'])(
    'endpoint="%s" is refused with one warning',
    async (endpoint) => {
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
      const el = mount({ endpoint, paused: '' });
      await el.updateComplete;
      el.setAttribute('speed', '10'); // another render: still one warning
      await el.updateComplete;
      const said = warn.mock.calls.map((c) => String(c[0]));
      warn.mockRestore();
      expect(el.endpoint).toBeNull();
      expect(said.filter((m) => m.includes('invalid endpoint='))).toHaveLength(1);
    },
  );
});

describe('a coin the latest answer had nothing usable for', () => {
  it('keeps its last good price on screen, marked stale (part "stale", muted, "delayed" in its phrase)', async () => {
    const endpoint = testEndpoint();
    let price = '"2.5"';
    worker.use(
      http.get(`${endpoint}/coins/markets`, () =>
        json(
          `[{"id":"bitcoin","symbol":"btc","name":"Bitcoin","current_price":70000},{"id":"dogecoin","symbol":"doge","name":"Dogecoin","current_price":${price}}]`,
        ),
      ),
    );
    const el = mount({ endpoint, interval: '600', coins: 'bitcoin,dogecoin', locale: 'en-US' });
    await waitFor(() => items(el).length === 2);
    const doge = () => items(el)[1]!;
    expect(doge().getAttribute('part')).toBe('item');
    const fresh = getComputedStyle(doge().querySelector('.price')!).color;
    price = '"NaN"';
    await el.refresh();
    await el.updateComplete;
    expect(items(el).map((item) => item.dataset.id)).toEqual(['bitcoin', 'dogecoin']);
    expect(doge().getAttribute('part')).toBe('item stale');
    expect(doge().title).toBe('Prices delayed');
    expect(doge().querySelector('[part="price"]')!.textContent).toBe('$2.50');
    expect(doge().querySelector('.visually-hidden')!.textContent).toBe('Dogecoin, DOGE, $2.50, Prices delayed');
    expect(getComputedStyle(doge().querySelector('.price')!).color).not.toBe(fresh);
    expect(el.status).toBe('live');
    price = '"2.75"';
    await el.refresh();
    await el.updateComplete;
    expect(doge().getAttribute('part')).toBe('item');
    expect(doge().hasAttribute('title')).toBe(false);
    expect(doge().querySelector('[part="price"]')!.textContent).toBe('$2.75');
  });
});

describe('what a failed poll shows', () => {
  it('after good prices: they stay, and part="status" says the update failed and when prices last came', async () => {
    const endpoint = testEndpoint();
    let ok = true;
    worker.use(
      http.get(`${endpoint}/coins/markets`, () =>
        ok
          ? json('[{"id":"bitcoin","symbol":"btc","name":"Bitcoin","current_price":70000}]')
          : json('oops', { status: 503 }),
      ),
    );
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const el = mount({ endpoint, interval: '600', locale: 'en-US', lang: 'en' });
    await waitFor(() => items(el).length === 1);
    expect(part(el, '[part="status"]')[0]!.textContent).toBe('');
    ok = false;
    await el.refresh();
    await el.updateComplete;
    warn.mockRestore();
    expect(items(el)[0]!.querySelector('[part="price"]')!.textContent).toBe('$70,000.00');
    expect(el.status).toBe('live');
    expect(part(el, '[part="status"]')[0]!.textContent).toMatch(/^Update failed · updated (now|\d+ seconds? ago)$/);
  });

  it('with no prices ever: "Prices unavailable", no skeleton, status error', async () => {
    const endpoint = testEndpoint();
    worker.use(http.get(`${endpoint}/coins/markets`, () => json('oops', { status: 503 })));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const el = mount({ endpoint, interval: '600', locale: 'en-US', lang: 'en' });
    await waitFor(() => el.status === 'error');
    await el.updateComplete;
    warn.mockRestore();
    expect(part(el, '[part="status"]')[0]!.textContent).toBe('Prices unavailable');
    expect(part(el, '[part~="item"], [part="skeleton"]')).toEqual([]);
  });
});

describe('status, its custom state and the status line, as the answers come and go', () => {
  it('error → live → stale → live', async () => {
    const endpoint = testEndpoint();
    let ok = false;
    worker.use(
      http.get(`${endpoint}/coins/markets`, () =>
        ok
          ? json('[{"id":"bitcoin","symbol":"btc","name":"Bitcoin","current_price":70000}]')
          : json('oops', { status: 503 }),
      ),
    );
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const el = mount({ endpoint, interval: '1', coins: 'bitcoin', locale: 'en-US', lang: 'en' });
    const line = () => part(el, '[part="status"]')[0]!.textContent;
    const shows = async (status: string) => {
      // The getter reads the clock; the custom state follows at the render that the change brings.
      await waitFor(() => el.status === status && el.matches(`:state(${status})`), 6000);
      await el.updateComplete;
      for (const other of ['loading', 'live', 'stale', 'error'].filter((s) => s !== status))
        expect(el.matches(`:state(${other})`)).toBe(false);
    };
    try {
      await shows('error'); // never any data
      expect(line()).toBe('Prices unavailable');
      ok = true;
      await el.refresh();
      await shows('live');
      expect(line()).toBe('');
      expect(items(el)[0]!.querySelector('[part="price"]')!.textContent).toBe('$70,000.00');
      ok = false; // failing now: older than twice the 1 s interval, the data turns stale
      await shows('stale');
      expect(line()).toMatch(/^Prices delayed · updated /);
      expect(items(el)[0]!.querySelector('[part="price"]')!.textContent).toBe('$70,000.00');
      ok = true;
      await el.refresh();
      await shows('live');
      expect(line()).toBe('');
    } finally {
      warn.mockRestore();
    }
  });
});
