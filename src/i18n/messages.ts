/**
 * The ticker's own words (button names, status notes, screen-reader words, the default
 * `label`) in many languages, with page overrides. See docs/messages.md.
 *
 * The table is one string per language, the messages in `KEYS` order separated by `|`,
 * split on first use: the smallest form for the bundle.
 */
export interface Messages {
  /** Accessible name of the ticker region (the `label` attribute wins over it). */
  label: string;
  /** The pause button's accessible name while moving. */
  pause: string;
  /** The pause button's accessible name while paused. */
  play: string;
  /** Screen-reader word before a rising change ("up 0.73 percent"). */
  up: string;
  /** Screen-reader word before a falling change. */
  down: string;
  /** Screen-reader word for a change that rounds to zero. */
  unchanged: string;
  /** Status when the data is stale. */
  delayed: string;
  /** Status when the last poll failed but the data is not stale yet. */
  failed: string;
  /** Status when there has never been data. */
  unavailable: string;
  /** `{time}` is replaced by `Intl.RelativeTimeFormat` text ("5 minutes ago"). */
  updated: string;
  /** Accessible text of the skeleton row. */
  loading: string;
  /** Label of the market cap, seen before it and heard with it. */
  marketCap: string;
  /** Label of the 24-hour trading volume, seen before it and heard with it. */
  volume: string;
}
export type MessageKey = keyof Messages;

/** The messages in the order of the table's texts, written as the table is. */
const KEY_TEXT = 'label|pause|play|up|down|unchanged|delayed|failed|unavailable|updated|loading|marketCap|volume';
const KEYS = KEY_TEXT.split('|') as readonly MessageKey[];

