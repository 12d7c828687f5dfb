import { unsafeCSS, type CSSResult } from 'lit';

/**
 * The stylesheet is one literal with no values in it: Lit's `css` tag, which checks values, is
 * not needed (nor its messages in the bundle). Named `css` so the build still squeezes it.
 */
const css = (text: TemplateStringsArray): CSSResult => unsafeCSS(text[0]);

/**
 * Every colour, gap, size and font is a `--price-ticker-*` custom property (documented in the
 * README); every piece is reachable with `::part`.
 */
export const styles = css`
  :host {
    display: block;
    contain: content;
    font: var(--price-ticker-font, 500 .875rem/1.25 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    /* The light palette; the dark one below swaps these. Every colour can be overridden. */
    --_fg: #1a1d21;
    --_bg: #fff;
    --_line: #d7dbe0;
    --_up0: #0a7d3b;
    --_down0: #c5221f;
    --_muted0: #59616b;
    color: var(--price-ticker-color, var(--_fg));
    background: var(--price-ticker-background, var(--_bg));
    border-block: var(--price-ticker-border, 1px solid var(--_line));
    --_up: var(--price-ticker-up-color, var(--_up0));
    --_down: var(--price-ticker-down-color, var(--_down0));
    --_muted: var(--price-ticker-muted-color, var(--_muted0));
    --_height: var(--price-ticker-height, 2.5rem);
    --_gap: var(--price-ticker-gap, 2rem);
    --_logo: var(--price-ticker-logo-size, 1.25em);
  }
  :host([theme=dark i]) {
    --_fg: #e8eaed;
    --_bg: #14171a;
    --_line: #3a4048;
    --_up0: #4ade80;
    --_down0: #ff8a80;
    --_muted0: #a3acb7;
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme=light i])) {
      --_fg: #e8eaed;
      --_bg: #14171a;
      --_line: #3a4048;
      --_up0: #4ade80;
      --_down0: #ff8a80;
      --_muted0: #a3acb7;
    }
  }
  /* Nothing at all: a hidden ticker, market data where the source has no value, an empty status
     line. */
  :host([hidden]),
  .market-cap:empty,
  .volume:empty,
  .status:empty {
    display: none;
  }
  .ticker,
  .list {
    display: flex;
    align-items: center;
  }
  .ticker {
    block-size: var(--_height);
  }
  .viewport {
    /* The track (inheriting this) is laid out left to right whatever the page's direction (each
       list keeps its own dir), so the animation's pixel keyframes mean the same on every page. */
    direction: ltr;
    flex: 1;
    overflow: hidden;
    block-size: 100%;
  }
  .viewport.still {
    overflow-x: auto;
    scrollbar-width: thin;
  }
  .track {
    display: flex;
    inline-size: max-content;
    block-size: 100%;
    will-change: transform;
  }
  /* No list-style: the items are flex items (blocks), which have no marker. */
  .list {
    gap: var(--_gap);
    margin: 0;
    padding: 0 calc(var(--_gap)/2);
  }
  .item,
  .link {
    display: flex;
    align-items: center;
    gap: .4em;
    font-variant-numeric: tabular-nums;
  }
  .link {
    color: inherit;
    text-decoration: none;
  }
  .link:hover .name {
    text-decoration: underline;
  }
  .item:focus-visible,
  .link:focus-visible {
    outline: 2px solid var(--price-ticker-focus-color, #1a73e8);
    outline-offset: 2px;
    border-radius: 2px;
  }
  .logo {
    inline-size: var(--_logo);
    block-size: var(--_logo);
    border-radius: 50%;
    object-fit: contain;
    flex: none;
  }
  span.logo {
    /* A colour, not opacity: an opacity below 1 is a paint effect of its own for every coin. */
    background: color-mix(in srgb, currentColor 12%, transparent);
  }
  .name {
    font-weight: 600;
  }
  .symbol {
    font-size: .85em;
    letter-spacing: .02em;
  }
  /* A price or change (a flex item, so a block) is as wide as the wider of its text and the
     widest text it may soon take (data-fit, see templates/fit.ts), laid out in a hidden line of
     no height; the text starts at the box's start, so a longer text moves nothing. */
  [data-fit]::after {
    content: attr(data-fit);
    display: block;
    block-size: 0;
    overflow: hidden;
  }
  /* A price that moved in the last update, tinted in the colour of the move while the ticker is
     flashing (one class on it, no animation). */
  .price {
    border-radius: .25em;
  }
  .flashing .price[data-flash=up] {
    background: var(--price-ticker-flash-up-color, color-mix(in srgb, var(--_up) 22%, transparent));
  }
  .flashing .price[data-flash=down] {
    background: var(--price-ticker-flash-down-color, color-mix(in srgb, var(--_down) 22%, transparent));
  }
  [data-direction=up] {
    color: var(--_up);
  }
  [data-direction=down] {
    color: var(--_down);
  }
  /* Muted: a flat change, the prices of a coin held at its last good quote (the latest answer
     having had none for it), symbols, market data labels, the status line. */
  [data-direction=flat],
  [part~=stale] :is(.price, .change),
  .symbol,
  .market-cap::before,
  .volume::before,
  .status {
    color: var(--_muted);
  }
  /* The arrow is decoration: colour is never the only cue, and it stays out of the text. */
  .change::before {
    font-size: .7em;
    margin-inline-end: .25em;
  }
  [data-direction=up]::before {
    content: '▲'; /* where alt text in content is unknown (Firefox < 128, Safari < 17.4) */
    content: '▲' / '';
  }
  [data-direction=down]::before {
    content: '▼';
    content: '▼' / '';
  }
  /* Market data, after its label. */
  .market-cap::before,
  .volume::before {
    content: attr(data-label) ' ';
    font-size: .85em;
  }
  /* A fixed box: a new series redraws the line and lays nothing out. */
  .sparkline {
    flex: none;
    inline-size: var(--price-ticker-sparkline-width, 4em);
    block-size: var(--price-ticker-sparkline-height, 1.25em);
    overflow: visible;
  }
  .sparkline polyline {
    fill: none;
    stroke: currentColor;
    stroke-width: 1.5;
    stroke-linejoin: round;
  }
  .skeleton {
    inline-size: 9em;
    block-size: .9em;
    border-radius: .45em;
    background: currentColor;
    opacity: .12;
  }
  .pause {
    flex: none;
    display: grid;
    place-items: center;
    inline-size: var(--_height);
    block-size: 100%;
    padding: 0;
    border: 0;
    border-inline-end: var(--price-ticker-border, 1px solid var(--_line));
    color: inherit;
    background: none;
    font: inherit;
    cursor: pointer;
  }
  .pause:focus-visible {
    outline: 2px solid var(--price-ticker-focus-color, #1a73e8);
    outline-offset: -3px;
  }
  .pause svg {
    inline-size: .9em;
    block-size: .9em;
    fill: currentColor;
  }
  .status {
    flex: none;
    padding-inline: .75em;
    font-size: .8em;
  }
  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
