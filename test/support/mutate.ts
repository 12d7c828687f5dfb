/**
 * Seeded mutations of a price API's answer, for fuzzing the feed and the element with hostile
 * bodies built from a real fixture. Environment-neutral (no DOM, no `node:` imports): the
 * Chromium fuzz test serves these through msw's worker, a Node suite can serve them the same way.
 *
 *   const rng = caseRng(seed, i);
 *   const m = mutateBody(baseText, rng, { kind: MUTATION_KINDS[i % MUTATION_KINDS.length] });
 *   // m.kind, m.detail, m.body, m.status, m.contentType, m.headers
 *
 * Numbers in the base body keep their exact source text (a small parser of our own, numbers as
 * `Raw`), and hostile values are spliced in as raw JSON text, so `1e400` or `0.<1200 zeros>1`
 * reach the code under test exactly as a server would send them.
 */

import { seededRandom } from '../../demo/market.js';

export type Rng = () => number;

/** mulberry32, the demo market's seeded PRNG: tiny, fast, a 2^32 period; good enough for fuzzing. */
export const mulberry32: (seed: number) => Rng = seededRandom;

/** An independent stream per case, so one case can be replayed alone from (seed, index). */
export function caseRng(seed: number, index: number): Rng {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ (index + 0x85ebca6b), 0xc2b2ae35) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x27d4eb2d) >>> 0;
  return mulberry32(h ^ (h >>> 15));
}

export const int = (rng: Rng, n: number): number => Math.floor(rng() * n);
export const pick = <T>(rng: Rng, list: readonly T[]): T => list[int(rng, list.length)]!;

/* ------------------------------------------------------------------------------------------ */
/* A JSON tree that keeps number texts, key order and duplicate keys, and can hold raw text.   */

/** Emitted verbatim: a number as sent, or deliberately invalid JSON (`NaN`, `{1:2}`). */
export class Raw {
  constructor(readonly text: string) {}
}
/** An object as an ordered list of entries (duplicate keys allowed). */
export class Obj {
  constructor(public entries: Array<[string, JsonNode]>) {}
  get(key: string): JsonNode | undefined {
    return this.entries.find(([k]) => k === key)?.[1];
  }
  set(key: string, value: JsonNode): void {
    const at = this.entries.findIndex(([k]) => k === key);
    if (at >= 0) this.entries[at] = [key, value];
    else this.entries.push([key, value]);
  }
  delete(key: string): void {
    this.entries = this.entries.filter(([k]) => k !== key);
  }
  clone(): Obj {
    return new Obj(this.entries.map(([k, v]) => [k, cloneNode(v)]));
  }
}
export type JsonNode = null | boolean | string | Raw | Obj | JsonNode[];

function cloneNode(node: JsonNode): JsonNode {
  if (node instanceof Obj) return node.clone();
  if (Array.isArray(node)) return node.map(cloneNode);
  return node;
}

/** Parses trusted JSON (a fixture) into a tree; numbers become `Raw` with their exact text. */
export function parseTree(text: string): JsonNode {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const fail = (what: string): never => {
    throw new SyntaxError(`parseTree: ${what} at ${i}`);
  };
  const str = (): string => {
    const start = i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (): JsonNode => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const obj = new Obj([]);
      ws();
      if (text[i] === '}') return (i++, obj);
      for (;;) {
        ws();
        if (text[i] !== '"') fail('expected a key');
        const key = str();
        ws();
        if (text[i++] !== ':') fail('expected ":"');
        obj.entries.push([key, value()]);
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') return (i++, obj);
        else fail('expected "," or "}"');
      }
    }
    if (c === '[') {
      i++;
      const list: JsonNode[] = [];
      ws();
      if (text[i] === ']') return (i++, list);
      for (;;) {
        list.push(value());
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') return (i++, list);
        else fail('expected "," or "]"');
      }
    }
    if (c === '"') return str();
    for (const [word, v] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (text.startsWith(word, i)) return ((i += word.length), v);
    }
    const m = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    m.lastIndex = i;
    const n = m.exec(text);
    if (!n) return fail('unexpected character');
    i += n[0].length;
    return new Raw(n[0]);
  };
  const tree = value();
  ws();
  if (i !== text.length) fail('trailing text');
  return tree;
}

export function stringifyTree(node: JsonNode): string {
  if (node instanceof Raw) return node.text;
  if (node instanceof Obj)
    return `{${node.entries.map(([k, v]) => `${JSON.stringify(k)}:${stringifyTree(v)}`).join(',')}}`;
  if (Array.isArray(node)) return `[${node.map(stringifyTree).join(',')}]`;
  return JSON.stringify(node);
}

/* ------------------------------------------------------------------------------------------ */
/* A CoinGecko /coins/markets body of several coins, built from the real fixture.              */

export interface SeedCoin {
  id: string;
  name: string;
  symbol: string;
  price: string;
  change: string;
}

