/**
 * JSON parsing that keeps every number as the exact text it was sent as: `0.000008123456789012345678`
 * in the body is that string in the result, never a float. Strings stay strings, so a number sent
 * as a string (`"0.5994"`) reads the same way.
 *
 * A small scanner wraps every number in quotes before JSON.parse sees the text, so JSON.parse
 * returns each number's text. The scanner also caps nesting: JsonDepthError past MAX_JSON_DEPTH;
 * any other SyntaxError means malformed JSON.
 */

/**
 * The deepest nesting of arrays and objects accepted. A price body is a few levels deep (CoinGecko 3,
 * Kraken 4); the cap keeps hostile bodies cheap and anything that walks the result far from the stack's limit.
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
 * Returns the text with every number literal in value position wrapped in quotes, in one linear pass
 * over the text outside its strings. One where an object key belongs stays bare, so JSON.parse rejects
 * `{1:2}` just as it does unquoted. (Only there may a string stand but not a number, so quoting the
 * rest changes no document's validity.) Tracks the open arrays and objects: throws JsonDepthError on
 * opening one past MAX_JSON_DEPTH, and SyntaxError on a bracket that closes none or the other kind.
 */
export function quoteNumbers(text: string): string {
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
      if (open[open.length - 1] !== (c === '}' ? '{' : '['))
        throw new SyntaxError(`Unexpected '${c}' in JSON at position ${i}`);
      open = open.slice(0, -1);
    } else if (c === ',' || c === ':') {
      key = c === ',' && open[open.length - 1] === '{';
    } else if (!key && (c === '-' || (c >= '0' && c <= '9'))) {
      NUMBER.lastIndex = i;
      const number = NUMBER.exec(text)?.[0]; // none for a lone '-', left for JSON.parse to reject
      if (number) {
        out += text.slice(from, i) + '"' + number + '"';
        from = i + number.length;
        i = from - 1;
      }
    }
  }
  return out + text.slice(from);
}

/**
 * Parses JSON text; every number in it comes back as its exact source text. Throws JsonDepthError
 * for nesting deeper than MAX_JSON_DEPTH, SyntaxError for anything else malformed.
 */
export const parseExactJson = (text: string): unknown => JSON.parse(quoteNumbers(text));
