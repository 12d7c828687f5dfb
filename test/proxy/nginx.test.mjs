// The caching proxy of deploy/nginx on a real nginx, in front of a fake CoinGecko on 127.0.0.1:
// one upstream request per TTL whatever the number of visitors, the last good answer through
// upstream errors, 429s and timeouts, the API key kept server-side, only the ticker's path
// proxied, and our Cache-Control and CORS headers (once each) on every answer. Then the built
// bundle, on a page of another origin, shows the fixture's prices through it in Chromium.
// Run after `npm run build`: `npm run test:proxy`. Installs Debian's nginx when missing and root.
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { request } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { createServer as createNetServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { htmlFile, startPriceServer } from '../support/price-server.mjs';
/* global document -- used only in functions that run in the page */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURE = readFileSync(join(ROOT, 'test/fixtures/coingecko-markets-2024.json'));
const API_KEY_HEADER = 'x-cg-demo-api-key';
const API_KEY = 'CG-proxytestSECRETkey42';
// Short enough to wait out in a test; the production defaults are 30, 5 and 5.
const TTL = 2;
const ERROR_TTL = 1;
const UPSTREAM_TIMEOUT = 1;
// nginx counts cache validity in whole seconds: an answer can stay fresh up to TTL + 1 s.
const PAST_TTL_MS = (TTL + 1) * 1000 + 200;
const CLIENTS = 200;
const started = Date.now();

/** @type {{ name: string, ok: boolean }[]} */
const results = [];
/**
 * @param {string} name
 * @param {boolean} ok
 * @param {string} [detail]
 */
function check(name, ok, detail = '') {
  results.push({ name, ok });
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? ` (${detail})` : ''}`);
}
/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// ---- nginx -------------------------------------------------------------------------------

function findNginx() {
  for (const path of ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/local/nginx/sbin/nginx']) {
    if (existsSync(path)) return path;
  }
  try {
    return execFileSync('sh', ['-c', 'command -v nginx'], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

let nginx = findNginx();
if (!nginx && process.getuid?.() === 0) {
  console.log('nginx not found: installing Debian package nginx');
  /** @param {string[]} args */
  const apt = (args) =>
    execFileSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  apt(['update', '-qq']);
  apt(['install', '-y', '-qq', '--no-install-recommends', 'nginx']);
  nginx = findNginx();
}
if (!nginx) {
  console.error('nginx not found (install Debian package nginx: apt-get install -y nginx)');
  process.exit(1);
}
// nginx -v writes its version to stderr.
console.log(`${spawnSync(nginx, ['-v'], { encoding: 'utf8' }).stderr.trim()} (${nginx})`);

/** @param {import('node:net').Server} server */
const portOf = (server) => /** @type {import('node:net').AddressInfo} */ (server.address()).port;

/** @returns {Promise<number>} */
async function freePort() {
  const server = createNetServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const port = portOf(server);
  await new Promise((resolve) => server.close(resolve));
  return port;
}

// Everything nginx and the fake upstream write lives in one temporary prefix.
const prefix = mkdtempSync(join(tmpdir(), 'pt-proxy-'));
const asRoot = process.getuid?.() === 0;
// Workers of a root master run as nobody: they must reach the cache and temp folders.
if (asRoot) chmodSync(prefix, 0o755);
mkdirSync(join(prefix, 'tmp'));

// ---- the fake CoinGecko ------------------------------------------------------------------

// Served over HTTPS as `localhost`, with a certificate of its own that nginx is told to trust:
// the template's SNI, Host and certificate checks are exercised as with the real one.
const certPath = join(prefix, 'upstream-cert.pem');
const keyPath = join(prefix, 'upstream-key.pem');
// prettier-ignore
const openssl = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1',
  '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost', '-keyout', keyPath, '-out', certPath], { encoding: 'utf8' });
if (openssl.status !== 0) {
  console.error(`openssl could not make the fake upstream's certificate: ${openssl.error ?? openssl.stderr}`);
  rmSync(prefix, { recursive: true, force: true });
  process.exit(1);
}

