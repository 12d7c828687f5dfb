import 'price-ticker';
import type {} from 'price-ticker/react';
import type { PriceTickerElement, PriceTickerUpdateEvent } from 'price-ticker';
import { useRef, useState } from 'react';

export function App() {
  const ref = useRef<PriceTickerElement>(null);
  const [count, setCount] = useState(0);
  return (
    <>
      <price-ticker
        ref={ref}
        coins={['bitcoin', 'ethereum']}
        currency="eur"
        source="binance"
        change="7d"
        limit={10}
        interval="30"
        subscript-zeros={4}
        subscriptZeros={4}
        fields="price change"
        paused={count > 3}
        className="ticker"
        onprice-ticker-update={(event) => setCount(event.detail.quotes.length + event.detail.changed.length)}
        onprice-ticker-error={(event) => console.log(event.detail.retryIn, event.detail.status)}
      />
      <price-ticker coins="bitcoin,ethereum" theme="dark" direction="right" />
      {/* @ts-expect-error: not a source */}
      <price-ticker source="coinmarketcap" />
      {/* @ts-expect-error: not a window */}
      <price-ticker change="30d" />
      {/* @ts-expect-error: no such attribute */}
      <price-ticker colour="red" />
      {/* @ts-expect-error: paused is a boolean */}
      <price-ticker paused="yes" />
      {/* @ts-expect-error: limit is a number */}
      <price-ticker limit="ten" />
      {/* @ts-expect-error: the update event has no `prices` */}
      <price-ticker onprice-ticker-update={(event) => event.detail.prices} />
      {/* @ts-expect-error: the error event's detail has no `quotes` */}
      <price-ticker onprice-ticker-error={(event) => event.detail.quotes} />
    </>
  );
}

export function handler(event: PriceTickerUpdateEvent): number {
  return event.detail.quotes.length;
}
