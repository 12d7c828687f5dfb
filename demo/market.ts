/**
 * A SIMULATED crypto market that answers like CoinGecko's `GET /coins/markets`.
 *
 * Nothing here is real market data. Prices start from `demo/data/seed-coins.json` (a
 * snapshot of 50 real coins) and then random-walk; the fiat exchange rates are a fixed
 * table (see `FIAT_PER_USD`); BTC and ETH quotes are derived from the simulated bitcoin
 * and ethereum prices; market caps, supplies and volumes are made up so that the ranking
 * looks plausible. With `sparkline=true` each coin carries `sparkline_in_7d.price`: 168 hourly
 * prices whose shape comes from the coin's id, from its 7-day open to its current price.
 *
 * Exactness: every amount is a BigInt scaled by 10^30 (30 decimal places), so no price
 * ever passes through a JavaScript float. Each step multiplies by a ratio given in parts
 * per billion and keeps 10 significant digits. The response body is written as TEXT, so
 * numbers appear as JSON number literals with every digit the state holds
 * (`"current_price":0.00000008412735129`). Math.random (or the injected `random`) only
 * chooses the size of a step; the step itself is applied in BigInt arithmetic.
 *
 * Pure: no DOM, no timers, no network; `createMarket(seed, random)` is unit-tested in Node.
 */

export interface SeedCoin {
  readonly id: string;
  readonly name: string;
  readonly symbol: string;
  /** USD price as a decimal string. */
  readonly price: string;
  /** Size of the 24 h change in percent, WITHOUT sign (the seed gives magnitudes only). */
  readonly change: string;
  /** True for coins that do not exist (added by this simulation). */
  readonly simulated?: boolean;
}

export interface MarketOptions {
  /** Absolute base URL of the generated logos; `image` is `<logoBase><id>.svg`. */
  readonly logoBase?: string;
  /** Clock for `last_updated`, in ms since the epoch. */
  readonly now?: () => number;
  /** Largest step of one price in one `step()`, as a fraction (default 0.005 = ±0.5 %). */
  readonly maxStep?: number;
  /**
   * Add the two made-up ultra-tiny coins of `SIMULATED_TINY_COINS` when the seed has no
   * coin below 0.000001 USD (default true).
   */
  readonly addTinyCoins?: boolean;
}

/** A coin's state as exact decimal strings (USD). */
export interface CoinView {
  readonly id: string;
  readonly symbol: string;
  readonly name: string;
  readonly simulated: boolean;
  /** Current USD price, exactly the digits `current_price` carries with `precision=full`. */
  readonly price: string;
  readonly open24h: string;
  readonly lastUpdated: number;
}

export interface MarketResponse {
  readonly status: number;
  readonly body: string;
}

export interface Market {
  /** The coins in seed order, as exact strings. */
  readonly coins: readonly CoinView[];
  /** One coin by id, or undefined. */
  coin(id: string): CoinView | undefined;
  /** Moves every price by one random step (some stay put); returns the ids that moved. */
  step(): string[];
  /** Number of `step()` calls so far. */
  readonly steps: number;
  /** The `/coins/markets` body for this URL's query; throws `MarketQueryError` on a bad query. */
  marketsResponse(url: URL): string;
  /** Same as `marketsResponse`, with a bad query turned into CoinGecko's 400 answer. */
  respond(url: URL): MarketResponse;
  /**
   * What a server would ship inside the element for the same query: JSON text of an array of
   * the ticker's `QuoteInput` (the `json` source's shape), every number as exact as the body's.
   */
  pageQuotes(url: URL): string;
}

/** A query CoinGecko would refuse (HTTP 400); `body` is the JSON error body. */
export class MarketQueryError extends Error {
  readonly status = 400;
  readonly body: string;
  constructor(message: string) {
    super(message);
    this.name = 'MarketQueryError';
    this.body = `{"error":${JSON.stringify(message)}}`;
  }
}

/**
 * Made-up coins far below a millionth of a dollar, so the demo shows subscript zeros.
 * Marked `simulated` and named "(simulated)"; their ids start with `sim-`.
 */
export const SIMULATED_TINY_COINS: readonly SeedCoin[] = [
  {
    id: 'sim-nanocat',
    name: 'NanoCat (simulated)',
    symbol: 'NCAT',
    price: '0.0000000841273',
    change: '3.41',
    simulated: true,
  },
  {
    id: 'sim-quark-inu',
    name: 'Quark Inu (simulated)',
    symbol: 'QINU',
    price: '0.00000000000000003928',
    change: '11.07',
    simulated: true,
  },
];