/**
 * The real fixture's entries as they are, then, for each seed coin not in it, a copy of the
 * fixture's first entry (CoinGecko's exact shape and field order) with that coin's id, name,
 * symbol (lower case, as CoinGecko sends it), price and 24 h change as JSON numbers.
 */
export function coingeckoMarketsBody(fixtureText: string, seeds: readonly SeedCoin[]): string {
  const tree = parseTree(fixtureText);
  if (!Array.isArray(tree) || !(tree[0] instanceof Obj)) throw new Error('expected an array of coin objects');
  const have = new Set(tree.map((e) => (e instanceof Obj ? e.get('id') : undefined)));
  for (const seed of seeds) {
    if (have.has(seed.id)) continue;
    const coin = tree[0].clone();
    coin.set('id', seed.id);
    coin.set('symbol', seed.symbol.toLowerCase());
    coin.set('name', seed.name);
    coin.set('current_price', new Raw(seed.price));
    coin.set('price_change_percentage_24h', new Raw(seed.change));
    tree.push(coin);
  }
  return stringifyTree(tree);
}

/* ------------------------------------------------------------------------------------------ */
/* Hostile values, as raw JSON text.                                                           */

const ZEROS_1200 = `0.${'0'.repeat(1200)}1`;
const DIGITS_10K = `9${'8765432101'.repeat(1000)}`.slice(0, 10_000);
const HTML_PAGES = [
  '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>',
  '<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title><script>window.__fuzzXss=7</script></head><body><noscript>Enable JavaScript and cookies to continue</noscript></body></html>',
  '\n\n  <html><body><h1>Service Unavailable</h1><p>The server is temporarily unable to service your request.</p></body></html>',
  '<?xml version="1.0"?><error><code>429</code><message>Too Many Requests</message></error>',
];

/** Values for any field: numbers of every hostile kind, wrong types, hostile strings. */
export const HOSTILE_VALUES: ReadonlyArray<readonly [name: string, json: string]> = [
  ['null', 'null'],
  ['-1', '-1'],
  ['"-1"', '"-1"'],
  ['-0', '-0'],
  ['"-0.0"', '"-0.0"'],
  ['0', '0'],
  ['"NaN"', '"NaN"'],
  ['NaN (bare)', 'NaN'],
  ['"Infinity"', '"Infinity"'],
  ['-Infinity (bare)', '-Infinity'],
  ['1e400', '1e400'],
  ['-1e400', '-1e400'],
  ['"1e400"', '"1e400"'],
  ['1e-400', '1e-400'],
  ['1e9000000000000000', '1e9000000000000000'],
  ['0.<1200 zeros>1', ZEROS_1200],
  ['"0.<1200 zeros>1"', JSON.stringify(ZEROS_1200)],
  ['0.<950 zeros>1e-100', `0.${'0'.repeat(950)}1e-100`],
  ['1e-100', '1e-100'],
  ['5e-324', '5e-324'],
  ['1.7976931348623157e308', '1.7976931348623157e308'],
  ['10,000-digit number', DIGITS_10K],
  ['0.<10,000 digits>', `0.${DIGITS_10K}`],
  ['31-digit integer', `1${'0'.repeat(30)}`],
  ['30-digit integer', '9'.repeat(30)],
  ['1e29', '1e29'],
  ['"0x10"', '"0x10"'],
  ['""', '""'],
  ['"   "', '"   "'],
  ['" 5 "', '" 5 "'],
  ['"+5"', '"+5"'],
  ['"5."', '"5."'],
  ['".5"', '".5"'],
  ['"1_000"', '"1_000"'],
  ['"1,5"', '"1,5"'],
  ['"١٢٣" (Arabic-Indic digits)', '"١٢٣"'],
  ['"12e"', '"12e"'],
  ['true', 'true'],
  ['false', 'false'],
  ['{}', '{}'],
  ['[]', '[]'],
  ['[70187]', '[70187]'],
  ['{"usd":70187}', '{"usd":70187}'],
  ['100k-char string', JSON.stringify('A'.repeat(100_000))],
  ['100k-digit string', JSON.stringify('7'.repeat(100_000))],
  ['201-char string', JSON.stringify('N'.repeat(201))],
  ['<script>', '"<script>window.__fuzzXss=1</script>"'],
  ['<img onerror>', '"<img src=x onerror=\\"window.__fuzzXss=2\\">"'],
  ['bidi override alone', '"\\u202e"'],
  ['bidi override text', '"\\u202eevil\\u202c 123"'],
  ['{{ template', `"{{constructor.constructor('window.__fuzzXss=3')()}}"`],
  ['javascript: URL', '"javascript:window.__fuzzXss=4"'],
  ['data: URL', '"data:image/svg+xml,<svg onload=\\"window.__fuzzXss=5\\"/>"'],
  ['NUL and control chars', '"\\u0000\\u0007\\u001b[31m\\b\\f"'],
  ['NUL alone', '"\\u0000"'],
  ['lone surrogate (escaped)', '"\\ud800"'],
  ['lone surrogate (raw)', '"\ud800"'],
  ['zero-width only', '"\\u200b\\u200d\\ufeff"'],
  ['"undefined"', '"undefined"'],
  ['"__proto__"', '"__proto__"'],
];

