import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface MarqueeOptions {
  /** CSS pixels per second; 0 stands still. */
  speed: number;
  /** Which way the content moves. */
  towards: 'left' | 'right';
  /** Paused by the user (the pause button or the `paused` attribute). */
  paused: boolean;
}

/**
 * Coins to copy after a list `width` px wide so that a viewport `viewportWidth` px wide is full
 * whatever the shift: whole lists while shorter than the viewport, then the coins of the list
 * that start within the viewport's width. Called where layout is clean (sizes just observed).
 */
function copiesToFill(list: HTMLElement, width: number, viewportWidth: number): number {
  const items = list.children;
  const whole = Math.floor(viewportWidth / width);
  const rest = viewportWidth - whole * width;
  const start = list.getBoundingClientRect().left;
  let n = 0; // counted by position: in a right-to-left list the first coins are on the right
  for (const item of items) if (item.getBoundingClientRect().left - start < rest) n++;
  return whole * items.length + n;
}

const reducedMotion = () => matchMedia('(prefers-reduced-motion: reduce)').matches;

/**
 * Scrolls the track with one Web Animation (transform only, in pixels). The track holds the
 * list and enough aria-hidden copies to fill the viewport; moving it by exactly one list
 * width and starting over is seamless. When the list width changes, the same animation is
 * re-timed in place so the strip keeps its position and its speed.
 */
export class MarqueeController implements ReactiveController {
  /**
   * How many coins the loop copies after the list hold in all: the list over again as often as
   * needed, and of the last copy only the coins that can be in view while the list's end passes
   * (a copy of 7 coins, not of 50, at 1280 px).
   */
  copies = 0;
  /** True while motion is reduced by the user's system setting: no animation, no copies. */
  still = false;

  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #root: () => ParentNode | undefined;
  #options: MarqueeOptions = { speed: 40, towards: 'left', paused: false };
  #animation: Animation | null = null;
  #width = 0;
  #observer: ResizeObserver | null = null;
  #observed: Element[] = [];
  /** Border-box widths of the first list and the viewport, as the ResizeObserver last saw them. */
  #listWidth = 0;
  #viewportWidth = 0;
  #motionQuery: MediaQueryList | null = null;
  /** Hover, keyboard focus or a tap on the coins holds the motion while it lasts. */
  readonly #holds = new Set<'hover' | 'focus' | 'tap'>();

  /** `root` holds the strip: `.viewport` > `.track` > `.list` (the first is the real list). */
  constructor(host: ReactiveControllerHost & HTMLElement, root: () => ParentNode | undefined) {
    this.#host = host;
    this.#root = root;
    host.addController(this);
  }

