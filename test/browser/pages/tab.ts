/**
 * A "tab" for tabs.test.ts, loaded in a same-origin iframe (iframes share BroadcastChannel and
 * Web Locks like tabs). `?endpoint=…&interval=…` set the ticker; `nolocks` hides navigator.locks.
 * The requests are answered by the msw worker of the test page that holds the iframe.
 */
import '../../../src/index.js';

const params = new URLSearchParams(location.search);
if (params.has('nolocks')) Object.defineProperty(navigator, 'locks', { value: undefined });

const el = document.createElement('price-ticker');
el.setAttribute('endpoint', params.get('endpoint')!);
el.setAttribute('coins', 'bitcoin');
el.setAttribute('interval', params.get('interval') ?? '1');
const updates: number[] = [];
el.addEventListener('price-ticker-update', () => updates.push(Date.now()));
document.body.append(el);
Object.assign(window, { ticker: el, updates });
