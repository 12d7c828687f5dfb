/** Entry `price-ticker`: defines `<price-ticker>` and re-exports the class and its types. */
import { PriceTickerElement } from './price-ticker.js';

export * from './element.js';

PriceTickerElement.define();

declare global {
  interface HTMLElementTagNameMap {
    'price-ticker': PriceTickerElement;
  }
}
