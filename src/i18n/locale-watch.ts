/**
 * Re-renders tickers when the language around them changes: a `lang` attribute anywhere in the
 * document, or the browser's languages (`languagechange`). One observer and one listener for
 * the whole page, made when the first ticker connects and removed when the last one leaves.
 */
type Watcher = { requestUpdate(): void };

const watchers = new Set<Watcher>();
let observer: MutationObserver | null = null;

const updateAll = () => {
  for (const w of watchers) w.requestUpdate();
};

export function watchLocale(watcher: Watcher): void {
  watchers.add(watcher);
  if (observer) return;
  observer = new MutationObserver(updateAll);
  observer.observe(document.documentElement, { subtree: true, attributes: true, attributeFilter: ['lang'] });
  addEventListener('languagechange', updateAll);
}

export function unwatchLocale(watcher: Watcher): void {
  watchers.delete(watcher);
  if (watchers.size > 0 || !observer) return;
  observer.disconnect();
  observer = null;
  removeEventListener('languagechange', updateAll);
}
