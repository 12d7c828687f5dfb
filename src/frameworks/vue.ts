/**
 * Entry `price-ticker/vue` (types only): `<price-ticker>` in Vue 3 templates and TSX, with its
 * attributes, properties and events, checked by `vue-tsc`. Vue sets a binding as a property
 * when the element has one (`:coins="['bitcoin']"`), and `@price-ticker-update` listens to the
 * event. Import it once, e.g. in a `.d.ts` of the app: `import type {} from 'price-ticker/vue';`.
 * At run time Vue must also be told the tag is a custom element (`compilerOptions.isCustomElement`).
 */
import type { DefineComponent, HTMLAttributes } from 'vue';
import type { PascalCase, PriceTickerEventMap, PriceTickerProps } from './shared.js';

export type * from './shared.js';

/** Listener props as Vue compiles `@price-ticker-update`: `onPriceTickerUpdate`. */
export type PriceTickerVueEventProps = {
  [Name in keyof PriceTickerEventMap as `on${PascalCase<Name>}`]?: (event: PriceTickerEventMap[Name]) => void;
};

/** The attributes of `<price-ticker>` in Vue templates. */
export type PriceTickerVueAttributes = Omit<HTMLAttributes, keyof PriceTickerProps> &
  PriceTickerProps &
  PriceTickerVueEventProps;

declare module 'vue' {
  // `vue-tsc` reads a tag with a dash in a template as a component (it does not know the
  // app's `isCustomElement`), so templates look it up here.
  interface GlobalComponents {
    'price-ticker': DefineComponent<PriceTickerProps & PriceTickerVueEventProps>;
  }
  // Vue's JSX and TSX read native elements from here.
  interface IntrinsicElementAttributes {
    'price-ticker': PriceTickerVueAttributes;
  }
}
