export interface FocusOptions {
  /** The coins of the real list (not the loop copies), in order. */
  items(): HTMLElement[];
  rtl(): boolean;
  /** Focus entered (true) or left (false) the coins: the motion is held while it is inside. */
  hold(focused: boolean): void;
  /** Brings the focused coin into full view. */
  reveal(item: HTMLElement): void;
}

/**
 * One tab stop for the list of coins: the arrow keys, Home and End move the focus from coin to
 * coin. `index` is the coin that holds the tab stop, for the template's `tabindex`. It needs no
 * lifecycle: its handlers are bound in the template.
 */
export class RovingFocusController {
  /** The coin that holds the list's one tab stop. */
  index = 0;
  readonly #options: FocusOptions;

  constructor(options: FocusOptions) {
    this.#options = options;
  }

  onFocus = (event: FocusEvent): void => {
    // Focus moving from coin to coin keeps the hold: no play and pause in between (Firefox would
    // apply that pause a frame late, a 1 px jump).
    const focused =
      event.type === 'focusin' || (event.currentTarget as Node).contains(event.relatedTarget as Node | null);
    this.#options.hold(focused);
    if (focused && event.target instanceof HTMLElement && event.target.matches('[part~="item"]')) {
      this.index = Number(event.target.dataset.index) || 0;
      this.#options.reveal(event.target);
    }
  };

  onKeydown = (event: KeyboardEvent): void => {
    const items = this.#options.items();
    const at = items.indexOf(event.target as HTMLElement);
    if (at < 0) return;
    const rtl = this.#options.rtl();
    const step: Record<string, number> = {
      [rtl ? 'ArrowLeft' : 'ArrowRight']: at + 1,
      ArrowDown: at + 1,
      [rtl ? 'ArrowRight' : 'ArrowLeft']: at - 1,
      ArrowUp: at - 1,
      Home: 0,
      End: items.length - 1,
    };
    const next = step[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const target = items[Math.max(0, Math.min(items.length - 1, next))]!;
    for (const item of items) item.tabIndex = item === target ? 0 : -1;
    target.focus();
  };
}
