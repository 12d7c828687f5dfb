/**
 * The element under a strict Content Security Policy with Trusted Types enforced, in every
 * engine: it renders its prices and the page sees no violation. (npm run test:dist checks the
 * built bundle the same way in Chromium.)
 */
import { afterEach, describe, expect, it } from 'vitest';
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
});
