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

/**
 * Scrolls the track with one Web Animation (transform only, in pixels): leftwards by one list
 * width, played backwards to move right. The track holds the list and enough aria-hidden copies
 * to fill the viewport; moving it by exactly one list width and starting over is seamless. When
 * the list width changes, the same animation is re-timed in place so the strip keeps its
 * position and its speed.
 */
export class MarqueeController implements ReactiveController {
  /**
   * How many coins the loop copies after the list hold in all: the list over again as often as
   * needed, and of the last copy only the coins that can be in view while the list's end passes
   * (a copy of 7 coins, not of 50, at 1280 px).
   */
  copies = 0;

  readonly #host: ReactiveControllerHost & { readonly renderRoot: ParentNode };
  readonly #motionQuery = matchMedia('(prefers-reduced-motion: reduce)');
  /** Set before each render, so before anything reads it. */
  #options!: MarqueeOptions;
  #animation: Animation | null = null;
  /** What the animation is timed for: the list width (0 while there is no animation), speed, way. */
  #width = 0;
  #speed!: number;
  #towards!: MarqueeOptions['towards'];
  /** Border-box widths of the first list and the viewport, as the ResizeObserver last saw them. */
  #listWidth = 0;
  #viewportWidth = 0;
  /** The list observed with the viewport (the viewport stays; the list is new after the skeleton). */
  #observedList: Element | undefined;
  // Size changes (text, fonts, viewport) are the only thing that changes how many copies are
  // needed, so only this path asks the host to render again.
  readonly #observer = new ResizeObserver((entries) => {
    // Sizes come with the observation: no layout is forced to read them.
    for (const entry of entries) {
      const width = entry.borderBoxSize?.[0]?.inlineSize ?? entry.target.getBoundingClientRect().width;
      if (entry.target === this.#observedList) this.#listWidth = width;
      else this.#viewportWidth = width;
    }
    this.#apply(true);
  });
  /** Hover, keyboard focus or a tap on the coins holds the motion while it lasts. */
  readonly #holds = new Set<'hover' | 'focus' | 'tap'>();

  /** The host renders the strip: `.viewport` > `.track` > `.list` (the first is the real list). */
  constructor(host: ReactiveControllerHost & { readonly renderRoot: ParentNode }) {
    this.#host = host;
    host.addController(this);
  }

  /** True while motion is reduced by the user's system setting: no animation, no copies. */
  get still(): boolean {
    return this.#motionQuery.matches;
  }

  /** The real list; its parent is the track, and the track's the viewport. Read after a render. */
  #list = () => this.#host.renderRoot.querySelector<HTMLElement>('.list');

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
    const list = this.#list();
    if (!list || !this.#width) return;
    const view = list.parentElement!.parentElement!.getBoundingClientRect();
    const box = item.getBoundingClientRect();
    // The item's place in the list, less a small margin, becomes the new shift.
    if (box.left < view.left || box.right > view.right)
      this.#setShift(box.left - list.getBoundingClientRect().left - 16);
  }

  hostConnected(): void {
    this.#motionQuery.onchange = () => this.#host.requestUpdate();
  }

  hostDisconnected(): void {
    this.#observer.disconnect();
    this.#observedList = undefined;
    this.#motionQuery.onchange = null;
    this.#stop();
  }

  hostUpdated(): void {
    const list = this.#list();
    if (!list) return;
    if (list !== this.#observedList) {
      this.#observer.disconnect();
      this.#observedList = list;
      this.#observer.observe(list.parentElement!.parentElement!);
      this.#observer.observe(list); // reports their sizes, then #apply
      return;
    }
    // Speed, direction or pause may have changed; sizes are as last observed.
    this.#apply(false);
  }

  #stop(): void {
    this.#animation?.cancel();
    this.#animation = null;
    this.#width = 0;
  }

  #apply(mayRender: boolean): void {
    const list = this.#list();
    if (!list) return;
    const width = this.#listWidth;
    const { speed } = this.#options;
    const moving = !this.still && speed > 0 && width > 0;
    if (!moving) this.#stop();
    // Only where sizes were just observed: reading item positions elsewhere would force a layout.
    const copies = mayRender && moving ? copiesToFill(list, width, this.#viewportWidth) : 0;
    if (mayRender && copies !== this.copies) {
      this.copies = copies;
      this.#host.requestUpdate();
    }
    if (moving) this.#retime(list.parentElement!, width, speed);
  }

  /**
   * Starts the animation, or changes its distance, duration or direction while keeping the
   * track where it is on screen (the shift is carried over, modulo the new width).
   */
  #retime(track: HTMLElement, width: number, speed: number): void {
    const towards = this.#options.towards;
    const a = this.#animation;
    if (!a || width !== this.#width || speed !== this.#speed || towards !== this.#towards) {
      // How far left of its start the track is now, in px (0 ≤ shift < the old list width).
      const shift = (a?.effect?.getComputedTiming().progress ?? 0) * this.#width;
      const keyframes = [{ transform: 'translateX(0px)' }, { transform: `translateX(${-width}px)` }];
      const timing = {
        duration: (width / speed) * 1000,
        direction: towards === 'left' ? 'normal' : 'reverse',
      } as const;
      if (a) {
        (a.effect as KeyframeEffect).setKeyframes(keyframes);
        a.effect!.updateTiming(timing);
      } else {
        this.#animation = track.animate(keyframes, { ...timing, iterations: Infinity });
      }
      this.#width = width;
      this.#speed = speed;
      this.#towards = towards;
      this.#setShift(shift);
    }
    this.#applyPlayState();
  }

  /** Puts the track `shift` px left of its start (modulo the list width), keeping the timing. */
  #setShift(shift: number): void {
    const a = this.#animation;
    const width = this.#width;
    if (!a || !width) return;
    const progress = (((shift % width) + width) % width) / width;
    // Played backwards, the track is there that much before the end of an iteration (of the
    // duration #retime set).
    a.currentTime = (this.#towards === 'left' ? progress : 1 - progress) * ((width / this.#speed) * 1000);
  }

  #applyPlayState(): void {
    // Only on a change: play() on a running animation is no no-op in Chromium, which hands it to
    // the compositor again (about 2 ms of main-thread work on every render of 50 coins).
    const a = this.#animation;
    const paused = this.#options.paused || this.#holds.size > 0;
    if (!a || paused === (a.playState === 'paused')) return;
    if (paused) a.pause();
    else a.play();
  }
}