/** @typedef {'ok' | '500' | '429' | 'hang'} UpstreamMode */
const upstream = {
  /** @type {UpstreamMode} */
  mode: 'ok',
  count: 0,
  /** @type {{ url: string | undefined, headers: import('node:http').IncomingHttpHeaders, servername: string | false | null }[]} */
  seen: [],
  /** @type {Set<import('node:http').ServerResponse>} answers held open in 'hang' mode */
  hung: new Set(),
  serial: 0,
};
const fakeCoinGecko = createTlsServer({ key: readFileSync(keyPath), cert: readFileSync(certPath) }, (req, res) => {
  upstream.count++;
  const { servername } = /** @type {import('node:tls').TLSSocket} */ (req.socket);
  upstream.seen.push({ url: req.url, headers: req.headers, servername });
  // CoinGecko's own caching and CORS headers, and a Cloudflare cookie: none must reach a visitor.
  const common = { 'Content-Type': 'application/json; charset=utf-8', Vary: 'Accept-Encoding, Origin' };
  if (upstream.mode === 'hang') {
    upstream.hung.add(res);
    return;
  }
  if (upstream.mode === '429') {
    // CoinGecko's 429s carry no CORS headers.
    res
      .writeHead(429, { ...common, 'Retry-After': '7' })
      .end('{"status":{"error_code":429,"error_message":"You\'ve exceeded the Rate Limit."}}');
    return;
  }
  if (upstream.mode === '500') {
    res.writeHead(500, { ...common, 'Access-Control-Allow-Origin': '*' }).end('{"error":"internal error"}');
    return;
  }
  const serial = ++upstream.serial;
  // Slow enough that a burst of clients all arrive while the first request is upstream.
  setTimeout(() => {
    res
      .writeHead(200, {
        ...common,
        'Cache-Control': 'public, max-age=30',
        'Access-Control-Allow-Origin': '*',
        'Set-Cookie': '__cf_bm=upstream-cookie; path=/; HttpOnly',
        'X-Fake-Serial': String(serial),
      })
      .end(FIXTURE);
  }, 300);
});
/** @param {UpstreamMode} mode */
function setUpstreamMode(mode) {
  upstream.mode = mode;
  if (mode !== 'hang') {
    for (const res of upstream.hung) res.destroy();
    upstream.hung.clear();
  }
}
await new Promise((resolve) => fakeCoinGecko.listen(0, '127.0.0.1', () => resolve(undefined)));
const upstreamPort = portOf(fakeCoinGecko);
// Where `localhost` is also ::1, nginx may try either address.
const fakeCoinGeckoV6 = createTlsServer({ key: readFileSync(keyPath), cert: readFileSync(certPath) }, (req, res) =>
  fakeCoinGecko.emit('request', req, res),
);
await new Promise((resolve) =>
  fakeCoinGeckoV6.listen(upstreamPort, '::1', () => resolve(undefined)).on('error', resolve),
);

// ---- the page server (another origin: the site that embeds the ticker) --------------------

const bundlePath = join(ROOT, 'dist/price-ticker.js');
const formatPath = join(ROOT, 'dist/lib/format/index.js');
if (!existsSync(bundlePath) || !existsSync(formatPath)) {
  console.error('dist/ is missing: run `npm run build` first');
  process.exit(1);
}
const BUNDLE = readFileSync(bundlePath);
const pagePort = await freePort();
const PAGE_ORIGIN = `http://127.0.0.1:${pagePort}`;
const proxyPort = await freePort();
const PROXY = `http://127.0.0.1:${proxyPort}`;
// No API here (the ticker asks the proxy) and no CORS: only the proxy's own headers allow the page.
const pageServer = await startPriceServer({
  port: pagePort,
  cors: false,
  files: {
    '/price-ticker.js': { type: 'text/javascript', body: BUNDLE },
    '/': htmlFile(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Through the proxy</title>
<script type="module" src="/price-ticker.js"></script></head>
<body><price-ticker coins="bitcoin" currency="usd" locale="en-US" endpoint="${PROXY}/api/v3"></price-ticker></body></html>`),
  },
});

// ---- render the template and start nginx in a prefix of its own ---------------------------

const rendered = execFileSync('sh', [join(ROOT, 'deploy/nginx/render.sh')], {
  encoding: 'utf8',
  env: {
    ...process.env,
    LISTEN: `127.0.0.1:${proxyPort}`,
    UPSTREAM: `https://localhost:${upstreamPort}`,
    UPSTREAM_CA: certPath,
    CACHE_DIR: join(prefix, 'cache'),
    CACHE_ZONE: 'price_ticker_test',
    TTL: String(TTL),
    ERROR_TTL: String(ERROR_TTL),
    UPSTREAM_TIMEOUT: String(UPSTREAM_TIMEOUT),
    ALLOW_ORIGIN: PAGE_ORIGIN,
    API_KEY_HEADER,
    API_KEY,
  },
});
writeFileSync(join(prefix, 'price-ticker.conf'), rendered);

// render.sh alone: its defaults, nginx's own variables left as they are, unsafe values refused.
/** @param {Record<string, string>} env */
const render = (env) =>
  spawnSync('sh', [join(ROOT, 'deploy/nginx/render.sh')], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, ...env },
  });
