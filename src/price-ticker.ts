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
 * @summary Live crypto prices, exact to the digit, in a smooth, pausable strip.
 * @event price-ticker-update - After each successful poll: `detail: { quotes, changed }`.
 * @event price-ticker-error - After each failed poll: `detail: { error, status?, retryIn }`.
 * @csspart ticker - The whole strip (a named region).
 * @csspart pause-button - The button that pauses and resumes.
 * @csspart item - One coin (`data-id` is its id).
 * @csspart logo - The coin's logo image.
 * @csspart name - The coin's name.
 * @csspart symbol - The coin's symbol, upper case.
 * @csspart price - The formatted price.
 * @csspart change - The formatted change, with `up`, `down` or `flat`.
 * @csspart status - Shown when prices are delayed or failing.
 */
export class PriceTickerElement extends LitElement implements Settings {
  static override styles = styles;
  static override properties = declareProperties();

  /** Overrides the ticker's words for a language (`'de'`) or a tag (`'de-CH'`); see docs/messages.md. */
  static defineMessages = defineMessages;

  /** Defines the element; defining it again (a second copy of the script) is not an error. */
  static define(tag = 'price-ticker', registry: CustomElementRegistry = customElements): void {
    if (!registry.get(tag)) registry.define(tag, this);
  }

  declare source: SourceName;
  declare coins: string[];
  declare currency: string;
  declare limit: number;
  declare interval: number;
  declare endpoint: string | null;
  declare change: ChangeWindow;
  declare locale: string | null;
  declare speed: number;
  declare direction: Direction;
  declare fields: Field[];
  declare subscriptZeros: number;
  declare theme: Theme;
  declare label: string;
  /** No movement, no polling, no change to what is shown. */
  declare paused: boolean;
  /** A custom source; when set it replaces `source`. */
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

  /** The quotes shown now; prices and changes are exact decimal strings. */
  get quotes(): readonly Quote[] {
    return this.#feed.quotes;
  }

  get status(): FeedStatus {
    return this.#feed.status;
  }

  get lastUpdated(): Date | null {
    return this.#feed.lastUpdated;
  }

  /** Polls now, skipping any backoff wait (never two requests at once for one feed). */
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
