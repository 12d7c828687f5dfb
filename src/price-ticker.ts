import {
  html,
  LitElement,
  type PropertyDeclaration,
  type PropertyDeclarations,
  type PropertyValues,
  type TemplateResult,
} from 'lit';
import {
  SETTING_NAMES,
  SETTINGS,
  PROPERTY_OF_ATTRIBUTE,
  type Direction,
  type Field,
  type Settings,
  type Theme,
} from './config.js';
import { FeedController } from './controllers/feed-controller.js';
import { MarqueeController } from './controllers/marquee-controller.js';
import { PriceTickerErrorEvent, PriceTickerUpdateEvent } from './events.js';
import type { FeedEvent, FeedStatus } from './feed/feed.js';
import type { Quote } from './feed/quote.js';
import type { Fetcher } from './feed/registry.js';
import type { ChangeWindow, SourceName } from './feed/sources/index.js';
import { parseDecimal } from './format/index.js';
import { resolveLocale } from './i18n/locale.js';
import { unwatchLocale, watchLocale } from './i18n/locale-watch.js';
import { defineMessages, messagesFor, relativeUpdated, type Messages } from './i18n/messages.js';
import { styles } from './price-ticker.styles.js';
import { coinTemplates, skeletonTemplates } from './templates/coin.js';

/** Fresh copy of a default, so no two elements share an array. */
const copyOf = <T>(value: T): T => (Array.isArray(value) ? ([...value] as T) : value);

/** Lit property declarations made from the settings table: attributes are read and validated. */
function declareProperties(): PropertyDeclarations {
  const properties: Record<string, PropertyDeclaration> = {};
  for (const name of SETTING_NAMES) {
    const spec = SETTINGS[name];
    properties[name] = {
      attribute: spec.attribute,
      // The stylesheet themes on :host([theme]), so a theme set from JavaScript shows there too.
      reflect: name === 'theme',
      converter: {
        fromAttribute: (value: string | null) =>
          value === null ? copyOf(spec.default) : (spec.read(value) ?? copyOf(spec.default)),
      },
    };
  }
  properties.paused = { type: Boolean, reflect: true };
  properties.fetcher = { attribute: false };
  return properties;
}

const PAUSE_ICON = html`<svg viewBox="0 0 16 16" aria-hidden="true"><rect x="3" y="2" width="3.5" height="12" rx="1"/><rect x="9.5" y="2" width="3.5" height="12" rx="1"/></svg>`;
const PLAY_ICON = html`<svg viewBox="0 0 16 16" aria-hidden="true"><path d="M4 2.5v11a1 1 0 0 0 1.5.86l9-5.5a1 1 0 0 0 0-1.72l-9-5.5A1 1 0 0 0 4 2.5z"/></svg>`;

