import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { binance } from '../../../../src/feed/streams/binance.js';
import { coinbase } from '../../../../src/feed/streams/coinbase.js';
import { kraken } from '../../../../src/feed/streams/kraken.js';
import { openSocket, transport, type SocketHandlers, type StreamSocket } from '../../../../src/feed/streams/socket.js';
import type { PriceUpdate } from '../../../../src/feed/streams/stream.js';
import {
  binanceTicker,
  coinbaseTicker,
  GARBAGE,
  krakenTicker,
  startExchange,
  WebSocket as NodeWebSocket,
  type ExchangeServer,
} from '../../../support/ws-server.mjs';

// Real sockets to a local server; only the clock is fake (setTimeout and Date), so the batching and
// backoff waits are exact while the network runs. Waiting for the network turns the event loop.
// Node has no Worker, so openSocket runs the transport on this thread, as on a page whose policy
// forbids workers from a blob; the browser tests run it in a worker.
const BATCH_MS = 1000;
const FLOOD_MESSAGES = 500;
let server: ExchangeServer | undefined;
let socket: StreamSocket | undefined;

beforeEach(() => {
  vi.stubGlobal('WebSocket', NodeWebSocket);
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
});

afterEach(async () => {
  socket?.close();
  socket = undefined;
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  await server?.stop();
  server = undefined;
});

