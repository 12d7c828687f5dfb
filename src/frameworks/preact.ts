/**
 * Entry `price-ticker/preact` (types only): `<price-ticker>` in Preact JSX, with its
 * attributes, properties and events. Preact sets a prop as a property when the element has one
 * (`coins={['bitcoin']}`) and adds `on<event-name>` props as event listeners
 * (`onprice-ticker-update`). Import it once, e.g. `import type {} from 'price-ticker/preact';`.
 */
import type { HTMLAttributes } from 'preact';
import type { PriceTickerElement } from '../price-ticker.js';
import type { PriceTickerEventProps, PriceTickerProps } from './shared.js';

export type * from './shared.js';

/** The props of `<price-ticker>` in Preact. */
export type PriceTickerPreactProps = Omit<HTMLAttributes<PriceTickerElement>, keyof PriceTickerProps> &
  PriceTickerProps &
  PriceTickerEventProps;

declare module 'preact' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      'price-ticker': PriceTickerPreactProps;
    }
  }
}