// Languages of one family or script stand together: the compressed bundle is smaller that way.
const TABLE: Record<string, string> = {
  en: 'Cryptocurrency prices|Pause|Play|up|down|unchanged|Prices delayed|Update failed|Prices unavailable|updated {time}|Loading prices|market cap|volume',
  fr: 'Cours des cryptomonnaies|Pause|Reprendre|en hausse de|en baisse de|inchangé|Cours retardés|Échec de la mise à jour|Cours indisponibles|mis à jour {time}|Chargement des cours|capitalisation|volume',
  es: 'Precios de criptomonedas|Pausar|Reanudar|sube|baja|sin cambios|Precios con retraso|Error al actualizar|Precios no disponibles|actualizado {time}|Cargando precios|capitalización|volumen',
  pt: 'Preços de criptomoedas|Pausar|Retomar|sobe|cai|sem alteração|Preços atrasados|Falha na atualização|Preços indisponíveis|atualizado {time}|Carregando preços|capitalização|volume',
  it: 'Prezzi delle criptovalute|Pausa|Riprendi|in rialzo|in calo|invariato|Prezzi in ritardo|Aggiornamento non riuscito|Prezzi non disponibili|aggiornato {time}|Caricamento dei prezzi|capitalizzazione|volume',
  de: 'Kryptowährungskurse|Pausieren|Fortsetzen|plus|minus|unverändert|Kurse verzögert|Aktualisierung fehlgeschlagen|Kurse nicht verfügbar|aktualisiert {time}|Kurse werden geladen|Marktkapitalisierung|Volumen',
  nl: 'Cryptokoersen|Pauzeren|Hervatten|omhoog|omlaag|onveranderd|Koersen vertraagd|Bijwerken mislukt|Koersen niet beschikbaar|bijgewerkt {time}|Koersen laden|marktkapitalisatie|volume',
  pl: 'Kursy kryptowalut|Wstrzymaj|Wznów|wzrost|spadek|bez zmian|Kursy opóźnione|Aktualizacja nie powiodła się|Kursy niedostępne|zaktualizowano {time}|Wczytywanie kursów|kapitalizacja|wolumen',
  tr: 'Kripto para fiyatları|Duraklat|Devam ettir|yükseliş|düşüş|değişmedi|Fiyatlar gecikmeli|Güncelleme başarısız|Fiyatlar kullanılamıyor|{time} güncellendi|Fiyatlar yükleniyor|piyasa değeri|hacim',
  id: 'Harga mata uang kripto|Jeda|Lanjutkan|naik|turun|tidak berubah|Harga tertunda|Pembaruan gagal|Harga tidak tersedia|diperbarui {time}|Memuat harga|kapitalisasi pasar|volume',
  vi: 'Giá tiền mã hóa|Tạm dừng|Tiếp tục|tăng|giảm|không đổi|Giá bị trễ|Cập nhật thất bại|Không có dữ liệu giá|cập nhật {time}|Đang tải giá|vốn hóa|khối lượng',
  ru: 'Курсы криптовалют|Пауза|Продолжить|рост|падение|без изменений|Курсы с задержкой|Не удалось обновить|Курсы недоступны|обновлено {time}|Загрузка курсов|капитализация|объём',
  uk: 'Курси криптовалют|Пауза|Продовжити|зростання|падіння|без змін|Курси із затримкою|Не вдалося оновити|Курси недоступні|оновлено {time}|Завантаження курсів|капіталізація|обсяг',
  he: 'מחירי מטבעות קריפטו|השהה|המשך|עלייה|ירידה|ללא שינוי|המחירים באיחור|העדכון נכשל|המחירים אינם זמינים|עודכן {time}|המחירים נטענים|שווי שוק|מחזור',
  ar: 'أسعار العملات المشفرة|إيقاف مؤقت|استئناف|ارتفاع|انخفاض|دون تغيير|الأسعار متأخرة|تعذّر التحديث|الأسعار غير متاحة|تم التحديث {time}|جارٍ تحميل الأسعار|القيمة السوقية|حجم التداول',
  fa: 'قیمت رمزارزها|توقف|ادامه|افزایش|کاهش|بدون تغییر|قیمت\u200cها با تأخیر|به\u200cروزرسانی ناموفق|قیمت\u200cها در دسترس نیست|{time} به\u200cروزرسانی شد|در حال بارگیری قیمت\u200cها|ارزش بازار|حجم معاملات',
  hi: 'क्रिप्टोकरेंसी की कीमतें|रोकें|जारी रखें|बढ़त|गिरावट|अपरिवर्तित|कीमतों में देरी|अपडेट नहीं हो सका|कीमतें उपलब्ध नहीं|{time} अपडेट किया गया|कीमतें लोड हो रही हैं|मार्केट कैप|वॉल्यूम',
  bn: 'ক্রিপ্টোকারেন্সির দাম|থামান|চালু করুন|বৃদ্ধি|হ্রাস|অপরিবর্তিত|দাম বিলম্বিত|আপডেট ব্যর্থ|দাম পাওয়া যাচ্ছে না|{time} আপডেট হয়েছে|দাম লোড হচ্ছে|মার্কেট ক্যাপ|ভলিউম',
  th: 'ราคาคริปโต|หยุดชั่วคราว|เล่นต่อ|เพิ่มขึ้น|ลดลง|คงที่|ราคาล่าช้า|อัปเดตไม่สำเร็จ|ไม่มีข้อมูลราคา|อัปเดตเมื่อ {time}|กำลังโหลดราคา|มูลค่าตลาด|ปริมาณการซื้อขาย',
  ko: '암호화폐 시세|일시중지|재개|상승|하락|변동 없음|시세 지연|업데이트 실패|시세를 불러올 수 없음|{time} 업데이트됨|시세 불러오는 중|시가총액|거래량',
  ja: '暗号資産の価格|一時停止|再開|上昇|下落|変わらず|価格の更新が遅れています|更新に失敗しました|価格を取得できません|{time}に更新|価格を読み込み中|時価総額|出来高',
  'zh-Hans': '加密货币价格|暂停|继续|上涨|下跌|持平|价格延迟|更新失败|无法获取价格|{time}更新|正在加载价格|市值|成交量',
  'zh-Hant': '加密貨幣價格|暫停|繼續|上漲|下跌|持平|價格延遲|更新失敗|無法取得價格|{time}更新|正在載入價格|市值|成交量',
};

/** The built-in languages, as the tags `messagesFor` matches against. */
export const MESSAGE_LANGUAGES: readonly string[] = Object.keys(TABLE);

interface Resolved {
  messages: Messages;
  /** The locale for `Intl.RelativeTimeFormat`, in the same language as `messages`. */
  time: string;
  rtf?: Intl.RelativeTimeFormat;
}

const pageMessages = new Map<string, Partial<Messages>>();
const cache = new Map<string, Resolved>();

