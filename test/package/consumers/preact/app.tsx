import 'price-ticker';
import type {} from 'price-ticker/preact';
import type { PriceTickerElement } from 'price-ticker';
import { useRef, useState } from 'preact/hooks';

export function App() {
  const ref = useRef<PriceTickerElement>(null);
  const [count, setCount] = useState(0);
  return (
    <>
      <price-ticker
        ref={ref}
        coins={['bitcoin', 'ethereum']}
        currency="eur"
        source="kraken"
        subscript-zeros="4"
        paused={count > 3}
        class="ticker"
        onprice-ticker-update={(event) => setCount(event.detail.quotes.length + event.detail.changed.length)}
        onprice-ticker-error={(event) => console.log(event.detail.retryIn, event.detail.error.message)}
      />
      {/* @ts-expect-error: not a source */}
      <price-ticker source="coinmarketcap" />
      {/* @ts-expect-error: not a theme */}
      <price-ticker theme="blue" />
      {/* @ts-expect-error: no such attribute */}
      <price-ticker colour="red" />
      {/* @ts-expect-error: speed is a number */}
      <price-ticker speed="fast" />
      {/* @ts-expect-error: the update event has no `prices` */}
      <price-ticker onprice-ticker-update={(event) => event.detail.prices} />
    </>
  );
}
