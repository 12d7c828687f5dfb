import { parseExactJson } from './exact-json.js';

/** More text than this is not a page's few prices: it is not read at all. */
export const MAX_INITIAL_QUOTES_CHARS = 100_000;

/**
 * The quotes a page ships inside the element, as raw entries for the feed to validate: the text
 * of a child `<script type="application/json">` holding an array of `QuoteInput`, numbers read
 * exactly (as from the `json` source). Undefined when there is none; when it is too long, not
 * JSON or not an array, one warning and undefined. Such a script is data: the browser never runs
 * it, and the shadow root, having no slot, never shows it.
 */
export function readInitialQuotes(host: Element): readonly unknown[] | undefined {
  const text = host.querySelector(':scope>script[type="application/json"]')?.textContent;
  if (text == null) return undefined;
  let reason = `over ${MAX_INITIAL_QUOTES_CHARS} characters`;
  try {
    if (text.length <= MAX_INITIAL_QUOTES_CHARS) {
      const entries = parseExactJson(text);
      if (Array.isArray(entries)) return entries as unknown[];
      reason = 'not an array';
    }
  } catch (error) {
    reason = `not JSON (${(error as Error).message})`;
  }
  console.warn(`price-ticker: initial quotes ignored: ${reason}`);
  return undefined;
}
