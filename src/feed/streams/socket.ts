/**
 * One WebSocket to one exchange stream: opens it, sends the subscription, hands over prices at
 * most once a second, reconnects after a close or an error, and closes on demand. Each feed's
 * stream (feed-stream.ts) holds one, and closes it whenever the feed would not poll.
 */
import type { PriceUpdate, Subscription } from './stream.js';

export interface SocketHandlers {
  /** The latest price of each id that had one since the last call: at most once per {@link BATCH_MS}. */
  prices(updates: PriceUpdate[]): void;
  /** The exchange refused the subscription: its message. */
  error(message: string): void;
  /** A message was of no use; `why` says what was wrong. Called once per such message. */
  problem(why: string): void;
  /** The socket opened (true), or closed or failed (false) and will be opened again after a wait. */
  open(open: boolean): void;
  /** More than {@link FLOOD_MESSAGES} came within a second: the socket was closed, to be opened again later. */
  flooded(): void;
}

export interface StreamSocket {
  /** Time (ms) of the last message of any kind, heartbeats included; 0 before the first. */
  readonly lastMessage: number;
  close(): void;
}

/** Shortest time between two batches of prices. */
export const BATCH_MS = 1000;
/** The longest wait before opening again; the first is up to 1 s, doubling after each failure. */
export const MAX_RECONNECT_MS = 60_000;
/**
 * More messages than this within a second is a flood, not a market: even 250 coins of Binance's
 * one-a-second tickers, or a busy hour of Coinbase trades, stay below it. Each message costs the
 * main thread its delivery and reading, so a flood closes the socket. The wait before opening
 * again is up to 16 s after the first flood, doubling after each (at most 60 s), and no longer
 * shrinks back while the socket lives: a relay that floods costs a fraction of a second now and
 * then, while polling carries on.
 */
export const FLOOD_MESSAGES = 500;

/** Opens the socket at once. The global `WebSocket`, `Date.now` and `Math.random` are used (tests stub them). */
export function openSocket(subscription: Subscription, on: SocketHandlers): StreamSocket {
  const pending = new Map<string, PriceUpdate>();
  let socket: WebSocket | undefined;
  let failures = 0;
  let floods = 0;
  let windowStart = 0;
  let windowMessages = 0;
  let batchedAt = -BATCH_MS;
  let batchTimer: ReturnType<typeof setTimeout> | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  const handle = { lastMessage: 0, close };

  function flush() {
    batchTimer = undefined;
    batchedAt = Date.now();
    const updates = [...pending.values()];
    pending.clear();
    on.prices(updates);
  }

  function connect() {
    const ws = (socket = new WebSocket(subscription.url));
    ws.onopen = () => {
      for (const message of subscription.send) ws.send(message);
      on.open(true);
    };
    ws.onmessage = ({ data }: MessageEvent) => {
      if (socket !== ws) return; // closed on demand: what still arrives is not wanted
      const now = (handle.lastMessage = Date.now());
      if (now - windowStart >= 1000) {
        windowStart = now;
        windowMessages = 0;
      }
      if (++windowMessages > FLOOD_MESSAGES) {
        failures = 3 + ++floods; // up to 2^4 s after the first flood
        on.flooded();
        return reconnect();
      }
      const { updates, error, problem } = subscription.read(data);
      if (error) on.error(error);
      if (problem) on.problem(problem);
      if (!updates.length) return;
      failures = floods; // prices flow: the next failure waits the shortest time floods allow
      for (const update of updates) pending.set(update.id, update);
      batchTimer ??= setTimeout(flush, Math.max(0, batchedAt + BATCH_MS - now));
    };
    // An error is followed by a close; whichever comes first reconnects, once.
    ws.onerror = ws.onclose = () => socket === ws && reconnect();
  }

  function reconnect() {
    close();
    on.open(false);
    // Full jitter: pages that lost the exchange together do not all come back together.
    retryTimer = setTimeout(connect, Math.random() * Math.min(MAX_RECONNECT_MS, 1000 * 2 ** failures++));
  }

  function close() {
    clearTimeout(batchTimer);
    batchTimer = undefined;
    clearTimeout(retryTimer);
    pending.clear();
    const ws = socket;
    socket = undefined;
    ws?.close();
  }

  connect();
  return handle;
}
