// The demo's simulated CoinGecko market (demo/market.ts): response shape, query handling,
// exact digits in the body text, bounded drift, reproducibility.
import { describe, expect, it } from 'vitest';
import seed from '../../../demo/data/seed-coins.json';
import {
  createMarket,
  formatDecimal,
  MarketQueryError,
  parseDecimal,
  seededRandom,
  SIMULATED_TINY_COINS,
  type SeedCoin,
} from '../../../demo/market';

const NOW = Date.UTC(2024, 3, 7, 16, 49, 31, 736);
const BASE = 'https://api.coingecko.com/api/v3/coins/markets';

const make = (random = seededRandom(7)) =>
  createMarket(seed, random, { now: () => NOW, logoBase: 'http://localhost:5173/demo-logos/' });
const url = (query: string) => new URL(`${BASE}?${query}`);
type Row = Record<string, unknown>;
const rows = (body: string) => JSON.parse(body) as Row[];
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// Vitest types its asymmetric matchers as any: held as unknown, so no any spreads.
const anyString: unknown = expect.any(String);
const anyNumber: unknown = expect.any(Number);

/** The raw text of one field of one coin in the body (the JSON literal as written). */
function rawField(body: string, id: string, field: string): string | undefined {
  const start = body.indexOf(`{"id":${JSON.stringify(id)},`);
  if (start < 0) return undefined;
  const end = body.indexOf(',{"id":', start); // the next coin (a sparkline holds no ids)
  const object = body.slice(start, end < 0 ? undefined : end);
  return new RegExp(`"${field}":([^,}]+)`).exec(object)?.[1];
}

describe('demo market: response shape', () => {
  it('is a JSON array in the shape of CoinGecko /coins/markets', () => {
    const market = make();
    market.step();
    const body = market.marketsResponse(
      url('vs_currency=usd&per_page=250&price_change_percentage=1h,24h,7d&precision=full'),
    );
    const list = rows(body);
    expect(list).toHaveLength(seed.length + SIMULATED_TINY_COINS.length);
    for (const row of list) {
      expect(row).toMatchObject({
        id: anyString,
        symbol: expect.stringMatching(/^[a-z0-9]+$/) as unknown,
        name: anyString,
        image: expect.stringMatching(/^http:\/\/localhost:5173\/demo-logos\/[a-z0-9-]+\.svg$/) as unknown,
        current_price: anyNumber,
        market_cap: anyNumber,
        market_cap_rank: anyNumber,
        total_volume: anyNumber,
        high_24h: anyNumber,
        low_24h: anyNumber,
        price_change_24h: anyNumber,
        price_change_percentage_24h: anyNumber,
        price_change_percentage_1h_in_currency: anyNumber,
        price_change_percentage_24h_in_currency: anyNumber,
        price_change_percentage_7d_in_currency: anyNumber,
        last_updated: new Date(NOW).toISOString(),
      });
      expect(row['current_price']).toBeGreaterThan(0);
      expect(row['low_24h'] as number).toBeLessThanOrEqual(row['current_price'] as number);
      expect(row['high_24h'] as number).toBeGreaterThanOrEqual(row['current_price'] as number);
    }
    // Ranked by market cap, 1…n, in order.
    expect(list.map((r) => r['market_cap_rank'])).toEqual(list.map((_, i) => i + 1));
    const caps = list.map((r) => r['market_cap'] as number);
    expect([...caps].sort((a, b) => b - a)).toEqual(caps);
    // Symbols are lower case, as CoinGecko sends them.
    expect(list.find((r) => r['id'] === 'bitcoin')?.['symbol']).toBe('btc');
  });

  it('keeps field names exactly as the 2024 CoinGecko fixture has them', async () => {
    const fixture = (await import('../../fixtures/coingecko-markets-2024.json')).default as Row[];
    const real = Object.keys(fixture[0] ?? {});
    const ours = Object.keys(rows(make().marketsResponse(url('vs_currency=usd&ids=bitcoin')))[0] ?? {});
    const shared = [
      'id',
      'symbol',
      'name',
      'image',
      'current_price',
      'market_cap',
      'market_cap_rank',
      'total_volume',
      'high_24h',
      'low_24h',
      'price_change_24h',
      'price_change_percentage_24h',
      'last_updated',
    ];
    for (const key of shared) {
      expect(real).toContain(key);
      expect(ours).toContain(key);
    }
    for (const key of ours) expect(real).toContain(key);
  });
});

