/**
 * The element's settings: one table that says, for each attribute, its property, its default
 * and how a value is read. An unreadable value gives `undefined`, and the element then falls
 * back to the default and warns once.
 */
import { SOURCE_NAMES, type ChangeWindow, type FeedConfig, type SourceName } from './feed/sources/index.js';
import type { Fetcher } from './feed/registry.js';
import { canonicalLocale } from './i18n/locale.js';

export type Field = 'logo' | 'name' | 'symbol' | 'price' | 'change' | 'market-cap' | 'volume' | 'sparkline';
export type Direction = 'auto' | 'left' | 'right';
export type Theme = 'auto' | 'light' | 'dark';

/**
 * The settings, one per attribute, with the wording the Custom Elements Manifest and the README
 * show for each (custom-elements-manifest.config.mjs reads it from here). A `@default` describes
 * a default settled at run time, where the table below holds `null` or `[]`.
 */
export interface Settings {
  /** price source: `coingecko`, `binance`, `coinbase`, `kraken`, `json` (see [Sources](#sources)) */
  source: SourceName;
  /**
   * ids in the source's own vocabulary, separated by commas and/or spaces: CoinGecko ids (`bitcoin,
   * ethereum solana`), Binance symbols (`BTCUSDT`), Coinbase products (`BTC-USD`), Kraken pairs
   * (`XBTUSD`). Shown in this order. Up to 250.
   * @default per source: CoinGecko's top `limit` by market cap, a few majors on the exchanges
   */
  coins: string[];
  /** quote currency, CoinGecko's `vs_currency` (`eur`, `jpy`, `btc`, `sats`…) */
  currency: string;
  /**
   * how many coins when `coins` is empty (1–250): CoinGecko's top `limit`; of a `json` endpoint's
   * (or a `fetcher`'s) answer, the first `limit`
   */
  limit: number;
  /**
   * seconds between polls, raised to the floor: **30 s** on CoinGecko's public URL, **1 s** when
   * `endpoint` is set
   */
  interval: number;
  /**
   * base URL that replaces CoinGecko's (a caching proxy); the same paths and queries are requested
   * below it, and the endpoint's own query parameters (`?key=…`) are kept after them. `http:` or
   * `https:` only; a URL with a user name or password, or with a `#fragment`, is invalid.
   * @default `https://api.coingecko.com/api/v3`
   */
  endpoint: string | null;
  /** window of the % change: `1h`, `24h`, `7d` */
  change: ChangeWindow;
  /**
   * BCP 47 tag for number formatting
   * @default nearest `lang` ancestor (also through shadow roots), then the browser's
   */
  locale: string | null;
  /** scroll speed in CSS pixels per second; `0` stands still */
  speed: number;
  /** `auto` (leftwards; rightwards on a right-to-left page), `left`, `right` */
  direction: Direction;
  /**
   * which parts each coin shows, space-separated (always shown in this order); also `market-cap`,
   * `volume` and `sparkline` (see [Market data and sparklines](#market-data-and-sparklines))
   */
  fields: Field[];
  /** from how many zeros after the decimal point a tiny price is written `0.0₅8123`; `0` turns it off */
  subscriptZeros: number;
  /** `auto` (follows `prefers-color-scheme`), `light`, `dark`; reflected, since the styles key on it */
  theme: Theme;
  /**
   * accessible name of the ticker (it is a named `region`); the default is in the page's language,
   * a label you set is used as it is
   */
  label: string;
  /**
   * URL template that makes each coin a link (`/markets/{id}`, `https://example.com/c/{symbol}`):
   * `{id}` and `{symbol}` are replaced by the coin's, percent-encoded. `http:`, `https:` or
   * relative only; a URL with a user name or password is invalid.
   * @default no links
   */
  href: string | null;
  /** the links' `target` (`_blank` also gets `rel="noopener noreferrer"`) */
  target: string | null;
  /**
   * boolean: for `binance`, `coinbase`, `kraken`, take prices from the exchange's public WebSocket
   * ticker channel, shown at most once a second; other sources ignore it with one warning (see
   * [Streaming](#streaming))
   */
  stream: boolean;
  /**
   * `wss:` or `ws:` URL that replaces the exchange's WebSocket URL (a relay, a test server); a URL
   * with a user name or password, or with a `#fragment`, is invalid
   * @default the exchange's public WebSocket URL
   */
  streamEndpoint: string | null;
}

/**
 * Every property a page sets on the element: the settings, and the two declared beside the table
 * (in declareProperties()). The element class gets them by declaration merging.
 */
export interface ElementProperties extends Settings {
  /**
   * boolean, reflected: no movement, no polling, no change to what is shown. A ticker paused from
   * the start still loads its first prices once, so it is never empty.
   */
  paused: boolean;
  /**
   * a custom source that replaces `source`. `QuoteInput` is `Quote` with `price`/`change` as string
   * or number and `updatedAt` optional. Numbers passed here are floats already: pass strings to
   * keep every digit.
   */
  fetcher: Fetcher | null;
}

/** Every part a coin can show, in the order shown. */
export const FIELDS: readonly Field[] = [
  'logo',
  'name',
  'symbol',
  'price',
  'change',
  'market-cap',
  'volume',
  'sparkline',
];
/** The parts shown when `fields` is not set. */
const DEFAULT_FIELDS: readonly Field[] = ['logo', 'name', 'symbol', 'price', 'change'];

interface Spec<T> {
  attribute: string;
  default: T;
  /** Reads an attribute string or a property value; undefined when it is not valid. */
  read(value: unknown): T | undefined;
}

const MAX_COINS = 250;

/** A string, trimmed; undefined for anything else. */
const trimmed = (value: unknown) => (typeof value === 'string' ? value.trim() : undefined);

