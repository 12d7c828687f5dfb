import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { feedConfigOf, SETTINGS, type ElementProperties } from './config.js';
import { FeedController } from './controllers/feed-controller.js';
import { LanguageController } from './controllers/language-controller.js';
import { MarqueeController } from './controllers/marquee-controller.js';
import { PriceFlashController } from './controllers/price-flash-controller.js';
import { RovingFocusController } from './controllers/roving-focus-controller.js';
import { SelectController } from './controllers/select-controller.js';
import { declareProperties, SettingsController } from './controllers/settings-controller.js';
import { StatusController } from './controllers/status-controller.js';
import { WarmUpController } from './controllers/warm-up-controller.js';
import type { FeedStatus } from './feed/feed.js';
import type { Quote } from './feed/quote.js';
import { defineMessages } from './i18n/messages.js';
import { styles } from './price-ticker.styles.js';
import { warmUp, type CoinView } from './templates/coin.js';
import { coinList, loopCopies, skeleton } from './templates/coin-list.js';
import { PAUSE_ICON, PLAY_ICON } from './templates/controls.js';
import { statusText } from './templates/status.js';

// The settable properties, each with its wording, are declared once in src/config.ts; Lit defines
// them at run time from the settings table, and the settings controller sets their defaults.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type
export interface PriceTickerElement extends ElementProperties {}

