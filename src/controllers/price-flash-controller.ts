import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Quote } from '../feed/quote.js';
import { parseDecimal } from '../format/index.js';

/** How long a moved price stays tinted. */
export const FLASH_MS = 1200;

/**
 * Which prices moved in the last update, and which way: the template writes `data-flash="up"`
 * (or `down`) on each moved price, in the same render as its new text, and the stylesheet tints
 * those while the ticker has the class `flashing`, which this controller adds after that render
 * and one timer takes off: every tint ends with one class, not one attribute per price. No
 * animation, so no layer per price: an update costs one style pass more than its texts. Each data
 * update marks the prices it moved (a price that moves again is tinted anew) and unmarks the
 * others. Not under reduced motion, and not for the first data.
 */
export class PriceFlashController implements ReactiveController {
  readonly #host: ReactiveControllerHost & { readonly renderRoot: ParentNode };
  readonly #feed: { readonly quotes: readonly Quote[] };
  readonly #marquee: { readonly still: boolean };
  /** The quotes as last shown, to tell the prices that moved. */
  #seen: readonly Quote[] = [];
  #moves = new Map<string, 'up' | 'down'>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #started = false;

  /** The quotes shown come from `feed`; under reduced motion (`marquee.still`) nothing is tinted. */
  constructor(
    host: ReactiveControllerHost & { readonly renderRoot: ParentNode },
    feed: { readonly quotes: readonly Quote[] },
    marquee: { readonly still: boolean },
  ) {
    this.#host = host;
    this.#feed = feed;
    this.#marquee = marquee;
    host.addController(this);
  }

  /** `up` or `down` for a price that moved in the last update (bound: it is handed on as it is). */
  flash = (id: string): string | undefined => this.#moves.get(id);

  hostUpdate(): void {
    const quotes = this.#feed.quotes;
    const before = this.#seen;
    if (quotes === before) return; // not a data update: the tints shown stay as they are
    this.#seen = quotes;
    this.#moves = new Map(); // prices that did not move this time lose their tint
    if (this.#marquee.still || before.length === 0) return;
    const prices = new Map(before.map((q) => [q.id, q.price]));
    for (const q of quotes) {
      const old = prices.get(q.id);
      if (old === undefined || old === q.price) continue;
      this.#moves.set(q.id, parseDecimal(q.price).greaterThan(parseDecimal(old)) ? 'up' : 'down');
      this.#started = true;
    }
  }

  hostUpdated(): void {
    if (!this.#started) return;
    this.#started = false;
    this.#ticker()?.classList.add('flashing');
    clearTimeout(this.#timer);
    this.#timer = setTimeout(this.#end, FLASH_MS);
  }

  hostDisconnected(): void {
    clearTimeout(this.#timer);
    this.#end();
  }

  #ticker = () => this.#host.renderRoot.querySelector('.ticker');

  /** Every tint off at once, straight in the DOM: a render would rewrite every coin for it. */
  #end = (): void => this.#ticker()?.classList.remove('flashing');
}
