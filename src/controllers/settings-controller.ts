import type { PropertyDeclaration, PropertyDeclarations, PropertyValues, ReactiveElement } from 'lit';
import { PROPERTY_OF_ATTRIBUTE, SETTING_NAMES, SETTINGS, type Settings } from '../config.js';

/** Fresh copy of a default, so no two elements share an array. */
const copyOf = <T>(value: T): T => (Array.isArray(value) ? ([...value] as T) : value);

/** Lit property declarations made from the settings table: attributes are read and validated. */
export function declareProperties(): PropertyDeclarations {
  const properties: Record<string, PropertyDeclaration> = {};
  for (const name of SETTING_NAMES) {
    const spec = SETTINGS[name];
    properties[name] = {
      attribute: spec.attribute,
      // The stylesheet themes on :host([theme]), so a theme set from JavaScript shows there too.
      reflect: name === 'theme',
      // From the attribute (a function is Lit's fromAttribute): a removed attribute (null) reads as
      // nothing, or as the null that is the default.
      converter: (value: string | null) => spec.read(value) ?? copyOf(spec.default),
    };
  }
  properties.paused = { type: Boolean, reflect: true };
  properties.fetcher = { attribute: false };
  return properties;
}

type SettingsHost = ReactiveElement & Settings;

/**
 * The settings table applied to an element: defaults on construction, and every value, from an
 * attribute or from JavaScript, read the same way; an invalid one falls back to the default
 * with one warning per element and value. The element calls it from its own lifecycle
 * (`attributeChangedCallback`, `willUpdate`), which a reactive controller cannot hook.
 */
export class SettingsController {
  /** The element, whose settings are read and written by name. */
  readonly #host: Record<string, unknown>;
  /** `attribute=value` pairs already warned about. */
  readonly #warned = new Set<string>();

  constructor(host: SettingsHost) {
    this.#host = host as unknown as Record<string, unknown>;
    for (const name of SETTING_NAMES) this.#host[name] = copyOf(SETTINGS[name].default);
  }

  /** Called from `attributeChangedCallback`: warns about a value the table cannot read. */
  checkAttribute(name: string, value: string | null): void {
    const property = PROPERTY_OF_ATTRIBUTE.get(name);
    if (property && value !== null && SETTINGS[property].read(value) === undefined) this.#warnInvalid(property, value);
  }

  /** Called from `willUpdate`: values set from JavaScript are read the same way as attributes. */
  normalise(changed: PropertyValues): void {
    for (const name of SETTING_NAMES) {
      if (!changed.has(name)) continue;
      const spec = SETTINGS[name];
      const value = this.#host[name];
      const read = spec.read(value);
      if (read === undefined) {
        this.#warnInvalid(name, value);
        this.#host[name] = copyOf(spec.default);
      } else if (JSON.stringify(read) !== JSON.stringify(value)) {
        this.#host[name] = read;
      }
    }
  }

  #warnInvalid(name: keyof Settings, value: unknown): void {
    const { attribute, default: fallback } = SETTINGS[name];
    const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
    const key = `${attribute}=${text}`;
    if (this.#warned.has(key)) return;
    this.#warned.add(key);
    console.warn(
      `<price-ticker>: invalid ${attribute}="${text.slice(0, 100)}"; using the default ${JSON.stringify(fallback)}.`,
    );
  }
}
