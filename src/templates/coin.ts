/**
 * What each coin in the strip says: the texts seen (name, symbol, price, change) with their
 * attributes, and the one phrase heard. It writes through a CoinWriter, so it holds no DOM;
 * coin-list.ts writes into the list.
 */
import type { Field } from '../config.js';
import type { Quote } from '../feed/quote.js';
import {
  changeDirection,
  describePrice,
  formatChange,
  formatCompact,
  parseDecimal,
  type ChangeDirection,
} from '../format/index.js';
import { getNumberFormat } from '../format/intl-cache.js';
import { localeDirection } from '../i18n/direction.js';
import type { Messages } from '../i18n/messages.js';
import { changeFit, priceFit } from './fit.js';
import { sparkline } from './sparkline.js';

export interface CoinView {
  fields: readonly Field[];
  currency: string;
  locale: string;
  subscriptZeros: number;
  words: Messages;
  /** The coins' link template (`/markets/{id}`), or null for no links. */
  href: string | null;
  /** The links' `target`. */
  target: string | null;
  /** The coin that holds the list's one tab stop. */
  focusIndex: number;
  /** Coins shown with their last good quote, the latest answer having had none for them. */
  held: ReadonlySet<string>;
  /** `up` or `down` when the coin's price moved in the last update (`data-flash`). */
  flash(id: string): string | undefined;
}

/** Attributes to set (null or undefined: to remove). */
export type Attributes = Record<string, string | null | undefined>;

/** Where a coin is written (coin-list.ts writes it into an `<li>`, changing only what differs). */
export interface CoinWriter {
  /** The `<li>`'s attributes. */
  item: (attributes: Attributes) => void;
  /**
   * The next child, by its key (a class, or `img` for a logo): its attributes and its text. The
   * children after a `link` go into the link. A `sparkline`'s attributes are its line's.
   */
  child: (key: string, attributes?: Attributes, text?: string) => void;
}

/**
 * What coin `q`'s writing depends on beyond the view's settings (fields, currency, locale,
 * words): the same inputs write the same coin, so a list can skip it.
 */
export function coinInputs(q: Quote, index: number, view: CoinView): string {
  // Every field of the quote but the time it arrived, which no coin shows.
  return JSON.stringify([{ ...q, updatedAt: 0 }, index === view.focusIndex, view.held.has(q.id), view.flash(q.id)]);
}

/**
 * Writes coin `q`, at `index` in the list: the item, then its children in their fixed order.
 * A loop copy (`copy`) leaves out the spoken phrase and the tab stop. Everything is formatted
 * before the first write, so a coin that cannot be written throws before it is half written.
 */
export function writeCoin(q: Quote, index: number, view: CoinView, copy: boolean, out: CoinWriter): void {
  const { locale, words, fields } = view;
  const stale = view.held.has(q.id);
  const price = describePrice(q.price, view);
  const symbol = q.symbol.toUpperCase();
  const direction = q.change === null ? 'flat' : changeDirection(q.change);
  const change = q.change === null ? '' : formatChange(q.change, view);
  // Numbers run in their locale's direction, isolated from the page's (see localeDirection).
  const dir = localeDirection(locale);
  const show = (field: Field) => fields.includes(field);
  const compact = (value: string | undefined) => (value ? formatCompact(value, view) : '');
  const marketCap = show('market-cap') ? compact(q.marketCap) : '';
  const volume = show('volume') ? compact(q.volume) : '';
  const link = view.href && !copy ? linkOf(view.href, q) : '';

  // One phrase for screen readers ("Bitcoin, BTC, $63,560.03, up 0.73 percent"); what is seen
  // is hidden from them, so a tiny price is heard in its plain form. Loop copies have none.
  const spoken = copy
    ? ''
    : [
        q.name,
        symbol,
        price.plain,
        q.change && spokenChange(q.change, direction, locale, words),
        marketCap && `${words.marketCap} ${marketCap}`,
        volume && `${words.volume} ${volume}`,
        stale && words.delayed,
      ]
        .filter(Boolean)
        .join(', ');
  // The room kept after the price (most prices keep none) and the change (see fit.ts).
  const priceRoom = show('price') ? priceFit(q.price, price) : '';
  const changeRoom = show('change') && q.change !== null ? changeFit(q.change, change) : '';
  const { item, child } = out;
  // The tab stop is the coin's link, or the coin itself.
  const tabindex = copy ? null : index === view.focusIndex ? '0' : '-1';
  item({
    part: stale ? 'item stale' : 'item',
    title: stale ? words.delayed : null,
    'data-id': q.id,
    tabindex: link ? null : tabindex,
  });
  if (link)
    child('link', {
      href: link,
      target: view.target,
      rel: view.target === '_blank' ? 'noopener noreferrer' : null,
      tabindex,
    });
  if (!copy) child('visually-hidden', {}, spoken);
  if (show('logo')) child(q.logo ? 'img' : 'logo', { src: q.logo });
  // A field shown, its child's key being the field's name.
  const field = (key: Field, attributes: Attributes, text: string) => show(key) && child(key, attributes, text);
  field('name', {}, q.name);
  field('symbol', {}, symbol);
  field(
    'price',
    {
      dir,
      title: price.subscripted ? price.plain : null,
      'data-fit': priceRoom || null,
      'data-flash': view.flash(q.id),
    },
    price.text,
  );
  if (q.change !== null)
    field('change', { part: `change ${direction}`, 'data-direction': direction, dir, 'data-fit': changeRoom }, change);
  field('market-cap', { dir, 'data-label': words.marketCap }, marketCap);
  field('volume', { dir, 'data-label': words.volume }, volume);
  if (show('sparkline') && q.sparkline) child('sparkline', sparkline(q.sparkline));
}

/** A coin with every field a coin may show, to write nowhere (see warmUp). */
const SAMPLE: Quote = {
  id: 'sample',
  symbol: 'sample',
  name: 'sample',
  price: '1.5',
  change: '1.5',
  marketCap: '1500',
  volume: '1500',
  updatedAt: 0,
};

/**
 * Writes a sample coin nowhere, so that every formatter `view` needs exists before the first
 * prices do: a page's first Intl number format loads its locale's data, 12 to 17 ms of the main
 * thread in Chromium, paid here while the first request is out instead of after its answer.
 */
export function warmUp(view: CoinView): void {
  writeCoin(SAMPLE, 0, view, false, { item() {}, child() {} });
}

/** The coin's link: the template with `{id}` and `{symbol}` filled in, percent-encoded. */
function linkOf(template: string, q: Quote): string {
  return template.replace(/\{(id|symbol)\}/g, (_, key: 'id' | 'symbol') => encodeURIComponent(q[key]));
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
