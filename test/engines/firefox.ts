/**
 * Firefox (Debian's firefox-esr) through puppeteer-core over WebDriver BiDi: headless, no
 * geckodriver, no Xvfb, a fresh temporary profile, removed on close and when Node exits (the
 * one puppeteer would make itself stays behind when the run is interrupted).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type KeyInput, type Page } from 'puppeteer-core';
import { _keyDefinitions } from 'puppeteer-core/internal/common/USKeyboardLayout.js';
import type { Engine, LaunchMedia, Viewport } from './engine.js';
import { onExit, withTimeout } from './processes.js';

/** Launch-time preferences that set the media features (runtime emulation needs CDP). */
function mediaPrefs(media: LaunchMedia): Record<string, unknown> {
  const prefs: Record<string, unknown> = {};
  const motion = media['prefers-reduced-motion'];
  if (motion) prefs['ui.prefersReducedMotion'] = motion === 'reduce' ? 1 : 0;
  const scheme = media['prefers-color-scheme'];
  // 0 dark, 1 light (2 would follow the browser theme).
  if (scheme) prefs['layout.css.prefers-color-scheme.content-override'] = scheme === 'dark' ? 0 : 1;
  return prefs;
}

const QUIET_PREFS = {
  // Nothing of the browser's own on the network or in the way of the test page.
  'browser.shell.checkDefaultBrowser': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'toolkit.telemetry.reportingpolicy.firstRun': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'extensions.update.enabled': false,
  'app.update.auto': false,
};

export async function launchFirefox(options: {
  executablePath: string;
  viewport: Viewport;
  media: LaunchMedia;
}): Promise<Engine> {
  const profile = mkdtempSync(join(tmpdir(), 'engines-firefox-'));
  const removeProfile = onExit(() => rmSync(profile, { recursive: true, force: true, maxRetries: 3 }));
  let browser: Browser;
  try {
    browser = await withTimeout(
      puppeteer.launch({
        browser: 'firefox',
        executablePath: options.executablePath,
        headless: true,
        userDataDir: profile,
        defaultViewport: options.viewport,
        extraPrefsFirefox: { ...QUIET_PREFS, ...mediaPrefs(options.media) },
        timeout: 60_000,
      }),
      90_000,
      `Firefox (${options.executablePath}) did not start within 90 s`,
    );
  } catch (error) {
    removeProfile();
    throw error;
  }
  try {
    // Firefox starts with one about:blank tab that never gets the focus (document.hasFocus()
    // stays false: no focus events, Enter and Space do not activate buttons). A tab opened now
    // does; the first one is closed.
    const initial = await browser.pages();
    const page: Page = await browser.newPage();
    for (const extra of initial) await extra.close();
    await page.bringToFront();
    await page.setViewport(options.viewport);
    return new FirefoxEngine(browser, page, await browser.version(), removeProfile);
  } catch (error) {
    await closeBrowser(browser);
    removeProfile();
    throw error;
  }
}

async function closeBrowser(browser: Browser): Promise<void> {
  const child = browser.process();
  try {
    await withTimeout(browser.close(), 15_000, 'Firefox did not close within 15 s');
  } catch {
    child?.kill('SIGKILL');
  }
}

class FirefoxEngine implements Engine {
  readonly name = 'firefox';
  constructor(
    private readonly browser: Browser,
    private readonly page: Page,
    readonly version: string,
    private readonly removeProfile: () => void,
  ) {}

  async open(url: string): Promise<void> {
    await this.page.goto(url, { waitUntil: 'load', timeout: 60_000 });
  }

  evaluate<T>(source: string, args: unknown[]): Promise<T> {
    return this.page.evaluate(`(${source}).apply(null, ${JSON.stringify(args)})`) as Promise<T>;
  }

  async pointerMove(x: number, y: number): Promise<void> {
    await this.page.mouse.move(x, y);
  }

  async click(x: number, y: number, options: { button: 'left' | 'middle' | 'right'; count: number }): Promise<void> {
    await this.page.mouse.click(x, y, { button: options.button, count: options.count });
  }

  async keyDown(key: string): Promise<void> {
    // Keys of the US layout are pressed; any other character is typed as text (as Playwright does).
    if (key in _keyDefinitions) await this.page.keyboard.down(key as KeyInput);
    else await this.page.keyboard.sendCharacter(key);
  }

  async keyUp(key: string): Promise<void> {
    if (key in _keyDefinitions) await this.page.keyboard.up(key as KeyInput);
  }

  /** A tab brought in front of the page hides it (document.visibilityState 'hidden'). */
  private cover: Page | undefined;

  async setHidden(hidden: boolean): Promise<void> {
    if (hidden && !this.cover) {
      this.cover = await this.browser.newPage();
      await this.cover.bringToFront();
    } else if (!hidden && this.cover) {
      await this.page.bringToFront();
      await this.cover.close();
      this.cover = undefined;
    }
  }

  async close(): Promise<void> {
    await closeBrowser(this.browser);
    this.removeProfile();
  }
}
