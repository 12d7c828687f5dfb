import type { Feed, FeedPort, FeedStream } from '../feed.js';
import type { FeedConfig } from '../sources/index.js';
import { FLOOD_MESSAGES, openSocket, type SocketHandlers, type StreamSocket } from './socket.js';
import type { StreamSource } from './stream.js';

/**
 * A feed's stream from an exchange: one socket, opened and closed as the feed holds it (in the
 * tab that would poll, while that tab wants data). Its batches are applied like a poll's
 * answer: the prices (and the change, when sent) of the coins a batch carries replace theirs,
 * the others stay, held ones still held. While it sends prices it stands in for polls; when it
 * closes, the feed polls again. Live while any message came within twice the exchange's
 * heartbeat (30 s where the page sees none). A refusal is the feed's error; unusable messages
 * are summed up in one warning per connection, two seconds after the first (so that the batch
 * after the first one's is counted too); a flood in one per stream. `open` is for tests.
 */
export function streamOf(source: StreamSource, config: FeedConfig, order: readonly string[], open = openSocket) {
  const label = `${config.source} stream`;
  return (feed: Feed, port: FeedPort): FeedStream => {
    let socket: StreamSocket | null = null;
    let bad = 0;
    let floodTold = false;
    const handlers: SocketHandlers = {
      prices(updates) {
        stream.streaming = true;
        const fresh = new Set(updates.map((u) => u.id));
        const shown = new Map(feed.quotes.map((q) => [q.id, q]));
        port.apply([
          ...updates.map((u) => {
            const old = shown.get(u.id);
            return { ...old, ...u, change: u.change ?? old?.change, updatedAt: null };
          }),
          // Quotes held from an earlier poll stay held, unless this batch renews them.
          ...feed.quotes.filter((q) => !fresh.has(q.id) && !feed.held.has(q.id)),
        ]);
      },
      error: (message) => port.fail(new Error(`${label}: ${message}`)),
      problem: (why) =>
        bad++ ||
        setTimeout(() => port.warn(`price-ticker: ${label}: ${bad} unusable messages, the first: ${why}`), 2000),
      // Once per stream: a relay that floods floods again after every reopening.
      flooded() {
        if (!floodTold)
          port.warn(
            `price-ticker: ${label}: more than ${FLOOD_MESSAGES} messages a second; closed, polling until it reopens`,
          );
        floodTold = true;
      },
      open(opened) {
        bad = 0;
        if (!opened) {
          stream.streaming = false;
          feed.reschedule();
        }
      },
    };
    // Messages reach the page in batches, up to a second after they came: a second more.
    const stale = (2 * source.heartbeat || 30) * 1000 + 1000;
    const stream = {
      streaming: false,
      freshUntil: () => socket!.lastMessage + stale,
      hold(on: boolean) {
        if (on) socket ??= open(source.subscribe(order, config.streamEndpoint), handlers);
        else {
          socket?.close();
          socket = null;
          stream.streaming = false;
        }
      },
    };
    return stream;
  };
}
