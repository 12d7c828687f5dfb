/**
 * Fuzzing every source in Node: 10,000 mutated answers per source, built from the real fixtures
 * (test/support/mutate.ts: hostile values swapped in, fields dropped or retyped, duplicate keys
 * and ids, truncation, garbage, deep nesting, huge strings and numbers, error bodies), each taken
 * the way a poll takes it (src/feed/http.ts, src/feed/registry.ts, without HTTP): an error status
 * is only read for the API's explanation, a non-JSON type or a body over the cap is refused, the
 * rest goes through parseExactJson, the real adapter's parse, normaliseQuotes with the feed's
 * order and limit, and formatPrice / describePrice / formatChange / changeDirection for every
 * quote kept, in a locale and currency drawn for the case.
 *
 * Invariants: exact JSON throws only SyntaxErrors (JsonDepthError is one) and accepts what
 * JSON.parse accepts; an adapter either returns an array or throws an Error with a short,
 * readable message; `explain` is short and free of control characters; every quote is valid
 * (decimal price, short non-empty texts, a real time, an https logo or none), no more quotes than
 * asked, no id twice, only ids asked; every format is non-empty, with a digit and no
 * NaN/Infinity/undefined/null; and nothing reaches Object.prototype.
 *
 * Seeded and reproducible: the fuzz suites' seed (vitest.config.ts, fixed; FUZZ_SEED=<n> for
 * another); each case draws from its own stream (source, seed, index), so
 * FUZZ_SEED=<n> FUZZ_ONLY=<source>:<index> replays one case alone and prints it in full.
 * Every failure names the seed, source, case, kind and a snippet of the body.
 */
import { describe, expect, inject, it } from 'vitest';
import seedCoins from '../../../demo/data/seed-coins.json';
import { JsonDepthError, parseExactJson } from '../../../src/feed/exact-json.js';
import { MAX_BODY_BYTES, MAX_ERROR_BODY_BYTES } from '../../../src/feed/http.js';
import { normaliseQuotes, type Normalised } from '../../../src/feed/quote.js';
import { SOURCES, type FeedConfig, type SourceAdapter, type SourceName } from '../../../src/feed/sources/index.js';
import { coinsOf } from '../../../src/feed/sources/source.js';
import {
  changeDirection,
  describePrice,
  formatChange,
  formatPrice,
  isDecimalString,
} from '../../../src/format/index.js';
import {
  BINANCE_SHAPE,
  caseRng,
  COINBASE_STATS_SHAPE,
  COINBASE_TICKER_SHAPE,
  COINGECKO_SHAPE,
  coingeckoMarketsBody,
  HOSTILE_VALUES,
  int,
  JSON_SHAPE,
  KRAKEN_SHAPE,
  krakenFlat,
  krakenUnflat,
  MUTATION_KINDS,
  mutateBody,
  Obj,
  parseTree,
  pick,
  Raw,
  stringifyTree,
  type BodyShape,
  type JsonNode,
  type MutationKind,
  type Rng,
} from '../../support/mutate.js';
import { fixture, sourceConfig } from '../../support/sources.js';

declare module 'vitest' {
  export interface ProvidedContext {
    fuzzSeed: number;
  }
}

/** Mutated answers per source (for Coinbase: polls, each with one or more mutated bodies). */
const CASES = 10_000;
/** Failures listed in the report (all are counted). */
const LISTED = 10;

/** The seed from vitest.config.ts: fixed, or FUZZ_SEED (an integer from 1 to 2^32-1). */
const seed = (() => {
  const provided = inject('fuzzSeed');
  const raw = process.env.FUZZ_SEED?.trim();
  if (!Number.isSafeInteger(provided) || provided < 0 || provided > 0xffffffff || (raw && Number(raw) !== provided)) {
    throw new Error(`FUZZ_SEED must be an integer from 1 to 2^32-1, got ${JSON.stringify(raw ?? provided)}`);
  }
  return provided;
})();
/** FUZZ_ONLY=coingecko:123: that case alone, printed in full. */
const only = (() => {
  const raw = process.env.FUZZ_ONLY?.trim();
  if (!raw) return undefined;
  const m = /^(\w+):(\d+)$/.exec(raw);
  if (!m) throw new Error(`FUZZ_ONLY must be <source>:<case>, got ${JSON.stringify(raw)}`);
  return { source: m[1]!, index: Number(m[2]) };
})();

/** Poll time: fixed, so that a case replays exactly. */
const NOW = Date.parse('2024-04-07T17:00:00.000Z');

/* ------------------------------------------------------------------------------------------ */
/* Base answers, from the real fixtures.                                                        */

type Seed = (typeof seedCoins)[number];
const seedOf = (id: string): Seed => {
  const coin = seedCoins.find((c) => c.id === id);
  if (!coin) throw new Error(`no seed coin ${id}`);
  return coin;
};
/** An open price such that open → price is `change` percent, to 8 significant digits. */
const openFor = (coin: Seed) => (Number(coin.price) / (1 + Number(coin.change) / 100)).toPrecision(8);

/**
 * CoinGecko /coins/markets: the 2024 fixture's bitcoin with its 7-day series, then seed coins in its
 * exact shape. The series is cut to its first 8 points, so that 10,000 answers stay quick to read.
 */
const CG_IDS = ['bitcoin', 'ethereum', 'tether', 'bnb', 'solana', 'xrp', 'dogecoin', 'shiba-inu', 'pepe', 'cardano'];
const COINGECKO_BASE = (() => {
  const tree = parseTree(fixture('coingecko-markets-sparkline.json')) as Obj[];
  const series = tree[0]!.get('sparkline_in_7d') as Obj;
  series.set('price', (series.get('price') as JsonNode[]).slice(0, 8));
  return coingeckoMarketsBody(stringifyTree(tree), CG_IDS.map(seedOf));
})();

