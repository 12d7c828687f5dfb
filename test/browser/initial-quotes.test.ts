/**
 * Prices on the first paint: a child `<script type="application/json">` of the element holding
 * an array of `QuoteInput` is shown before any request, dated by its `updatedAt`, and the first
 * poll (still made at once) replaces it. Bad content warns once and is ignored.
 */
import { http } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import markets2024 from '../fixtures/coingecko-markets-2024.json?raw';
import type { PriceTickerElement } from '../../src/element.js';
import { formatChange, formatPrice } from '../../src/format/index.js';
import { MAX_INITIAL_QUOTES_CHARS } from '../../src/feed/initial-quotes.js';
import { holdMarkets as holdAnswer, items, json, part, releaseHeld, startWorker, waitFor, worker } from './support.js';

beforeAll(startWorker);
afterEach(() => {
  document.body.replaceChildren();
  releaseHeld();
  worker.resetHandlers();
  vi.restoreAllMocks();
});
afterAll(() => worker.stop());

const MINUTE = 60_000;

/** An endpoint of its own: no other test's feed, claim or lock can stand in for this one's first poll. */
const freshEndpoint = () => `${location.origin}/initial-${crypto.randomUUID()}/api/v3`;

/** The fixture's answer, held until `release()` (see support.ts): what shows meanwhile came with the page. */
const holdMarkets = (endpoint: string) => holdAnswer(endpoint, markets2024);

/** A ticker as a server renders it: the script child is there before the element is connected. */
function mountWithQuotes(attributes: Record<string, string>, content: string): PriceTickerElement {
  const el = document.createElement('price-ticker');
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  const script = document.createElement('script');
  script.type = 'application/json';
  script.textContent = content;
  el.append(script);
  document.body.append(el);
  return el;
}

const text = (item: HTMLElement, name: string) => item.querySelector(`[part~="${name}"]`)?.textContent;
const shown = (el: PriceTickerElement) => items(el).map((item) => [item.dataset.id, text(item, 'price')]);
const statusLine = (el: PriceTickerElement) => part(el, '[part="status"]')[0]!.textContent;

/** Collects the element's update and error events: `update:<changed ids>`, `error`. */
function events(el: PriceTickerElement): string[] {
  const seen: string[] = [];
  el.addEventListener('price-ticker-update', (e) => seen.push(`update:${e.detail.changed.join()}`));
  el.addEventListener('price-ticker-error', () => seen.push('error'));
  return seen;
}