describe('demo market: query', () => {
  it('honours ids: market-cap order, unknown ids omitted, case-insensitive', () => {
    const body = make().marketsResponse(
      url('vs_currency=usd&ids=pepe,%20Dogecoin,no-such-coin,bitcoin,sim-quark-inu,ethereum'),
    );
    expect(rows(body).map((r) => r['id'])).toEqual(['bitcoin', 'ethereum', 'dogecoin', 'pepe', 'sim-quark-inu']);
    expect(rows(make().marketsResponse(url('vs_currency=usd&ids=nothing-here')))).toEqual([]);
  });

  it('honours per_page (default 100, at most 250) and page', () => {
    const m = make();
    expect(rows(m.marketsResponse(url('vs_currency=usd&per_page=5')))).toHaveLength(5);
    expect(rows(m.marketsResponse(url('vs_currency=usd')))).toHaveLength(52);
    const first = rows(m.marketsResponse(url('vs_currency=usd&per_page=3&page=1'))).map((r) => r['id']);
    const second = rows(m.marketsResponse(url('vs_currency=usd&per_page=3&page=2'))).map((r) => r['id']);
    expect(first).toEqual(['bitcoin', 'ethereum', 'tether']);
    expect(second).not.toContain('bitcoin');
    expect(second).toHaveLength(3);
  });

  it('honours order', () => {
    const m = make();
    const ids = (order: string) =>
      rows(m.marketsResponse(url(`vs_currency=usd&ids=bitcoin,pepe,aave&order=${order}`))).map((r) => r['id']);
    expect(ids('market_cap_desc')).toEqual(['bitcoin', 'pepe', 'aave']);
    expect(ids('market_cap_asc')).toEqual(['aave', 'pepe', 'bitcoin']);
    expect(ids('id_asc')).toEqual(['aave', 'bitcoin', 'pepe']);
    expect(ids('id_desc')).toEqual(['pepe', 'bitcoin', 'aave']);
  });

  it('honours price_change_percentage: only the windows asked for', () => {
    const m = make();
    const keys = (q: string) =>
      Object.keys(rows(m.marketsResponse(url(`vs_currency=usd&ids=bitcoin${q}`)))[0] ?? {}).filter((k) =>
        k.endsWith('_in_currency'),
      );
    expect(keys('')).toEqual([]);
    expect(keys('&price_change_percentage=1h,7d')).toEqual([
      'price_change_percentage_1h_in_currency',
      'price_change_percentage_7d_in_currency',
    ]);
    expect(keys('&price_change_percentage=24h,1y')).toEqual(['price_change_percentage_24h_in_currency']);
  });

  it('honours vs_currency: fixed fiat table, BTC/ETH from the simulated prices, 400 when unknown', () => {
    const m = make();
    const q = '&ids=bitcoin,ethereum,tether&precision=full&price_change_percentage=24h';
    const usd = m.marketsResponse(url(`vs_currency=usd${q}`));
    const eur = m.marketsResponse(url(`vs_currency=EUR${q}`));
    const jpy = m.marketsResponse(url(`vs_currency=jpy${q}`));
    const btc = m.marketsResponse(url(`vs_currency=btc${q}`));
    const eth = m.marketsResponse(url(`vs_currency=eth${q}`));
    const price = (body: string, id: string) => parseDecimal(rawField(body, id, 'current_price') ?? 'x');
    const usdBtc = price(usd, 'bitcoin');
    // EUR = USD × 0.92 (kept to 10 significant digits), exactly.
    const e = price(eur, 'bitcoin');
    const expected = (usdBtc * 92n) / 100n;
    const off = e > expected ? e - expected : expected - e;
    expect(off * 10n ** 10n <= expected, `${formatDecimal(e)} vs ${formatDecimal(expected)}`).toBe(true);
    expect(Number(rawField(jpy, 'bitcoin', 'current_price'))).toBeCloseTo(Number(formatDecimal(usdBtc)) * 151.62, -2);
    // Bitcoin in bitcoin is 1, with no change; ether in ether too.
    expect(rawField(btc, 'bitcoin', 'current_price')).toBe('1');
    expect(rawField(btc, 'bitcoin', 'price_change_percentage_24h_in_currency')).toBe('0');
    expect(rawField(eth, 'ethereum', 'current_price')).toBe('1');
    expect(Number(rawField(btc, 'ethereum', 'current_price'))).toBeCloseTo(
      Number(formatDecimal(price(usd, 'ethereum'))) / Number(formatDecimal(usdBtc)),
      12,
    );
    for (const body of [usd, eur, jpy, btc, eth]) expect(rows(body)).toHaveLength(3);
    // Missing vs_currency: usd.
    expect(m.marketsResponse(url('ids=bitcoin&precision=full'))).toBe(
      m.marketsResponse(url('vs_currency=usd&ids=bitcoin&precision=full')),
    );
    // Unknown currency: CoinGecko's 400.
    expect(() => m.marketsResponse(url('vs_currency=xyz'))).toThrow(MarketQueryError);
    expect(m.respond(url('vs_currency=xyz'))).toEqual({ status: 400, body: '{"error":"invalid vs_currency"}' });
    expect(m.respond(url('vs_currency=gbp')).status).toBe(200);
  });
});

