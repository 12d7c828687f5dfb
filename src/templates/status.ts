/** The words of `part="status"`: empty while all is well. */
import type { FeedStatus } from '../feed/feed.js';
import { relativeUpdated, type Messages } from '../i18n/messages.js';

export interface StatusView {
  status: FeedStatus;
  lastUpdated: Date | null;
  /** The last poll failed (while older data is still shown). */
  failing: boolean;
  locale: string;
  words: Messages;
}

/**
 * "Prices unavailable" with no data at all; while the data is delayed or the last poll failed,
 * that and how long ago the data arrived; otherwise nothing.
 */
export function statusText({ status, lastUpdated, failing, locale, words }: StatusView): string {
  if (status === 'error') return words.unavailable;
  if (!lastUpdated || (status === 'live' && !failing)) return '';
  return `${status === 'stale' ? words.delayed : words.failed} · ${relativeUpdated(locale, lastUpdated)}`;
}
