/** The locale of an element: its own, else the closest `lang` (through shadow roots), else the browser's. */
export function resolveLocale(element: Element, own: string | null): string {
  return own ?? canonical(closestLang(element)) ?? canonical(navigator.language) ?? 'en-US';
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

function canonical(tag: string | null | undefined): string | null {
  if (!tag) return null;
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? null;
  } catch {
    return null;
  }
}
