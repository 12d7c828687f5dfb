/**
 * `commands.exchange(…)`: the local exchange servers of ws-server.mjs, for the browser tests.
 * They run in the Vitest process (Node); a test page starts one, gets its `ws://127.0.0.1:<port>`
 * URL for `stream-endpoint`, then drives it by its id: send tickers built from the fixtures, raw
 * text, the garbage set, floods (`repeat`), close every connection, or stop it. Every call answers
 * with what the server has seen so far. Servers a test leaves running stop with the process.
 */
import type { BrowserCommand } from 'vitest/node';
import {
  binanceTicker,
  coinbaseTicker,
  GARBAGE,
  krakenTicker,
  startExchange,
  type ExchangeServer,
} from './ws-server.mjs';

type Exchange = 'binance' | 'coinbase' | 'kraken';

export type ExchangeAction =
  /** Starts a server speaking this exchange's protocol (options as startExchange takes them). */
  | {
      start: Exchange;
      refuse?: string[];
      snapshots?: Record<string, [string, string]>;
      closeOnConnect?: boolean;
      heartbeat?: boolean;
    }
  | {
      id: number;
      /** Ticker messages to every open connection: [symbol, price, open or change_pct]. */
      tickers?: [string, string, string][];
      /** Raw messages, sent as they are. */
      texts?: string[];
      /** Sends GARBAGE, every message of it. */
      garbage?: boolean;
      /** Sends all of the above this many times over, at once (a flood). */
      repeat?: number;
      /** Closes every connection (the server stays up, and the page reconnects). */
      closeAll?: boolean;
      /** From now on, closes each new connection as soon as it opens (or no longer). */
      closeOnConnect?: boolean;
      stop?: boolean;
    };

/** What the server has seen: see ExchangeServer in ws-server.mjs. `open`: connections open now. */
export interface ExchangeState {
  id: number;
  url: string;
  paths: string[];
  received: string[];
  connections: number;
  open: number;
}

declare module 'vitest/browser' {
  interface BrowserCommands {
    exchange: (action: ExchangeAction) => Promise<ExchangeState>;
  }
}

const servers = new Map<number, { exchange: Exchange; server: ExchangeServer }>();
let lastId = 0;
const TICKER = { binance: binanceTicker, coinbase: coinbaseTicker, kraken: krakenTicker };

export const exchange: BrowserCommand<[action: ExchangeAction]> = async (_context, action) => {
  let id: number;
  if ('start' in action) {
    const { start, ...options } = action;
    id = ++lastId;
    servers.set(id, { exchange: start, server: await startExchange(start, options) });
  } else {
    id = action.id;
    const entry = servers.get(id);
    if (!entry) throw new Error(`exchange: no server ${id}`);
    const { exchange, server } = entry;
    const texts = [
      ...(action.tickers ?? []).map(([symbol, price, other]) => TICKER[exchange](symbol, price, other)),
      ...(action.texts ?? []),
      ...(action.garbage ? GARBAGE : []),
    ];
    for (let i = 0; i < (action.repeat ?? 1); i++) texts.forEach((text) => server.send(text));
    if (action.closeAll) server.closeAll();
    if (action.closeOnConnect !== undefined) server.closeOnConnect = action.closeOnConnect;
    if (action.stop) {
      await server.stop();
      servers.delete(id);
      return { id, url: server.url, paths: server.paths, received: server.received, connections: 0, open: 0 };
    }
  }
  const { server } = servers.get(id)!;
  const { url, paths, received, connections } = server;
  return { id, url, paths, received, connections, open: server.openCount() };
};
