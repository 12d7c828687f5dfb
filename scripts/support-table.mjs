// `npm run support-table` (or `node scripts/support-table.mjs`): the browser support table.
//
// Every web platform feature the shipped bundle (dist/price-ticker.js: our code, Lit and
// decimal.js) relies on is listed below with the @mdn/browser-compat-data (BCD) keys that
// describe it, whether the ticker is REQUIRED to have it (no fallback: it breaks without it) or
// has a FALLBACK (and what that costs the user). The script reads the version in which each
// browser added each key, takes per browser the highest version over the required features
// (the minimum version in which the ticker works), prints the table as markdown and writes it
// to docs/support.md.
//
// How BCD data is read: a browser supports a key from the lowest `version_added` among its
// statements that are current (no `version_removed`) and plain: not behind a flag, not
// `partial_implementation`, no prefix, no alternative name (unless the feature below accepts
// that partial implementation or alternative name, saying why). "≤79"-style ranges (known
// supported by that version, perhaps earlier) count as that version and are shown with "≤".
// The statements left out are listed under the table as notes. A feature with several keys
// needs all of them: its version is the highest.
//
// The inventory is kept by hand: when src/ starts using a new API, CSS feature or syntax (or
// the build target or tsconfig changes what syntax the bundle contains), add it here.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * A BCD support statement, as read here (older data releases also used true and null).
 * @typedef {object} Statement
 * @property {string | boolean | null} [version_added]
 * @property {string} [version_removed]
 * @property {string} [version_last]
 * @property {string} [prefix]
 * @property {string} [alternative_name]
 * @property {unknown[]} [flags]
 * @property {boolean} [partial_implementation]
 * @property {string | string[]} [notes]
 */
/** @typedef {{ support: Partial<Record<string, Statement | Statement[]>> }} Compat */
/**
 * The parts of @mdn/browser-compat-data read here.
 * @typedef {object} Bcd
 * @property {{ version: string, timestamp: string }} __meta
 * @property {Partial<Record<string, { releases?: Partial<Record<string, { release_date?: string }>> }>>} browsers
 */
/** @typedef {'chrome' | 'edge' | 'firefox' | 'safari' | 'safari_ios'} BrowserId */
/** @typedef {{ version: string | null, ranged: boolean, status: string, notes: string[] }} Support */
/** @typedef {Feature & { support: Record<BrowserId, Support> }} Row */
/**
 * @typedef {object} Minimum
 * @property {string | null} version
 * @property {string[]} missing
 * @property {string[]} setBy
 * @property {string[]} fallbacks
 * @property {string | null} released
 */

/** @type {unknown} */
const bcdData = createRequire(import.meta.url)('@mdn/browser-compat-data');
const bcd = /** @type {Bcd} */ (bcdData);

/** @type {Array<{ id: BrowserId, name: string }>} */
export const BROWSERS = [
  { id: 'chrome', name: 'Chrome' },
  { id: 'edge', name: 'Edge' },
  { id: 'firefox', name: 'Firefox' },
  { id: 'safari', name: 'Safari' },
  { id: 'safari_ios', name: 'Safari iOS' },
];

/**
 * @typedef {object} Feature
 * @property {string} feature   what it is
 * @property {string} [short]   a shorter name, for the summary
 * @property {string} where     where the shipped code uses it
 * @property {string[]} bcd     BCD keys, all needed
 * @property {boolean} required true: the ticker breaks without it
 * @property {string} without   REQUIRED: what breaks; FALLBACK: the fallback and what is lost
 * @property {RegExp} [probe]   text the built bundle contains while the feature is used (a staleness check)
 * @property {Record<string, string>} [acceptPartial] key → why its partial implementation is enough
 * @property {string[]} [acceptAlternativeNames] alternative names the code also uses
 */

