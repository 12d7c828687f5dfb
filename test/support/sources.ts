/** Shared by the source adapters' tests: the real response bodies and a feed config. */
import { readFileSync } from 'node:fs';
import type { FeedConfig, SourceName } from '../../src/feed/sources/index.js';

/** A fixture's text, exactly as the API sent it (test/fixtures, see PROVENANCE.md). */
export const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');

/** A feed config for `source` with the element's defaults, overridden by `over`. */
export const sourceConfig = (source: SourceName, over: Partial<FeedConfig> = {}): FeedConfig => ({
  source,
  endpoint: null,
  coins: [],
  currency: 'usd',
  limit: 20,
  change: '24h',
  sparkline: false,
  ...over,
});
