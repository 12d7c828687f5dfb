import { PriceTickerSelectEvent } from '../events.js';
import type { Quote } from '../feed/quote.js';

/**
 * Tells the page which coin was chosen: `price-ticker-select` when a coin is clicked, or
 * activated with Enter or Space (a link's Enter is its click). Cancelling it keeps the link
 * from being followed. Loop copies are inert, so a click on one lands on the track behind it:
 * it counts as a click on the real coin drawn there. The listener for `click` and `keydown` on
 * the viewport, bound in the template.
 */
export class SelectController {
  readonly #host: HTMLElement;
  readonly #feed: { readonly quotes: readonly Quote[] };

  /** The coins chosen from are `feed.quotes`. */
  constructor(host: HTMLElement, feed: { readonly quotes: readonly Quote[] }) {
    this.#host = host;
    this.#feed = feed;
  }

  handleEvent(event: Event): void {
    const target = event.target as Element;
    if (event.type === 'keydown') {
      const { key } = event as KeyboardEvent;
      if ((key !== 'Enter' && key !== ' ') || target.localName !== 'li') return;
      event.preventDefault(); // Space would scroll the page
    }
    const item = target.closest('[data-id]');
    if (!item) {
      const copied = event.type === 'click' && drawnAt(event.currentTarget as Element, event as MouseEvent);
      // Its real coin (or that coin's link) is clicked instead, and this click is done.
      if (copied) (copied.querySelector('a') ?? copied).click();
      return;
    }
    const id = item.getAttribute('data-id');
    const quote = this.#feed.quotes.find((q) => q.id === id);
    if (quote && !this.#host.dispatchEvent(new PriceTickerSelectEvent({ id: quote.id, quote }))) event.preventDefault();
  }
}

/** The real coin whose loop copy is drawn under the pointer, if any. */
function drawnAt(viewport: Element, { clientX: x }: MouseEvent): HTMLElement | undefined {
  // The loop copies are the inert lists; the real list is the first.
  for (const li of viewport.querySelectorAll('.list[inert] > li')) {
    const box = li.getBoundingClientRect();
    if (x < box.left || x > box.right) continue;
    const id = li.getAttribute('data-id');
    return [...viewport.querySelector('.list')!.children].find(
      (real) => real.getAttribute('data-id') === id,
    ) as HTMLElement;
  }
  return undefined;
}
