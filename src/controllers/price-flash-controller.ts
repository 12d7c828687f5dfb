import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Quote } from '../feed/quote.js';
import { parseDecimal } from '../format/index.js';

/**
 * Which prices moved in the last update, and which way: the template writes it as
 * `data-flash="up-0"` on each moved price, and one shared CSS animation (the opacity of a
 * coloured layer behind the digits, which the compositor runs) shows it. Nothing else per price:
 * no script animation, no timer. The round number alternates between updates, so a price that
 * moves again restarts its flash; prices that did not move this time lose the attribute. Not
 * under reduced motion, and not for the first data.
 */
export class PriceFlashController implements ReactiveController {
  readonly #quotes: () => readonly Quote[];
  readonly #still: () => boolean;
  /** Prices as last shown, to tell the ones that moved. */
  #shown = new Map<string, string>();
  #seen: readonly Quote[] = [];
  #moves = new Map<string, string>();
  #round = 0;

  constructor(host: ReactiveControllerHost, quotes: () => readonly Quote[], still: () => boolean) {
    this.#quotes = quotes;
    this.#still = still;
    host.addController(this);
  }

  /** `up-0`, `down-1`… for a price that moved in the last update; undefined otherwise. */
  flash(id: string): string | undefined {
    return this.#moves.get(id);
  }

  hostUpdate(): void {
    const quotes = this.#quotes();
    if (quotes === this.#seen) return; // not a data update: the flashes shown stay as they are
    this.#seen = quotes;
    const before = this.#shown;
    this.#shown = new Map(quotes.map((q) => [q.id, q.price]));
    this.#moves = new Map();
    if (this.#still() || before.size === 0) return;
    this.#round ^= 1;
    for (const q of quotes) {
      const old = before.get(q.id);
      if (old === undefined || old === q.price) continue;
      this.#moves.set(q.id, `${parseDecimal(q.price).greaterThan(parseDecimal(old)) ? 'up' : 'down'}-${this.#round}`);
    }
  }
}
