import { parseChange } from '../format/change.js';
import { isDecimalString, parsePrice, quote as printable } from '../format/decimal.js';
import { isRecord, textOf } from './sources/source.js';

/** One coin as shown: prices and changes are exact decimal strings, never floats. */
export interface Quote {
  id: string;
  symbol: string;
  name: string;
  /** Exact decimal string as the source sent it. */
  price: string;
  /** Exact decimal string, in percent; null when the source has none. */
  change: string | null;
  logo?: string;
  /** Market capitalisation in the quote currency, exact; absent when the source has none. */
  marketCap?: string;
  /** Volume of the last 24 h in the quote currency, exact; absent when the source has none. */
  volume?: string;
  /** Prices of the last 7 days, oldest first, exact; absent when the source has no series. */
  sparkline?: readonly string[];
  /** Milliseconds since the epoch when this quote was received or stamped by the source. */
  updatedAt: number;
}

/** What a source or a custom `fetcher` hands over: numbers allowed, `updatedAt` optional. */
export interface QuoteInput {
  id: string;
  symbol: string;
  name: string;
  price: string | number;
  change?: string | number | null;
  logo?: string;
  marketCap?: string | number | null;
  volume?: string | number | null;
  sparkline?: readonly (string | number)[] | null;
  updatedAt?: number;
}

/** Magnitudes outside 1e-100 to 1e30 are not money but garbage (`1e31`, `1e-400`). */
const MAX_EXPONENT = 30;
const MIN_EXPONENT = -100;
/** Ids, names and symbols longer than this are not a coin's. */
const MAX_TEXT = 200;
/** A price or change written with more characters than this is garbage, however exact. */
const MAX_NUMBER_TEXT = 100;
/** A 7-day series longer than this is not a sparkline (CoinGecko sends one point an hour: 168). */
const MAX_SPARKLINE = 500;
/** How many problems of one poll are kept by name (the rest are counted), and how many a summary lists. */
const KEPT_PROBLEMS = 10;
const LISTED_PROBLEMS = 3;
/** Largest time a Date can hold, in ms either side of the epoch. */
const MAX_TIME = 8.64e15;

/**
 * Reads a decimal from a string or a (finite) number; undefined when it is not one the
 * formatter can write (`read` is the formatter's own parser, which knows its range) or
 * when it is absurd for money: over {@link MAX_NUMBER_TEXT} characters, or outside 1e-100 to 1e30.
 */
function decimalText(value: unknown, read: (text: string) => { e: number; isZero(): boolean }): string | undefined {
  const text = textOf(value); // `NaN`, `Infinity` and '' are not decimals
  if (text.length > MAX_NUMBER_TEXT) return undefined;
  try {
    const d = read(text);
    return d.isZero() || (d.e < MAX_EXPONENT && d.e >= MIN_EXPONENT) ? text : undefined;
  } catch {
    return undefined; // not a decimal, or outside what the formatter can write
  }
}

/** An amount of money that cannot be negative (a market cap, a volume, a price), or undefined. */
function amount(value: unknown): string | undefined {
  const text = decimalText(value, parsePrice);
  return text?.startsWith('-') ? undefined : text;
}

/**
 * A 7-day series: an array of at most {@link MAX_SPARKLINE} amounts. Null when there is none to
 * draw (fewer than 2 points), undefined when it is garbage: one bad point spoils it.
 */
function sparklineOf(value: unknown): string[] | null | undefined {
  if (!Array.isArray(value) || value.length > MAX_SPARKLINE) return undefined;
  if (value.length < 2) return null;
  const points = value.map(amount);
  return points.includes(undefined) ? undefined : (points as string[]);
}

/** A string of at most {@link MAX_TEXT} characters with at least one that can be seen. */
function shortText(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  return text.length <= MAX_TEXT && /[^\p{C}\p{Z}]/u.test(text) ? text : undefined;
}

/**
 * A time in ms: epoch milliseconds (a number, or its text) within the Date range, or an ISO
 * 8601 date and time (`2024-06-01T12:00:00Z`). Undefined for anything else.
 */
export function readTime(value: unknown): number | undefined {
  const text = textOf(value);
  const time = isDecimalString(text) ? Number(text) : /^\d{4}-\d\d-\d\d(T|$)/.test(text) ? Date.parse(text) : NaN;
  return Math.abs(time) <= MAX_TIME ? time : undefined; // NaN is no time
}

/** A page on http may show http logos; otherwise only https. Anything else is dropped. */
export function safeLogoUrl(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 2048) return undefined;
  try {
    const url = new URL(value);
    const pageIsHttp = globalThis.location?.protocol === 'http:';
    if (url.protocol === 'https:' || (url.protocol === 'http:' && pageIsHttp)) return url.href;
  } catch {
    // not a URL
  }
  return undefined;
}

