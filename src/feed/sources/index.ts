import { binance } from './binance.js';
import { coinbase } from './coinbase.js';
import { coingecko } from './coingecko.js';
import { json } from './json.js';
import { kraken } from './kraken.js';
import type { SourceAdapter, SourceName } from './source.js';

export type { ChangeWindow, FeedConfig, SourceAdapter, SourceName } from './source.js';

/** The sources this build can talk to. */
export const SOURCES: Partial<Record<SourceName, SourceAdapter>> = { coingecko, binance, coinbase, kraken, json };

export const SOURCE_NAMES: readonly SourceName[] = ['coingecko', 'binance', 'coinbase', 'kraken', 'json'];
