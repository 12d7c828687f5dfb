/**
 * Demo page: starts the simulated market (msw) BEFORE the element is defined, so its very
 * first poll is answered offline, then wires the playground to the ticker's attributes.
 */
import { KRAKEN_PAIRS, market, settings, startMocks, worker, type DataMode, type Failure } from './mocks';

/** What the demo uses of the element; typed here so the demo does not depend on src types. */
type Ticker = HTMLElement & {
  coins?: readonly string[];
  status?: string;
  lastUpdated?: Date | null;
  quotes?: readonly unknown[];
  refresh?: () => Promise<void>;
};

interface UpdateDetail {
  quotes?: readonly unknown[];
  changed?: readonly string[];
}
interface SelectDetail {
  id?: string;
  quote?: { name?: string; symbol?: string; price?: string };
}
interface ErrorDetail {
  error?: Error;
  status?: number;
  retryIn?: number;
}

const $ = <T extends Element>(selector: string): T => {
  const el = document.querySelector<T>(selector);
  if (!el) throw new Error(`demo: missing ${selector}`);
  return el;
};

/** The live ticker; "page prices" replaces it with a new one (see remakeTicker). */
let ticker = $<Ticker>('#ticker');
const LOCAL_ENDPOINT = `${location.origin}/api/v3`;
const INITIAL_ATTRIBUTES = new Map([...ticker.attributes].map((a) => [a.name, a.value]));
// Any endpoint other than CoinGecko's public URL lowers the poll floor to 1 s; msw's
// `*/coins/markets` handler answers it just like the public URL.
ticker.setAttribute('endpoint', LOCAL_ENDPOINT);
INITIAL_ATTRIBUTES.set('endpoint', LOCAL_ENDPOINT);

// On narrow screens the playground sits above the article: start it folded.
if (matchMedia('(max-width: 1080px)').matches) $<HTMLDetailsElement>('.playground details').open = false;

const today = new Date();
$('#today').textContent = today.toLocaleDateString('en-GB', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
$('#published').textContent = `Updated ${today.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })}`;

// ---------------------------------------------------------------------------------------
// Status readout

const badge = $<HTMLElement>('#status-badge');
const updated = $<HTMLElement>('#status-updated');
const detail = $<HTMLElement>('#status-detail');
const requestOut = $<HTMLElement>('#status-request');
const timeFormat = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });

function showStatus(): void {
  const status = ticker.status ?? (customElements.get('price-ticker') ? 'unknown' : 'not defined');
  badge.textContent = status;
  badge.dataset['status'] = status;
  const last = ticker.lastUpdated;
  if (last instanceof Date) {
    const ago = Math.max(0, Math.round((Date.now() - last.getTime()) / 1000));
    updated.textContent = `updated ${timeFormat.format(last)} (${ago} s ago)`;
  } else {
    updated.textContent = 'no data yet';
  }
}

document.addEventListener('price-ticker-update', (event) => {
  const d: UpdateDetail = (event as { detail?: UpdateDetail }).detail ?? {};
  detail.textContent = `Update: ${d.quotes?.length ?? 0} quotes, ${d.changed?.length ?? 0} changed.`;
  detail.classList.remove('is-error');
  showStatus();
});
document.addEventListener('price-ticker-error', (event) => {
  const d: ErrorDetail = (event as { detail?: ErrorDetail }).detail ?? {};
  const status = d.status === undefined ? '' : ` (HTTP ${d.status})`;
  const retry = d.retryIn === undefined ? '' : ` Retry in ${Math.round(d.retryIn)} s.`;
  detail.textContent = `Error${status}: ${d.error?.message ?? 'unknown'}.${retry}`;
  detail.classList.add('is-error');
  showStatus();
});
setInterval(showStatus, 1000);

// ---------------------------------------------------------------------------------------
// Event log: what the ticker tells the page when a coin is chosen, and where the page went.

const eventLog = $<HTMLOListElement>('#event-log');
const cancelNavigation = $<HTMLInputElement>('#cancel-navigation');
const LOG_LENGTH = 8;

function log(text: string): void {
  const entry = document.createElement('li');
  entry.textContent = `${timeFormat.format(new Date())} ${text}`;
  eventLog.querySelector('.muted')?.remove();
  eventLog.prepend(entry);
  while (eventLog.children.length > LOG_LENGTH) eventLog.lastElementChild?.remove();
}

document.addEventListener('price-ticker-select', (event) => {
  const { id, quote } = (event as { detail?: SelectDetail }).detail ?? {};
  const currency = ticker.getAttribute('currency') ?? 'usd';
  const link = ticker.hasAttribute('href');
  if (cancelNavigation.checked) event.preventDefault();
  const then = !link ? 'no link' : event.defaultPrevented ? 'navigation cancelled' : 'following the link';
  log(`select ${id ?? '?'}: ${quote?.name ?? ''} at ${quote?.price ?? '?'} ${currency} (${then})`);
});
addEventListener('hashchange', () => log(`page went to ${location.hash || '#'}`));