export interface NormaliseOptions {
  /** The ids asked for, in the order to show them; only these are kept. */
  order?: readonly string[] | undefined;
  /** With no `order`: how many quotes to keep, the first ones of the answer. */
  limit?: number | undefined;
  /** The last good quotes: with `order`, a coin asked for that this answer lacks keeps its own. */
  previous?: readonly Quote[] | undefined;
}

export interface Normalised {
  quotes: Quote[];
  /** Ids of the quotes held from `previous`, since this answer had no usable one for them. */
  held: string[];
  /** The first few problems, one line each, saying what was wrong and what was done. */
  problems: string[];
  /** How many problems there were in all. */
  problemCount: number;
}

/**
 * Validates each entry on its own: a bad entry is dropped with a reason, the good ones kept.
 * Keeps what was asked for: the ids in `order` (in that order), else the first `limit`; the
 * rest of a flooded answer is not even looked at. A coin asked for by id that the answer lacks,
 * or sent unusable, keeps its previous quote (held), so it does not vanish from the strip.
 */
export function normaliseQuotes(entries: readonly unknown[], now: number, options: NormaliseOptions = {}): Normalised {
  const { order = [], limit = Infinity, previous = [] } = options;
  const rank = new Map(order.map((id, i) => [id.toLowerCase(), i]));
  const wanted = rank.size > 0 ? rank.size : limit;
  const quotes: Quote[] = [];
  const problems: string[] = [];
  let problemCount = 0;
  let unasked = 0;
  const problem = (text: string) => {
    if (++problemCount <= KEPT_PROBLEMS) problems.push(text);
  };
  const seen = new Set<string>();
  for (let index = 0; index < entries.length && quotes.length < wanted; index++) {
    const e = entries[index];
    if (!isRecord(e)) {
      problem(`entry ${index} is not an object`);
      continue;
    }
    let id = shortText(e.id);
    if (!id) {
      problem(`entry ${index} has no valid id`);
      continue;
    }
    if (rank.size > 0) {
      // Ids match whatever their case; the quote carries the id as it was asked for.
      const at = rank.get(id.toLowerCase());
      if (at === undefined) {
        unasked++;
        continue;
      }
      id = order[at]!;
    }
    const name = printable(id); // quoted, escaped and cut short: ids come from the network
    const lowerId = id.toLowerCase();
    if (seen.has(lowerId)) {
      problem(`duplicate id ${name}`);
      continue;
    }
    const price = amount(e.price);
    if (price === undefined) {
      problem(`${name} has an invalid price`);
      continue;
    }
    const change = e.change == null ? null : decimalText(e.change, parseChange);
    if (change === undefined) {
      problem(`${name} has an invalid change`);
      continue;
    }
    let updatedAt = now;
    if (e.updatedAt != null) {
      const time = readTime(e.updatedAt);
      if (time === undefined) problem(`${name} has an invalid updatedAt (time of receipt used)`);
      else updatedAt = time;
    }
    seen.add(lowerId);
    const quote: Quote = {
      id,
      symbol: shortText(e.symbol) ?? id,
      name: shortText(e.name) ?? id,
      price,
      change,
      updatedAt,
    };
    const logo = safeLogoUrl(e.logo);
    if (logo) quote.logo = logo;
    // Market data that is bad is left out, and said; the coin is still shown.
    for (const [key, what, read] of [
      ['marketCap', 'market cap', amount],
      ['volume', 'volume', amount],
      ['sparkline', 'sparkline', sparklineOf],
    ] as const) {
      if (e[key] == null) continue;
      const value = read(e[key]);
      if (value === undefined) problem(`${name} has an invalid ${what} (left out)`);
      else if (value) (quote as unknown as Record<string, unknown>)[key] = value;
    }
    quotes.push(quote);
  }
  if (unasked > 0) problem(`${unasked} ${unasked === 1 ? 'entry' : 'entries'} not asked for`);
  // Without `order` the rank is empty: nothing is held, and the sort (every comparison NaN) keeps the order.
  const held: string[] = [];
  for (const old of previous) {
    const key = old.id.toLowerCase();
    if (rank.has(key) && !seen.has(key)) {
      held.push(old.id);
      quotes.push(old);
    }
  }
  const at = (q: Quote) => rank.get(q.id.toLowerCase())!;
  quotes.sort((a, b) => at(a) - at(b));
  return { quotes, held, problems, problemCount };
}

/** One line for a poll's problems: the first few, and how many more. */
export function summariseProblems({ problems, problemCount }: Normalised): string {
  const more = problemCount - LISTED_PROBLEMS;
  return problems.slice(0, LISTED_PROBLEMS).join('; ') + (more > 0 ? `; and ${more} more` : '');
}

/** Ids whose price or change differ between two polls (new ids count as changed). */
export function changedIds(previous: readonly Quote[], next: readonly Quote[]): string[] {
  const before = new Map(previous.map((q) => [q.id, q]));
  return next
    .filter((q) => {
      const old = before.get(q.id);
      return !old || old.price !== q.price || old.change !== q.change;
    })
    .map((q) => q.id);
}
