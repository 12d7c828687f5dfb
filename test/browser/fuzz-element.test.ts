/**
 * Fuzzing the real element in Chromium: hundreds of hostile answers (test/support/mutate.ts, built
 * from the real CoinGecko fixture) served by msw to one mounted <price-ticker>, each followed by a
 * good answer with new prices. After each hostile answer: nothing uncaught, no NaN/undefined/
 * Infinity/empty text on screen, the screen true to `quotes`, the last good prices kept when the
 * poll failed, `status` (and its custom state and status line) true to what happened; after each
 * good answer: exactly the new prices on screen and `status` live.
 *
 * Seeded: the seed (vitest.config.ts, `FUZZ_SEED=<n> npm test` for another) is printed in the
 * summary and in every failure. To replay one case alone, set ONLY_CASE below (each case draws
 * from its own stream, caseRng(seed, index)).
 */
import { http } from 'msw';
import { afterAll, beforeAll, describe, expect, inject, it, vi, type MockInstance } from 'vitest';
import seedCoins from '../../demo/data/seed-coins.json';
import markets2024 from '../fixtures/coingecko-markets-2024.json?raw';
import type { PriceTickerElement } from '../../src/element.js';
import type { Quote } from '../../src/feed/quote.js';
import { changeDirection, formatChange, formatPrice } from '../../src/format/index.js';
import {
  caseRng,
  coingeckoMarketsBody,
  HOSTILE_VALUES,
  MUTATION_KINDS,
  mutateBody,
  Obj,
  parseTree,
  Raw,
  stringifyTree,
  type Mutation,
  type MutationKind,
} from '../support/mutate.js';
import { items, mount, part, startWorker, testEndpoint, waitFor, worker } from './support.js';

declare module 'vitest' {
  export interface ProvidedContext {
    fuzzSeed: number;
  }
}

/** Set to a case index to run that case alone (with the seed it failed under). */
const ONLY_CASE: number | undefined = undefined;
/**
 * First a sweep: every hostile value once as a price and once as a change (2 × HOSTILE_VALUES), so the
 * numbers that matter most are all tried in every run; then 20 random cases of each kind (560).
 */
const SWEEP = HOSTILE_VALUES.length * 2;
const CASES = SWEEP + MUTATION_KINDS.length * 20;

/** Case `index`: its kind, and for the sweep the hostile value it uses. */
function caseAt(index: number): { kind: MutationKind; value?: number } {
  if (index < SWEEP)
    return {
      kind: index < HOSTILE_VALUES.length ? 'price-hostile' : 'change-hostile',
      value: index % HOSTILE_VALUES.length,
    };
  return { kind: MUTATION_KINDS[(index - SWEEP) % MUTATION_KINDS.length]! };
}

const LOCALE = 'en-US';
const CURRENCY = 'usd';
/** Coins of the base body: the fixture's bitcoin, then seed coins (two tiny prices, one subscripted). */
const COIN_IDS = ['bitcoin', 'ethereum', 'tether', 'xrp', 'dogecoin', 'shiba-inu', 'pepe'];
const BASE = coingeckoMarketsBody(
  markets2024,
  seedCoins.filter((c) => COIN_IDS.includes(c.id)),
);
const JSON_TYPE = 'application/json; charset=utf-8';
const BAD_WORDS = /NaN|undefined|Infinity|null|Invalid/;
const VISIBLE = /[^\p{Cc}\p{Cf}\p{Z}]/u;

interface Served {
  body: string;
  status: number;
  contentType: string | null;
  headers: Record<string, string>;
}

interface Failure {
  invariant: string;
  index: number;
  kind: MutationKind | 'start';
  phase: 'hostile' | 'good';
  detail: string;
  message: string;
}

type TickerEvent =
  | { type: 'update'; phase: string; quotes: readonly Quote[] }
  | { type: 'error'; phase: string; message: string; status: number | undefined };

/** A good answer whose bitcoin price is new in each round: `7<round>.5`. */
function goodBody(round: number): { body: string; expected: Array<{ id: string; price: string; change: string }> } {
  const tree = parseTree(BASE) as Obj[];
  const bitcoin = tree.find((c) => c.get('id') === 'bitcoin')!;
  bitcoin.set('current_price', new Raw(`7${round}.5`));
  const expected = tree.map((c) => ({
    id: c.get('id') as string,
    price: (c.get('current_price') as Raw).text,
    change: (c.get('price_change_percentage_24h') as Raw).text,
  }));
  return { body: stringifyTree(tree), expected };
}