describe('demo market: exact digits in the body text', () => {
  it('writes every digit of the state as a JSON number literal with precision=full', () => {
    const m = make();
    for (let i = 0; i < 25; i++) m.step();
    const body = m.marketsResponse(url('vs_currency=usd&per_page=250&precision=full'));
    expect(body).not.toMatch(/\d[eE][+-]?\d/); // never an exponent
    for (const coin of m.coins) {
      expect(coin.price).toMatch(/^\d+(\.\d+)?$/);
      expect(body).toMatch(new RegExp(`"id":"${escapeRe(coin.id)}"[^{}]*"current_price":${escapeRe(coin.price)}[,}]`));
      expect(rawField(body, coin.id, 'current_price')).toBe(coin.price);
    }
    // The tiny coins keep their digits far past what a float would print.
    const quark = m.coin('sim-quark-inu');
    expect(quark?.price).toMatch(/^0\.0{16}\d{8,}$/);
    expect(body).toContain(`"current_price":${quark?.price}`);
    const nanocat = rawField(body, 'sim-nanocat', 'current_price') ?? '';
    expect(nanocat.replace(/^0\.0*/, '').length).toBeGreaterThanOrEqual(8);
    expect(String(Number(nanocat))).not.toBe(nanocat); // JS would print 8.41…e-8
  });

  it('rounds to fewer digits without precision=full, to n decimals with precision=n', () => {
    const m = make();
    for (let i = 0; i < 5; i++) m.step();
    const full =
      rawField(m.marketsResponse(url('vs_currency=usd&ids=bitcoin&precision=full')), 'bitcoin', 'current_price') ?? '';
    const plain = rawField(m.marketsResponse(url('vs_currency=usd&ids=bitcoin')), 'bitcoin', 'current_price') ?? '';
    const two =
      rawField(m.marketsResponse(url('vs_currency=usd&ids=bitcoin&precision=2')), 'bitcoin', 'current_price') ?? '';
    expect(full.replace('.', '').replace(/^0+/, '').length).toBe(10);
    expect(plain).toMatch(/^\d{5}(\.\d)?$/); // 6 significant digits (trailing zero dropped)
    expect(two).toMatch(/^\d{5}(\.\d{1,2})?$/);
  });
});

