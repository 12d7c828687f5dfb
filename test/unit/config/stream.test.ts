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

describe('stream-endpoint and endpoint: one URL check, each with its own schemes', () => {
  it('endpoint takes http(s) only; stream-endpoint ws(s) only', () => {
    const endpoint = (v: string) => SETTINGS.endpoint.read(v);
    const streamEndpoint = (v: string) => SETTINGS.streamEndpoint.read(v);
    expect(endpoint('https://proxy.example/api')).toBe('https://proxy.example/api');
    expect(endpoint('http://proxy.example/')).toBe('http://proxy.example/');
    for (const url of ['wss://relay.example/', 'ws://relay.example/', 'httpss://x.example/']) {
      expect(endpoint(url), url).toBeUndefined();
    }
    expect(streamEndpoint('wss://relay.example/')).toBe('wss://relay.example/');
    expect(streamEndpoint('ws://relay.example/')).toBe('ws://relay.example/');
    for (const url of ['https://relay.example/', 'wsss://relay.example/', 'wss://u:p@relay.example/']) {
      expect(streamEndpoint(url), url).toBeUndefined();
    }
  });
});