function respond(served: Served): Response {
  const headers = new Headers(served.headers);
  if (served.contentType !== null) headers.set('Content-Type', served.contentType);
  // Bytes, not a string: a string body would get an implicit text/plain type.
  const body = served.status === 204 ? null : new TextEncoder().encode(served.body);
  return new Response(body, { status: served.status, headers });
}

const short = (value: unknown, max = 80): string => {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  const escaped = JSON.stringify(text.length > max ? `${text.slice(0, max)}…(${text.length} chars)` : text);
  return escaped;
};

/** `RangeError: message (in parsePrice < describePrice < …)`: no URLs, which Vitest would take for stack frames. */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error).slice(0, 200);
  const frames = [...String(error.stack).matchAll(/^\s*at (?:new )?([\w$.<>]+) \(/gm)].map((f) => f[1]).slice(0, 4);
  return `${error.name}: ${error.message.slice(0, 200)}${frames.length ? ` (in ${frames.join(' < ')})` : ''}`;
}

const isJson = (text: string): boolean => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

const sameQuotes = (a: readonly Quote[], b: readonly Quote[]): boolean =>
  a.length === b.length && a.every((q, n) => JSON.stringify(q) === JSON.stringify(b[n]));

describe('fuzzing <price-ticker> with hostile answers', () => {
  let warn: MockInstance<typeof console.warn> | undefined;
  let error: MockInstance<typeof console.error> | undefined;
  let listeners: (() => void) | undefined;
  beforeAll(async () => {
    await startWorker();
  });
  afterAll(() => {
    listeners?.();
    warn?.mockRestore();
    error?.mockRestore();
    document.body.replaceChildren();
    worker.resetHandlers();
    worker.stop();
  });

  it(`keeps a true, clean screen through ${CASES} hostile answers and recovers after each`, async () => {
    const seed = inject('fuzzSeed');
    const started = performance.now();
    const failures: Failure[] = [];
    const uncaught: Array<{ phase: string; message: string }> = [];
    const events: TickerEvent[] = [];
    const served: string[] = [];
    let phase = 'start';
    let current: Served = { body: goodBody(0).body, status: 200, contentType: JSON_TYPE, headers: {} };

    const onError = (e: ErrorEvent) =>
      void uncaught.push({ phase, message: `error: ${describeError(e.error ?? e.message)}` });
    const onRejection = (e: PromiseRejectionEvent) => {
      uncaught.push({ phase, message: `unhandled rejection: ${describeError(e.reason)}` });
      e.preventDefault();
    };
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onRejection);
    listeners = () => {
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onRejection);
      listeners = undefined;
    };
    warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const protoKeys = Object.getOwnPropertyNames(Object.prototype).join();

    const endpoint = testEndpoint();
    worker.use(
      http.get(`${endpoint}/coins/markets`, () => {
        served.push(phase);
        return respond(current);
      }),
    );
    const el: PriceTickerElement = mount({
      source: 'coingecko',
      endpoint,
      coins: COIN_IDS.join(','),
      currency: CURRENCY,
      locale: LOCALE,
      // Long enough never to go stale or poll on its own during the run: refresh() drives it.
      interval: '600',
    });
    el.addEventListener(
      'price-ticker-update',
      (e) => void events.push({ type: 'update', phase, quotes: e.detail.quotes }),
    );
    el.addEventListener(
      'price-ticker-error',
      (e) => void events.push({ type: 'error', phase, message: e.detail.error.message, status: e.detail.status }),
    );

    const stats = new Map<MutationKind, { cases: number; failed: number; partial: number; accepted: number }>(
      MUTATION_KINDS.map((k) => [k, { cases: 0, failed: 0, partial: 0, accepted: 0 }]),
    );

    /** Polls once with what `current` serves under `label`; refresh() may first join an older poll. */
    async function poll(label: string): Promise<boolean> {
      phase = label;
      for (let attempt = 0; attempt < 3; attempt++) {
        await el.refresh();
        if (served.includes(label)) return true;
      }
      return false;
    }

    /** Lets the render and any error it throws happen as on a real page, then reads updateComplete. */
    async function settle(): Promise<unknown> {
      await new Promise((r) => setTimeout(r, 0));
      await new Promise((r) => setTimeout(r, 0));
      try {
        await el.updateComplete;
        return undefined;
      } catch (e) {
        return e ?? new Error('updateComplete rejected');
      }
    }

    /** The invariants that hold after any answer: the screen is true to `quotes`, and clean. */
    function screenProblems(afterFailure: boolean): Array<[string, string]> {
      const out: Array<[string, string]> = [];
      const add = (invariant: string, message: string) => void out.push([invariant, message]);
      const quotes = el.quotes;
      const list = items(el);
      const options = { currency: el.currency, locale: LOCALE, subscriptZeros: el.subscriptZeros };
      if (quotes.length === 0) add('quotes-nonempty', 'el.quotes is empty after there was data');
      const shownIds = list.map((li) => li.dataset.id ?? '(no data-id)');
      // Only the coins asked for, each once.
      const asked = new Set(el.coins.map((c) => c.toLowerCase()));
      const unasked = shownIds.filter((id) => !asked.has(id.toLowerCase()));
      if (unasked.length)
        add(
          'only-asked-coins',
          `${unasked.length} coins shown that were not asked for: ${short(unasked.slice(0, 5).join(','), 120)}`,
        );
      if (new Set(shownIds).size !== shownIds.length)
        add('only-asked-coins', `an id shown twice: ${short(shownIds.join(','), 120)}`);
      const quoteIds = quotes.map((q) => q.id);
      if (shownIds.join('\u0001') !== quoteIds.join('\u0001')) {
        add(
          'screen-matches-quotes',
          `ids on screen ${short(shownIds.join(','), 120)} ≠ ids in quotes ${short(quoteIds.join(','), 120)}`,
        );
      }
      quotes.forEach((q, n) => {
        // Any time a Date can hold, as the source said it (epoch ms or ISO 8601), else the time of receipt.
        if (typeof q.updatedAt !== 'number' || Number.isNaN(new Date(q.updatedAt).getTime())) {
          add('quote-updatedAt-sane', `${short(q.id, 30)}: updatedAt ${q.updatedAt} is not a valid Date`);
        }
        let price: string | undefined;
        let change: string | null | undefined = null;
        try {
          price = formatPrice(q.price, options);
        } catch (e) {
          add(
            'quotes-formattable',
            `${short(q.id, 30)}: formatPrice(${short(q.price, 40)}) throws ${(e as Error).message.slice(0, 100)}`,
          );
        }
        try {
          change = q.change === null ? null : formatChange(q.change, { locale: LOCALE });
        } catch (e) {
          change = undefined;
          add(
            'quotes-formattable',
            `${short(q.id, 30)}: formatChange(${short(q.change, 40)}) throws ${(e as Error).message.slice(0, 100)}`,
          );
        }
        const li = list[n];
        if (!li || li.dataset.id !== q.id) return;
        const text = (name: string) => li.querySelector(`[part~="${name}"]`)?.textContent ?? null;
        if (price !== undefined && text('price') !== price) {
          add(
            'screen-matches-quotes',
            `${short(q.id, 30)}: price shown ${short(text('price'))}, quotes say ${short(q.price, 40)} → ${short(price)} (status says ${el.status})`,
          );
        }
        if (change !== undefined) {
          const changeEl = li.querySelector<HTMLElement>('[part~="change"]');
          if (change === null ? changeEl !== null : changeEl?.textContent !== change) {
            add(
              'screen-matches-quotes',
              `${short(q.id, 30)}: change shown ${short(changeEl?.textContent ?? null)}, quotes say ${short(q.change, 40)} → ${short(change)}`,
            );
          } else if (change !== null && changeEl && q.change !== null) {
            const direction = changeDirection(q.change);
            if (
              changeEl.dataset.direction !== direction ||
              !changeEl.getAttribute('part')!.split(' ').includes(direction)
            ) {
              add(
                'screen-matches-quotes',
                `${short(q.id, 30)}: change direction ${changeEl.dataset.direction}, quotes say ${direction}`,
              );
            }
          }
        }
        if (text('name') !== q.name)
          add(
            'screen-matches-quotes',
            `${short(q.id, 30)}: name shown ${short(text('name'))}, quotes say ${short(q.name)}`,
          );
        if (text('symbol') !== q.symbol.toUpperCase())
          add(
            'screen-matches-quotes',
            `${short(q.id, 30)}: symbol shown ${short(text('symbol'))}, quotes say ${short(q.symbol)}`,
          );
        const title = li.querySelector('[part~="price"]')?.getAttribute('title');
        if (title && BAD_WORDS.test(title)) add('no-bad-text', `${short(q.id, 30)}: price title ${short(title)}`);
        const spoken = li.querySelector('.visually-hidden')?.textContent ?? '';
        const spokenRest = spoken.replace(q.name, '').replace(q.symbol.toUpperCase(), '');
        if (/NaN|undefined|Infinity/.test(spokenRest))
          add('no-bad-text', `${short(q.id, 30)}: spoken phrase ${short(spoken)}`);
      });
      // Every visible text part of the real list: present, visible, and no NaN/undefined/…
      const real = '.track > .list:not([aria-hidden])';
      for (const name of ['price', 'change', 'name', 'symbol']) {
        for (const node of part(el, `${real} [part~="${name}"]`)) {
          const t = node.textContent ?? '';
          const id = node.closest<HTMLElement>('[data-id]')?.dataset.id;
          if (t.trim() === '') add('no-empty-text', `${short(id, 30)}: ${name} is empty (${short(t)})`);
          else if (!VISIBLE.test(t))
            add('no-invisible-text', `${short(id, 30)}: ${name} has no visible character (${short(t)})`);
          if ((name === 'price' || name === 'change') && BAD_WORDS.test(t))
            add('no-bad-text', `${short(id, 30)}: ${name} ${short(t)}`);
        }
      }
      // Loop copies show the same as the real list (the last one its first coins only).
      const signature = (list: Element) =>
        [...list.querySelectorAll<HTMLElement>('[part~="item"]')]
          .map(
            (li) =>
              `${li.dataset.id}|${li.querySelector('[part~="price"]')?.textContent}|${li.querySelector('[part~="change"]')?.textContent}`,
          )
          .join('\n');
      const [first, ...copies] = part(el, '.track > .list');
      for (const copy of copies) {
        if (first && !`${signature(first)}\n`.startsWith(`${signature(copy)}\n`))
          add('loop-copies-match', 'a loop copy differs from the real list');
      }
      // Status, its custom state and its line.
      const status = el.status;
      if (status !== 'live' && status !== 'stale')
        add('status-live-or-stale', `status is ${status} after there was data`);
      for (const s of ['loading', 'live', 'stale', 'error']) {
        if (el.matches(`:state(${s})`) !== (s === status))
          add('custom-state-matches-status', `status ${status}, but :state(${s}) is ${!(s === status)}`);
      }
      const line = part(el, '[part="status"]')[0]?.textContent?.trim() ?? '';
      if (BAD_WORDS.test(line)) add('no-bad-text', `status line ${short(line)}`);
      if (afterFailure && line === '') add('status-line-true', 'the poll failed but the status line is empty');
      if (!afterFailure && status === 'live' && line !== '')
        add('status-line-true', `the poll succeeded but the status line says ${short(line)}`);
      // Nothing hostile ran or leaked.
      if ((window as { __fuzzXss?: unknown }).__fuzzXss !== undefined)
        add('nothing-ran', `window.__fuzzXss = ${String((window as { __fuzzXss?: unknown }).__fuzzXss)}`);
      if (part(el, 'script, iframe, object, embed, [onerror], [onload], a[href^="javascript:" i]').length)
        add('nothing-ran', 'an active element in the shadow root');
      if (
        Object.getOwnPropertyNames(Object.prototype).join() !== protoKeys ||
        ({} as { polluted?: unknown }).polluted !== undefined
      ) {
        add('no-prototype-pollution', 'Object.prototype changed');
      }
      return out;
    }

    // The first good data.
    const first = await poll('start');
    await settle();
    await waitFor(() => items(el).length === COIN_IDS.length, 5000).catch(() => undefined);
    const startProblems = screenProblems(false);
    if (!first || startProblems.length || el.status !== 'live') {
      throw new Error(
        `the ticker did not start cleanly (seed ${seed}): ${JSON.stringify(startProblems)} status ${el.status}`,
      );
    }

    let round = 0;
    let failedPolls = 0;
    /** Answers that held some coins at their last good quote. */
    let partial = 0;
    for (let index = 0; index < CASES; index++) {
      if (ONLY_CASE !== undefined && index !== ONLY_CASE) continue;
      const { kind, value } = caseAt(index);
      const m: Mutation = mutateBody(BASE, caseRng(seed, index), value === undefined ? { kind } : { kind, value });
      const stat = stats.get(kind)!;
      stat.cases++;
      const fail = (phaseName: 'hostile' | 'good', invariant: string, message: string) =>
        void failures.push({ invariant, index, kind, phase: phaseName, detail: m.detail, message });

      // 1. The hostile answer.
      const before = { quotes: el.quotes, lastUpdated: el.lastUpdated?.getTime() };
      const hostileLabel = `hostile ${index}`;
      current = m;
      const uncaughtFrom = uncaught.length;
      const eventsFrom = events.length;
      const polled = await poll(hostileLabel);
      const renderError = await settle();
      if (!polled) fail('hostile', 'refresh-polls', 'refresh() made no request in 3 tries');
      if (renderError)
        fail(
          'hostile',
          'render-does-not-throw',
          `updateComplete rejected: ${describeError(renderError)} (status says ${el.status})`,
        );
      const mine = events.slice(eventsFrom).filter((e) => e.phase === hostileLabel);
      const outcome = mine.at(-1);
      if (polled && !outcome)
        fail('hostile', 'poll-ends-in-an-event', 'neither price-ticker-update nor price-ticker-error after the poll');
      const failed = outcome?.type === 'error';
      if (failed) {
        failedPolls++;
        stat.failed++;
        if (!sameQuotes(el.quotes, before.quotes))
          fail(
            'hostile',
            'failed-poll-keeps-quotes',
            `the poll failed (${short(outcome.message, 120)}) but quotes changed to ${short(el.quotes.map((q) => `${q.id}=${q.price}`).join(','), 120)}`,
          );
        if (el.lastUpdated?.getTime() !== before.lastUpdated)
          fail('hostile', 'failed-poll-keeps-quotes', 'the poll failed but lastUpdated moved');
        // What the error says is true: the source and the URL without its query, the HTTP status
        // the server sent, and no claim of malformed JSON or HTML about a body that is plain JSON.
        const message = outcome.message;
        if (message.length > 1000)
          fail('hostile', 'error-message-true', `the message is ${message.length} characters long`);
        if (
          !message.startsWith(`coingecko: ${endpoint}/coins/markets`) ||
          message.includes('?') ||
          /vs_currency=/.test(message)
        ) {
          fail(
            'hostile',
            'error-message-true',
            `the message does not name the source and URL without its query: ${short(message, 160)}`,
          );
        }
        if (m.status >= 400 && outcome.status !== m.status)
          fail(
            'hostile',
            'error-message-true',
            `HTTP ${m.status} reported as status ${outcome.status}: ${short(message, 160)}`,
          );
        if (m.status === 200 && m.contentType !== null && /json/.test(m.contentType) && isJson(m.body)) {
          if (/malformed JSON|HTML page/.test(message))
            fail(
              'hostile',
              'error-message-true',
              `a body that JSON.parse reads is reported as ${short(message.slice(message.lastIndexOf(': ') + 2), 80)}`,
            );
        }
      } else if (outcome?.type === 'update') {
        // Every coin was asked for by id: one the answer had nothing usable for keeps its last
        // good quote (held, marked stale), so no coin leaves the screen.
        const now = new Map(el.quotes.map((q) => [q.id, q]));
        const gone = before.quotes.filter((q) => !now.has(q.id)).map((q) => q.id);
        if (gone.length)
          fail(
            'hostile',
            'last-good-prices-kept',
            `coins left the screen after a partial answer: ${short(gone.join(','), 120)}`,
          );
        const held = part(el, '.track > .list:not([aria-hidden]) [part~="stale"]').map((li) => li.dataset.id!);
        for (const id of held) {
          const old = before.quotes.find((q) => q.id === id);
          if (!old || now.get(id) !== old)
            fail('hostile', 'last-good-prices-kept', `${short(id, 30)} is marked stale but is not its last good quote`);
        }
        if (held.length) {
          partial++;
          stat.partial++;
        } else stat.accepted++;
        if (!sameQuotes(outcome.quotes, el.quotes))
          fail('hostile', 'update-event-is-quotes', 'the update event carried other quotes than el.quotes');
        if (!((el.lastUpdated?.getTime() ?? -1) >= (before.lastUpdated ?? 0)))
          fail('hostile', 'update-advances-lastUpdated', `lastUpdated ${String(el.lastUpdated)}`);
      }
      for (const [invariant, message] of screenProblems(failed)) fail('hostile', invariant, message);
      for (const u of uncaught.slice(uncaughtFrom)) fail('hostile', 'nothing-uncaught', u.message.slice(0, 300));

      // 2. A good answer with new prices: the element shows exactly them, live.
      round++;
      const good = goodBody(round);
      current = { body: good.body, status: 200, contentType: JSON_TYPE, headers: {} };
      const goodLabel = `good ${index}`;
      const goodUncaughtFrom = uncaught.length;
      const goodEventsFrom = events.length;
      const goodPolled = await poll(goodLabel);
      const goodRenderError = await settle();
      if (!goodPolled) fail('good', 'refresh-polls', 'refresh() made no request in 3 tries');
      if (goodRenderError)
        fail(
          'good',
          'render-does-not-throw',
          `updateComplete rejected: ${describeError(goodRenderError)} (status says ${el.status})`,
        );
      const goodOutcome = events
        .slice(goodEventsFrom)
        .filter((e) => e.phase === goodLabel)
        .at(-1);
      if (goodOutcome?.type !== 'update') {
        fail(
          'good',
          'recovers',
          `no update after the good answer: ${goodOutcome ? short(goodOutcome.type === 'error' ? goodOutcome.message : '', 160) : 'no event'}`,
        );
      }
      const got = el.quotes.map((q) => `${q.id}=${q.price}|${q.change}`).join(',');
      const want = good.expected.map((q) => `${q.id}=${q.price}|${q.change}`).join(',');
      if (got !== want) fail('good', 'recovers', `quotes ${short(got, 160)} ≠ the good answer ${short(want, 160)}`);
      const bitcoinText = items(el)
        .find((li) => li.dataset.id === 'bitcoin')
        ?.querySelector('[part~="price"]')?.textContent;
      const bitcoinWant = formatPrice(`7${round}.5`, { currency: CURRENCY, locale: LOCALE });
      if (bitcoinText !== bitcoinWant)
        fail('good', 'recovers', `bitcoin shows ${short(bitcoinText ?? null)}, the good answer says ${bitcoinWant}`);
      // Read afresh: TypeScript still holds the 'live' that el.status was checked to be at the start.
      const statusNow: string = el.status;
      if (statusNow !== 'live') fail('good', 'recovers', `status ${statusNow} after a good answer`);
      for (const [invariant, message] of screenProblems(false)) fail('good', invariant, message);
      for (const u of uncaught.slice(goodUncaughtFrom)) fail('good', 'nothing-uncaught', u.message.slice(0, 300));
    }

    listeners();
    const warnings = warn.mock.calls.length;
    const errors = error.mock.calls.length;
    warn.mockRestore();
    error.mockRestore();
    warn = error = undefined;

    // The report: counts per kind, then failures grouped by invariant and kind with examples.
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const ran = [...stats.values()].reduce((n, s) => n + s.cases, 0);
    const kindsRun = [...stats.values()].filter((s) => s.cases > 0).length;
    const lines = [
      `fuzz-element: ${ran} cases (${kindsRun} kinds), ${failedPolls} failed polls, ${partial} partial, ${failures.length} invariant failures, seed ${seed} (${seconds} s, ${served.length} requests, ${warnings} console.warn, ${errors} console.error)`,
      `  ${'kind'.padEnd(18)} cases failed partial accepted failures`,
      ...[...stats].map(([kind, s]) => {
        const f = new Set(failures.filter((x) => x.kind === kind).map((x) => x.index)).size;
        return `  ${kind.padEnd(18)} ${String(s.cases).padStart(5)} ${String(s.failed).padStart(6)} ${String(s.partial).padStart(7)} ${String(s.accepted).padStart(8)} ${String(f).padStart(8)}`;
      }),
    ];
    const groups = new Map<string, Failure[]>();
    for (const f of failures) {
      const key = `${f.invariant} [${f.phase}] ← ${f.kind}`;
      groups.set(key, [...(groups.get(key) ?? []), f]);
    }
    if (groups.size)
      lines.push('', `invariant failures (seed ${seed}; replay: FUZZ_SEED=${seed} with ONLY_CASE = <case>):`);
    for (const [key, list] of [...groups].sort((a, b) => b[1].length - a[1].length)) {
      const cases = new Set(list.map((f) => f.index));
      lines.push(`  ${key}: ${list.length} in ${cases.size} cases`);
      const seen = new Set<number>();
      for (const f of list) {
        if (seen.has(f.index) || seen.size >= 3) continue;
        seen.add(f.index);
        lines.push(`    seed ${seed}, case ${f.index}, kind ${f.kind} (${f.detail.slice(0, 120)}): ${f.message}`);
      }
    }
    const report = lines.join('\n').replace(/^(\s*)at /gm, '$1@ ');
    console.log(report);
    expect(failures.length, report).toBe(0);
  }, 300_000);
});