/** `json`: QuoteInput entries from the same coins; prices as numbers or strings, times as ISO or epoch ms. */
const JSON_BASE = stringifyTree(
  (parseTree(COINGECKO_BASE) as Obj[]).map((coin, n) => {
    const field = (key: string): JsonNode => coin.get(key) ?? null;
    const price = field('current_price');
    const time = field('last_updated');
    return new Obj([
      ['id', field('id')],
      ['symbol', field('symbol')],
      ['name', field('name')],
      ['price', n % 3 === 0 && price instanceof Raw ? price.text : price],
      ['change', field('price_change_percentage_24h')],
      ['logo', field('image')],
      ['updatedAt', n % 2 === 0 && typeof time === 'string' ? new Raw(String(Date.parse(time))) : time],
      ['marketCap', field('market_cap')],
      ['volume', field('total_volume')],
      ['sparkline', (field('sparkline_in_7d') as Obj).get('price') ?? null],
    ]);
  }),
);

/** Binance /ticker/24hr: the docs' BNBBTC ticker, then its copies for the default symbols. */
const BINANCE_COINS: ReadonlyArray<[string, string]> = [
  ['BTCUSDT', 'bitcoin'],
  ['ETHUSDT', 'ethereum'],
  ['BNBUSDT', 'bnb'],
  ['SOLUSDT', 'solana'],
  ['XRPUSDT', 'xrp'],
  ['DOGEUSDT', 'dogecoin'],
];
const BINANCE_BASE = (() => {
  const tree = parseTree(fixture('binance-ticker-24hr-docs-array.json')) as Obj[];
  const template = tree[0]!;
  for (const [symbol, id] of BINANCE_COINS) {
    const coin = seedOf(id);
    const t = template.clone();
    t.set('symbol', symbol);
    t.set('lastPrice', Number(coin.price).toFixed(8));
    t.set('openPrice', Number(openFor(coin)).toFixed(8));
    t.set('priceChangePercent', Number(coin.change).toFixed(3));
    tree.push(t);
  }
  return stringifyTree(tree);
})();

/** Kraken /Ticker: the 2024 fixture's XBTUSDT, then copies under Kraken's own keys for the default pairs. */
const KRAKEN_COINS: ReadonlyArray<[string, string]> = [
  ['XXBTZUSD', 'bitcoin'],
  ['XETHZUSD', 'ethereum'],
  ['SOLUSD', 'solana'],
  ['XDGUSD', 'dogecoin'],
];
const KRAKEN_BASE = (() => {
  const tree = parseTree(fixture('kraken-ticker.json')) as Obj;
  const result = tree.get('result') as Obj;
  const template = result.get('XBTUSDT') as Obj;
  for (const [key, id] of KRAKEN_COINS) {
    const coin = seedOf(id);
    const t = template.clone();
    t.set('c', [coin.price, '0.00160710']);
    t.set('o', openFor(coin));
    result.set(key, t);
  }
  return stringifyTree(tree);
})();
const KRAKEN_FLAT = krakenFlat(KRAKEN_BASE);

/** Coinbase: the docs' ticker and the real stats body, for each default product. */
const COINBASE_COINS: ReadonlyArray<[string, string]> = [
  ['BTC-USD', 'bitcoin'],
  ['ETH-USD', 'ethereum'],
  ['SOL-USD', 'solana'],
  ['DOGE-USD', 'dogecoin'],
];
const COINBASE_BASE = new Map(
  COINBASE_COINS.map(([product, id], n) => {
    const coin = seedOf(id);
    const ticker = parseTree(fixture('coinbase-exchange-ticker-docs.json')) as Obj;
    const stats = parseTree(fixture('coinbase-exchange-stats.json')) as Obj;
    if (n > 0) {
      ticker.set('price', coin.price);
      stats.set('last', coin.price);
      stats.set('open', openFor(coin));
    }
    return [product, { ticker: stringifyTree(ticker), stats: stringifyTree(stats) }] as const;
  }),
);

/* ------------------------------------------------------------------------------------------ */
/* Each source's error bodies, with hostile values where the API puts its code and message.   */

const hostileJson = (rng: Rng, value: number | undefined): [string, string] => {
  const [name, json] = value === undefined ? pick(rng, HOSTILE_VALUES) : HOSTILE_VALUES[value % HOSTILE_VALUES.length]!;
  return [name, json];
};

