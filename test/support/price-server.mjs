// A local stand-in for CoinGecko for the scripts that run the built bundle in a browser:
// answers GET /api/v3/coins/markets from a market the script supplies, with CORS so pages of
// any origin may ask, counts those requests, and optionally serves files (the bundle, pages,
// logos) and a built folder.
import { createServer } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';

/** @typedef {{ type: string, body: string | Buffer, status?: number, headers?: Record<string, string> }} Answer */
/**
 * What a path answers: a fixed answer, or one made per request (undefined: 404).
 * @typedef {Answer | ((url: URL, origin: string) => Answer | undefined)} FileRoute
 */
/**
 * The markets body for a request (JSON text), or an answer of its own (status, headers).
 * @typedef {(url: URL, origin: string) => string | Answer | Promise<string | Answer>} Market
 */
/**
 * @typedef {object} PriceServerOptions
 * @property {Market} [markets] answers every path ending in /api/v3/coins/markets (so one server
 *   can offer more than one endpoint, e.g. /api/v3 and /cached/api/v3); none: no API at all
 * @property {Record<string, FileRoute>} [files] by path; a key ending in "/" answers every path below it
 * @property {{ root: string, at?: string }} [folder] a built site: `root` served under the path `at`
 *   (default "/"), index.html for folders
 * @property {boolean} [cors] Access-Control-Allow-Origin: * on every answer (default true)
 * @property {string} [host] default 127.0.0.1
 * @property {number} [port] default 0: any free port
 */

/** @type {Record<string, string>} */
export const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
};

/** The built bundle, dist/price-ticker.js, as an answer (read once, when called). */
export function bundleFile() {
  return { type: 'text/javascript', body: readFileSync(new URL('../../dist/price-ticker.js', import.meta.url)) };
}

/** @param {string} text */
export const htmlFile = (text) => ({ type: 'text/html; charset=utf-8', body: text });

/**
 * @param {PriceServerOptions} [options]
 */
export async function startPriceServer({
  markets,
  files = {},
  folder,
  cors = true,
  host = '127.0.0.1',
  port = 0,
} = {}) {
  /** @type {URL[]} every /coins/markets request, in order */
  const requests = [];
  /** @type {string[]} every path asked for, in order */
  const served = [];
  const corsHeaders = cors ? { 'Access-Control-Allow-Origin': '*' } : {};
  let origin = '';

  /** @returns {Promise<Answer | undefined>} */
  async function answerFor(/** @type {URL} */ url) {
    const path = url.pathname;
    if (markets && path.endsWith('/api/v3/coins/markets')) {
      requests.push(url);
      const answer = await markets(url, origin);
      return typeof answer === 'string' ? { type: 'application/json', body: answer } : answer;
    }
    const route =
      files[path] ??
      Object.entries(files)
        .filter(([key]) => key.endsWith('/') && path.startsWith(key))
        .sort(([a], [b]) => b.length - a.length)[0]?.[1];
    if (route) return typeof route === 'function' ? route(url, origin) : route;
    if (folder) return folderFile(folder, decodeURIComponent(path));
    if (path === '/favicon.ico') return { type: 'image/x-icon', body: '', status: 204 };
    return undefined;
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', origin);
    served.push(url.pathname);
    if (req.method === 'OPTIONS') {
      res
        .writeHead(204, { ...corsHeaders, 'Access-Control-Allow-Methods': 'GET', 'Access-Control-Allow-Headers': '*' })
        .end();
      return;
    }
    answerFor(url).then(
      (answer) => {
        if (!answer) return void res.writeHead(404, corsHeaders).end();
        res
          .writeHead(answer.status ?? 200, { ...corsHeaders, 'Content-Type': answer.type, ...answer.headers })
          .end(answer.body);
      },
      (/** @type {unknown} */ error) => {
        res.writeHead(500, corsHeaders).end(String(error));
      },
    );
  });
  await new Promise((resolve, reject) => server.listen(port, host, () => resolve(undefined)).on('error', reject));
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  origin = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
  return {
    server,
    origin,
    port: address.port,
    /** The `endpoint` attribute that points a ticker here. */
    endpoint: `${origin}/api/v3`,
    requests,
    served,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve(undefined));
        server.closeAllConnections();
      }),
  };
}

/**
 * A file of a built folder mounted at `at`: folders answer their index.html; paths outside
 * the mount are 404, paths that climb out of the folder 403.
 * @param {{ root: string, at?: string }} folder
 * @param {string} path
 * @returns {Answer | undefined}
 */
function folderFile({ root, at = '/' }, path) {
  if (!path.startsWith(at)) return undefined;
  let file = normalize(join(root, path.slice(at.length)));
  if (!file.startsWith(normalize(root))) return { type: 'text/plain', body: '', status: 403 };
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
  if (!existsSync(file)) return undefined;
  return { type: CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', body: readFileSync(file) };
}
