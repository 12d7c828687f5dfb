import { FeedError } from './http.js';
import { pageState } from './page-state.js';
import { changedIds, normaliseQuotes, summariseProblems, type Quote } from './quote.js';
import { openShare, readShareMessage, type TabShare } from './tab-share.js';

export type FeedStatus = 'loading' | 'live' | 'stale' | 'error';

/**
 * What subscribers are told. `status` is sent when only the status changed (data went stale);
 * `seed` when quotes that came with the page are shown before any poll.
 */
export type FeedEvent =
  | { type: 'update'; quotes: readonly Quote[]; changed: string[] }
  | { type: 'seed'; quotes: readonly Quote[] }
  | { type: 'error'; error: Error; status?: number; retryIn: number }
  | { type: 'status' };

export interface FeedSubscriber {
  /** Seconds between polls this subscriber wants (the feed raises it to its floor). */
  readonly interval: number;
  /** True while the subscriber wants no new data (a paused ticker that already shows some). */
  readonly paused: boolean;
  /** False while the subscriber's element is wholly off screen. */
  readonly onScreen: boolean;
  notify(event: FeedEvent): void;
}

/** Loads raw quote records for one poll; the feed validates them. */
export type QuoteLoader = (signal: AbortSignal) => Promise<readonly unknown[]>;

export interface FeedOptions {
  /** Ids in the order the user asked for them (the quotes are shown in this order). */
  order?: readonly string[];
  /** With no `order`: how many quotes to keep, the first of each answer. */
  limit?: number;
  /** Lowest seconds between any two polls, and the shortest backoff wait. */
  floor: number;
  /** Names the source and URL in messages about the data itself (`coingecko: https://…/coins/markets`). */
  label?: string;
  /** Shares this feed with other tabs of the origin under this key (see tab-share.ts). */
  share?: string | undefined;
  /** Makes the feed's stream, whose prices also come in (see {@link Feed}; streams/feed-stream.ts). */
  stream?: ((feed: Feed, port: FeedPort) => FeedStream) | undefined;
  /** For tests: where time and randomness come from. */
  now?: () => number;
  random?: () => number;
}

/** A feed's stream, as the feed drives it. */
export interface FeedStream {
  /** True while its prices stand in for polls: the feed does not poll then. */
  readonly streaming: boolean;
  /** While streaming: until when (ms) the data counts as live. */
  freshUntil(): number;
  /** Opens the stream (true) or closes it (false); called on every reschedule. */
  hold(on: boolean): void;
}

/** What a feed lends its stream: the stream's prices and troubles go where a poll's go. */
export interface FeedPort {
  /** Raw quote records as of now, applied like a poll's answer (a poll on its way is cancelled). */
  apply(entries: readonly unknown[]): void;
  fail(error: Error): void;
  /** Warns once per distinct message. */
  warn(message: string): void;
}

export const MAX_BACKOFF_SECONDS = 15 * 60;
/** How many distinct warnings a feed remembers (so as not to repeat them); the oldest go first. */
const WARNINGS_REMEMBERED = 100;

/**
 * One feed per distinct data request on the page: polls its loader, keeps the last good quotes,
 * and tells its subscribers. It knows scheduling and nothing about any API.
 *
 * It polls only while it wants data: the page visible and online, and some subscriber on screen
 * and not paused; and, when shared between tabs, only in the tab that leads.
 *
 * With a stream, the tab that would poll also holds its socket, under the same conditions: the
 * first prices come from a poll or the socket, whichever is first; then from the socket's
 * batches alone while it sends prices, and from polls at the interval while it is closed or
 * has sent no prices since it opened. Other tabs get each batch like a poll.
 */
export class Feed {
  quotes: readonly Quote[] = [];
  /** Ids in `quotes` held from an earlier poll: the last answer had no usable quote for them. */
  held: ReadonlySet<string> = new Set();
  lastUpdated: number | null = null;
  error: Error | null = null;

  readonly #load: QuoteLoader;
  readonly #options: FeedOptions;
  readonly #subscribers = new Set<FeedSubscriber>();
  readonly #warned = new Set<string>();
  #inFlight: Promise<void> | null = null;
  /** The last poll's: aborting it again once it is done does nothing. */
  #controller: AbortController | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #staleTimer: ReturnType<typeof setTimeout> | undefined;
  #share: TabShare | null = null;
  #failures = 0;
  /** Earliest time (ms) of the next scheduled poll, after a failure or a Retry-After. */
  #notBefore = 0;
  /** Earliest time (ms) of any poll, refresh() included: what a Retry-After asked for. */
  #retryUntil = 0;
  /** Time (ms) of the last poll's data, here or in another tab; 0 before any (seeded quotes are none). */
  #polledAt = 0;
  /** Time (ms) of the last answer of a poll made here (a stream's batches are not polls). */
  #restAt = 0;
  readonly #stream: FeedStream | undefined;

