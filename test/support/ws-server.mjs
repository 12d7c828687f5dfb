// A local stand-in for the exchanges' public WebSocket tickers, built from the documented messages
// in test/fixtures (see PROVENANCE.md): records what clients ask for (the URL, the subscribe
// messages), answers subscriptions as the exchange would (acknowledgement, snapshot, refusal), and
// lets a test send prices, garbage and floods, or close every connection.
import { readFileSync } from 'node:fs';
import { WebSocket, WebSocketServer } from 'ws';

export { WebSocket };

/** @typedef {'binance' | 'coinbase' | 'kraken'} Exchange */

/** A fixture's text exactly as stored: numbers keep the digits they were written with. */
export const fixtureText = (/** @type {string} */ name) =>
  readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');

/**
 * Replaces the value of each `"key": value` in JSON text by the raw text given (a JSON number's
 * digits, or a string already quoted), leaving everything else as it was.
 * @param {string} text
 * @param {Record<string, string>} values
 */
function setRaw(text, values) {
  for (const [key, raw] of Object.entries(values)) {
    text = text.replace(new RegExp(`("${key}"\\s*:\\s*)("[^"]*"|[-\\w.+]+)`), (_, head) => head + raw);
  }
  return text;
}

/** Binance: a combined-stream miniTicker event (the documented one) for `symbol` with close and open. */
export const binanceTicker = (/** @type {string} */ symbol, /** @type {string} */ close, /** @type {string} */ open) =>
  `{"stream":"${symbol.toLowerCase()}@miniTicker","data":${setRaw(fixtureText('binance-ws-miniticker.json'), {
    s: JSON.stringify(symbol),
    c: JSON.stringify(close),
    o: JSON.stringify(open),
  })}}`;

/** Coinbase: the documented ticker message for `product` with price and 24 h open. */
export const coinbaseTicker = (
  /** @type {string} */ product,
  /** @type {string} */ price,
  /** @type {string} */ open,
) =>
  setRaw(fixtureText('ws-coinbase-ticker.json'), {
    product_id: JSON.stringify(product),
    price: JSON.stringify(price),
    open_24h: JSON.stringify(open),
  });

/**
 * Kraken: the documented ticker update (or snapshot) for `symbol`, `last` and `changePct` written
 * as raw JSON numbers (`"0.10035"` goes out as 0.10035).
 */
export const krakenTicker = (
  /** @type {string} */ symbol,
  /** @type {string} */ last,
  /** @type {string} */ changePct,
  type = 'update',
) => setRaw(fixtureText(`ws-kraken-${type}.json`), { symbol: JSON.stringify(symbol), last, change_pct: changePct });

/** Messages no exchange should send: each must be counted as a problem, never thrown. */
export const GARBAGE = [
  '{"price": ', // malformed JSON
  'null',
  '[1,2,3]',
  '{"type":"mystery","channel":"mystery"}',
  `{"padding":"${'x'.repeat(40_000)}"}`, // too large to read
  '{'.repeat(100_000), // nested past any sane depth, and too large
];

/**
 * @typedef {object} ExchangeServer
 * @property {string} url ws://127.0.0.1:<port>, to pass as `stream-endpoint`
 * @property {string[]} paths the path and query of each connection, in order (Binance subscribes by URL)
 * @property {string[]} received every text message clients sent, in order
 * @property {number} connections how many connections were made
 * @property {(text: string | Buffer) => void} send to every open connection
 * @property {(code?: number) => void} closeAll closes every connection (the server stays up)
 * @property {boolean} closeOnConnect whether each new connection is closed as soon as it opens
 * @property {() => number} openCount how many connections are open now
 * @property {() => Promise<void>} stop closes everything and the server
 */

/**
 * @param {Exchange} exchange
 * @param {{ refuse?: string[], snapshots?: Record<string, [string, string]>, closeOnConnect?: boolean, heartbeat?: boolean }} [options]
 *   `refuse`: symbols whose subscription is refused as the exchange does it; `snapshots`: Kraken's
 *   snapshot after the acknowledgement, by symbol: [last, change_pct]; `closeOnConnect`: close each
 *   connection as soon as it opens (for reconnect tests); `heartbeat`: once subscribed, a
 *   connection gets the exchange's heartbeat message every second, as Kraken's and Coinbase's do
 *   (Binance's pings are frames a page never sees: none)
 * @returns {Promise<ExchangeServer>}
 */
