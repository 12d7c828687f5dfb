/** What every source adapter knows: how to ask one API for prices, and how to read its answer. */
import { percentChange } from '../../format/percent-change.js';

export type SourceName = 'coingecko' | 'binance' | 'coinbase' | 'kraken' | 'json';
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
}

export interface SourceAdapter {
  readonly name: SourceName;
  /** The public base URL, or null when the source has none (`json`). */
  readonly publicBase: string | null;
  /** The URLs one poll fetches. */
  requests(config: FeedConfig): string[];
  /**
   * Reads the parsed bodies (numbers kept as exact strings) into raw quote records
   * (`QuoteInput`-shaped, still unvalidated). Throws an Error saying what is wrong
   * when the body as a whole has the wrong shape.
   */
  parse(bodies: unknown[], config: FeedConfig): unknown[];
}

export function baseUrl(adapter: SourceAdapter, config: FeedConfig): string {
  const base = config.endpoint ?? adapter.publicBase;
  if (!base) throw new Error(`${adapter.name}: the endpoint attribute is required`);
  return base.replace(/\/+$/, '');
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The ids to ask for: `config.coins`, or the source's own defaults (space-separated) when it is empty. */
export function coinsOr(config: FeedConfig, defaults: string): readonly string[] {
  return config.coins.length > 0 ? config.coins : defaults.split(' ');
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
