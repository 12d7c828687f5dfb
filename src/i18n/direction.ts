import { keepLast } from '../format/intl-cache.js';

/** Languages written right to left, for browsers without `Intl.Locale#getTextInfo`. */
const RTL_LANGUAGES = /^(ar|arc|ckb|dv|fa|he|iw|ks|ku-arab|pa-arab|ps|sd|syr|ug|ur|yi)(-|$)/i;

type LocaleWithTextInfo = Intl.Locale & {
  getTextInfo?: () => { direction?: string };
  textInfo?: { direction?: string };
};

/**
 * The writing direction of a locale's numbers and words. A price is laid out in the direction
 * of the locale that formatted it, not the page's: `+0.73%` in English stays `+0.73%` on an
 * Arabic page, and Arabic's own marks are written for a right-to-left run.
 */
export const localeDirection = keepLast(directionOf); // asked once per coin on every render

function directionOf(locale: string): 'ltr' | 'rtl' {
  try {
    const l = new Intl.Locale(locale) as LocaleWithTextInfo;
    const direction = l.getTextInfo?.().direction ?? l.textInfo?.direction;
    if (direction === 'rtl' || direction === 'ltr') return direction;
  } catch {
    // fall through to the list
  }
  return RTL_LANGUAGES.test(locale) ? 'rtl' : 'ltr';
}