const byDefault = render({ ALLOW_ORIGIN: 'https://www.example.com' });
const defaultsWanted = [
  'add_header Cache-Control "public, max-age=30" always;',
  'proxy_cache_valid 200 30s;',
  'proxy_pass https://api.coingecko.com;',
  'proxy_set_header x-cg-demo-api-key "";',
  'proxy_cache_key $uri$is_args$args;',
  'add_header X-Cache-Status $upstream_cache_status always;',
];
const defaultsMissing = defaultsWanted.filter((line) => !byDefault.stdout.includes(line));
const unsafe = [
  { ALLOW_ORIGIN: 'https://www.example.com/' },
  { ALLOW_ORIGIN: 'https://www.example.com', API_KEY: 'CG-$uri' },
  { ALLOW_ORIGIN: 'https://www.example.com', API_KEY: 'CG-1"; proxy_pass http://elsewhere; #' },
  { ALLOW_ORIGIN: 'https://www.example.com', API_KEY: 'CG-1\nCG-2' },
  { ALLOW_ORIGIN: 'https://www.example.com', TTL: '0' },
  { ALLOW_ORIGIN: 'https://www.example.com', UPSTREAM: 'https://api.coingecko.com/api/v3' },
  {},
];
const accepted = unsafe.filter((env) => render(env).status === 0);
check(
  'render.sh: TTL 30 and CoinGecko by default, nginx variables kept, unsafe or missing values refused',
  byDefault.status === 0 && defaultsMissing.length === 0 && accepted.length === 0,
  `${defaultsWanted.length - defaultsMissing.length}/${defaultsWanted.length} default lines, ${unsafe.length - accepted.length}/${unsafe.length} bad inputs refused` +
    (defaultsMissing.length ? `; missing: ${defaultsMissing.join(' | ')}` : '') +
    (accepted.length ? `; accepted: ${JSON.stringify(accepted)}` : ''),
);
// Our own `http` wrapper: every file nginx writes stays inside the prefix.
writeFileSync(
  join(prefix, 'nginx.conf'),
  `${asRoot ? 'user nobody nogroup;' : ''}
worker_processes 1;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log notice;
events { worker_connections 1024; }
http {
    access_log ${prefix}/access.log;
    client_body_temp_path ${prefix}/tmp/body;
    proxy_temp_path ${prefix}/tmp/proxy;
    fastcgi_temp_path ${prefix}/tmp/fastcgi;
    uwsgi_temp_path ${prefix}/tmp/uwsgi;
    scgi_temp_path ${prefix}/tmp/scgi;
    include ${prefix}/price-ticker.conf;
}
`,
);
const nginxArgs = ['-p', prefix, '-c', join(prefix, 'nginx.conf'), '-e', join(prefix, 'error.log')];
try {
  execFileSync(nginx, [...nginxArgs, '-t', '-q'], { stdio: 'pipe' });
  check('nginx -t accepts the rendered template', true);
} catch (error) {
  // execFileSync's error carries the command's stderr.
  const stderr = error instanceof Error && 'stderr' in error ? error.stderr : error;
  check('nginx -t accepts the rendered template', false, String(stderr));
  rmSync(prefix, { recursive: true, force: true });
  process.exit(1);
}
const server = spawn(nginx, [...nginxArgs, '-g', 'daemon off;'], { stdio: ['ignore', 'inherit', 'inherit'] });
let serverExited = false;
server.on('exit', () => (serverExited = true));
// Stopped from outside (Ctrl-C, a CI timeout): stop nginx too, which would outlive us otherwise.
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.once(signal, () => {
    server.kill('SIGTERM');
    rmSync(prefix, { recursive: true, force: true });
    process.exit(1);
  });
}

