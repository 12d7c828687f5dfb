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

/** True when the status line says how long ago the data arrived (so it must be kept true). */
export function showsAge({ status, lastUpdated, failing }: StatusView): boolean {
  return status !== 'error' && lastUpdated !== null && (status !== 'live' || failing);
}

export function statusText(view: StatusView): string {
  const { status, lastUpdated, words } = view;
  if (status === 'error') return words.unavailable;
  if (!showsAge(view)) return '';
  return `${status === 'stale' ? words.delayed : words.failed} · ${relativeUpdated(view.locale, lastUpdated!)}`;
}