function sourceErrorBody(
  source: SourceName,
  rng: Rng,
  value: number | undefined,
): { body: string; detail: string; status: number } {
  const [n1, h1] = hostileJson(rng, value);
  const [n2, h2] = hostileJson(rng, undefined);
  let tree: Obj;
  let detail: string;
  switch (source) {
    case 'coingecko':
      if (rng() < 0.6) {
        tree = new Obj([
          [
            'status',
            new Obj([
              ['error_code', new Raw(h2)],
              ['error_message', new Raw(h1)],
            ]),
          ],
        ]);
        detail = `{"status":{"error_code":${n2},"error_message":${n1}}}`;
      } else {
        tree = new Obj([['error', new Raw(h1)]]);
        detail = `{"error":${n1}}`;
      }
      break;
    case 'binance': {
      tree = parseTree(fixture('binance-error-invalid-symbol.json')) as Obj;
      const which = int(rng, 3);
      if (which !== 0) tree.set('msg', new Raw(h1));
      if (which !== 1) tree.set('code', new Raw(h2));
      detail = `binance error with ${which !== 0 ? `msg ${n1}` : ''}${which === 2 ? ', ' : ''}${which !== 1 ? `code ${n2}` : ''}`;
      break;
    }
    case 'coinbase':
      tree = new Obj([['message', new Raw(h1)]]);
      detail = `{"message":${n1}}`;
      break;
    case 'kraken': {
      tree = parseTree(fixture('kraken-error-unknown-pair.json')) as Obj;
      const way = int(rng, 3);
      if (way === 0) {
        tree.set('error', new Raw(h1));
        detail = `{"error":${n1}}`;
      } else {
        const count = 1 + int(rng, 7);
        const list: JsonNode[] = [new Raw(h1)];
        for (let i = 1; i < count; i++) list.push(new Raw(hostileJson(rng, undefined)[1]));
        tree.set('error', list);
        detail = `{"error":[${n1}, …${count} in all]}`;
        if (way === 2) {
          tree.set('result', (parseTree(KRAKEN_BASE) as Obj).get('result') ?? null);
          detail += ' with the good result';
        }
      }
      break;
    }
    case 'json': {
      const way = int(rng, 3);
      tree =
        way === 0
          ? new Obj([['error', new Raw(h1)]])
          : way === 1
            ? new Obj([['message', new Raw(h1)]])
            : new Obj([
                ['error', new Raw(h2)],
                ['message', new Raw(h1)],
              ]);
      detail = way === 0 ? `{"error":${n1}}` : way === 1 ? `{"message":${n1}}` : `{"error":${n2},"message":${n1}}`;
      break;
    }
  }
  const status = rng() < 0.6 ? 200 : pick(rng, [400, 404, 429, 500]);
  return { body: stringifyTree(tree), detail: `${detail} (HTTP ${status})`, status };
}

/* ------------------------------------------------------------------------------------------ */
/* A case: the config, and the bodies one poll gets.                                           */

type Kind = MutationKind | 'source-error-body';

interface Served {
  body: string;
  status: number;
  contentType: string | null;
  mutated: boolean;
}

interface Poll {
  config: FeedConfig;
  served: Served[];
  detail: string;
}

interface Plan {
  name: SourceName;
  kinds: readonly Kind[];
  make(rng: Rng, configRng: Rng, kind: Kind, value: number | undefined): Poll;
}

const JSON_TYPE = 'application/json; charset=utf-8';
const mutateOptions = (kind: MutationKind, shape: BodyShape, value: number | undefined) =>
  value === undefined ? { kind, shape } : { kind, shape, value };

function subset(rng: Rng, ids: readonly string[]): string[] {
  const out = [...ids];
  for (let n = out.length - 1; n > 0; n--) {
    const j = int(rng, n + 1);
    [out[n], out[j]] = [out[j]!, out[n]!];
  }
  return out.slice(0, 1 + int(rng, out.length));
}

/** Coins [] (the source's own choice: its defaults, or the first `limit`), or some ids, maybe one not in the answer. */
function configFor(source: SourceName, rng: Rng, ids: readonly string[], missing?: string): FeedConfig {
  const change = pick(rng, ['24h', '24h', '1h', '7d'] as const);
  const sparkline = rng() < 0.5;
  const coins = missing === undefined ? ids : [...ids, missing];
  return rng() < 0.5
    ? sourceConfig(source, { change, sparkline, limit: 20 })
    : sourceConfig(source, { change, sparkline, limit: 20, coins: subset(rng, coins) });
}

/** One body per poll, mutated by mutateBody with the source's shape, or replaced by an error body. */
function singleBody(
  name: SourceName,
  base: string,
  shape: BodyShape,
  ids: readonly string[],
  missing: string,
): Plan['make'] {
  return (rng, configRng, kind, value) => {
    const config = configFor(name, configRng, ids, missing);
    if (kind === 'source-error-body') {
      const e = sourceErrorBody(name, rng, value);
      return {
        config,
        served: [{ body: e.body, status: e.status, contentType: JSON_TYPE, mutated: true }],
        detail: e.detail,
      };
    }
    const m = mutateBody(base, rng, mutateOptions(kind, shape, value));
    return {
      config,
      served: [{ body: m.body, status: m.status, contentType: m.contentType, mutated: true }],
      detail: m.detail,
    };
  };
}

const ALL_KINDS: readonly Kind[] = [...MUTATION_KINDS, 'source-error-body'];
/** Kinds that need fields a source's answer does not have. */
const without = (...kinds: Kind[]) => ALL_KINDS.filter((k) => !kinds.includes(k));

/** Kraken kinds done on its pairs (krakenFlat → mutateBody → krakenUnflat); the rest on the body as sent. */
const KRAKEN_PAIR_KINDS = new Set<Kind>([
  'price-hostile',
  'change-hostile',
  'market-hostile',
  'text-hostile',
  'field-hostile',
  'several-hostile',
  'field-dropped',
  'field-retyped',
  'duplicate-keys',
  'id-duplicated',
  'id-emptied',
  'id-unknown',
  'many-entries',
  'array-truncated',
  'number-keys',
  'proto-keys',
  'over-cap',
]);