/**
 * A scrolling strip of live crypto prices.
 *
 * Attributes and their properties come from the settings table (src/config.ts); the manifest
 * config reads that table, so only their wording is written here, on each declared field.
 *
 * @tagname price-ticker
 * @summary Live crypto prices, exact to the digit, in a smooth, pausable strip.
 *
 * @event {PriceTickerUpdateEvent} price-ticker-update - after each successful poll: `detail: {
 *   quotes, changed }` (a `PriceTickerUpdateDetail`), `changed` being the ids whose price or change
 *   differ from the previous poll.
 * @event {PriceTickerErrorEvent} price-ticker-error - after each failed poll: `detail: { error,
 *   status?, retryIn }` (a `PriceTickerErrorDetail`); `retryIn` is the seconds until the next
 *   attempt. The prices already shown stay.
 *
 * @csspart ticker - the region
 * @csspart pause-button - the button that pauses and resumes (it toggles `paused`)
 * @csspart viewport - the visible window of the strip
 * @csspart track - what moves: the list and its loop copies
 * @csspart list - the list of coins (and each loop copy of it)
 * @csspart item - one coin, with `data-id`
 * @csspart stale - also on an `item` while it shows a coin's last good quote because the latest
 *   answer had none for it
 * @csspart logo - the coin's logo, an `<img>`
 * @csspart logo-placeholder - in the logo's place when the coin has no logo
 * @csspart name - the coin's name
 * @csspart symbol - the coin's symbol, upper case
 * @csspart price - its text is exactly the formatted price; a subscript-zero price carries the
 *   plain form in `title`
 * @csspart change - its text is exactly the formatted change, with `data-direction`; the ▲/▼ arrow
 *   is drawn in CSS, outside the text
 * @csspart up - also on `change` when the change is up
 * @csspart down - also on `change` when the change is down
 * @csspart flat - also on `change` when the change rounds to zero
 * @csspart status - says when prices are delayed or failing, and when they were last updated
 * @csspart skeleton - a placeholder coin shown until the first prices arrive
 *
 * @cssproperty [--price-ticker-font=500 0.875rem/1.25 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif] -
 *   the font
 * @cssproperty [--price-ticker-color=#1a1d21 / #e8eaed] - the text colour
 * @cssproperty [--price-ticker-background=#ffffff / #14171a] - the background
 * @cssproperty [--price-ticker-border=1px solid #d7dbe0 / 1px solid #3a4048] - the top and bottom
 *   border, and the line after the pause button
 * @cssproperty [--price-ticker-muted-color=#59616b / #a3acb7] - symbols, flat changes, the status
 *   line
 * @cssproperty [--price-ticker-up-color=#0a7d3b / #4ade80] - rising changes
 * @cssproperty [--price-ticker-down-color=#c5221f / #ff8a80] - falling changes
 * @cssproperty [--price-ticker-focus-color=#1a73e8] - the focus ring
 * @cssproperty [--price-ticker-flash-up-color=color-mix(in srgb, var(--price-ticker-up-color) 22%, transparent)] -
 *   the background of a price that went up, fading over 1.2 s
 * @cssproperty [--price-ticker-flash-down-color=color-mix(in srgb, var(--price-ticker-down-color) 22%, transparent)] -
 *   the background of a price that went down, fading over 1.2 s
 * @cssproperty [--price-ticker-height=2.5rem] - the ticker's height
 * @cssproperty [--price-ticker-gap=2rem] - the space between coins
 * @cssproperty [--price-ticker-logo-size=1.25em] - the logos' width and height
 *
 * @cssstate loading - until the first data
 * @cssstate live - while polls succeed
 * @cssstate stale - when the newest data is older than twice the interval
 * @cssstate error - when failing with no data at all
 */
export class PriceTickerElement extends LitElement implements Settings {
  static override styles = styles;
  static override properties = declareProperties();

  /**
   * overrides the ticker's words for a language (`'de'`) or a tag (`'de-CH'`), the more specific
   * winning; every key is in [docs/messages.md](docs/messages.md)
   */
  static defineMessages = defineMessages;

  /**
   * defines the element as `tag` in `registry` (`price-ticker` in the page's registry by default);
   * defining it again (a second copy of the script) is not an error
   */
  static define(tag = 'price-ticker', registry: CustomElementRegistry = customElements): void {
    if (!registry.get(tag)) registry.define(tag, this);
  }

