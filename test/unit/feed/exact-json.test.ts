import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonDepthError, MAX_JSON_DEPTH, parseExactJson, quoteNumbers } from '../../../src/feed/exact-json.js';
import { bracketVerdict, depthOf, documents, nest, outcome } from '../../support/json-documents.js';
import { fixture } from '../../support/sources.js';
import { spawnSync } from 'node:child_process';

describe('exact JSON parsing', () => {
  it('keeps every digit of long numbers', () => {
    const body = '[{"id":"tiny","current_price":0.000008123456789012345678,"big":123456789012345678901234567890.5}]';
    expect(parseExactJson(body)).toEqual([
      { id: 'tiny', current_price: '0.000008123456789012345678', big: '123456789012345678901234567890.5' },
    ]);
  });

  it('keeps exponents, negatives and trailing zeros exactly as sent', () => {
    expect(parseExactJson('[1e-7, -0.50, 1E+5, 0, -0, 2.500e3]')).toEqual([
      '1e-7',
      '-0.50',
      '1E+5',
      '0',
      '-0',
      '2.500e3',
    ]);
  });

  it('leaves numbers inside strings and escaped quotes alone', () => {
    expect(parseExactJson('{"a":"1.5 \\"2\\" 3","b\\\\":4}')).toEqual({ a: '1.5 "2" 3', 'b\\': '4' });
  });

  it('reads a number sent as a string the same way', () => {
    expect(parseExactJson('{"p":"0.5994","q":0.5994}')).toEqual({ p: '0.5994', q: '0.5994' });
  });

  it('keeps __proto__ as a plain own key, never the prototype', () => {
    const value = parseExactJson('{"__proto__":{"polluted":1}}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.hasOwn(value, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each(['[01]', '[1.]', '[-]', '[.5]', '[1e]', '[0x10]', '[NaN]', '[Infinity]', '{"a":1', '<html>', '', '[1 2]'])(
    'rejects malformed JSON %j with a SyntaxError',
    (text) => {
      expect(() => parseExactJson(text)).toThrow(SyntaxError);
    },
  );

  it('reads the real CoinGecko fixture', () => {
    const [btc] = parseExactJson(fixture('coingecko-markets-2024.json')) as Array<Record<string, unknown>>;
    expect(btc).toMatchObject({
      id: 'bitcoin',
      current_price: '70187',
      price_change_percentage_24h: '3.12502',
      roi: null,
    });
  });

  it('agrees with JSON.parse on any JSON value, numbers coming back as their text', () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        const plain: unknown = JSON.parse(text);
        const exact = parseExactJson(text);
        const quoted = quoteNumbers(text);
        expect(() => JSON.parse(quoted) as unknown).not.toThrow();
        expectNumbersAsText(plain, exact);
      }),
      { numRuns: 500 },
    );
  });
});

/** Expects `exact` to be `plain` (from JSON.parse) with each number a string that parses back to that float. */
function expectNumbersAsText(plain: unknown, exact: unknown): void {
  if (typeof plain === 'number') {
    expect(typeof exact).toBe('string');
    expect(Number(exact)).toBe(plain);
  } else if (Array.isArray(plain)) {
    expect(exact).toHaveLength(plain.length);
    plain.forEach((x, i) => expectNumbersAsText(x, (exact as unknown[])[i]));
  } else if (plain && typeof plain === 'object') {
    expect(Object.keys(exact as object)).toEqual(Object.keys(plain));
    for (const [k, x] of Object.entries(plain)) expectNumbersAsText(x, (exact as Record<string, unknown>)[k]);
  } else expect(exact).toEqual(plain);
}

describe('exact JSON: number-shaped object keys', () => {
  it.each([
    '{1:2}',
    '{"a":1,2:3}',
    '{-1:0}',
    '{ 1 : 2 }',
    '{1e5:0}',
    '{0.5:"x"}',
    '{"a":{1:2}}',
    '[{"a":1},{2:3}]',
    '{"a":[1,2],3:4}',
    '{"a":1,\n-2:3}',
  ])('rejects %j with a SyntaxError, not a JsonDepthError', (text) => {
    expect(outcome(text)).toEqual({ error: 'syntax' });
  });

  it('leaves a number where a key belongs bare and quotes the values around it', () => {
    expect(quoteNumbers('{"a":1,2:3}')).toBe('{"a":"1",2:"3"}');
    expect(quoteNumbers('[1,{-1:[2]},{"b":4,5:6}]')).toBe('["1",{-1:["2"]},{"b":"4",5:"6"}]');
  });

  it('still reads number-shaped keys sent as strings, and numbers after nested containers', () => {
    expect(parseExactJson('{"1":2,"a":[3,{"b":4}],"-5":{"6":7},"c":8}')).toEqual({
      1: '2',
      a: ['3', { b: '4' }],
      '-5': { 6: '7' },
      c: '8',
    });
  });
});