/** Dates and non-dates for `last_updated`. */
const HOSTILE_TIMES: ReadonlyArray<readonly [string, string]> = [
  ['year 9999', '"9999-12-31T23:59:59.999Z"'],
  ['max date', '"+275760-09-13T00:00:00.000Z"'],
  ['past max date', '"+275760-09-13T00:00:00.001Z"'],
  ['min date', '"-271821-04-20T00:00:00.000Z"'],
  ['year 1', '"0001-01-01T00:00:00Z"'],
  ['"1"', '"1"'],
  ['"-1"', '"-1"'],
  ['"0"', '"0"'],
  ['month 13', '"2024-13-45T99:99:99Z"'],
  ['tomorrow-ish', '"2099-01-01T00:00:00Z"'],
  ['epoch ms as number', '1712508571736'],
  ['epoch ms as string', '"1712508571736"'],
  ['""', '""'],
];

/** Where the fields are in a body; CoinGecko's /coins/markets by default. */
export interface BodyShape {
  id: string;
  price: readonly string[];
  change: readonly string[];
  text: readonly string[];
  logo: readonly string[];
  time: readonly string[];
  /** Market cap and volume, or what a source computes them from. */
  market: readonly string[];
  /** The keys down to an array of numbers in each coin (CoinGecko's 7-day series), if any. */
  series: readonly string[];
}

export const COINGECKO_SHAPE: BodyShape = {
  id: 'id',
  price: ['current_price'],
  change: ['price_change_percentage_24h', 'price_change_percentage_24h_in_currency'],
  text: ['name', 'symbol'],
  logo: ['image'],
  time: ['last_updated'],
  market: ['market_cap', 'total_volume'],
  series: ['sparkline_in_7d', 'price'],
};

/* ------------------------------------------------------------------------------------------ */

export const MUTATION_KINDS = [
  'price-hostile', // one coin's price replaced by a hostile value
  'change-hostile', // one coin's change replaced by a hostile value
  'text-hostile', // one coin's name or symbol replaced by a hostile value
  'logo-hostile', // one coin's logo URL replaced by a hostile value
  'time-hostile', // one coin's last_updated replaced by a hostile date or value
  'market-hostile', // one coin's market cap or volume, or a point of its series, replaced by a hostile value
  'field-hostile', // any field of one coin replaced by a hostile value
  'several-hostile', // 2 to all coins with a hostile price, change or name at once
  'field-dropped', // a field (often id or price) removed from one or all coins
  'field-retyped', // a value turned into a string, number, array, object or boolean
  'duplicate-keys', // a key repeated in one coin with a hostile second value
  'id-duplicated', // an entry repeated (same id, other price)
  'id-emptied', // id "", blank, null or missing
  'id-unknown', // id changed to one not asked for (or a case variant, __proto__, constructor)
  'many-entries', // hundreds of extra entries
  'array-truncated', // entries removed (down to [])
  'array-wrapped', // the array wrapped in an object or array, a single object, a string
  'json-truncated', // the text cut mid-way
  'garbage', // random text, or random characters of the body flipped
  'deep-nesting', // 5,000 to 500,000 levels, as the body, a coin, or a field
  'number-keys', // {1:2}, {"1":2}, an array-like object
  'proto-keys', // __proto__, constructor and prototype keys
  'syntax-variants', // BOM, comments, trailing commas, bare NaN, two documents, trailing text
  'html-page', // an HTML (or XML) error page sent as JSON
  'api-error-body', // CoinGecko error bodies with HTTP 200
  'over-cap', // a body just over the 1 MiB cap, or just under it
  'http-status', // 400/404/429 (Retry-After: 0)/500/502/503, with and without bodies
  'content-type', // text/html, text/plain, none, for a good body
  'empty-body', // 200 with no body, whitespace, 204
] as const;

export type MutationKind = (typeof MUTATION_KINDS)[number];

export interface Mutation {
  kind: MutationKind;
  /** What was done, for failure messages (hostile values shortened). */
  detail: string;
  body: string;
  /** HTTP status to answer with (200 unless the kind is about HTTP). */
  status: number;
  /** The Content-Type to send; null: send none. */
  contentType: string | null;
  /** Extra response headers (Retry-After). */
  headers: Record<string, string>;
}

export interface MutateOptions {
  /** The kind to make; a random one when absent. */
  kind?: MutationKind;
  shape?: BodyShape;
  /**
   * For a sweep: the index into {@link HOSTILE_VALUES} to use (modulo its length) for the kinds
   * that set one hostile value (`price-hostile`, `change-hostile`, `text-hostile`,
   * `logo-hostile`, `field-hostile`, `duplicate-keys`); a random one when absent.
   */
  value?: number;
}

