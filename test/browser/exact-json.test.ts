import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import markets2024 from '../fixtures/coingecko-markets-2024.json?raw';
import { hasSourceTextAccess, JsonDepthError, parseExactJson } from '../../src/feed/exact-json.js';

describe('exact JSON in Chromium', () => {
  it('uses the native JSON.parse source text access here', () => {
    expect(hasSourceTextAccess).toBe(true);
  });

  it('native and fallback give identical results on long-digit bodies', () => {
    const bodies = [
      markets2024,
      '[{"id":"tiny","current_price":0.000008123456789012345678,"x":-1.0e-30,"y":12345678901234567890123}]',
      '{"__proto__":{"a":1},"n":[0,-0,1E+2,"3.10"]}',
    ];
    for (const body of bodies) expect(parseExactJson(body, true)).toEqual(parseExactJson(body, false));
    expect((parseExactJson(bodies[1]!, true) as Array<Record<string, string>>)[0]!.current_price).toBe('0.000008123456789012345678');
  });

  it('native and fallback agree on random JSON', () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        expect(parseExactJson(text, true)).toEqual(parseExactJson(text, false));
      }),
      { numRuns: 300 },
    );
  });
});

/** How parsing ended: the value, or the kind of error. Anything but a SyntaxError is rethrown. */
function outcome(text: string, native: boolean): { value: unknown } | { error: 'depth' | 'syntax' } {
  try {
    return { value: parseExactJson(text, native) };
  } catch (error) {
    if (error instanceof JsonDepthError) return { error: 'depth' };
    if (error instanceof SyntaxError) return { error: 'syntax' };
    throw error;
  }
}

const nest = (depth: number, open: string, inner: string, close: string) => open.repeat(depth) + inner + close.repeat(depth);

// Random documents, valid and not: JSON, JSON with a few characters inserted, deleted or replaced,
// nesting 0–60 deep (some unclosed), and objects with number-shaped keys. The unit test has the same.
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
  .chain((depth) => fc.tuple(fc.array(fc.constantFrom('[', '{"a":', '{"1":', '[1,'), { minLength: depth, maxLength: depth }), fc.json(), fc.boolean()))
  .map(([opens, inner, closed]) => opens.join('') + inner + (closed ? opens.map((o) => (o[0] === '[' ? ']' : '}')).reverse().join('') : ''));
const numberText = fc.oneof(fc.integer().map(String), fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => JSON.stringify(x)), fc.constantFrom('-1', '0', '1e5', '0.5', '-0'));
const keyed = fc
  .array(fc.tuple(fc.oneof(fc.string().map((k) => JSON.stringify(k)), numberText), fc.json()), { maxLength: 4 })
  .map((entries) => `{${entries.map(([k, v]) => `${k}:${v}`).join(',')}}`)
  .chain((object) => fc.constantFrom(object, `[${object}]`, `{"a":${object}}`));
const documents = fc.oneof(fc.json(), mutate(fc.json()), nested, mutate(nested), keyed, mutate(keyed));

describe('native and fallback accept and reject the same documents', () => {
  it('on random valid and invalid documents: the same value, or the same kind of error', () => {
    const kinds = { value: 0, syntax: 0, depth: 0 };
    fc.assert(
      fc.property(documents, (text) => {
        const native = outcome(text, true);
        expect(native).toEqual(outcome(text, false));
        kinds['error' in native ? native.error : 'value']++;
      }),
      { numRuns: 3000, seed: 20240611 },
    );
    // Each kind is well represented, so the property tests more than "both accept".
    expect(kinds.value).toBeGreaterThan(600);
    expect(kinds.syntax).toBeGreaterThan(600);
    expect(kinds.depth).toBeGreaterThan(150);
  });

  it('5,000 levels deep: a JsonDepthError on the native path, not a stack overflow', () => {
    for (const text of [nest(5000, '[', '1', ']'), nest(5000, '{"a":', '1', '}'), '['.repeat(5000)]) {
      for (const native of [true, false]) {
        let thrown: unknown;
        try {
          parseExactJson(text, native);
        } catch (error) {
          thrown = error;
        }
        expect(thrown).toBeInstanceOf(JsonDepthError);
        expect(thrown).toMatchObject({ name: 'JsonDepthError', message: 'nested too deep (more than 32 levels)' });
      }
    }
  });

  it('32 levels deep: read the same on both paths', () => {
    const text = nest(16, '{"a":[', '0.10', ']}');
    expect(parseExactJson(text, true)).toEqual(JSON.parse(nest(16, '{"a":[', '"0.10"', ']}')));
    expect(parseExactJson(text, false)).toEqual(parseExactJson(text, true));
  });

  it.each(['{1:2}', '{"a":1,2:3}', '{-1:0}', '[{"a":{"b":1,2.5e3:0}}]'])('%j is rejected by both paths as malformed', (text) => {
    expect(outcome(text, true)).toEqual({ error: 'syntax' });
    expect(outcome(text, false)).toEqual({ error: 'syntax' });
  });

  it.each(['[]]', ']]]]', '{]', '[}', `]${'['.repeat(40)}`])('unbalanced %j is rejected by both paths as malformed', (text) => {
    expect(outcome(text, true)).toEqual({ error: 'syntax' });
    expect(outcome(text, false)).toEqual({ error: 'syntax' });
  });
});

describe('the decimal.js under test in Chromium', () => {
  it('is the slimmed one that ships', async () => {
    const { ExactDecimal } = await import('../../src/format/decimal.js');
    expect((new ExactDecimal('2') as unknown as Record<string, unknown>).sqrt).toBeUndefined();
  });
});
