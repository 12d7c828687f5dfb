import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  MESSAGE_LANGUAGES,
  defineMessages,
  messagesFor,
  relativeUpdated,
  type MessageKey,
  type Messages,
} from '../../../src/i18n/messages.js';

const REQUIRED = [
  'en',
  'de',
  'fr',
  'es',
  'pt',
  'it',
  'nl',
  'pl',
  'tr',
  'ru',
  'uk',
  'ar',
  'he',
  'fa',
  'hi',
  'bn',
  'ja',
  'ko',
  'zh-Hans',
  'zh-Hant',
  'id',
  'vi',
  'th',
];
const KEYS: MessageKey[] = [
  'label',
  'pause',
  'play',
  'up',
  'down',
  'unchanged',
  'delayed',
  'failed',
  'unavailable',
  'updated',
  'loading',
  'marketCap',
  'volume',
];
/** Messages that are genuinely the same word as in English. */
const SAME_AS_ENGLISH: Record<string, MessageKey[]> = {
  fr: ['pause', 'volume'], // French UIs write "Pause" (YouTube, Netflix, system players)
  // "Volume" is the trading word in these languages too.
  pt: ['volume'],
  it: ['volume'],
  nl: ['volume'],
  id: ['volume'],
};

// The module keeps page overrides for the life of the page; each test below uses its own
// tags (or resets what it defined) so the order of tests does not matter.
const english = messagesFor('en');

describe('built-in messages', () => {
  it('cover every required language', () => {
    expect([...MESSAGE_LANGUAGES].sort()).toEqual([...REQUIRED].sort());
  });

  it.each(REQUIRED)('%s has every key, non-empty, translated', (language) => {
    const m = messagesFor(language);
    expect(Object.keys(m).sort()).toEqual([...KEYS].sort());
    for (const key of KEYS) {
      expect(m[key], key).toBeTypeOf('string');
      expect(m[key].trim(), key).not.toBe('');
      expect(m[key], key).toBe(m[key].trim());
      expect(m[key], key).not.toContain('|');
      if (language !== 'en' && !SAME_AS_ENGLISH[language]?.includes(key))
        expect(m[key], `${language}.${key}`).not.toBe(english[key]);
    }
    for (const key of SAME_AS_ENGLISH[language] ?? []) expect(m[key]).toBe(english[key]);
  });

  it.each(REQUIRED)('%s has {time} exactly once in `updated` and nowhere else', (language) => {
    const m = messagesFor(language);
    expect(m.updated.split('{time}')).toHaveLength(2);
    for (const key of KEYS) if (key !== 'updated') expect(m[key], key).not.toContain('{');
  });

  it('has English as documented', () => {
    expect(english).toEqual({
      label: 'Cryptocurrency prices',
      pause: 'Pause',
      play: 'Play',
      up: 'up',
      down: 'down',
      unchanged: 'unchanged',
      delayed: 'Prices delayed',
      failed: 'Update failed',
      unavailable: 'Prices unavailable',
      updated: 'updated {time}',
      loading: 'Loading prices',
      marketCap: 'market cap',
      volume: 'volume',
    } satisfies Messages);
  });

  it('are frozen, so a caller cannot change them for everyone', () => {
    expect(Object.isFrozen(messagesFor('de'))).toBe(true);
  });
});