  /** price source: `coingecko`, `binance`, `coinbase`, `kraken`, `json` (see [Sources](#sources)) */
  declare source: SourceName;
  /**
   * ids in the source's own vocabulary, separated by commas and/or spaces: CoinGecko ids (`bitcoin,
   * ethereum solana`), Binance symbols (`BTCUSDT`), Coinbase products (`BTC-USD`), Kraken pairs
   * (`XBTUSD`). Shown in this order. Up to 250.
   * @default per source: CoinGecko's top `limit` by market cap, a few majors on the exchanges
   */
  declare coins: string[];
  /** quote currency, CoinGecko's `vs_currency` (`eur`, `jpy`, `btc`, `sats`…) */
  declare currency: string;
  /**
   * how many coins when `coins` is empty (1–250): CoinGecko's top `limit`; of a `json` endpoint's
   * (or a `fetcher`'s) answer, the first `limit`
   */
  declare limit: number;
  /**
   * seconds between polls, raised to the floor: **30 s** on CoinGecko's public URL, **1 s** when
   * `endpoint` is set
   */
  declare interval: number;
  /**
   * base URL that replaces CoinGecko's (a caching proxy); the same paths and queries are requested
   * below it, and the endpoint's own query parameters (`?key=…`) are kept after them. `http:` or
   * `https:` only; a URL with a user name or password, or with a `#fragment`, is invalid.
   * @default `https://api.coingecko.com/api/v3`
   */
  declare endpoint: string | null;
  /** window of the % change: `1h`, `24h`, `7d` */
  declare change: ChangeWindow;
  /**
   * BCP 47 tag for number formatting
   * @default nearest `lang` ancestor (also through shadow roots), then the browser's
   */
  declare locale: string | null;
  /** scroll speed in CSS pixels per second; `0` stands still */
  declare speed: number;
  /** `auto` (leftwards; rightwards on a right-to-left page), `left`, `right` */
  declare direction: Direction;
  /** which parts each coin shows, space-separated (always shown in this order) */
  declare fields: Field[];
  /** from how many zeros after the decimal point a tiny price is written `0.0₅8123`; `0` turns it off */
  declare subscriptZeros: number;
  /** `auto` (follows `prefers-color-scheme`), `light`, `dark`; reflected, since the styles key on it */
  declare theme: Theme;
  /**
   * accessible name of the ticker (it is a named `region`); the default is in the page's language,
   * a label you set is used as it is
   */
  declare label: string;
  /**
   * boolean, reflected: no movement, no polling, no change to what is shown. A ticker paused from
   * the start still loads its first prices once, so it is never empty.
   */
  declare paused: boolean;
  /**
   * a custom source that replaces `source`. `QuoteInput` is `Quote` with `price`/`change` as string
   * or number and `updatedAt` optional. Numbers passed here are floats already: pass strings to
   * keep every digit.
   */
  declare fetcher: Fetcher | null;

  readonly #feed = new FeedController(this, (event) => this.#onFeedEvent(event));
  readonly #marquee = new MarqueeController(this, () => this.#marqueeParts());
  readonly #internals: ElementInternals | null =
    typeof this.attachInternals === 'function' ? this.attachInternals() : null;
  /** `attribute=value` pairs already warned about: one warning each per element. */
  readonly #warned = new Set<string>();
  #locale = 'en-US';
  #rtl = false;
  #words: Messages = messagesFor('en');
  /** Re-renders the status line while it shows a relative time, so "2 minutes ago" stays true. */
  #statusTimer: ReturnType<typeof setTimeout> | undefined;
  /** The coin that holds the list's one tab stop. */
  #focusIndex = 0;
  /** Widths reserved for each coin's price and change boxes (`id|class`): in px, and as CSS. */
  #reserved = new Map<string, { px: number; css: string }>();
  /** The reserved width last written on each box, so unchanged boxes are not written again. */
  #boxWidths = new WeakMap<HTMLElement, string>();
  /** The running flash animations of the last update. */
  #flashes: Animation[] = [];
  /** Prices as last rendered, to flash the ones that change. */
  #shownPrices = new Map<string, string>();

  constructor() {
    super();
    for (const name of SETTING_NAMES) (this as Record<string, unknown>)[name] = copyOf(SETTINGS[name].default);
    this.paused = false;
    this.fetcher = null;
  }

  /**
   * the data shown now: `{ id, symbol, name, price, change, logo?, updatedAt }`, `price` and
   * `change` exact decimal strings as the source sent them (`change` in percent, `null` when the
   * source has none)
   */
  get quotes(): readonly Quote[] {
    return this.#feed.quotes;
  }