describe('initial quotes in a child JSON script', () => {
  it('are on screen in the first frame, before any answer, exactly formatted; the first poll replaces them', async () => {
    const endpoint = freshEndpoint();
    const { requests, release } = holdMarkets(endpoint);
    const updatedAt = Date.now() - 5000;
    const fetches = vi.spyOn(window, 'fetch');
    // Numbers as JSON numbers and as strings: both kept as the exact text sent.
    const content = `[
      {"id":"bitcoin","symbol":"btc","name":"Bitcoin","price":69123.456789012345678,"change":"-1.005","updatedAt":${updatedAt}},
      {"id":"ethereum","symbol":"eth","name":"Ethereum","price":"3500.10","change":2.5,"updatedAt":${updatedAt}}
    ]`;
    const el = mountWithQuotes(
      { coins: 'bitcoin,ethereum', endpoint, locale: 'en-US', currency: 'usd', interval: '600' },
      content,
    );
    const dispatched = events(el);
    // The first request starts within the update that shows them, before any task (a lock's grant is one).
    await el.updateComplete;
    expect(
      fetches.mock.calls.some(([input]) => (input instanceof Request ? input.url : String(input)).startsWith(endpoint)),
    ).toBe(true);
    // Nothing blank in between: the first frame already shows the coins, not the skeleton.
    const firstFrame = await new Promise<{ coins: number; skeletons: number; height: number }>((resolve) =>
      requestAnimationFrame(() =>
        resolve({
          coins: items(el).length,
          skeletons: part(el, '[part="skeleton"]').length,
          height: el.getBoundingClientRect().height,
        }),
      ),
    );
    expect(firstFrame).toMatchObject({ coins: 2, skeletons: 0 });
    // The first poll is made at once, and held: what is on screen meanwhile came with the page.
    await waitFor(() => requests.length === 1);
    const exact = (price: string, change: string) => [
      formatPrice(price, { currency: 'usd', locale: 'en-US' }),
      formatChange(change, { locale: 'en-US' }),
    ];
    expect(items(el).map((item) => [item.dataset.id, text(item, 'price'), text(item, 'change')])).toEqual([
      ['bitcoin', ...exact('69123.456789012345678', '-1.005')],
      ['ethereum', ...exact('3500.10', '2.5')],
    ]);
    expect(shown(el)).toEqual([
      ['bitcoin', '$69,123.46'],
      ['ethereum', '$3,500.10'],
    ]);
    expect(el.quotes.map((q) => [q.id, q.price, q.change, q.updatedAt])).toEqual([
      ['bitcoin', '69123.456789012345678', '-1.005', updatedAt],
      ['ethereum', '3500.10', '2.5', updatedAt],
    ]);
    expect(el.status).toBe('live');
    expect(el.matches(':state(live)')).toBe(true);
    expect(el.lastUpdated?.getTime()).toBe(updatedAt);
    expect(statusLine(el)).toBe('');
    expect(dispatched).toEqual([]); // no poll has happened: no event
    release();
    await waitFor(() => shown(el)[0]?.[1] === '$70,187.00');
    // The fixture has bitcoin only: ethereum keeps the page's quote, marked held like any coin an answer lacks.
    expect(shown(el)).toEqual([
      ['bitcoin', '$70,187.00'],
      ['ethereum', '$3,500.10'],
    ]);
    expect(items(el)[1]!.getAttribute('part')).toBe('item stale');
    // The poll tints the price that moved since the page's quote, as in any update.
    const price = (item: HTMLElement) => item.querySelector<HTMLElement>('[part="price"]')!.dataset.flash;
    expect(items(el).map(price)).toEqual(['up', undefined]);
    expect(el.quotes[0]!.price).toBe('70187');
    expect(dispatched).toEqual(['update:bitcoin']);
    expect(el.getBoundingClientRect().height).toBe(firstFrame.height); // no layout shift
    expect(requests).toHaveLength(1);
  });

  it('the script is never shown, run or slotted', async () => {
    const endpoint = freshEndpoint();
    holdMarkets(endpoint);
    (window as { __ran?: boolean }).__ran = false;
    const el = mountWithQuotes(
      { coins: 'bitcoin', endpoint },
      '[{"id":"bitcoin","symbol":"btc","name":"Bitcoin","price":"1"}]',
    );
    // A script of type application/json is data: a second one holding JavaScript is not run.
    const script = el.querySelector('script')!;
    const code = document.createElement('script');
    code.type = 'application/json';
    code.textContent = 'window.__ran = true';
    el.append(code);
    await waitFor(() => items(el).length === 1);
    expect((window as { __ran?: boolean }).__ran).toBe(false);
    expect(code.getClientRects()).toHaveLength(0);
    expect(el.shadowRoot!.querySelector('slot')).toBeNull();
    // Not even a page's stylesheet can show it: with no slot, light-DOM children are not rendered.
    script.style.display = 'block';
    expect(script.getClientRects()).toHaveLength(0);
  });

  it.each([
    ['live while younger than twice the interval', 30_000, 'live', ''],
    ['stale when older', 10 * MINUTE, 'stale', 'Prices delayed · updated 10 minutes ago'],
  ])('status %s', async (_what, age, status, line) => {
    const endpoint = freshEndpoint();
    const { requests } = holdMarkets(endpoint);
    const updatedAt = Date.now() - age;
    const el = mountWithQuotes(
      { coins: 'bitcoin', endpoint, interval: '60', locale: 'en-US', lang: 'en' },
      JSON.stringify([{ id: 'bitcoin', symbol: 'btc', name: 'Bitcoin', price: '1', updatedAt }]),
    );
    await waitFor(() => requests.length === 1);
    await el.updateComplete;
    expect(el.status).toBe(status);
    expect(el.matches(`:state(${status})`)).toBe(true);
    expect(statusLine(el)).toBe(line);
    expect(el.lastUpdated?.getTime()).toBe(updatedAt);
  });

  it('dated by the oldest: one old price makes the strip stale; ISO dates and epoch ms alike', async () => {
    const endpoint = freshEndpoint();
    holdMarkets(endpoint);
    const now = Date.now();
    const old = new Date(now - 5 * MINUTE);
    const el = mountWithQuotes(
      { coins: 'bitcoin,ethereum', endpoint, interval: '60', locale: 'en-US', lang: 'en' },
      JSON.stringify([
        { id: 'bitcoin', symbol: 'btc', name: 'Bitcoin', price: '1', updatedAt: now - 1000 },
        { id: 'ethereum', symbol: 'eth', name: 'Ethereum', price: '2', updatedAt: old.toISOString() },
      ]),
    );
    await waitFor(() => items(el).length === 2);
    expect(el.status).toBe('stale');
    expect(el.lastUpdated?.getTime()).toBe(old.getTime());
    expect(statusLine(el)).toBe('Prices delayed · updated 5 minutes ago');
  });

  it('turn stale on their own while no answer comes', async () => {
    const endpoint = freshEndpoint();
    const { requests } = holdMarkets(endpoint);
    // Twice the 2 s interval is 4 s: data 1 s old is live for another 3 s (room for a slow first
    // render on a busy machine).
    const el = mountWithQuotes(
      { coins: 'bitcoin', endpoint, interval: '2' },
      JSON.stringify([{ id: 'bitcoin', symbol: 'btc', name: 'Bitcoin', price: '1', updatedAt: Date.now() - 1000 }]),
    );
    await waitFor(() => items(el).length === 1);
    expect(el.status).toBe('live');
    await waitFor(() => el.matches(':state(stale)'), 5000);
    expect(el.status).toBe('stale');
    expect(requests).toHaveLength(1); // still the one held request
  }, 15_000);

  it('a paused ticker shows them and makes no request until it is resumed', async () => {
    const endpoint = freshEndpoint();
    const { requests, release } = holdMarkets(endpoint);
    const el = mountWithQuotes(
      { coins: 'bitcoin', endpoint, paused: '' },
      JSON.stringify([{ id: 'bitcoin', symbol: 'btc', name: 'Bitcoin', price: '1', updatedAt: Date.now() }]),
    );
    await waitFor(() => items(el).length === 1);
    await new Promise((r) => setTimeout(r, 300));
    expect(requests).toHaveLength(0);
    expect(shown(el)).toEqual([['bitcoin', '$1.00']]);
    el.paused = false;
    await waitFor(() => requests.length === 1);
    release();
    await waitFor(() => shown(el)[0]?.[1] === '$70,187.00');
  });

  it('stay through a failed first poll: the status says the update failed, not that there is no data', async () => {
    const endpoint = freshEndpoint();
    worker.use(http.get(`${endpoint}/coins/markets`, () => json('{"error":"down"}', { status: 503 })));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const el = mountWithQuotes(
      { coins: 'bitcoin', endpoint, interval: '600', locale: 'en-US', lang: 'en' },
      JSON.stringify([{ id: 'bitcoin', symbol: 'btc', name: 'Bitcoin', price: '1', updatedAt: Date.now() }]),
    );
    const dispatched = events(el);
    await waitFor(() => dispatched.length === 1);
    await el.updateComplete;
    expect(dispatched).toEqual(['error']);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(shown(el)).toEqual([['bitcoin', '$1.00']]);
    expect(el.status).toBe('live');
    expect(statusLine(el)).toMatch(/^Update failed · updated (now|\d+ seconds? ago)$/);
  });

  it('are read once: other data asked for later (another currency) starts without them', async () => {
    const endpoint = freshEndpoint();
    const { requests } = holdMarkets(endpoint);
    const el = mountWithQuotes(
      { coins: 'bitcoin', endpoint, currency: 'usd' },
      JSON.stringify([{ id: 'bitcoin', symbol: 'btc', name: 'Bitcoin', price: '1', updatedAt: Date.now() }]),
    );
    await waitFor(() => items(el).length === 1);
    // The first request reaches the server before the change, which would cancel it.
    await waitFor(() => requests.length === 1);
    el.currency = 'eur';
    await waitFor(() => requests.length === 2);
    await el.updateComplete;
    expect(requests[1]!.searchParams.get('vs_currency')).toBe('eur');
    expect(items(el)).toEqual([]);
    expect(el.quotes).toEqual([]);
    expect(el.status).toBe('loading');
  });

  it('keep only the coins asked for, in their order, like any answer', async () => {
    const endpoint = freshEndpoint();
    holdMarkets(endpoint);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const el = mountWithQuotes(
      { coins: 'ethereum,bitcoin', endpoint },
      JSON.stringify([
        { id: 'bitcoin', symbol: 'btc', name: 'Bitcoin', price: '1' },
        { id: 'dogecoin', symbol: 'doge', name: 'Dogecoin', price: '3' },
        { id: 'ethereum', symbol: 'eth', name: 'Ethereum', price: '2' },
      ]),
    );
    await waitFor(() => items(el).length === 2);
    expect(shown(el)).toEqual([
      ['ethereum', '$2.00'],
      ['bitcoin', '$1.00'],
    ]);
    // Without updatedAt a quote counts as received with the page, as from the json source.
    expect(el.status).toBe('live');
    expect(warn.mock.calls.map((c) => String(c[0]))).toEqual(['price-ticker: initial quotes: 1 entry not asked for']);
  });
});

