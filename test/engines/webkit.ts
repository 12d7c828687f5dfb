/**
 * WebKit (WebKitGTK's MiniBrowser) through Debian's WebKitWebDriver (classic W3C WebDriver) on
 * an Xvfb display of its own. Teardown order matters: DELETE the session (closes MiniBrowser),
 * stop the driver, then stop Xvfb (which takes down anything still holding the display: killing
 * only the driver would orphan MiniBrowser).
 */
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Engine, LaunchMedia, Viewport } from './engine.js';
import { descendantsOf, freePort, onExit, reapAll, startProcess, startXvfb, stopProcess } from './processes.js';
import { type Action, WebDriverSession, waitUntilReady } from './webdriver.js';

export const MINIBROWSER = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

/** WebDriver key values (W3C WebDriver, "keyboard actions") of the named keys. */
const NAMED_KEYS: Record<string, string> = {
  Cancel: '\uE001',
  Help: '\uE002',
  Backspace: '\uE003',
  Tab: '\uE004',
  Clear: '\uE005',
  Enter: '\uE007',
  Shift: '\uE008',
  ShiftLeft: '\uE008',
  Control: '\uE009',
  ControlLeft: '\uE009',
  Alt: '\uE00A',
  AltLeft: '\uE00A',
  Pause: '\uE00B',
  Escape: '\uE00C',
  Space: '\uE00D',
  PageUp: '\uE00E',
  PageDown: '\uE00F',
  End: '\uE010',
  Home: '\uE011',
  ArrowLeft: '\uE012',
  ArrowUp: '\uE013',
  ArrowRight: '\uE014',
  ArrowDown: '\uE015',
  Insert: '\uE016',
  Delete: '\uE017',
  F1: '\uE031',
  F2: '\uE032',
  F3: '\uE033',
  F4: '\uE034',
  F5: '\uE035',
  F6: '\uE036',
  F7: '\uE037',
  F8: '\uE038',
  F9: '\uE039',
  F10: '\uE03A',
  F11: '\uE03B',
  F12: '\uE03C',
  Meta: '\uE03D',
  MetaLeft: '\uE03D',
  ShiftRight: '\uE050',
  ControlRight: '\uE051',
  AltRight: '\uE052',
  MetaRight: '\uE053',
};

function keyValue(key: string): string {
  const named = NAMED_KEYS[key];
  if (named) return named;
  if ([...key].length === 1) return key;
  throw new Error(`engines provider (webkit): no WebDriver key for "${key}"`);
}

export interface WebKitOptions {
  driverPath: string;
  miniBrowserPath: string;
  xvfbPath: string;
  viewport: Viewport;
  media: LaunchMedia;
}

export async function launchWebKit(options: WebKitOptions): Promise<Engine> {
  const parts: { xvfb?: ChildProcess; driver?: ChildProcess; session?: WebDriverSession; removeConfig?: () => void } =
    {};
  const teardown = async () => {
    // MiniBrowser and its web and network processes, started by the driver: after the session
    // is deleted and the display gone, none of them may still run.
    const browserProcesses = descendantsOf(parts.driver?.pid);
    await parts.session?.delete().catch(() => {});
    // Let MiniBrowser close while the driver, its parent, is there to reap it.
    await reapAll(browserProcesses, 3000, false);
    await stopProcess(parts.driver);
    await stopProcess(parts.xvfb);
    await reapAll(browserProcesses);
    parts.removeConfig?.();
  };
  try {
    const { child: xvfb, display } = await startXvfb(options.xvfbPath);
    parts.xvfb = xvfb;
    // A GTK configuration of our own: the user's can't change the page (animations off would
    // mean prefers-reduced-motion: reduce), and reduced motion can be asked for at launch.
    const config = mkdtempSync(join(tmpdir(), 'engines-webkit-'));
    parts.removeConfig = onExit(() => rmSync(config, { recursive: true, force: true }));
    mkdirSync(join(config, 'gtk-3.0'));
    const animations = options.media['prefers-reduced-motion'] === 'reduce' ? 'false' : 'true';
    writeFileSync(join(config, 'gtk-3.0', 'settings.ini'), `[Settings]\ngtk-enable-animations=${animations}\n`);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DISPLAY: display,
      GDK_BACKEND: 'x11',
      XDG_CONFIG_HOME: config,
      NO_AT_BRIDGE: '1',
      // Xvfb has no GPU: accelerated compositing would be emulated in software (llvmpipe), which
      // made the web process the bottleneck (fuzz-element.test.ts 84 s, 55 s without it).
      // WEBKIT_DISABLE_COMPOSITING_MODE=0 in the environment keeps it.
      WEBKIT_DISABLE_COMPOSITING_MODE: process.env.WEBKIT_DISABLE_COMPOSITING_MODE ?? '1',
    };
    if (env.WEBKIT_DISABLE_COMPOSITING_MODE === '0') delete env.WEBKIT_DISABLE_COMPOSITING_MODE;
    delete env.WAYLAND_DISPLAY;
    const port = await freePort();
    const { child: driver, output } = startProcess(options.driverPath, [`--port=${port}`], { env });
    parts.driver = driver;
    const base = `http://127.0.0.1:${port}`;
    try {
      await waitUntilReady(base, 15_000, () => driver.exitCode === null && driver.signalCode === null);
    } catch (error) {
      throw new Error(`${(error as Error).message}\n${output()}`);
    }
    const args = ['--automation'];
    if (options.media['prefers-color-scheme'] === 'dark') args.push('--dark-mode');
    // POST /session hangs (instead of failing) when MiniBrowser cannot start: hence the deadline.
    parts.session = await WebDriverSession.create(
      base,
      { 'webkitgtk:browserOptions': { binary: options.miniBrowserPath, args } },
      30_000,
    ).catch((error: Error) => {
      throw new Error(
        `WebKit: no session from WebKitWebDriver (${options.miniBrowserPath}): ${error.message}\n${output()}`,
      );
    });
    const engine = new WebKitEngine(parts.session, options.viewport, teardown);
    await engine.fitViewport();
    return engine;
  } catch (error) {
    await teardown();
    throw error;
  }
}