export async function startExchange(exchange, options = {}) {
  const { refuse = [], snapshots = {}, closeOnConnect = false, heartbeat = false } = options;
  const beat = { kraken: fixtureText('ws-kraken-heartbeat.json'), coinbase: fixtureText('ws-coinbase-heartbeat.json') }[
    /** @type {'kraken' | 'coinbase'} */ (exchange)
  ];
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((resolve) => wss.once('listening', () => resolve(undefined)));
  const address = /** @type {import('node:net').AddressInfo} */ (wss.address());
  /** @type {ExchangeServer} */
  const server = {
    url: `ws://127.0.0.1:${address.port}`,
    paths: [],
    received: [],
    connections: 0,
    send: (text) => wss.clients.forEach((c) => c.readyState === WebSocket.OPEN && c.send(text)),
    closeAll: (code = 1001) => wss.clients.forEach((c) => c.close(code)),
    closeOnConnect,
    openCount: () => [...wss.clients].filter((c) => c.readyState === WebSocket.OPEN).length,
    stop: () =>
      new Promise((resolve) => {
        wss.clients.forEach((c) => c.terminate());
        wss.close(() => resolve());
      }),
  };
  wss.on('connection', (socket, request) => {
    server.connections++;
    server.paths.push(request.url ?? '');
    if (server.closeOnConnect) return socket.close(1011);
    socket.on('message', (data, isBinary) => {
      if (isBinary) return;
      const text = data.toString();
      server.received.push(text);
      /** @type {unknown} */
      let message;
      try {
        message = JSON.parse(text);
      } catch {
        return;
      }
      const replies = answer(exchange, /** @type {Subscribe} */ (message), refuse, snapshots);
      for (const reply of replies) socket.send(reply);
      if (heartbeat && beat && replies.length) {
        const timer = setInterval(() => socket.readyState === WebSocket.OPEN && socket.send(beat), 1000);
        socket.on('close', () => clearInterval(timer));
      }
    });
  });
  return server;
}

/**
 * A subscribe message as Coinbase or Kraken take it (fields of the other absent).
 * @typedef {{ type?: string, channels?: { name: string, product_ids?: string[] }[], method?: string, params?: { symbol?: string[] } }} Subscribe
 */

/**
 * What the exchange answers a subscribe message with.
 * @param {Exchange} exchange
 * @param {Subscribe} message
 * @param {string[]} refuse
 * @param {Record<string, [string, string]>} snapshots
 * @returns {string[]}
 */
function answer(exchange, message, refuse, snapshots) {
  if (exchange === 'coinbase' && message.type === 'subscribe') {
    const products = (message.channels ?? []).flatMap((c) => c.product_ids ?? []);
    const refused = products.find((p) => refuse.includes(p));
    // One bad product and nothing is subscribed.
    if (refused)
      return [
        setRaw(fixtureText('ws-coinbase-error.json'), { reason: JSON.stringify(`${refused} is not a valid product`) }),
      ];
    return [JSON.stringify({ type: 'subscriptions', channels: message.channels })];
  }
  if (exchange === 'kraken' && message.method === 'subscribe') {
    return (message.params?.symbol ?? []).flatMap((symbol) => {
      if (refuse.includes(symbol))
        return [
          setRaw(fixtureText('ws-kraken-error.json'), {
            error: JSON.stringify(`Currency pair not supported ${symbol}`),
            symbol: JSON.stringify(symbol),
          }),
        ];
      const ack = setRaw(fixtureText('ws-kraken-subscribe-ack.json'), { symbol: JSON.stringify(symbol) });
      const snapshot = snapshots[symbol];
      return snapshot ? [ack, krakenTicker(symbol, snapshot[0], snapshot[1], 'snapshot')] : [ack];
    });
  }
  return [];
}
