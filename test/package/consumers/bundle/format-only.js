// An app that needs only the formatting functions.
import { formatChange, formatPrice } from 'price-ticker/format';

console.log(formatPrice('0.000008123456'), formatChange('-2.574'));