class WebKitEngine implements Engine {
  readonly name = 'webkit';
  version = 'WebKitGTK';
  private closed = false;

  constructor(
    private readonly session: WebDriverSession,
    private readonly viewport: Viewport,
    private readonly teardown: () => Promise<void>,
  ) {}

  /** Sizes the window so that the page's viewport is `viewport` (the toolbar takes some height). */
  async fitViewport(): Promise<void> {
    let rect = await this.session.setWindowRect({
      x: 0,
      y: 0,
      width: this.viewport.width,
      height: this.viewport.height,
    });
    for (let attempt = 0; attempt < 3; attempt++) {
      const inner = await this.evaluate<{ width: number; height: number; ua: string }>(
        'function () { return { width: window.innerWidth, height: window.innerHeight, ua: navigator.userAgent }; }',
        [],
      );
      this.version = /AppleWebKit\/[\d.]+/.exec(inner.ua)?.[0] ?? 'WebKitGTK';
      const dw = this.viewport.width - inner.width;
      const dh = this.viewport.height - inner.height;
      if (dw === 0 && dh === 0) return;
      rect = await this.session.setWindowRect({ width: rect.width + dw, height: rect.height + dh });
    }
  }

  open(url: string): Promise<void> {
    return this.session.navigate(url);
  }

  evaluate<T>(source: string, args: unknown[]): Promise<T> {
    return this.session.execute(`return (${source}).apply(null, arguments);`, args);
  }

  private pointer(actions: Action[]): Promise<void> {
    return this.session.performActions([
      { type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' }, actions },
    ]);
  }

  pointerMove(x: number, y: number): Promise<void> {
    return this.pointer([{ type: 'pointerMove', duration: 0, origin: 'viewport', x: Math.round(x), y: Math.round(y) }]);
  }

  click(x: number, y: number, options: { button: 'left' | 'middle' | 'right'; count: number }): Promise<void> {
    const button = { left: 0, middle: 1, right: 2 }[options.button];
    const actions: Action[] = [
      { type: 'pointerMove', duration: 0, origin: 'viewport', x: Math.round(x), y: Math.round(y) },
    ];
    for (let i = 0; i < options.count; i++)
      actions.push({ type: 'pointerDown', button }, { type: 'pointerUp', button });
    return this.pointer(actions);
  }

  private key(type: 'keyDown' | 'keyUp', key: string): Promise<void> {
    return this.session.performActions([{ type: 'key', id: 'keyboard', actions: [{ type, value: keyValue(key) }] }]);
  }

  keyDown(key: string): Promise<void> {
    return this.key('keyDown', key);
  }

  keyUp(key: string): Promise<void> {
    return this.key('keyUp', key);
  }

  /** Minimized, the page is hidden; sized again, it is shown (with the same viewport). */
  async setHidden(hidden: boolean): Promise<void> {
    if (hidden) await this.session.minimizeWindow();
    else await this.fitViewport();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.teardown();
  }
}
