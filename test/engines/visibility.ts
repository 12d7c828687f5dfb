/**
 * `commands.hidePage(hidden)`: really hides the test page, or shows it again, where the driver
 * can: Firefox brings another tab to the front, WebKit minimizes the window. Resolves false where
 * it cannot (Chromium through Playwright here: a headless page stays visible), and the test then
 * says so and skips.
 */
import type { BrowserCommand, BrowserCommandContext } from 'vitest/node';
import type { EngineHolder } from './commands.js';

declare module 'vitest/browser' {
  interface BrowserCommands {
    /** Hides (true) or shows (false) the page for real; false when the engine cannot. */
    hidePage: (hidden: boolean) => Promise<boolean>;
  }
}

export const hidePage: BrowserCommand<[hidden: boolean]> = async (context: BrowserCommandContext, hidden) => {
  if (context.provider.name !== 'engines') return false;
  await (context.provider as unknown as EngineHolder).currentEngine().setHidden(hidden);
  return true;
};