const PLANS: readonly Plan[] = [
  {
    name: 'coingecko',
    kinds: ALL_KINDS,
    make: singleBody('coingecko', COINGECKO_BASE, COINGECKO_SHAPE, CG_IDS, 'not-in-the-answer'),
  },
  {
    name: 'binance',
    kinds: without('logo-hostile', 'time-hostile'),
    make: singleBody('binance', BINANCE_BASE, BINANCE_SHAPE, ['BNBBTC', ...BINANCE_COINS.map(([s]) => s)], 'NOPEUSDT'),
  },
  {
    name: 'coinbase',
    kinds: without(
      'text-hostile',
      'logo-hostile',
      'id-duplicated',
      'id-emptied',
      'id-unknown',
      'many-entries',
      'array-truncated',
    ),
    make(rng, configRng, kind, value) {
      const config = configFor(
        'coinbase',
        configRng,
        COINBASE_COINS.map(([p]) => p),
      );
      const products = coinsOf(SOURCES.coinbase, config);
      const served: Served[] = products.flatMap((p) => {
        const base = COINBASE_BASE.get(p)!;
        return [base.ticker, base.stats].map((body) => ({ body, status: 200, contentType: JSON_TYPE, mutated: false }));
      });
      const at = (n: number) => `${products[n >> 1]} ${n % 2 === 0 ? 'ticker' : 'stats'}`;
      const mutate = (n: number, k: MutationKind, v: number | undefined): string => {
        const m = mutateBody(
          served[n]!.body,
          rng,
          mutateOptions(k, n % 2 === 0 ? COINBASE_TICKER_SHAPE : COINBASE_STATS_SHAPE, v),
        );
        served[n] = { body: m.body, status: m.status, contentType: m.contentType, mutated: true };
        return `${at(n)}: ${m.detail}`;
      };
      const product = int(rng, products.length);
      if (kind === 'price-hostile' || kind === 'time-hostile' || kind === 'market-hostile')
        return { config, served, detail: mutate(2 * product, kind, value) };
      if (kind === 'change-hostile') return { config, served, detail: mutate(2 * product + 1, kind, value) };
      if (kind === 'several-hostile') {
        const chosen = served.map((_, n) => n).filter(() => rng() < 0.5);
        if (chosen.length === 0) chosen.push(int(rng, served.length));
        return { config, served, detail: chosen.map((n) => mutate(n, kind, undefined)).join('; ') };
      }
      const n = int(rng, served.length);
      if (kind === 'source-error-body') {
        const e = sourceErrorBody('coinbase', rng, value);
        served[n] = { body: e.body, status: e.status, contentType: JSON_TYPE, mutated: true };
        return { config, served, detail: `${at(n)}: ${e.detail}` };
      }
      return { config, served, detail: mutate(n, kind, value) };
    },
  },
  {
    name: 'kraken',
    kinds: without('logo-hostile', 'time-hostile'),
    make(rng, configRng, kind, value) {
      const config = configFor('kraken', configRng, ['XBTUSD', 'ETHUSD', 'SOLUSD', 'XDGUSD', 'XBTUSDT'], 'NOPEUSD');
      if (kind === 'source-error-body') {
        const e = sourceErrorBody('kraken', rng, value);
        return {
          config,
          served: [{ body: e.body, status: e.status, contentType: JSON_TYPE, mutated: true }],
          detail: e.detail,
        };
      }
      if (KRAKEN_PAIR_KINDS.has(kind)) {
        const m = mutateBody(KRAKEN_FLAT, rng, mutateOptions(kind, KRAKEN_SHAPE, value));
        return {
          config,
          served: [{ body: krakenUnflat(m.body), status: m.status, contentType: m.contentType, mutated: true }],
          detail: `on the pairs: ${m.detail}`,
        };
      }
      const m = mutateBody(KRAKEN_BASE, rng, mutateOptions(kind, KRAKEN_SHAPE, value));
      return {
        config,
        served: [{ body: m.body, status: m.status, contentType: m.contentType, mutated: true }],
        detail: m.detail,
      };
    },
  },
  {
    name: 'json',
    kinds: ALL_KINDS,
    make: singleBody('json', JSON_BASE, JSON_SHAPE, CG_IDS, 'not-in-the-answer'),
  },
];

/** First the sweep (every hostile value as a price, then as a change), then the kinds in turn. */
const SWEEP = HOSTILE_VALUES.length * 2;
function caseAt(plan: Plan, index: number): { kind: Kind; value: number | undefined } {
  if (index < SWEEP)
    return {
      kind: index < HOSTILE_VALUES.length ? 'price-hostile' : 'change-hostile',
      value: index % HOSTILE_VALUES.length,
    };
  return { kind: plan.kinds[(index - SWEEP) % plan.kinds.length]!, value: undefined };
}

/** Each source its own streams: (seed, source) → a stream seed; then caseRng(stream, index). */
const streamOf = (source: SourceName, salt: number) => {
  let h = (seed ^ salt) >>> 0;
  for (const c of source) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
  return h;
};

/* ------------------------------------------------------------------------------------------ */
/* Formats and checks.                                                                         */

