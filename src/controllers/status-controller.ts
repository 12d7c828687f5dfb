import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { FeedStatus } from '../feed/feed.js';

const STATES: readonly FeedStatus[] = ['loading', 'live', 'stale', 'error'];

/**
 * What the element says about its status: the status line, worked out once before each render
 * (`line`), and after it the custom states `:state(loading|live|stale|error)`; while the line
 * shows anything (it may say how long ago the data arrived, "2 minutes ago"), a render every
 * 30 s; no timer otherwise, none once disconnected.
 */
export class StatusController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #states: CustomStateSet | undefined;
  readonly #status: () => FeedStatus;
  readonly #line: () => string;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** The status line for this render (empty while live and fresh). */
  line = '';

  constructor(host: ReactiveControllerHost & HTMLElement, status: () => FeedStatus, line: () => string) {
    this.#host = host;
    this.#states = typeof host.attachInternals === 'function' ? host.attachInternals().states : undefined;
    this.#status = status;
    this.#line = line;
    host.addController(this);
  }

  hostUpdate(): void {
    this.line = this.#line();
  }

  hostUpdated(): void {
    const status = this.#status();
    for (const s of STATES) {
      try {
        if (s === status) this.#states?.add(s);
        else this.#states?.delete(s);
      } catch {
        // Older browsers only accept the legacy `--state` syntax: the custom state is a nicety.
      }
    }
    clearTimeout(this.#timer);
    this.#timer = this.line ? setTimeout(() => this.#host.requestUpdate(), 30_000) : undefined;
  }

  hostDisconnected(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