/** @type {Feature[]} */
export const FEATURES = [
  // ---- JavaScript syntax: unsupported syntax anywhere means the whole bundle fails to parse.
  {
    feature: 'ES module scripts',
    where: 'dist/price-ticker.js is an ES module (`<script type="module">` or `import`)',
    bcd: ['html.elements.script.type.module'],
    required: true,
    without: 'Nothing loads.',
  },
  {
    feature: 'Public class fields, instance and static',
    probe: /static styles=/,
    short: 'public class fields',
    where:
      "Every class in src/ (`static styles`, `static properties` of the element; the controllers' and feed's fields), emitted as they are written (tsconfig.json: `useDefineForClassFields: true`)",
    bcd: ['javascript.classes.public_class_fields', 'javascript.classes.static'],
    required: true,
    without:
      'SyntaxError: the bundle does not parse and `<price-ticker>` is never defined (the page shows an empty, unknown element).',
  },
  {
    feature: 'Private class fields `#x`',
    where: 'Every class in src/ (element, controllers, feed)',
    bcd: ['javascript.classes.private_class_fields'],
    required: true,
    without: 'SyntaxError: the bundle does not parse.',
  },
  {
    feature: 'Private methods and accessors `#x()`',
    probe: /#\w+\(/,
    short: 'private methods',
    where: 'price-ticker.ts, feed/feed.ts, controllers/*.ts',
    bcd: ['javascript.classes.private_class_methods'],
    required: true,
    without: 'SyntaxError: the bundle does not parse.',
  },
  {
    feature: 'Logical assignment `??=` `||=` `&&=`',
    probe: /\?\?=/,
    where: 'Lit, feed-controller.ts, i18n/messages.ts, format/price.ts',
    bcd: [
      'javascript.operators.nullish_coalescing_assignment',
      'javascript.operators.logical_or_assignment',
      'javascript.operators.logical_and_assignment',
    ],
    required: true,
    without: 'SyntaxError: the bundle does not parse.',
  },
  {
    feature: 'Optional chaining `?.` and nullish coalescing `??`',
    where: 'Lit and most of src/',
    bcd: ['javascript.operators.optional_chaining', 'javascript.operators.nullish_coalescing'],
    required: true,
    without: 'SyntaxError: the bundle does not parse.',
  },
  {
    feature: 'Optional catch binding `catch {`',
    where: 'price-ticker.ts, feed/*.ts, i18n/*.ts, config.ts',
    bcd: ['javascript.statements.try_catch.optional_catch_binding'],
    required: true,
    without: 'SyntaxError: the bundle does not parse.',
  },
  {
    feature: 'Object spread `{ ...x }`, async functions',
    where: 'format/price.ts, price-ticker.ts, feed/feed.ts; feed/http.ts, feed/registry.ts',
    bcd: ['javascript.operators.spread.spread_in_object_literals', 'javascript.statements.async_function'],
    required: true,
    without: 'SyntaxError: the bundle does not parse.',
  },
  {
    feature: 'RegExp Unicode property escapes `/[^\\p{C}\\p{Z}]/u`',
    probe: /\\p\{/,
    where: 'feed/quote.ts `shortText` (ids, names and symbols of every quote)',
    bcd: ['javascript.regular_expressions.unicode_character_class_escape', 'javascript.builtins.RegExp.unicode'],
    required: true,
    without: 'SyntaxError (an invalid regular expression literal is an early error): the bundle does not parse.',
  },
  {
    feature: 'RegExp sticky flag `y`',
    where: 'feed/exact-json.ts `NUMBER` (every JSON answer)',
    bcd: ['javascript.builtins.RegExp.sticky'],
    required: true,
    without: 'SyntaxError (unknown flag): the bundle does not parse.',
  },
  {
    feature: '`BigInt` and its literals `10n`',
    probe: /BigInt\(/,
    where: 'format/percent-change.ts `percentChange` (Coinbase and Kraken changes)',
    bcd: ['javascript.builtins.BigInt'],
    required: true,
    without: 'SyntaxError (`10n` literals): the bundle does not parse.',
  },

  // ---- JavaScript built-ins
  {
    feature:
      'ES2019–2020 built-ins: `globalThis`, `Object.fromEntries`, `Array.prototype.flat`/`flatMap`, `String.prototype.trimStart`, `Promise.prototype.finally`',
    where:
      'Lit (`globalThis`, `flat`), i18n/messages.ts, templates/coin.ts, feed/sources/coinbase.ts, feed/http.ts, feed/feed.ts',
    bcd: [
      'javascript.builtins.globalThis',
      'javascript.builtins.Object.fromEntries',
      'javascript.builtins.Array.flat',
      'javascript.builtins.Array.flatMap',
      'javascript.builtins.String.trimStart',
      'javascript.builtins.Promise.finally',
    ],
    required: true,
    without: 'ReferenceError/TypeError: Lit fails as the bundle loads; the element is never defined.',
  },

  // ---- Intl
  {
    feature: '`Intl.NumberFormat` `style: "unit"` (`unit: "percent"`) and `signDisplay: "exceptZero"`',
    probe: /exceptZero/,
    where: 'format/change.ts `formatChange` (every change shown); templates/coin.ts spoken change',
    bcd: [
      'javascript.builtins.Intl.NumberFormat.NumberFormat.options_parameter.options_unit_parameter',
      'javascript.builtins.Intl.NumberFormat.NumberFormat.options_parameter.options_signDisplay_parameter',
    ],
    required: true,
    without:
      'RangeError, remembered as "no formatter"; `formatChange` then throws and templates/coin.ts drops every coin that has a change (one console error each): the strip is empty but for coins without a change.',
  },
  {
    feature: '`Intl.NumberFormat` `currencyDisplay: "narrowSymbol"`',
    probe: /narrowSymbol/,
    where: 'format/price.ts `currencyOf` for `currency="btc"` / `"eth"` (₿, Ξ)',
    bcd: ['javascript.builtins.Intl.NumberFormat.NumberFormat.options_parameter.options_currencyDisplay_parameter'],
    required: true,
    without:
      'With `currency="btc"` or `"eth"` only: RangeError, then every coin is dropped (empty strip). Other currencies are unaffected.',
  },
  {
    feature: '`Intl.NumberFormat.prototype.formatToParts`',
    probe: /formatToParts/,
    where: 'format/price.ts `describePrice` (every price)',
    bcd: ['javascript.builtins.Intl.NumberFormat.formatToParts'],
    required: true,
    without: 'TypeError for every price: every coin is dropped.',
  },
  {
    feature: '`Intl.getCanonicalLocales`',
    probe: /getCanonicalLocales/,
    where: 'config.ts, i18n/locale.ts, i18n/messages.ts, format/intl-cache.ts',
    bcd: ['javascript.builtins.Intl.getCanonicalLocales'],
    required: true,
    without: 'TypeError in format/intl-cache.ts (only RangeErrors are caught there): no price can be formatted.',
  },
  {
    feature: '`Intl.RelativeTimeFormat`',
    probe: /RelativeTimeFormat/,
    where: 'i18n/messages.ts `relativeUpdated` (status line: "Prices delayed · 5 minutes ago")',
    bcd: ['javascript.builtins.Intl.RelativeTimeFormat', 'javascript.builtins.Intl.RelativeTimeFormat.format'],
    required: true,
    without:
      'TypeError in `render` whenever the status line would show a time (stale data, or a failed poll after data came): the ticker stays frozen as it was until a poll succeeds.',
  },

  // ---- DOM and Web APIs
  {
    feature: 'Custom elements v1',
    where: 'Lit `ReactiveElement`; price-ticker.ts `define()`',
    bcd: ['api.Window.customElements', 'api.CustomElementRegistry.define', 'api.CustomElementRegistry.get'],
    acceptPartial: {
      'api.CustomElementRegistry.get':
        'Safari lacks customized built-in elements only; the ticker is an autonomous custom element',
    },
    required: true,
    without: 'The element is never defined.',
  },
  {
    feature: 'Shadow DOM v1 (`attachShadow`, `:host`, `getRootNode`, composed events)',
    where: 'Lit render root; price-ticker.styles.ts `:host`; i18n/locale.ts (`lang` through shadow roots); events.ts',
    bcd: [
      'api.Element.attachShadow',
      'api.ShadowRoot',
      'css.selectors.host',
      'css.selectors.hostfunction',
      'api.Node.getRootNode',
      'api.Event.composed',
      'api.Element.append',
    ],
    required: true,
    without: 'Lit cannot render.',
  },
  {
    feature:
      'Web Animations (`Element.animate`, `Animation` play/pause/cancel/`currentTime`/`playState`, `KeyframeEffect.setKeyframes`, `AnimationEffect.updateTiming`/`getComputedTiming`)',
    where: 'controllers/marquee-controller.ts (the scrolling)',
    bcd: [
      'api.Element.animate',
      'api.Animation.currentTime',
      'api.Animation.play',
      'api.Animation.pause',
      'api.Animation.cancel',
      'api.Animation.effect',
      'api.Animation.playState',
      'api.AnimationEffect.getComputedTiming',
      'api.AnimationEffect.updateTiming',
      'api.KeyframeEffect',
      'api.KeyframeEffect.setKeyframes',
    ],
    required: true,
    without:
      'TypeError/ReferenceError after each render: the strip never scrolls (nor can it be scrolled: its overflow is hidden while it should move).',
  },
  {
    feature: '`ResizeObserver`',
    probe: /new ResizeObserver/,
    where: 'controllers/marquee-controller.ts, made with the controller (no feature test)',
    bcd: ['api.ResizeObserver'],
    required: true,
    without: 'TypeError when the element is made: it is never upgraded, and shows nothing.',
  },
  {
    feature: '`MediaQueryList` as an `EventTarget` (`addEventListener("change")`)',
    where: 'controllers/marquee-controller.ts (reduced-motion changes)',
    bcd: ['api.Window.matchMedia', 'api.MediaQueryList.EventTarget_inheritance', 'api.MediaQueryList.change_event'],
    required: true,
    without:
      'No feature test: `connectedCallback` throws on every connect (only the old `addListener` exists), so the reduced-motion setting is never read and the locale watcher is not started; the strip still scrolls.',
  },
  {
    feature: '`MutationObserver`',
    probe: /new MutationObserver/,
    where: 'i18n/locale-watch.ts (`lang` changes anywhere in the document)',
    bcd: ['api.MutationObserver'],
    required: true,
    without:
      'No feature test: `connectedCallback` throws on every connect and `lang` changes are not followed; the rest works.',
  },
  {
    feature: '`fetch` with `AbortController`, `URLSearchParams`',
    where: 'feed/http.ts, feed/registry.ts, feed/feed.ts, feed/tab-share.ts, feed/sources/*.ts',
    bcd: [
      'api.fetch',
      'api.fetch.options_parameter.signal',
      'api.AbortController',
      'api.AbortController.abort',
      'api.AbortSignal.aborted',
      'api.AbortSignal.abort_event',
      'api.URLSearchParams',
    ],
    required: true,
    without:
      "ReferenceError in every poll (the feed makes an `AbortController` for each, a custom `fetcher`'s included): no data is ever shown.",
  },
  {
    feature: '`TextDecoder` (streaming)',
    probe: /new TextDecoder\b/,
    where: 'feed/http.ts `readCapped` (decodes the chunks as they are read, as UTF-8)',
    bcd: ['api.TextDecoder', 'api.TextDecoder.TextDecoder', 'api.TextDecoder.decode'],
    required: true,
    without: 'ReferenceError for every body read: every poll fails.',
  },

  // ---- CSS
  {
    feature: 'CSS custom properties and `var()`',
    where: 'price-ticker.styles.ts (every colour, size and the theme); `--price-ticker-*` API',
    bcd: ['css.properties.custom-property', 'css.types.var'],
    required: true,
    without: 'Every declaration with `var()` is dropped: no height, colours, gaps, logo size or theme.',
  },
  {
    feature: 'Logical sizing: `inline-size`, `block-size`, `min-inline-size`, `inline-size: max-content`',
    where: 'price-ticker.styles.ts (strip height, track width, the viewport, icons, logos, skeleton)',
    bcd: [
      'css.properties.inline-size',
      'css.properties.block-size',
      'css.properties.min-inline-size',
      'css.properties.inline-size.max-content',
    ],
    required: true,
    without:
      'Declarations dropped: the pause icon SVG falls back to 300×150 px, the strip has no fixed height, and the viewport may grow wider than the ticker.',
  },

  // ================= With a fallback =================
  {
    feature: 'Constructable stylesheets / `adoptedStyleSheets`',
    probe: /adoptedStyleSheets/,
    short: 'adoptedStyleSheets',
    where: 'Lit `adoptStyles` (feature test `supportsAdoptingStyleSheets`)',
    bcd: ['api.ShadowRoot.adoptedStyleSheets', 'api.CSSStyleSheet.CSSStyleSheet', 'api.CSSStyleSheet.replaceSync'],
    required: false,
    without:
      "Lit writes a `<style>` element into each shadow root: same look, the CSS parsed once per ticker instead of shared. Under a CSP without `style-src 'unsafe-inline'`, set `window.litNonce` so that `<style>` is allowed.",
  },
  {
    feature: '`ElementInternals` (`attachInternals`)',
    probe: /attachInternals/,
    short: 'attachInternals',
    where: 'price-ticker.ts (`typeof this.attachInternals === "function"`)',
    bcd: ['api.HTMLElement.attachInternals', 'api.ElementInternals'],
    required: false,
    without: 'No internals, hence no custom states (next row); nothing else uses them.',
  },
  {
    feature: 'Custom states: `ElementInternals.states` (`CustomStateSet`) and CSS `:state()`',
    probe: /\.states\b/,
    short: 'custom states / `:state()`',
    where: 'controllers/status-controller.ts `hostUpdated` (`states?` test, `try`/`catch` around `clear`/`add`)',
    bcd: ['api.ElementInternals.states', 'api.CustomStateSet', 'css.selectors.state'],
    required: false,
    without:
      "The page's `price-ticker:state(loading|live|stale|error)` rules never match (Chrome/Edge 90–124 accept only `--live`-style names: `add` throws and is caught). The ticker itself looks the same.",
  },
  {
    feature: 'CSS `:dir()` in `Element.matches`',
    probe: /:dir\(rtl\)/,
    short: '`:dir()`',
    where: 'price-ticker.ts `isRtl` (`try`/`catch`)',
    bcd: ['css.selectors.dir'],
    required: false,
    without:
      '`getComputedStyle(element).direction` instead: the same answer for `dir` attributes, at the cost of a style read per update.',
  },
  {
    feature: '`WebSocket`',
    probe: /new WebSocket/,
    where: 'feed/streams/socket.ts `transport` (only with `stream`; in a worker, or on the page)',
    bcd: ['api.WebSocket', 'api.WebSocket.WebSocket', 'api.WebSocket.message_event', 'api.WebSocket.close_event'],
    required: false,
    without:
      'ReferenceError when a ticker with `stream` opens its socket (every browser at the minimum versions above has it). Without `stream`, nothing changes.',
  },
  {
    feature: 'A `Worker` made from a `blob:` URL',
    probe: /new Worker\(/,
    where: 'feed/streams/socket.ts `openSocket` (only with `stream`; `try`/`catch` and the `error` event)',
    bcd: [
      'api.Worker.Worker',
      'api.Worker.terminate',
      'api.URL.createObjectURL_static',
      'api.DedicatedWorkerGlobalScope.postMessage',
    ],
    required: false,
    without:
      "The socket runs on the page instead, as where the page's Content Security Policy refuses workers from `blob:`: the same prices, each message then costing the page's main thread its delivery.",
  },
  {
    feature: 'Sharing one poller between tabs: Web Locks and `BroadcastChannel`',
    probe: /new BroadcastChannel/,
    short: 'Web Locks + BroadcastChannel',
    where: 'feed/tab-share.ts `openShare` (returns null without either)',
    bcd: [
      'api.Navigator.locks',
      'api.LockManager.request',
      'api.BroadcastChannel',
      'api.BroadcastChannel.BroadcastChannel',
    ],
    required: false,
    without:
      'Each tab polls for itself: n tabs showing the same data make n times the requests, and reach public rate limits (CoinGecko) sooner.',
  },
  {
    feature: '`IntersectionObserver`',
    probe: /IntersectionObserver/,
    where: 'controllers/feed-controller.ts (`OBSERVES`)',
    bcd: ['api.IntersectionObserver'],
    required: false,
    without: 'Every ticker counts as on screen: one scrolled out of view keeps polling.',
  },
  {
    feature: '`ResizeObserverEntry.borderBoxSize`',
    probe: /borderBoxSize/,
    where: 'controllers/marquee-controller.ts (`borderBoxSize?.[0]?.inlineSize ?? getBoundingClientRect()`)',
    bcd: ['api.ResizeObserverEntry.borderBoxSize'],
    required: false,
    without:
      "`getBoundingClientRect()` instead (Firefox 69–91's single-object form takes this path too): the same widths, one layout read per resize.",
  },
  {
    feature: 'Page visibility and connectivity (`document.visibilityState`, `navigator.onLine`, their events)',
    where: 'feed/page-state.ts',
    bcd: [
      'api.Document.visibilityState',
      'api.Document.visibilitychange_event',
      'api.Navigator.onLine',
      'api.Window.online_event',
      'api.Window.offline_event',
    ],
    required: false,
    without:
      'The page counts as visible and online: a hidden tab keeps polling, and polls after a reconnection wait for their backoff.',
  },
  {
    feature: '`languagechange` event',
    probe: /languagechange/,
    where: 'i18n/locale-watch.ts',
    bcd: ['api.Window.languagechange_event'],
    required: false,
    without: "No re-render when the browser's languages change; the next render picks them up.",
  },
  {
    feature: '`Intl.Locale` and `maximize()`',
    probe: /\.maximize\(\)/,
    where: 'i18n/messages.ts `resolve` (`try`/`catch`), i18n/direction.ts (`try`/`catch`)',
    bcd: ['javascript.builtins.Intl.Locale', 'javascript.builtins.Intl.Locale.maximize'],
    required: false,
    without:
      "The ticker's own words (button names, status, spoken text) are English in every locale; number direction comes from the built-in list of right-to-left languages.",
  },
  {
    feature: '`Intl.Locale` text direction (`getTextInfo()`, or the older `textInfo` getter)',
    probe: /getTextInfo/,
    short: '`Intl.Locale` text direction',
    where: 'i18n/direction.ts (`getTextInfo?.() ?? textInfo`)',
    bcd: ['javascript.builtins.Intl.Locale.getTextInfo'],
    acceptAlternativeNames: ['textInfo'],
    required: false,
    without:
      'The built-in list (ar, arc, ckb, dv, fa, he, ks, ku-Arab, pa-Arab, ps, sd, syr, ug, ur, yi): numbers in a right-to-left locale outside it are laid out left to right.',
  },
  {
    feature:
      '`Intl.NumberFormat` exact decimal strings (NumberFormat v3: a string is formatted as a decimal, not a double)',
    short: 'NumberFormat v3 exact strings',
    where:
      'format/price.ts, format/change.ts, templates/coin.ts (rounded decimal strings passed to `format`/`formatToParts`)',
    bcd: ['javascript.builtins.Intl.NumberFormat.format.number_parameter-string_decimal'],
    required: false,
    without:
      'Intl converts the string to a double, which keeps 15 significant digits exactly. Only a rounded value with 16 or more significant digits can lose its last digits: a price of 10^13 or more in a 2-decimal currency (USD; 10^15 in JPY, 10^12 in KWD), or a change of 10^13 % or more (`99999999999999.99` USD shows as `$99,999,999,999,999.98`). Prices below 1 (4 significant digits) and fraction digits past the 20th (which the ticker writes itself) are unaffected.',
  },
  {
    feature: '`Error` `cause` option',
    where: 'feed/http.ts `FeedError`, feed/registry.ts',
    bcd: ['javascript.builtins.Error.Error.options_cause_parameter'],
    required: false,
    without: "`error.cause` is missing on the `price-ticker-error` event's error; messages are unchanged.",
  },
  {
    feature: '`AbortSignal.prototype.reason`',
    probe: /\.reason\b/,
    where: 'feed/registry.ts (`poll.abort(signal.reason)`), feed/http.ts (`throw signal.reason`)',
    bcd: ['api.AbortSignal.reason'],
    required: false,
    without:
      'An aborted poll throws `undefined`, which the feed ignores anyway (it checks `signal.aborted`): nothing is lost.',
  },
  {
    feature: 'Streaming response bodies (`Response.body.getReader()`)',
    probe: /getReader\(\)/,
    where: 'feed/http.ts `readCapped` (`if (!response.body) return response.text()`)',
    bcd: [
      'api.Response.body',
      'api.ReadableStream.getReader',
      'api.ReadableStreamDefaultReader.read',
      'api.ReadableStreamDefaultReader.cancel',
    ],
    required: false,
    without: 'The body is read whole with `text()`: the 1 MiB cap is enforced only against `Content-Length`.',
  },
  {
    feature: '`fetch` option `referrerPolicy: "no-referrer"`',
    probe: /referrerPolicy:/,
    short: 'fetch `referrerPolicy`',
    where: 'feed/http.ts',
    bcd: ['api.fetch.options_parameter.referrerPolicy'],
    required: false,
    without:
      "The option is ignored: requests carry the page's default `Referer` (its origin, under the default policy). Privacy only. (BCD records no support for this option on iOS although it records `Request.referrerPolicy` from iOS 10.3: probably a gap in the data.)",
  },
  {
    feature: 'Pointer events (`pointerenter`/`pointerleave`/`pointerup`, `pointerType`)',
    probe: /pointerType/,
    where: 'controllers/marquee-controller.ts `handleEvent` (bound in price-ticker.ts)',
    bcd: [
      'api.Element.pointerenter_event',
      'api.Element.pointerleave_event',
      'api.Element.pointerup_event',
      'api.PointerEvent.pointerType',
    ],
    required: false,
    without: 'Hovering or tapping does not hold the strip; the pause button and keyboard focus still do.',
  },
  {
    feature: '`inert` attribute',
    probe: /\binert\b/,
    short: '`inert`',
    where: 'price-ticker.ts `render` (the `aria-hidden` loop copies, written by templates/coin-list.ts)',
    bcd: ['html.global_attributes.inert'],
    required: false,
    without:
      'The copies stay hidden from screen readers and hold no tab stop, so the keyboard skips them; only a click or a text selection can reach into them.',
  },
  {
    feature: 'CSS `color-mix()`',
    probe: /color-mix\(/,
    short: '`color-mix()`',
    where:
      'price-ticker.styles.ts: the default `--price-ticker-flash-up-color`/`-down-color` (the tint of a moved price), `span.logo` (the box in place of a missing logo)',
    bcd: ['css.types.color.color-mix'],
    required: false,
    without:
      'The tint colour is invalid: a moved price is not tinted (unless the page sets `--price-ticker-flash-up-color`/`-down-color` to a plain colour), and a missing logo leaves an empty box.',
  },
  {
    feature: 'CSS `content` alternative text (`content: "▲" / ""`)',
    probe: /content:\s*'▲'\s*\/\s*''/,
    short: '`content` alt text (▲/▼ arrows)',
    where: 'price-ticker.styles.ts `.change::before`',
    bcd: ['css.properties.content.alt_text'],
    required: false,
    without:
      "A plain `content: '▲'` written before it is used instead: the arrows show; a screen reader could read them, but the change spans are `aria-hidden` anyway.",
  },
  {
    feature: 'CSS `:is()`',
    probe: /:is\(/,
    where: 'price-ticker.styles.ts `[part~="stale"] :is(.price, .change)`',
    bcd: ['css.selectors.is'],
    required: false,
    without:
      'Rule dropped: a held (stale) coin\'s price and change keep their normal colour; its title and spoken "Prices delayed" remain.',
  },
  {
    feature: 'CSS `:focus-visible`',
    probe: /:focus-visible/,
    where: 'price-ticker.styles.ts (coins, pause button)',
    bcd: ['css.selectors.focus-visible'],
    required: false,
    without: "Rules dropped: the browser's default focus ring instead of the themed outline.",
  },
  {
    feature: 'CSS `gap` in flex layout',
    where: 'price-ticker.styles.ts `.list`, `.item`',
    bcd: ['css.properties.gap.flex_context'],
    required: false,
    without: 'Ignored in flex containers: coins and their parts touch.',
  },
  {
    feature:
      'CSS logical shorthands and sides: `border-block`, `border-inline-end`, `padding-inline`, `margin-inline-end`',
    where: 'price-ticker.styles.ts',
    bcd: [
      'css.properties.border-block',
      'css.properties.border-inline-end',
      'css.properties.padding-inline',
      'css.properties.margin-inline-end',
    ],
    required: false,
    without:
      'Dropped: no top and bottom border, no line after the pause button, no side padding on the status, no space after the arrow.',
  },
  {
    feature: 'CSS `font-variant-numeric: tabular-nums`',
    probe: /tabular-nums/,
    where: 'price-ticker.styles.ts',
    bcd: ['css.properties.font-variant-numeric.tabular-nums'],
    required: false,
    without:
      'Proportional digits: a changing price jiggles within its box (reserved widths still prevent layout shift).',
  },
  {
    feature: 'CSS `contain: content`',
    probe: /contain:\s*content/,
    where: 'price-ticker.styles.ts `:host`',
    bcd: ['css.properties.contain.content'],
    required: false,
    without: "No containment: the ticker's layout and paint are not isolated from the page (performance only).",
  },
  {
    feature: '`prefers-reduced-motion` media feature',
    probe: /prefers-reduced-motion/,
    where: 'controllers/marquee-controller.ts (`matchMedia`)',
    bcd: ['css.at-rules.media.prefers-reduced-motion'],
    required: false,
    without:
      'The query never matches: the strip scrolls whatever the system setting (the pause button still stops it).',
  },
  {
    feature: '`prefers-color-scheme` media feature',
    probe: /prefers-color-scheme/,
    where: 'price-ticker.styles.ts',
    bcd: ['css.at-rules.media.prefers-color-scheme'],
    required: false,
    without: 'The light palette unless `theme="dark"`.',
  },
  {
    feature: 'CSS `scrollbar-width`',
    probe: /scrollbar-width/,
    short: '`scrollbar-width`',
    where: 'price-ticker.styles.ts `.viewport.still` (the strip scrolled by hand under reduced motion)',
    bcd: ['css.properties.scrollbar-width'],
    required: false,
    without: 'A default-width scrollbar instead of a thin one.',
  },
  {
    feature: '`::part()` and the `part` attribute',
    where: 'templates/coin-list.ts, templates/coin.ts, price-ticker.ts (for page styles)',
    bcd: ['css.selectors.part', 'html.global_attributes.part'],
    required: false,
    without:
      "The page's `::part()` rules do not apply; the `--price-ticker-*` custom properties still theme the ticker.",
  },
  {
    feature: 'Trusted Types',
    probe: /trustedTypes/,
    short: 'Trusted Types',
    where: 'lit-html (creates the policy `lit-html` only where `trustedTypes` exists)',
    bcd: ['api.TrustedTypePolicyFactory.createPolicy'],
    required: false,
    without:
      'Nothing needed: a browser without Trusted Types does not enforce them. (A page that enforces them with an allow-list must allow `lit-html`.)',
  },
  {
    feature: '`<img>` `loading`, `decoding`, `referrerpolicy`',
    probe: /loading="lazy"/,
    where: 'templates/coin-list.ts (coin logos)',
    bcd: ['html.elements.img.loading', 'html.elements.img.decoding', 'html.elements.img.referrerpolicy'],
    required: false,
    without: "Logos load eagerly and send the page's referrer to the logo host.",
  },
];

// ---------------------------------------------------------------------------------------------

/**
 * `"15.4"` → [15, 4]; compares release versions.
 * @param {string} a
 * @param {string} b
 */
function compareVersions(a, b) {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * @param {string} key
 * @returns {Compat}
 */
function lookup(key) {
  /** @type {unknown} */
  let node = bcd;
  for (const k of key.split('.')) node = node == null ? undefined : /** @type {Record<string, unknown>} */ (node)[k];
  const compat = /** @type {{ __compat?: Compat } | undefined} */ (node)?.__compat;
  if (!compat)
    throw new Error(`support-table: no BCD entry "${key}" in @mdn/browser-compat-data ${bcd.__meta.version}`);
  return compat;
}

const shorten = (/** @type {string} */ text, max = 200) =>
  text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;

const plainText = (/** @type {string} */ html) =>
  String(html)
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/**
 * Why a statement is not counted as support, or null when it is.
 * @param {Statement} statement
 * @param {string} key
 * @param {Feature} feature
 * @returns {string | null}
 */
function rejection(statement, key, feature) {
  if (statement.flags) return 'behind a flag';
  if (statement.prefix) return `prefixed \`${statement.prefix}\``;
  if (statement.alternative_name && !feature.acceptAlternativeNames?.includes(statement.alternative_name)) {
    return `as \`${statement.alternative_name}\``;
  }
  if (statement.partial_implementation && !feature.acceptPartial?.[key]) return 'partial implementation';
  // Removed in a release (not just in a preview): no longer support.
  if (statement.version_removed && statement.version_removed !== 'preview')
    return `removed in ${statement.version_removed}`;
  return null;
}

/** Rejections worth a note: flags and partial implementations (prefixes, other names and the
 * pre-Chromium Edge releases are simply not counted). */
const NOTED = /^(behind a flag|partial implementation)/;

/** @param {Statement} statement */
function range(statement) {
  const from = statement.version_added;
  const removed = statement.version_removed === 'preview' ? undefined : statement.version_removed;
  const to =
    statement.version_removed === 'preview'
      ? null
      : (statement.version_last ?? (removed ? `${removed} (excl.)` : null));
  return to ? `${from}–${to}` : `${from}+`;
}

/**
 * One browser's support for one key: `{ version, ranged, status, notes }`; `version` is null
 * when no counted statement has a release number (`status` then says why).
 * @param {string} key
 * @param {BrowserId} browser
 * @param {Feature} feature
 * @returns {Support}
 */
function keySupport(key, browser, feature) {
  const compat = lookup(key);
  const raw = compat.support[browser];
  const statements = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  /** @type {string[]} */
  const notes = [];
  /** @type {{ version: string, ranged: boolean } | null} */
  let best = null;
  let status = 'no data';
  for (const s of statements) {
    const why = rejection(s, key, feature);
    if (why) {
      if (s.version_added && NOTED.test(why))
        notes.push(`${range(s)}: ${why}${s.notes ? ` (${shorten([s.notes].flat().map(plainText).join(' '))})` : ''}`);
      continue;
    }
    const v = s.version_added;
    if (v === false) {
      status = 'no';
      continue;
    }
    if (v === null || v === undefined) {
      status = 'unknown';
      continue;
    }
    if (v === true) {
      status = 'yes, version unknown';
      continue;
    }
    if (v === 'preview') {
      status = 'preview only';
      continue;
    }
    const ranged = v.startsWith('≤');
    const version = ranged ? v.slice(1) : v;
    if (!best || compareVersions(version, best.version) < 0) best = { version, ranged };
    if (feature.acceptPartial?.[key] && s.partial_implementation)
      notes.push(`${range(s)}: partial implementation, enough here: ${feature.acceptPartial[key]}`);
    if (s.alternative_name)
      notes.push(
        `${range(s)}: as \`${s.alternative_name}\`, which the code also uses${s.version_removed === 'preview' ? ' (already removed in the Technology Preview)' : ''}`,
      );
  }
  return best ? { ...best, status: 'yes', notes } : { version: null, ranged: false, status, notes };
}

/**
 * A feature in one browser: the highest version over its keys (all are needed).
 * @param {Feature} feature
 * @param {BrowserId} browser
 */
function featureSupport(feature, browser) {
  /** @type {Support} */
  let result = { version: '0', ranged: false, status: 'yes', notes: [] };
  for (const key of feature.bcd) {
    const s = keySupport(key, browser, feature);
    const notes = [...result.notes, ...s.notes.map((n) => `\`${key}\` ${n}`)];
    if (result.version === null || s.version === null) {
      result = { version: null, ranged: false, status: result.version === null ? result.status : s.status, notes };
    } else if (compareVersions(s.version, result.version) > 0) {
      result = { ...s, notes };
    } else {
      result = {
        ...result,
        ranged: result.ranged || (s.ranged && compareVersions(s.version, result.version) === 0),
        notes,
      };
    }
  }
  return result;
}

/**
 * @param {BrowserId} browser
 * @param {string} version
 */
function releaseDate(browser, version) {
  return bcd.browsers[browser]?.releases?.[version]?.release_date ?? null;
}

export function computeTable() {
  /** @type {Row[]} */
  const rows = FEATURES.map((f) => ({
    ...f,
    support: /** @type {Record<BrowserId, Support>} */ (
      Object.fromEntries(BROWSERS.map((b) => [b.id, featureSupport(f, b.id)]))
    ),
  }));
  const minimum = /** @type {Record<BrowserId, Minimum>} */ ({});
  for (const { id } of BROWSERS) {
    const required = rows.filter((r) => r.required);
    const missing = required.filter((r) => r.support[id].version === null);
    let version = '0';
    for (const r of required)
      if (r.support[id].version !== null && compareVersions(r.support[id].version, version) > 0)
        version = r.support[id].version;
    const setBy = required
      .filter((r) => r.support[id].version !== null && compareVersions(r.support[id].version, version) === 0)
      .map((r) => r.short ?? r.feature);
    // Fallbacks in use in that version: optional features it lacks.
    const fallbacks = rows
      .filter(
        (r) => !r.required && (r.support[id].version === null || compareVersions(r.support[id].version, version) > 0),
      )
      .map((r) => r.short ?? r.feature);
    minimum[id] = {
      version: missing.length ? null : version,
      missing: missing.map((r) => r.feature),
      setBy,
      fallbacks,
      released: releaseDate(id, version),
    };
  }
  return { rows, minimum };
}

// ---------------------------------------------------------------------------------------------

const cell = (/** @type {string} */ text) => String(text).replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** @param {{ rows: Row[], minimum: Record<BrowserId, Minimum> }} table */
export function renderMarkdown({ rows, minimum }) {
  /** @type {Map<string, { n: number, browsers: Set<string> }>} */
  const notes = new Map(); // note text → { n, browsers }: one note for browsers with the same text
  const noteRef = (/** @type {string} */ browserName, /** @type {string} */ text) => {
    let note = notes.get(text);
    if (!note) notes.set(text, (note = { n: notes.size + 1, browsers: new Set() }));
    note.browsers.add(browserName);
    return note.n;
  };
  const versionCell = (/** @type {Support} */ support, /** @type {string} */ browserName) => {
    const text =
      support.version === null
        ? support.status === 'no'
          ? 'no'
          : support.status
        : support.version === '0'
          ? 'yes'
          : `${support.ranged ? '≤' : ''}${support.version}`;
    const refs = support.notes.map((n) => noteRef(browserName, n));
    return refs.length ? `${text} [${refs.join(',')}]` : text;
  };
  const header = `| Feature | Used in | ${BROWSERS.map((b) => b.name).join(' | ')} | %s |\n|---|---|${BROWSERS.map(() => '---|').join('')}---|`;
  const table = (/** @type {Row[]} */ list, /** @type {string} */ last) =>
    [
      header.replace('%s', last),
      ...list.map(
        (r) =>
          `| ${cell(r.feature)} | ${cell(r.where)} | ${BROWSERS.map((b) => cell(versionCell(r.support[b.id], b.name))).join(' | ')} | ${cell(r.without)} |`,
      ),
    ].join('\n');

  const minCell = (/** @type {BrowserId} */ id) =>
    minimum[id].version === null ? `not supported (${minimum[id].missing.join(', ')})` : minimum[id].version;
  const required = rows.filter((r) => r.required);
  const optional = rows.filter((r) => !r.required);
  const summary = [
    '| Browser | Minimum version | Released | Set by | Fallbacks in use at that version |',
    '|---|---|---|---|---|',
    ...BROWSERS.map((b) => {
      const m = minimum[b.id];
      return `| ${b.name} | **${minCell(b.id)}** | ${m.released ?? ''} | ${cell(m.setBy.join('; '))} | ${cell(m.fallbacks.join('; ') || 'none')} |`;
    }),
  ].join('\n');

  const minRow = `| **Minimum (highest of the above)** | | ${BROWSERS.map((b) => `**${cell(minCell(b.id))}**`).join(' | ')} | |`;
  const body = [
    '<!-- Generated by scripts/support-table.mjs: do not edit by hand. -->',
    '# Browser support',
    '',
    `Generated by \`node scripts/support-table.mjs\` (\`npm run support-table\`) from @mdn/browser-compat-data ${bcd.__meta.version} (data of ${bcd.__meta.timestamp.slice(0, 10)}). Edit the feature list in that script, not this file, then run it again.`,
    '',
    'The minimum version of each browser in which `<price-ticker>` works is the highest version among the features it cannot do without (REQUIRED). Features with a FALLBACK only change what the user gets, as the last column says. A version is the first release with plain, current support: releases where BCD records support only behind a flag, prefixed, under another name, or as a partial implementation do not count unless the row says why it is enough (see the notes). "≤79" means supported in 79, perhaps earlier.',
    '',
    '## Minimum versions',
    '',
    summary,
    '',
    '## Required features (no fallback: the ticker breaks without them)',
    '',
    table(required, 'Without it'),
    minRow,
    '',
    '## Features with a fallback',
    '',
    table(optional, 'Fallback, and what the user loses'),
    '',
    '## Notes',
    '',
    'Releases not counted as support (or, where said, counted with a reason), from BCD:',
    '',
    ...[...notes].map(([text, { n, browsers }]) => `${n}. ${[...browsers].join(', ')}: ${text}`),
    '',
  ].join('\n');
  return body;
}

/** Warns (stderr) about features whose probe no longer matches the built bundle: the inventory may be stale. */
function checkBundle() {
  const bundle = new URL('../dist/price-ticker.js', import.meta.url);
  if (!existsSync(bundle)) {
    console.error(
      'support-table: dist/price-ticker.js not found (npm run build): the feature list was not checked against the bundle.',
    );
    return;
  }
  const code = readFileSync(bundle, 'utf8');
  for (const f of FEATURES) {
    if (f.probe && !f.probe.test(code))
      console.error(
        `support-table: warning: ${f.probe} not found in dist/price-ticker.js; is "${f.feature}" still used?`,
      );
  }
}

const isMain = import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('support-table.mjs');
if (isMain) {
  checkBundle();
  const markdown = renderMarkdown(computeTable());
  writeFileSync(new URL('../docs/support.md', import.meta.url), markdown);
  process.stdout.write(markdown);
}
