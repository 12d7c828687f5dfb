/**
 * Entry `price-ticker/react` (types only): `<price-ticker>` in React 19 JSX, with its
 * attributes, properties and events. React 19 sets a prop as a property when the element has
 * one (`coins={['bitcoin']}`) and adds `on<event-name>` props as event listeners
 * (`onprice-ticker-update`). Import it once, e.g. `import type {} from 'price-ticker/react';`.
 */
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { PriceTickerElement } from '../price-ticker.js';
import type { PriceTickerEventProps, PriceTickerProps } from './shared.js';

export type * from './shared.js';

/** The props of `<price-ticker>` in React. */
export type PriceTickerReactProps = Omit<
  DetailedHTMLProps<HTMLAttributes<PriceTickerElement>, PriceTickerElement>,
  keyof PriceTickerProps
> &
  PriceTickerProps &
  PriceTickerEventProps & {
    /** React 19 passes `class` to custom elements as the attribute, like `className`. */
    class?: string;
  };

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      'price-ticker': PriceTickerReactProps;
    }
  }
}
