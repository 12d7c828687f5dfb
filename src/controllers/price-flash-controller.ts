import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Quote } from '../feed/quote.js';
import { parseDecimal } from '../format/index.js';

/** How long a moved price stays tinted. */
export const FLASH_MS = 1200;

/**
 * Which prices moved in the last update, and which way: the template writes `data-flash="up"`
 * (or `down`) on each moved price, in the same render as its new text, and the stylesheet tints
 * it; one timer takes every tint off together. No animation, so no layer per price: an update
 * costs one style pass more than its texts, not one animation per price. Each data update tints
 * the prices it moved (a price that moves again is tinted anew) and untints the others. Not under
 * reduced motion, and not for the first data.
 */
export class PriceFlashController implements ReactiveController {
  readonly #quotes: () => readonly Quote[];
  readonly #still: () => boolean;
  readonly #root: () => ParentNode;
  /** Prices as last shown, to tell the ones that moved. */
  #shown = new Map<string, string>();
  #seen: readonly Quote[] = [];
  #moves = new Map<string, 'up' | 'down'>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #started = false;

  constructor(
    host: ReactiveControllerHost,
    quotes: () => readonly Quote[],
    still: () => boolean,
    root: () => ParentNode,
  ) {
    this.#quotes = quotes;
    this.#still = still;
    this.#root = root;
    host.addController(this);
  }

  /** `up` or `down` for a price that moved in the last update and is still tinted. */
  flash(id: string): string | undefined {
    return this.#moves.get(id);
  }

  hostUpdate(): void {
    const quotes = this.#quotes();
    if (quotes === this.#seen) return; // not a data update: the tints shown stay as they are
    this.#seen = quotes;
    const before = this.#shown;
    this.#shown = new Map(quotes.map((q) => [q.id, q.price]));
    this.#moves = new Map(); // prices that did not move this time lose their tint
    if (this.#still() || before.size === 0) return;
    for (const q of quotes) {
      const old = before.get(q.id);
      if (old === undefined || old === q.price) continue;
      this.#moves.set(q.id, parseDecimal(q.price).greaterThan(parseDecimal(old)) ? 'up' : 'down');
      this.#started = true;
    }
  }

  hostUpdated(): void {
    if (!this.#started) return;
    this.#started = false;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(this.#end, FLASH_MS);
  }

  hostDisconnected(): void {
    clearTimeout(this.#timer);
    this.#end();
  }

  /** Every tint off at once, straight in the DOM: a render would rewrite every coin for it. */
  #end = (): void => {
    this.#moves = new Map();
    for (const el of this.#root().querySelectorAll('[data-flash]')) el.removeAttribute('data-flash');
  };
}
