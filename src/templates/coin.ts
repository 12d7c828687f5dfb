/**
 * The template of one coin in the strip: what is seen (logo, name, symbol, price, change,
 * each a part and hidden from screen readers) and what is heard (one phrase).
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Field } from '../config.js';
import type { Quote } from '../feed/quote.js';
import { changeDirection, describePrice, formatChange, parseDecimal, type ChangeDirection } from '../format/index.js';
import { getNumberFormat } from '../format/intl-cache.js';
import { localeDirection } from '../i18n/direction.js';
import { changeFit, priceFit } from './fit.js';
import type { Messages } from '../i18n/messages.js';

export interface CoinView {
  fields: readonly Field[];
  currency: string;
  locale: string;
  subscriptZeros: number;
  words: Messages;
  /** The coin that holds the list's one tab stop. */
  focusIndex: number;
  /** Coins shown with their last good quote, the latest answer having had none for them. */
  held: ReadonlySet<string>;
  /** `up-0`, `down-1`… when the coin's price moved in the last update (`data-flash`). */
  flash(id: string): string | undefined;
}

/**
 * Items by position: a refresh rewrites the texts of the same nodes in place (Lit keeps each
 * position's template instance), and only a coin that comes or goes adds or removes one.
 */
export function coinTemplates(quotes: readonly Quote[], view: CoinView): TemplateResult[] {
  const { locale, words, held } = view;
  const show = new Set(view.fields);
  const options = { currency: view.currency, locale, subscriptZeros: view.subscriptZeros };
  // Numbers run in their locale's direction, isolated from the page's (see localeDirection).
  const numbers = localeDirection(locale);
  const focusIndex = Math.min(view.focusIndex, quotes.length - 1);
  const coin = (q: Quote, index: number): TemplateResult => {
    const stale = held.has(q.id);
    const price = describePrice(q.price, options);
    const direction = q.change === null ? 'flat' : changeDirection(q.change);
    const change = q.change === null ? null : formatChange(q.change, { locale });
    // One phrase for screen readers ("Bitcoin, BTC, $63,560.03, up 0.73 percent"); what is seen
    // is hidden from them, so a tiny price is read in its plain form.
    const spoken = [
      q.name,
      q.symbol.toUpperCase(),
      price.plain,
      q.change === null ? '' : spokenChange(q.change, direction, locale, words),
      stale ? words.delayed : '',
    ]
      .filter(Boolean)
      .join(', ');
    return html`<li class="item" part=${stale ? 'item stale' : 'item'} title=${stale ? words.delayed : nothing} data-id=${q.id} tabindex=${index === focusIndex ? 0 : -1}><span class="visually-hidden">${spoken}</span>${show.has('logo') ? logo(q) : nothing}${show.has('name') ? html`<span class="name" part="name" dir="auto" aria-hidden="true">${q.name}</span>` : nothing}${show.has('symbol') ? html`<span class="symbol" part="symbol" dir="auto" aria-hidden="true">${q.symbol.toUpperCase()}</span>` : nothing}${show.has('price') ? html`<span class="price" part="price" dir=${numbers} aria-hidden="true" title=${price.subscripted ? price.plain : nothing} data-fit=${priceFit(q.price, price)} data-flash=${view.flash(q.id) ?? nothing}>${price.text}</span>` : nothing}${
      show.has('change') && change !== null
        ? html`<span class="change" part="change ${direction}" data-direction=${direction} dir=${numbers} aria-hidden="true" data-fit=${changeFit(q.change!, change)}>${change}</span>`
        : nothing
    }</li>`;
  };
  return quotes.flatMap((q, index) => {
    try {
      return [coin(q, index)];
    } catch (error) {
      // Quotes are checked against the formatter's range when they arrive, so this is a bug;
      // still, one coin that cannot be written must not stop the others from rendering.
      if (!unwritable.has(q)) console.error(`price-ticker: cannot show "${q.id.slice(0, 40)}":`, error);
      unwritable.add(q);
      return [];
    }
  });
}

/**
 * What the list shows: the coins; until the first prices, a skeleton row; with no data at all
 * and failing, nothing (`part="status"` says so, the list does not repeat it).
 */
export function listTemplates(quotes: readonly Quote[], failed: boolean, view: CoinView): TemplateResult[] {
  if (quotes.length > 0) return coinTemplates(quotes, view);
  return failed ? [] : skeletonTemplates(view.words);
}

/** Quotes already reported as unwritable (once each, not on every render). */
const unwritable = new WeakSet<Quote>();

/** The row shown until the first prices arrive: the ticker's final height from the first paint. */
export function skeletonTemplates(words: Messages, count = 6): TemplateResult[] {
  return Array.from(
    { length: count },
    (_, i) =>
      html`<li class="item" part="skeleton"><span class="skeleton"></span>${i === 0 ? html`<span class="visually-hidden">${words.loading}</span>` : nothing}</li>`,
  );
}

function logo(q: Quote): TemplateResult {
  // A fixed box either way, so a missing or broken logo leaves no hole and no shift.
  if (!q.logo) return html`<span class="logo" part="logo-placeholder" aria-hidden="true"></span>`;
  return html`<img class="logo" part="logo" src=${q.logo} alt="" width="20" height="20" loading="lazy" decoding="async" referrerpolicy="no-referrer" @error=${hideBrokenImage} />`;
}

function hideBrokenImage(event: Event): void {
  (event.target as HTMLImageElement).style.visibility = 'hidden';
}

/** "up 0.73 percent", in the locale's words; the amount as the change shows it, unsigned. */
function spokenChange(change: string, direction: ChangeDirection, locale: string, words: Messages): string {
  if (direction === 'flat') return words.unchanged;
  const amount = parseDecimal(change).abs().toFixed(2);
  const percent = getNumberFormat(locale, {
    style: 'unit',
    unit: 'percent',
    unitDisplay: 'long',
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
  return `${direction === 'up' ? words.up : words.down} ${percent?.format(amount as `${number}`) ?? `${amount} %`}`;
}