try {
  worker.events.on('request:start', ({ request }) => {
    if (!request.url.includes('/coins/markets')) return;
    const url = new URL(request.url);
    requestOut.textContent = `${url.host}${url.pathname.replace(/^.*(?=\/coins\/markets)/, '…')}${url.search}`;
    requestOut.parentElement?.setAttribute('title', request.url);
  });
} catch {
  // Life-cycle events are a convenience only.
}

// ---------------------------------------------------------------------------------------
// Start msw, then define the element.

try {
  await startMocks();
  detail.textContent = 'Simulated market running; loading the element…';
} catch (error) {
  detail.textContent = `Could not start the mock service worker (${String(error)}). Prices will come from the network.`;
  detail.classList.add('is-error');
}
try {
  await import('../src/index');
  await customElements.whenDefined('price-ticker');
  detail.textContent = 'Waiting for the first prices…';
} catch (error) {
  console.error(error);
  detail.textContent = `The element failed to load: ${String(error)}`;
  detail.classList.add('is-error');
}
showStatus();

// ---------------------------------------------------------------------------------------
// Playground: every control sets or removes an attribute on the live element.

const form = $<HTMLFormElement>('#controls');
const attrControls = [...form.querySelectorAll<HTMLInputElement | HTMLSelectElement>('[data-attr]')];
const speedOut = $<HTMLOutputElement>('#speed-out');
const fieldBoxes = [...form.querySelectorAll<HTMLInputElement>('#fields input[type=checkbox]')];
/** What the element shows without a `fields` attribute. */
const DEFAULT_FIELDS = ['logo', 'name', 'symbol', 'price', 'change'];

function setAttr(name: string, value: string | null): void {
  if (value === null || value === '') ticker.removeAttribute(name);
  else ticker.setAttribute(name, value);
}

/** Reads the element's attributes into the controls (also after the pause button). */
function syncControls(): void {
  for (const control of attrControls) {
    const name = control.dataset['attr'] ?? '';
    if (control instanceof HTMLInputElement && control.type === 'checkbox') {
      control.checked = ticker.hasAttribute(name);
    } else if (control instanceof HTMLInputElement && control.type === 'range') {
      control.value = ticker.getAttribute(name) ?? '40';
    } else if (document.activeElement !== control) {
      const value = ticker.getAttribute(name) ?? '';
      if (control instanceof HTMLSelectElement && ![...control.options].some((o) => o.value === value)) {
        control.add(new Option(value, value));
      }
      control.value = value;
    }
  }
  speedOut.value = ticker.getAttribute('speed') ?? '40';
  const fields = ticker.getAttribute('fields');
  const shown = fields === null ? DEFAULT_FIELDS : fields.split(/\s+/);
  for (const box of fieldBoxes) box.checked = shown.includes(box.value);
}

for (const control of attrControls) {
  const name = control.dataset['attr'] ?? '';
  if (control instanceof HTMLInputElement && control.type === 'checkbox') {
    control.addEventListener('change', () => ticker.toggleAttribute(name, control.checked));
  } else if (control instanceof HTMLInputElement && control.type === 'range') {
    control.addEventListener('input', () => {
      speedOut.value = control.value;
      setAttr(name, control.value);
    });
  } else {
    // Text and number inputs apply on Enter or when leaving the field, not on every key.
    control.addEventListener('change', () => setAttr(name, control.value.trim()));
  }
}

for (const box of fieldBoxes) {
  box.addEventListener('change', () => {
    const chosen = fieldBoxes.filter((b) => b.checked).map((b) => b.value);
    // The default set drops the attribute. None checked sends "" to the element.
    if (chosen.join(' ') === DEFAULT_FIELDS.join(' ')) ticker.removeAttribute('fields');
    else ticker.setAttribute('fields', chosen.join(' '));
  });
}

form.addEventListener('submit', (e) => e.preventDefault());
const attributeWatch = new MutationObserver(syncControls);
attributeWatch.observe(ticker, { attributes: true });
syncControls();