describe('exact JSON: nesting depth', () => {
  it(`accepts ${MAX_JSON_DEPTH} levels of arrays and of objects`, () => {
    expect(MAX_JSON_DEPTH).toBe(32);
    expect(parseExactJson(nest(32, '[', '1.50', ']'))).toEqual(JSON.parse(nest(32, '[', '"1.50"', ']')));
    expect(parseExactJson(nest(32, '{"a":', '-0', '}'))).toEqual(JSON.parse(nest(32, '{"a":', '"-0"', '}')));
    expect(parseExactJson(nest(31, '[', '{}', ']'))).toEqual(JSON.parse(nest(31, '[', '{}', ']')));
  });

  it.each([
    ['arrays', nest(33, '[', '1', ']')],
    ['objects', nest(33, '{"a":', '1', '}')],
    ['arrays and objects', nest(16, '[{"a":', '{}', '}]') + ''],
    ['containers opened after others closed', `[${'[]'.repeat(100)},${nest(32, '[', '', ']')}]`],
  ])('rejects 33 levels of %s with a JsonDepthError', (_, text) => {
    let thrown: unknown;
    try {
      parseExactJson(text);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(JsonDepthError);
    expect(thrown).toBeInstanceOf(SyntaxError);
    expect(thrown).toMatchObject({ name: 'JsonDepthError', message: 'nested too deep (more than 32 levels)' });
  });

  it('does not count brackets inside strings', () => {
    const text = `{"a":"${'[{'.repeat(100)}","b":[${JSON.stringify(']'.repeat(50) + '\\"[[[')}]}`;
    expect(parseExactJson(text)).toEqual(JSON.parse(text));
  });

  it.each([
    ['[[[[…', nest(1e6, '[', '0', ']')],
    ['{"a":{"a":…', nest(1e6, '{"a":', '0', '}')],
    ['unclosed [[[[…', '['.repeat(1e6)],
    ['too deep after a malformed start', 'x,,' + nest(1e6, '[', '', ']')],
  ])('rejects %s a million levels deep with a JsonDepthError', (_, text) => {
    expect(() => parseExactJson(text)).toThrow(JsonDepthError);
  });

  it.each([
    '[]]',
    ']]]]',
    '}',
    '{]',
    '[}',
    '{"a":[}]',
    '[1,{"a":2]]',
    `]${'['.repeat(40)}`,
    `${nest(3, '[', '', ']')}]${'['.repeat(40)}`,
  ])('rejects unbalanced brackets %j with a plain SyntaxError', (text) => {
    expect(outcome(text)).toEqual({ error: 'syntax' });
  });
});

describe('exact JSON: strings with escapes', () => {
  it('quotes numbers after strings ending in escaped backslashes and quotes', () => {
    expect(parseExactJson('["\\\\",1]')).toEqual(['\\', '1']);
    expect(parseExactJson('["\\\\\\"",2,"\\\\\\\\",3]')).toEqual(['\\"', '2', '\\\\', '3']);
    expect(parseExactJson('{"a\\\\":1,"\\"1":2,"b\\\\\\"c":-3.0}')).toEqual({ 'a\\': '1', '"1': '2', 'b\\"c': '-3.0' });
    expect(parseExactJson('["\\u0022",4,"\\/\\b\\f\\n\\r\\t",5]')).toEqual(['"', '4', '/\b\f\n\r\t', '5']);
  });

  it('keeps long strings of escapes intact, with the numbers after them', () => {
    const texts = [
      '\\'.repeat(5000),
      '"'.repeat(5000),
      '\\"'.repeat(3000),
      '"\\'.repeat(3000) + '{[1,2]}:',
      '1,2]'.repeat(1000),
    ];
    const body = `{${texts.map((t, i) => `${JSON.stringify(t)}:${i}.0`).join(',')},"end":[${texts.map((t) => JSON.stringify(t)).join(',')},-7e1]}`;
    const expected = Object.fromEntries<unknown>([
      ...texts.map((t, i) => [t, `${i}.0`] as const),
      ['end', [...texts, '-7e1']],
    ]);
    expect(parseExactJson(body)).toEqual(expected);
  });

  it('rejects a string whose closing quote is escaped, however long', () => {
    for (const text of ['["\\"]', `["${'\\\\'.repeat(1000)}\\"]`, '{"a\\":1}', '"\\'])
      expect(outcome(text)).toEqual({ error: 'syntax' });
  });
});

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

describe('exact JSON on random valid and invalid documents', () => {
  it('accepts what JSON.parse accepts, numbers as their text, unless nested past 32 levels (then JsonDepthError)', () => {
    fc.assert(
      fc.property(documents, (text) => {
        const ours = outcome(text);
        const verdict = bracketVerdict(text);
        if (isJson(text)) expect(verdict).toBe(depthOf(JSON.parse(text)) > MAX_JSON_DEPTH ? 'depth' : undefined);
        if (verdict === 'depth') expect(ours).toEqual({ error: 'depth' });
        else if (!isJson(text)) expect(ours).toEqual({ error: 'syntax' });
        else {
          expect(ours).toHaveProperty('value');
          expectNumbersAsText(JSON.parse(text), (ours as { value: unknown }).value);
        }
      }),
      { numRuns: 3000, seed: 20240611 },
    );
  });

  it('the random documents are a fair mix of accepted, malformed and too deep', () => {
    const kinds = { value: 0, syntax: 0, depth: 0 };
    for (const text of fc.sample(documents, { numRuns: 2000, seed: 7 })) {
      const result = outcome(text);
      kinds['error' in result ? result.error : 'value']++;
    }
    expect(kinds.value).toBeGreaterThan(400);
    expect(kinds.syntax).toBeGreaterThan(400);
    expect(kinds.depth).toBeGreaterThan(100);
  });

  it('reads every document as JSON.parse with the source-text reviver does (the oracle)', () => {
    const texts = [
      '[0.10,-0,1E+2,{"a":12345678901234567890123}]',
      '{1:2}',
      '{"a":1,2:3}',
      nest(32, '[', '0.10', ']'),
      ...fc.sample(documents, { numRuns: 2000, seed: 99 }),
    ];
    // The child reads every text with the oracle and prints how each ended, JSON-encoded.
    const child = `
      const texts = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
      const oracle = (text) => JSON.parse(text, (key, value, context) => (typeof value === 'number' ? context.source : value));
      console.log(JSON.stringify(texts.map((text) => {
        try { return { value: oracle(text) }; } catch (e) { return { error: String(e) }; }
      })));`;
    // Node 20 has the reviver's source text behind a flag; later versions have it on by default.
    const hasSource: unknown = JSON.parse(
      '1',
      (_key, value: unknown, context?: { source?: string }) => context?.source ?? value,
    );
    const flags = hasSource === '1' ? [] : ['--harmony-json-parse-with-source'];
    const run = spawnSync(process.execPath, [...flags, '-e', child], {
      input: JSON.stringify(texts),
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    });
    expect(run.stderr).toBe('');
    const oracle = JSON.parse(run.stdout) as Array<{ value: unknown } | { error: string }>;
    expect(oracle.slice(0, 4)).toEqual([
      { value: ['0.10', '-0', '1E+2', { a: '12345678901234567890123' }] },
      { error: expect.stringContaining('SyntaxError') as unknown },
      { error: expect.stringContaining('SyntaxError') as unknown },
      { value: JSON.parse(nest(32, '[', '"0.10"', ']')) as unknown },
    ]);
    const differing = texts.flatMap((text, i) => {
      const theirs = oracle[i]!;
      const verdict = bracketVerdict(text);
      const expected = verdict === 'depth' ? { error: 'depth' } : 'value' in theirs ? theirs : { error: 'syntax' };
      const ours = outcome(text);
      return JSON.stringify(ours) === JSON.stringify(expected) ? [] : [{ text, ours, expected }];
    });
    expect(differing).toEqual([]);
    expect(oracle.filter((o) => 'value' in o).length).toBeGreaterThan(400);
  });
});