  constructor(load: QuoteLoader, options: FeedOptions) {
    this.#load = load;
    this.#options = options;
    this.#stream = options.stream?.(this, {
      apply: (entries) => {
        this.#controller?.abort(); // the first prices are whichever come first
        this.#succeed(entries);
        this.reschedule(); // no poll due while it streams; and the status is now the stream's
      },
      fail: (error) => this.#fail(error),
      warn: (message) => this.#warnOnce(message),
    });
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
    return this.#now() > this.#freshUntil() ? 'stale' : 'live';
  }

  /**
   * Until when (ms) the data counts as live: while streaming, the stream says; once it has fallen
   * silent, the polls made since.
   */
  #freshUntil(): number {
    const polled = 2 * this.interval * 1000;
    const stream = this.#streamFreshUntil();
    return stream ? (this.#restAt > stream ? this.#restAt + polled : stream) : this.lastUpdated! + polled;
  }

  /** While a stream is open and has sent: until when (ms) it keeps the data live; else 0. */
  #streamFreshUntil(): number {
    return this.#stream?.streaming ? this.#stream.freshUntil() : 0;
  }

  subscribe(subscriber: FeedSubscriber): void {
    if (!this.#subscribers.size) {
      pageState.subscribe(this.#onPage);
      const key = this.#options.share;
      if (key) this.#share = openShare(key, this.#receive, () => this.reschedule());
    }
    this.#subscribers.add(subscriber);
    this.reschedule();
  }

  /** Returns true when that was the last subscriber: the feed has stopped and can be dropped. */
  unsubscribe(subscriber: FeedSubscriber): boolean {
    this.#subscribers.delete(subscriber);
    const last = !this.#subscribers.size;
    if (last) this.stop();
    else this.reschedule();
    return last;
  }

  /** Aborts the request in flight, clears every timer, drops every listener and the tab share. */
  stop(): void {
    this.#controller?.abort();
    clearTimeout(this.#timer);
    clearTimeout(this.#staleTimer);
    this.#stream?.hold(false);
    pageState.unsubscribe(this.#onPage);
    this.#share?.close();
    this.#share = null;
  }

  /** Polls now, skipping a backoff wait but not a Retry-After; never two requests at once. */
  refresh(): Promise<void> {
    return this.#inFlight ?? (this.#now() < this.#retryUntil ? Promise.resolve() : this.#poll());
  }

  /** Works out when the next poll is due after a subscriber, the page or the tab share changed. */
  reschedule(): void {
    clearTimeout(this.#timer);
    if (!this.#subscribers.size) return;
    this.#watchStaleness();
    const wants = !pageState.hidden && pageState.online && [...this.#subscribers].some((s) => !s.paused && s.onScreen);
    const share = this.#share;
    share?.want(wants);
    // A tab that does not lead waits for the leader's data; but with nothing yet, and no claim
    // of another tab's (the lock comes too late for the first frame), it polls at once.
    const follows = share?.leader === false && (!!this.#polledAt || !!this.error || share.claimed());
    // The stream is held by the tab that would poll.
    this.#stream?.hold(wants && share?.leader !== false);
    // A stream that sends stands in for polls; an open one fallen silent does not.
    const now = this.#now();
    if (this.#inFlight || !wants || follows || now <= this.#streamFreshUntil()) return;
    const due = Math.max(now, this.#notBefore, this.#polledAt + this.interval * 1000);
    share?.claim(due);
    if (due > now) this.#timer = setTimeout(() => void this.#poll(), due - now);
    else void this.#poll();
  }

  /** Back online: the failures were the network's, so only a Retry-After still holds. */
  readonly #onPage = (type: string): void => {
    if (type === 'online') this.#notBefore = this.#retryUntil;
    this.reschedule();
  };

  #poll(): Promise<void> {
    clearTimeout(this.#timer);
    const { signal } = (this.#controller = new AbortController());
    // Whatever the loader or a subscriber throws, the poll settles: nothing escapes uncaught.
    this.#inFlight = new Promise<readonly unknown[]>((resolve) => resolve(this.#load(signal)))
      .then((entries) => {
        // Aborted once its answer was in (a stream's batch came first): that batch is newer.
        if (signal.aborted) return;
        this.#succeed(entries);
        this.#restAt = this.lastUpdated!;
      })
      .catch((error: unknown) => {
        if (!signal.aborted) this.#fail(error);
      })
      .finally(() => {
        this.#inFlight = null;
        if (!signal.aborted) this.reschedule();
      });
    return this.#inFlight;
  }

  /** Applies another tab's poll as if this tab had made it; a malformed message is ignored. */
  readonly #receive = (data: unknown): void => {
    const m = readShareMessage(data, this.#now());
    if (!m) return;
    if ('q' in m) {
      if (m.t > (this.lastUpdated ?? -Infinity)) this.#succeed(m.q, m.t, true);
    } else if ('e' in m) {
      this.#fail(new FeedError(m.e, { status: m.s, retryAfter: m.a }), m);
    } else {
      // A tab that joined (1): any tab with data answers with it (the one that polls may not
      // hold the lock yet). Neither hello changes when this tab polls.
      if (m.h === 1) this.#share!.post(this.lastUpdated === null ? { h: 2 } : { q: this.quotes, t: this.lastUpdated });
      return;
    }
    this.reschedule();
  };

  #succeed(entries: readonly unknown[], at = this.#now(), remote = false): void {
    // The options' `order` and `limit` are normaliseQuotes' own.
    const result = normaliseQuotes(entries, at, { ...this.#options, previous: this.quotes });
    const { quotes, held, problemCount } = result;
    const label = this.#options.label ?? 'price-ticker';
    if (quotes.length === held.length) {
      // Nothing usable in this answer itself: a failed poll, whatever is held from before.
      const what =
        entries.length === 0 ? 'no coins in the answer' : `no valid coins in the answer (${summariseProblems(result)})`;
      return this.#fail(new Error(`${label}: ${what}`));
    }
    // One line per poll however many entries were bad.
    if (problemCount > 0)
      this.#warnOnce(
        `price-ticker: ${label}: ${problemCount} ${problemCount === 1 ? 'problem' : 'problems'} in the answer: ${summariseProblems(result)}`,
      );
    const changed = changedIds(this.quotes, quotes);
    this.quotes = quotes;
    this.held = new Set(held);
    this.lastUpdated = this.#polledAt = at;
    this.error = null;
    this.#failures = this.#notBefore = this.#retryUntil = 0;
    if (!remote) this.#share?.post({ q: quotes, t: at });
    this.#broadcast({ type: 'update', quotes, changed });
  }

  /**
   * Shows quotes that came with the page until the first poll, which is still due at once. They
   * are validated like an answer, and dated by the oldest: the status and `lastUpdated` speak for
   * every price shown. Ignored when the feed already has data as new.
   */
  seed(entries: readonly unknown[]): void {
    const now = this.#now();
    const result = normaliseQuotes(entries, now, this.#options);
    const { quotes, problemCount } = result;
    if (problemCount > 0)
      this.#warnOnce(
        `price-ticker: initial quotes: ${quotes.length > 0 ? '' : 'ignored, '}${summariseProblems(result)}`,
      );
    const at = Math.min(now, ...quotes.map((q) => q.updatedAt));
    if (quotes.length > 0 && at > (this.lastUpdated ?? -Infinity)) {
      this.quotes = quotes;
      this.held = new Set();
      this.lastUpdated = at;
      this.#broadcast({ type: 'seed', quotes });
    }
  }

  /** A failed poll, here or (with `remote`: its wait and count) in the leading tab. */
  #fail(cause: unknown, remote?: { r: number; n: number }): void {
    const error = cause instanceof Error ? cause : new Error(String(cause));
    const { status, retryAfter } = error instanceof FeedError ? error : ({} as Partial<FeedError>);
    this.error = error;
    let retryIn: number;
    if (remote) {
      // Another tab's wait, brought into the backoff range (a Retry-After is capped below).
      retryIn = Math.min(Math.max(remote.r, this.#options.floor), MAX_BACKOFF_SECONDS);
      this.#failures = remote.n;
    } else {
      // Full jitter: a crowd of pages that failed together does not come back together.
      const ceiling = Math.min(MAX_BACKOFF_SECONDS, this.interval * 2 ** ++this.#failures);
      retryIn = Math.max(this.#options.floor, Math.round((this.#options.random ?? Math.random)() * ceiling));
    }
    const now = this.#now();
    if (retryAfter !== undefined) {
      const wait = Math.min(retryAfter, MAX_BACKOFF_SECONDS);
      retryIn = Math.max(retryIn, wait);
      this.#retryUntil = now + wait * 1000;
    }
    this.#notBefore = now + retryIn * 1000;
    this.#warnOnce(`price-ticker: ${error.message}`);
    if (!remote) this.#share?.post({ e: error.message, s: status, a: retryAfter, r: retryIn, n: this.#failures });
    this.#broadcast({ type: 'error', error, ...(status !== undefined ? { status } : {}), retryIn });
  }

  /** While live, a timer tells subscribers when the data goes stale, so the status shown changes without a poll. */
  #watchStaleness(): void {
    clearTimeout(this.#staleTimer);
    if (this.status !== 'live') return;
    const wait = this.#freshUntil() + 1 - this.#now();
    // A stream's heartbeats keep it live without telling the feed: look again then.
    this.#staleTimer = setTimeout(() => {
      if (this.status === 'live') return this.#watchStaleness();
      this.#broadcast({ type: 'status' });
      if (this.#stream?.streaming) this.reschedule(); // a stream fallen silent: polls take over
    }, wait);
  }

  /** Warns once per distinct message among the last {@link WARNINGS_REMEMBERED}. */
  #warnOnce(message: string): void {
    if (this.#warned.has(message)) return;
    if (this.#warned.size >= WARNINGS_REMEMBERED) this.#warned.delete(this.#warned.values().next().value!);
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