const JSON_TYPE = 'application/json; charset=utf-8';

/** One hostile variant of `text` (a JSON body; for the targeted kinds, an array of coins). */
export function mutateBody(text: string, rng: Rng, options: MutateOptions = {}): Mutation {
  const kind = options.kind ?? pick(rng, MUTATION_KINDS);
  const shape = options.shape ?? COINGECKO_SHAPE;
  const result: Mutation = { kind, detail: '', body: text, status: 200, contentType: JSON_TYPE, headers: {} };
  let tree: JsonNode;
  try {
    tree = parseTree(text);
  } catch {
    // Not JSON we can walk: only the text-level kinds apply.
    return Object.assign(result, textLevel(text, rng), { kind });
  }
  const coins = collectCoins(tree, shape);
  const done = (detail: string, node: JsonNode = tree) => Object.assign(result, { detail, body: stringifyTree(node) });
  const coinName = (coin: Obj) => {
    const id = coin.get(shape.id);
    return typeof id === 'string' ? id : `entry ${coins.indexOf(coin)}`;
  };
  const hostile = (list: ReadonlyArray<readonly [string, string]> = HOSTILE_VALUES) => {
    const [name, json] =
      list === HOSTILE_VALUES && options.value !== undefined ? list[options.value % list.length]! : pick(rng, list);
    return { name, node: new Raw(json) };
  };
  const setHostile = (fields: readonly string[], list?: ReadonlyArray<readonly [string, string]>) => {
    if (!coins.length) return done('no coins to mutate');
    const coin = pick(rng, coins);
    const field = pick(rng, fields);
    const value = hostile(list);
    coin.set(field, value.node);
    return done(`${field} of ${coinName(coin)} := ${value.name}`);
  };

  switch (kind) {
    case 'price-hostile':
      return setHostile(shape.price);
    case 'change-hostile':
      return setHostile(shape.change);
    case 'text-hostile':
      return setHostile(shape.text);
    case 'logo-hostile':
      return setHostile(shape.logo);
    case 'time-hostile':
      return setHostile(shape.time, rng() < 0.7 ? HOSTILE_TIMES : HOSTILE_VALUES);
    case 'market-hostile': {
      // Half the time one point of the coin's series, where it has one; else a market field.
      if (!shape.market.length) return done('no market fields to mutate');
      const coin = coins.length ? pick(rng, coins) : undefined;
      let points: JsonNode | undefined = coin;
      for (const key of shape.series) points = points instanceof Obj ? points.get(key) : undefined;
      if (!coin || !Array.isArray(points) || !points.length || rng() < 0.5) return setHostile(shape.market);
      const at = int(rng, points.length);
      const value = hostile();
      points[at] = value.node;
      return done(`${shape.series.join('.')}[${at}] of ${coinName(coin)} := ${value.name}`);
    }
    case 'field-hostile': {
      const coin = coins.length ? pick(rng, coins) : undefined;
      if (!coin?.entries.length) return done('no coin fields to mutate');
      const [field] = pick(rng, coin.entries);
      const value = hostile();
      coin.set(field, value.node);
      return done(`${field} of ${coinName(coin)} := ${value.name}`);
    }
    case 'several-hostile': {
      const count = 2 + int(rng, Math.max(1, coins.length - 1));
      const chosen = shuffle(rng, coins).slice(0, count);
      const what: string[] = [];
      for (const coin of chosen) {
        const field = pick(rng, [...shape.price, ...shape.price, ...shape.change, ...shape.text]);
        const value = hostile();
        coin.set(field, value.node);
        what.push(`${field} of ${coinName(coin)} := ${value.name}`);
      }
      return done(`${chosen.length === coins.length ? 'all coins' : `${chosen.length} coins`}: ${what.join('; ')}`);
    }
    case 'field-dropped': {
      if (!coins.length) return done('no coins to mutate');
      const all = rng() < 0.25;
      const coin = pick(rng, coins);
      const field =
        rng() < 0.5 || !coin.entries.length
          ? pick(rng, [shape.id, ...shape.price, ...shape.text])
          : pick(rng, coin.entries)[0];
      if (rng() < 0.1) {
        coin.entries = [];
        return done(`every field of ${coinName(coin)} dropped`);
      }
      for (const c of all ? coins : [coin]) c.delete(field);
      return done(`${field} dropped from ${all ? 'every coin' : coinName(coin)}`);
    }
    case 'field-retyped': {
      if (!coins.length) return done('no coins to mutate');
      const coin = pick(rng, coins);
      const field =
        rng() < 0.6 || !coin.entries.length
          ? pick(rng, [shape.id, ...shape.price, ...shape.change, ...shape.text])
          : pick(rng, coin.entries)[0];
      const old = coin.get(field) ?? null;
      const oldText = stringifyTree(old);
      const ways: Array<[string, JsonNode]> = [
        ['as a string', old instanceof Raw ? old.text : oldText],
        [
          'as a number',
          typeof old === 'string' && /^-?\d+(\.\d+)?$/.test(old) ? new Raw(old) : new Raw(String(oldText.length)),
        ],
        ['in an array', [old]],
        ['in an object', new Obj([['value', old]])],
        ['as a boolean', rng() < 0.5],
        ['as null', null],
        ['as a string with spaces', ` ${old instanceof Raw ? old.text : oldText} `],
      ];
      const [how, node] = pick(rng, ways);
      coin.set(field, node);
      return done(`${field} of ${coinName(coin)} ${how}`);
    }
    case 'duplicate-keys': {
      if (!coins.length) return done('no coins to mutate');
      const coin = pick(rng, coins);
      const field = pick(rng, [shape.id, ...shape.price, ...shape.change, ...shape.text]);
      const value = hostile();
      const first = rng() < 0.5;
      if (first) coin.entries.unshift([field, value.node]);
      else coin.entries.push([field, value.node]);
      return done(`${field} of ${coinName(coin)} repeated ${first ? 'before' : 'after'} with ${value.name}`);
    }
    case 'id-duplicated': {
      if (!Array.isArray(tree) || !coins.length) return done('no array to mutate');
      const coin = pick(rng, coins);
      const copy = coin.clone();
      const priceField = shape.price[0];
      if (priceField && rng() < 0.7) copy.set(priceField, new Raw(String(1 + int(rng, 99999))));
      const times = 1 + int(rng, 3);
      for (let n = 0; n < times; n++) tree.splice(int(rng, tree.length + 1), 0, copy.clone());
      return done(`${coinName(coin)} repeated ${times}×`);
    }
    case 'id-emptied': {
      if (!coins.length) return done('no coins to mutate');
      const coin = pick(rng, coins);
      const name = coinName(coin);
      const [how, node] = pick(rng, [
        ['""', ''],
        ['"   "', '   '],
        ['null', null],
        ['missing', undefined],
        ['"\\u0000"', '\u0000'],
        ['"\\u200b"', '\u200b'],
        ['201 chars', 'x'.repeat(201)],
      ] as Array<[string, JsonNode | undefined]>);
      if (node === undefined) coin.delete(shape.id);
      else coin.set(shape.id, node);
      return done(`id of ${name} := ${how}`);
    }
    case 'id-unknown': {
      if (!coins.length) return done('no coins to mutate');
      const coin = pick(rng, coins);
      const name = coinName(coin);
      const id = pick(rng, [
        'not-a-coin',
        name.toUpperCase(),
        ` ${name} `,
        '__proto__',
        'constructor',
        'toString',
        'hasOwnProperty',
        `${name}\u0000`,
        'x'.repeat(200),
      ]);
      coin.set(shape.id, id);
      return done(`id of ${name} := ${JSON.stringify(id).slice(0, 40)}`);
    }
    case 'many-entries': {
      if (!Array.isArray(tree) || !coins.length) return done('no array to mutate');
      const count = pick(rng, [251, 300, 1000]);
      const template = pick(rng, coins);
      for (let n = 0; n < count; n++) {
        const copy = template.clone();
        copy.set(shape.id, `fuzz-coin-${n}`);
        tree.push(copy);
      }
      return done(`${count} extra entries with ids not asked for`);
    }
    case 'array-truncated': {
      if (!Array.isArray(tree)) return done('no array to mutate');
      const keep = int(rng, tree.length);
      const from = int(rng, tree.length - keep + 1);
      return done(`${keep} of ${tree.length} entries kept`, tree.slice(from, from + keep));
    }
    case 'array-wrapped': {
      const ways: Array<[string, JsonNode]> = [
        ['{"data":[…]}', new Obj([['data', tree]])],
        ['{"quotes":[…]}', new Obj([['quotes', tree]])],
        ['[[…]]', [tree]],
        ['the first entry alone', Array.isArray(tree) ? (tree[0] ?? null) : tree],
        ['as a JSON string', stringifyTree(tree)],
        ['{"coins":{id:entry}}', new Obj([['coins', new Obj(coins.map((c) => [coinName(c), c]))]])],
        [
          '{"result":[…],"error":[]}',
          new Obj([
            ['error', []],
            ['result', tree],
          ]),
        ],
      ];
      const [how, node] = pick(rng, ways);
      return done(`body ${how}`, node);
    }
    case 'deep-nesting': {
      const depth = pick(rng, [5_000, 5_000, 20_000, 100_000, 500_000]);
      const open = pick(rng, ['[', '{"a":']);
      const deep = `${open.repeat(depth)}1${(open === '[' ? ']' : '}').repeat(depth)}`;
      const where = pick(rng, ['body', 'entry', 'price', 'name', 'extra field']);
      if (where === 'body' || !coins.length || !Array.isArray(tree))
        return Object.assign(result, { detail: `${depth} levels of ${open} as the body`, body: deep });
      const coin = pick(rng, coins);
      if (where === 'entry') tree.splice(int(rng, tree.length + 1), 0, new Raw(deep));
      else if (where === 'price') coin.set(shape.price[0] ?? 'price', new Raw(deep));
      else if (where === 'name') coin.set(shape.text[0] ?? 'name', new Raw(deep));
      else coin.set('roi', new Raw(deep));
      return done(
        `${depth} levels of ${open} as ${where === 'entry' ? 'an entry' : `the ${where} of ${coinName(coin)}`}`,
      );
    }
    case 'number-keys': {
      const way = int(rng, 5);
      if (way === 0) return Object.assign(result, { detail: 'body {1:2}', body: '{1:2}' });
      if (way === 1) return done('body {"1":2}', new Obj([['1', new Raw('2')]]));
      if (way === 2 || !coins.length) {
        const like = new Obj([
          ...coins.map((c, n): [string, JsonNode] => [String(n), c]),
          ['length', new Raw(String(coins.length))],
        ]);
        return done('body an array-like object {"0":…,"length":n}', like);
      }
      const coin = pick(rng, coins);
      if (way === 3) {
        coin.entries.push(['1', new Raw('2')], ['0', new Raw('0')], ['-1', 'x']);
        return done(`number keys added to ${coinName(coin)}`);
      }
      // Raw `{1:2}` inside an otherwise valid body: the whole body is invalid JSON.
      coin.set('roi', new Raw('{1:2}'));
      return done(`{1:2} as roi of ${coinName(coin)}`);
    }
    case 'proto-keys': {
      const evil = new Obj([
        ['polluted', new Raw('1')],
        ['current_price', new Raw('666')],
        ['toString', 'x'],
      ]);
      if (rng() < 0.3 || !coins.length) return done('body {"__proto__":{…}}', new Obj([['__proto__', evil]]));
      const coin = pick(rng, coins);
      const key = pick(rng, ['__proto__', 'constructor', 'prototype']);
      if (rng() < 0.5) coin.entries.unshift([key, evil.clone()]);
      else coin.entries.push([key, evil.clone()]);
      if (rng() < 0.3 && Array.isArray(tree)) tree.push(new Obj([['__proto__', evil.clone()]]));
      return done(`${key} key in ${coinName(coin)}`);
    }
    case 'syntax-variants': {
      const body = stringifyTree(tree);
      const ways: Array<[string, string]> = [
        ['BOM first', `\ufeff${body}`],
        ['leading and trailing whitespace', `\n\t  ${body}  \n`],
        ['trailing comma', body.replace(/\]$/, ',]')],
        ['a comment', `/* cached */${body}`],
        ['two documents', `${body}${body}`],
        ['trailing text', `${body}\nundefined`],
        ['JSONP', `callback(${body});`],
        ['single quotes', body.replace(/"/g, "'")],
        ['bare NaN prices', body.replace(/("current_price":)[^,}]+/g, '$1NaN')],
        ['unquoted keys', body.replace(/"([a-z_]+)":/g, '$1:')],
        ['a NUL byte first', `\u0000${body}`],
        ['the ")]}\'" XSSI prefix', `)]}'\n${body}`],
      ];
      const [how, text2] = pick(rng, ways);
      return Object.assign(result, { detail: how, body: text2 });
    }
    case 'html-page': {
      const page = pick(rng, HTML_PAGES);
      return Object.assign(result, { detail: `HTML page as JSON: ${page.slice(0, 40).trim()}…`, body: page });
    }
    case 'api-error-body': {
      const bodies = [
        '{"status":{"error_code":429,"error_message":"You\'ve exceeded the Rate Limit. Please visit https://www.coingecko.com/en/api/pricing to subscribe to our API plans for higher rate limits."}}',
        '{"error":"coin not found"}',
        '{"status":{"error_code":10002,"error_message":"API Key Missing"}}',
        '{"error":null}',
        '{"status":{}}',
        '{"status":{"error_code":{"a":[1]},"error_message":["<script>window.__fuzzXss=6</script>"]}}',
        '{}',
        'null',
        '"error"',
        '0',
        'true',
      ];
      const body = pick(rng, bodies);
      return Object.assign(result, { detail: `200 with ${body.slice(0, 50)}`, body });
    }
    case 'over-cap': {
      const cap = 1024 * 1024;
      const base = stringifyTree(tree);
      const over = rng() < 0.6;
      const target = over ? cap + 1 + int(rng, 4096) : cap - 64 - int(rng, 1024);
      if (!coins.length)
        return Object.assign(result, {
          detail: `${target} bytes of spaces`,
          body: base + ' '.repeat(Math.max(0, target - base.length)),
        });
      const coin = pick(rng, coins);
      coin.set('description', '');
      const filler = Math.max(0, target - stringifyTree(tree).length);
      coin.set('description', 'd'.repeat(filler));
      return done(
        `${over ? 'over' : 'under'} the cap: ${stringifyTree(tree).length} bytes (a long field in ${coinName(coin)})`,
      );
    }
    case 'http-status': {
      const status = pick(rng, [400, 401, 403, 404, 418, 429, 500, 502, 503, 504]);
      const withBody = pick(rng, ['none', 'json', 'html', 'the good body'] as const);
      const body =
        withBody === 'none'
          ? ''
          : withBody === 'json'
            ? `{"status":{"error_code":${status},"error_message":"HTTP ${status}"}}`
            : withBody === 'html'
              ? pick(rng, HTML_PAGES)
              : stringifyTree(tree);
      const headers: Record<string, string> =
        status === 429 || (status === 503 && rng() < 0.5) ? { 'Retry-After': '0' } : {};
      const contentType = withBody === 'html' ? 'text/html' : withBody === 'none' && rng() < 0.5 ? null : JSON_TYPE;
      return Object.assign(result, {
        detail: `HTTP ${status}, body: ${withBody}${headers['Retry-After'] ? ', Retry-After: 0' : ''}`,
        body,
        status,
        headers,
        contentType,
      });
    }
    case 'content-type': {
      const contentType = pick(rng, [
        'text/html',
        'text/html; charset=utf-8',
        'text/plain',
        null,
        'application/octet-stream',
        'application/xml',
        '',
      ]);
      const body = rng() < 0.7 ? stringifyTree(tree) : pick(rng, HTML_PAGES);
      return Object.assign(result, {
        detail: `Content-Type ${contentType === null ? 'none' : JSON.stringify(contentType)}, ${body.startsWith('<') ? 'an HTML body' : 'the good body'}`,
        body,
        contentType,
      });
    }
    case 'empty-body': {
      const way = pick(rng, ['empty', 'whitespace', '204', '200 no type']);
      if (way === '204')
        return Object.assign(result, { detail: 'HTTP 204, no body', body: '', status: 204, contentType: null });
      if (way === '200 no type')
        return Object.assign(result, { detail: 'HTTP 200, empty body, no Content-Type', body: '', contentType: null });
      return Object.assign(result, { detail: `HTTP 200, ${way} JSON body`, body: way === 'empty' ? '' : ' \n\t ' });
    }
    case 'json-truncated':
    case 'garbage':
      return Object.assign(result, textLevel(text, rng, kind));
  }
}

