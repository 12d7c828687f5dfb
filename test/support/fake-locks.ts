/** What the feed's Node tests of sharing between tabs use for `navigator.locks`. */

/** A Web Locks stand-in: exclusive locks granted in request order; `signal` leaves the queue. */
export function fakeLocks() {
  type Entry = { run: () => void; reject: (e: unknown) => void };
  const queues = new Map<string, Entry[]>();
  const held = new Set<string>();
  const grant = (name: string) => {
    const next = held.has(name) ? undefined : queues.get(name)?.shift();
    if (next) next.run();
  };
  return {
    held,
    queued: (name: string) => queues.get(name)?.length ?? 0,
    request(name: string, options: { signal?: AbortSignal }, callback: () => unknown): Promise<unknown> {
      return new Promise((resolve, reject) => {
        const queue = queues.get(name) ?? [];
        queues.set(name, queue);
        const entry: Entry = {
          reject,
          run: () => {
            held.add(name);
            Promise.resolve()
              .then(callback)
              .then(resolve, reject)
              .finally(() => {
                held.delete(name);
                grant(name);
              });
          },
        };
        options.signal?.addEventListener('abort', () => {
          const i = queue.indexOf(entry);
          if (i >= 0) {
            queue.splice(i, 1);
            reject(new DOMException('aborted', 'AbortError'));
          }
        });
        queue.push(entry);
        grant(name);
      });
    },
  };
}