/**
 * SIMULATED fixed exchange rates: units of the currency per 1 USD. Not live rates.
 * `btc` and `eth` are not here: they follow the simulated bitcoin and ethereum prices.
 */
export const FIAT_PER_USD: Readonly<Record<string, string>> = {
  usd: '1',
  eur: '0.92',
  gbp: '0.79',
  jpy: '151.62',
  chf: '0.90',
  cad: '1.36',
  aud: '1.52',
  inr: '83.31',
};

/** Currencies `vs_currency` accepts: the fiat table plus the crypto ones. */
export const SUPPORTED_CURRENCIES: readonly string[] = [...Object.keys(FIAT_PER_USD), 'btc', 'eth'];

const CRYPTO_QUOTES: Readonly<Record<string, string>> = { btc: 'bitcoin', eth: 'ethereum' };

// ---------------------------------------------------------------------------------------
// Exact decimal arithmetic on BigInt scaled by 10^30.

const DECIMALS = 30;
const SCALE = 10n ** BigInt(DECIMALS);
/** Significant digits a price keeps after each step. */
const SIGNIFICANT = 10;
const PPB = 1_000_000_000n;

const DECIMAL_RE = /^([+-]?)(\d*)(?:\.(\d*))?$/;

/** Parses a plain decimal string (`-12.5`, `.5`, `5.`) into a BigInt scaled by 10^30. */
export function parseDecimal(text: string): bigint {
  const m = DECIMAL_RE.exec(text.trim());
  const int = m?.[2] ?? '';
  const frac = m?.[3] ?? '';
  if (!m || (int === '' && frac === '')) throw new RangeError(`not a decimal: ${JSON.stringify(text)}`);
  const digits = BigInt((int || '0') + frac.padEnd(DECIMALS, '0').slice(0, DECIMALS));
  // Digits beyond 30 decimals are rounded half away from zero.
  const rest = frac.slice(DECIMALS);
  const rounded = rest !== '' && rest.charCodeAt(0) >= 53 /* '5' */ ? digits + 1n : digits;
  return m[1] === '-' ? -rounded : rounded;
}

/** Writes a scaled BigInt as a plain decimal string, trailing zeros dropped, no exponent. */
export function formatDecimal(value: bigint): string {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const int = abs / SCALE;
  const frac = (abs % SCALE).toString().padStart(DECIMALS, '0').replace(/0+$/, '');
  const text = frac === '' ? int.toString() : `${int}.${frac}`;
  return negative && text !== '0' ? `-${text}` : text;
}

/** n / d rounded half away from zero. */
function divRound(n: bigint, d: bigint): bigint {
  if (d < 0n) return divRound(-n, -d);
  const q = n / d;
  const r = n % d;
  if (2n * (r < 0n ? -r : r) >= d) return n < 0n ? q - 1n : q + 1n;
  return q;
}

const mul = (a: bigint, b: bigint): bigint => divRound(a * b, SCALE);
const div = (a: bigint, b: bigint): bigint => divRound(a * SCALE, b);
const abs = (a: bigint): bigint => (a < 0n ? -a : a);
const min = (a: bigint, b: bigint): bigint => (a < b ? a : b);
const max = (a: bigint, b: bigint): bigint => (a > b ? a : b);
const clamp = (a: bigint, lo: bigint, hi: bigint): bigint => min(max(a, lo), hi);

/** Rounds to `places` decimals (0–30), half away from zero. */
function roundDecimals(value: bigint, places: number): bigint {
  if (places >= DECIMALS) return value;
  const unit = 10n ** BigInt(DECIMALS - places);
  return divRound(value, unit) * unit;
}

/** Rounds to `sig` significant digits, half away from zero. */
function roundSignificant(value: bigint, sig: number): bigint {
  const digits = abs(value).toString().length;
  if (digits <= sig) return value;
  const unit = 10n ** BigInt(digits - sig);
  return divRound(value, unit) * unit;
}

/** A float fraction (e.g. 0.005) as parts per billion; only used to size random steps. */
const toPpb = (fraction: number): bigint => BigInt(Math.round(fraction * 1e9));