function oneOf<T extends string>(...allowed: readonly T[]) {
  return (value: unknown): T | undefined => {
    const v = trimmed(value)?.toLowerCase();
    return allowed.find((a) => a === v);
  };
}

function number(min: number, max: number, integer = false) {
  return (value: unknown): number | undefined => {
    const n = typeof value === 'number' ? value : trimmed(value) ? Number(value) : NaN;
    if (!Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) return undefined;
    return n;
  };
}

/** A list from "a,b c" or an array; every entry must match `pattern`. */
function list(pattern: RegExp, max: number) {
  return (value: unknown): string[] | undefined => {
    const parts = Array.isArray(value)
      ? value.map(String)
      : typeof value === 'string'
        ? value.split(/[\s,]+/)
        : undefined;
    if (!parts) return undefined;
    const items = [...new Set(parts.map((p) => p.trim()).filter(Boolean))];
    if (items.length > max || items.some((p) => !pattern.test(p))) return undefined;
    return items;
  };
}

/**
 * A URL of one of the `schemes` (`http`: http and https), resolved against the page. Not one with
 * a user name or password (browsers refuse to open those) nor a fragment (never sent, and the
 * source's path would follow it).
 */
const urlOf =
  (schemes: string) =>
  (value: unknown): string | null | undefined => {
    if (value === null || value === '') return null;
    if (typeof value !== 'string' || value.includes('#')) return undefined;
    try {
      const url = new URL(value.trim(), typeof document !== 'undefined' ? document.baseURI : undefined);
      return url.username || url.password || !RegExp(`^${schemes}s?:$`).test(url.protocol) ? undefined : url.href;
    } catch {
      return undefined;
    }
  };
const readEndpoint = urlOf('http');

/** A link template whose every link is http(s): checked with the placeholders filled in. */
function readHref(value: unknown): string | null | undefined {
  if (value === null || value === '') return null;
  if (typeof value !== 'string' || value.length > 2000) return undefined;
  const template = value.trim();
  return readEndpoint(template.replace(/\{(id|symbol)\}/g, 'x').replace(/#.*/, '') || '.') ? template : undefined;
}

function readLocale(value: unknown): string | null | undefined {
  return value === null || value === '' ? null : canonicalLocale(trimmed(value));
}

function readFields(value: unknown): Field[] | undefined {
  const items = list(/^[a-z-]+$/i, FIELDS.length)(value)?.map((f) => f.toLowerCase());
  if (!items || items.length === 0 || items.some((f) => !FIELDS.includes(f as Field))) return undefined;
  // Shown in the fixed order, whatever order they were listed in.
  return FIELDS.filter((f) => items.includes(f));
}

export const SETTINGS: { [K in keyof Settings]: Spec<Settings[K]> } = {
  source: { attribute: 'source', default: 'coingecko', read: oneOf(...SOURCE_NAMES) },
  // Ids of any source: CoinGecko ids, Binance symbols, Coinbase products, Kraken pairs.
  coins: { attribute: 'coins', default: [], read: list(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, MAX_COINS) },
  currency: {
    attribute: 'currency',
    default: 'usd',
    read: (v) => {
      const code = trimmed(v);
      return code && /^[a-z0-9]{2,12}$/i.test(code) ? code.toLowerCase() : undefined;
    },
  },
  limit: { attribute: 'limit', default: 20, read: number(1, MAX_COINS, true) },
  interval: { attribute: 'interval', default: 60, read: number(Number.MIN_VALUE, 86_400) },
  endpoint: { attribute: 'endpoint', default: null, read: readEndpoint },
  change: { attribute: 'change', default: '24h', read: oneOf('1h', '24h', '7d') },
  locale: { attribute: 'locale', default: null, read: readLocale },
  speed: { attribute: 'speed', default: 40, read: number(0, 10_000) },
  direction: { attribute: 'direction', default: 'auto', read: oneOf('auto', 'left', 'right') },
  fields: { attribute: 'fields', default: [...DEFAULT_FIELDS], read: readFields },
  subscriptZeros: { attribute: 'subscript-zeros', default: 5, read: number(0, 100, true) },
  theme: { attribute: 'theme', default: 'auto', read: oneOf('auto', 'light', 'dark') },
  label: {
    attribute: 'label',
    default: 'Cryptocurrency prices',
    read: (v) => trimmed(v)?.slice(0, 200) || undefined,
  },
  href: { attribute: 'href', default: null, read: readHref },
  target: {
    attribute: 'target',
    default: null,
    read: (v) => (v === null || v === '' ? null : typeof v === 'string' && /^\S{1,100}$/.test(v) ? v : undefined),
  },
  // A boolean attribute: present (whatever its value) is true. From JavaScript, a boolean.
  stream: {
    attribute: 'stream',
    default: false,
    read: (v) => (typeof v === 'string' || typeof v === 'boolean' ? v !== false : undefined),
  },
  streamEndpoint: { attribute: 'stream-endpoint', default: null, read: urlOf('ws') },
};

export const SETTING_NAMES = Object.keys(SETTINGS) as (keyof Settings)[];

/** The property name for an attribute name (`subscript-zeros` → `subscriptZeros`). */
export const PROPERTY_OF_ATTRIBUTE = new Map(SETTING_NAMES.map((name) => [SETTINGS[name].attribute, name]));

/** The data a ticker with these settings asks for: tickers whose configs are equal share one feed. */
export function feedConfigOf(settings: Settings): FeedConfig {
  const { source, endpoint, coins, currency, limit, change, fields, stream, streamEndpoint } = settings;
  return {
    source,
    endpoint,
    coins,
    currency,
    limit,
    change,
    sparkline: fields.includes('sparkline'),
    stream,
    streamEndpoint,
  };
}
