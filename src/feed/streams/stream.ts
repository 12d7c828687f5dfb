/** What every exchange stream shares: the shape of a reading, and reading one message safely. */
import { isDecimalString, quote } from '../../format/decimal.js';
import { parseExactJson } from '../exact-json.js';
import { isRecord } from '../sources/source.js';

/** One coin's price from a stream message: exact decimal strings, `change` in percent or null. */
export interface PriceUpdate {
  id: string;
  price: string;
  change: string | null;
}

/** What one message said: prices, the exchange refusing the subscription, or what was wrong with it. */
export interface Reading {
  updates: PriceUpdate[];
  /** The exchange's own message when it refused (part of) the subscription. */
  error?: string | undefined;
  /** Why the message was of no use (malformed, unknown, a symbol not asked for…); counted, never thrown. */
  problem?: string | undefined;
}

/** One subscription: where to connect, what to send once open, and how to read what comes. */
export interface Subscription {
  url: string;
  send: string[];
  read(text: unknown): Reading;
}

export interface StreamSource {
  /** The exchange's public WebSocket URL, which `stream-endpoint` replaces. */
  url: string;
  /** Seconds between the heartbeats a page can see, 0 when there are none (ping frames are not seen). */
  heartbeat: number;
  /** The subscription for these ids (in the vocabulary `coins` takes), at `endpoint` or the public URL. */
  subscribe(ids: readonly string[], endpoint?: string | null): Subscription;
}

/**
 * Messages longer than this are not read at all. A ticker message is well under 1 KB; an
 * acknowledgement listing every product asked for stays far below this.
 */
export const MAX_MESSAGE_CHARS = 32_768;

/** A message without prices: `problem` says what was wrong with it, if anything. */
export const nothing = (problem?: string): Reading => ({ updates: [], problem });

/** A message of a kind not read here; `known` when the exchange sends it as a matter of course. */
export const other = (known: unknown): Reading => nothing(known ? undefined : 'unknown message');

/** The exchange refused the subscription: its message, as `apiError` writes it. */
export const refused = (message: string | undefined): Reading => ({ updates: [], error: message ?? 'API error' });

/** The message as an object (numbers kept as their exact text), or the reason it cannot be read. */
function parseMessage(text: unknown): Record<string, unknown> | string {
  if (typeof text !== 'string') return 'not text';
  if (text.length > MAX_MESSAGE_CHARS) return 'message too large';
  try {
    const value = parseExactJson(text);
    return isRecord(value) ? value : 'not an object';
  } catch {
    return 'malformed JSON';
  }
}

/** A subscription's `read`: `read` gets the message as an object; one that is not is a problem. */
export const reader =
  (read: (message: Record<string, unknown>) => Reading) =>
  (text: unknown): Reading => {
    const m = parseMessage(text);
    return typeof m === 'string' ? nothing(m) : read(m);
  };

/**
 * A reading of one coin's price: `symbol` is looked up (upper case) among the ids asked for;
 * an unknown symbol or a price that is not a decimal string is a problem. A change that is not one is none.
 */
export function priceOf(idOf: Map<string, string>, symbol: unknown, price: unknown, change: unknown): Reading {
  const id = idOf.get(String(symbol).toUpperCase());
  if (!id) return nothing(`not asked for: ${quote(symbol)}`);
  if (typeof price !== 'string' || !isDecimalString(price)) return nothing(`${quote(id)}: invalid price`);
  return { updates: [{ id, price, change: isDecimalString(change as string) ? (change as string) : null }] };
}

/** Ids asked for by the exchange's own name for each (upper case). */
export const idsBy = (ids: readonly string[], name = (id: string) => id) =>
  new Map(ids.map((id) => [name(id).toUpperCase(), id]));
