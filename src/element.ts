/** Entry `price-ticker/element`: the class and its types, with no side effect. */
export { PriceTickerElement } from './price-ticker.js';
export { PriceTickerErrorEvent, PriceTickerSelectEvent, PriceTickerUpdateEvent } from './events.js';
export type { PriceTickerErrorDetail, PriceTickerSelectDetail, PriceTickerUpdateDetail } from './events.js';
export type { Quote, QuoteInput } from './feed/quote.js';
export type { FeedStatus } from './feed/feed.js';
export type { Fetcher } from './feed/registry.js';
export type { ChangeWindow, SourceName } from './feed/sources/index.js';
export type { Direction, Field, Settings, Theme } from './config.js';
export { defineMessages, MESSAGE_LANGUAGES } from './i18n/messages.js';
export type { MessageKey, Messages } from './i18n/messages.js';
