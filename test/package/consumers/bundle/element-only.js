// The control: an app that takes the element class, so its bundle must contain Lit.
import { PriceTickerElement } from 'price-ticker/element';

console.log(typeof PriceTickerElement);
