/**
 * A coin's 7-day line: the points of an SVG polyline in a 100 × 100 box that the stylesheet
 * stretches to the sparkline's size, so a new series changes one attribute and no layout. The
 * points are positions on screen, not prices shown, so plain numbers serve; the line's colour
 * follows the exact comparison of its last price with its first.
 */
import { parseDecimal } from '../format/decimal.js';
import type { Attributes } from './coin.js';

export function sparkline(series: readonly string[]): Attributes {
  const values = series.map(Number);
  const low = Math.min(...values);
  const range = Math.max(...values) - low;
  const step = 100 / (values.length - 1);
  const cmp = parseDecimal(series.at(-1)!).cmp(series[0]!);
  return {
    // A flat series runs through the middle; otherwise the lowest point at the bottom.
    points: values
      .map((v, i) => `${+(i * step).toFixed(1)},${range ? +(98 - ((v - low) / range) * 96).toFixed(1) : 50}`)
      .join(' '),
    'data-direction': cmp > 0 ? 'up' : cmp < 0 ? 'down' : 'flat',
  };
}