  /**
   * `'loading'` until the first data, `'live'`, `'stale'` when the newest data is older than twice
   * the interval, `'error'` when failing with no data at all; also the custom state
   * `price-ticker:state(live)` etc.
   */
  get status(): FeedStatus {
    return this.#feed.status;
  }

  /** when the shown data arrived */
  get lastUpdated(): Date | null {
    return this.#feed.lastUpdated;
  }

  /** poll now, skipping a backoff wait; joins a request already in flight */
  refresh(): Promise<void> {
    return this.#feed.refresh();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    watchLocale(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    unwatchLocale(this);
    clearTimeout(this.#statusTimer);
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    const property = PROPERTY_OF_ATTRIBUTE.get(name);
    if (property && value !== null && SETTINGS[property].read(value) === undefined) this.#warnInvalid(name, value);
    super.attributeChangedCallback(name, old, value);
  }

  #warnInvalid(attribute: string, value: unknown): void {
    const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
    const key = `${attribute}=${text}`;
    if (this.#warned.has(key)) return;
    this.#warned.add(key);
    const fallback = JSON.stringify(SETTINGS[PROPERTY_OF_ATTRIBUTE.get(attribute)!].default);
    console.warn(`<price-ticker>: invalid ${attribute}="${text.slice(0, 100)}"; using the default ${fallback}.`);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Values set from JavaScript are read the same way as attributes.
    for (const name of SETTING_NAMES) {
      if (!changed.has(name)) continue;
      const spec = SETTINGS[name];
      const value: unknown = this[name];
      const read = spec.read(value);
      if (read === undefined) {
        this.#warnInvalid(spec.attribute, value);
        (this as Record<string, unknown>)[name] = copyOf(spec.default);
      } else if (JSON.stringify(read) !== JSON.stringify(value)) {
        (this as Record<string, unknown>)[name] = read;
      }
    }
    const locale = resolveLocale(this, this.locale);
    if (locale !== this.#locale || changed.has('currency') || changed.has('fields') || changed.has('subscriptZeros')) {
      // Texts of another shape: reserved widths start afresh.
      this.#reserved.clear();
      this.#boxWidths = new WeakMap();
      for (const box of this.renderRoot?.querySelectorAll<HTMLElement>('.price, .change') ?? [])
        box.style.minInlineSize = '';
    }
    this.#locale = locale;
    this.#words = messagesFor(locale);
    this.#rtl = isRtl(this);
    this.#feed.set({
      config: {
        source: this.source,
        endpoint: this.endpoint,
        coins: this.coins,
        currency: this.currency,
        limit: this.limit,
        change: this.change,
      },
      fetcher: this.fetcher,
      interval: this.interval,
      paused: this.paused,
    });
    const towards = this.direction === 'auto' ? (this.#rtl ? 'right' : 'left') : this.direction;
    // Nothing moves until there are prices to move (the skeleton stands still).
    const speed = this.#feed.quotes.length > 0 ? this.speed : 0;
    this.#marquee.set({ speed, towards, paused: this.paused });
  }

  protected override updated(): void {
    this.#setState(this.status);
    this.#reserveWidths();
    this.#flashChangedPrices();
  }