describe('language matching', () => {
  const hant = messagesFor('zh-Hant');
  const hans = messagesFor('zh-Hans');
  it.each(['zh-TW', 'zh-HK', 'zh-MO', 'zh-Hant', 'zh-Hant-CN', 'zh-hant-tw'])('%s → zh-Hant', (tag) => {
    expect(messagesFor(tag)).toEqual(hant);
  });
  it.each(['zh', 'zh-CN', 'zh-SG', 'zh-Hans', 'zh-Hans-HK', 'ZH-cn'])('%s → zh-Hans', (tag) => {
    expect(messagesFor(tag)).toEqual(hans);
  });
  it('asks for the likely script only where some messages are for more than the language', () => {
    const maximize = vi.spyOn(Intl.Locale.prototype, 'maximize');
    try {
      expect(messagesFor('nl-SR')).toEqual(messagesFor('nl'));
      expect(maximize).not.toHaveBeenCalled();
      expect(messagesFor('zh-Hant-MO')).toEqual(hant);
      expect(maximize).toHaveBeenCalled();
      // The page's messages count too: Uzbek in Uzbekistan is written in Latin script.
      maximize.mockClear();
      defineMessages('uz-Latn', { label: 'Kriptovalyuta narxlari' });
      expect(messagesFor('uz-UZ').label).toBe('Kriptovalyuta narxlari');
      expect(maximize).toHaveBeenCalled();
    } finally {
      maximize.mockRestore();
    }
  });
  it('Traditional and Simplified differ', () => {
    expect(hant.label).not.toBe(hans.label);
  });
  it.each([
    ['pt-BR', 'pt'],
    ['pt-PT', 'pt'],
    ['de-AT', 'de'],
    ['de-CH', 'de'],
    ['en-GB', 'en'],
    ['fr-CA', 'fr'],
    ['es-419', 'es'],
    ['ar-EG', 'ar'],
    ['sr-Latn-RS-u-nu-latn', 'en'],
    ['ja-JP-u-ca-japanese', 'ja'],
    ['iw', 'he'],
    ['iw-IL', 'he'],
    ['in', 'id'],
    ['he-IL', 'he'],
    ['DE', 'de'],
  ])('%s → %s', (tag, language) => {
    expect(messagesFor(tag)).toEqual(messagesFor(language));
  });
  it.each(['xx', 'km', 'en-US', 'zz-ZZ'])('%s → English', (tag) => {
    expect(messagesFor(tag)).toEqual(english);
  });
  it.each(['', ' ', 'en_US', 'not a tag', 'x', '12', 'de-', '-de', 'toString', '__proto__', 'constructor'])(
    'invalid or odd tag %j → English, without throwing',
    (tag) => {
      expect(() => messagesFor(tag)).not.toThrow();
      expect(messagesFor(tag)).toEqual(english);
      expect(() => relativeUpdated(tag, new Date(0), 5_000)).not.toThrow();
    },
  );
  it('returns the same cached object for the same locale', () => {
    expect(messagesFor('nl-BE')).toBe(messagesFor('nl-BE'));
  });
  it('stays correct past the size of its cache', () => {
    const tags = Array.from({ length: 40 }, (_, i) => `de-${String(100 + i)}`); // UN M.49 region codes
    for (const tag of tags) expect(messagesFor(tag).label).toBe(messagesFor('de').label);
    expect(messagesFor(tags[0]!).label).toBe(messagesFor('de').label);
  });
});

describe('defineMessages', () => {
  it('a language-level override changes only the given keys, for every tag of the language', () => {
    const before = messagesFor('it-CH');
    defineMessages('it', { label: 'Quotazioni cripto' });
    for (const tag of ['it', 'it-IT', 'it-CH']) {
      expect(messagesFor(tag)).toEqual({ ...before, label: 'Quotazioni cripto' });
    }
    expect(messagesFor('fr').label).not.toBe('Quotazioni cripto');
  });

  it('a tag-level override wins over the language-level one, only for that tag', () => {
    defineMessages('nl', { pause: 'Stop', play: 'Start' });
    defineMessages('nl-BE', { pause: 'Pauze' });
    expect(messagesFor('nl-BE')).toMatchObject({ pause: 'Pauze', play: 'Start' });
    expect(messagesFor('nl-NL')).toMatchObject({ pause: 'Stop', play: 'Start' });
    expect(messagesFor('nl').label).toBe(messagesFor('nl-BE').label);
    // the order of the calls does not matter: the more specific tag still wins
    defineMessages('nl', { pause: 'Pauzeer' });
    expect(messagesFor('nl-BE').pause).toBe('Pauze');
    expect(messagesFor('nl').pause).toBe('Pauzeer');
  });

  it('a script-level override sits between the language and the region', () => {
    defineMessages('zh', { label: 'A' });
    defineMessages('zh-Hant', { label: 'B' });
    defineMessages('zh-HK', { label: 'C' });
    expect(messagesFor('zh-CN').label).toBe('A');
    expect(messagesFor('zh-TW').label).toBe('B');
    expect(messagesFor('zh-HK').label).toBe('C');
    expect(messagesFor('zh-Hant').label).toBe('B');
  });

  it('takes effect after a cached lookup (the cache is cleared)', () => {
    expect(messagesFor('pl').loading).toBe(messagesFor('pl-PL').loading);
    const cached = messagesFor('pl-PL');
    defineMessages('pl', { loading: 'Ładowanie…' });
    expect(messagesFor('pl-PL')).not.toBe(cached);
    expect(messagesFor('pl-PL').loading).toBe('Ładowanie…');
  });

  it('later calls for a tag add to earlier ones', () => {
    defineMessages('tr-CY', { pause: 'P' });
    defineMessages('tr-CY', { play: 'O' });
    expect(messagesFor('tr-CY')).toMatchObject({ pause: 'P', play: 'O', label: messagesFor('tr').label });
  });

  it('adds a language that is not built in, English filling the rest', () => {
    defineMessages('sw', { label: 'Bei za sarafu za kidijitali', updated: 'imesasishwa {time}' });
    expect(messagesFor('sw-KE')).toEqual({
      ...english,
      label: 'Bei za sarafu za kidijitali',
      updated: 'imesasishwa {time}',
    });
    const date = new Date(Date.UTC(2025, 0, 1, 12));
    const ago = new Intl.RelativeTimeFormat('sw-KE', { numeric: 'auto' }).format(-5, 'minute');
    expect(relativeUpdated('sw-KE', date, date.getTime() + 5 * 60_000)).toBe(`imesasishwa ${ago}`);
  });

  it('an English override also reaches locales that fall back to English', () => {
    defineMessages('en', { unavailable: 'No prices' });
    try {
      expect(messagesFor('en-AU').unavailable).toBe('No prices');
      expect(messagesFor('xx').unavailable).toBe('No prices');
      expect(messagesFor('de').unavailable).not.toBe('No prices');
    } finally {
      defineMessages('en', { unavailable: 'Prices unavailable' });
    }
  });

  it('accepts old codes and any case: iw and he are one language', () => {
    defineMessages('IW', { pause: 'עצור' });
    expect(messagesFor('he-IL').pause).toBe('עצור');
  });

  it('ignores unknown keys and values that are not strings', () => {
    const before = messagesFor('vi');
    defineMessages('vi', { nope: 'x', label: 42, pause: undefined } as unknown as Partial<Messages>);
    expect(messagesFor('vi')).toEqual(before);
    expect(Object.keys(messagesFor('vi'))).not.toContain('nope');
  });

  it('throws a RangeError for a malformed tag', () => {
    expect(() => defineMessages('en_US', { label: 'x' })).toThrow(RangeError);
    expect(messagesFor('en').label).toBe('Cryptocurrency prices');
  });
});

