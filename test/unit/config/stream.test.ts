/** `stream`, a boolean attribute read through the settings table like every other. */
import { describe, expect, it } from 'vitest';
import { SETTINGS } from '../../../src/config.js';

const read = (value: unknown) => SETTINGS.stream.read(value);

describe('stream', () => {
  it('is on when the attribute is present, whatever its text, and off by default', () => {
    expect(SETTINGS.stream.default).toBe(false);
    for (const text of ['', 'stream', 'true', 'false']) expect(read(text), text).toBe(true);
  });

  it('takes a boolean from JavaScript; anything else is invalid (the default, with a warning)', () => {
    expect(read(true)).toBe(true);
    expect(read(false)).toBe(false);
    for (const value of [0, 1, null, undefined, {}, []]) expect(read(value), JSON.stringify(value)).toBeUndefined();
  });
});
