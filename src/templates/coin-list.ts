/**
 * Writes coins into a `<ul>`: `<ul ${coinList(quotes, view, copy)}>`. Each coin is an `<li>` built once
 * from a prototype; an update writes only the texts and attributes that differ, into the same
 * nodes, so a refresh costs about what writing those texts by hand would, and a coin is a dozen
 * nodes with no template markers. A loop copy leaves out what only the real list needs: the
 * spoken phrase and the tab stop.
 */
import { html, noChange, nothing, render, type TemplateResult } from 'lit';
import { Directive, directive, type ElementPart } from 'lit/directive.js';
import type { Quote } from '../feed/quote.js';
import { coinInputs, writeCoin, type Attributes, type CoinView } from './coin.js';

/**
 * Every child a coin may have, by its key (`img` is the logo; `logo`, the box in its place).
 * Made by Lit, whose template parsing works under Trusted Types. Its link is never shown as it is:
 * a coin's link gets its `href`, and its name from the coin's spoken phrase, when written.
 */
// eslint-disable-next-line lit-a11y/accessible-name, lit-a11y/anchor-is-valid
const PROTOTYPE = html`<li class="item"><a class="link" part="link"></a><span class="visually-hidden"></span><img class="logo" part="logo" alt="" width="20" height="20" loading="lazy" decoding="async" referrerpolicy="no-referrer"><span class="logo" part="logo-placeholder" aria-hidden="true"></span><span class="name" part="name" dir="auto" aria-hidden="true"></span><span class="symbol" part="symbol" dir="auto" aria-hidden="true"></span><span class="price" part="price" aria-hidden="true"></span><span class="change" aria-hidden="true"></span><span class="market-cap" part="market-cap" aria-hidden="true"></span><span class="volume" part="volume" aria-hidden="true"></span><svg class="sparkline" part="sparkline" aria-hidden="true" viewBox="0 0 100 100" preserveAspectRatio="none"><polyline vector-effect="non-scaling-stroke"/></svg></li>`;
// The class attribute, not className: an SVG element's className is no string.
const keyOf = (el: Element | undefined) => (el?.localName === 'img' ? 'img' : el?.getAttribute('class'));

/** The prototype's item and each of its children, by key. */
let prototypes: Map<string | null | undefined, Element> | undefined;

/** A new node for `key` (`item`, or a child's key). */
function made(key: string): Element {
  if (!prototypes) {
    const box = document.createDocumentFragment();
    render(PROTOTYPE, box);
    const item = box.querySelector('li')!;
    prototypes = new Map([['item', item], ...[...item.children].map((c) => [keyOf(c), c] as const)]);
  }
  // Shallow, but the sparkline's line with it.
  const el = prototypes.get(key)!.cloneNode(key === 'sparkline');
  if (key === 'img') el.addEventListener('error', hideBrokenImage);
  return el as Element;
}

function hideBrokenImage(event: Event): void {
  (event.target as HTMLImageElement).style.visibility = 'hidden';
}

/** Sets, changes or removes (null, undefined) attributes, each only when it differs. */
function setAttributes(el: Element, attributes: Attributes = {}): void {
  for (const name in attributes) {
    const value = attributes[name] ?? null;
    if (el.getAttribute(name) === value) continue;
    if (value === null) el.removeAttribute(name);
    else el.setAttribute(name, value);
  }
}

/** Quotes already reported as unwritable (once each, not on every render). */
const unwritable = new WeakSet<Quote>();

/** Each coin's inputs as last written, to skip a coin that would be written the same. */
const writtenWith = new WeakMap<Element, string>();

class CoinListDirective extends Directive {
  /** The view's settings the coins were written with: when they change, every coin is rewritten. */
  #settings = '';
  #words: CoinView['words'] | undefined;

  // Lit types the directive's arguments from render(); update() does the work.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  render(_quotes: readonly Quote[], _view: CoinView, _copy: boolean): unknown {
    return noChange;
  }

  override update(part: ElementPart, [quotes, view, copy]: [readonly Quote[], CoinView, boolean]): unknown {
    const ul = part.element;
    const items = ul.children;
    const { fields, currency, locale, subscriptZeros, href, target } = view;
    const settings = [fields.join(), currency, locale, subscriptZeros, href, target, copy].join('|');
    const rewrite = settings !== this.#settings || view.words !== this.#words;
    this.#settings = settings;
    this.#words = view.words;
    let written = 0;
    for (const q of quotes) {
      const li = items[written] ?? ul.appendChild(made('item'));
      const inputs = coinInputs(q, written, view);
      if (!rewrite && writtenWith.get(li) === inputs) {
        written++; // unchanged: not formatted again, not a node touched
        continue;
      }
      // Children are written into the item, or into its link once there is one.
      let box: Element = li;
      let at = 0;
      try {
        writeCoin(q, written, view, copy, {
          item: (attributes) => setAttributes(li, attributes),
          child(key, attributes, text = '') {
            const old = box.children[at++];
            let el = old;
            if (keyOf(old) !== key) {
              el = made(key);
              if (old) old.replaceWith(el);
              else box.append(el);
            }
            setAttributes(key === 'sparkline' ? el!.firstElementChild! : el!, attributes);
            if (key === 'link') {
              while (li.children.length > 1) li.lastElementChild!.remove();
              box = el!;
              at = 0;
              return;
            }
            // The text node's data, not textContent: the same node keeps its new text.
            const node = el!.firstChild;
            if (node instanceof Text) {
              if (node.data !== text) node.data = text;
            } else if (text) el!.append(text);
          },
        });
        while (box.children.length > at) box.lastElementChild!.remove();
        writtenWith.set(li, inputs);
        written++;
      } catch (error) {
        // Quotes are checked against the formatter's range when they arrive, so this is a bug;
        // still, one coin that cannot be written must not stop the others from showing. It
        // throws before its first write, and the next coin takes its place.
        if (!unwritable.has(q)) console.error(`price-ticker: cannot show "${q.id.slice(0, 40)}":`, error);
        unwritable.add(q);
      }
    }
    while (items.length > written) ul.lastElementChild!.remove();
    return noChange;
  }
}

/** The coins written into the `<ul>` it is bound to: `coinList(quotes, view, copy)`. */
export const coinList = directive(CoinListDirective);

/** The row shown until the first prices arrive: the ticker's final height from the first paint. */
export function skeleton(loading: string): TemplateResult[] {
  return Array.from(
    { length: 6 },
    (_, i) =>
      html`<li class="item" part="skeleton"><span class="skeleton"></span>${i ? nothing : html`<span class="visually-hidden">${loading}</span>`}</li>`,
  );
}

/**
 * The loop copies' coins: `count` in all, the list over again, the last copy cut short to the
 * coins that show first after the list: its first ones, or in a right-to-left list (laid out
 * from the right) its last ones.
 */
export function loopCopies<T>(coins: readonly T[], count: number, rtl: boolean): T[][] {
  const copies: T[][] = [];
  for (let at = 0; at < count && coins.length > 0; at += coins.length) {
    const n = Math.min(coins.length, count - at);
    copies.push(rtl ? coins.slice(coins.length - n) : coins.slice(0, n));
  }
  return copies;
}