/** Mutations of the text itself (no tree needed): truncation and garbage. */
function textLevel(
  text: string,
  rng: Rng,
  kind: 'json-truncated' | 'garbage' = rng() < 0.5 ? 'json-truncated' : 'garbage',
): Pick<Mutation, 'detail' | 'body'> {
  if (kind === 'json-truncated') {
    const at = int(rng, Math.max(1, text.length - 1));
    return { detail: `cut at ${at} of ${text.length}`, body: text.slice(0, at) };
  }
  const way = int(rng, 4);
  if (way === 0) {
    const length = 1 + int(rng, 2000);
    let out = '';
    for (let n = 0; n < length; n++) out += String.fromCharCode(int(rng, 0x10000));
    return { detail: `${length} random UTF-16 units`, body: out };
  }
  if (way === 1) {
    const length = 1 + int(rng, 500);
    const alphabet = '[]{}":,0123456789.eE+-nulltruefalse \n\\';
    let out = '';
    for (let n = 0; n < length; n++) out += alphabet[int(rng, alphabet.length)];
    return { detail: `${length} random JSON-ish characters`, body: out };
  }
  // Flip a few characters of the real body: often still JSON, with odd values in odd places.
  const chars = [...text];
  const flips = 1 + int(rng, 8);
  const alphabet = '[]{}":,0123456789.-eE nx\\';
  const where: number[] = [];
  for (let n = 0; n < flips; n++) {
    const at = int(rng, chars.length);
    where.push(at);
    chars[at] = alphabet[int(rng, alphabet.length)]!;
  }
  return { detail: `${flips} characters flipped at ${where.join(',')}`, body: chars.join('') };
}

