/**
 * The feed with a stream (streams/feed-stream.ts), in Node on fake timers: a stand-in socket
 * that the test drives (the real socket and the exchanges' protocols are tested in streams/; the
 * element with a real server in the browser suite). The page's signals are stubbed as in
 * feed-polite.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Feed } from '../../../src/feed/feed.js';
import { sourceLabel, sourceLoader } from '../../../src/feed/registry.js';
import { streamOf } from '../../../src/feed/streams/feed-stream.js';
import type { SocketHandlers } from '../../../src/feed/streams/socket.js';
import type { StreamSource } from '../../../src/feed/streams/stream.js';
import { fakeLocks } from '../../support/fake-locks.js';
import { config, ok, settle, subscriber, useFeedServer } from '../../support/feed-harness.js';

const { serve, hang, warnings } = useFeedServer();

const win = new EventTarget();
const doc = { visibilityState: 'visible' as DocumentVisibilityState };
const nav: { onLine: boolean; locks?: unknown } = { onLine: true };
const fire = (type: string) => win.dispatchEvent(new Event(type));

beforeEach(() => {
  doc.visibilityState = 'visible';
  nav.onLine = true;
  delete nav.locks;
  vi.stubGlobal('window', win);
  vi.stubGlobal('document', doc);
  vi.stubGlobal('navigator', nav);
});
afterEach(() => {
  vi.unstubAllGlobals();
});

/** A socket the test drives: `on` is what the feed gave it. */
interface FakeSocket {
  on: SocketHandlers;
  lastMessage: number;
  closed: boolean;
  close(): void;
}

/** An exchange with a 1 s heartbeat (stale after 3 s of silence: 2 s, and 1 s for a batch); the socket is the stand-in. */
const SOURCE: StreamSource = {
  url: 'wss://exchange.test',
  heartbeat: 1,
  subscribe: () => ({ url: 'wss://exchange.test', send: [], read: () => ({ updates: [] }) }),
};

/** The feed's stream for {@link config}, its sockets recorded. */
function fakeStream() {
  const sockets: FakeSocket[] = [];
  const stream = streamOf(SOURCE, config, config.coins, (_subscription, on) => {
    const socket: FakeSocket = { on, lastMessage: 0, closed: false, close: () => void (socket.closed = true) };
    sockets.push(socket);
    return socket;
  });
  return { stream, sockets, open: () => sockets.filter((s) => !s.closed) };
}

function newFeed(stream: ReturnType<typeof streamOf>, share?: string) {
  return new Feed(sourceLoader(config), {
    order: config.coins,
    floor: 1,
    random: () => 0.5,
    label: sourceLabel(config),
    share,
    stream,
  });
}

/** A feed with the fake stream and one subscriber (interval 60 s), once its first poll has settled. */
async function subscribedFeed() {
  const fake = fakeStream();
  const feed = newFeed(fake.stream);
  const sub = subscriber(60);
  feed.subscribe(sub);
  await settle();
  return { ...fake, feed, sub, socket: fake.sockets[0]! };
}

/** The socket opens and sends a batch: a message now, then `price` for bitcoin. */
function batch(socket: FakeSocket, price: string, change: string | null = '1.5') {
  socket.lastMessage = Date.now();
  socket.on.prices([{ id: 'bitcoin', price, change }]);
}

