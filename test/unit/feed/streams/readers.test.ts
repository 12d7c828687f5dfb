import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { percentChange } from '../../../../src/format/percent-change.js';
import { binance } from '../../../../src/feed/streams/binance.js';
import { coinbase } from '../../../../src/feed/streams/coinbase.js';
import { STREAMS } from '../../../../src/feed/streams/index.js';
import { kraken, krakenSymbol } from '../../../../src/feed/streams/kraken.js';
import { MAX_MESSAGE_CHARS } from '../../../../src/feed/streams/stream.js';
import { SETTINGS } from '../../../../src/config.js';
import { binanceTicker, coinbaseTicker, fixtureText, GARBAGE, krakenTicker } from '../../../support/ws-server.mjs';

describe('binance stream', () => {
  it('subscribes by the URL alone: one combined stream of <symbol>@miniTicker, lower case', () => {
    const sub = binance.subscribe(['BTCUSDT', 'ETHUSDT']);
    expect(sub.url).toBe('wss://data-stream.binance.vision/stream?streams=btcusdt@miniTicker/ethusdt@miniTicker');
    expect(sub.send).toEqual([]);
  });

  it('puts the stream path below a relay, keeping the relay’s own query after the streams', () => {
    expect(binance.subscribe(['BTCUSDT'], 'ws://relay.example/bn/?key=abc').url).toBe(
      'ws://relay.example/bn/stream?streams=btcusdt@miniTicker&key=abc',
    );
  });

  it('reads the documented miniTicker event: close c, change computed exactly from open o', () => {
    const sub = binance.subscribe(['BNBBTC']);
    const wrapped = `{"stream":"bnbbtc@miniTicker","data":${fixtureText('binance-ws-miniticker.json')}}`;
    expect(sub.read(wrapped)).toEqual({ updates: [{ id: 'BNBBTC', price: '0.0025', change: '150' }] });
    // A relay may pass raw events on, without the combined-stream wrapper.
    expect(sub.read(fixtureText('binance-ws-miniticker.json')).updates).toEqual([
      { id: 'BNBBTC', price: '0.0025', change: '150' },
    ]);
  });

  it('gives the id as asked for, whatever case the symbol comes in', () => {
    expect(binance.subscribe(['btcusdt']).read(binanceTicker('BTCUSDT', '3', '4')).updates[0]?.id).toBe('btcusdt');
  });

  it('has no change when the open is zero or not a number, and no price when the close is not one', () => {
    const sub = binance.subscribe(['BTCUSDT']);
    expect(sub.read(binanceTicker('BTCUSDT', '5', '0')).updates).toEqual([{ id: 'BTCUSDT', price: '5', change: null }]);
    expect(sub.read(binanceTicker('BTCUSDT', 'NaN', '1'))).toEqual({
      updates: [],
      problem: '"BTCUSDT": invalid price',
    });
  });

  it('turns either error form into the exchange’s message', () => {
    const sub = binance.subscribe(['BTCUSDT']);
    expect(sub.read(fixtureText('ws-binance-error.json'))).toEqual({
      updates: [],
      error: 'API error 2: Invalid request: invalid stream',
    });
    expect(sub.read('{"code": 1, "msg": "Invalid value type: expected Boolean"}').error).toBe(
      'API error 1: Invalid value type: expected Boolean',
    );
  });

  it('knows the shutdown notice and request replies (nothing to count)', () => {
    const sub = binance.subscribe(['BTCUSDT']);
    expect(sub.read(fixtureText('ws-binance-server-shutdown.json'))).toEqual({ updates: [], problem: undefined });
    expect(sub.read('{"result":null,"id":1}')).toEqual({ updates: [], problem: undefined });
  });
});

describe('coinbase stream', () => {
  it('sends one subscribe: the ticker of every product, the heartbeat of the first', () => {
    const sub = coinbase.subscribe(['ETH-USD', 'BTC-USD']);
    expect(sub.url).toBe('wss://ws-feed.exchange.coinbase.com');
    expect(sub.send.map((m) => JSON.parse(m) as unknown)).toEqual([
      {
        type: 'subscribe',
        channels: [
          { name: 'ticker', product_ids: ['ETH-USD', 'BTC-USD'] },
          { name: 'heartbeat', product_ids: ['ETH-USD'] },
        ],
      },
    ]);
    expect(coinbase.subscribe(['ETH-USD'], 'wss://relay.example/cb').url).toBe('wss://relay.example/cb');
  });

  it('reads the documented ticker message: price, change computed exactly from open_24h', () => {
    expect(coinbase.subscribe(['ETH-USD']).read(fixtureText('ws-coinbase-ticker.json'))).toEqual({
      updates: [{ id: 'ETH-USD', price: '1285.22', change: percentChange('1310.79', '1285.22') }],
    });
  });

  it('knows heartbeats and the subscriptions reply', () => {
    const sub = coinbase.subscribe(['ETH-USD']);
    for (const name of ['ws-coinbase-heartbeat.json', 'ws-coinbase-subscriptions.json'])
      expect(sub.read(fixtureText(name))).toEqual({ updates: [], problem: undefined });
  });

  it('turns a refused subscription into the exchange’s message and reason', () => {
    expect(coinbase.subscribe(['BTC-XYZ']).read(fixtureText('ws-coinbase-error.json'))).toEqual({
      updates: [],
      error: 'API error: Failed to subscribe: BTC-XYZ is not a valid product',
    });
  });
});

