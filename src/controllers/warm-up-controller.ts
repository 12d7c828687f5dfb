import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Runs `warm` once, in a task of its own after the first render is on screen, while the host has
 * no data yet: work that would otherwise fall between the first answer and its prices on screen
 * is done while the request is out. Nothing when the data came first, or once disconnected
 * (connected again, it starts over).
 */
export class WarmUpController implements ReactiveController {
  readonly #warm: () => void;
  #frame = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #started = false;

  /** `warm` is called only if it is still worth it: it checks for itself that no data came. */
  constructor(host: ReactiveControllerHost, warm: () => void) {
    this.#warm = warm;
    host.addController(this);
  }

  hostUpdated(): void {
    if (this.#started) return;
    this.#started = true;
    // The frame's callbacks run before it is painted: the task after them, once it is.
    this.#frame = requestAnimationFrame(() => (this.#timer = setTimeout(this.#warm)));
  }

  hostDisconnected(): void {
    cancelAnimationFrame(this.#frame);
    clearTimeout(this.#timer);
    this.#started = false; // connected again, it looks again
  }
}
