/**
 * The built-in userEvent commands the browser tests use, for the engines provider, with real
 * input: the element is found from the top page in the test iframe (same origin) through the
 * locators' reference map, scrolled into view, and the real pointer is moved to its centre;
 * keys are real key presses into whatever has focus. Ported from @vitest/browser-playwright's
 * keyboard implementation (the parsing is Vitest's own parseKeyDef).
 */
import { parseKeyDef } from '@vitest/browser';
import type { BrowserCommand, BrowserCommandContext } from 'vitest/node';
import type { Engine } from './engine.js';

/** What the commands need of the provider (kept as an interface: no import cycle). */
export interface EngineHolder {
  readonly engineName: string;
  currentEngine(): Engine;
}

function engineOf(context: BrowserCommandContext): Engine {
  return (context.provider as unknown as EngineHolder).currentEngine();
}

// Browser-side code is kept as plain JS source text: it is sent to the page as it is written,
// never through a transpiler that could add helpers it can't see there.

/** Finds `selector` in the test iframe, scrolls it into view, returns its point in top-page px. */
const LOCATE = `function (selector, position) {
  var frame = document.querySelector('iframe[data-vitest]');
  if (!frame || !frame.contentWindow) return { error: 'the Vitest test iframe is not on the page' };
  var win = frame.contentWindow;
  var el = selector.indexOf('engines-ref:') === 0
    ? (win.__enginesRef ? win.__enginesRef(selector) : null)
    : win.document.querySelector(selector);
  if (!el) return { error: 'no element in the test iframe for ' + selector };
  if (!el.isConnected) return { error: 'the element for ' + selector + ' is no longer in the document' };
  el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  var scale = Number(frame.parentElement && frame.parentElement.getAttribute('data-scale')) || 1;
  var f = frame.getBoundingClientRect();
  var r = el.getBoundingClientRect();
  var x, y;
  if (position && position.x != null) x = r.left + position.x;
  else x = (Math.max(r.left, 0) + Math.min(r.right, win.innerWidth)) / 2;
  if (position && position.y != null) y = r.top + position.y;
  else y = (Math.max(r.top, 0) + Math.min(r.bottom, win.innerHeight)) / 2;
  if (x < 0 || y < 0 || x > win.innerWidth || y > win.innerHeight) {
    return { error: 'the element for ' + selector + ' is out of view (' + x + ', ' + y + ')' };
  }
  return { x: f.left + (frame.clientLeft + x) * scale, y: f.top + (frame.clientTop + y) * scale, scale: scale };
}`;

/**
 * Gives the test iframe the keyboard focus when the top page has it elsewhere, keeping the
 * element focused inside it (what Playwright's focusIframe does from inside the frame).
 */
const FOCUS_FRAME = `function () {
  var frame = document.querySelector('iframe[data-vitest]');
  if (!frame || !frame.contentWindow) return;
  var win = frame.contentWindow;
  var doc = win.document;
  function deep() {
    var a = doc.activeElement;
    while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
    return a;
  }
  if (document.activeElement === frame && document.hasFocus()) return;
  var was = deep();
  win.focus();
  if (was && was !== doc.body && deep() !== was && typeof was.focus === 'function') was.focus({ preventScroll: true });
}`;

const SELECT_ALL = `function () {
  var frame = document.querySelector('iframe[data-vitest]');
  var doc = frame && frame.contentWindow && frame.contentWindow.document;
  var el = doc && doc.activeElement;
  while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
  if (el && typeof el.select === 'function') el.select();
}`;

interface Point {
  x: number;
  y: number;
  scale: number;
}

let scaleChecked = false;

async function locate(engine: Engine, selector: string, position?: { x?: number; y?: number }): Promise<Point> {
  const point = await engine.evaluate<Point | { error: string }>(LOCATE, [selector, position ?? null]);
  if ('error' in point) throw new Error(`${engine.name}: ${point.error}`);
  if (!scaleChecked) {
    scaleChecked = true;
    if (point.scale !== 1)
      console.warn(
        `[engines] ${engine.name}: the test iframe is scaled by ${point.scale}; make the viewport at least 414x896`,
      );
  }
  return point;
}

interface PositionOptions {
  position?: { x?: number; y?: number };
}

const hover: BrowserCommand<[selector: string, options?: PositionOptions]> = async (context, selector, options) => {
  const engine = engineOf(context);
  const { x, y } = await locate(engine, selector, options?.position);
  await engine.pointerMove(x, y);
};

const click: BrowserCommand<
  [selector: string, options?: PositionOptions & { button?: 'left' | 'middle' | 'right'; clickCount?: number }]
> = async (context, selector, options) => {
  const engine = engineOf(context);
  const { x, y } = await locate(engine, selector, options?.position);
  await engine.click(x, y, { button: options?.button ?? 'left', count: options?.clickCount ?? 1 });
};

const dblClick: BrowserCommand<[selector: string, options?: PositionOptions]> = async (context, selector, options) => {
  const engine = engineOf(context);
  const { x, y } = await locate(engine, selector, options?.position);
  await engine.click(x, y, { button: 'left', count: 2 });
};

const tripleClick: BrowserCommand<[selector: string, options?: PositionOptions]> = async (
  context,
  selector,
  options,
) => {
  const engine = engineOf(context);
  const { x, y } = await locate(engine, selector, options?.position);
  await engine.click(x, y, { button: 'left', count: 3 });
};

/** Presses `text` (userEvent.keyboard syntax); keys held with `{Key>}` stay down and are returned. */
async function pressKeys(engine: Engine, pressed: Set<string>, text: string): Promise<void> {
  for (const { releasePrevious, releaseSelf, repeat, keyDef } of parseKeyDef(text)) {
    const key = keyDef.key;
    if (key === undefined)
      throw new Error(`${engine.name}: no key for ${JSON.stringify(keyDef)} in ${JSON.stringify(text)}`);
    if (pressed.has(key)) {
      await engine.keyUp(key);
      pressed.delete(key);
    }
    if (releasePrevious) continue;
    if (key === 'selectall') {
      await engine.evaluate(SELECT_ALL, []);
      continue;
    }
    for (let i = 1; i <= repeat; i++) await engine.keyDown(key);
    if (releaseSelf) await engine.keyUp(key);
    else pressed.add(key);
  }
}

const keyboard: BrowserCommand<[text: string, state: { unreleased: string[] }]> = async (context, text, state) => {
  const engine = engineOf(context);
  await engine.evaluate(FOCUS_FRAME, []);
  const pressed = new Set(state.unreleased);
  await pressKeys(engine, pressed, text);
  return { unreleased: [...pressed] };
};

const tab: BrowserCommand<[options?: { shift?: boolean }]> = async (context, options) => {
  const engine = engineOf(context);
  await engine.evaluate(FOCUS_FRAME, []);
  if (options?.shift) await engine.keyDown('Shift');
  await engine.keyDown('Tab');
  await engine.keyUp('Tab');
  if (options?.shift) await engine.keyUp('Shift');
};

const cleanup: BrowserCommand<[state: { unreleased?: string[] }]> = async (context, state) => {
  const engine = engineOf(context);
  for (const key of state.unreleased ?? []) await engine.keyUp(key);
};

export const engineCommands: Record<string, BrowserCommand<never, unknown>> = {
  __vitest_hover: hover,
  __vitest_click: click,
  __vitest_dblClick: dblClick,
  __vitest_tripleClick: tripleClick,
  __vitest_keyboard: keyboard,
  __vitest_tab: tab,
  __vitest_cleanup: cleanup,
};
