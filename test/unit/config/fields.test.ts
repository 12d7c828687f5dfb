/** The `fields` setting: which parts a coin shows, always in one order. */
import { describe, expect, it } from 'vitest';
import { SETTINGS } from '../../../src/config.js';

const read = (value: unknown) => SETTINGS.fields.read(value);

describe('fields', () => {
  it('defaults to logo name symbol price change: market data and the series only when asked', () => {
    expect(SETTINGS.fields.default).toEqual(['logo', 'name', 'symbol', 'price', 'change']);
  });

  it('takes market-cap, volume and sparkline, in any case and order, shown in the fixed order', () => {
    expect(read('sparkline volume market-cap price')).toEqual(['price', 'market-cap', 'volume', 'sparkline']);
    expect(read('MARKET-CAP, Volume')).toEqual(['market-cap', 'volume']);
    expect(read(['sparkline', 'name'])).toEqual(['name', 'sparkline']);
    expect(read('logo name symbol price change market-cap volume sparkline')).toEqual([
      'logo',
      'name',
      'symbol',
      'price',
      'change',
      'market-cap',
      'volume',
      'sparkline',
    ]);
  });

  it.each(['marketcap', 'market_cap', 'market cap', 'volumes', '-', 'price -volume', 'spark-line', '', '   '])(
    '%j is not a list of fields',
    (value) => {
      expect(read(value)).toBeUndefined();
    },
  );
});
