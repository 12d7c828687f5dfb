/**
 * Entry `price-ticker/svelte` (types only): `<price-ticker>` in Svelte 5 markup, with its
 * attributes, properties and events, checked by `svelte-check`. Svelte 5 sets an attribute as a
 * property when the element has one (`coins={['bitcoin']}`) and adds `on<event-name>` attributes
 * as event listeners (`onprice-ticker-update`). Import it once, e.g. in a `.d.ts` of the app:
 * `import type {} from 'price-ticker/svelte';`.
 */
import type { HTMLAttributes } from 'svelte/elements';
import type { PriceTickerElement } from '../price-ticker.js';
import type { PriceTickerEventProps, PriceTickerProps } from './shared.js';

export type * from './shared.js';

/** The attributes of `<price-ticker>` in Svelte. */
export type PriceTickerSvelteAttributes = Omit<HTMLAttributes<PriceTickerElement>, keyof PriceTickerProps> &
  PriceTickerProps &
  PriceTickerEventProps;

declare module 'svelte/elements' {
  interface SvelteHTMLElements {
    'price-ticker': PriceTickerSvelteAttributes;
  }
}