describe('kraken stream', () => {
  it.each([
    ['XBTUSD', 'BTC/USD'],
    ['XXBTZUSD', 'BTC/USD'],
    ['xbtusd', 'BTC/USD'],
    ['XDGUSD', 'DOGE/USD'],
    ['XETHZEUR', 'ETH/EUR'],
    ['ETHXBT', 'ETH/BTC'],
    ['XETHXXBT', 'ETH/BTC'],
    ['XBTUSDT', 'BTC/USDT'],
    ['ETHUSDC', 'ETH/USDC'],
    ['USDTUSD', 'USDT/USD'],
    ['SOLUSD', 'SOL/USD'],
    ['XTZUSD', 'XTZ/USD'],
    ['BTC/USD', 'BTC/USD'],
    // No quote currency it knows: sent as it is, and Kraken's refusal says so.
    ['FOOBAR', 'FOOBAR'],
  ])('maps the REST pair %s to the v2 symbol %s', (pair, symbol) => {
    expect(krakenSymbol(pair)).toBe(symbol);
  });

  it('sends one subscribe to the ticker channel with the v2 symbols', () => {
    const sub = kraken.subscribe(['XBTUSD', 'XDGUSD']);
    expect(sub.url).toBe('wss://ws.kraken.com/v2');
    expect(sub.send.map((m) => JSON.parse(m) as unknown)).toEqual([
      { method: 'subscribe', params: { channel: 'ticker', symbol: ['BTC/USD', 'DOGE/USD'] } },
    ]);
  });

  it('reads the documented snapshot and update: JSON numbers as their exact text, Kraken’s change_pct', () => {
    const sub = kraken.subscribe(['ALGOUSD']);
    for (const name of ['ws-kraken-snapshot.json', 'ws-kraken-update.json'])
      expect(sub.read(fixtureText(name))).toEqual({ updates: [{ id: 'ALGOUSD', price: '0.10035', change: '-0.17' }] });
  });

  it('gives the update to the pair as asked for (XBTUSD for BTC/USD)', () => {
    expect(kraken.subscribe(['XBTUSD']).read(krakenTicker('BTC/USD', '63560.1', '1.25')).updates).toEqual([
      { id: 'XBTUSD', price: '63560.1', change: '1.25' },
    ]);
  });

  it('has no change when change_pct is not a number', () => {
    for (const value of ['null', '"abc"', '"1e"', 'true', '{}', '[-0.17]']) {
      const text = fixtureText('ws-kraken-update.json').replace('"change_pct": -0.17', `"change_pct": ${value}`);
      expect(kraken.subscribe(['ALGOUSD']).read(text).updates[0]?.change, value).toBeNull();
    }
  });

  it('knows heartbeats and acknowledgements, and reports a refused symbol with Kraken’s message', () => {
    const sub = kraken.subscribe(['ALGOUSD']);
    for (const name of ['ws-kraken-heartbeat.json', 'ws-kraken-subscribe-ack.json'])
      expect(sub.read(fixtureText(name))).toEqual({ updates: [], problem: undefined });
    expect(sub.read(fixtureText('ws-kraken-error.json'))).toEqual({
      updates: [],
      error: 'API error: Currency pair not supported XBT/USD',
    });
  });
});

