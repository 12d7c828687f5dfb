/**
 * A Vitest browser provider, "engines", that runs the browser tests in Firefox (firefox-esr via
 * puppeteer-core over WebDriver BiDi) and WebKit (WebKitGTK's MiniBrowser via WebKitWebDriver on
 * Xvfb). One browser, one page, one test file at a time (supportsParallelism: false); the page
 * is the Vitest orchestrator, and the test files run in its iframe as with Playwright.
 *
 *   provider: engines({ media: { 'prefers-reduced-motion': 'reduce' } }),
 *   instances: [{ browser: 'firefox' }],   // or 'webkit'
 *
 * `media` is applied at launch: neither engine can change media features at runtime here (see
 * test/engines/media.ts for the emulateMedia command that reports this).
 */
import { defineBrowserProvider } from '@vitest/browser';
import { fileURLToPath } from 'node:url';
import type { BrowserProvider, TestProject } from 'vitest/node';
import { engineCommands, type EngineHolder } from './commands.js';
import type { Engine, LaunchMedia, Viewport } from './engine.js';
import { launchFirefox } from './firefox.js';
import { launchWebKit, MINIBROWSER } from './webkit.js';

export interface EnginesOptions {
  /** Default: FIREFOX_PATH or /usr/bin/firefox-esr. */
  firefoxPath?: string;
  /** Default: WebKitWebDriver (on PATH). */
  webkitDriverPath?: string;
  /** Default: WebKitGTK 4.1's MiniBrowser as Debian installs it. */
  miniBrowserPath?: string;
  /** Default: Xvfb (on PATH). */
  xvfbPath?: string;
  /** The page's viewport; at least 414x896 so that Vitest does not scale the test iframe. */
  viewport?: Viewport;
  /** Media features set at launch (default: the engine's own, no reduced motion, light). */
  media?: LaunchMedia;
}

export const ENGINE_BROWSERS = ['firefox', 'webkit'] as const;
const DEFAULT_VIEWPORT: Viewport = { width: 1280, height: 1000 };

export class EnginesProvider implements BrowserProvider, EngineHolder {
  readonly name = 'engines';
  readonly supportsParallelism = false;
  readonly initScripts = [fileURLToPath(new URL('./locators.ts', import.meta.url))];
  readonly engineName: 'firefox' | 'webkit';
  readonly launchMedia: LaunchMedia;
  private engine: Engine | undefined;
  private starting: Promise<Engine> | undefined;
  private closing = false;

  constructor(
    project: TestProject,
    private readonly options: EnginesOptions,
  ) {
    const name = project.config.browser.name;
    if (name !== 'firefox' && name !== 'webkit')
      throw new Error(`the engines provider runs firefox or webkit, not ${name}`);
    this.engineName = name;
    this.launchMedia = options.media ?? {};
    for (const [command, implementation] of Object.entries(engineCommands))
      project.browser!.registerCommand(command as never, implementation as never);
  }

  currentEngine(): Engine {
    if (!this.engine) throw new Error(`the ${this.engineName} engine is not running`);
    return this.engine;
  }

  private start(): Promise<Engine> {
    if (this.engine) return Promise.resolve(this.engine);
    this.starting ??= (async () => {
      const viewport = this.options.viewport ?? DEFAULT_VIEWPORT;
      const media = this.launchMedia;
      const engine =
        this.engineName === 'firefox'
          ? await launchFirefox({
              executablePath: this.options.firefoxPath ?? process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
              viewport,
              media,
            })
          : await launchWebKit({
              driverPath: this.options.webkitDriverPath ?? 'WebKitWebDriver',
              miniBrowserPath: this.options.miniBrowserPath ?? MINIBROWSER,
              xvfbPath: this.options.xvfbPath ?? 'Xvfb',
              viewport,
              media,
            });
      if (this.closing) {
        await engine.close();
        throw new Error('[vitest] The provider was closed.');
      }
      this.engine = engine;
      return engine;
    })().finally(() => {
      this.starting = undefined;
    });
    return this.starting;
  }

  getCommandsContext(): Record<string, unknown> {
    return {};
  }

  async openPage(_sessionId: string, url: string): Promise<void> {
    if (this.closing) throw new Error('[vitest] The provider was closed.');
    const engine = await this.start();
    await engine.open(url);
  }

  async close(): Promise<void> {
    this.closing = true;
    const engine = this.engine ?? (await this.starting?.catch(() => undefined));
    this.engine = undefined;
    await engine?.close();
  }
}

export function engines(options: EnginesOptions = {}) {
  return defineBrowserProvider<EnginesOptions>({
    name: 'engines',
    supportedBrowser: ENGINE_BROWSERS,
    options,
    providerFactory: (project) => new EnginesProvider(project, options),
  });
}
