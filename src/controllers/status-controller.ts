import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { FeedStatus } from '../feed/feed.js';

/**
 * What the element says about its status: the status line, which the host works out once before
 * each render (`line`), and after it the custom state `:state(loading|live|stale|error)` of `host.status`;
 * while the line shows anything (it may say how long ago the data arrived, "2 minutes ago"), a
 * render every 30 s; no timer otherwise, none once disconnected.
 */
export class StatusController implements ReactiveController {
  readonly #host: ReactiveControllerHost & { readonly status: FeedStatus };
  readonly #states: CustomStateSet | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** The status line for this render (empty while live and fresh), set by the host before it. */
  line = '';

  constructor(host: ReactiveControllerHost & HTMLElement & { readonly status: FeedStatus }) {
    this.#host = host;
    this.#states = host.attachInternals?.().states;
    host.addController(this);
  }

  hostUpdated(): void {
    const status = this.#host.status;
    try {
      // One state at a time: the status's.
      if (this.#states && !this.#states.has(status)) {
        this.#states.clear();
        this.#states.add(status);
      }
    } catch {
      // Older browsers only accept the legacy `--state` syntax: the custom state is a nicety.
    }
    clearTimeout(this.#timer);
    this.#timer = this.line ? setTimeout(() => this.#host.requestUpdate(), 30_000) : undefined;
  }

  hostDisconnected(): void {
    clearTimeout(this.#timer);
  }
}