describe('demo market: drift', () => {
  const moves = (random: () => number, steps: number) => {
    const m = createMarket(seed, random, { now: () => NOW });
    let worst = 0;
    let moved = 0;
    const problems: string[] = [];
    for (let s = 0; s < steps; s++) {
      const before = new Map(m.coins.map((c) => [c.id, parseDecimal(c.price)]));
      const ids = new Set(m.step());
      moved += ids.size;
      for (const coin of m.coins) {
        const old = before.get(coin.id) ?? 0n;
        const now = parseDecimal(coin.price);
        const diff = now > old ? now - old : old - now;
        const what = `step ${s} ${coin.id}: ${formatDecimal(old)} → ${coin.price}`;
        if (now <= 0n) problems.push(`not positive: ${what}`);
        // At most 0.5 % (plus rounding to 10 significant digits): diff / old ≤ 0.005 + 1e-9.
        if (diff * 1_000_000_000n > old * 5_000_001n) problems.push(`too far: ${what}`);
        if (!ids.has(coin.id) && now !== old) problems.push(`moved but not reported: ${what}`);
        worst = Math.max(worst, Number((diff * 1_000_000_000n) / old));
      }
    }
    expect(problems.slice(0, 5)).toEqual([]);
    return { m, worst, moved };
  };

  it('moves prices by at most ±0.5 % per step, never to zero or below', () => {
    const { worst, moved, m } = moves(seededRandom(1), 400);
    expect(worst).toBeGreaterThan(1_000_000); // it does move (> 0.1 % at least once)
    expect(moved).toBeGreaterThan(400 * 40);
    // Stablecoins stay near their peg.
    const tether = Number(m.coin('tether')?.price);
    expect(Math.abs(tether - 1)).toBeLessThan(0.01);
  });

  it('stays in bounds and positive with the most extreme random numbers', () => {
    moves(() => 0, 300); // always the largest step down
    moves(() => 0.9999999999, 300); // always the largest step up
    const { m } = moves(() => 0, 600);
    expect(parseDecimal(m.coin('sim-quark-inu')?.price ?? '0')).toBeGreaterThan(0n);
  });

  it('reports the ids that moved and stamps their last_updated', () => {
    let t = NOW;
    const m = createMarket(seed, seededRandom(3), { now: () => t });
    t += 3000;
    const moved = m.step();
    expect(moved.length).toBeGreaterThan(0);
    const body = rows(m.marketsResponse(url('vs_currency=usd&per_page=250')));
    for (const row of body) {
      expect(row['last_updated']).toBe(new Date(moved.includes(row['id'] as string) ? NOW + 3000 : NOW).toISOString());
    }
  });
});