/** Percent change from `from` to `to`, scaled. */
const percentChange = (from: bigint, to: bigint): bigint =>
  from === 0n ? 0n : divRound((to - from) * 100n * SCALE, from);

// ---------------------------------------------------------------------------------------

/** A small seeded PRNG (mulberry32), for reproducible markets in tests. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface CoinState {
  readonly id: string;
  readonly symbol: string;
  readonly name: string;
  readonly simulated: boolean;
  /** Steps are smaller and pulled harder to the anchor for coins pegged near $1. */
  readonly stable: boolean;
  /** Current USD price (scaled). */
  price: bigint;
  /** The seed price: prices are pulled gently back to it so the walk stays plausible. */
  readonly anchor: bigint;
  readonly open1h: bigint;
  readonly open24h: bigint;
  readonly open7d: bigint;
  high24h: bigint;
  low24h: bigint;
  /** Circulating supply, whole coins (NOT scaled). Made up. */
  readonly supply: bigint;
  /** Share of the market cap traded in 24 h, in ppb. Made up. */
  readonly volumePpb: bigint;
  /**
   * The 7-day line before this walk began: 168 hourly USD prices from `open7d` to the anchor,
   * made from the coin's id alone. The series sent is this path with the walk's distance from
   * the anchor added in growing shares, so it ends exactly at the current price.
   */
  readonly history: readonly bigint[];
  lastUpdated: number;
}

/** Hourly points in a 7-day sparkline, oldest first, as CoinGecko sends them. */
export const SPARKLINE_POINTS = 168;

/** A number from a coin's id, so its 7-day line has the same shape in every run. */
function idSeed(id: string): number {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  return h >>> 0;
}

/**
 * A plausible 7-day path from `from` to `to` (USD, scaled): a straight line times a walk pinned
 * to zero at both ends, from the coin's id alone. The walk's hourly moves carry on a while
 * (each keeps most of the last), so it swings in waves as prices do, not in white noise.
 */
function sevenDayPath(id: string, from: bigint, to: bigint, hourly: number): bigint[] {
  const random = seededRandom(idSeed(id));
  const last = SPARKLINE_POINTS - 1;
  const walk = [0];
  let move = 0;
  for (let i = 1; i <= last; i++) {
    move = 0.8 * move + (random() * 2 - 1) * hourly;
    walk.push(walk[i - 1]! + move);
  }
  const end = walk[last]!;
  return walk.map((w, i) => {
    if (i === 0) return from;
    if (i === last) return to;
    const line = from + divRound((to - from) * BigInt(i), BigInt(last));
    // Pinned: the walk minus its straight share of where it ended, bounded to ±25 %.
    const wobble = clamp(toPpb(w - (end * i) / last), -PPB / 4n, PPB / 4n);
    return roundSignificant(divRound(line * (PPB + wobble), PPB), SIGNIFICANT);
  });
}

const ORDERS = ['market_cap_desc', 'market_cap_asc', 'volume_desc', 'volume_asc', 'id_asc', 'id_desc'] as const;
type Order = (typeof ORDERS)[number];
const WINDOWS = ['1h', '24h', '7d'] as const;
type Window = (typeof WINDOWS)[number];

