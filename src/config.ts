/**
 * The element's settings: one table that says, for each attribute, its property, its default
 * and how a value is read. An unreadable value gives `undefined`, and the element then falls
 * back to the default and warns once.
 */
import { SOURCE_NAMES, type ChangeWindow, type SourceName } from './feed/sources/index.js';

export type Field = 'logo' | 'name' | 'symbol' | 'price' | 'change';
export type Direction = 'auto' | 'left' | 'right';
export type Theme = 'auto' | 'light' | 'dark';

export interface Settings {
  source: SourceName;
  coins: string[];
  currency: string;
  limit: number;
  interval: number;
  endpoint: string | null;
  change: ChangeWindow;
  locale: string | null;
  speed: number;
  direction: Direction;
  fields: Field[];
  subscriptZeros: number;
  theme: Theme;
  label: string;
}

export const FIELDS: readonly Field[] = ['logo', 'name', 'symbol', 'price', 'change'];

interface Spec<T> {
  attribute: string;
  default: T;
  /** Reads an attribute string or a property value; undefined when it is not valid. */
  read(value: unknown): T | undefined;
}

const MAX_COINS = 250;

function oneOf<T extends string>(...allowed: readonly T[]) {
  return (value: unknown): T | undefined => {
    const v = typeof value === 'string' ? value.trim().toLowerCase() : undefined;
    return allowed.find((a) => a === v);
  };
}

function number(min: number, max: number, integer = false) {
  return (value: unknown): number | undefined => {
    const n =
      typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
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
 * An http(s) URL, resolved against the page. Not one with a user name or password (browsers
 * refuse to fetch those) nor a fragment (never sent, and the source's path would follow it).
 */
function readEndpoint(value: unknown): string | null | undefined {
  if (value === null || value === '') return null;
  if (typeof value !== 'string' || value.includes('#')) return undefined;
  try {
    const base = typeof document !== 'undefined' ? document.baseURI : undefined;
    const url = new URL(value.trim(), base);
    if (url.username || url.password) return undefined;
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function readLocale(value: unknown): string | null | undefined {
  if (value === null || value === '') return null;
  if (typeof value !== 'string') return undefined;
  try {
    return Intl.getCanonicalLocales(value.trim())[0];
  } catch {
    return undefined;
  }
}

function readFields(value: unknown): Field[] | undefined {
  const items = list(/^[a-z]+$/i, FIELDS.length)(value)?.map((f) => f.toLowerCase());
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
    read: (v) => (typeof v === 'string' && /^[a-z0-9]{2,12}$/i.test(v.trim()) ? v.trim().toLowerCase() : undefined),
  },
  limit: { attribute: 'limit', default: 20, read: number(1, MAX_COINS, true) },
  interval: { attribute: 'interval', default: 60, read: number(Number.MIN_VALUE, 86_400) },
  endpoint: { attribute: 'endpoint', default: null, read: readEndpoint },
  change: { attribute: 'change', default: '24h', read: oneOf('1h', '24h', '7d') },
  locale: { attribute: 'locale', default: null, read: readLocale },
  speed: { attribute: 'speed', default: 40, read: number(0, 10_000) },
  direction: { attribute: 'direction', default: 'auto', read: oneOf('auto', 'left', 'right') },
  fields: { attribute: 'fields', default: [...FIELDS], read: readFields },
  subscriptZeros: { attribute: 'subscript-zeros', default: 5, read: number(0, 100, true) },
  theme: { attribute: 'theme', default: 'auto', read: oneOf('auto', 'light', 'dark') },
  label: {
    attribute: 'label',
    default: 'Cryptocurrency prices',
    read: (v) => (typeof v === 'string' && v.trim() !== '' ? v.trim().slice(0, 200) : undefined),
  },
};

export const SETTING_NAMES = Object.keys(SETTINGS) as (keyof Settings)[];

/** The property name for an attribute name (`subscript-zeros` → `subscriptZeros`). */
export const PROPERTY_OF_ATTRIBUTE = new Map(SETTING_NAMES.map((name) => [SETTINGS[name].attribute, name]));