/**
 * @param {number} port
 * @param {number} ms
 */
async function waitForPort(port, ms) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline && !serverExited) {
    const ok = await new Promise((/** @type {(ok: boolean) => void} */ resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      }).on('error', () => resolve(false));
    });
    if (ok) return true;
    await sleep(50);
  }
  return false;
}

// ---- client helpers ----------------------------------------------------------------------

/** @typedef {{ status: number | undefined, raw: string[], body: Buffer, ms: number }} Answer */

/**
 * One request to the proxy as a visitor's browser would send it, with credentials it must drop.
 * @param {string} path
 * @param {{ method?: string, headers?: Record<string, string> }} [options]
 * @returns {Promise<Answer>}
 */
function get(path, { method = 'GET', headers = {} } = {}) {
  const t0 = Date.now();
  return new Promise((resolve, reject) => {
    // host, port and path apart, so that a path such as /a/../b is sent as written.
    const req = request(
      {
        host: '127.0.0.1',
        port: proxyPort,
        path,
        method,
        headers: {
          Origin: PAGE_ORIGIN,
          Accept: 'application/json',
          Cookie: 'session=visitor-cookie',
          Authorization: 'Bearer visitor-token',
          ...headers,
        },
      },
      (res) => {
        /** @type {Buffer[]} */
        const chunks = [];
        res.on('data', (/** @type {Buffer} */ chunk) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode, raw: res.rawHeaders, body: Buffer.concat(chunks), ms: Date.now() - t0 }),
        );
      },
    );
    req.on('error', reject).end();
  });
}
/**
 * Every value of a header, however many times it came.
 * @param {Answer} response
 * @param {string} name lower case
 * @returns {string[]}
 */
const values = (response, name) =>
  response.raw.flatMap((v, i) => {
    if (i % 2 !== 0 || v.toLowerCase() !== name) return [];
    const value = response.raw[i + 1];
    if (value === undefined) throw new Error(`header ${v} came without a value`);
    return [value];
  });
/**
 * The header's one value, or a description of what came instead.
 * @param {Answer} response
 * @param {string} name lower case
 */
const one = (response, name) => {
  const all = values(response, name);
  const [only] = all;
  return all.length === 1 && only !== undefined ? only : `${all.length} values: ${JSON.stringify(all)}`;
};

/** The ticker's request for these coins, as it sends it. @param {string} ids */
const marketsPath = (ids) =>
  `/api/v3/coins/markets?vs_currency=usd&ids=${ids}&order=market_cap_desc&per_page=1&price_change_percentage=24h&precision=full`;
/** `n` concurrent clients asking for `path`. @param {string} path */
const burst = (path, n = CLIENTS) => Promise.all(Array.from({ length: n }, () => get(path)));
/** `3 HIT, 1 MISS`. @param {string[]} list */
const tally = (list) => {
  /** @type {Record<string, number>} */
  const counts = {};
  for (const item of list) counts[item] = (counts[item] ?? 0) + 1;
  return Object.entries(counts)
    .map(([k, v]) => `${v} ${k}`)
    .join(', ');
};

/**
 * What every answer must carry: our TTL and origin, once each, and no upstream or key leaks.
 * @param {Answer} response
 */
