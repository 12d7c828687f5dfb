/**
 * Types shared by the framework typings (`price-ticker/react`, `/preact`, `/vue`, `/svelte`).
 * Type-only: this module and the entries that use it compile to empty JavaScript modules.
 * Everything here is derived from the element class, the settings table's `Settings` and the
 * global event map, so a new setting or event reaches every framework without retyping.
 */
import type { Settings } from '../config.js';
import type { PriceTickerElement } from '../price-ticker.js';

// Re-exported (not only imported) so that declaration files keep the link: that module fills in
// `GlobalEventHandlersEventMap`, from which the event map below is read.
export type { PriceTickerElement } from '../price-ticker.js';
export type { PriceTickerErrorEvent, PriceTickerSelectEvent, PriceTickerUpdateEvent } from '../events.js';

/** `subscriptZeros` → `subscript-zeros`: how the settings table names each attribute. */
export type KebabCase<Name extends string> = Name extends `${infer First}${infer Rest}`
  ? `${First extends Lowercase<First> ? First : `-${Lowercase<First>}`}${KebabCase<Rest>}`
  : Name;

/** `price-ticker-update` → `PriceTickerUpdate`: how Vue names a listener prop (`onPriceTickerUpdate`). */
export type PascalCase<Name extends string> = Name extends `${infer Head}-${infer Rest}`
  ? `${Capitalize<Head>}${PascalCase<Rest>}`
  : Capitalize<Name>;

/** The element's events, by name: `'price-ticker-update'` → `PriceTickerUpdateEvent`, and so on. */
export type PriceTickerEventMap = {
  [
    Name in keyof GlobalEventHandlersEventMap as Name extends `price-ticker-${string}` ? Name : never
  ]: GlobalEventHandlersEventMap[Name];
};

/** The properties a framework may set, typed as the class declares them. */
export type PriceTickerProperties = Pick<PriceTickerElement, keyof Settings | 'paused' | 'fetcher'>;

/** How a setting's value is written in an attribute: lists as text, numbers as numbers or their text. */
type AttributeValue<Value> = Value extends readonly unknown[]
  ? string
  : Value extends number
    ? number | `${number}`
    : Exclude<Value, null>;

/** Every attribute, with the values it accepts (`paused` is a boolean attribute). */
export type PriceTickerAttributes = {
  [Name in keyof Settings as KebabCase<Name>]?: AttributeValue<Settings[Name]>;
} & { paused?: boolean };

/**
 * What frameworks that set a property when the element has one (React 19, Preact, Svelte 5,
 * Vue 3) accept: each setting under its property name, as the typed value or as the attribute's
 * text (the element reads both), plus the attribute names that differ from the property names.
 */
export type PriceTickerProps = {
  [Name in keyof Settings]?: Settings[Name] | AttributeValue<Settings[Name]>;
} & Omit<PriceTickerAttributes, keyof Settings> & {
    paused?: boolean;
    fetcher?: PriceTickerProperties['fetcher'];
  };

/** Listener props named `on<event-name>` (React 19, Preact, Svelte 5): `onprice-ticker-update`. */
export type PriceTickerEventProps = {
  [Name in keyof PriceTickerEventMap as `on${Name}`]?: (event: PriceTickerEventMap[Name]) => void;
};
