/**
 * `commands.emulateMedia(features)`: sets media features (prefers-reduced-motion,
 * prefers-color-scheme, forced-colors, prefers-contrast) for the test page in any provider, and
 * resets those not given. Resolves true when the page now has exactly these features, false
 * when the engine cannot set them at runtime:
 * - playwright: page.emulateMedia (CDP Emulation.setEmulatedMedia in Chromium): always true;
 * - engines (Firefox, WebKit): media is fixed at launch (the provider's `media` option), so it
 *   is true only when the features asked for are the ones the browser was launched with.
 * A test that gets false should skip what it meant to check in that engine, saying why.
 */
import type {} from '@vitest/browser-playwright';
import type { BrowserCommand, BrowserCommandContext } from 'vitest/node';
import type { LaunchMedia } from './engine.js';

export interface MediaFeature {
  name: string;
  value: string;
}

declare module 'vitest/browser' {
  interface BrowserCommands {
    /** Emulates these media features (the others reset); false when the engine cannot. */
    emulateMedia: (features: MediaFeature[]) => Promise<boolean>;
  }
}

/** Feature name -> Playwright's emulateMedia option. */
const PLAYWRIGHT_OPTION = {
  'prefers-reduced-motion': 'reducedMotion',
  'prefers-color-scheme': 'colorScheme',
  'forced-colors': 'forcedColors',
  'prefers-contrast': 'contrast',
} as const;

type FeatureName = keyof typeof PLAYWRIGHT_OPTION;

function isFeature(name: string): name is FeatureName {
  return Object.hasOwn(PLAYWRIGHT_OPTION, name);
}

export const emulateMedia: BrowserCommand<[features: MediaFeature[]]> = async (
  context: BrowserCommandContext,
  features,
) => {
  const wanted = new Map<FeatureName, string>();
  for (const { name, value } of features) {
    if (!isFeature(name))
      throw new Error(
        `emulateMedia: unsupported media feature "${name}" (${Object.keys(PLAYWRIGHT_OPTION).join(', ')})`,
      );
    wanted.set(name, value);
  }
  const provider = context.provider;
  if (provider.name === 'playwright' && 'page' in context) {
    const options: Record<string, string | null> = {};
    for (const [name, option] of Object.entries(PLAYWRIGHT_OPTION))
      options[option] = wanted.get(name as FeatureName) ?? null;
    await context.page.emulateMedia(options);
    return true;
  }
  if (provider.name === 'engines') {
    const launched = (provider as unknown as { launchMedia: LaunchMedia }).launchMedia as Partial<
      Record<FeatureName, string>
    >;
    return (Object.keys(PLAYWRIGHT_OPTION) as FeatureName[]).every((name) => wanted.get(name) === launched[name]);
  }
  return false;
};
