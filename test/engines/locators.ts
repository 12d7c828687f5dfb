/**
 * The engines provider's locators, loaded by Vitest in every test iframe (the provider's
 * `initScripts`). Vitest needs one per provider: without it `userEvent.hover(element)` throws
 * 'Method "elementLocator" is not supported'. Modelled on Vitest's preview and webdriverio
 * locators, with one difference: the selector a command receives is not CSS but a reference
 * ("engines-ref:<n>") into a map kept here, `window.__enginesRef(ref)`, that the provider reads
 * from the top page (same origin) to find exactly the element meant, shadow DOM included.
 */
import type { UserEventClickOptions, UserEventHoverOptions } from 'vitest/browser';
import {
  ensureAwaited,
  getByAltTextSelector,
  getByLabelSelector,
  getByPlaceholderSelector,
  getByRoleSelector,
  getByTestIdSelector,
  getByTextSelector,
  getByTitleSelector,
  Locator,
  selectorEngine,
} from '@vitest/browser/locators';
import { page, server, utils } from 'vitest/browser';
import * as internal from 'vitest/internal/browser';

// Exported by vitest/internal/browser at runtime (the built-in providers' locators set it), not in its types.
const { __INTERNAL } = internal as unknown as { __INTERNAL: { _createLocator: (selector: string) => Locator } };

const REF_PREFIX = 'engines-ref:';
const byRef = new Map<string, Element>();
const refs = new WeakMap<Element, string>();
let nextRef = 0;

function refFor(element: Element): string {
  let ref = refs.get(element);
  if (!ref) {
    ref = `${REF_PREFIX}${++nextRef}`;
    refs.set(element, ref);
    byRef.set(ref, element);
  }
  return ref;
}

(window as unknown as { __enginesRef: (ref: string) => Element | null }).__enginesRef = (ref) => byRef.get(ref) ?? null;

class EnginesLocator extends Locator {
  constructor(
    protected override _pwSelector: string,
    protected override _container?: Element,
    /** The element itself when the locator was made from one (userEvent.hover(element)). */
    private readonly _exact?: Element,
  ) {
    super();
  }

  override get selector(): string {
    if (this._exact?.isConnected) return refFor(this._exact);
    const elements = this.elements();
    if (!elements.length) throw utils.getElementError(this._pwSelector, this._container || document.body);
    return refFor(elements[0]!);
  }

  override async findElement(options?: Parameters<Locator['findElement']>[0]): Promise<HTMLElement | SVGElement> {
    if (this._exact?.isConnected) return this._exact as HTMLElement;
    return super.findElement(options);
  }

  /** A locator bound to the element found now, for one command (waits for it as Playwright does). */
  private act(error: Error | undefined, element: Element): ResolvedLocator {
    return new ResolvedLocator(refFor(element), error, this._pwSelector, element);
  }

  override click(options?: UserEventClickOptions): Promise<void> {
    return ensureAwaited(async (error) => this.act(error, await this.findElement(options)).click(options));
  }

  override dblClick(options?: UserEventClickOptions): Promise<void> {
    return ensureAwaited(async (error) => this.act(error, await this.findElement(options)).dblClick(options));
  }

  override tripleClick(options?: UserEventClickOptions): Promise<void> {
    return ensureAwaited(async (error) => this.act(error, await this.findElement(options)).tripleClick(options));
  }

  override hover(options?: UserEventHoverOptions): Promise<void> {
    return ensureAwaited(async (error) => this.act(error, await this.findElement(options)).hover(options));
  }

  protected locator(selector: string): Locator {
    return new EnginesLocator(`${this._pwSelector} >> ${selector}`, this._container);
  }

  protected elementLocator(element: Element): Locator {
    return new EnginesLocator(selectorEngine.generateSelectorSimple(element), element, element);
  }
}

const kElementLocator = Symbol.for('$$vitest:locator-resolved');

class ResolvedLocator extends Locator {
  public [kElementLocator] = true;

  constructor(
    private readonly _ref: string,
    errorSource: Error | undefined,
    protected override _pwSelector: string,
    protected override _container: Element,
  ) {
    super();
    if (errorSource) this._errorSource = errorSource;
  }

  override get selector(): string {
    return this._ref;
  }

  protected locator(): Locator {
    throw new Error('should not be called');
  }

  protected elementLocator(): Locator {
    throw new Error('should not be called');
  }
}

page.extend({
  getByLabelText(text, options) {
    return new EnginesLocator(getByLabelSelector(text, options));
  },
  getByRole(role, options) {
    return new EnginesLocator(getByRoleSelector(role, options));
  },
  getByTestId(testId) {
    return new EnginesLocator(getByTestIdSelector(server.config.browser.locators.testIdAttribute, testId));
  },
  getByAltText(text, options) {
    return new EnginesLocator(getByAltTextSelector(text, options));
  },
  getByPlaceholder(text, options) {
    return new EnginesLocator(getByPlaceholderSelector(text, options));
  },
  getByText(text, options) {
    return new EnginesLocator(getByTextSelector(text, options));
  },
  getByTitle(title, options) {
    return new EnginesLocator(getByTitleSelector(title, options));
  },
  elementLocator(element: Element) {
    return new EnginesLocator(selectorEngine.generateSelectorSimple(element), element, element);
  },
});

__INTERNAL._createLocator = (selector: string) => new EnginesLocator(selector);
