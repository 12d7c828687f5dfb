/** The locale of an element: its own, else the closest `lang` (through shadow roots), else the browser's. */
export function resolveLocale(element: Element, own: string | null): string {
  return own ?? canonicalLocale(closestLang(element)) ?? canonicalLocale(navigator.language) ?? 'en-US';
}

function closestLang(element: Element): string | null {
  let node: Element | null = element;
  while (node) {
    const withLang: Element | null = node.closest('[lang]');
    if (withLang) return withLang.getAttribute('lang') || null;
    const root = node.getRootNode();
    node = root instanceof ShadowRoot ? root.host : null;
  }
  return null;
}

/** The canonical form of a BCP 47 tag (`EN-us` → `en-US`); undefined for anything else. */
export function canonicalLocale(tag: unknown): string | undefined {
  try {
    return typeof tag === 'string' ? Intl.getCanonicalLocales(tag)[0] : undefined;
  } catch {
    return undefined; // malformed
  }
}