async function until(check: () => boolean, what: string): Promise<void> {
  for (let turn = 0; turn < 50_000; turn++) {
    if (check()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`still waiting for ${what}`);
}

/** A few turns of the event loop: what the network had to deliver has arrived. */
const settle = async () => {
  for (let turn = 0; turn < 200; turn++) await new Promise((resolve) => setImmediate(resolve));
};

/** Waits for `check`, handing over a batch whenever one is due (the first message's goes at once). */
const delivered = (check: () => boolean, what: string) => until(() => (vi.advanceTimersByTime(0), check()), what);

function recorder() {
  const log = {
    prices: [] as PriceUpdate[][],
    errors: [] as string[],
    problems: [] as string[],
    opens: [] as boolean[],
    floods: 0,
  };
  const on: SocketHandlers = {
    prices: (updates) => log.prices.push(updates),
    error: (message) => log.errors.push(message),
    problem: (why) => log.problems.push(why),
    open: (open) => log.opens.push(open),
    flooded: () => log.floods++,
  };
  return { log, on };
}

describe('stream socket: each exchange’s protocol', () => {
  it('binance: subscribes by the URL, sends nothing, hands over the exact price at once', async () => {
    server = await startExchange('binance');
    const { log, on } = recorder();
    socket = openSocket(binance.subscribe(['BTCUSDT', 'ETHUSDT'], server.url), on);
    await until(() => log.opens.length === 1, 'the socket to open');
    expect(server.paths).toEqual(['/stream?streams=btcusdt@miniTicker/ethusdt@miniTicker']);
    server.send(binanceTicker('BTCUSDT', '63560.02500000', '62000.00000000'));
    await delivered(() => socket!.lastMessage > 0, 'the message');
    expect(socket.lastMessage).toBe(Date.now());
    expect(log.prices).toEqual([
      [
        {
          id: 'BTCUSDT',
          price: '63560.02500000',
          change: '2.516169354838709677419354838709677419354838709677419354838709677',
        },
      ],
    ]);
    await settle();
    expect(server.received).toEqual([]);
  });

  it('coinbase: sends the subscribe message once open; a refusal becomes an error with Coinbase’s reason', async () => {
    server = await startExchange('coinbase', { refuse: ['BTC-XYZ'] });
    const { log, on } = recorder();
    const subscription = coinbase.subscribe(['ETH-USD'], server.url);
    socket = openSocket(subscription, on);
    await until(() => server!.received.length === 1, 'the subscribe message');
    expect(server.received).toEqual(subscription.send);
    server.send(coinbaseTicker('ETH-USD', '1285.22', '1310.79'));
    await delivered(() => socket!.lastMessage > 0, 'the ticker');
    expect(log.prices.flat().map((u) => u.price)).toEqual(['1285.22']);
    socket.close();

    const refused = recorder();
    socket = openSocket(coinbase.subscribe(['BTC-XYZ'], server.url), refused.on);
    await delivered(() => refused.log.errors.length === 1, 'the refusal');
    expect(refused.log.errors).toEqual(['API error: Failed to subscribe: BTC-XYZ is not a valid product']);
    expect(refused.log.problems).toEqual([]);
  });

  it('kraken: subscribes with v2 symbols; the snapshot after the acknowledgement is the first price', async () => {
    server = await startExchange('kraken', { snapshots: { 'BTC/USD': ['63560.1', '1.25'] }, refuse: ['FOO/USD'] });
    const { log, on } = recorder();
    socket = openSocket(kraken.subscribe(['XBTUSD', 'FOOUSD'], server.url), on);
    await delivered(() => socket!.lastMessage > 0, 'the first message');
    await settle();
    vi.advanceTimersByTime(BATCH_MS); // the messages after the first come in the second batch
    expect(JSON.parse(server.received[0]!)).toEqual({
      method: 'subscribe',
      params: { channel: 'ticker', symbol: ['BTC/USD', 'FOO/USD'] },
    });
    expect(log.prices).toEqual([[{ id: 'XBTUSD', price: '63560.1', change: '1.25' }]]);
    expect(log.errors).toEqual(['API error: Currency pair not supported FOO/USD']);
    expect(log.problems).toEqual([]);
  });
});

describe('stream socket: batching', () => {
  it('hands over at most one batch a second, with the latest price of each id in it', async () => {
    server = await startExchange('binance');
    const { log, on } = recorder();
    socket = openSocket(binance.subscribe(['BTCUSDT', 'ETHUSDT', 'SOLUSDT'], server.url), on);
    await until(() => log.opens.length === 1, 'the socket to open');
    server.send(binanceTicker('BTCUSDT', '1', '1'));
    await delivered(() => socket!.lastMessage > 0, 'the first message');
    expect(log.prices).toHaveLength(1); // the first price is shown at once

    vi.advanceTimersByTime(300);
    for (const [symbol, price] of [
      ['BTCUSDT', '2'],
      ['ETHUSDT', '10'],
      ['BTCUSDT', '3'],
      ['ETHUSDT', '11'],
    ] as const)
      server.send(binanceTicker(symbol, price, '1'));
    await settle();
    vi.advanceTimersByTime(BATCH_MS - 300 - 1);
    expect(log.prices).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(log.prices).toHaveLength(2);
    expect(log.prices[1]!.map(({ id, price }) => [id, price])).toEqual([
      ['BTCUSDT', '3'],
      ['ETHUSDT', '11'],
    ]);
    // Nothing new: no empty batch.
    vi.advanceTimersByTime(5 * BATCH_MS);
    expect(log.prices).toHaveLength(2);
  });

  it('a busy stream just under the flood limit, garbage among it, costs one batch a second', async () => {
    server = await startExchange('binance');
    const { log, on } = recorder();
    socket = openSocket(binance.subscribe(['BTCUSDT', 'ETHUSDT'], server.url), on);
    await until(() => log.opens.length === 1, 'the socket to open');
    // Two seconds of FLOOD_MESSAGES a second: 100 messages every 200 ms, one in five of them garbage.
    const perChunk = FLOOD_MESSAGES / 5;
    let sent = 0;
    for (let chunk = 0; chunk < 10; chunk++) {
      for (let n = 0; n < perChunk; n++) {
        sent++;
        if (sent % 5 === 0) server.send(GARBAGE[(sent / 5) % 4]!);
        else server.send(binanceTicker(sent % 2 ? 'BTCUSDT' : 'ETHUSDT', `${sent}.5`, '1'));
      }
      if (chunk === 0) await delivered(() => log.prices.length === 1, 'the first batch');
      await settle();
      vi.advanceTimersByTime(chunk < 9 ? 200 : 0);
    }
    // Not a flood: still open. One batch at once, then one a second (at 1 s); the rest waits for 2 s.
    expect(log.opens).toEqual([true]);
    expect(log.floods).toBe(0);
    expect(log.prices).toHaveLength(2);
    vi.advanceTimersByTime(BATCH_MS);
    expect(log.prices).toHaveLength(3);
    expect(log.prices[2]!.map(({ id, price }) => [id, price])).toEqual([
      ['ETHUSDT', '998.5'],
      ['BTCUSDT', '999.5'],
    ]);
    // Only prices are merged: every unusable message is counted.
    expect(log.problems).toHaveLength(sent / 5);
    expect(new Set(log.problems)).toEqual(new Set(['malformed JSON', 'not an object', 'unknown message']));
  });

  it('the transport hands over the latest message of each coin, in the order they last came, and every other message', async () => {
    server = await startExchange('kraken');
    const batches: unknown[] = [];
    const control = transport(server.url, [], FLOOD_MESSAGES, (signal) => batches.push(signal));
    await until(() => batches.includes(1), 'the socket to open');
    const eth = (last: string) => krakenTicker('ETH/USD', last, '1');
    const btc = (last: string) => krakenTicker('BTC/USD', last, '1');
    const heartbeat = '{"channel":"heartbeat"}';
    server.send(btc('1'));
    await delivered(() => batches.length === 2, 'the first batch');
    for (const text of [btc('2'), eth('10'), heartbeat, btc('3'), 'garbage', heartbeat, eth('11'), btc('4')])
      server.send(text);
    await settle();
    vi.advanceTimersByTime(BATCH_MS);
    expect(batches).toEqual([1, [btc('1')], [heartbeat, 'garbage', heartbeat, eth('11'), btc('4')]]);
    control(0);
  });

  it('a flood closes the socket at the first message over the limit; each flood makes the next wait longer', async () => {
    server = await startExchange('binance');
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    const { log, on } = recorder();
    socket = openSocket(binance.subscribe(['BTCUSDT'], server.url), on);
    for (const [round, wait] of [
      [1, 8000],
      [2, 16_000],
      [3, 30_000],
    ] as const) {
      await until(() => log.opens.filter(Boolean).length === round, 'the socket to open');
      for (let n = 0; n < FLOOD_MESSAGES + 200; n++) server.send(binanceTicker('BTCUSDT', `${round}.${n}`, '1'));
      await until(() => log.floods === round, 'the flood');
      await settle();
      // Closed at message FLOOD_MESSAGES + 1, once, nothing thrown; what was waiting for the batch is dropped.
      expect(log.opens.filter((o) => !o)).toHaveLength(round);
      const batches = log.prices.length;
      // Half the full-jitter wait (random 0.5) of 16 s, 32 s, 60 s after floods 1, 2, 3 (a failure alone: of 1 s).
      const before = server.connections;
      vi.advanceTimersByTime(wait - 1);
      await settle();
      expect(server.connections).toBe(before);
      expect(log.prices).toHaveLength(batches);
      vi.advanceTimersByTime(1);
      await until(() => server!.connections === before + 1 && log.opens.at(-1) === true, 'the next attempt');
      // Open again, prices are handed over as before.
      server.send(binanceTicker('BTCUSDT', `${round}`, `${round}`));
      await until(() => log.prices.length === batches + 1 || (vi.advanceTimersByTime(10), false), 'a batch');
      expect(log.prices.at(-1)).toEqual([{ id: 'BTCUSDT', price: `${round}`, change: '0' }]);
    }
  });
});

describe('stream socket: reconnecting', () => {
  it('a socket reopened within a second of a flood counts its messages afresh', async () => {
    server = await startExchange('binance');
    vi.spyOn(Math, 'random').mockReturnValue(0.05); // the wait after a first flood: 0.8 s
    const { log, on } = recorder();
    socket = openSocket(binance.subscribe(['BTCUSDT'], server.url), on);
    await until(() => log.opens.at(-1) === true, 'the socket to open');
    for (let n = 0; n <= FLOOD_MESSAGES; n++) server.send(binanceTicker('BTCUSDT', `1.${n}`, '1'));
    await until(() => log.floods === 1, 'the flood');
    vi.advanceTimersByTime(800);
    await until(() => server!.connections === 2 && log.opens.at(-1) === true, 'the socket to reopen');
    // Within the second the flood began: the new socket's first message is a price, not a flood.
    server.send(binanceTicker('BTCUSDT', '2', '2'));
    await until(() => log.prices.at(-1)?.[0]?.price === '2' || (vi.advanceTimersByTime(10), false), 'the price');
    expect(log.floods).toBe(1);
  });

  it('waits a full-jitter backoff that doubles after each failure, capped at 60 s', async () => {
    server = await startExchange('kraken', { closeOnConnect: true });
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    const { log, on } = recorder();
    socket = openSocket(kraken.subscribe(['XBTUSD'], server.url), on);
    await until(() => log.opens.at(-1) === false, 'the first close');
    for (const wait of [500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000]) {
      const before = server.connections;
      vi.advanceTimersByTime(wait - 1);
      await settle();
      expect(server.connections).toBe(before);
      vi.advanceTimersByTime(1);
      await until(
        () => server!.connections === before + 1 && log.opens.filter((o) => !o).length === before + 1,
        'the next attempt',
      );
    }
  });

  it('after prices came, the next failure waits the shortest time again', async () => {
    server = await startExchange('binance');
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    const { log, on } = recorder();
    socket = openSocket(binance.subscribe(['BTCUSDT'], server.url), on);
    for (let round = 1; round <= 3; round++) {
      await until(() => log.opens.filter(Boolean).length === round, 'the socket to open');
      server.send(binanceTicker('BTCUSDT', `${round}`, '1'));
      await until(() => server!.connections === round, 'the connection');
      await settle();
      vi.advanceTimersByTime(BATCH_MS);
      expect(log.prices).toHaveLength(round);
      server.closeAll();
      await until(() => log.opens.filter((o) => !o).length === round, 'the close');
      vi.advanceTimersByTime(499);
      await settle();
      expect(server.connections).toBe(round);
      vi.advanceTimersByTime(1);
      await until(() => server!.connections === round + 1, 'the reconnection');
    }
  });

  it('reconnects to the same subscription: the server sees it again', async () => {
    server = await startExchange('coinbase');
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const { log, on } = recorder();
    socket = openSocket(coinbase.subscribe(['ETH-USD'], server.url), on);
    await until(() => server!.received.length === 1, 'the first subscribe');
    server.closeAll();
    await until(() => log.opens.includes(false), 'the close');
    vi.advanceTimersByTime(0);
    await until(() => server!.received.length === 2, 'the second subscribe');
    expect(server.received[1]).toBe(server.received[0]);
  });

  it('close() stops everything: no reconnection, no batch still pending', async () => {
    server = await startExchange('binance');
    const { log, on } = recorder();
    socket = openSocket(binance.subscribe(['BTCUSDT'], server.url), on);
    await until(() => log.opens.length === 1, 'the socket to open');
    server.send(binanceTicker('BTCUSDT', '1', '1'));
    await delivered(() => socket!.lastMessage > 0, 'the first price');
    server.send(binanceTicker('BTCUSDT', '2', '1'));
    await settle();
    socket.close();
    server.send(binanceTicker('BTCUSDT', '3', '1'));
    await settle();
    vi.advanceTimersByTime(10 * 60_000);
    await settle();
    expect(log.prices.flat().map((u) => u.price)).toEqual(['1']);
    expect(log.opens).toEqual([true]);
    expect(server.connections).toBe(1);
  });
});
