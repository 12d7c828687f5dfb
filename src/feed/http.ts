import { parseExactJson } from './exact-json.js';

/** A failed poll: the message names the source, the URL without its query, and what was wrong. */
export class FeedError extends Error {
  /** HTTP status, when the server answered. */
  readonly status: number | undefined;
  /** Seconds the server asked us to wait (Retry-After), when the page could read it. */
  readonly retryAfter: number | undefined;

  constructor(message: string, options: { status?: number; retryAfter?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'FeedError';
    this.status = options.status;
    this.retryAfter = options.retryAfter;
  }
}

export const REQUEST_TIMEOUT_MS = 15_000;
export const MAX_BODY_BYTES = 1024 * 1024;

/** The URL as safe to print: origin and path, no query (which may carry keys) or fragment. */
export function urlForMessages(url: string): string {
  try {
    const u = new URL(url);
    return u.origin + u.pathname;
  } catch {
    return url.split(/[?#]/)[0]!.slice(0, 200);
  }
}

/** Seconds from a Retry-After header: delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\s*\d+\s*$/.test(value)) return Number(value);
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, Math.ceil((date - now) / 1000)) : undefined;
}

/** Reads the body as text, stopping (not buffering) once it passes the cap. */
async function readCapped(response: Response, fail: (what: string) => FeedError): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (declared > MAX_BODY_BYTES) throw fail(`body of ${declared} bytes is over the ${MAX_BODY_BYTES}-byte cap`);
  if (!response.body) return response.text();
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let size = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      void reader.cancel().catch(() => {});
      throw fail(`body is over the ${MAX_BODY_BYTES}-byte cap`);
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}

/**
 * GETs a URL the polite way (no cookies, no referrer, the HTTP cache respected, a timeout,
 * a size cap) and parses its JSON with every number kept exact.
 */
export async function fetchExactJson(url: string, label: string, signal: AbortSignal): Promise<unknown> {
  const where = `${label}: ${urlForMessages(url)}`;
  const fail = (what: string, options?: ConstructorParameters<typeof FeedError>[1]) =>
    new FeedError(`${where}: ${what}`, options);
  const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
  let response: Response;
  try {
    response = await fetch(url, {
      signal: AbortSignal.any([signal, timeout]),
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      headers: { Accept: 'application/json' },
    });
  } catch (cause) {
    if (signal.aborted) throw cause;
    if (timeout.aborted) throw fail(`no answer within ${REQUEST_TIMEOUT_MS / 1000} s`, { cause });
    // CORS failures, offline, and CoinGecko's 429s (sent without CORS headers) all land here.
    throw fail('network error (offline, blocked by CORS, or rate-limited)', { cause });
  }
  if (!response.ok) {
    const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
    void response.body?.cancel().catch(() => {}); // not awaited: some streams never settle a cancel
    throw fail(`HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`, {
      status: response.status,
      ...(retryAfter !== undefined ? { retryAfter } : {}),
    });
  }
  const type = response.headers.get('content-type') ?? '';
  if (!/\bjson\b/i.test(type)) {
    void response.body?.cancel().catch(() => {}); // not awaited: some streams never settle a cancel
    throw fail(`expected JSON, got ${type ? `"${type.split(';')[0]}"` : 'no content type'}`, { status: response.status });
  }
  let text: string;
  try {
    text = await readCapped(response, fail);
  } catch (cause) {
    if (cause instanceof FeedError || signal.aborted) throw cause;
    throw fail(timeout.aborted ? `body not received within ${REQUEST_TIMEOUT_MS / 1000} s` : 'body could not be read', { cause });
  }
  try {
    return parseExactJson(text);
  } catch (cause) {
    const start = text.trimStart().slice(0, 1);
    throw fail(start === '<' ? 'got an HTML page instead of JSON' : 'malformed JSON', { status: response.status, cause });
  }
}