  /**
   * Keeps every price and change box at least as wide as its widest text so far plus room
   * for a digit and a separator: a price that gains a digit then does not push the coins after
   * it (no layout shift). Boxes only grow, and start afresh when currency, locale or fields
   * change. Loop copies, new ones included, get the same widths, so the loop stays seamless.
   * Runs after each render, before the browser paints.
   */
  #reserveWidths(): void {
    const lists = [...this.renderRoot.querySelectorAll<HTMLElement>('.track > .list')];
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
        if (this.#boxWidths.get(box) !== css) {
          box.style.minInlineSize = css;
          this.#boxWidths.set(box, css);
        }
      }
    }
    // What the grown boxes measure now, text and room together, is what the next text must pass.
    for (const box of grown) this.#reserved.get(boxKey(box))!.px = box.getBoundingClientRect().width;
  }

  /**
   * A price that changed since the last render flashes briefly in the direction of its move (an
   * animation on the existing node: no DOM change). Not under reduced motion. The flashes of the
   * previous update are cancelled first: overlapping ones would leave the compositor and tick on
   * the main thread (measured in bench/).
   */
  #flashChangedPrices(): void {
    const before = this.#shownPrices;
    this.#shownPrices = new Map(this.#feed.quotes.map((q) => [q.id, q.price]));
    if (this.#marquee.still || before.size === 0) return;
    for (const flash of this.#flashes) flash.cancel();
    this.#flashes = [];
    const palette = getComputedStyle(this); // the theme's colours, resolved once per update
    for (const q of this.#feed.quotes) {
      const old = before.get(q.id);
      if (old === undefined || old === q.price) continue;
      const up = parseDecimal(q.price).gt(parseDecimal(old));
      // A background, not the digits' colour: Chromium animates background colours on the
      // compositor, text colours on the main thread every frame (bench/ measured both).
      const flash = palette.getPropertyValue(up ? '--_flash-up' : '--_flash-down');
      for (const price of this.renderRoot.querySelectorAll<HTMLElement>(`[data-id="${CSS.escape(q.id)}"] .price`)) {
        this.#flashes.push(
          price.animate({ backgroundColor: [flash, 'transparent'] }, { duration: 1200, easing: 'ease-out' }),
        );
      }
    }
  }

  #setState(status: FeedStatus): void {
    const states = this.#internals?.states;
    if (!states) return;
    for (const s of ['loading', 'live', 'stale', 'error']) {
      try {
        if (s === status) states.add(s);
        else states.delete(s);
      } catch {
        // Older browsers only accept the legacy `--state` syntax: the custom state is a nicety.
      }
    }
  }

  #onFeedEvent(event: FeedEvent): void {
    if (event.type === 'update') {
      this.dispatchEvent(new PriceTickerUpdateEvent({ quotes: event.quotes, changed: event.changed }));
    } else if (event.type === 'error') {
      const { error, status, retryIn } = event;
      this.dispatchEvent(new PriceTickerErrorEvent({ error, retryIn, ...(status !== undefined ? { status } : {}) }));
    }
  }

  #marqueeParts() {
    const root = this.renderRoot as ShadowRoot | undefined;
    const viewport = root?.querySelector<HTMLElement>('.viewport');
    const track = root?.querySelector<HTMLElement>('.track');
    const list = root?.querySelector<HTMLElement>('.list');
    return viewport && track && list ? { viewport, track, list } : null;
  }

  #togglePaused = () => {
    this.paused = !this.paused;
  };

  #onPointer = (event: PointerEvent) => {
    // On touch screens a tap holds the motion and the next tap releases it; a mouse holds it
    // while it hovers.
    if (event.pointerType === 'touch') {
      if (event.type === 'pointerup') this.#marquee.hold('tap', !this.#marquee.tapHeld);
    } else if (event.type !== 'pointerup') {
      this.#marquee.hold('hover', event.type === 'pointerenter');
    }
  };

  #onFocus = (event: FocusEvent) => {
    // Focus moving from coin to coin keeps the hold: no play and pause in between (Firefox would
    // apply that pause a frame late, a 1 px jump).
    const focused =
      event.type === 'focusin' || (event.currentTarget as Node).contains(event.relatedTarget as Node | null);
    this.#marquee.hold('focus', focused);
    if (focused && event.target instanceof HTMLElement && event.target.matches('[part~="item"]')) {
      this.#focusIndex = Number(event.target.dataset.index) || 0;
      this.#marquee.reveal(event.target);
    }
  };

  /** Arrow keys, Home and End move the focus through the coins (one tab stop for the list). */
  #onKeydown = (event: KeyboardEvent) => {
    const items = [...this.renderRoot.querySelectorAll<HTMLElement>('.list:not([aria-hidden]) > [part~="item"]')];
    const at = items.indexOf(event.target as HTMLElement);
    if (at < 0) return;
    const forward = this.#rtl ? 'ArrowLeft' : 'ArrowRight';
    const back = this.#rtl ? 'ArrowRight' : 'ArrowLeft';
    const next =
      event.key === forward || event.key === 'ArrowDown'
        ? at + 1
        : event.key === back || event.key === 'ArrowUp'
          ? at - 1
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? items.length - 1
              : null;
    if (next === null) return;
    event.preventDefault();
    const target = items[Math.max(0, Math.min(items.length - 1, next))]!;
    for (const item of items) item.tabIndex = item === target ? 0 : -1;
    target.focus();
  };

  protected override render(): TemplateResult {
    const quotes = this.#feed.quotes;
    const still = this.#marquee.still;
    const copies = still || quotes.length === 0 ? 0 : this.#marquee.copies;
    const dir = this.#rtl ? 'rtl' : 'ltr';
    const words = this.#words;
    const items =
      quotes.length > 0
        ? coinTemplates(quotes, {
            fields: this.fields,
            currency: this.currency,
            locale: this.#locale,
            subscriptZeros: this.subscriptZeros,
            words,
            focusIndex: this.#focusIndex,
            held: this.#feed.held,
          })
        : this.status === 'error'
          ? [] // with no data at all, part="status" says so; the list does not repeat it
          : skeletonTemplates(words);
    // The default label speaks the page's language; a label the page set is used as it is.
    const label = this.label === SETTINGS.label.default ? words.label : this.label;
    const action = this.paused ? words.play : words.pause;
    return html`
      <div class="ticker" part="ticker" role="region" aria-label=${label}>
        <button class="pause" part="pause-button" type="button" aria-label=${action} title=${action} @click=${this.#togglePaused}>
          ${this.paused ? PLAY_ICON : PAUSE_ICON}
        </button>
        <div
          class="viewport ${still ? 'still' : ''}"
          part="viewport"
          @pointerenter=${this.#onPointer}
          @pointerleave=${this.#onPointer}
          @pointerup=${this.#onPointer}
          @focusin=${this.#onFocus}
          @focusout=${this.#onFocus}
          @keydown=${this.#onKeydown}
        >
          <div class="track" part="track">
            <ul class="list" part="list" role="list" dir=${dir}>${items}</ul>
            ${Array.from({ length: copies }, () => html`<ul class="list" part="list" role="list" dir=${dir} aria-hidden="true" inert>${items}</ul>`)}
          </div>
        </div>
        <div class="status" part="status">${this.#statusText()}</div>
      </div>
    `;
  }

  #statusText(): string {
    const words = this.#words;
    const status = this.status;
    const updated = this.lastUpdated;
    clearTimeout(this.#statusTimer);
    if (status === 'error') return words.unavailable;
    if (!updated || (status === 'live' && !this.#feed.error)) return '';
    this.#statusTimer = setTimeout(() => this.requestUpdate(), 30_000);
    return `${status === 'stale' ? words.delayed : words.failed} · ${relativeUpdated(this.#locale, updated)}`;
  }
}

/** The element's direction from the DOM (`:dir()`, no style work), else from its style. */
function isRtl(element: Element): boolean {
  try {
    return element.matches(':dir(rtl)');
  } catch {
    return getComputedStyle(element).direction === 'rtl';
  }
}

function priceBoxes(list: HTMLElement): NodeListOf<HTMLElement> {
  return list.querySelectorAll<HTMLElement>('.price, .change');
}

/** Which coin's price or change a box is: `bitcoin|price`. */
function boxKey(box: HTMLElement): string {
  return `${box.closest<HTMLElement>('[data-id]')?.dataset.id}|${box.className}`;
}
