// Importing the package defines <price-ticker>.
import 'price-ticker';

const ticker = document.querySelector('price-ticker');
const lastUpdate = document.querySelector('#last-update');
const motion = document.querySelector('#motion');
const addSolana = document.querySelector('#add-solana');
const togglePause = document.querySelector('#toggle-pause');

// `?endpoint=` or VITE_PRICE_ENDPOINT points the ticker at a proxy or a local server;
// without either, the element asks CoinGecko's public API.
const endpoint = new URLSearchParams(location.search).get('endpoint') || import.meta.env.VITE_PRICE_ENDPOINT;
if (endpoint) ticker.endpoint = endpoint;

// The page's own state; the ticker gets it as properties (an array, a boolean).
const state = { coins: ['bitcoin', 'ethereum'], paused: false };

function render() {
  ticker.coins = state.coins;
  ticker.paused = state.paused;
  addSolana.disabled = state.coins.includes('solana');
  togglePause.textContent = state.paused ? 'Resume' : 'Pause';
  motion.textContent = `Ticker: ${state.paused ? 'paused' : 'moving'}`;
}

ticker.addEventListener('price-ticker-update', (event) => {
  const { quotes, changed } = event.detail;
  lastUpdate.textContent = `Last update: ${quotes.length} coins, ${changed.length} changed`;
});

addSolana.addEventListener('click', () => {
  // A new array, not a push: the element notices a new value, not a change inside the old one.
  state.coins = [...state.coins, 'solana'];
  render();
});

togglePause.addEventListener('click', () => {
  state.paused = !state.paused;
  render();
});

render();
