// A strict TypeScript user of the main entries, with no framework installed.
import 'price-ticker';
import type { PriceTickerElement, PriceTickerErrorEvent, Quote } from 'price-ticker';
import { PriceTickerUpdateEvent } from 'price-ticker/element';
import { formatChange, formatCompact, formatPrice } from 'price-ticker/format';

// The tag map gives the class, with no cast.
const ticker: PriceTickerElement = document.createElement('price-ticker');
ticker.coins = ['bitcoin', 'ethereum'];
ticker.source = 'kraken';
ticker.change = '7d';
ticker.subscriptZeros = 4;
ticker.paused = true;
ticker.fetcher = async () => [{ id: 'x', symbol: 'X', name: 'Ex', price: 1.5, change: null }];
document.querySelector('price-ticker')?.refresh();

ticker.addEventListener('price-ticker-update', (event) => {
  const same: PriceTickerUpdateEvent = event;
  const quotes: readonly Quote[] = event.detail.quotes;
  const changed: string[] = event.detail.changed;
  console.log(same, quotes, changed);
});
ticker.addEventListener('price-ticker-error', (event: PriceTickerErrorEvent) => {
  const retryIn: number = event.detail.retryIn;
  const status: number | undefined = event.detail.status;
  console.log(retryIn, status, event.detail.error.message);
});

const first = ticker.quotes[0];
if (first) {
  const price: string = first.price;
  const change: string | null = first.change;
  console.log(formatPrice(price, { currency: 'eur', subscriptZeros: 4 }), change && formatChange(change));
}
const compact: string = formatCompact('1234567890123', { currency: 'eur', locale: 'de-DE' });
const status: 'loading' | 'live' | 'stale' | 'error' = ticker.status;
const lastUpdated: Date | null = ticker.lastUpdated;
console.log(status, lastUpdated, PriceTickerUpdateEvent.type, compact);

// Deliberate mistakes: each must stay an error.
// @ts-expect-error: not a source
ticker.source = 'coinmarketcap';
// @ts-expect-error: not a change window
ticker.change = '30d';
// @ts-expect-error: `quotes` is read-only
ticker.quotes = [];
// @ts-expect-error: prices are exact strings, never floats
const asNumber: number = ticker.quotes[0]!.price;
// @ts-expect-error: the update event has no `prices`
ticker.addEventListener('price-ticker-update', (event) => event.detail.prices);
// @ts-expect-error: `retryIn` is a number of seconds
ticker.addEventListener('price-ticker-error', (event) => event.detail.retryIn.toUpperCase());
// @ts-expect-error: `status` is optional: left out when there is none, never set to undefined
const detail: import('price-ticker').PriceTickerErrorDetail = { error: new Error('x'), retryIn: 1, status: undefined };
// @ts-expect-error: the price is a decimal string, not a number
formatPrice(0.1);
// @ts-expect-error: a market cap is a decimal string too
formatCompact(1.2e12);
// @ts-expect-error: compact amounts take no subscript zeros
formatCompact('1', { subscriptZeros: 4 });
console.log(asNumber, detail);