// Lookups in TABLE are by canonical tag, whose language subtag is lower case: never an
// Object.prototype name such as `toString`. Decoded for each resolve, which is cached.
function builtIn(language: string): Messages {
  const parts = TABLE[language]!.split('|');
  return Object.fromEntries(KEYS.map((key, i) => [key, parts[i]])) as unknown as Messages;
}

/** The canonical tag, with the old codes `iw` and `in`; throws a RangeError when malformed. */
function canonical(locale: string): string {
  return Intl.getCanonicalLocales(locale.replace(/^i[wn](?=-|$)/i, (code) => (/w/i.test(code) ? 'he' : 'id')))[0]!;
}

function resolve(locale: string): Resolved {
  let resolved = cache.get(locale);
  if (resolved) return resolved;
  let tag = 'en';
  // From the language alone to the full tag: zh, zh-Hant, zh-TW (script by CLDR's likely subtags).
  let chain: string[] = [];
  try {
    tag = canonical(locale);
    const parsed = new Intl.Locale(tag);
    const { language, region } = parsed;
    // The likely script (CLDR's data, loaded on first use: milliseconds on a page's first render)
    // only where some messages are for more than the language alone.
    const known = [...Object.keys(TABLE), ...pageMessages.keys()];
    const { script } = known.some((t) => t.startsWith(`${language}-`)) ? parsed.maximize() : parsed;
    chain = [...new Set([language, `${language}-${script}`, `${language}-${region}`, tag])];
  } catch {
    // malformed: English
  }
  let language: string | undefined;
  for (const t of chain) if (TABLE[t] !== undefined) language = t; // the most specific one
  const own = chain.filter((t) => pageMessages.has(t));
  // English with the page's English, under the language, under the page's overrides by specificity.
  const messages = Object.freeze(
    Object.assign(
      {},
      builtIn('en'),
      pageMessages.get('en'),
      language && builtIn(language),
      ...own.map((t) => pageMessages.get(t)),
    ),
  ) as Messages;
  // The time is written in the same language as the words around it.
  resolved = { messages, time: language || own[0] ? tag : 'en' };
  if (cache.size > 15) cache.delete(cache.keys().next().value!);
  cache.set(locale, resolved);
  return resolved;
}

/** The messages for a BCP 47 locale: page overrides, then the best built-in language, then English. */
export function messagesFor(locale: string): Messages {
  return resolve(locale).messages;
}

/**
 * Lets a page override any message for a language (`'de'`) or a full tag (`'de-CH'`); more
 * specific wins, and later calls for the same tag add to earlier ones. Keys that are not
 * messages and values that are not strings are ignored. Throws a RangeError for a malformed
 * tag. Takes effect on the next render.
 */
export function defineMessages(locale: string, overrides: Partial<Messages>): void {
  const tag = canonical(locale);
  const own = pageMessages.get(tag) ?? {};
  for (const key of KEYS) {
    const value: unknown = overrides[key];
    if (typeof value === 'string') own[key] = value;
  }
  pageMessages.set(tag, own);
  cache.clear();
}

/**
 * "updated 5 minutes ago" in the locale: the `updated` message with `{time}` replaced by
 * `Intl.RelativeTimeFormat` (`numeric: 'auto'`) in whole seconds below a minute, whole
 * minutes below an hour, hours below a day, then days ("yesterday", "3 days ago"). A date
 * in the future counts as now; an invalid date gives an empty string.
 */
export function relativeUpdated(locale: string, date: Date, now: number = Date.now()): string {
  const resolved = resolve(locale);
  const seconds = Math.min(0, Math.round((date.getTime() - now) / 1000));
  if (Number.isNaN(seconds)) return '';
  const abs = -seconds;
  const [value, unit]: [number, Intl.RelativeTimeFormatUnit] =
    abs < 60
      ? [seconds, 'second']
      : abs < 3600
        ? [seconds / 60, 'minute']
        : abs < 86400
          ? [seconds / 3600, 'hour']
          : [seconds / 86400, 'day'];
  const text = (resolved.rtf ??= new Intl.RelativeTimeFormat(resolved.time, { numeric: 'auto' })).format(
    Math.trunc(value),
    unit,
  );
  return resolved.messages.updated.replace('{time}', () => text);
}