describe('demo market: reproducible and seeded', () => {
  it('gives the same bodies for the same seed, different ones for another', () => {
    const run = (s: number) => {
      const m = createMarket(seed, seededRandom(s), { now: () => NOW });
      const out: string[] = [];
      for (let i = 0; i < 10; i++) {
        m.step();
        out.push(
          m.marketsResponse(url('vs_currency=usd&per_page=250&price_change_percentage=1h,24h,7d&precision=full')),
        );
      }
      return out;
    };
    expect(run(42)).toEqual(run(42));
    expect(run(42)).not.toEqual(run(43));
  });

  it('adds the simulated ultra-tiny coins only when the seed has none below 0.000001', () => {
    const ids = (s: readonly SeedCoin[]) => createMarket(s, seededRandom(1)).coins.map((c) => c.id);
    expect(ids(seed)).toEqual([...seed.map((c) => c.id), 'sim-nanocat', 'sim-quark-inu']);
    for (const tiny of SIMULATED_TINY_COINS) {
      expect(tiny.simulated).toBe(true);
      expect(tiny.name).toMatch(/\(simulated\)$/);
      expect(parseDecimal(tiny.price)).toBeLessThan(parseDecimal('0.000001'));
    }
    const withTiny = [...seed, { id: 'x', name: 'X', symbol: 'X', price: '0.0000000001', change: '1' }];
    expect(ids(withTiny)).not.toContain('sim-nanocat');
    expect(createMarket(seed, seededRandom(1), { addTinyCoins: false }).coins).toHaveLength(seed.length);
  });

  it('parses and writes decimals exactly', () => {
    for (const s of ['0', '1', '63560.03', '0.00000000000000003928', '-2.5', '123456789012345678901234.5']) {
      expect(formatDecimal(parseDecimal(s))).toBe(s);
    }
    expect(formatDecimal(parseDecimal('1.00'))).toBe('1');
    expect(formatDecimal(parseDecimal('.5'))).toBe('0.5');
    expect(() => parseDecimal('1e5')).toThrow(RangeError);
    expect(() => parseDecimal('')).toThrow(RangeError);
  });
});

describe('demo market: 7-day sparklines', () => {
  /** The raw literals of a coin's `sparkline_in_7d.price`, as written in the body. */
  const rawSeries = (body: string, id: string): string[] | undefined => {
    const at = body.indexOf(`{"id":${JSON.stringify(id)}`);
    const match = /"sparkline_in_7d":\{"price":\[([^\]]*)\]\}/.exec(body.slice(at));
    return at < 0 || !match?.[1] ? undefined : match[1].split(',');
  };
  const all = 'per_page=250&precision=full&price_change_percentage=7d';

  it('sends sparkline_in_7d only when asked with sparkline=true', () => {
    const m = make();
    expect(m.marketsResponse(url(`vs_currency=usd&${all}`))).not.toContain('sparkline_in_7d');
    expect(m.marketsResponse(url(`vs_currency=usd&${all}&sparkline=false`))).not.toContain('sparkline_in_7d');
    const list = rows(m.marketsResponse(url(`vs_currency=usd&${all}&sparkline=true`)));
    expect(list).toHaveLength(52);
    for (const row of list) expect(row['sparkline_in_7d']).toEqual({ price: expect.any(Array) as unknown });
  });

  it('has 168 hourly prices, plain and positive, from the 7-day open to exactly the current price', () => {
    const m = make();
    for (let i = 0; i < 30; i++) m.step();
    for (const currency of ['usd', 'eur', 'jpy', 'btc', 'eth']) {
      const body = m.marketsResponse(url(`vs_currency=${currency}&${all}&sparkline=true`));
      expect(body).not.toMatch(/\d[eE][+-]?\d/); // never an exponent, even for the tiniest coin
      for (const coin of m.coins) {
        const series = rawSeries(body, coin.id) ?? [];
        const what = `${coin.id} in ${currency}`;
        expect(series, what).toHaveLength(168);
        for (const point of series) {
          expect(point, what).toMatch(/^\d+(\.\d+)?$/);
          expect(parseDecimal(point) > 0n, what).toBe(true);
        }
        expect(series.at(-1), what).toBe(rawField(body, coin.id, 'current_price'));
        if (currency === 'usd') {
          // The first point is the week's open: its change to the last is the 7-day change.
          const first = Number(series[0]);
          const change = Number(rawField(body, coin.id, 'price_change_percentage_7d_in_currency'));
          expect(((Number(coin.price) - first) / first) * 100, what).toBeCloseTo(change, 6);
        }
      }
    }
    // Bitcoin in bitcoin is 1 every hour of the week.
    const btc = rawSeries(m.marketsResponse(url(`vs_currency=btc&ids=bitcoin&${all}&sparkline=true`)), 'bitcoin');
    expect(new Set(btc)).toEqual(new Set(['1']));
  });

  it('is a wobbly line, not a straight one, and stays in a plausible band', () => {
    const m = make();
    const body = m.marketsResponse(url(`vs_currency=usd&${all}&sparkline=true`));
    for (const coin of m.coins) {
      const series = (rawSeries(body, coin.id) ?? []).map(Number);
      const first = series[0] ?? 0;
      const last = series.at(-1) ?? 0;
      const offLine = series.map((p, i) => Math.abs(p - (first + ((last - first) * i) / 167)) / last);
      expect(Math.max(...offLine), coin.id).toBeGreaterThan(coin.id === 'tether' ? 0.00001 : 0.001);
      expect(Math.max(...series) / Math.min(...series), coin.id).toBeLessThan(1.6);
    }
  });

  it('keeps its shape per coin as the price moves: same history, new last point', () => {
    const m = make();
    const q = url(`vs_currency=usd&ids=ethereum&precision=full&sparkline=true`);
    const before = rawSeries(m.marketsResponse(q), 'ethereum') ?? [];
    for (let i = 0; i < 20; i++) m.step();
    const after = rawSeries(m.marketsResponse(q), 'ethereum') ?? [];
    expect(after[0]).toBe(before[0]);
    expect(after.at(-1)).toBe(m.coin('ethereum')?.price);
    expect(after.at(-1)).not.toBe(before.at(-1));
    // The same coin in another market of the same seed has the same line.
    expect(rawSeries(make().marketsResponse(q), 'ethereum')).toEqual(before);
  });

  it('rounds the series like current_price without precision=full', () => {
    const m = make();
    for (let i = 0; i < 5; i++) m.step();
    const body = m.marketsResponse(url('vs_currency=usd&ids=bitcoin&sparkline=true'));
    const series = rawSeries(body, 'bitcoin') ?? [];
    for (const point of series)
      expect(point.replace('.', '').replace(/^0+/, '').replace(/0+$/, '').length).toBeLessThanOrEqual(6);
    expect(series.at(-1)).toBe(rawField(body, 'bitcoin', 'current_price'));
  });
});

