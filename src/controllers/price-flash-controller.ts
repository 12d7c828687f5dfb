import type { ReactiveController, ReactiveElement } from 'lit';
import type { Quote } from '../feed/quote.js';
import { parseDecimal } from '../format/index.js';

/**
 * A price that changed since the last render flashes briefly in the direction of its move (an
 * animation on the existing node: no DOM change). Not under reduced motion. The flashes of the
 * previous update are cancelled first: overlapping ones would leave the compositor and tick on
 * the main thread (measured in bench/).
 */
export class PriceFlashController implements ReactiveController {
  readonly #host: ReactiveElement;
  readonly #quotes: () => readonly Quote[];
  readonly #still: () => boolean;
  /** The running flash animations of the last update. */
  #flashes: Animation[] = [];
  /** Prices as last rendered, to flash the ones that change. */
  #shown = new Map<string, string>();

  /** `quotes`: the quotes just rendered; `still`: true while motion is reduced (no flash). */
  constructor(host: ReactiveElement, quotes: () => readonly Quote[], still: () => boolean) {
    this.#host = host;
    this.#quotes = quotes;
    this.#still = still;
    host.addController(this);
  }

  hostUpdated(): void {
    const quotes = this.#quotes();
    const before = this.#shown;
    this.#shown = new Map(quotes.map((q) => [q.id, q.price]));
    const root = this.#host.renderRoot;
    if (this.#still() || before.size === 0 || !root) return;
    for (const flash of this.#flashes) flash.cancel();
    this.#flashes = [];
    const palette = getComputedStyle(this.#host); // the theme's colours, resolved once per update
    for (const q of quotes) {
      const old = before.get(q.id);
      if (old === undefined || old === q.price) continue;
      const up = parseDecimal(q.price).gt(parseDecimal(old));
      // A background, not the digits' colour: Chromium animates background colours on the
      // compositor, text colours on the main thread every frame (bench/ measured both).
      const flash = palette.getPropertyValue(up ? '--_flash-up' : '--_flash-down');
      for (const price of root.querySelectorAll<HTMLElement>(`[data-id="${CSS.escape(q.id)}"] .price`)) {
        this.#flashes.push(
          price.animate({ backgroundColor: [flash, 'transparent'] }, { duration: 1200, easing: 'ease-out' }),
        );
      }
    }
  }
}
