import { useState } from 'react';
import type { PriceTickerUpdateEvent } from 'price-ticker';
// Types `<price-ticker>` in JSX: its attributes, properties and `on<event>` props.
import type {} from 'price-ticker/react';
import { priceEndpoint } from './endpoint';

export function App() {
  const [coins, setCoins] = useState(['bitcoin', 'ethereum']);
  const [paused, setPaused] = useState(false);
  const [lastUpdate, setLastUpdate] = useState<string | null>(null);

  function handleUpdate(event: PriceTickerUpdateEvent) {
    const { quotes, changed } = event.detail;
    setLastUpdate(`${quotes.length} coins, ${changed.length} changed`);
  }

  return (
    <main>
      <h1>price-ticker in React</h1>
      {/* React 19 sets `coins` and `paused` as properties (the element has them) and adds
          `onprice-ticker-update` as a listener for the `price-ticker-update` event. */}
      <price-ticker
        coins={coins}
        currency="usd"
        endpoint={priceEndpoint}
        paused={paused}
        onprice-ticker-update={handleUpdate}
      />
      <p id="last-update" role="status">
        {lastUpdate ? `Last update: ${lastUpdate}` : 'Waiting for prices…'}
      </p>
      <p id="motion">Ticker: {paused ? 'paused' : 'moving'}</p>
      <button
        type="button"
        id="add-solana"
        disabled={coins.includes('solana')}
        onClick={() => setCoins([...coins, 'solana'])}
      >
        Add Solana
      </button>
      <button type="button" id="toggle-pause" onClick={() => setPaused(!paused)}>
        {paused ? 'Resume' : 'Pause'}
      </button>
    </main>
  );
}
