/** The exchange streams: the sources that have a public WebSocket ticker. */
import type { SourceName } from '../sources/index.js';
import { binance } from './binance.js';
import { coinbase } from './coinbase.js';
import { kraken } from './kraken.js';
import type { StreamSource } from './stream.js';

/** The sources that have a public WebSocket ticker; the others ignore `stream`. */
export const STREAMS: Partial<Record<SourceName, StreamSource>> = { binance, coinbase, kraken };