function headerProblems(response) {
  const problems = [];
  if (one(response, 'cache-control') !== `public, max-age=${TTL}`)
    problems.push(`Cache-Control: ${one(response, 'cache-control')}`);
  if (one(response, 'access-control-allow-origin') !== PAGE_ORIGIN)
    problems.push(`Access-Control-Allow-Origin: ${one(response, 'access-control-allow-origin')}`);
  if (!/\bRetry-After\b/i.test(one(response, 'access-control-expose-headers')))
    problems.push(`Access-Control-Expose-Headers: ${one(response, 'access-control-expose-headers')}`);
  if (values(response, 'set-cookie').length > 0) problems.push('Set-Cookie reached the client');
  const text = response.raw.join('\n') + response.body.toString('latin1');
  if (text.includes(API_KEY) || text.toLowerCase().includes(API_KEY_HEADER)) problems.push('the API key leaked');
  return problems;
}
/**
 * What is wrong with answers that should all be the last good one.
 * @param {Answer[]} responses
 */
function allGood(responses, wantBody = FIXTURE) {
  /** @type {Set<string>} */
  const problems = new Set();
  for (const r of responses) {
    if (r.status !== 200) problems.add(`status ${r.status}`);
    if (!r.body.equals(wantBody)) problems.add('body differs from the last good answer');
    for (const p of headerProblems(r)) problems.add(p);
  }
  return [...problems];
}
/** @param {Answer[]} responses */
const cacheStatuses = (responses) => tally(responses.map((r) => one(r, 'x-cache-status')));

// ---- the checks --------------------------------------------------------------------------

