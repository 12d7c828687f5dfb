/**
 * JSON parsing that keeps every number as the exact text it was sent as: `0.000008123456789012345678`
 * in the body is that string in the result, never a float. Strings stay strings, so a number sent
 * as a string (`"0.5994"`) reads the same way.
 *
 * Browsers with JSON.parse source text access (Chromium 114+) use it; elsewhere numbers are
 * quoted by a small scanner before the native parser sees the text. Both paths run that scanner
 * first (the native one only to check nesting), so both accept and reject exactly the same text,
 * with the same error: JsonDepthError past MAX_JSON_DEPTH, any other SyntaxError for malformed JSON.
 */

type Reviver = (this: unknown, key: string, value: unknown, context?: { source?: string }) => unknown;

const keepSource: Reviver = (_key, value, context) =>
  typeof value === 'number' && context?.source !== undefined ? context.source : value;

function detectSourceAccess(): boolean {
  try {
    let seen: unknown;
    JSON.parse('0.10', ((_k: string, v: unknown, c?: { source?: string }) => ((seen = c?.source), v)) as never);
    return seen === '0.10';
  } catch {
    return false;
  }
}

export const hasSourceTextAccess: boolean = detectSourceAccess();

/**
 * The deepest nesting of arrays and objects accepted. A price body is a few levels deep (CoinGecko 3,
 * Kraken 4); the cap keeps JSON.parse with a reviver (which recurses) far from overflowing the stack.
 */
export const MAX_JSON_DEPTH = 32;

/** Thrown for JSON nested deeper than MAX_JSON_DEPTH. Any other SyntaxError means malformed JSON. */
export class JsonDepthError extends SyntaxError {
  constructor() {
    super(`nested too deep (more than ${MAX_JSON_DEPTH} levels)`);
    this.name = 'JsonDepthError';
  }
}

// A JSON number, anchored at the scan position.
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/**
 * One linear pass over the text outside its strings, tracking the open arrays and objects: throws
 * JsonDepthError on opening one past MAX_JSON_DEPTH, and SyntaxError on a bracket that closes none
 * or the other kind. With `quote`, returns the text with every number literal in value position
 * wrapped in quotes; one where an object key belongs stays bare, so JSON.parse rejects `{1:2}` just
 * as it does unquoted. (Only there may a string stand but not a number, so quoting the rest changes
 * no document's validity.) Without `quote`, it only checks, and returns the text untouched.
 */
function scan(text: string, quote: boolean): string {
  let out = '';
  let from = 0;
  let open = ''; // the open brackets, outermost first
  let key = false; // an object key may come next
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') {
      while (++i < text.length && text[i] !== '"') if (text[i] === '\\') i++;
    } else if (c === '{' || c === '[') {
      if (open.length === MAX_JSON_DEPTH) throw new JsonDepthError();
      open += c;
      key = c === '{';
    } else if (c === '}' || c === ']') {
      if (open.slice(-1) !== (c === '}' ? '{' : '[')) throw new SyntaxError(`Unexpected '${c}' in JSON at position ${i}`);
      open = open.slice(0, -1);
    } else if (c === ',' || c === ':') {
      key = c === ',' && open.slice(-1) === '{';
    } else if (quote && !key && (c === '-' || (c >= '0' && c <= '9'))) {
      NUMBER.lastIndex = i;
      const number = NUMBER.exec(text)?.[0]; // none for a lone '-', left for JSON.parse to reject
      if (number) {
        out += text.slice(from, i) + '"' + number + '"';
        from = i + number.length;
        i = from - 1;
      }
    }
  }
  return quote ? out + text.slice(from) : text;
}

/** Wraps every number literal in value position in quotes (see scan). Throws as parseExactJson does. */
export const quoteNumbers = (text: string): string => scan(text, true);

/**
 * Parses JSON text; every number in it comes back as its exact source text. Throws JsonDepthError
 * for nesting deeper than MAX_JSON_DEPTH, SyntaxError for anything else malformed.
 */
export function parseExactJson(text: string, native = hasSourceTextAccess): unknown {
  return native ? JSON.parse(scan(text, false), keepSource as never) : JSON.parse(scan(text, true));
}