// Data source: simulated market (local endpoint, msw answers) or the real CoinGecko API.
const failure = $<HTMLSelectElement>('#failure');
const dataNote = $<HTMLElement>('#data-note');
function applyMode(mode: DataMode): void {
  settings.mode = mode;
  failure.disabled = mode !== 'simulated';
  dataNote.classList.toggle('is-real', mode === 'real');
  if (mode === 'real') ticker.removeAttribute('endpoint');
  else ticker.setAttribute('endpoint', mode === 'stream' ? location.origin : LOCAL_ENDPOINT);
  // Stream: a Kraken ticker with `stream`, its REST and WebSocket both simulated (mocks.ts).
  ticker.toggleAttribute('stream', mode === 'stream');
  if (mode === 'stream') {
    ticker.setAttribute('source', 'kraken');
    ticker.setAttribute('coins', Object.keys(KRAKEN_PAIRS).join(','));
  } else if (ticker.getAttribute('source') === 'kraken') {
    ticker.removeAttribute('source');
    setAttr('coins', INITIAL_ATTRIBUTES.get('coins') ?? null);
  }
  const radio = form.querySelector<HTMLInputElement>(`input[name=data-mode][value=${mode}]`);
  if (radio) radio.checked = true;
}
for (const radio of form.querySelectorAll<HTMLInputElement>('input[name=data-mode]')) {
  radio.addEventListener('change', () => {
    if (radio.checked) applyMode(radio.value as DataMode);
  });
}
failure.addEventListener('change', () => {
  settings.failure = failure.value as Failure;
});

// Position: docked bottom, docked top, or inline in the article.
const inlineSlot = $<HTMLElement>('#inline-slot');
const dockParent = ticker.parentElement ?? document.body;
const dockNext = ticker.nextSibling;
function applyPosition(position: string): void {
  document.body.classList.remove('ticker-bottom', 'ticker-top', 'ticker-inline');
  document.body.classList.add(`ticker-${position}`);
  if (position === 'inline') inlineSlot.append(ticker);
  else if (ticker.parentElement !== dockParent) dockParent.insertBefore(ticker, dockNext);
  const radio = form.querySelector<HTMLInputElement>(`input[name=position][value=${position}]`);
  if (radio) radio.checked = true;
}
for (const radio of form.querySelectorAll<HTMLInputElement>('input[name=position]')) {
  radio.addEventListener('change', () => {
    if (radio.checked) applyPosition(radio.value);
  });
}

const dir = $<HTMLSelectElement>('#dir');
dir.addEventListener('change', () => {
  if (dir.value === '') document.documentElement.removeAttribute('dir');
  else document.documentElement.setAttribute('dir', dir.value);
});

// Keep the page padded by the docked ticker's real height.
const sizeWatch = new ResizeObserver(() => {
  document.documentElement.style.setProperty('--ticker-height', `${ticker.offsetHeight}px`);
});
sizeWatch.observe(ticker);

// Page prices: a ticker reads a child <script type="application/json"> once, at its first
// render, so showing them means a new element. Its quotes are the simulated market's answer to
// the request the ticker is about to make, in the json source's shape, as a server would write them.
const pageQuotes = $<HTMLInputElement>('#page-quotes');

/** The CoinGecko query the ticker makes, enough of it for the market to pick the same coins. */
function tickerQuery(): URL {
  const attr = (name: string) => ticker.getAttribute(name)?.trim() || null;
  const query = new URLSearchParams({ vs_currency: attr('currency') ?? 'usd' });
  const coins = ticker.coins ?? [];
  if (coins.length > 0) query.set('ids', coins.join(','));
  else query.set('per_page', attr('limit') ?? '20');
  query.set('price_change_percentage', attr('change') ?? '24h');
  query.set('precision', 'full');
  if (attr('fields')?.split(/\s+/).includes('sparkline')) query.set('sparkline', 'true');
  return new URL(`${LOCAL_ENDPOINT}/coins/markets?${query}`);
}

async function remakeTicker(withPageQuotes: boolean): Promise<void> {
  const next = document.createElement('price-ticker') as Ticker;
  for (const { name, value } of ticker.attributes) next.setAttribute(name, value);
  if (withPageQuotes) {
    const script = document.createElement('script');
    script.type = 'application/json';
    script.textContent = market.pageQuotes(tickerQuery());
    next.append(script);
  }
  attributeWatch.disconnect();
  sizeWatch.unobserve(ticker);
  ticker.replaceWith(next);
  ticker = next;
  attributeWatch.observe(ticker, { attributes: true });
  sizeWatch.observe(ticker);
  // After its first render: what it shows before any answer.
  await new Promise(requestAnimationFrame);
  const shown = ticker.quotes?.length ?? 0;
  log(`new ticker ${withPageQuotes ? 'with' : 'without'} page prices: first paint shows ${shown} coins`);
  showStatus();
}
pageQuotes.addEventListener('change', () => void remakeTicker(pageQuotes.checked));

$('#refresh').addEventListener('click', () => {
  void ticker.refresh?.();
});
$('#reset').addEventListener('click', () => {
  for (const name of ticker.getAttributeNames()) {
    if (!INITIAL_ATTRIBUTES.has(name)) ticker.removeAttribute(name);
  }
  for (const [name, value] of INITIAL_ATTRIBUTES) {
    if (ticker.getAttribute(name) !== value) ticker.setAttribute(name, value);
  }
  settings.failure = 'none';
  failure.value = 'none';
  applyMode('simulated');
  applyPosition('bottom');
  dir.value = '';
  document.documentElement.removeAttribute('dir');
});
