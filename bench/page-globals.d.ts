// What bench/run.mjs puts on `window` in each page (pageProbes, then the measurements), so that
// the functions it runs in the page are type-checked too.
import type { PriceTickerElement } from '../src/element.js';

/** A coin in the baseline's shape: name, symbol, price, change. */
type PlainRow = string[];

interface BenchHelpers {
  frame(): Promise<unknown>;
  sleep(ms: number): Promise<unknown>;
  /** Waits until nothing is pending: a frame, then a task. */
  settle(): Promise<void>;
  /** The last request for prices, from Resource Timing, once its entry is in (undefined: none). */
  lastFetch(): Promise<PerformanceResourceTiming | undefined>;
  /** The package's exact parse and format, from dist/lib (the floors' code). */
  lib(): Promise<{ format: BenchFormatModule; json: BenchJsonModule }>;
  ticker(attrs: Record<string, string>): PriceTickerElement;
  /** A ticker of `n` coins appended to the page, once it shows them. */
  showTicker(args: { ids: string[]; endpoint: string; n: number }, interval?: string): Promise<PriceTickerElement>;
  items(el: PriceTickerElement): number;
  rendered(el: PriceTickerElement, n: number, timeout?: number): Promise<void>;
  plainList(rows: PlainRow[]): HTMLUListElement;
  /**
   * Dresses a plain list in its window as the full floor: logo boxes, a phrase per coin, loop
   * copies, one animation moving it; returns that animation, what writes coin `i` beyond its
   * two texts (its phrase, its change's direction and room, its copy), what writes its phrase
   * alone (returning the change's direction), and how many coins one window shows.
   */
  dressFull(
    ul: HTMLUListElement,
    speed: number,
    format: BenchFormatModule,
  ): {
    strip: Animation;
    write: (
      i: number,
      coin: { name: string; symbol: string },
      price: string,
      change: string,
      changeText: string,
    ) => void;
    speak: (i: number, coin: { name: string; symbol: string }, price: string, change: string) => string;
    inView: number;
  };
  /** The plain list in a window of the page's width that hides what overflows; its width. */
  plainInWindow(rows: PlainRow[]): { ul: HTMLUListElement; width: number };
  /** The plain list in a window, moved at `speed` px/s by one CSS animation of transform. */
  plainMarquee(rows: PlainRow[], speed: number): HTMLUListElement;
  /** The plain list moved by script (its margin set in every frame), for the controls. */
  plainMovedByScript(rows: PlainRow[], speed: number): HTMLUListElement;
  /** How fast a ticker's strip moves, px/s (0: not moving). */
  speedOf(el: PriceTickerElement): number;
  rowsOf(el: PriceTickerElement): PlainRow[];
}

declare global {
  /** What the floors load of the package (dist/lib/format/index.js). */
  interface BenchFormatModule {
    formatPrice(value: string, options: object): string;
    formatChange(value: string, options: object): string;
    changeDirection(value: string): 'up' | 'down' | 'flat';
    parseDecimal(value: string): { abs(): { toFixed(digits: number): string }; greaterThan(other: object): boolean };
  }
  /** What the floors load of the package (dist/lib/feed/exact-json.js). */
  interface BenchJsonModule {
    parseExactJson(text: string): unknown;
  }
  interface Window {
    __bench: BenchHelpers;
    /** requestAnimationFrame calls, and their count at the start of a window. */
    __raf: number;
    __raf0: number;
    /** Web Animations started. */
    __animate: number;
    /** Long animation frame durations (null: not supported), and their count at the start of a window. */
    __loaf: number[] | null;
    __loaf0: number;
    __el: PriceTickerElement;
    /** The stream section's pages: price-ticker-update events seen so far. */
    __streamUpdates: number;
    __els: PriceTickerElement[] | null;
    __plain: {
      ul: HTMLUListElement;
      rows: PlainRow[][];
      turn: number;
      prices: HTMLElement[];
      changes: HTMLElement[];
    };
    /** The floor of an exact update: the package's own parse and format, the plain list. */
    /** The floor page's one update (bench/run.mjs openFloorPage): when the answer was in, when the DOM was done. */
    /** A floor page's update, and how many coins it writes (the others: their phrase alone). */
    __floor: { inView: number; update(): Promise<{ tData: number; tDom: number }> };
    __strip: Animation | undefined;
    /** The sparklines page's counters: bumped to change the prices or the series. */
    __turn: { price: number; series: number };
    __anim: Animation | undefined;
    __updates: number;
    /** Objects held for the heap control. */
    __hold: unknown[];
  }
}