/** @type {string[]} */
let browserFailures = [];
try {
  check('nginx listens', await waitForPort(proxyPort, 5000), `${PROXY}, upstream https://localhost:${upstreamPort}`);
  const path = marketsPath('bitcoin');

  // 1. A burst of visitors on a cold cache: one upstream request.
  let before = upstream.count;
  let t0 = Date.now();
  let responses = await burst(path);
  let problems = allGood(responses);
  check(
    `${CLIENTS} concurrent clients on a cold cache make exactly 1 upstream request`,
    upstream.count - before === 1 && problems.length === 0,
    `upstream requests: ${upstream.count - before}; ${CLIENTS} answers in ${Date.now() - t0} ms; ${cacheStatuses(responses)}${problems.length ? `; ${problems.join('; ')}` : ''}`,
  );

  // 2. Within the TTL: none.
  before = upstream.count;
  responses = await burst(path);
  problems = allGood(responses);
  check(
    `${CLIENTS} more within the TTL (${TTL} s) make no upstream request`,
    upstream.count - before === 0 && problems.length === 0,
    `upstream requests: ${upstream.count - before}; ${cacheStatuses(responses)}${problems.length ? `; ${problems.join('; ')}` : ''}`,
  );

  // 3. What reached the upstream: the key, the ticker's path and query, nothing of the visitor's.
  const sent = upstream.seen.at(-1);
  const leaked = ['cookie', 'authorization', 'origin', 'x-forwarded-for', 'referer'].filter(
    (h) => sent && h in sent.headers,
  );
  check(
    'the upstream got the API key over HTTPS with SNI and its own Host, the same path and query, and none of the visitor\u2019s headers',
    sent?.headers[API_KEY_HEADER] === API_KEY &&
      sent.url === path &&
      sent.servername === 'localhost' &&
      sent.headers.host === `localhost:${upstreamPort}` &&
      leaked.length === 0,
    `key header ${sent?.headers[API_KEY_HEADER] === API_KEY ? 'present' : 'MISSING'}; SNI ${sent?.servername}; Host ${sent?.headers.host}; visitor headers passed: ${leaked.join(', ') || 'none'}`,
  );

  // 4. Past the TTL: one more request, the visitors answered at once from the stale copy.
  await sleep(PAST_TTL_MS);
  before = upstream.count;
  const serialBefore = upstream.serial;
  t0 = Date.now();
  responses = await burst(path);
  const burstMs = Date.now() - t0;
  problems = allGood(responses);
  await sleep(800); // the background refresh finishes
  const refreshed = await get(path);
  check(
    `${CLIENTS} concurrent clients after the TTL make exactly 1 more upstream request`,
    upstream.count - before === 1 &&
      problems.length === 0 &&
      one(refreshed, 'x-fake-serial') === String(serialBefore + 1),
    `upstream requests: ${upstream.count - before}; answers in ${burstMs} ms; ${cacheStatuses(responses)}; then ${one(refreshed, 'x-cache-status')} with the refreshed answer #${one(refreshed, 'x-fake-serial')}`,
  );

  // 5. Gzip for clients that ask, with the same body.
  const zipped = await get(path, { headers: { 'Accept-Encoding': 'gzip' } });
  check(
    'a client that accepts gzip gets the same body gzipped',
    one(zipped, 'content-encoding') === 'gzip' && gunzipSync(zipped.body).equals(FIXTURE),
    `${zipped.body.length} bytes for ${FIXTURE.length}`,
  );

  // 6. The upstream fails past the TTL: visitors still get the last good answer.
  for (const mode of /** @type {const} */ (['500', '429', 'hang'])) {
    await sleep(PAST_TTL_MS);
    setUpstreamMode(mode);
    before = upstream.count;
    const rounds = [];
    // Two rounds, a timeout apart: each sees the stale copy while a refresh is tried.
    for (let round = 0; round < 2; round++) {
      rounds.push(...(await burst(path, 50)));
      await sleep(UPSTREAM_TIMEOUT * 1000 + 300);
    }
    const asked = upstream.count - before;
    setUpstreamMode('ok');
    problems = allGood(rounds);
    const slowest = Math.max(...rounds.map((r) => r.ms));
    const label = mode === 'hang' ? 'no answer (timeout)' : `HTTP ${mode}`;
    check(
      `upstream ${label}: 100 clients still get the last good answer, at once`,
      problems.length === 0 && asked >= 1 && asked <= 2 && slowest < UPSTREAM_TIMEOUT * 1000,
      `upstream asked ${asked}x; slowest answer ${slowest} ms; ${cacheStatuses(rounds)}${problems.length ? `; ${problems.join('; ')}` : ''}`,
    );
  }

  // 7. A 429 with nothing cached: passed on, with Retry-After readable by the page.
  setUpstreamMode('429');
  before = upstream.count;
  const limited = await burst(marketsPath('ethereum'), 20);
  setUpstreamMode('ok');
  const first = limited[0];
  if (!first) throw new Error('the 429 burst got no answer');
  problems = [...new Set(limited.flatMap((r) => headerProblems(r)))];
  check(
    'a 429 with nothing cached reaches the client with Retry-After, our Cache-Control and CORS headers',
    limited.every((r) => r.status === 429 && one(r, 'retry-after') === '7') &&
      problems.length === 0 &&
      upstream.count - before === 1,
    `status ${first.status}, Retry-After ${one(first, 'retry-after')}, Cache-Control ${one(first, 'cache-control')}, ` +
      `Access-Control-Allow-Origin ${one(first, 'access-control-allow-origin')}, Expose ${one(first, 'access-control-expose-headers')}; ` +
      `20 clients, upstream asked ${upstream.count - before}x${problems.length ? `; ${problems.join('; ')}` : ''}`,
  );

  // 8. Only the ticker's path is proxied.
  before = upstream.count;
  const outside = [
    '/api/v3/simple/price?ids=bitcoin&vs_currencies=usd',
    '/api/v3/coins/list',
    '/api/v3/coins/markets/extra',
    '/api/v3/coins/markets/../../v3/coins/list',
    '/api/v3/key',
    '/',
  ];
  const refused = await Promise.all(outside.map((p) => get(p)));
  const post = await get(path, { method: 'POST' });
  problems = [...new Set(refused.concat(post).flatMap((r) => headerProblems(r)))];
  check(
    'other paths get 404 and other methods 405, with our headers, and never reach the upstream',
    refused.every((r) => r.status === 404) && post.status === 405 && upstream.count === before && problems.length === 0,
    `${refused.map((r, i) => `${outside[i]} ${r.status}`).join(', ')}; POST ${post.status}; upstream asked ${upstream.count - before}x${problems.length ? `; ${problems.join('; ')}` : ''}`,
  );

  // 9. The built ticker on a page of the allowed origin, through the proxy, in Chromium.
  browserFailures = await runBrowser();
  check(
    `<price-ticker endpoint="${PROXY}/api/v3"> on ${PAGE_ORIGIN} shows the fixture's price through the proxy in Chromium`,
    browserFailures.length === 0,
    browserFailures.join('; '),
  );
} catch (error) {
  check('the test ran to its end', false, error instanceof Error ? error.stack : String(error));
} finally {
  server.kill('SIGTERM');
  await /** @type {Promise<void>} */ (
    new Promise((resolve) => (serverExited ? resolve() : server.once('exit', () => resolve())))
  );
  setUpstreamMode('ok');
  for (const fake of [fakeCoinGecko, fakeCoinGeckoV6]) {
    fake.close();
    fake.closeAllConnections();
  }
  void pageServer.close();
  const failed = results.filter((r) => !r.ok).length;
  if (failed > 0) {
    console.log(`--- nginx error.log (last lines) ---`);
    console.log(readFileSync(join(prefix, 'error.log'), 'utf8').split('\n').slice(-20).join('\n'));
  }
  rmSync(prefix, { recursive: true, force: true });
  console.log(`proxy test took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  // Alone on its line, the closing line CI reads.
  console.log(`proxy: ${results.length - failed} passed, ${failed} failed`);
  process.exitCode = failed > 0 ? 1 : 0;
}

async function runBrowser() {
  const { launchChromium } = await import('../support/chromium.mjs');
  // The built formatter (dist/, untyped here) says how the page must write the fixture's price.
  /** @type {unknown} */
  const format = await import(formatPath);
  /** @type {unknown} */
  const fixture = JSON.parse(FIXTURE.toString('utf8'));
  const { formatPrice } =
    /** @type {{ formatPrice: (value: string, options: { currency: string, locale: string }) => string }} */ (format);
  const [coin] = /** @type {{ current_price: number }[]} */ (fixture);
  const expected = formatPrice(String(coin?.current_price), { currency: 'usd', locale: 'en-US' });
  /** @type {import('playwright-core').Browser} */
  let browser;
  try {
    browser = await launchChromium();
  } catch (error) {
    return [error instanceof Error ? error.message : String(error)];
  }
  const failures = [];
  try {
    const page = await browser.newPage();
    page.on('pageerror', (e) => failures.push(`page error: ${e.message}`));
    page.on('console', (m) => m.type() === 'error' && failures.push(`console error: ${m.text()}`));
    // The fixture's logo URL points at CoinGecko's CDN: answered here, never fetched.
    await page.route(
      (url) => !url.href.startsWith(PAGE_ORIGIN) && !url.href.startsWith(PROXY),
      (route) => route.fulfill({ status: 204 }),
    );
    /** @type {{ status: number, headers: Record<string, string> }[]} */
    const proxied = [];
    page.on('response', async (response) => {
      if (!response.url().startsWith(PROXY)) return;
      const headers = await response.allHeaders();
      proxied.push({ status: response.status(), headers });
    });
    const before = upstream.count;
    await page.goto(`${PAGE_ORIGIN}/`);
    await page
      .waitForFunction(
        () => document.querySelector('price-ticker')?.shadowRoot?.querySelector('[part="price"]'),
        null,
        {
          timeout: 10_000,
        },
      )
      .catch(() => failures.push('no [part="price"] within 10 s'));
    const shown = await page.evaluate(() =>
      [...(document.querySelector('price-ticker')?.shadowRoot?.querySelectorAll('[part="price"]') ?? [])].map(
        (p) => p.textContent,
      ),
    );
    if (shown.length === 0 || shown.some((text) => text !== expected))
      failures.push(`[part="price"] texts ${JSON.stringify(shown)}, expected ${JSON.stringify(expected)}`);
    if (proxied.length === 0) failures.push('the page made no request to the proxy');
    for (const { status, headers } of proxied) {
      if (status !== 200) failures.push(`proxy answered ${status}`);
      if (headers['access-control-allow-origin'] !== PAGE_ORIGIN)
        failures.push(`Access-Control-Allow-Origin ${headers['access-control-allow-origin']}`);
      if (JSON.stringify(headers).includes(API_KEY)) failures.push('the API key reached the page');
    }
    console.log(
      `     browser: prices shown ${JSON.stringify(shown)} (expected ${JSON.stringify(expected)}); ` +
        `${proxied.length} request(s) to the proxy, ${upstream.count - before} upstream`,
    );
  } finally {
    await browser.close();
  }
  return failures;
}
