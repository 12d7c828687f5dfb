import { binance } from './binance.js';
import { coinbase } from './coinbase.js';
import { coingecko } from './coingecko.js';
import { json } from './json.js';
import { kraken } from './kraken.js';
import type { SourceAdapter } from './source.js';

export type { ChangeWindow, FeedConfig, SourceAdapter } from './source.js';

/** Every source this build can talk to, by the name the `source` attribute takes: the one list of them. */
const ADAPTERS = { coingecko, binance, coinbase, kraken, json } satisfies Record<string, SourceAdapter>;

/** A source's name: a key of the table above. */
export type SourceName = keyof typeof ADAPTERS;

/** The adapters by name (the `source` setting takes only these names). */
export const SOURCES: Record<SourceName, SourceAdapter> = ADAPTERS;

/** Every source's name, in the table's order. */
export const SOURCE_NAMES = Object.keys(SOURCES) as readonly SourceName[];
