/** What every source adapter knows: how to ask one API for prices, and how to read its answer. */
import { multiplyDecimals } from '../../format/bigint-decimal.js';
import { shorten } from '../../format/decimal.js';
import { percentChange } from '../../format/percent-change.js';

import type { SourceName } from './index.js';

export type { SourceName };
export type ChangeWindow = '1h' | '24h' | '7d';

/** Everything that decides which data a feed fetches; equal configs share one feed. */
export interface FeedConfig {
  source: SourceName;
  /** Base URL replacing the source's public one (a caching proxy), or null for the public URL. */
  endpoint: string | null;
  coins: readonly string[];
  currency: string;
  limit: number;
  change: ChangeWindow;
  /** Whether to ask for each coin's 7-day series (CoinGecko sends it only when asked, and it is long). */
  sparkline: boolean;
  /** Whether to take prices from the exchange's WebSocket (where it has one), and where that is. */
  stream?: boolean;
  streamEndpoint?: string | null;
}

export interface SourceAdapter {
  readonly name: SourceName;
  /** The public base URL, or null when the source has none (`json`). */
  readonly publicBase: string | null;
  /** The ids shown when `coins` is empty; none when the source picks them itself. */
  readonly defaultCoins: readonly string[];
  /** The URLs one poll fetches. */
  requests(config: FeedConfig): string[];
  /**
   * Reads the parsed bodies (numbers kept as exact strings) into raw quote records
   * (`QuoteInput`-shaped, still unvalidated). Throws an Error saying what is wrong
   * when the body as a whole has the wrong shape.
   */
  parse(bodies: unknown[], config: FeedConfig): unknown[];
  /** The API's own explanation in an error body (`Invalid symbol. (code -1121)`), cut short. */
  explain(body: unknown): string | undefined;
}

/**
 * `path` and `query` below the source's base URL: its public one, or `endpoint`. The
 * endpoint's own query parameters (a proxy's key, say) are kept after the source's, except
 * those the source sets itself.
 */
export function sourceUrl(adapter: SourceAdapter, config: FeedConfig, path: string, query = ''): string {
  const base = config.endpoint ?? adapter.publicBase;
  if (!base) throw new Error(`${adapter.name}: the endpoint attribute is required`);
  const url = new URL(base);
  const own = new URLSearchParams(query);
  const kept = url.search
    .slice(1)
    .split('&')
    .filter((pair) => pair && !own.has(decodeURIComponent(pair.split('=')[0]!)));
  const search = [query, ...kept].filter(Boolean).join('&');
  return url.origin + url.pathname.replace(/\/+$/, '') + path + (search && `?${search}`);
}

/**
 * `API error <code>: <message>` from an API's error body, each part without control
 * characters and cut short; undefined when the body has neither.
 */
export function apiError(code: unknown, message: unknown): string | undefined {
  const readable = (value: unknown, max: number) =>
    shorten(
      textOf(value)
        .replace(/[\p{Cc}\u2028\u2029]+/gu, ' ')
        .trim(),
      max,
    );
  const c = readable(code, 40);
  const m = readable(message, 200);
  return c || m ? `API error${c && ` ${c}`}: ${m || 'no message'}` : undefined;
}

/** A string or a number as text, trimmed; empty for anything else. */
export const textOf = (value: unknown) =>
  typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The ids asked for: `config.coins`, else the source's own defaults. Empty when the source
 * picks the coins itself (CoinGecko's top `limit`, or whatever a `json` endpoint sends).
 */
export function coinsOf(adapter: SourceAdapter, config: FeedConfig): readonly string[] {
  return config.coins.length > 0 ? config.coins : adapter.defaultCoins;
}

/**
 * The exact percent change from `open` to `last` (64 significant digits), or null when
 * either is not a usable price or `open` is zero: the quote is then shown without a change.
 */
export function changeFrom(open: unknown, last: unknown): string | null {
  try {
    return percentChange(open as string, last as string);
  } catch {
    return null;
  }
}

/**
 * The 24 h volume in the quote currency from the one in the base currency (what exchanges send)
 * times the price, exactly. When either is not a decimal, the base volume as sent: absent stays
 * absent, garbage is reported by the quote's checks (and with a bad price the coin is dropped anyway).
 */
export function quoteVolume(base: unknown, price: unknown): unknown {
  try {
    return multiplyDecimals(base as string, price as string);
  } catch {
    return base;
  }
}
