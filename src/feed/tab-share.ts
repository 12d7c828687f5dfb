import { REQUEST_TIMEOUT_MS } from './http.js';
import type { Quote } from './quote.js';

/**
 * One poller per browser for each feed key. Tabs of one origin that show the same data share it:
 * the tab holding the Web Lock `price-ticker:<key>` polls and posts each outcome on the
 * BroadcastChannel of the same name; the others apply what they receive as if they had polled.
 * A tab asks for the lock only while it wants data (visible, online, a ticker on screen and not
 * paused), so a hidden tab never polls for the others: it lets go, and a tab that wants data
 * takes over. Closing the leading tab releases the lock the same way.
 *
 * The lock is granted asynchronously, too late for a first request within the first frame. So
 * the tab that polls also claims the feed in localStorage under the same name, which is read
 * synchronously: the time of its next poll. A tab with no data yet polls at once, while it
 * queues for the lock, unless it finds a claim that has not run out. A tab drops its claim when
 * it lets go of the lock; one left by a tab that died merely sends the next tab to the lock.
 */
export type ShareMessage =
  /** Data polled at `t`. */
  | { q: readonly Quote[]; t: number }
  /** A failed poll: message, HTTP status, Retry-After, seconds to the retry, failures in a row. */
  | { e: string; s?: number | undefined; a?: number | undefined; r: number; n: number }
  /** A tab joined (1): the tabs that have data answer with it, the others with a hello back (2). */
  | { h: 1 | 2 };

/** A number, not NaN, at least `min`, below Infinity. */
const isAtLeast = (v: unknown, min: number): v is number => typeof v === 'number' && v >= min && v < Infinity;

/**
 * Another tab's message, checked field by field: any same-origin script can post on the
 * channel, so nothing is taken on trust. Null when it is not a well-formed message, or when
 * its data claims a time after `now`. Waits are checked for type here and clamped by the feed;
 * quotes are validated again like any answer.
 */
export function readShareMessage(data: unknown, now: number): ShareMessage | null {
  const { q, t, e, s, a, r, n, h } = (data ?? {}) as Record<string, unknown>;
  if (Array.isArray(q)) return q.length <= 1000 && isAtLeast(t, 1) && t <= now ? { q, t } : null;
  if (typeof e === 'string') {
    const wellFormed =
      isAtLeast(r, 0) &&
      isAtLeast(n, 0) &&
      (s === undefined || (isAtLeast(s, 100) && s < 600)) &&
      (a === undefined || isAtLeast(a, 0));
    return wellFormed ? { e: e.slice(0, 300), s, a, r, n: Math.min(n, 64) } : null;
  }
  return h === 1 || h === 2 ? { h } : null;
}

export interface TabShare {
  /** True while this tab holds the lock and polls for all. */
  readonly leader: boolean;
  /** Queues for the lock while `on`; otherwise leaves the queue or releases the lock. */
  want(on: boolean): void;
  /** Claims the feed for tabs that open: this tab polls next at `due` (ms since the epoch). Without `due`, drops the claim. */
  claim(due?: number): void;
  /** True while a claim holds: until its poll's request would have timed out. */
  claimed(): boolean;
  /** Sends to the other tabs; data and failures only once another tab has been heard. */
  post(message: ShareMessage): void;
  close(): void;
}

/** Null where BroadcastChannel or Web Locks are missing: then each tab polls for itself. */
export function openShare(key: string, receive: (message: unknown) => void, onLeader: () => void): TabShare | null {
  const locks = globalThis.navigator?.locks;
  if (!locks) return null;
  const name = `price-ticker:${key}`;
  let channel: BroadcastChannel;
  try {
    channel = new BroadcastChannel(name);
  } catch {
    return null; // missing, or refused (an opaque origin)
  }
  // A tab alone (most pages) posts no data nobody reads: each post copies every quote. A tab
  // that opens says hello, and tabs that hear it say hello back, so each hears of the other.
  let heard = false;
  channel.onmessage = (event: MessageEvent) => {
    heard = true;
    receive(event.data);
  };
  let held: AbortController | null = null;
  const share = {
    leader: false,
    // `localStorage[name]` is the item `name`. Storage may hold anything (any script of the
    // origin can write it): a malformed claim reads as none, so at worst a tab polls once more.
    // Where storage is refused (a sandboxed frame, say) every claim reads as holding: tabs wait
    // for the lock, as they would without claims.
    claim(due?: number) {
      try {
        if (due) localStorage[name] = due;
        else delete localStorage[name];
      } catch {
        // refused: see above
      }
    },
    claimed() {
      try {
        return Date.now() < +localStorage[name] + REQUEST_TIMEOUT_MS;
      } catch {
        return true;
      }
    },
    want(on: boolean) {
      if (on && !held) {
        const { signal } = (held = new AbortController());
        // The same signal leaves the queue (before the grant) or ends the hold (after it).
        locks
          .request(name, { signal }, () => {
            if (signal.aborted) return;
            share.leader = true;
            onLeader();
            return new Promise((resolve) => signal.addEventListener('abort', resolve));
          })
          // Refused (a sandboxed frame, say) rather than left: this tab polls for itself.
          .catch(() => signal.aborted || ((share.leader = true), onLeader()));
      } else if (!on && held) {
        held.abort();
        held = null;
        // A tab that lets go no longer polls: the next to open should not wait for it.
        if (share.leader) share.claim();
        share.leader = false;
      }
    },
    post(message: ShareMessage) {
      if (heard || 'h' in message) channel.postMessage(message);
    },
    close() {
      share.want(false);
      channel.close();
    },
  };
  share.post({ h: 1 });
  return share;
}
