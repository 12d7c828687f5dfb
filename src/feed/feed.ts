import { FeedError } from './http.js';
import { changedIds, normaliseQuotes, type Quote } from './quote.js';

export type FeedStatus = 'loading' | 'live' | 'stale' | 'error';

/** What subscribers are told. `status` is sent when only the status changed (data went stale). */
export type FeedEvent =
  | { type: 'update'; quotes: readonly Quote[]; changed: string[] }
  | { type: 'error'; error: Error; status?: number; retryIn: number }
  | { type: 'status' };

export interface FeedSubscriber {
  /** Seconds between polls this subscriber wants (already raised to the source's floor). */
  readonly interval: number;
  /** False while the subscriber is paused: a feed with no active subscriber does not poll. */
  readonly active: boolean;
  notify(event: FeedEvent): void;
}

/** Loads raw quote records for one poll; the feed validates them. */
export type QuoteLoader = (signal: AbortSignal) => Promise<readonly unknown[]>;

export interface FeedOptions {
  /** Ids in the order the user asked for them (the quotes are shown in this order). */
  order?: readonly string[];
  /** Lowest seconds between any two polls, and the shortest backoff wait. */
  floor: number;
  /** Names the source and URL in messages about the data itself (`coingecko: https://…/coins/markets`). */
  label?: string;
  /** For tests: where time and randomness come from. */
  now?: () => number;
  random?: () => number;
}

export const MAX_BACKOFF_SECONDS = 15 * 60;

/**
 * One feed per distinct data request on the page: polls its loader, keeps the last good quotes,
 * and tells its subscribers. It knows scheduling and nothing about any API.
 */
export class Feed {
  quotes: readonly Quote[] = [];
  lastUpdated: number | null = null;
  error: Error | null = null;

  readonly #load: QuoteLoader;
  readonly #options: FeedOptions;
  readonly #subscribers = new Set<FeedSubscriber>();
  readonly #warned = new Set<string>();
  #inFlight: Promise<void> | null = null;
  #controller: AbortController | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #staleTimer: ReturnType<typeof setTimeout> | undefined;
  #failures = 0;
  /** Earliest time (ms) of the next poll, after a failure or a Retry-After. */
  #notBefore = 0;

  constructor(load: QuoteLoader, options: FeedOptions) {
    this.#load = load;
    this.#options = options;
  }

  #now(): number {
    return (this.#options.now ?? Date.now)();
  }

  /** Seconds between polls: the shortest any subscriber asks for. */
  get interval(): number {
    let seconds = Infinity;
    for (const s of this.#subscribers) seconds = Math.min(seconds, s.interval);
    return Number.isFinite(seconds) ? Math.max(seconds, this.#options.floor) : 60;
  }

  get status(): FeedStatus {
    if (this.lastUpdated === null) return this.error ? 'error' : 'loading';
    return this.#now() - this.lastUpdated > 2 * this.interval * 1000 ? 'stale' : 'live';
  }

  get subscriberCount(): number {
    return this.#subscribers.size;
  }

  subscribe(subscriber: FeedSubscriber): void {
    this.#subscribers.add(subscriber);
    this.reschedule();
  }

  /** Returns true when that was the last subscriber: the feed has stopped and can be dropped. */
  unsubscribe(subscriber: FeedSubscriber): boolean {
    this.#subscribers.delete(subscriber);
    if (this.#subscribers.size > 0) {
      this.reschedule();
      return false;
    }
    this.stop();
    return true;
  }

  /** Aborts the request in flight and clears every timer. */
  stop(): void {
    this.#controller?.abort();
    this.#controller = null;
    clearTimeout(this.#timer);
    clearTimeout(this.#staleTimer);
    this.#timer = this.#staleTimer = undefined;
  }

  /** Polls now, skipping a backoff wait; never two requests at once. */
  refresh(): Promise<void> {
    return this.#inFlight ?? this.#poll();
  }

  /** Works out when the next poll is due after a subscriber, its interval or its pause changed. */
  reschedule(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#inFlight || ![...this.#subscribers].some((s) => s.active)) return;
    const due = Math.max(
      this.#notBefore,
      this.lastUpdated === null ? 0 : this.lastUpdated + this.interval * 1000,
    );
    const wait = due - this.#now();
    if (wait <= 0) void this.#poll();
    else this.#timer = setTimeout(() => void this.#poll(), wait);
  }

  #poll(): Promise<void> {
    clearTimeout(this.#timer);
    const controller = new AbortController();
    this.#controller = controller;
    const run = this.#load(controller.signal).then(
      (entries) => this.#succeed(entries),
      (error: unknown) => {
        if (!controller.signal.aborted) this.#fail(error);
      },
    );
    this.#inFlight = run.finally(() => {
      this.#inFlight = null;
      if (this.#controller === controller) this.#controller = null;
      if (!controller.signal.aborted) this.reschedule();
    });
    return this.#inFlight;
  }

  #succeed(entries: readonly unknown[]): void {
    const now = this.#now();
    const { quotes, problems } = normaliseQuotes(entries, now, this.#options.order);
    const label = this.#options.label ?? 'price-ticker';
    for (const problem of problems) this.#warnOnce(`price-ticker: ${label}: dropped a quote: ${problem}`);
    if (quotes.length === 0) {
      this.#fail(new Error(`${label}: ${entries.length === 0 ? 'no coins in the answer' : 'no valid coins in the answer'}`));
      return;
    }
    const changed = changedIds(this.quotes, quotes);
    this.quotes = quotes;
    this.lastUpdated = now;
    this.error = null;
    this.#failures = 0;
    this.#notBefore = 0;
    this.#watchStaleness();
    this.#broadcast({ type: 'update', quotes, changed });
  }

  #fail(cause: unknown): void {
    const error = cause instanceof Error ? cause : new Error(String(cause));
    this.error = error;
    this.#failures++;
    // Full jitter: a crowd of pages that failed together does not come back together.
    const ceiling = Math.min(MAX_BACKOFF_SECONDS, this.interval * 2 ** this.#failures);
    const random = (this.#options.random ?? Math.random)();
    let retryIn = Math.max(this.#options.floor, Math.round(random * ceiling));
    const retryAfter = error instanceof FeedError ? error.retryAfter : undefined;
    if (retryAfter !== undefined) retryIn = Math.max(retryIn, Math.min(retryAfter, MAX_BACKOFF_SECONDS));
    this.#notBefore = this.#now() + retryIn * 1000;
    this.#warnOnce(`price-ticker: ${error.message}`);
    const status = error instanceof FeedError ? error.status : undefined;
    this.#broadcast({ type: 'error', error, ...(status !== undefined ? { status } : {}), retryIn });
  }

  /** Tells subscribers when the data goes stale, so the status shown changes without a poll. */
  #watchStaleness(): void {
    clearTimeout(this.#staleTimer);
    if (this.lastUpdated === null) return;
    const wait = this.lastUpdated + 2 * this.interval * 1000 + 1 - this.#now();
    this.#staleTimer = setTimeout(() => this.#broadcast({ type: 'status' }), Math.max(0, wait));
  }

  #warnOnce(message: string): void {
    if (this.#warned.has(message)) return;
    this.#warned.add(message);
    console.warn(message);
  }

  #broadcast(event: FeedEvent): void {
    for (const subscriber of this.#subscribers) {
      try {
        subscriber.notify(event);
      } catch (error) {
        // One broken listener must not stop the others or the polling.
        console.error(error);
      }
    }
  }
}