const FORMATS: ReadonlyArray<readonly [currency: string, locale: string]> = [
  ['usd', 'en-US'],
  ['eur', 'de-DE'],
  ['jpy', 'ja-JP'],
  ['btc', 'ar-EG'],
  ['sats', 'fa-IR'],
  ['sol', 'fr-FR'],
];
const SUBSCRIPT_ZEROS = [undefined, 5, 0, 3];
const BAD_FORMAT = /NaN|Infinity|∞|undefined|null|\[object/;
const DIGIT = /\p{Nd}/u;
// eslint-disable-next-line no-control-regex -- finding control characters is its job
const CONTROL = /[\u0000-\u001f]/;
const VISIBLE = /[^\p{Cc}\p{Cf}\p{Z}]/u;
const MESSAGE_WORDS = ['undefined', 'NaN', '[object Object]'] as const;
const QUOTE_KEYS = new Set([
  'id',
  'symbol',
  'name',
  'price',
  'change',
  'logo',
  'marketCap',
  'volume',
  'sparkline',
  'updatedAt',
]);
/** The longest 7-day series a quote may hold. */
const MAX_SPARKLINE = 500;
const isAmount = (value: unknown) => typeof value === 'string' && isDecimalString(value) && !value.startsWith('-');
const MAX_MESSAGE = 400;
const MAX_EXPLAIN = 260;
const MAX_PROBLEM = 300;

const utf8 = new TextEncoder();
const short = (text: string, max = 160) =>
  JSON.stringify(text.length > max ? `${text.slice(0, max)}…` : text) +
  (text.length > max ? ` (${text.length} chars)` : '');

/** The first `max` bytes of `text` as UTF-8, as readCapped's keepHead reads an error body. */
function head(text: string, max: number): string {
  if (text.length * 3 <= max) return text;
  const bytes = utf8.encode(text);
  return bytes.length <= max ? text : new TextDecoder().decode(bytes.subarray(0, max));
}

function jsonParses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

interface Failure {
  invariant: string;
  source: SourceName;
  index: number;
  kind: Kind;
  detail: string;
  message: string;
  body: string;
}

interface Stats {
  cases: number;
  mutatedBodies: number;
  /** 2xx JSON bodies within the cap that parseExactJson read. */
  parsed: number;
  malformed: number;
  tooDeep: number;
  httpErrors: number;
  typeRefused: number;
  overCap: number;
  explained: number;
  adapterErrors: number;
  /** Adapter messages quoting the server's own `undefined`/`NaN` text (allowed: the body says it). */
  quotedWords: number;
  normalised: number;
  emptyPolls: number;
  quotes: number;
  formats: number;
  problems: number;
  /** Not invariants, reported for a look: quotes whose id, name or symbol has a control or no visible character. */
  invisibleTexts: number;
  /** Quotes whose updatedAt is before 1970 or after the poll (+10 min), as the element's fuzz test judges it. */
  oddTimes: number;
  seconds: number;
}

const PROTO_NAMES = Object.getOwnPropertyNames(Object.prototype).join();
const ARRAY_PROTO_NAMES = Object.getOwnPropertyNames(Array.prototype).join();
const polluted = () =>
  Object.getOwnPropertyNames(Object.prototype).join() !== PROTO_NAMES ||
  Object.getOwnPropertyNames(Array.prototype).join() !== ARRAY_PROTO_NAMES ||
  ({} as { polluted?: unknown }).polluted !== undefined ||
  ({} as { current_price?: unknown }).current_price !== undefined;

function runCase(
  plan: Plan,
  adapter: SourceAdapter,
  index: number,
  stats: Stats,
  failures: Failure[],
  verbose: boolean,
): void {
  const { kind, value } = caseAt(plan, index);
  const rng = caseRng(streamOf(plan.name, 0x243f6a88), index);
  const configRng = caseRng(streamOf(plan.name, 0x13198a2e), index);
  const poll = plan.make(rng, configRng, kind, value);
  const [currency, locale] = pick(configRng, FORMATS);
  const subscriptZeros = pick(configRng, SUBSCRIPT_ZEROS);
  const mutated = poll.served.filter((s) => s.mutated);
  stats.cases++;
  stats.mutatedBodies += mutated.length;
  const bodyTexts = poll.served.map((s) => s.body);
  const snippet = mutated.map((s) => `${s.status === 200 ? '' : `HTTP ${s.status} `}${short(s.body)}`).join(' + ');
  const fail = (invariant: string, message: string) =>
    void failures.push({ invariant, source: plan.name, index, kind, detail: poll.detail, message, body: snippet });
  const log = (...args: unknown[]) => verbose && console.log(...args);
  log(
    `case ${plan.name}:${index} (seed ${seed}), kind ${kind}: ${poll.detail}\n  config ${JSON.stringify(poll.config)}; ${currency}/${locale}, subscriptZeros ${subscriptZeros}`,
  );

  /** `explain` on any parsed body: a string short and without control characters, or undefined. */
  const checkExplain = (body: unknown) => {
    let why: unknown;
    try {
      why = adapter.explain(body);
    } catch (e) {
      return fail(
        'explain-does-not-throw',
        `explain threw ${(e as Error)?.name}: ${short(String((e as Error)?.message), 100)}`,
      );
    }
    if (why === undefined) return;
    stats.explained++;
    if (typeof why !== 'string' || why.trim() === '')
      // eslint-disable-next-line @typescript-eslint/no-base-to-string -- whatever explain returned, as String shows it
      return fail('explain-readable', `explain returned ${short(String(why))}`);
    if (why.length > MAX_EXPLAIN)
      fail('explain-short', `explain returned ${why.length} characters: ${short(why, 100)}`);
    if (CONTROL.test(why)) fail('explain-no-control-characters', `explain returned ${short(why, 100)}`);
  };

  /** parseExactJson: a value, or a SyntaxError (JsonDepthError is one); accepts what JSON.parse accepts. */
  const read = (text: string): { ok: true; value: unknown } | { ok: false } => {
    try {
      const value = parseExactJson(text);
      if (!jsonParses(text))
        fail('exact-json-as-strict-as-JSON.parse', 'parseExactJson accepted text JSON.parse rejects');
      return { ok: true, value };
    } catch (e) {
      if (!(e instanceof SyntaxError))
        fail(
          'exact-json-throws-SyntaxError',
          `parseExactJson threw ${(e as Error)?.name ?? typeof e}: ${short(String((e as Error)?.message ?? e), 120)}`,
        );
      else if (e instanceof JsonDepthError) stats.tooDeep++;
      else {
        stats.malformed++;
        if (jsonParses(text))
          fail(
            'exact-json-accepts-what-JSON.parse-accepts',
            `parseExactJson threw ${short(e.message, 100)} on text JSON.parse reads`,
          );
      }
      return { ok: false };
    }
  };

  // 1. Each body as fetchExactJson takes it.
  const bodies: unknown[] = [];
  let pollFailed = false;
  for (const s of poll.served) {
    const isJson = /\bjson\b/i.test(s.contentType ?? '');
    if (s.status < 200 || s.status > 299) {
      stats.httpErrors++;
      pollFailed = true;
      if (isJson) {
        const r = read(head(s.body, MAX_ERROR_BODY_BYTES));
        if (r.ok) checkExplain(r.value);
      }
      continue;
    }
    if (!isJson) {
      stats.typeRefused++;
      pollFailed = true;
      continue;
    }
    if (s.body.length > MAX_BODY_BYTES / 3 && Buffer.byteLength(s.body, 'utf8') > MAX_BODY_BYTES) {
      stats.overCap++;
      pollFailed = true;
      continue;
    }
    const r = read(s.body);
    if (!r.ok) {
      pollFailed = true;
      continue;
    }
    stats.parsed++;
    checkExplain(r.value);
    bodies.push(r.value);
  }
  log(`  bodies: ${poll.served.map((s) => `${s.status} ${s.contentType} ${short(s.body, 400)}`).join('\n          ')}`);
  if (pollFailed) {
    log('  → the poll fails before the adapter');
    if (polluted()) fail('no-prototype-pollution', 'Object.prototype or Array.prototype changed');
    return;
  }

  // 2. The adapter.
  let entries: unknown;
  try {
    entries = adapter.parse(bodies, poll.config);
  } catch (e) {
    stats.adapterErrors++;
    log(`  → adapter error: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
    if (!(e instanceof Error)) fail('adapter-throws-an-Error', `threw ${typeof e} ${short(String(e), 100)}`);
    else {
      if (e.constructor !== Error)
        fail(
          'adapter-throws-a-plain-Error',
          `threw ${e.name}: ${short(e.message, 200)} (a crash, not a message about the answer)`,
        );
      const msg: unknown = e.message;
      if (typeof msg !== 'string' || msg.trim() === '')
        fail('adapter-message-readable', `empty message ${short(String(msg))}`);
      else {
        if (msg.length > MAX_MESSAGE) fail('adapter-message-short', `${msg.length} characters: ${short(msg, 200)}`);
        if (CONTROL.test(msg)) fail('adapter-message-readable', `control characters in ${short(msg, 200)}`);
        for (const word of MESSAGE_WORDS) {
          if (!msg.includes(word)) continue;
          if (bodyTexts.some((t) => t.includes(word))) stats.quotedWords++;
          else fail('adapter-message-readable', `says ${word}, which the body does not: ${short(msg, 200)}`);
        }
      }
    }
    if (polluted()) fail('no-prototype-pollution', 'Object.prototype or Array.prototype changed');
    return;
  }
  if (!Array.isArray(entries)) {
    fail('adapter-returns-an-array', `parse returned ${short(String(entries), 80)}`);
    return;
  }

  // 3. Validation, with the order and limit the feed uses (registry.ts acquireFeed).
  const order = coinsOf(adapter, poll.config);
  const limit = poll.config.limit;
  let result: Normalised;
  try {
    result = normaliseQuotes(entries, NOW, { order, limit });
  } catch (e) {
    fail(
      'normalise-does-not-throw',
      `normaliseQuotes threw ${(e as Error)?.name}: ${short(String((e as Error)?.message), 150)}`,
    );
    return;
  }
  stats.normalised++;
  const { quotes, problems, problemCount } = result;
  stats.problems += problemCount;
  if (quotes.length === 0) stats.emptyPolls++;
  log(
    `  → ${quotes.length} quotes: ${short(quotes.map((q) => `${q.id}=${q.price}|${q.change}`).join(', '), 600)}\n  problems (${problemCount}): ${short(problems.join('; '), 600)}`,
  );
  if (!(problemCount >= problems.length) || problems.length > 10)
    fail('problems-counted', `${problems.length} problems listed, ${problemCount} counted`);
  for (const p of problems) {
    if (typeof p !== 'string' || p.trim() === '') fail('problems-readable', `problem ${short(String(p))}`);
    else if (p.length > MAX_PROBLEM) fail('problems-readable', `a problem of ${p.length} characters: ${short(p, 120)}`);
    else if (CONTROL.test(p)) fail('problems-readable', `control characters in the problem ${short(p, 120)}`);
  }

  const asked = order.length > 0 ? order.length : limit;
  if (quotes.length > asked)
    fail(
      'no-more-quotes-than-asked',
      `${quotes.length} quotes, ${order.length > 0 ? `${order.length} ids asked` : `limit ${limit}`}`,
    );
  const ids = quotes.map((q) => (typeof q.id === 'string' ? q.id : ''));
  if (new Set(ids).size !== ids.length) fail('no-duplicate-ids', `an id twice in ${short(ids.join(','), 200)}`);
  if (order.length > 0) {
    const rank = new Map(order.map((id, n) => [id.toLowerCase(), n]));
    const unasked = ids.filter((id) => !rank.has(id.toLowerCase()));
    if (unasked.length)
      fail('only-ids-asked', `${short(unasked.join(','), 120)} not among the ids asked ${short(order.join(','), 120)}`);
    // normaliseQuotes matches asked ids whatever their case: two case variants are one asked coin twice.
    const lower = ids.map((id) => id.toLowerCase());
    if (new Set(lower).size !== lower.length && new Set(ids).size === ids.length) {
      fail(
        'no-asked-coin-twice',
        `one asked coin twice, in two cases: ${short(ids.join(','), 200)} (asked ${short(order.join(','), 120)})`,
      );
    }
    const ranks = lower.map((id) => rank.get(id) ?? -1);
    if (ranks.some((r, n) => n > 0 && r < ranks[n - 1]!))
      fail('quotes-in-asked-order', `${short(ids.join(','), 200)} for ${short(order.join(','), 120)}`);
  }

  // 4. Every quote kept: valid, and formattable in the case's currency and locale.
  const options = { currency, locale, subscriptZeros };
  for (const q of quotes) {
    stats.quotes++;
    const name = short(String(q.id), 40);
    const keys = Object.keys(q).filter((k) => !QUOTE_KEYS.has(k));
    if (keys.length || Object.getPrototypeOf(q) !== Object.prototype)
      fail('quote-shape', `${name}: extra keys ${short(keys.join(','), 80)} or another prototype`);
    for (const field of ['id', 'name', 'symbol'] as const) {
      const text: unknown = q[field];
      if (typeof text !== 'string' || text.length === 0 || text.length > 200)
        fail(
          'quote-texts-valid',
          `${name}: ${field} ${short(String(text), 60)} (${typeof text === 'string' ? `${text.length} chars` : typeof text})`,
        );
    }
    if (typeof q.price !== 'string' || !isDecimalString(q.price) || q.price.startsWith('-'))
      fail('quote-price-decimal', `${name}: price ${short(String(q.price), 80)}`);
    if (q.change !== null && (typeof q.change !== 'string' || !isDecimalString(q.change)))
      fail('quote-change-decimal-or-null', `${name}: change ${short(String(q.change), 80)}`);
    for (const field of ['marketCap', 'volume'] as const) {
      if (q[field] !== undefined && !isAmount(q[field]))
        fail('quote-market-data-amount-or-none', `${name}: ${field} ${short(String(q[field]), 80)}`);
    }
    const series: unknown = q.sparkline;
    if (
      series !== undefined &&
      !(Array.isArray(series) && series.length >= 2 && series.length <= MAX_SPARKLINE && series.every(isAmount))
    )
      fail('quote-sparkline-amounts-or-none', `${name}: sparkline ${short(JSON.stringify(series), 120)}`);
    if (
      typeof q.updatedAt !== 'number' ||
      !Number.isFinite(q.updatedAt) ||
      Number.isNaN(new Date(q.updatedAt).getTime())
    ) {
      fail('quote-updatedAt-a-date', `${name}: updatedAt ${String(q.updatedAt)}`);
    } else if (q.updatedAt < 0 || q.updatedAt > NOW + 10 * 60_000) stats.oddTimes++;
    if ([q.id, q.name, q.symbol].some((t) => typeof t === 'string' && (CONTROL.test(t) || !VISIBLE.test(t))))
      stats.invisibleTexts++;
    if (q.logo !== undefined) {
      let https = false;
      try {
        https = typeof q.logo === 'string' && new URL(q.logo).protocol === 'https:';
      } catch {
        https = false;
      }
      if (!https) fail('quote-logo-https-or-none', `${name}: logo ${short(String(q.logo), 100)}`);
    }
    if (typeof q.price !== 'string') continue;

    const formatted = (what: string, f: () => string): string | undefined => {
      stats.formats++;
      try {
        const text = f();
        if (typeof text !== 'string' || text.trim() === '')
          fail('formats-clean', `${name}: ${what} gave ${short(String(text))}`);
        else if (BAD_FORMAT.test(text) || !DIGIT.test(text))
          fail('formats-clean', `${name}: ${what} gave ${short(text)}`);
        return text;
      } catch (e) {
        fail(
          'formats-do-not-throw',
          `${name}: ${what} threw ${(e as Error)?.name}: ${short(String((e as Error)?.message), 120)}`,
        );
        return undefined;
      }
    };
    const price = formatted(`formatPrice(${short(q.price, 40)}, ${currency}, ${locale}, ${subscriptZeros})`, () =>
      formatPrice(q.price, options),
    );
    if (price !== undefined) {
      try {
        const d = describePrice(q.price, options);
        if (d.text !== price) fail('describePrice-matches-formatPrice', `${name}: ${short(d.text)} ≠ ${short(price)}`);
        if (d.plain.trim() === '' || BAD_FORMAT.test(d.plain) || !DIGIT.test(d.plain))
          fail('formats-clean', `${name}: describePrice(${short(q.price, 40)}).plain ${short(d.plain)}`);
      } catch (e) {
        fail(
          'formats-do-not-throw',
          `${name}: describePrice(${short(q.price, 40)}) threw ${(e as Error)?.name}: ${short(String((e as Error)?.message), 120)}`,
        );
      }
    }
    if (typeof q.change === 'string') {
      const change = q.change;
      formatted(`formatChange(${short(change, 40)}, ${locale})`, () => formatChange(change, { locale }));
      try {
        const direction = changeDirection(change);
        if (direction !== 'up' && direction !== 'down' && direction !== 'flat')
          fail('formats-clean', `${name}: changeDirection(${short(change, 40)}) is ${String(direction)}`);
      } catch (e) {
        fail(
          'formats-do-not-throw',
          `${name}: changeDirection(${short(change, 40)}) threw ${(e as Error)?.name}: ${short(String((e as Error)?.message), 120)}`,
        );
      }
    }
  }
  if (polluted()) fail('no-prototype-pollution', 'Object.prototype or Array.prototype changed');
}

/** The report: the counts, then failures grouped by invariant (the first LISTED with their case). */
function report(plan: Plan, stats: Stats, failures: Failure[]): string {
  const unit = plan.name === 'coinbase' ? `polls (${stats.mutatedBodies} mutated bodies)` : 'bodies';
  const lines = [
    `fuzz-sources: ${plan.name} ${stats.cases} ${unit} (${plan.kinds.length} kinds): ${stats.parsed} parsed, ${stats.adapterErrors} adapter errors, ${stats.quotes} quotes checked, ${stats.formats} formats, ${failures.length} failures, seed ${seed}`,
    `  (${stats.seconds.toFixed(1)} s; ${stats.malformed} malformed, ${stats.tooDeep} too deep, ${stats.httpErrors} HTTP errors, ${stats.typeRefused} not JSON by type, ${stats.overCap} over the cap; ${stats.explained} explained; ${stats.normalised} validated, ${stats.emptyPolls} with no valid quote, ${stats.problems} problems; ${stats.quotedWords} messages quoting the body's own undefined/NaN)`,
    `  (not invariants: ${stats.invisibleTexts} quotes with an id, name or symbol holding a control character or nothing visible; ${stats.oddTimes} with updatedAt before 1970 or after the poll)`,
  ];
  if (failures.length === 0) return lines.join('\n');
  const groups = new Map<string, Failure[]>();
  for (const f of failures) groups.set(f.invariant, [...(groups.get(f.invariant) ?? []), f]);
  lines.push(
    `  failures by invariant (replay one: FUZZ_SEED=${seed} FUZZ_ONLY=${plan.name}:<case> npx vitest run --project unit test/unit/fuzz/sources.test.ts):`,
  );
  let listed = 0;
  const sorted = [...groups].sort((a, b) => b[1].length - a[1].length);
  for (const [invariant, list] of sorted) {
    lines.push(`  ${invariant}: ${list.length} in ${new Set(list.map((f) => f.index)).size} cases`);
    const seen = new Set<number>();
    for (const f of list) {
      if (listed >= LISTED || seen.size >= Math.max(1, Math.ceil(LISTED / sorted.length)) || seen.has(f.index))
        continue;
      seen.add(f.index);
      listed++;
      lines.push(
        `    seed ${seed}, ${f.source} case ${f.index}, kind ${f.kind} (${f.detail.slice(0, 140)}): ${f.message}\n      body: ${f.body.slice(0, 400)}`,
      );
    }
  }
  return lines.join('\n');
}

describe('fuzzing the source adapters, quote validation and formatting in Node', () => {
  it('starts from base answers that read cleanly: every coin asked, no problem', () => {
    // Kraken's pair view goes there and back unchanged.
    expect(krakenUnflat(KRAKEN_FLAT)).toBe(KRAKEN_BASE);
    const read = (source: SourceName, texts: string[], expected: string[], problems: string[] = []) => {
      const adapter = SOURCES[source];
      const config = sourceConfig(source);
      const result = normaliseQuotes(
        adapter.parse(
          texts.map((t) => parseExactJson(t)),
          config,
        ),
        NOW,
        { order: coinsOf(adapter, config), limit: config.limit },
      );
      expect(
        result.quotes.map((q) => q.id),
        source,
      ).toEqual(expected);
      expect(
        result.quotes.every((q) => q.change !== null && formatPrice(q.price) !== '' && formatChange(q.change) !== ''),
        source,
      ).toBe(true);
      expect(result.problems, source).toEqual(problems);
    };
    read('coingecko', [COINGECKO_BASE], CG_IDS);
    read('json', [JSON_BASE], CG_IDS);
    read(
      'binance',
      [BINANCE_BASE],
      BINANCE_COINS.map(([s]) => s),
      ['1 entry not asked for'],
    );
    read('kraken', [KRAKEN_BASE], ['XBTUSD', 'ETHUSD', 'SOLUSD', 'XDGUSD']);
    read(
      'coinbase',
      COINBASE_COINS.flatMap(([p]) => [COINBASE_BASE.get(p)!.ticker, COINBASE_BASE.get(p)!.stats]),
      COINBASE_COINS.map(([p]) => p),
    );
  });

  for (const plan of PLANS) {
    const run = only === undefined || only.source === plan.name;
    it.runIf(run)(
      `${plan.name}: ${only ? `case ${only.index}` : `${CASES} mutated answers`} keep every invariant (seed ${seed})`,
      () => {
        const adapter = SOURCES[plan.name];
        if (!adapter) throw new Error(`no adapter for ${plan.name}`);
        const stats: Stats = {
          cases: 0,
          mutatedBodies: 0,
          parsed: 0,
          malformed: 0,
          tooDeep: 0,
          httpErrors: 0,
          typeRefused: 0,
          overCap: 0,
          explained: 0,
          adapterErrors: 0,
          quotedWords: 0,
          normalised: 0,
          emptyPolls: 0,
          quotes: 0,
          formats: 0,
          problems: 0,
          invisibleTexts: 0,
          oddTimes: 0,
          seconds: 0,
        };
        const failures: Failure[] = [];
        const started = performance.now();
        if (only) runCase(plan, adapter, only.index, stats, failures, true);
        else for (let index = 0; index < CASES; index++) runCase(plan, adapter, index, stats, failures, false);
        stats.seconds = (performance.now() - started) / 1000;
        const text = report(plan, stats, failures);
        console.log(text);
        expect(stats.cases).toBe(only ? 1 : CASES);
        expect(failures.length, text).toBe(0);
      },
      300_000,
    );
  }
});
