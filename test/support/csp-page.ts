/**
 * A Vite dev-server plugin for the browser tests: a page served under a strict Content Security
 * Policy with Trusted Types enforced (no inline script or style, no eval), which loads the
 * element from src/ and shows one coin from a JSON answer served next to it. The page records
 * every `securitypolicyviolation` in `window.__violations`. A second page streams Kraken prices
 * from the local exchange server given as `?ws=` (its policy lets the page connect to it, and
 * allows no worker). See test/browser/csp.test.ts.
 */
import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';

const POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' https:; connect-src 'self'; " +
  "require-trusted-types-for 'script'; trusted-types lit-html";

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Strict CSP</title>
<script src="/__csp/watch.js"></script>
<script type="module" src="/src/index.ts"></script></head>
<body><price-ticker coins="bitcoin" endpoint="/__csp/api" locale="en-US"></price-ticker></body></html>`;

/** Kraken's REST ticker at /__csp/kraken, its socket at `ws` (a ws://127.0.0.1 URL; anything else is refused). */
const STREAM_PAGE = (ws: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Strict CSP, streaming</title>
<script src="/__csp/watch.js"></script>
<script type="module" src="/src/index.ts"></script></head>
<body><price-ticker source="kraken" coins="XBTUSDT" endpoint="/__csp/kraken" stream stream-endpoint="${ws}" locale="en-US"></price-ticker></body></html>`;

const WATCH =
  "window.__violations = []; document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));";

export function cspPage(): Plugin {
  const markets = readFileSync(new URL('../fixtures/coingecko-markets-2024.json', import.meta.url), 'utf8');
  const kraken = readFileSync(new URL('../fixtures/kraken-ticker.json', import.meta.url), 'utf8');
  return {
    name: 'price-ticker-csp-page',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = (req.url ?? '').split('?')[0];
        if (path === '/__csp/page.html') {
          res
            .writeHead(200, {
              'Content-Type': 'text/html',
              'Content-Security-Policy': POLICY,
              'Cache-Control': 'no-store',
            })
            .end(PAGE);
        } else if (path === '/__csp/stream.html') {
          const ws = new URL(req.url ?? '', 'http://localhost').searchParams.get('ws') ?? '';
          if (!/^ws:\/\/127\.0\.0\.1:\d+$/.test(ws)) return void res.writeHead(400).end();
          res
            .writeHead(200, {
              'Content-Type': 'text/html',
              'Content-Security-Policy': POLICY.replace("connect-src 'self'", `connect-src 'self' ${ws}`),
              'Cache-Control': 'no-store',
            })
            .end(STREAM_PAGE(ws));
        } else if (path === '/__csp/kraken/0/public/Ticker') {
          res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }).end(kraken);
        } else if (path === '/__csp/watch.js') {
          res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(WATCH);
        } else if (path === '/__csp/api/coins/markets') {
          res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }).end(markets);
        } else next();
      });
    },
  };
}
