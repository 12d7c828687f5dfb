import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { resolveLocale } from '../i18n/locale.js';
import { unwatchLocale, watchLocale } from '../i18n/locale-watch.js';
import { messagesFor, type Messages } from '../i18n/messages.js';

/**
 * The language the element speaks and writes numbers in: its `locale` setting, else the nearest
 * `lang`, else the browser's; the words of that language; and the page's direction around it.
 * Watches `lang` and the browser's languages while connected, so a change re-renders.
 */
export class LanguageController implements ReactiveController {
  // Read before each render, so before anything reads them.
  locale!: string;
  words!: Messages;
  rtl!: boolean;

  readonly #host: ReactiveControllerHost & HTMLElement;

  constructor(host: ReactiveControllerHost & HTMLElement) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    watchLocale(this.#host);
  }

  hostDisconnected(): void {
    unwatchLocale(this.#host);
  }

  /** Reads the language again (before each render). */
  read(setting: string | null): void {
    this.locale = resolveLocale(this.#host, setting);
    this.words = messagesFor(this.locale);
    this.rtl = isRtl(this.#host);
  }
}

/** The element's direction from the DOM (`:dir()`, no style work), else from its style. */
function isRtl(element: Element): boolean {
  try {
    return element.matches(':dir(rtl)');
  } catch {
    return getComputedStyle(element).direction === 'rtl';
  }
}
