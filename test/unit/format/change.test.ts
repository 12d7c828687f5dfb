import { describe, it, expect } from 'vitest';
import { changeDirection, formatChange } from '../../../src/format/index.js';

const NBSP = '\u00a0';

describe('formatChange: the contract examples, verbatim', () => {
  it.each([
    ['0.73', '+0.73%'],
    ['-2.574', '-2.57%'],
    ['-0.004', '0.00%'],
  ])('%s → %s', (value, expected) => {
    expect(formatChange(value)).toBe(expected);
  });

  it('the direction follows the rounded value: -0.004 is flat', () => {
    expect(changeDirection('-0.004')).toBe('flat');
    expect(changeDirection('0.73')).toBe('up');
    expect(changeDirection('-2.574')).toBe('down');
  });

  it.each(['0x10', 'NaN', 'Infinity', '', ' ', ' 1', '+-1', '.', 'e5', '1%', '--1'])(
    'throws a RangeError for %j',
    (value) => {
      expect(() => formatChange(value)).toThrow(RangeError);
      expect(() => changeDirection(value)).toThrow(RangeError);
    },
  );
});

describe('formatChange: more cases', () => {
  it.each<[string, string | undefined, string]>([
    ['0', undefined, '0.00%'],
    ['-0', undefined, '0.00%'],
    ['0.000', undefined, '0.00%'],
    ['0.004', undefined, '0.00%'],
    ['0.0049999999', undefined, '0.00%'],
    ['0.005', undefined, '+0.01%'],
    ['-0.005', undefined, '-0.01%'],
    ['-0.0049999', undefined, '0.00%'],
    ['1.005', undefined, '+1.01%'], // a float would say 1.00
    ['-1.005', undefined, '-1.01%'],
    ['2.675', undefined, '+2.68%'], // a float would say 2.67
    ['99.995', undefined, '+100.00%'],
    ['-99.995', undefined, '-100.00%'],
    ['100', undefined, '+100.00%'],
    ['1234.565', undefined, '+1,234.57%'],
    ['-1234.565', undefined, '-1,234.57%'],
    ['1e-7', undefined, '0.00%'],
    ['-1e-7', undefined, '0.00%'],
    ['1E2', undefined, '+100.00%'],
    ['5.', undefined, '+5.00%'],
    ['.5', undefined, '+0.50%'],
    ['-.5', undefined, '-0.50%'],
    ['+3', undefined, '+3.00%'],
    ['12345678901234567890.125', undefined, '+12,345,678,901,234,567,890.13%'],
    ['1e-5000', undefined, '0.00%'],
    ['0.73', 'de-DE', `+0,73${NBSP}%`],
    ['-2.574', 'de-DE', `-2,57${NBSP}%`],
    ['-0.004', 'de-DE', `0,00${NBSP}%`],
    ['1234.565', 'de-DE', `+1.234,57${NBSP}%`],
    ['0.73', 'not a locale!!', '+0.73%'],
    ['0.73', '', '+0.73%'],
  ])('%s (%s) → %s', (value, locale, expected) => {
    expect(formatChange(value, locale === undefined ? undefined : { locale })).toBe(expected);
  });

  it('the percent sign and sign are placed as Intl writes them for the locale', () => {
    for (const locale of ['fr-FR', 'tr-TR', 'ar-EG', 'he-IL', 'ja-JP']) {
      const expected = new Intl.NumberFormat(locale, {
        style: 'unit',
        unit: 'percent',
        signDisplay: 'exceptZero',
        minimumFractionDigits: 2,
        maximumFractionDigits: 2,
      }).format('-2.57' as `${number}`);
      expect(formatChange('-2.574', { locale })).toBe(expected);
    }
  });

  it.each<[string, 'up' | 'down' | 'flat']>([
    ['0', 'flat'],
    ['-0', 'flat'],
    ['0.004', 'flat'],
    ['-0.0049', 'flat'],
    ['0.005', 'up'],
    ['-0.005', 'down'],
    ['1e-7', 'flat'],
    ['12', 'up'],
    ['-12', 'down'],
  ])('changeDirection(%s) → %s', (value, direction) => {
    expect(changeDirection(value)).toBe(direction);
  });

  it('throws a RangeError past 1e300 (Intl would print ∞)', () => {
    expect(() => formatChange('1e300')).toThrow(RangeError);
    expect(formatChange('9'.repeat(300))).toMatch(/^\+(999,){99}999\.00%$/);
  });
});
