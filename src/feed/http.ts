import { JsonDepthError, parseExactJson } from './exact-json.js';

/** A failed poll: the message names the source, the URL without its query, and what was wrong. */
export class FeedError extends Error {
  // Declared only: the constructor sets both.
  /** HTTP status, when the server answered. */
  declare readonly status: number | undefined;
  /** Seconds the server asked us to wait (Retry-After), when the page could read it. */
  declare readonly retryAfter: number | undefined;

  constructor(
    message: string,
    options: { status?: number | undefined; retryAfter?: number | undefined; cause?: unknown } = {},
  ) {
    super(message, options);
    this.name = 'FeedError';
    this.status = options.status;
    this.retryAfter = options.retryAfter;
  }
}

export const REQUEST_TIMEOUT_MS = 15_000;
export const MAX_BODY_BYTES = 1024 * 1024;
/** An error answer is read this far for the API's explanation, no further. */
export const MAX_ERROR_BODY_BYTES = 16 * 1024;

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

/** Reads the body as text, stopping (not buffering) once it passes `cap` bytes or `signal` aborts. */
async function readCapped(
  response: Response,
  signal: AbortSignal,
  fail: (what: string) => FeedError,
  cap = MAX_BODY_BYTES,
): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (declared > cap) throw fail(`body of ${declared} bytes is over the ${cap}-byte cap`);
  if (!response.body) return response.text();
  const reader = response.body.getReader();
  const cancel = () => void reader.cancel().catch(() => {}); // not awaited: some streams never settle a cancel
  // Decoded as the chunks come (UTF-8, a BOM dropped, like response.text()): a Blob of them
  // would cost a copy into the browser's blob store first, most of a millisecond per answer.
  const decoder = new TextDecoder();
  let text = '';
  let size = 0;
  // A stalled body is let go on abort even where the abort does not reach the stream.
  signal.addEventListener('abort', cancel);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (signal.aborted) throw signal.reason; // (throwIfAborted is newer: Chrome 100, Firefox 97)
      if (done) break;
      size += value.byteLength;
      if (size > cap) {
        cancel();
        throw fail(`body is over the ${cap}-byte cap`);
      }
      text += decoder.decode(value, { stream: true });
    }
  } finally {
    signal.removeEventListener('abort', cancel);
  }
  return text + decoder.decode();
}

/**
 * GETs a URL the polite way (no cookies, no referrer, the HTTP cache respected, a timeout,
 * a size cap) and parses its JSON with every number kept exact. `explain` reads the API's own
 * message out of an error answer, which then ends the error's message.
 */
export async function fetchExactJson(
  url: string,
  label: string,
  signal: AbortSignal,
  explain?: (body: unknown) => string | undefined,
): Promise<unknown> {
  const where = `${label}: ${urlForMessages(url)}`;
  const fail = (what: string, options?: ConstructorParameters<typeof FeedError>[1]) =>
    new FeedError(`${where}: ${what}`, options);
  // One signal for the caller's abort and the timeout, which covers the body too. A plain timer
  // (not AbortSignal.timeout) so that nothing is left running once the request is done.
  const request = new AbortController();
  const abort = () => request.abort();
  const timer = setTimeout(abort, REQUEST_TIMEOUT_MS);
  signal.addEventListener('abort', abort);
  try {
    let response: Response | undefined;
    let text: string;
    try {
      // No `cache` option: the default mode respects the HTTP cache (max-age, validators).
      response = await fetch(url, {
        signal: request.signal,
        credentials: 'omit',
        referrerPolicy: 'no-referrer',
        headers: { Accept: 'application/json' },
      });
      const { status } = response;
      const type = response.headers.get('content-type') ?? '';
      const json = /\bjson\b/i.test(type);
      if (!response.ok) {
        const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
        // The API's explanation, read from a JSON body of at most 16 KiB.
        let why: string | undefined;
        if (explain && json)
          try {
            why = explain(parseExactJson(await readCapped(response, request.signal, fail, MAX_ERROR_BODY_BYTES)));
          } catch {
            // unreadable, too long or not JSON: the status says enough
          }
        if (signal.aborted) throw signal.reason;
        const statusText = response.statusText ? ` ${response.statusText.slice(0, 100)}` : '';
        throw fail(`HTTP ${status}${statusText}${why ? `: ${why}` : ''}`, { status, retryAfter });
      }
      if (!json)
        throw fail(`expected JSON, got ${type ? `"${type.split(';')[0]!.slice(0, 100)}"` : 'no content type'}`, {
          status,
        });
      text = await readCapped(response, request.signal, fail);
    } catch (cause) {
      // A body not wanted, or not read to its end, is let go. Not awaited: some streams never
      // settle a cancel. (A locked body was already cancelled by its reader.)
      void response?.body?.cancel().catch(() => {});
      if (cause instanceof FeedError || signal.aborted) throw cause;
      // Without a response: CORS failures, offline, and CoinGecko's 429s (sent without CORS
      // headers) all land here.
      // The caller did not abort (see above): an aborted request timed out.
      const what = request.signal.aborted
        ? `${response ? 'body not received' : 'no answer'} within ${REQUEST_TIMEOUT_MS / 1000} s`
        : response
          ? 'body could not be read'
          : 'network error (offline, blocked by CORS, or rate-limited)';
      throw fail(what, { cause });
    }
    try {
      return parseExactJson(text);
    } catch (cause) {
      const what =
        cause instanceof JsonDepthError
          ? `JSON ${cause.message}`
          : text.trimStart()[0] === '<'
            ? 'got an HTML page instead of JSON'
            : 'malformed JSON';
      throw fail(what, { status: response.status, cause });
    }
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', abort);
  }
}