/** The coin objects of a body: an array's objects, else objects that carry an id field. */
function collectCoins(tree: JsonNode, shape: BodyShape): Obj[] {
  if (Array.isArray(tree)) return tree.filter((e): e is Obj => e instanceof Obj);
  const found: Obj[] = [];
  const walk = (node: JsonNode, depth: number) => {
    if (depth > 8) return;
    if (node instanceof Obj) {
      if (node.get(shape.id) !== undefined) found.push(node);
      for (const [, v] of node.entries) walk(v, depth + 1);
    } else if (Array.isArray(node)) for (const v of node) walk(v, depth + 1);
  };
  walk(tree, 0);
  return found;
}

function shuffle<T>(rng: Rng, list: readonly T[]): T[] {
  const out = [...list];
  for (let n = out.length - 1; n > 0; n--) {
    const j = int(rng, n + 1);
    [out[n], out[j]] = [out[j]!, out[n]!];
  }
  return out;
}

/* ------------------------------------------------------------------------------------------ */
/* The other sources' fields, for `mutateBody(text, rng, { shape })` (test/unit/fuzz/sources). */
/* A shape with no logo or time fields is not for `logo-hostile` or `time-hostile`; one with   */
/* no change fields is not for `change-hostile`.                                                */

/** Binance `/api/v3/ticker/24hr`: an array of tickers; the symbol is id, name and symbol. */
export const BINANCE_SHAPE: BodyShape = {
  id: 'symbol',
  price: ['lastPrice'],
  change: ['priceChangePercent'],
  text: ['symbol'],
  logo: [],
  time: [],
  market: ['quoteVolume'],
  series: [],
};