describe('demo market: the page quotes', () => {
  it('writes the same coins as QuoteInput JSON with the body’s exact literals', () => {
    const m = make();
    for (let i = 0; i < 5; i++) m.step();
    const query = 'vs_currency=eur&ids=bitcoin,sim-quark-inu&precision=full&price_change_percentage=1h';
    const body = m.marketsResponse(url(query));
    const text = m.pageQuotes(url(query));
    const quotes = rows(text);
    expect(quotes.map((q) => q['id'])).toEqual(['bitcoin', 'sim-quark-inu']);
    for (const id of ['bitcoin', 'sim-quark-inu']) {
      expect(text).toContain(`"price":${rawField(body, id, 'current_price')},`);
      expect(text).toContain(`"change":${rawField(body, id, 'price_change_percentage_1h_in_currency')},`);
      expect(text).toContain(`"marketCap":${rawField(body, id, 'market_cap')},`);
      expect(text).toContain(`"volume":${rawField(body, id, 'total_volume')},`);
    }
    expect(quotes[0]).toMatchObject({
      symbol: 'btc',
      name: 'Bitcoin',
      logo: 'http://localhost:5173/demo-logos/bitcoin.svg',
      updatedAt: new Date(NOW).toISOString(),
    });
    expect(quotes[0]).not.toHaveProperty('sparkline');
    const withSeries = rows(m.pageQuotes(url(`${query}&sparkline=true`)));
    expect(withSeries[0]?.['sparkline']).toHaveLength(168);
    // Without a window asked for, the 24 h change.
    const plain = m.pageQuotes(url('vs_currency=usd&ids=bitcoin'));
    const plainBody = m.marketsResponse(url('vs_currency=usd&ids=bitcoin'));
    expect(plain).toContain(`"change":${rawField(plainBody, 'bitcoin', 'price_change_percentage_24h')},`);
  });
});
