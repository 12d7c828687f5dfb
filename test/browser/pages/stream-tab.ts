/**
 * A streaming "tab" for stream.test.ts, loaded in a same-origin iframe (iframes share
 * BroadcastChannel and Web Locks like tabs): a Kraken ticker of XBTUSDT with `stream`, its REST
 * `endpoint` and `stream-endpoint` from the query. The REST requests are answered by the msw
 * worker of the test page that holds the iframe; the socket goes to the test's local exchange.
 */
import '../../../src/index.js';

const params = new URLSearchParams(location.search);
const el = document.createElement('price-ticker');
el.setAttribute('source', 'kraken');
el.setAttribute('coins', 'XBTUSDT');
el.setAttribute('locale', 'en-US');
el.setAttribute('endpoint', params.get('endpoint')!);
el.setAttribute('stream-endpoint', params.get('stream')!);
el.toggleAttribute('stream', true);
document.body.append(el);
Object.assign(window, { ticker: el });
