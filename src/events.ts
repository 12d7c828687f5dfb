import type { Quote } from './feed/quote.js';

export interface PriceTickerUpdateDetail {
  quotes: readonly Quote[];
  /** Ids whose price or change differ from the previous poll. */
  changed: string[];
}

export interface PriceTickerErrorDetail {
  error: Error;
  /** HTTP status, when the server answered. */
  status?: number;
  /** Seconds until the next attempt. */
  retryIn: number;
}

/** Fired after each successful poll. Bubbles and is composed. */
export class PriceTickerUpdateEvent extends Event {
  static readonly type = 'price-ticker-update';
  readonly detail: PriceTickerUpdateDetail;
  constructor(detail: PriceTickerUpdateDetail) {
    super(PriceTickerUpdateEvent.type, { bubbles: true, composed: true });
    this.detail = detail;
  }
}

/** Fired after each failed poll. Bubbles and is composed. */
export class PriceTickerErrorEvent extends Event {
  static readonly type = 'price-ticker-error';
  readonly detail: PriceTickerErrorDetail;
  constructor(detail: PriceTickerErrorDetail) {
    super(PriceTickerErrorEvent.type, { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'price-ticker-update': PriceTickerUpdateEvent;
    'price-ticker-error': PriceTickerErrorEvent;
  }
}