export function createMarket(
  seed: readonly SeedCoin[],
  random: () => number = Math.random,
  options: MarketOptions = {},
): Market {
  const logoBase = options.logoBase ?? 'http://localhost:5173/demo-logos/';
  const now = options.now ?? Date.now;
  const maxStepPpb = toPpb(options.maxStep ?? 0.005);
  const oneMillionth = SCALE / 1_000_000n; // 0.000001

  const all: SeedCoin[] = [...seed];
  const hasUltraTiny = seed.some((c) => parseDecimal(c.price) < oneMillionth);
  if ((options.addTinyCoins ?? true) && !hasUltraTiny) {
    for (const tiny of SIMULATED_TINY_COINS) if (!all.some((c) => c.id === tiny.id)) all.push(tiny);
  }

  const startedAt = now();
  const coins: CoinState[] = all.map((c, i) => {
    const price = parseDecimal(c.price);
    if (price <= 0n) throw new RangeError(`seed price of ${c.id} must be positive: ${c.price}`);
    const stable = abs(price - SCALE) <= SCALE / 50n; // within 2 % of $1
    const ppb = (fraction: number): bigint => PPB + toPpb(fraction);
    // The seed's change has no sign: pick one, so the strip shows both colours.
    const sign = random() < 0.5 ? -1 : 1;
    const change24 = parseDecimal(c.change) * BigInt(sign);
    const open24h = roundSignificant(div(price * 100n, 100n * SCALE + change24), SIGNIFICANT);
    const open1h = roundSignificant(
      divRound(price * PPB, ppb((random() * 2 - 1) * (stable ? 0.001 : 0.012))),
      SIGNIFICANT,
    );
    const open7d = roundSignificant(
      divRound(price * PPB, ppb((random() * 2 - 1) * (stable ? 0.003 : 0.12))),
      SIGNIFICANT,
    );
    const band = stable ? 0.002 : 0.02;
    const high24h = roundSignificant(divRound(max(price, open24h) * ppb(random() * band), PPB), SIGNIFICANT);
    const low24h = roundSignificant(divRound(min(price, open24h) * ppb(-random() * band), PPB), SIGNIFICANT);
    // Made-up market caps that fall with the seed's order (the seed is ranked by cap):
    // about $1.25 trillion for the first coin, a few million for the simulated tiny ones.
    const targetCap = c.simulated ? 9e6 / (i - seed.length + 1) : 1.25e12 / Math.pow(i + 1, 1.6);
    const supply = BigInt(Math.max(1, Math.round(targetCap / Number(c.price))));
    const volumePpb = toPpb(0.02 + random() * 0.18);
    const history = sevenDayPath(c.id, open7d, price, stable ? 0.0002 : 0.003);
    return {
      id: c.id,
      symbol: c.symbol.toLowerCase(),
      name: c.name,
      simulated: c.simulated === true,
      stable,
      price,
      anchor: price,
      open1h,
      open24h,
      open7d,
      high24h,
      low24h,
      supply,
      volumePpb,
      history,
      lastUpdated: startedAt,
    };
  });
  const byId = new Map(coins.map((c) => [c.id, c]));
  let steps = 0;

  const view = (c: CoinState): CoinView => ({
    id: c.id,
    symbol: c.symbol,
    name: c.name,
    simulated: c.simulated,
    price: formatDecimal(c.price),
    open24h: formatDecimal(c.open24h),
    lastUpdated: c.lastUpdated,
  });

  function step(): string[] {
    steps += 1;
    const t = now();
    const moved: string[] = [];
    for (const c of coins) {
      if (random() < 0.15) continue; // some coins do not trade every tick
      const limit = c.stable ? maxStepPpb / 10n : maxStepPpb;
      const noise = toPpb((random() * 2 - 1) * (Number(limit) / 1e9));
      // Mean reversion: 5 % (stablecoins 20 %) of the gap to the anchor per step.
      const gapPpb = divRound((c.anchor - c.price) * PPB, c.price);
      const pull = divRound(gapPpb * (c.stable ? 20n : 5n), 100n);
      const ratio = clamp(noise + pull, -limit, limit);
      const next = roundSignificant(divRound(c.price * (PPB + ratio), PPB), SIGNIFICANT);
      if (next <= 0n || next === c.price) continue;
      c.price = next;
      c.high24h = max(c.high24h, next);
      c.low24h = min(c.low24h, next);
      c.lastUpdated = t;
      moved.push(c.id);
    }
    return moved;
  }

  /** Units of `currency` per 1 USD, now or at a window's open. */
  function rate(currency: string, at: 'now' | Window): bigint {
    const fiat = FIAT_PER_USD[currency];
    if (fiat !== undefined) return parseDecimal(fiat);
    const quoteId = CRYPTO_QUOTES[currency];
    const quote = quoteId === undefined ? undefined : byId.get(quoteId);
    if (!quote) throw new MarketQueryError('invalid vs_currency');
    const usd = at === 'now' ? quote.price : at === '1h' ? quote.open1h : at === '24h' ? quote.open24h : quote.open7d;
    return div(SCALE, usd);
  }

  /** Each coin's 7-day USD series per price it had, so a poll of many tickers computes it once. */
  const seriesCache = new WeakMap<CoinState, { price: bigint; series: bigint[] }>();

  /** The 7-day USD series, oldest first: the coin's history moved by the walk, ending at the price. */
  function usdSeries(c: CoinState): bigint[] {
    const cached = seriesCache.get(c);
    if (cached?.price === c.price) return cached.series;
    const last = SPARKLINE_POINTS - 1;
    const drift = c.price - c.anchor;
    const series = c.history.map((h, i) => {
      if (i === last) return c.price;
      const p = roundSignificant(h + divRound(drift * BigInt(i), BigInt(last)), SIGNIFICANT);
      return p > 0n ? p : h;
    });
    seriesCache.set(c, { price: c.price, series });
    return series;
  }

  /** The coins a query selects, each as its fields: [name, JSON literal] in CoinGecko's order. */
  function marketsRows(url: URL): [string, string][][] {
    const q = url.searchParams;
    const currency = (q.get('vs_currency') ?? 'usd').trim().toLowerCase() || 'usd';
    if (!SUPPORTED_CURRENCIES.includes(currency)) throw new MarketQueryError('invalid vs_currency');

    const list = (name: string): string[] | null => {
      const raw = q.get(name);
      if (raw === null || raw.trim() === '') return null;
      return raw
        .split(',')
        .map((s) => s.trim().toLowerCase())
        .filter((s) => s !== '');
    };
    const ids = list('ids');
    const symbols = list('symbols');
    const orderParam = (q.get('order') ?? 'market_cap_desc').toLowerCase();
    const order: Order = (ORDERS as readonly string[]).includes(orderParam) ? (orderParam as Order) : 'market_cap_desc';
    const perPage = clampInt(q.get('per_page'), 1, 250, 100);
    const page = clampInt(q.get('page'), 1, 1_000_000, 1);
    const windows = (list('price_change_percentage') ?? []).filter((w): w is Window =>
      (WINDOWS as readonly string[]).includes(w),
    );
    const precisionParam = q.get('precision');
    // `full`: every digit of the state; 0–18: that many decimals; absent: 6 significant
    // digits, about what CoinGecko sends by default (`"current_price":70187`).
    const precision =
      precisionParam === 'full'
        ? 'full'
        : precisionParam !== null && /^\d+$/.test(precisionParam) && Number(precisionParam) <= 18
          ? Number(precisionParam)
          : 'default';
    const roundPrice = (v: bigint): bigint =>
      precision === 'full' ? v : precision === 'default' ? roundSignificant(v, 6) : roundDecimals(v, precision);
    const withSparkline = q.get('sparkline')?.trim().toLowerCase() === 'true';
    const quoteCoin = CRYPTO_QUOTES[currency] === undefined ? undefined : byId.get(CRYPTO_QUOTES[currency]);

    const rateNow = rate(currency, 'now');
    const rate24 = rate(currency, '24h');
    const usdCap = (c: CoinState): bigint => c.price * c.supply;
    const ranked = [...coins].sort((a, b) => cmp(usdCap(b), usdCap(a)) || a.id.localeCompare(b.id));
    const rankOf = new Map(ranked.map((c, i) => [c.id, i + 1]));

    let selected = coins.filter(
      (c) => (ids === null || ids.includes(c.id)) && (symbols === null || symbols.includes(c.symbol)),
    );
    const volumeUsd = (c: CoinState): bigint => usdCap(c) * c.volumePpb;
    selected.sort((a, b) => {
      switch (order) {
        case 'market_cap_asc':
          return cmp(usdCap(a), usdCap(b));
        case 'volume_desc':
          return cmp(volumeUsd(b), volumeUsd(a));
        case 'volume_asc':
          return cmp(volumeUsd(a), volumeUsd(b));
        case 'id_asc':
          return a.id.localeCompare(b.id);
        case 'id_desc':
          return b.id.localeCompare(a.id);
        default:
          return cmp(usdCap(b), usdCap(a)) || a.id.localeCompare(b.id);
      }
    });
    selected = selected.slice((page - 1) * perPage, page * perPage);

    return selected.map((c) => {
      // In a fiat currency every amount is USD × a fixed rate; in BTC or ETH the rate moves
      // with the quote coin, so bitcoin in btc is always 1 with a 0 % change.
      // In USD (rate exactly 1) the state's digits go out untouched.
      const usd2 = (usd: bigint, r: bigint): bigint => (r === SCALE ? usd : roundSignificant(mul(usd, r), SIGNIFICANT));
      const price = usd2(c.price, rateNow);
      const open24 = usd2(c.open24h, rate24);
      const marketCap = divRound(price * c.supply, SCALE) * SCALE;
      const openCap = divRound(open24 * c.supply, SCALE) * SCALE;
      const volume = roundDecimals(divRound(marketCap * c.volumePpb, PPB), 0);
      const fields: [string, string][] = [
        ['id', JSON.stringify(c.id)],
        ['symbol', JSON.stringify(c.symbol)],
        ['name', JSON.stringify(c.name)],
        ['image', JSON.stringify(`${logoBase}${encodeURIComponent(c.id)}.svg`)],
        ['current_price', num(roundPrice(price))],
        ['market_cap', num(marketCap)],
        ['market_cap_rank', String(rankOf.get(c.id) ?? 0)],
        ['fully_diluted_valuation', 'null'],
        ['total_volume', num(volume)],
        ['high_24h', num(roundPrice(usd2(c.high24h, rateNow)))],
        ['low_24h', num(roundPrice(usd2(c.low24h, rateNow)))],
        ['price_change_24h', num(roundPrice(price - open24))],
        ['price_change_percentage_24h', num(roundDecimals(percentChange(open24, price), 5))],
        ['market_cap_change_24h', num(marketCap - openCap)],
        ['market_cap_change_percentage_24h', num(roundDecimals(percentChange(openCap, marketCap), 5))],
        ['circulating_supply', c.supply.toString()],
        ['total_supply', c.supply.toString()],
        ['max_supply', 'null'],
        ['roi', 'null'],
        ['last_updated', JSON.stringify(new Date(c.lastUpdated).toISOString())],
      ];
      if (withSparkline) {
        // Each hour's price in the currency at that hour: in BTC or ETH, over the quote coin's
        // own series, so bitcoin in btc is 1 all week. The last point is current_price exactly.
        const quoteSeries = quoteCoin && usdSeries(quoteCoin);
        const points = usdSeries(c).map((usd, i) =>
          roundPrice(usd2(usd, quoteSeries ? div(SCALE, quoteSeries[i]!) : rateNow)),
        );
        fields.push(['sparkline_in_7d', `{"price":[${points.map(num).join(',')}]}`]);
      }
      for (const w of windows) {
        const open = w === '1h' ? c.open1h : w === '24h' ? c.open24h : c.open7d;
        const openInCurrency = usd2(open, rate(currency, w));
        fields.push([
          `price_change_percentage_${w}_in_currency`,
          num(roundDecimals(percentChange(openInCurrency, price), 12)),
        ]);
      }
      return fields;
    });
  }

  function marketsResponse(url: URL): string {
    const items = marketsRows(url).map((fields) => `{${fields.map(([k, v]) => `"${k}":${v}`).join(',')}}`);
    return `[${items.join(',')}]`;
  }

  function pageQuotes(url: URL): string {
    const items = marketsRows(url).map((row) => {
      const field = new Map(row);
      const change = row.find(([k]) => k.endsWith('_in_currency'))?.[1] ?? field.get('price_change_percentage_24h');
      const series = /^\{"price":(\[.*\])\}$/.exec(field.get('sparkline_in_7d') ?? '')?.[1];
      const quote: [string, string | undefined][] = [
        ['id', field.get('id')],
        ['symbol', field.get('symbol')],
        ['name', field.get('name')],
        ['price', field.get('current_price')],
        ['change', change],
        ['logo', field.get('image')],
        ['marketCap', field.get('market_cap')],
        ['volume', field.get('total_volume')],
        ['sparkline', series],
        ['updatedAt', field.get('last_updated')],
      ];
      return `{${quote
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => `"${k}":${v}`)
        .join(',')}}`;
    });
    return `[${items.join(',')}]`;
  }

  function respond(url: URL): MarketResponse {
    try {
      return { status: 200, body: marketsResponse(url) };
    } catch (e) {
      if (e instanceof MarketQueryError) return { status: e.status, body: e.body };
      throw e;
    }
  }

  return {
    get coins() {
      return coins.map(view);
    },
    coin(id) {
      const c = byId.get(id);
      return c && view(c);
    },
    step,
    get steps() {
      return steps;
    },
    marketsResponse,
    respond,
    pageQuotes,
  };
}

/** A scaled value as a JSON number literal (plain decimal, every digit). */
const num = (v: bigint): string => formatDecimal(v);

const cmp = (a: bigint, b: bigint): number => (a < b ? -1 : a > b ? 1 : 0);

function clampInt(raw: string | null, lo: number, hi: number, fallback: number): number {
  if (raw === null || !/^\d+$/.test(raw.trim())) return fallback;
  return Math.min(hi, Math.max(lo, Number(raw.trim())));
}