describe('every stream: bad input is counted, never thrown', () => {
  const subs = [binance.subscribe(['BTCUSDT']), coinbase.subscribe(['BTC-USD']), kraken.subscribe(['XBTUSD'])];

  it.each(GARBAGE.map((text) => [text.slice(0, 30), text]))('%s…', (_, text) => {
    for (const sub of subs) {
      const reading = sub.read(text);
      expect(reading.updates).toEqual([]);
      expect(reading.problem).toMatch(/^(malformed JSON|not an object|unknown message|message too large)$/);
    }
  });

  it('says why: too large, not text, malformed, unknown', () => {
    const [sub] = subs;
    expect(sub!.read(`"${'x'.repeat(MAX_MESSAGE_CHARS)}"`).problem).toBe('message too large');
    expect(sub!.read(new ArrayBuffer(8)).problem).toBe('not text');
    expect(sub!.read('{"e":').problem).toBe('malformed JSON');
    expect(sub!.read('{"e":"trade"}').problem).toBe('unknown message');
  });

  it('counts prices of symbols not asked for, and prices that are not numbers', () => {
    const [b, c, k] = subs;
    expect(b!.read(binanceTicker('ETHUSDT', '1', '1')).problem).toBe('not asked for: "ETHUSDT"');
    expect(c!.read(coinbaseTicker('ETH-USD', '1', '1')).problem).toBe('not asked for: "ETH-USD"');
    expect(k!.read(krakenTicker('ETH/USD', '1', '1')).problem).toBe('not asked for: "ETH/USD"');
    expect(c!.read(coinbaseTicker('BTC-USD', '0x10', '1')).problem).toBe('"BTC-USD": invalid price');
    expect(k!.read(krakenTicker('BTC/USD', '"Infinity"', '1')).problem).toBe('"XBTUSD": invalid price');
  });
});

// Prices as exchanges write them: digits, an optional fraction, an optional exponent.
const digits = (min: number, max: number) =>
  fc.array(fc.constantFrom(...'0123456789'), { minLength: min, maxLength: max }).map((d) => d.join(''));
const jsonNumber = fc
  .record({
    integer: fc.oneof(
      fc.constant('0'),
      fc.tuple(fc.constantFrom(...'123456789'), digits(0, 20)).map((p) => p.join('')),
    ),
    fraction: fc.option(digits(1, 30), { nil: '' }),
    exponent: fc.option(fc.tuple(fc.constantFrom('e', 'E', 'e-', 'E+'), digits(1, 2)), { nil: undefined }),
  })
  .map(
    ({ integer, fraction, exponent }) => `${integer}${fraction && `.${fraction}`}${exponent ? exponent.join('') : ''}`,
  );
// Strings as Binance and Coinbase send them: leading zeros and a trailing dot allowed too.
const decimalString = fc.oneof(
  jsonNumber,
  digits(1, 25),
  digits(1, 10).map((d) => `${d}.`),
);

describe('property: a price comes out exactly as it went in', () => {
  it('binance and coinbase (strings), with the change computed exactly', () => {
    const b = binance.subscribe(['BTCUSDT']);
    const c = coinbase.subscribe(['BTC-USD']);
    fc.assert(
      fc.property(decimalString, decimalString, (price, open) => {
        let change: string | null;
        try {
          change = percentChange(open, price);
        } catch {
          change = null;
        }
        expect(b.read(binanceTicker('BTCUSDT', price, open)).updates).toEqual([{ id: 'BTCUSDT', price, change }]);
        expect(c.read(coinbaseTicker('BTC-USD', price, open)).updates).toEqual([{ id: 'BTC-USD', price, change }]);
      }),
    );
  });

  it('kraken (JSON numbers, read as their text)', () => {
    const k = kraken.subscribe(['XBTUSD']);
    fc.assert(
      fc.property(jsonNumber, jsonNumber, fc.boolean(), (price, change, negative) => {
        const pct = negative ? `-${change}` : change;
        expect(k.read(krakenTicker('BTC/USD', price, pct)).updates).toEqual([{ id: 'XBTUSD', price, change: pct }]);
      }),
    );
  });
});

describe('stream-endpoint', () => {
  // The setting's reader: `endpoint`'s checks, with the WebSocket schemes.
  const readStreamEndpoint = (value: unknown) => SETTINGS.streamEndpoint.read(value);

  it.each([
    ['wss://relay.example/ws', 'wss://relay.example/ws'],
    ['ws://127.0.0.1:8080', 'ws://127.0.0.1:8080/'],
    [' wss://relay.example ', 'wss://relay.example/'],
  ])('accepts %s', (value, href) => {
    expect(readStreamEndpoint(value)).toBe(href);
  });

  it.each([
    'https://relay.example',
    'http://relay.example',
    'javascript:alert(1)',
    'wss://u:p@relay.example',
    'wss://relay.example/#x',
    'relay',
    42,
  ])('refuses %s', (value) => {
    expect(readStreamEndpoint(value)).toBeUndefined();
  });

  it('is none when absent or empty', () => {
    expect(readStreamEndpoint(null)).toBeNull();
    expect(readStreamEndpoint('')).toBeNull();
  });

  it('is offered for the three exchanges only', () => {
    expect(Object.keys(STREAMS)).toEqual(['binance', 'coinbase', 'kraken']);
  });
});