  #parts(): { viewport: HTMLElement; track: HTMLElement; list: HTMLElement } | null {
    const root = this.#root();
    const viewport = root?.querySelector<HTMLElement>('.viewport');
    const track = root?.querySelector<HTMLElement>('.track');
    const list = root?.querySelector<HTMLElement>('.list');
    return viewport && track && list ? { viewport, track, list } : null;
  }

  set(options: MarqueeOptions): void {
    this.#options = options;
  }

  hold(reason: 'hover' | 'focus' | 'tap', on: boolean): void {
    if (on) this.#holds.add(reason);
    else this.#holds.delete(reason);
    this.#applyPlayState();
  }

  /**
   * The listener for pointer events on the strip: on touch screens a tap holds the motion and the next tap
   * releases it; a mouse holds it while it hovers.
   */
  handleEvent(event: PointerEvent): void {
    if (event.pointerType === 'touch') {
      if (event.type === 'pointerup') this.hold('tap', !this.#holds.has('tap'));
    } else if (event.type !== 'pointerup') {
      this.hold('hover', event.type === 'pointerenter');
    }
  }

  /** Moves the strip so that `item` (in the first list) is fully in view, if it is not. */
  reveal(item: HTMLElement): void {
    const parts = this.#parts();
    if (!parts || !this.#animation || this.#width === 0) return;
    const view = parts.viewport.getBoundingClientRect();
    const box = item.getBoundingClientRect();
    if (box.left >= view.left && box.right <= view.right) return;
    const listLeft = parts.list.getBoundingClientRect().left;
    // The item's place in the list, less a small margin, becomes the new shift.
    this.#setShift(box.left - listLeft - 16);
  }

  hostConnected(): void {
    // Size changes (text, fonts, viewport) are the only thing that changes how many copies are
    // needed, so only this path asks the host to render again.
    this.#observer = new ResizeObserver((entries) => {
      // Sizes come with the observation: no layout is forced to read them.
      for (const entry of entries) {
        const width = entry.borderBoxSize?.[0]?.inlineSize ?? entry.target.getBoundingClientRect().width;
        if (entry.target === this.#observed[0]) this.#viewportWidth = width;
        else this.#listWidth = width;
      }
      this.#apply(true);
    });
    this.#motionQuery = matchMedia('(prefers-reduced-motion: reduce)');
    this.#motionQuery.addEventListener('change', this.#onMotionChange);
    this.still = reducedMotion();
  }

  hostDisconnected(): void {
    this.#observer?.disconnect();
    this.#observer = null;
    this.#observed = [];
    this.#listWidth = this.#viewportWidth = 0;
    this.#motionQuery?.removeEventListener('change', this.#onMotionChange);
    this.#motionQuery = null;
    this.#animation?.cancel();
    this.#animation = null;
    this.#width = 0;
  }

  hostUpdated(): void {
    const parts = this.#parts();
    if (!parts || !this.#observer) return;
    const wanted = [parts.viewport, parts.list];
    if (wanted.some((el, i) => this.#observed[i] !== el)) {
      this.#observer.disconnect();
      this.#observed = wanted;
      wanted.forEach((el) => this.#observer!.observe(el)); // reports their sizes, then #apply
      return;
    }
    // Speed, direction or pause may have changed; sizes are as last observed.
    this.#apply(false);
  }

  /** How far left of its start the track is now, in px (0 ≤ shift < list width). */
  get shift(): number {
    const a = this.#animation;
    if (!a || this.#width === 0) return 0;
    const duration = Number(a.effect?.getTiming().duration) || 1;
    const travelled = (((Number(a.currentTime) || 0) % duration) / duration) * this.#width;
    return this.#towards === 'left' ? travelled : this.#width - travelled;
  }

  #onMotionChange = () => {
    this.still = reducedMotion();
    this.#host.requestUpdate();
  };

  #apply(mayRender: boolean): void {
    const parts = this.#parts();
    if (!parts) return;
    const width = this.#listWidth;
    const viewportWidth = this.#viewportWidth;
    const { speed } = this.#options;
    if (this.still || speed <= 0 || width <= 0) {
      this.#animation?.cancel();
      this.#animation = null;
      this.#width = 0;
      if (mayRender) this.#setCopies(0);
      return;
    }
    // Only where sizes were just observed: reading item positions elsewhere would force a layout.
    if (mayRender) this.#setCopies(copiesToFill(parts.list, width, viewportWidth));
    this.#retime(parts.track, width, speed);
  }

  #setCopies(copies: number): void {
    if (copies === this.copies) return;
    this.copies = copies;
    this.#host.requestUpdate();
  }

  /**
   * Starts the animation, or changes its distance, duration or direction while keeping the
   * track where it is on screen (the shift is carried over, modulo the new width).
   */
  #retime(track: HTMLElement, width: number, speed: number): void {
    const towards = this.#options.towards;
    const duration = (width / speed) * 1000;
    const a = this.#animation;
    const oldDuration = Number(a?.effect?.getTiming().duration);
    if (a && width === this.#width && towards === this.#towards && Math.abs(oldDuration - duration) < 1e-6) {
      this.#applyPlayState();
      return;
    }
    const shift = this.shift % width;
    const keyframes =
      towards === 'left'
        ? [{ transform: 'translateX(0px)' }, { transform: `translateX(${-width}px)` }]
        : [{ transform: `translateX(${-width}px)` }, { transform: 'translateX(0px)' }];
    let animation = a;
    if (animation?.effect instanceof KeyframeEffect) {
      animation.effect.setKeyframes(keyframes);
      animation.effect.updateTiming({ duration });
    } else {
      animation = this.#animation = track.animate(keyframes, { duration, iterations: Infinity, easing: 'linear' });
    }
    this.#towards = towards;
    this.#width = width;
    this.#setShift(shift);
    this.#applyPlayState();
  }

  /** Puts the track `shift` px left of its start (modulo the list width), keeping the timing. */
  #setShift(shift: number): void {
    const a = this.#animation;
    const width = this.#width;
    if (!a || width === 0) return;
    const duration = Number(a.effect?.getTiming().duration) || 1;
    const wrapped = ((shift % width) + width) % width;
    const progress = this.#towards === 'left' ? wrapped / width : (width - wrapped) / width;
    a.currentTime = (progress % 1) * duration;
  }

  #towards: 'left' | 'right' = 'left';

  #applyPlayState(): void {
    const a = this.#animation;
    if (!a) return;
    const stop = this.#options.paused || this.#holds.size > 0;
    if (stop && a.playState === 'running') a.pause();
    else if (!stop && a.playState === 'paused') a.play();
  }
}