/** The `json` source: an array of `QuoteInput`. */
export const JSON_SHAPE: BodyShape = {
  id: 'id',
  price: ['price'],
  change: ['change'],
  text: ['name', 'symbol'],
  logo: ['logo'],
  time: ['updatedAt'],
  market: ['marketCap', 'volume'],
  series: ['sparkline'],
};

/** Coinbase `/products/<id>/ticker`: one object per product (its id is in the URL, not the body). */
export const COINBASE_TICKER_SHAPE: BodyShape = {
  id: 'trade_id',
  price: ['price'],
  change: [],
  text: [],
  logo: [],
  time: ['time'],
  market: ['volume'],
  series: [],
};

/** Coinbase `/products/<id>/stats`: the change is computed from `open` and `last`. */
export const COINBASE_STATS_SHAPE: BodyShape = {
  id: 'open',
  price: ['last'],
  change: ['open', 'last'],
  text: [],
  logo: [],
  time: [],
  market: [],
  series: [],
};

/**
 * Kraken, seen through {@link krakenFlat}: each pair of `result` as an entry whose `pair` is its
 * key and whose `c` is its last price `c[0]`; the change comes from `o`.
 */
export const KRAKEN_SHAPE: BodyShape = {
  id: 'pair',
  price: ['c'],
  change: ['o'],
  text: ['pair'],
  logo: [],
  time: [],
  market: ['v'],
  series: ['v'],
};

