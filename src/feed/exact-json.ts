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

/**
 * A string (to its end when unterminated: a backslash escapes any next character), a number, or a
 * bracket, comma or colon: the tokens the scan below looks at. Whatever else is left as it is.
 */
const TOKEN = /"(?:[^"\\]+|\\[^])*"?|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|[[\]{}:,]/g;

/**
 * Returns the text with every number literal in value position wrapped in quotes, in one linear pass
 * over the text outside its strings. One where an object key belongs stays bare, so JSON.parse rejects
 * `{1:2}` just as it does unquoted. (Only there may a string stand but not a number, so quoting the
 * rest changes no document's validity.) Tracks the open arrays and objects: throws JsonDepthError on
 * opening one past MAX_JSON_DEPTH, and SyntaxError on a bracket that closes none or the other kind.
 */
export function quoteNumbers(text: string): string {
  let open = ''; // the open brackets, outermost first
  let key = false; // an object key may come next
  return text.replace(TOKEN, (token, at: number) => {
    const c = token[0];
    if (c === '{' || c === '[') {
      if (open.length === MAX_JSON_DEPTH) throw new JsonDepthError();
      open += c;
      key = c === '{';
    } else if (c === '}' || c === ']') {
      if (open.slice(-1) !== (c === '}' ? '{' : '['))
        throw new SyntaxError(`Unexpected '${c}' in JSON at position ${at}`);
      open = open.slice(0, -1);
    } else if (c === ',' || c === ':') {
      key = c === ',' && open.slice(-1) === '{';
    } else if (c !== '"' && !key) {
      return `"${token}"`;
    }
    return token;
  });
}

/**
 * Parses JSON text; every number in it comes back as its exact source text. Throws JsonDepthError
 * for nesting deeper than MAX_JSON_DEPTH, SyntaxError for anything else malformed.
 */
export const parseExactJson = (text: string): unknown => JSON.parse(quoteNumbers(text));
