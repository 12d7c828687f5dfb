import { STREAMING } from '../registry.js';
import type { SourceName } from '../sources/index.js';
import { binance } from './binance.js';
import { coinbase } from './coinbase.js';
import { kraken } from './kraken.js';
import { streamOf } from './feed-stream.js';
import type { StreamSource } from './stream.js';

/** The sources that have a public WebSocket ticker; the others ignore `stream`. */
export const STREAMS: Partial<Record<SourceName, StreamSource>> = { binance, coinbase, kraken };

// Importing this module is what lets feeds stream (see STREAMING).
STREAMING.streams = STREAMS;
STREAMING.streamOf = streamOf;