/** The lot volume Kraken sends after the last price (`c[1]`), put back by {@link krakenUnflat}. */
const KRAKEN_LOT = '0.00160710';

/**
 * A Kraken Ticker body (`{"error":[],"result":{"XXBTZUSD":{…,"c":["70000.1","0.5"],…}}}`) as an
 * array of entries `{"pair":"XXBTZUSD",…,"c":"70000.1",…}`, so the array kinds of
 * {@link mutateBody} (ids, duplicates, many entries, truncation) work on its pairs.
 */
export function krakenFlat(text: string): string {
  const tree = parseTree(text);
  const result = tree instanceof Obj ? tree.get('result') : undefined;
  if (!(result instanceof Obj)) throw new Error('expected a Kraken body with a "result" object');
  return stringifyTree(
    result.entries.map(([pair, ticker]) => {
      if (!(ticker instanceof Obj)) return new Obj([['pair', pair]]);
      const entries = ticker.entries.map(([k, v]): [string, JsonNode] => [
        k,
        k === 'c' && Array.isArray(v) ? (v[0] ?? null) : v,
      ]);
      return new Obj([['pair', pair], ...entries]);
    }),
  );
}

/**
 * Back from {@link krakenFlat}'s form, after a mutation: each entry's last `pair` (if a string)
 * becomes its key in `result`, every `c` becomes `[c, <lot>]` again; an entry without a string
 * pair is left out (a Kraken key is always a string), one that is not an object gets the key
 * `FUZZ<n>`. Text that is not an array of entries (a mutation that replaced the whole body,
 * or made it invalid) is returned as it is.
 */
export function krakenUnflat(text: string): string {
  let tree: JsonNode;
  try {
    tree = parseTree(text);
  } catch {
    return text;
  }
  if (!Array.isArray(tree)) return text;
  const result: Array<[string, JsonNode]> = [];
  tree.forEach((entry, n) => {
    if (!(entry instanceof Obj)) return void result.push([`FUZZ${n}`, entry]);
    const pair = entry.entries.filter(([k]) => k === 'pair').at(-1)?.[1];
    if (typeof pair !== 'string') return;
    const ticker = entry.entries
      .filter(([k]) => k !== 'pair')
      .map(([k, v]): [string, JsonNode] => [k, k === 'c' ? [v, KRAKEN_LOT] : v]);
    result.push([pair, new Obj(ticker)]);
  });
  return stringifyTree(
    new Obj([
      ['error', []],
      ['result', new Obj(result)],
    ]),
  );
}
