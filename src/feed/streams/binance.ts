import { apiError, changeFrom, isRecord } from '../sources/source.js';
import { idsBy, other, priceOf, reader, refused, type StreamSource } from './stream.js';

/**
 * Binance's market-data-only stream host: one combined stream of `<symbol>@miniTicker`, chosen
 * by the URL alone (`/stream?streams=btcusdt@miniTicker/ethusdt@miniTicker`), so nothing is sent.
 * Each event (`{"stream":…,"data":{"e":"24hrMiniTicker","s":"BTCUSDT","c":…,"o":…}}`, about one a
 * second per symbol that trades) gives the close `c`; the change is computed exactly from the
 * rolling 24 h open `o`. An unknown symbol is not refused, only silent. Binance sends ping frames
 * (answered by the browser, never seen by the page), so there is no heartbeat to watch.
 */
export const binance: StreamSource = {
  url: 'wss://data-stream.binance.vision',
  heartbeat: 0,

  subscribe(ids, endpoint) {
    const url = new URL(endpoint ?? this.url);
    const streams = ids.map((id) => `${encodeURIComponent(id.toLowerCase())}@miniTicker`).join('/');
    url.pathname = `${url.pathname.replace(/\/+$/, '')}/stream`;
    // A relay's own query parameters (a key, say) stay, after the streams.
    url.search = `streams=${streams}${url.search.replace('?', '&')}`;
    const idOf = idsBy(ids);
    return {
      url: url.href,
      send: [],
      read: reader((m) => {
        const event = isRecord(m.data) ? m.data : m;
        if (event.e === '24hrMiniTicker') return priceOf(idOf, event.s, event.c, changeFrom(event.o, event.c));
        // Errors: {"error":{"code":2,"msg":"Invalid request: invalid stream"},"id":2}, or the fields alone.
        const error = isRecord(m.error) ? m.error : m;
        if (error.msg !== undefined) return refused(apiError(error.code, error.msg));
        // A reply to a request ({"result":null,"id":1}) or the notice before a server restarts.
        return other('result' in m || event.e === 'serverShutdown');
      }),
    };
  },
};
