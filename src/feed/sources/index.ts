import { coingecko } from './coingecko.js';
import type { SourceAdapter, SourceName } from './source.js';

export type { ChangeWindow, FeedConfig, SourceAdapter, SourceName } from './source.js';

/** The sources this build can talk to. */
export const SOURCES: Partial<Record<SourceName, SourceAdapter>> = { coingecko };

export const SOURCE_NAMES: readonly SourceName[] = ['coingecko', 'binance', 'coinbase', 'kraken', 'json'];