describe('relativeUpdated', () => {
  const date = new Date(Date.UTC(2025, 5, 15, 12, 0, 0));
  const at = (seconds: number) => date.getTime() + seconds * 1000;
  const rtf = (locale: string, value: number, unit: Intl.RelativeTimeFormatUnit) =>
    new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(value, unit);

  afterEach(() => {
    vi.useRealTimers();
  });

  // [seconds elapsed, value, unit]
  const cases: [number, number, Intl.RelativeTimeFormatUnit][] = [
    [0, 0, 'second'],
    [0.4, 0, 'second'],
    [30, -30, 'second'],
    [59, -59, 'second'],
    [60, -1, 'minute'],
    [5 * 60 + 59, -5, 'minute'],
    [59 * 60 + 59, -59, 'minute'],
    [3600, -1, 'hour'],
    [3 * 3600 + 1800, -3, 'hour'],
    [23 * 3600 + 3599, -23, 'hour'],
    [86400, -1, 'day'],
    [3 * 86400 + 7200, -3, 'day'],
  ];

  it.each(['en', 'de', 'ja', 'ar'])('%s: the `updated` template around Intl.RelativeTimeFormat', (locale) => {
    const template = messagesFor(locale).updated;
    for (const [elapsed, value, unit] of cases) {
      expect(relativeUpdated(locale, date, at(elapsed)), `${elapsed}s`).toBe(
        template.replace('{time}', rtf(locale, value, unit)),
      );
    }
  });

  it('reads naturally in the four checked languages', () => {
    expect(relativeUpdated('en', date, at(300))).toBe(`updated ${rtf('en', -5, 'minute')}`);
    expect(relativeUpdated('de-DE', date, at(300))).toBe(`aktualisiert ${rtf('de-DE', -5, 'minute')}`);
    expect(relativeUpdated('ja-JP', date, at(300))).toBe(`${rtf('ja-JP', -5, 'minute')}に更新`);
    expect(relativeUpdated('ar-EG', date, at(300))).toBe(`تم التحديث ${rtf('ar-EG', -5, 'minute')}`);
  });

  it('formats the time in the full locale (region, numbering system) of a matched language', () => {
    expect(relativeUpdated('pt-PT', date, at(86400 * 2))).toBe(`atualizado ${rtf('pt-PT', -2, 'day')}`);
    expect(relativeUpdated('zh-TW', date, at(600))).toBe(`${rtf('zh-TW', -10, 'minute')}更新`);
    expect(relativeUpdated('ar-u-nu-arab', date, at(600))).toBe(`تم التحديث ${rtf('ar-u-nu-arab', -10, 'minute')}`);
  });

  it('keeps the time in English when the words fall back to English', () => {
    expect(relativeUpdated('sq-AL', date, at(300))).toBe(`updated ${rtf('en', -5, 'minute')}`);
    expect(relativeUpdated('not a tag', date, at(300))).toBe(`updated ${rtf('en', -5, 'minute')}`);
  });

  it('counts a date in the future as now, and gives "" for an invalid date', () => {
    expect(relativeUpdated('en', date, at(-120))).toBe(`updated ${rtf('en', 0, 'second')}`);
    expect(relativeUpdated('en', new Date(Number.NaN), at(0))).toBe('');
  });

  it('defaults `now` to the current time', () => {
    vi.useFakeTimers({ now: at(7200) });
    expect(relativeUpdated('de', date)).toBe(`aktualisiert ${rtf('de', -2, 'hour')}`);
  });

  it('does not treat `$` in an override or in the time as a replacement pattern', () => {
    defineMessages('en-ZA', { updated: '$& $1 {time} $$' });
    expect(relativeUpdated('en-ZA', date, at(60))).toBe(`$& $1 ${rtf('en-ZA', -1, 'minute')} $$`);
  });
});
