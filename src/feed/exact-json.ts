/**
 * JSON parsing that keeps every number as the exact text it was sent as: `0.000008123456789012345678`
 * in the body is that string in the result, never a float. Strings stay strings, so a number sent
 * as a string (`"0.5994"`) reads the same way.
 *
 * Browsers with JSON.parse source text access (Chromium 114+) use it; elsewhere numbers are
 * quoted by a small scanner before the native parser sees the text. Both give identical results.
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

// A JSON number, anchored at the scan position.
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** Wraps every number literal outside strings in quotes; leaves everything else to JSON.parse. */
export function quoteNumbers(text: string): string {
  let out = '';
  let from = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const ch = text.charCodeAt(i);
    if (ch === 34 /* " */) {
      // Skip the string, honouring escapes.
      i++;
      while (i < n) {
        const c = text.charCodeAt(i);
        if (c === 92 /* \ */) i += 2;
        else if (c === 34) break;
        else i++;
      }
      i++;
    } else if (ch === 45 /* - */ || (ch >= 48 && ch <= 57)) {
      NUMBER.lastIndex = i;
      const match = NUMBER.exec(text);
      if (!match) {
        i++;
        continue;
      }
      out += text.slice(from, i) + '"' + match[0] + '"';
      i += match[0].length;
      from = i;
    } else {
      i++;
    }
  }
  return out + text.slice(from);
}

/** Parses JSON text; every number in it comes back as its exact source text. Throws SyntaxError. */
export function parseExactJson(text: string, native = hasSourceTextAccess): unknown {
  return native ? JSON.parse(text, keepSource as never) : JSON.parse(quoteNumbers(text));
}
