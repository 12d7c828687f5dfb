/** The words of `part="status"`: empty while all is well. */
import type { FeedStatus } from '../feed/feed.js';
import { relativeUpdated, type Messages } from '../i18n/messages.js';

/**
 * "Prices unavailable" with no data at all; while the data is delayed or the last poll failed
 * (`failure`, while older data is still shown), that and how long ago the data arrived;
 * otherwise nothing.
 */
export function statusText(
  status: FeedStatus,
  lastUpdated: Date | null,
  failure: Error | null | undefined,
  { locale, words }: { locale: string; words: Messages },
): string {
  if (status === 'error') return words.unavailable;
  if (!lastUpdated || (status === 'live' && !failure)) return '';
  return `${status === 'stale' ? words.delayed : words.failed} · ${relativeUpdated(locale, lastUpdated)}`;
}