describe('initial quotes and the shared feed', () => {
  it('seed the feed: a ticker of the same data shows them too, with one request for both', async () => {
    const endpoint = freshEndpoint();
    const { requests, release } = holdMarkets(endpoint);
    const attributes = { coins: 'bitcoin', endpoint };
    // Connected first, without a script: it joins the feed the other one seeds.
    const plain = document.createElement('price-ticker');
    for (const [name, value] of Object.entries(attributes)) plain.setAttribute(name, value);
    document.body.append(plain);
    const dispatched = events(plain);
    const seeded = mountWithQuotes(
      attributes,
      JSON.stringify([{ id: 'bitcoin', symbol: 'btc', name: 'Bitcoin', price: '5', updatedAt: Date.now() }]),
    );
    await waitFor(() => shown(plain).length === 1 && shown(seeded).length === 1);
    expect(shown(plain)).toEqual([['bitcoin', '$5.00']]);
    expect(plain.quotes[0]!.price).toBe('5');
    expect(plain.status).toBe('live');
    expect(dispatched).toEqual([]);
    // The request may start a frame later on a loaded machine (when the first ticker is seen to be
    // on screen); when the answer is in, it is still the only one.
    await waitFor(() => requests.length === 1);
    release();
    await waitFor(() => shown(plain)[0]?.[1] === '$70,187.00' && shown(seeded)[0]?.[1] === '$70,187.00');
    expect(requests).toHaveLength(1);
  });

  it('older than what the feed already has, they are ignored', async () => {
    const endpoint = freshEndpoint();
    const { release } = holdMarkets(endpoint);
    release();
    const attributes = { coins: 'bitcoin', endpoint, interval: '600' };
    const first = document.createElement('price-ticker');
    for (const [name, value] of Object.entries(attributes)) first.setAttribute(name, value);
    document.body.append(first);
    await waitFor(() => shown(first)[0]?.[1] === '$70,187.00');
    const late = mountWithQuotes(
      attributes,
      JSON.stringify([{ id: 'bitcoin', symbol: 'btc', name: 'Bitcoin', price: '5', updatedAt: Date.now() - MINUTE }]),
    );
    await late.updateComplete;
    expect(shown(late)).toEqual([['bitcoin', '$70,187.00']]);
    expect(shown(first)).toEqual([['bitcoin', '$70,187.00']]);
    expect(late.lastUpdated).toEqual(first.lastUpdated);
  });
});

