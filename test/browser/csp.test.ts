/**
 * The element under a strict Content Security Policy with Trusted Types enforced, in every
 * engine: it renders its prices and the page sees no violation. (npm run test:dist checks the
 * built bundle the same way in Chromium.) A stream under such a policy, which allows no worker,
 * runs its socket on the page instead.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { commands } from 'vitest/browser';
import type { PriceTickerElement } from '../../src/element.js';
import { waitFor } from './support.js';

type CspWindow = Window & { __violations?: string[] };

afterEach(() => document.body.replaceChildren());

describe('a page with a strict CSP and Trusted Types enforced', () => {
  it('shows the prices with no violation', async () => {
    const frame = document.createElement('iframe');
    frame.src = `/__csp/page.html?run=${Math.random()}`;
    document.body.append(frame);
    const ticker = await waitFor(() => {
      const el = frame.contentDocument?.querySelector<PriceTickerElement>('price-ticker');
      return el?.shadowRoot?.querySelector('[part="price"]') && el;
    }, 15_000);
    expect(ticker.shadowRoot!.querySelector('[part="price"]')!.textContent).toBe('$70,187.00');
    const win = frame.contentWindow as CspWindow;
    expect(win.__violations).toEqual([]);
    // The policy is in force (else this test would prove nothing): a plain string is refused
    // where Trusted Types are required.
    let refused: unknown;
    try {
      frame.contentDocument!.body.innerHTML = '<b>x</b>';
    } catch (error) {
      refused = error;
    }
    expect((refused as Error | undefined)?.name).toBe('TypeError'); // the frame's own TypeError
    await waitFor(() => win.__violations!.length > 0, 3000); // and reported, as a violation would be
  });

  it('streams with its socket on the page when the policy allows no worker', async () => {
    const exchange = await commands.exchange({ start: 'kraken' });
    try {
      const frame = document.createElement('iframe');
      frame.src = `/__csp/stream.html?ws=${encodeURIComponent(exchange.url)}`;
      document.body.append(frame);
      const ticker = await waitFor(() => {
        const el = frame.contentDocument?.querySelector<PriceTickerElement>('price-ticker');
        return el?.quotes?.[0]?.price === '73380.60000' && el;
      }, 15_000);
      for (let tries = 0; (await commands.exchange({ id: exchange.id })).open !== 1; tries++) {
        expect(tries, 'the socket to open').toBeLessThan(200);
        await new Promise((r) => setTimeout(r, 50));
      }
      await commands.exchange({ id: exchange.id, tickers: [['BTC/USDT', '74000.5', '1']] });
      await waitFor(() => ticker.quotes[0]?.price === '74000.5', 5000);
      // The only violations are the refused worker's (the engine reports it as blocked by the
      // worker or script sources, or, where Trusted Types are enforced, as an untrusted script URL).
      const win = frame.contentWindow as CspWindow;
      expect(win.__violations!.length, 'the worker was refused').toBeGreaterThan(0);
      expect(win.__violations!.filter((v) => !/^(worker-src|script-src|require-trusted-types-for)\b/.test(v))).toEqual(
        [],
      );
    } finally {
      await commands.exchange({ id: exchange.id, stop: true });
    }
  });
});
