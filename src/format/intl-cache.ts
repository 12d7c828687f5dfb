/**
 * A small LRU cache of `Intl.NumberFormat` instances (constructing one costs far more than
 * formatting with it). Keyed by the locale as given plus the options as JSON.
 */
export const DEFAULT_LOCALE = 'en-US';
const MAX_ENTRIES = 32;

// `null` remembers options Intl rejected (an unknown currency code), so the RangeError
// is not thrown again on every render.
const cache = new Map<string, Intl.NumberFormat | null>();

/**
 * `answer`, remembering its last question: asked once per number formatted, with the same
 * locale or currency every time (a ticker has one of each).
 */
export function keepLast<K, V>(answer: (question: K) => V): (question: K) => V {
  let last: [K, V] | undefined;
  return (question) => (last && question === last[0] ? last : (last = [question, answer(question)]))[1];
}

/**
 * The locale to use for `locale`: the default when absent, malformed (Intl throws a
 * RangeError) or not supported at all; otherwise Intl would silently use the host's
 * locale, which differs between machines.
 */
function supportedLocale(locale: string | undefined): string {
  try {
    // Canonical, and only when supported: none for undefined, a RangeError when malformed.
    return Intl.NumberFormat.supportedLocalesOf(locale)[0] ?? DEFAULT_LOCALE;
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
  }
  return DEFAULT_LOCALE;
}

// Asking Intl which locales it supports is slow.
const resolveLocale = keepLast(supportedLocale);

/** A cached formatter, or `undefined` when Intl rejects the options (not the locale). */
export function getNumberFormat(
  locale: string | undefined,
  options: Intl.NumberFormatOptions,
): Intl.NumberFormat | undefined {
  const key = `${locale ?? ''}\u0000${JSON.stringify(options)}`;
  let format = cache.get(key);
  if (format !== undefined) {
    cache.delete(key); // re-insert: Map keeps insertion order, so the first key is the oldest
  } else {
    try {
      format = new Intl.NumberFormat(resolveLocale(locale), options);
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      format = null;
    }
    if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
  }
  cache.set(key, format);
  return format ?? undefined;
}

/** Drops every cached formatter (e.g. on `languagechange`). */
export function clearFormatCache(): void {
  cache.clear();
}
