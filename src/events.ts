import type { Quote } from './feed/quote.js';

/** The `detail` of `price-ticker-update`. */
export interface PriceTickerUpdateDetail {
  /** The quotes shown now, as the element's `quotes`. */
  quotes: readonly Quote[];
  /** Ids whose price or change differ from the previous poll. */
  changed: string[];
}

/** The `detail` of `price-ticker-error`. */
export interface PriceTickerErrorDetail {
  /** Its message names the source, the URL without its query, and what was wrong. */
  error: Error;
  /** HTTP status, when the server answered. */
  status?: number;
  /** Seconds until the next attempt. */
  retryIn: number;
}

/** `price-ticker-update`, fired after each successful poll. Bubbles and is composed. */
export class PriceTickerUpdateEvent extends Event {
  static readonly type = 'price-ticker-update';
  readonly detail: PriceTickerUpdateDetail;
  constructor(detail: PriceTickerUpdateDetail) {
    super(PriceTickerUpdateEvent.type, { bubbles: true, composed: true });
    this.detail = detail;
  }
}

/** `price-ticker-error`, fired after each failed poll; the prices already shown stay. Bubbles and is composed. */
export class PriceTickerErrorEvent extends Event {
  static readonly type = 'price-ticker-error';
  readonly detail: PriceTickerErrorDetail;
  constructor(detail: PriceTickerErrorDetail) {
    super(PriceTickerErrorEvent.type, { bubbles: true, composed: true });
    this.detail = detail;
  }
}

/** The `detail` of `price-ticker-select`. */
export interface PriceTickerSelectDetail {
  /** The coin's id, as in `coins`. */
  id: string;
  /** The coin's quote as shown. */
  quote: Quote;
}

/**
 * `price-ticker-select`, fired when a coin is clicked or activated from the keyboard. Bubbles,
 * is composed and cancelable: `preventDefault()` keeps a coin's link from being followed.
 */
export class PriceTickerSelectEvent extends Event {
  static readonly type = 'price-ticker-select';
  readonly detail: PriceTickerSelectDetail;
  constructor(detail: PriceTickerSelectDetail) {
    super(PriceTickerSelectEvent.type, { bubbles: true, composed: true, cancelable: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'price-ticker-update': PriceTickerUpdateEvent;
    'price-ticker-error': PriceTickerErrorEvent;
    'price-ticker-select': PriceTickerSelectEvent;
  }
}
