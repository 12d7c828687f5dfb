import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  PriceTickerErrorEvent,
  PriceTickerUpdateEvent,
  type PriceTickerErrorDetail,
  type PriceTickerUpdateDetail,
} from '../events.js';
import type { Feed, FeedEvent, FeedStatus, FeedSubscriber } from '../feed/feed.js';
import { readInitialQuotes } from '../feed/initial-quotes.js';
import type { Quote } from '../feed/quote.js';
import { acquireFeed, forgetFeed, type Fetcher } from '../feed/registry.js';
import type { FeedConfig } from '../feed/sources/index.js';

export interface FeedRequest {
  config: FeedConfig;
  fetcher: Fetcher | null;
  /** Seconds between polls the element asks for (the feed raises it to the source's floor). */
  interval: number;
  paused: boolean;
}

/** The element's event for each kind of feed event that has one (each takes its own detail). */
const ELEMENT_EVENTS: Partial<
  Record<FeedEvent['type'], new (detail: PriceTickerUpdateDetail & PriceTickerErrorDetail) => Event>
> = { update: PriceTickerUpdateEvent, error: PriceTickerErrorEvent };

const OBSERVES = typeof IntersectionObserver === 'function';

/**
 * Binds an element's life to a shared feed: subscribes on connect, unsubscribes on disconnect,
 * switches feeds when the data asked for changes, freezes what is shown while paused, and tells
 * the feed whether the element is on screen (an IntersectionObserver while connected). Each
 * poll's outcome is dispatched on the element as `price-ticker-update` or `price-ticker-error`.
 * Quotes that came with the page (a child JSON script) seed the feed on the first attach: no
 * poll, so no event.
 */
export class FeedController implements ReactiveController, FeedSubscriber {
  /** The quotes on screen: frozen while paused. */
  quotes: readonly Quote[] = [];
  /** Ids among them held from an earlier poll (the last answer had nothing usable for them). */
  held: ReadonlySet<string> = new Set();
  // Both set before the feed is subscribed to, so before it reads them.
  interval!: number;
  paused!: boolean;
  /** Unknown until the observer's first report: a ticker polls once it is seen to be on screen. */
  onScreen = !OBSERVES;

  readonly #host: ReactiveControllerHost & HTMLElement;
  #request: FeedRequest | null = null;
  #feed: Feed | null = null;
  #key = '';
  #connected = false;
  #currency: string | undefined;
  #observer: IntersectionObserver | undefined;
  /** The page's initial quotes are read once: they are for the data first asked for. */
  #seeded = false;

  constructor(host: ReactiveControllerHost & HTMLElement) {
    this.#host = host;
    host.addController(this);
  }

  get status(): FeedStatus {
    return this.#feed?.status ?? 'loading';
  }

  get lastUpdated(): Date | null {
    const at = this.#feed?.lastUpdated;
    return at == null ? null : new Date(at);
  }

  get error(): Error | null | undefined {
    return this.#feed?.error;
  }

  /**
   * Called by the host before each render with what it wants now. Only a change of what is
   * asked for reaches the feed: renders are many (every poll, every status tick), changes few.
   */
  set(request: FeedRequest): void {
    // Every value in a request is plain data (finite numbers, strings, arrays of strings) but the
    // fetcher, which JSON leaves out.
    const old = this.#request;
    if (old?.fetcher === request.fetcher && JSON.stringify(old) === JSON.stringify(request)) return;
    this.#request = request;
    this.interval = request.interval; // the feed raises it to its source's floor
    if (this.#connected) this.#attach();
  }

  refresh(): Promise<void> {
    return this.#feed?.refresh() ?? Promise.resolve();
  }

  hostConnected(): void {
    this.#connected = true;
    if (OBSERVES) {
      // Until the observer's first report, a frame or more away, judge by where the element is
      // now: one on screen polls at once, one below the fold waits until it is scrolled to.
      // (One scrolled past, above the viewport, polls once: it was in view a moment ago.)
      this.onScreen = this.#host.getBoundingClientRect().top < innerHeight;
      (this.#observer ??= new IntersectionObserver((entries) => {
        this.onScreen = entries[entries.length - 1]!.isIntersecting;
        this.#feed?.reschedule();
      })).observe(this.#host);
    }
    if (this.#request) this.#attach();
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#observer?.disconnect();
    this.#detach();
  }

  notify(event: FeedEvent): void {
    if ('quotes' in event) {
      if (this.paused) return; // paused: what is shown does not change
      // Only the feed subscribed to notifies, and only once it was asked for.
      this.quotes = event.quotes;
      this.held = this.#feed!.held;
      this.paused = this.#request!.paused;
    }
    this.#host.requestUpdate();
    // Everything in the feed's event but its type is the detail of the element's event.
    const { type, ...detail } = event;
    const ElementEvent = ELEMENT_EVENTS[type];
    if (ElementEvent)
      this.#host.dispatchEvent(new ElementEvent(detail as PriceTickerUpdateDetail & PriceTickerErrorDetail));
  }

  #attach(): void {
    const { config, fetcher, paused } = this.#request!;
    const { key, feed } = acquireFeed(config, fetcher);
    if (key !== this.#key || feed !== this.#feed) {
      const previousCurrency = this.#currency;
      this.#detach();
      this.#currency = config.currency;
      this.#key = key;
      this.#feed = feed;
      if (!this.#seeded) {
        this.#seeded = true;
        const initial = readInitialQuotes(this.#host);
        if (initial) feed.seed(initial);
      }
      // Take what the shared feed already has; otherwise keep the old prices unless their
      // currency no longer matches what will be written next to them.
      if (feed.quotes.length > 0) {
        this.quotes = feed.quotes;
        this.held = feed.held;
      } else if (previousCurrency !== config.currency) {
        this.quotes = [];
      }
    }
    // A paused ticker still loads its first prices, so it never sits empty; with the page's
    // initial quotes it has some, and so makes no request until it is resumed.
    this.paused = paused && this.quotes.length > 0;
    feed.subscribe(this); // again for the same feed: the interval or the pause may have changed
  }

  #detach(): void {
    if (this.#feed?.unsubscribe(this)) forgetFeed(this.#key, this.#feed);
    this.#feed = null;
    this.#key = '';
  }
}
