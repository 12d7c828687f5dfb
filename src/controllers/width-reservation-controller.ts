import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Keeps every price and change box at least as wide as its widest text so far plus room for a
 * digit and a separator: a price that gains a digit then does not push the coins after it (no
 * layout shift). Boxes only grow, and start afresh (`reset`) when the texts take another shape
 * (currency, locale, fields). Loop copies, new ones included, get the same widths, so the loop
 * stays seamless. Runs after each render, before the browser paints.
 */
export class WidthReservationController implements ReactiveController {
  readonly #root: () => ParentNode | undefined;
  /** Widths reserved for each coin's price and change boxes (`id|class`): in px, and as CSS. */
  #reserved = new Map<string, { px: number; css: string }>();
  /** The reserved width last written on each box, so unchanged boxes are not written again. */
  #written = new WeakMap<HTMLElement, string>();

  constructor(host: ReactiveControllerHost, root: () => ParentNode | undefined) {
    this.#root = root;
    host.addController(this);
  }

  /** Forgets every reserved width: the next render measures afresh. */
  reset(): void {
    this.#reserved.clear();
    this.#written = new WeakMap();
    for (const box of this.#root()?.querySelectorAll<HTMLElement>('.price, .change') ?? [])
      box.style.minInlineSize = '';
  }

  hostUpdated(): void {
    const lists = [...(this.#root()?.querySelectorAll<HTMLElement>('.track > .list') ?? [])];
    if (!lists[0]) return;
    const grown: HTMLElement[] = [];
    for (const box of priceBoxes(lists[0])) {
      const width = box.getBoundingClientRect().width;
      if (width > (this.#reserved.get(boxKey(box))?.px ?? 0) + 0.5) {
        this.#reserved.set(boxKey(box), { px: width, css: `calc(${width}px + 2ch)` });
        grown.push(box);
      }
    }
    for (const list of lists) {
      for (const box of priceBoxes(list)) {
        const css = this.#reserved.get(boxKey(box))?.css ?? '';
        if (this.#written.get(box) !== css) {
          box.style.minInlineSize = css;
          this.#written.set(box, css);
        }
      }
    }
    // What the grown boxes measure now, text and room together, is what the next text must pass.
    for (const box of grown) this.#reserved.get(boxKey(box))!.px = box.getBoundingClientRect().width;
  }
}

function priceBoxes(list: HTMLElement): NodeListOf<HTMLElement> {
  return list.querySelectorAll<HTMLElement>('.price, .change');
}

/** Which coin's price or change a box is: `bitcoin|price`. */
function boxKey(box: HTMLElement): string {
  return `${box.closest<HTMLElement>('[data-id]')?.dataset.id}|${box.className}`;
}
