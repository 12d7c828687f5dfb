/**
 * One WebSocket to one exchange stream, in two halves. The transport opens the socket, sends the
 * subscription, keeps the latest message of each coin and hands them over at most once a second,
 * reconnects after a close or an error, and closes on a flood. It runs in a worker, so that a
 * busy market costs the page one message a second instead of one per trade; where the page's
 * Content Security Policy forbids workers made from a blob, it runs here. The reader, on this
 * thread, reads each batch with the exchange's reader. Each feed's stream (feed-stream.ts) holds
 * one socket, and closes it whenever the feed would not poll.
 */
import type { PriceUpdate, Subscription } from './stream.js';

export interface SocketHandlers {
  /** The latest price of each id that had one since the last call: at most once a second. */
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
  /** Time (ms) the last batch of messages arrived, heartbeats included; 0 before the first. */
  readonly lastMessage: number;
  close(): void;
}

/**
 * More messages than this within a second is a flood, not a market: even 250 coins of Binance's
 * one-a-second tickers, or a busy hour of Coinbase trades, stay below it.
 */
export const FLOOD_MESSAGES = 500;

/** What the transport hands over: a batch of message texts, or 0 closed (to reopen later), 1 open, 2 flooded. */
type Signal = unknown[] | 0 | 1 | 2;

/**
 * The socket itself. It is run as the source text of a worker, so it uses nothing but its
 * arguments and the globals a worker has. Returns its control: 1 says prices came (the next
 * failure waits the shortest time again), 0 closes it for good.
 *
 * A batch holds the latest message of each coin (one naming the same `s`, `product_id` or
 * `symbol`: Binance's, Coinbase's and Kraken's name for it) in the order they last came, and
 * every other message. The first message goes at once, the next ones no sooner than a second after.
 *
 * More than `flood` messages within a second (the page passes {@link FLOOD_MESSAGES}) close the
 * socket. After a failure the wait before opening again is full jitter up to 1 s, doubling after
 * each, at most 60 s; after a flood it is up to 16 s, doubling after each flood, and no longer
 * shrinks back while the socket lives: a relay that floods costs little now and then, while
 * the feed polls.
 */
export function transport(url: string, send: string[], flood: number, post: (signal: Signal) => void) {
  let batch = new Map<unknown, unknown>();
  let socket: WebSocket | undefined;
  let failures = 0;
  let floods = 0;
  let others = 0;
  let windowStart = 0;
  let windowMessages = 0;
  let batchedAt = -1000;
  let batchTimer: ReturnType<typeof setTimeout> | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  function flush() {
    batchTimer = undefined;
    batchedAt = Date.now();
    post([...batch.values()]);
    batch = new Map();
  }

  function connect() {
    const ws = (socket = new WebSocket(url));
    windowStart = 0; // a new socket counts its messages afresh: the flood that closed the last is over
    ws.onopen = () => {
      for (const message of send) ws.send(message);
      post(1);
    };
    // Text, or a Blob for a binary frame (read as "[object Blob]": no coin, and no use).
    ws.onmessage = ({ data }: MessageEvent<string>) => {
      if (socket !== ws) return; // closed on demand: what still arrives is not wanted
      const now = Date.now();
      if (now - windowStart >= 1000) {
        windowStart = now;
        windowMessages = 0;
      }
      if (++windowMessages > flood) {
        failures = 3 + ++floods; // up to 2^4 s after the first flood
        post(2);
        return reconnect();
      }
      const coin = /"(s|product_id|symbol)":\s*"[^"]*"/.exec(data)?.[0] ?? others++;
      batch.delete(coin); // so that the batch keeps the order in which each coin's latest came
      batch.set(coin, data);
      batchTimer ??= setTimeout(flush, Math.max(0, batchedAt + 1000 - now));
    };
    // An error is followed by a close; whichever comes first reconnects, once.
    ws.onerror = ws.onclose = () => socket === ws && reconnect();
  }

  function reconnect() {
    close();
    post(0);
    // Full jitter: pages that lost the exchange together do not all come back together.
    retryTimer = setTimeout(connect, Math.random() * Math.min(60_000, 1000 * 2 ** failures++));
  }

  function close() {
    clearTimeout(batchTimer);
    batchTimer = undefined;
    clearTimeout(retryTimer);
    batch.clear();
    const ws = socket;
    socket = undefined;
    ws?.close();
  }

  connect();
  return (control: 0 | 1) => (control ? (failures = floods) : close());
}

/** The worker's script, made once per page: it runs the transport with the first message it gets. */
let workerScript: string | undefined;

/** Opens the socket at once. The global `WebSocket`, `Worker`, `Date.now` and `Math.random` are used (tests stub them). */
export function openSocket(subscription: Subscription, on: SocketHandlers): StreamSocket {
  const { url, send } = subscription;
  const read = (signal: Signal) => {
    if (signal === 2) return on.flooded();
    if (!Array.isArray(signal)) return on.open(!!signal);
    handle.lastMessage = Date.now();
    const latest = new Map<string, PriceUpdate>();
    for (const text of signal) {
      const { updates, error, problem } = subscription.read(text);
      if (error) on.error(error);
      if (problem) on.problem(problem);
      for (const update of updates) latest.set(update.id, update);
    }
    if (latest.size) {
      control(1);
      on.prices([...latest.values()]);
    }
  };
  let control: (control: 0 | 1) => void;
  try {
    const worker = new Worker(
      (workerScript ??= URL.createObjectURL(
        // The function's own source text: the worker runs the very code the tests run here.
        // eslint-disable-next-line @typescript-eslint/restrict-template-expressions
        new Blob([`onmessage=e=>{const c=(${transport})(...e.data,postMessage);onmessage=e=>c(e.data)}`]),
      )),
    );
    worker.onmessage = ({ data }: MessageEvent<Signal>) => read(data);
    // Refused (a policy without `worker-src blob:`), or broken: the transport runs here instead.
    worker.onerror = () => {
      worker.terminate();
      control = transport(url, send, FLOOD_MESSAGES, read);
    };
    worker.postMessage([url, send, FLOOD_MESSAGES]);
    control = (c) => (c ? worker.postMessage(c) : worker.terminate());
  } catch {
    control = transport(url, send, FLOOD_MESSAGES, read);
  }
  const handle = { lastMessage: 0, close: () => control(0) };
  return handle;
}
