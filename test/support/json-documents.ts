/**
 * Shared by the exact-JSON tests in Node and in Chromium: what parseExactJson did with a text, and
 * random documents, valid and not, to try it on.
 */
import fc from 'fast-check';
import { JsonDepthError, MAX_JSON_DEPTH, parseExactJson } from '../../src/feed/exact-json.js';

export type Outcome = { value: unknown } | { error: 'depth' | 'syntax' };

/** How parseExactJson ended: the value, or the kind of error. Anything but a SyntaxError is rethrown. */
export function outcome(text: string): Outcome {
  try {
    return { value: parseExactJson(text) };
  } catch (error) {
    if (error instanceof JsonDepthError) return { error: 'depth' };
    if (error instanceof SyntaxError) return { error: 'syntax' };
    throw error;
  }
}

export const nest = (depth: number, open: string, inner: string, close: string) =>
  open.repeat(depth) + inner + close.repeat(depth);

// Random documents, valid and not: JSON, JSON with a few characters inserted, deleted or replaced,
// nesting 0–60 deep (some unclosed), and objects with number-shaped keys.
const noise = fc.constantFrom(...'{}[],:"0-1e.\\ \n\t');
const mutate = (text: fc.Arbitrary<string>) =>
  fc.tuple(text, fc.array(fc.tuple(fc.nat(), fc.nat(2), noise), { minLength: 1, maxLength: 4 })).map(([doc, edits]) =>
    edits.reduce((t, [at, op, ch]) => {
      const i = at % (t.length + 1);
      return t.slice(0, i) + (op === 1 ? '' : ch) + t.slice(op === 0 ? i : i + 1);
    }, doc),
  );
const nested = fc
  .integer({ min: 0, max: 60 })
  .chain((depth) =>
    fc.tuple(
      fc.array(fc.constantFrom('[', '{"a":', '{"1":', '[1,'), { minLength: depth, maxLength: depth }),
      fc.json(),
      fc.boolean(),
    ),
  )
  .map(
    ([opens, inner, closed]) =>
      opens.join('') +
      inner +
      (closed
        ? opens
            .map((o) => (o[0] === '[' ? ']' : '}'))
            .reverse()
            .join('')
        : ''),
  );
const numberText = fc.oneof(
  fc.integer().map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => JSON.stringify(x)),
  fc.constantFrom('-1', '0', '1e5', '0.5', '-0'),
);
const keyed = fc
  .array(
    fc.tuple(
      fc.oneof(
        fc.string().map((k) => JSON.stringify(k)),
        numberText,
      ),
      fc.json(),
    ),
    { maxLength: 4 },
  )
  .map((entries) => `{${entries.map(([k, v]) => `${k}:${v}`).join(',')}}`)
  .chain((object) => fc.constantFrom(object, `[${object}]`, `{"a":${object}}`));
export const documents = fc.oneof(fc.json(), mutate(fc.json()), nested, mutate(nested), keyed, mutate(keyed));

/**
 * What the brackets alone say, written apart from the scanner (strings dropped by a regex): 'depth' if
 * a level past MAX_JSON_DEPTH opens before any bracket closes none or the other kind, 'syntax' if
 * that comes first, undefined if neither happens.
 */
export function bracketVerdict(text: string): 'depth' | 'syntax' | undefined {
  const open: string[] = [];
  for (const c of text.replace(/"(?:[^"\\]|\\[^])*"?/g, '')) {
    if (c === '[' || c === '{') {
      if (open.push(c) > MAX_JSON_DEPTH) return 'depth';
    } else if ((c === ']' || c === '}') && open.pop() !== (c === ']' ? '[' : '{')) return 'syntax';
  }
  return undefined;
}

/** How deeply arrays and objects nest in a parsed value. */
export const depthOf = (value: unknown): number =>
  value !== null && typeof value === 'object' ? 1 + Math.max(0, ...Object.values(value).map(depthOf)) : 0;