/**
 * A scrolling strip of live crypto prices.
 *
 * Attributes and their properties come from the settings table (src/config.ts), and so does their
 * wording, on the interface `ElementProperties` merged into this class above.
 *
 * @tagname price-ticker
 * @summary Live crypto prices, exact to the digit, in a smooth, pausable strip.
 *
 * @event {PriceTickerUpdateEvent} price-ticker-update - after each successful poll: `detail: {
 *   quotes, changed }` (a `PriceTickerUpdateDetail`), `changed` being the ids whose price or change
 *   differ from the previous poll.
 * @event {PriceTickerSelectEvent} price-ticker-select - when a coin is clicked or activated from the
 *   keyboard: `detail: { id, quote }` (a `PriceTickerSelectDetail`); cancelable: `preventDefault()`
 *   keeps the coin's link from being followed
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
 * @csspart link - with `href`, the coin's link, around everything the coin shows
 * @csspart market-cap - its text is exactly the compact market cap (`$1.23T`), after a label drawn in
 *   CSS; empty where the source has none
 * @csspart volume - its text is exactly the compact 24 h volume, after a label; empty where none
 * @csspart sparkline - the 7-day line, an `<svg>` whose line has `data-direction="up|down|flat"`
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
 *   the background of a price that went up, for 1.2 s after the update
 * @cssproperty [--price-ticker-flash-down-color=color-mix(in srgb, var(--price-ticker-down-color) 22%, transparent)] -
 *   the background of a price that went down, for 1.2 s after the update
 * @cssproperty [--price-ticker-height=2.5rem] - the ticker's height
 * @cssproperty [--price-ticker-gap=2rem] - the space between coins
 * @cssproperty [--price-ticker-logo-size=1.25em] - the logos' width and height
 * @cssproperty [--price-ticker-sparkline-width=4em] - the sparklines' width
 * @cssproperty [--price-ticker-sparkline-height=1.25em] - the sparklines' height
 *
 * @cssstate loading - until the first data
 * @cssstate live - while polls succeed
 * @cssstate stale - when the newest data is older than twice the interval
 * @cssstate error - when failing with no data at all
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- its properties, above
export class PriceTickerElement extends LitElement {
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

  // The element's parts, each in its own module: the element wires them together and renders.
  readonly #settings = new SettingsController(this);
  readonly #language = new LanguageController(this);
  readonly #feed = new FeedController(this);
  readonly #marquee = new MarqueeController(this);
  readonly #flash = new PriceFlashController(this, this.#feed, this.#marquee);
  readonly #focus = new RovingFocusController(this.#marquee, this.#language);
  readonly #select = new SelectController(this, this.#feed);
  readonly #status = new StatusController(this);

  constructor() {
    super();
    this.paused = false;
    this.fetcher = null;
    // While the first request is out, the formatters a coin needs are made (not for a ticker
    // off screen: it asks for nothing until it is scrolled to).
    new WarmUpController(this, () => this.quotes.length === 0 && this.#feed.onScreen && warmUp(this.#coinView()));
  }

  /**
   * the data shown now: `{ id, symbol, name, price, change, logo?, marketCap?, volume?, sparkline?,
   * updatedAt }`, the numbers exact decimal strings as the source sent them (`change` in percent,
   * `null` when the source has none; `sparkline` the 7-day series, oldest first)
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

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    this.#settings.checkAttribute(name, value);
    super.attributeChangedCallback(name, old, value);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.#settings.normalise(changed);
    const language = this.#language;
    language.read(this.locale);
    this.#feed.set({ config: feedConfigOf(this), fetcher: this.fetcher, interval: this.interval, paused: this.paused });
    const towards = this.direction === 'auto' ? (language.rtl ? 'right' : 'left') : this.direction;
    // Nothing moves until there are prices to move (the skeleton stands still).
    this.#marquee.set({ speed: this.#feed.quotes.length > 0 ? this.speed : 0, towards, paused: this.paused });
    this.#status.line = statusText(this.status, this.lastUpdated, this.#feed.error, language);
  }

  /** What each coin is written with. */
  #coinView(): CoinView {
    const { locale, words } = this.#language;
    return {
      fields: this.fields,
      currency: this.currency,
      locale,
      subscriptZeros: this.subscriptZeros,
      words,
      href: this.href,
      target: this.target,
      focusIndex: Math.min(this.#focus.index, this.#feed.quotes.length - 1),
      held: this.#feed.held,
      flash: this.#flash.flash,
    };
  }

  protected override render(): TemplateResult {
    const quotes = this.#feed.quotes;
    const still = this.#marquee.still;
    const copied = still ? 0 : this.#marquee.copies;
    const { words, rtl } = this.#language;
    const dir = rtl ? 'rtl' : 'ltr';
    const view = this.#coinView();
    // The default label speaks the page's language; a label the page set is used as it is.
    const label = this.label === SETTINGS.label.default ? words.label : this.label;
    const action = this.paused ? words.play : words.pause;
    const marquee = this.#marquee;
    // The real list: its coins, or the skeleton until the first prices (none after a failure).
    const list =
      quotes.length > 0
        ? html`<ul class="list" part="list" role="list" dir=${dir} ${coinList(quotes, view, false)}></ul>`
        : html`<ul class="list" part="list" role="list" dir=${dir}>${this.status === 'error' ? nothing : skeleton(words.loading)}</ul>`;
    const copies = loopCopies(quotes, copied, rtl).map(
      (copy) =>
        html`<ul class="list" part="list" role="list" dir=${dir} aria-hidden="true" inert ${coinList(copy, view, true)}></ul>`,
    );
    // .ticker > button.pause, .viewport > .track > the list and its copies, and .status; the
    // viewport hands its pointer, focus, key and click events to the marquee, the focus and the
    // select controllers. No whitespace between tags: no text nodes to keep.
    return html`<div class="ticker" part="ticker" role="region" aria-label=${label}><button class="pause" part="pause-button" type="button" aria-label=${action} title=${action} @click=${this.#togglePaused}>${this.paused ? PLAY_ICON : PAUSE_ICON}</button><div class="viewport ${still ? 'still' : ''}" part="viewport" @pointerenter=${marquee} @pointerleave=${marquee} @pointerup=${marquee} @focusin=${this.#focus} @focusout=${this.#focus} @keydown=${this.#focus} @click=${this.#select}><div class="track" part="track" @keydown=${this.#select}>${list}${copies}</div></div><div class="status" part="status">${this.#status.line}</div></div>`;
  }

  #togglePaused = () => {
    this.paused = !this.paused;
  };
}
