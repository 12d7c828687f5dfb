import type { MarqueeController } from './marquee-controller.js';

/**
 * One tab stop for the list of coins: the arrow keys, Home and End move the focus from coin to
 * coin, and the strip holds still and shows the focused coin in full. `index` is the coin that
 * holds the tab stop, for the template's `tabindex`. It needs no lifecycle: it is the listener
 * for `focusin`, `focusout` and `keydown` on the viewport, bound in the template.
 */
export class RovingFocusController {
  /** The coin that holds the list's one tab stop. */
  index = 0;
  readonly #marquee: MarqueeController;
  readonly #language: { readonly rtl: boolean };

  constructor(marquee: MarqueeController, language: { readonly rtl: boolean }) {
    this.#marquee = marquee;
    this.#language = language;
  }

  handleEvent(event: Event): void {
    if (event.type === 'keydown') this.#keydown(event as KeyboardEvent);
    else this.#focus(event as FocusEvent);
  }

  #focus(event: FocusEvent): void {
    // Focus moving from coin to coin keeps the hold: no play and pause in between (Firefox would
    // apply that pause a frame late, a 1 px jump).
    const viewport = event.currentTarget as HTMLElement;
    const focused = event.type === 'focusin' || viewport.contains(event.relatedTarget as Node | null);
    this.#marquee.hold('focus', focused);
    const at = items(viewport).indexOf(event.target as HTMLElement);
    if (focused && at >= 0) {
      this.index = at;
      this.#marquee.reveal(event.target as HTMLElement);
    }
  }

  #keydown(event: KeyboardEvent): void {
    const list = items(event.currentTarget as HTMLElement);
    const at = list.indexOf(event.target as HTMLElement);
    if (at < 0) return;
    const rtl = this.#language.rtl;
    const next = {
      [rtl ? 'ArrowLeft' : 'ArrowRight']: at + 1,
      ArrowDown: at + 1,
      [rtl ? 'ArrowRight' : 'ArrowLeft']: at - 1,
      ArrowUp: at - 1,
      Home: 0,
      End: Infinity, // the last, as the clamp below makes it
    }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const target = list[Math.max(0, Math.min(list.length - 1, next))]!;
    for (const item of list) item.tabIndex = item === target ? 0 : -1;
    target.focus();
  }
}

/** The tab stops of the real list's coins (not the loop copies'), in order: each coin, or its link. */
const items = (viewport: HTMLElement) => [
  ...viewport.querySelectorAll<HTMLElement>('.list:not([aria-hidden]) [tabindex]'),
];
