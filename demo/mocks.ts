/**
 * The demo's offline backend: an msw browser worker that answers CoinGecko's
 * `/coins/markets` from the SIMULATED market of market.ts, on ANY origin (the public
 * `https://api.coingecko.com/api/v3` as well as a local `endpoint`), and serves the
 * generated logos at `/demo-logos/<id>.svg`.
 *
 * `settings.mode = 'real'` lets `/coins/markets` through to the network (`passthrough()`);
 * `settings.failure` makes the simulated API fail, to show the ticker's stale/error states, or
 * answer slowly, to show what a ticker shows before its first answer.
 */
import { delay, http, HttpResponse, passthrough } from 'msw';
import { setupWorker } from 'msw/browser';
import seed from './data/seed-coins.json';
import { logoSvg } from './logos';
import { createMarket } from './market';

export type DataMode = 'simulated' | 'real';
export type Failure = 'none' | '429' | '500' | 'network' | 'slow';

export const settings: { mode: DataMode; failure: Failure; latency: readonly [number, number] } = {
  mode: 'simulated',
  failure: 'none',
  /** Simulated response time, ms (random in this range). */
  latency: [120, 450],
};

/** How long a `slow` answer takes, ms. */
const SLOW_MS = 3000;

/** Seconds between market steps. */
export const TICK_SECONDS = 3;

export const market = createMarket(seed, Math.random, { logoBase: `${location.origin}/demo-logos/` });

const JSON_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'Retry-After',
};

export const handlers = [
  http.get('*/coins/markets', async ({ request }) => {
    if (settings.mode === 'real') return passthrough();
    const [lo, hi] = settings.latency;
    await delay(Math.round(lo + Math.random() * (hi - lo)));
    switch (settings.failure) {
      case 'network':
        return HttpResponse.error();
      case '429':
        // What CoinGecko's public API answers when rate-limited.
        return new HttpResponse(
          '{"status":{"error_code":429,"error_message":"You\'ve exceeded the Rate Limit. (simulated)"}}',
          { status: 429, headers: { ...JSON_HEADERS, 'retry-after': '10' } },
        );
      case '500':
        return new HttpResponse('{"error":"simulated server error"}', { status: 500, headers: JSON_HEADERS });
      case 'slow':
        await delay(SLOW_MS);
        break;
      case 'none':
        break;
    }
    const { status, body } = market.respond(new URL(request.url));
    // The body is text written by market.ts: every digit of every price is kept.
    return new HttpResponse(body, { status, headers: JSON_HEADERS });
  }),
  http.get('*/demo-logos/:file', ({ params }) => {
    const file = String(params['file'] ?? '');
    const id = decodeURIComponent(file.replace(/\.svg$/, ''));
    const symbol = market.coin(id)?.symbol ?? id;
    return new HttpResponse(logoSvg(id, symbol), {
      headers: { 'content-type': 'image/svg+xml', 'cache-control': 'max-age=3600' },
    });
  }),
];

export const worker = setupWorker(...handlers);

let ticking: ReturnType<typeof setInterval> | undefined;

/** Starts the worker (resolves once it controls the page) and the market's clock. */
export async function startMocks(): Promise<void> {
  await worker.start({
    onUnhandledRequest: 'bypass',
    quiet: true,
    // Next to the page, wherever the site is served from; its scope is then the page's folder.
    serviceWorker: { url: new URL('mockServiceWorker.js', document.baseURI).pathname },
  });
  ticking ??= setInterval(() => market.step(), TICK_SECONDS * 1000);
}
