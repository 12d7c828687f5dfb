import { describe, expect, it } from 'vitest';
import { SOURCES, SOURCE_NAMES } from '../../../../src/feed/sources/index.js';
import { SETTINGS } from '../../../../src/config.js';

describe('the sources table', () => {
  it('names every adapter by its own name, and SOURCE_NAMES lists them in order', () => {
    expect(Object.entries(SOURCES).map(([key, adapter]) => [key, adapter.name])).toEqual(
      ['coingecko', 'binance', 'coinbase', 'kraken', 'json'].map((name) => [name, name]),
    );
    expect(SOURCE_NAMES).toEqual(Object.keys(SOURCES));
  });

  it('is what the source attribute accepts', () => {
    for (const name of SOURCE_NAMES) expect(SETTINGS.source.read(name)).toBe(name);
    expect(SETTINGS.source.read('nope')).toBeUndefined();
  });
});
