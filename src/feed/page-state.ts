/**
 * The page's visibility and connectivity, the only page facts the feed reads. One place, so tests
 * can drive it (override `document.visibilityState` / `navigator.onLine`, then dispatch the event).
 * Listeners are on the window only while some feed listens. Outside a browser: visible and online.
 */
export type PageListener = (type: string) => void;

const listeners = new Set<PageListener>();
const EVENTS = ['visibilitychange', 'online', 'offline'];
const emit = (event: Event) => listeners.forEach((listener) => listener(event.type));
const listen = (on: boolean) =>
  typeof window !== 'undefined' &&
  EVENTS.forEach((type) => window[on ? 'addEventListener' : 'removeEventListener'](type, emit));

export const pageState = {
  get hidden(): boolean {
    return globalThis.document?.visibilityState === 'hidden';
  },
  get online(): boolean {
    return globalThis.navigator?.onLine !== false;
  },
  /** `listener` gets the event type: `visibilitychange`, `online` or `offline`. */
  subscribe(listener: PageListener): void {
    if (!listeners.size) listen(true);
    listeners.add(listener);
  },
  unsubscribe(listener: PageListener): void {
    if (listeners.delete(listener) && !listeners.size) listen(false);
  },
};