describe('invalid initial quotes: one warning, then ignored', () => {
  const nested = '['.repeat(40) + ']'.repeat(40);
  it.each([
    ['malformed JSON', '[{"id":"bitcoin",', /^price-ticker: initial quotes ignored: not JSON \(/],
    ['not an array', '{"quotes":[]}', /^price-ticker: initial quotes ignored: not an array$/],
    ['a string', '"<img src=x onerror=alert(1)>"', /^price-ticker: initial quotes ignored: not an array$/],
    ['nested too deep', nested, /^price-ticker: initial quotes ignored: not JSON \(nested too deep/],
    [
      'too long',
      `[${' '.repeat(MAX_INITIAL_QUOTES_CHARS)}]`,
      /^price-ticker: initial quotes ignored: over 100000 characters$/,
    ],
    [
      'no valid coin',
      '[1, null, {"id":""}, {"id":"bitcoin","price":"NaN"}, {"id":"bitcoin","price":"1e400"}]',
      /^price-ticker: initial quotes: ignored, entry 0 is not an object; entry 1 is not an object; entry 2 has no valid id; and 2 more$/,
    ],
    [
      'a bad change',
      '[{"id":"bitcoin","price":"1","change":"x"}]',
      /^price-ticker: initial quotes: ignored, "bitcoin" has an invalid change$/,
    ],
  ])('%s', async (_what, content, warning) => {
    const endpoint = freshEndpoint();
    const { requests, release } = holdMarkets(endpoint);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const el = mountWithQuotes({ coins: 'bitcoin', endpoint }, content);
    await waitFor(() => requests.length === 1);
    await el.updateComplete;
    // As without the script: loading, the skeleton, nothing in `quotes`.
    expect(el.status).toBe('loading');
    expect(el.quotes).toEqual([]);
    expect(part(el, '[part="skeleton"]').length).toBeGreaterThan(0);
    expect(items(el)).toEqual([]);
    const said = warn.mock.calls.map((c) => String(c[0]));
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(warning);
    release();
    await waitFor(() => shown(el)[0]?.[1] === '$70,187.00');
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('per coin: the good ones shown, the bad ones named in one warning', async () => {
    const endpoint = freshEndpoint();
    holdMarkets(endpoint);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const el = mountWithQuotes(
      { coins: 'bitcoin,ethereum,dogecoin,tether', endpoint },
      JSON.stringify([
        { id: 'bitcoin', symbol: 'btc', name: 'Bitcoin', price: '1' },
        { id: 'ethereum', symbol: 'eth', name: 'Ethereum', price: '-2' },
        { id: 'dogecoin', symbol: 'doge', name: 'Dogecoin', price: { value: 3 } },
        { id: 'tether', symbol: 'usdt', name: 'Tether', price: '1.0001', updatedAt: 'yesterday' },
      ]),
    );
    await waitFor(() => items(el).length === 2);
    expect(shown(el)).toEqual([
      ['bitcoin', '$1.00'],
      ['tether', '$1.00'],
    ]);
    expect(warn.mock.calls.map((c) => String(c[0]))).toEqual([
      'price-ticker: initial quotes: "ethereum" has an invalid price; "dogecoin" has an invalid price; "tether" has an invalid updatedAt (time of receipt used)',
    ]);
    expect(el.status).toBe('live');
  });

  it('hostile strings are shown as text, a javascript: logo is dropped', async () => {
    const endpoint = freshEndpoint();
    holdMarkets(endpoint);
    const w = window as { __pwned?: number };
    delete w.__pwned;
    const name = '<img src=x onerror="window.__pwned=1">';
    // As a server should write it inside a script: `<` escaped, so no `</script>` can end it early.
    const content = JSON.stringify([
      { id: 'bitcoin', symbol: '</script><b>', name, price: '1', logo: 'javascript:window.__pwned=2' },
    ]).replace(/</g, '\\u003c');
    const el = mountWithQuotes({ coins: 'bitcoin', endpoint }, content);
    await waitFor(() => items(el).length === 1);
    const item = items(el)[0]!;
    expect(text(item, 'name')).toBe(name);
    expect(text(item, 'symbol')).toBe('</SCRIPT><B>');
    expect(item.querySelector('img')).toBeNull();
    expect(item.querySelector('[part="logo-placeholder"]')).not.toBeNull();
    expect(el.shadowRoot!.querySelector('b, script, img[src="x"]')).toBeNull();
    await new Promise((r) => setTimeout(r, 50));
    expect(w.__pwned).toBeUndefined();
  });
});

describe('initial quotes under a strict Content Security Policy', () => {
  it('are read and shown with no violation: a JSON script is data, not script', async () => {
    const frame = document.createElement('iframe');
    // The origin by name as well as 'self': Firefox does not match 'self' to the origin a srcdoc
    // document inherits.
    const self = `'self' ${location.origin}`;
    const policy =
      `default-src 'none'; script-src ${self}; style-src 'self'; connect-src ${self}; ` +
      "require-trusted-types-for 'script'; trusted-types lit-html";
    // The endpoint answers 404: what is on screen can only be the page's quotes.
    frame.srcdoc = `<!doctype html><html lang="en"><head>
      <meta http-equiv="Content-Security-Policy" content="${policy}">
      <script src="/__csp/watch.js"></script><script type="module" src="/src/index.ts"></script></head>
      <body><price-ticker coins="bitcoin" endpoint="/__csp/none-${Math.random()}" locale="en-US"
        ><script type="application/json">[{"id":"bitcoin","symbol":"btc","name":"Bitcoin","price":"12345"}]</script
      ></price-ticker></body></html>`;
    document.body.append(frame);
    const ticker = await waitFor(() => {
      const el = frame.contentDocument?.querySelector<PriceTickerElement>('price-ticker');
      return el?.shadowRoot?.querySelector('[part="price"]') && el;
    }, 15_000);
    expect(ticker.shadowRoot!.querySelector('[part="price"]')!.textContent).toBe('$12,345.00');
    expect((frame.contentWindow as Window & { __violations?: string[] }).__violations).toEqual([]);
  });
});
