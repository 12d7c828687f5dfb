/**
 * Where the ticker asks for prices: `?endpoint=` in the page's URL or VITE_PRICE_ENDPOINT at
 * build time (a caching proxy, a local server). Without either, the element asks CoinGecko's
 * public API.
 */
export const priceEndpoint: string | undefined =
  new URLSearchParams(location.search).get('endpoint') || import.meta.env.VITE_PRICE_ENDPOINT || undefined;
