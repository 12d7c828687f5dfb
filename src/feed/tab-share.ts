import type { Quote } from './quote.js';

/**
 * One poller per browser for each feed key. Tabs of one origin that show the same data share it:
 * the tab holding the Web Lock `price-ticker:<key>` polls and posts each outcome on the
 * BroadcastChannel of the same name; the others apply what they receive as if they had polled.
 * A tab asks for the lock only while it wants data (visible, online, a ticker on screen and not
 * paused), so a hidden tab never polls for the others: it lets go, and a tab that wants data
 * takes over. Closing the leading tab releases the lock the same way.
 */
export type ShareMessage =
  /** Data polled at `t`. */
  | { q: readonly Quote[]; t: number }
  /** A failed poll: message, HTTP status, Retry-After, seconds to the retry, failures in a row. */
  | { e: string; s?: number | undefined; a?: number | undefined; r: number; n: number }
  /** A tab joined: the leader answers with its data. */
  | { h: 1 };

/** Longest error message taken from another tab. */
const MAX_MESSAGE = 300;
/** Most quotes one message may carry (they are validated again like any answer). */
const MAX_SHARED_QUOTES = 1000;

const isTime = (t: unknown): t is number => typeof t === 'number' && Number.isFinite(t);
const optional = (v: unknown, ok: (v: unknown) => boolean) => (v === undefined || ok(v) ? { ok: true, v: v as number | undefined } : { ok: false });

/**
 * Another tab's message, checked field by field: any same-origin script can post on the
 * channel, so nothing is taken on trust. Null when it is not a well-formed message, or when
 * its data claims a time after `now`. Waits are checked for type here and clamped by the feed.
 */
export function readShareMessage(data: unknown, now: number): ShareMessage | null {
  if (typeof data !== 'object' || data === null) return null;
  const m = data as Record<string, unknown>;
  if ('q' in m) {
    const { q, t } = m;
    return Array.isArray(q) && q.length <= MAX_SHARED_QUOTES && isTime(t) && t > 0 && t <= now ? { q, t } : null;
  }
  if ('e' in m) {
    const status = optional(m.s, (s) => Number.isInteger(s) && (s as number) >= 100 && (s as number) <= 599);
    const after = optional(m.a, (a) => isTime(a) && a >= 0);
    const { e, r, n } = m;
    if (typeof e !== 'string' || !status.ok || !after.ok || !isTime(r) || r < 0 || !Number.isInteger(n) || (n as number) < 0) return null;
    return { e: e.slice(0, MAX_MESSAGE), s: status.v, a: after.v, r, n: Math.min(n as number, 64) };
  }
  return m.h === 1 ? { h: 1 } : null;
}

export interface TabShare {
  /** True while this tab holds the lock and polls for all. */
  readonly leader: boolean;
  /** Queues for the lock while `on`; otherwise leaves the queue or releases the lock. */
  want(on: boolean): void;
  post(message: ShareMessage): void;
  close(): void;
}

/** Null where BroadcastChannel or Web Locks are missing: then each tab polls for itself. */
export function openShare(key: string, receive: (message: unknown) => void, onLeader: () => void): TabShare | null {
  const locks = globalThis.navigator?.locks;
  const name = `price-ticker:${key}`;
  let channel: BroadcastChannel;
  try {
    channel = new BroadcastChannel(name);
  } catch {
    return null; // missing, or refused (an opaque origin)
  }
  if (!locks) return channel.close(), null;
  channel.onmessage = (event: MessageEvent) => receive(event.data);
  let held: AbortController | null = null;
  const share = {
    leader: false,
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
        share.leader = false;
      }
    },
    post: (message: ShareMessage) => channel.postMessage(message),
    close() {
      share.want(false);
      channel.close();
    },
  };
  share.post({ h: 1 });
  return share;
}