describe('a feed with a stream', () => {
  it('polls once and opens the socket at once; then batches update it, and no poll follows while they come', async () => {
    const { times } = serve(ok);
    const { stream, sockets } = fakeStream();
    const feed = newFeed(stream);
    const sub = subscriber(60);
    feed.subscribe(sub);
    expect(sockets).toHaveLength(1);
    await settle();
    expect(times).toHaveLength(1);
    expect(feed.quotes[0]).toMatchObject({ price: '70187', name: 'Bitcoin' });
    const socket = sockets[0]!;
    socket.on.open(true);
    batch(socket, '71000.25');
    // The stream's price and change; what only the poll knows (the name, the logo) stays.
    expect(feed.quotes[0]).toMatchObject({ id: 'bitcoin', price: '71000.25', change: '1.5', name: 'Bitcoin' });
    expect(feed.quotes[0]!.logo).toMatch(/^https:/);
    expect(sub.events.at(-1)).toMatchObject({ type: 'update', changed: ['bitcoin'] });
    // A change the stream does not send keeps the last one.
    batch(socket, '71001', null);
    expect(feed.quotes[0]).toMatchObject({ price: '71001', change: '1.5' });
    expect(sub.events.at(-1)).toMatchObject({ type: 'update', changed: ['bitcoin'] });
    for (let i = 0; i < 300; i++) {
      socket.lastMessage = Date.now(); // heartbeats
      await vi.advanceTimersByTimeAsync(1000);
    }
    expect(times).toHaveLength(1);
    expect(sockets).toHaveLength(1);
    feed.unsubscribe(sub);
    expect(socket.closed).toBe(true);
  });

  it('a batch that comes before the first poll answers makes that poll unwanted', async () => {
    const request = hang();
    const { feed, sub, sockets } = await subscribedFeed();
    batch(sockets[0]!, '69000.5');
    await settle();
    expect(request.aborted).toBe(true);
    expect(feed.quotes).toEqual([
      { id: 'bitcoin', symbol: 'bitcoin', name: 'bitcoin', price: '69000.5', change: '1.5', updatedAt: Date.now() },
    ]);
    expect(feed.status).toBe('live');
    feed.unsubscribe(sub);
  });

  it('an answer already in when a batch comes is dropped: the batch is newer', async () => {
    let release: (entries: unknown[]) => void = () => {};
    const load = () => new Promise<unknown[]>((resolve) => (release = resolve));
    const { stream, sockets } = fakeStream();
    const feed = new Feed(load, { order: config.coins, floor: 1, random: () => 0.5, label: 'test', stream });
    const sub = subscriber(60);
    feed.subscribe(sub);
    const rest = { id: 'bitcoin', symbol: 'btc', name: 'Bitcoin', price: '70187', change: '1.2' };
    release([rest]);
    await settle();
    expect(feed.quotes[0]?.price).toBe('70187');
    // The next poll's answer is in, and a batch comes before the feed has taken that answer.
    void feed.refresh();
    release([rest]);
    batch(sockets[0]!, '71000.25');
    await settle();
    expect(feed.quotes[0]?.price).toBe('71000.25');
    feed.unsubscribe(sub);
  });

  it('polls at the interval while the socket is closed, and stops once prices flow again', async () => {
    const { times } = serve(ok);
    const { feed, sub, sockets, socket } = await subscribedFeed();
    socket.on.open(true);
    batch(socket, '71000');
    const batchedAt = Date.now();
    await vi.advanceTimersByTimeAsync(10_000);
    socket.on.open(false); // the socket reconnects by itself; the feed polls meanwhile
    await vi.advanceTimersByTimeAsync(batchedAt + 60_000 - 1 - Date.now());
    expect(times).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await settle();
    expect(times).toHaveLength(2);
    expect(feed.quotes[0]!.price).toBe('70187');
    await vi.advanceTimersByTimeAsync(60_000);
    await settle();
    expect(times).toHaveLength(3);
    // Open again, but silent: still polling. Prices, and heartbeats after them: no more polls.
    socket.on.open(true);
    await vi.advanceTimersByTimeAsync(60_000);
    await settle();
    expect(times).toHaveLength(4);
    batch(socket, '72000');
    for (let i = 0; i < 600; i++) {
      await vi.advanceTimersByTimeAsync(1000);
      socket.lastMessage = Date.now();
    }
    await settle();
    expect(times).toHaveLength(4);
    expect(sockets).toHaveLength(1);
    feed.unsubscribe(sub);
  });

  it("an exchange's refusal is an error event with its message; the prices shown stay", async () => {
    serve(ok);
    const { feed, sub, sockets } = await subscribedFeed();
    sockets[0]!.on.error('API error: Currency pair not supported FOO/USD');
    const error = sub.events.at(-1);
    expect(error).toMatchObject({ type: 'error' });
    expect(error?.type === 'error' && error.error.message).toBe(
      'coingecko stream: API error: Currency pair not supported FOO/USD',
    );
    expect(feed.quotes[0]!.price).toBe('70187');
    expect(warnings()).toContain('price-ticker: coingecko stream: API error: Currency pair not supported FOO/USD');
    feed.unsubscribe(sub);
  });

  it('unusable messages: one warning per connection, two seconds after the first, with how many', async () => {
    serve(ok);
    const { feed, sub, socket } = await subscribedFeed();
    socket.on.open(true);
    for (let i = 0; i < 1000; i++) socket.on.problem(i % 2 ? 'unknown message' : 'malformed JSON');
    const stream_ = () => warnings().filter((w) => w.includes('unusable'));
    expect(stream_()).toEqual([]);
    // The next batch, a second later, is counted in the same warning.
    await vi.advanceTimersByTimeAsync(1000);
    for (let i = 0; i < 500; i++) socket.on.problem('unknown message');
    await vi.advanceTimersByTimeAsync(999);
    expect(stream_()).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(stream_()).toEqual(['price-ticker: coingecko stream: 1500 unusable messages, the first: malformed JSON']);
    for (let i = 0; i < 1000; i++) socket.on.problem('malformed JSON');
    await vi.advanceTimersByTimeAsync(5000);
    expect(stream_()).toHaveLength(1);
    // A new connection warns anew.
    socket.on.open(false);
    socket.on.open(true);
    socket.on.problem('message too large');
    await vi.advanceTimersByTimeAsync(2000);
    expect(stream_().at(-1)).toBe('price-ticker: coingecko stream: 1 unusable messages, the first: message too large');
    expect(feed.quotes[0]!.price).toBe('70187');
    feed.unsubscribe(sub);
  });

  it('a flood: one warning however often it floods again, and polls while the socket is closed', async () => {
    const { times } = serve(ok);
    const { feed, sub, socket } = await subscribedFeed();
    socket.on.open(true);
    batch(socket, '1');
    const polls = times.length;
    const floods = () => warnings().filter((w) => w.includes('messages a second'));
    for (let round = 0; round < 3; round++) {
      socket.on.flooded();
      socket.on.open(false);
      await vi.advanceTimersByTimeAsync(60_000);
      socket.on.open(true);
      batch(socket, `${round + 2}`);
    }
    expect(floods()).toEqual([
      'price-ticker: coingecko stream: more than 500 messages a second; closed, polling until it reopens',
    ]);
    expect(times.length).toBeGreaterThan(polls);
    feed.unsubscribe(sub);
  });

  it('status: live while messages arrive, heartbeats included; stale after the stream’s silence, and told', async () => {
    serve(ok);
    const { feed, sub, socket } = await subscribedFeed();
    socket.on.open(true);
    batch(socket, '71000');
    for (let i = 0; i < 10; i++) {
      await vi.advanceTimersByTimeAsync(1500);
      socket.lastMessage = Date.now();
    }
    expect(feed.status).toBe('live');
    expect(sub.events.filter((e) => e.type === 'status')).toEqual([]);
    // Twice the heartbeat, and the second a batch may take to reach the page.
    await vi.advanceTimersByTimeAsync(3000);
    expect(feed.status).toBe('live');
    await vi.advanceTimersByTimeAsync(1);
    expect(feed.status).toBe('stale');
    expect(sub.events.filter((e) => e.type === 'status')).toHaveLength(1);
    batch(socket, '71001');
    expect(feed.status).toBe('live');
    feed.unsubscribe(sub);
  });

  it('a socket open but silent: stale after its silence, then polls at the interval, live from them; messages again, and polls stop', async () => {
    const { times } = serve(ok);
    const { feed, sub, socket } = await subscribedFeed();
    socket.on.open(true);
    batch(socket, '71000');
    const batchedAt = Date.now();
    await vi.advanceTimersByTimeAsync(3001);
    expect(feed.status).toBe('stale');
    // The next poll is due an interval after the last prices, as after a close.
    await vi.advanceTimersByTimeAsync(batchedAt + 60_000 - 1 - Date.now());
    await settle();
    expect(times).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await settle();
    expect(times).toHaveLength(2);
    expect(feed.quotes[0]!.price).toBe('70187');
    expect(feed.status).toBe('live');
    await vi.advanceTimersByTimeAsync(60_000);
    await settle();
    expect(times).toHaveLength(3);
    expect(feed.status).toBe('live');
    // Heartbeats again: the poll already due is the last; prices, and the stream rules again.
    for (let i = 0; i < 120; i++) {
      socket.lastMessage = Date.now();
      await vi.advanceTimersByTimeAsync(1000);
    }
    await settle();
    expect(times).toHaveLength(4);
    batch(socket, '72000');
    expect(feed.status).toBe('live');
    expect(feed.quotes[0]!.price).toBe('72000');
    feed.unsubscribe(sub);
  });

  it('no socket while the page is hidden, offline, or every ticker paused or off screen; opened again at once', async () => {
    serve(ok);
    const { feed, sub, sockets, open } = await subscribedFeed();
    expect(open()).toHaveLength(1);
    const toggles: [string, () => void, () => void][] = [
      [
        'hidden',
        () => ((doc.visibilityState = 'hidden'), fire('visibilitychange')),
        () => ((doc.visibilityState = 'visible'), fire('visibilitychange')),
      ],
      ['offline', () => ((nav.onLine = false), fire('offline')), () => ((nav.onLine = true), fire('online'))],
      ['paused', () => ((sub.paused = true), feed.reschedule()), () => ((sub.paused = false), feed.reschedule())],
      [
        'off screen',
        () => ((sub.onScreen = false), feed.reschedule()),
        () => ((sub.onScreen = true), feed.reschedule()),
      ],
    ];
    for (const [what, off, on] of toggles) {
      off();
      expect(open(), what).toHaveLength(0);
      await vi.advanceTimersByTimeAsync(120_000);
      expect(open(), what).toHaveLength(0);
      on();
      expect(open(), what).toHaveLength(1);
    }
    expect(sockets).toHaveLength(5);
    feed.unsubscribe(sub);
    expect(open()).toHaveLength(0);
  });

  it('two tabs: only the one that leads holds a socket, and the other gets its batches', async () => {
    nav.locks = fakeLocks();
    const { times } = serve(ok);
    const a = fakeStream();
    const b = fakeStream();
    const [feedA, feedB] = [newFeed(a.stream, 'key'), newFeed(b.stream, 'key')];
    const [subA, subB] = [subscriber(60), subscriber(60)];
    feedA.subscribe(subA);
    await settle();
    feedB.subscribe(subB);
    await settle();
    expect(times).toHaveLength(1);
    expect(a.open()).toHaveLength(1);
    expect(b.sockets).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1000);
    batch(a.sockets[0]!, '71000.5');
    await settle();
    expect(feedB.quotes[0]!.price).toBe('71000.5');
    expect(subB.events.at(-1)).toMatchObject({ type: 'update', changed: ['bitcoin'] });
    // The leading tab's ticker pauses: it lets go, and the other tab takes the socket.
    subA.paused = true;
    feedA.reschedule();
    await settle();
    expect(a.open()).toHaveLength(0);
    expect(b.open()).toHaveLength(1);
    feedA.unsubscribe(subA);
    feedB.unsubscribe(subB);
    await settle();
    expect(b.open()).toHaveLength(0);
  });
});
