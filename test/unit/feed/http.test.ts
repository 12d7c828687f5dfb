/**
 * Every request, proven on the wire: Chromium (through playwright-core) runs
 * the real src/feed/http.ts, bundled by Vite, against a Node HTTP server that records what arrives.
 * msw cannot show this: its service worker answers before the HTTP cache and the network.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { build, type Rolldown } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../support/chromium.mjs';

const BODY = '[{"id":"bitcoin","symbol":"btc","name":"Bitcoin","current_price":70187.000000000000001}]';

let server: Server;
let browser: Browser;
let page: Page;
let origin = '';
const seen: Array<{ path: string; headers: IncomingHttpHeaders }> = [];

describe('requests as Chromium sends them', () => {
  beforeAll(async () => {
    const out = (await build({
      configFile: false,
      logLevel: 'silent',
      build: { write: false, minify: false, lib: { entry: 'src/feed/http.ts', formats: ['es'], fileName: 'http' } },
    })) as Rolldown.RolldownOutput[];
    const code = out[0]!.output[0].code;
    server = createServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0]!;
      if (path.startsWith('/api/')) seen.push({ path, headers: req.headers });
      if (path === '/') {
        // A cookie for the page's origin: it must not travel with the feed's requests.
        res
          .writeHead(200, { 'Content-Type': 'text/html', 'Set-Cookie': 'session=secret; Path=/' })
          .end('<!doctype html><p>page');
      } else if (path === '/http.js') {
        res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(code);
      } else if (path === '/api/max-age') {
        res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'max-age=60' }).end(BODY);
      } else if (path === '/api/etag') {
        if (req.headers['if-none-match'] === '"v1"')
          res.writeHead(304, { ETag: '"v1"', 'Cache-Control': 'no-cache' }).end();
        else
          res
            .writeHead(200, { 'Content-Type': 'application/json', ETag: '"v1"', 'Cache-Control': 'no-cache' })
            .end(BODY);
      } else if (path === '/api/gzip' || path === '/api/br') {
        const encoded = path.endsWith('gzip') ? gzipSync(BODY) : brotliCompressSync(BODY);
        res
          .writeHead(200, {
            'Content-Type': 'application/json',
            'Content-Encoding': path.slice(5),
            'Content-Length': encoded.length,
          })
          .end(encoded);
      } else if (path === '/api/bomb') {
        // 8 MiB of JSON in a few KiB of gzip: the cap counts what is decoded, not what is sent.
        const encoded = gzipSync(`[${' '.repeat(8 * 1024 * 1024)}]`);
        res
          .writeHead(200, {
            'Content-Type': 'application/json',
            'Content-Encoding': 'gzip',
            'Content-Length': encoded.length,
          })
          .end(encoded);
      } else if (path === '/api/split') {
        // A BOM, then names whose UTF-8 bytes are cut between chunks sent apart.
        const bytes = Buffer.from('\uFEFF[{"id":"€uro","name":"日本円 ₿","current_price":"1.5"}]');
        res.writeHead(200, { 'Content-Type': 'application/json' });
        // Inside the BOM, after the first byte of € and of 日, after two bytes of ₿.
        const inside = (char: string, n: number) => bytes.indexOf(Buffer.from(char)) + n;
        const cuts = [0, 2, inside('€', 1), inside('日', 1), inside('₿', 2), bytes.length];
        const send = (i: number): void => {
          if (i === cuts.length - 1) return void res.end();
          res.write(bytes.subarray(cuts[i], cuts[i + 1]));
          setTimeout(() => send(i + 1), 20);
        };
        send(0);
      } else if (path === '/api/corrupt') {
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' }).end('this is not gzip');
      } else {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // Found as by every other Chromium user here (scripts/find-chromium.mjs: $CHROMIUM_PATH, the
    // system's, Playwright's, else an install); without one this throws, it never skips.
    browser = await launchChromium();
    page = await browser.newPage();
    await page.goto(`${origin}/`);
  }, 20 * 60_000); // an install may take minutes

  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  /** Calls fetchExactJson twice in a row in the page (a string: Vitest would rewrite an import()). */
  const fetchTwice = (url: string): Promise<unknown[]> =>
    page.evaluate(`(async () => {
      const { fetchExactJson } = await import('/http.js');
      const signal = new AbortController().signal;
      return [await fetchExactJson(${JSON.stringify(url)}, 'test', signal), await fetchExactJson(${JSON.stringify(url)}, 'test', signal)];
    })()`);

  it('sends no cookie and no referrer, asks for JSON, and keeps every digit', async () => {
    expect(await page.evaluate(() => document.cookie)).toBe('session=secret');
    const [first] = await fetchTwice(`${origin}/api/etag?vs_currency=usd`);
    expect(first).toEqual([{ id: 'bitcoin', symbol: 'btc', name: 'Bitcoin', current_price: '70187.000000000000001' }]);
    const { headers } = seen.find((r) => r.path === '/api/etag')!;
    expect(headers.cookie).toBeUndefined();
    expect(headers.referer).toBeUndefined();
    expect(headers.accept).toBe('application/json');
  });

  it('respects the HTTP cache: max-age=60 is not fetched again; no-cache is revalidated (304)', async () => {
    seen.length = 0;
    const [a, b] = await fetchTwice(`${origin}/api/max-age?ids=bitcoin`);
    expect(b).toEqual(a);
    expect(seen.filter((r) => r.path === '/api/max-age')).toHaveLength(1);
    const [c, d] = await fetchTwice(`${origin}/api/etag?ids=ethereum`);
    expect(d).toEqual(c);
    const etag = seen.filter((r) => r.path === '/api/etag');
    expect(etag).toHaveLength(2);
    expect(etag[1]!.headers['if-none-match']).toBe('"v1"');
  });

  /** fetchExactJson once in the page: its value, or its error's message. */
  const fetchOnce = (url: string): Promise<{ value?: unknown; error?: string }> =>
    page.evaluate(`(async () => {
      const { fetchExactJson } = await import('/http.js');
      try {
        return { value: await fetchExactJson(${JSON.stringify(url)}, 'test', new AbortController().signal) };
      } catch (e) {
        return { error: e.message };
      }
    })()`);

  it('reads gzip and brotli bodies, every digit kept', async () => {
    for (const path of ['/api/gzip', '/api/br']) {
      expect(await fetchOnce(`${origin}${path}`)).toEqual({
        value: [{ id: 'bitcoin', symbol: 'btc', name: 'Bitcoin', current_price: '70187.000000000000001' }],
      });
    }
  });

  it('decodes UTF-8 cut between chunks, and drops a BOM, as response.text() does', async () => {
    expect(await fetchOnce(`${origin}/api/split`)).toEqual({
      value: [{ id: '€uro', name: '日本円 ₿', current_price: '1.5' }],
    });
  });

  it('caps what is decoded: a few KiB of gzip that inflate to 8 MiB stop at the 1 MiB cap', async () => {
    expect(await fetchOnce(`${origin}/api/bomb`)).toEqual({
      error: `test: ${origin}/api/bomb: body is over the 1048576-byte cap`,
    });
  });

  it('reports a body that cannot be decoded as unreadable', async () => {
    expect(await fetchOnce(`${origin}/api/corrupt`)).toEqual({
      error: `test: ${origin}/api/corrupt: body could not be read`,
    });
  });
});
