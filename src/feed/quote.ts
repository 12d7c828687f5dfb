import { isDecimalString } from '../format/decimal.js';

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
  updatedAt?: number;
}

/** Exponents beyond this are not prices but garbage (`1e400`). */
const MAX_EXPONENT = 30;
const MAX_TEXT = 200;

/** Reads a decimal from a string or a (finite) number; undefined when it is not one. */
function decimalText(value: unknown): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (!isDecimalString(text)) return undefined;
  // Reject absurd magnitudes without evaluating them: digits before the point + exponent.
  const [mantissa = '', exp = '0'] = text.toLowerCase().split('e');
  const intDigits = mantissa.replace(/^[+-]/, '').split('.')[0]!.replace(/^0+/, '').length;
  const exponent = Number(exp);
  if (Math.abs(exponent) > 100 || intDigits + exponent > MAX_EXPONENT) return undefined;
  return text;
}

function shortText(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  return text.length > 0 && text.length <= MAX_TEXT ? text : undefined;
}

/** A page on http may show http logos; otherwise only https. Anything else is dropped. */
export function safeLogoUrl(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 2048) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  const pageIsHttp = typeof location !== 'undefined' && location.protocol === 'http:';
  if (url.protocol === 'https:' || (url.protocol === 'http:' && pageIsHttp)) return url.href;
  return undefined;
}

export interface Normalised {
  quotes: Quote[];
  /** One line per dropped entry, saying why. */
  problems: string[];
}

/**
 * Validates each entry on its own: a bad entry is dropped with a reason, the good ones kept.
 * `order`, when given, is the ids in the order the user asked for them.
 */
export function normaliseQuotes(entries: readonly unknown[], now: number, order?: readonly string[]): Normalised {
  const quotes: Quote[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  entries.forEach((entry, index) => {
    const where = `entry ${index}`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      problems.push(`${where} is not an object`);
      return;
    }
    const e = entry as Record<string, unknown>;
    const id = shortText(e.id);
    if (!id) return void problems.push(`${where} has no valid id`);
    if (seen.has(id)) return void problems.push(`duplicate id "${id}"`);
    const price = decimalText(e.price);
    if (price === undefined || price.startsWith('-')) {
      return void problems.push(`"${id}" has an invalid price`);
    }
    let change: string | null = null;
    if (e.change !== undefined && e.change !== null) {
      const c = decimalText(e.change);
      if (c === undefined) return void problems.push(`"${id}" has an invalid change`);
      change = c;
    }
    seen.add(id);
    const quote: Quote = {
      id,
      symbol: shortText(e.symbol) ?? id,
      name: shortText(e.name) ?? id,
      price,
      change,
      updatedAt: typeof e.updatedAt === 'number' && Number.isFinite(e.updatedAt) ? e.updatedAt : now,
    };
    const logo = safeLogoUrl(e.logo);
    if (logo) quote.logo = logo;
    quotes.push(quote);
  });
  if (order && order.length > 0) {
    const rank = new Map(order.map((id, i) => [id.toLowerCase(), i]));
    const at = (q: Quote) => rank.get(q.id.toLowerCase()) ?? order.length;
    quotes.sort((a, b) => at(a) - at(b));
  }
  return { quotes, problems };
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
